"""Text for the analyst as safe Markdown: escaping, links, quotes with their date words marked, labels.

Split from views.py (issue 16), which re-exports these names.
"""
from __future__ import annotations

import html
import re


def link_url(url) -> str | None:
    """`url` when it may be a link: http(s), with no space or control character; else None. No javascript:,
    data: or file: link anywhere (the tables' link columns too, issue 17)."""
    url = url if isinstance(url, str) else ""
    if url.lower().startswith(("http://", "https://")) and not re.search(r"[\s\x00-\x1f\x7f]", url):
        return url
    return None


# What could end a Markdown link's destination early or start another: percent-encoded (the same address).
_DESTINATION = str.maketrans({"(": "%28", ")": "%29", "<": "%3C", ">": "%3E", "[": "%5B", "]": "%5D", "\\": "%5C"})


def link_markdown(text: str, url) -> str:
    """`text` (already escaped) as a Markdown link when `url` is http(s) (`link_url`), else plain: no other
    scheme is a link, and a URL cannot break out of the link (its brackets are percent-encoded)."""
    url = link_url(url)
    return f"[{text}]({url.translate(_DESTINATION)})" if url else text


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~:$<>])")


# Where GitHub-flavoured Markdown turns bare text into a link ("autolink literals": http://, https://, www.,
# name@host). Streamlit finds them in the text after backslash escapes are resolved, so escaping cannot stop them
# (a beacon URL in a headline became a live link, issue 17); an invisible WORD JOINER (U+2060) after the scheme,
# the "www" or the "@" breaks the pattern and shows the same text.
_AUTOLINK_LITERAL = re.compile(r"https?(?=:)|www(?=\.)|@", re.IGNORECASE)
WORD_JOINER = "\u2060"


def escape_markdown(text) -> str:
    """Any value (article text, file names, metadata, messages) for st.markdown and Streamlit's messages:
    HTML-escaped, Markdown punctuation backslashed and bare URLs and e-mail addresses kept from being linked,
    so it shows as text (no links, images, emphasis or HTML from what a file says). The one escape used
    wherever the dashboard renders Markdown."""
    text = _AUTOLINK_LITERAL.sub(lambda m: m.group(0) + WORD_JOINER, "" if text is None else str(text))
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))


def plotly_text(text) -> str:
    """Any value for a plotly label (axis ticks, legend, node and point text, hover): HTML-escaped, so plotly's
    tags (<a href>, <b>, <br>) in what a file says show as text, never as a link (issue 17)."""
    return html.escape("" if text is None else str(text), quote=False)


def date_spans(quote: str, date_text: str) -> list[tuple[int, int]]:
    """Where the date words occur in the quote (case-insensitive), as (start, end) offsets."""
    if not quote or not date_text or not date_text.strip():
        return []
    return [(m.start(), m.end()) for m in re.finditer(re.escape(date_text.strip()), quote, flags=re.I)]


def quote_markdown(quote: str, date_text: str) -> str:
    """The verbatim quote as safe Markdown with the date words highlighted (`:orange-background[...]`)."""
    spans = date_spans(quote, date_text)
    out, pos = [], 0
    for start, end in spans:
        out.append(escape_markdown(quote[pos:start]))
        out.append(":orange-background[**" + escape_markdown(quote[start:end]) + "**]")
        pos = end
    out.append(escape_markdown(quote[pos:]))
    return "".join(out)


def text_of(value, default: str = "") -> str:
    """A cell as text: None, or NaN in a pandas string column, is no text (`default`), never "nan"."""
    return value if isinstance(value, str) and value else default


def event_label(row) -> str:
    """A one-line label for an event in pickers and lists: date (at its precision: `date_display`), headline."""
    date = text_of(row.get("date_display") if hasattr(row, "get") else None) or text_of(row["date_start"]) or "undated"
    text = (text_of(row["headline"]) or text_of(row["quote"]))[:90]
    return f"{date} · {text}"

