"""Issue 17: what the dashboard renders as Markdown or as a table's link cannot become a link the file chose.

The browser test (tests/app/test_browser_beacon.py) found two leaks these pin down: Streamlit's Markdown links
bare URLs ("autolink literals") after backslash escapes are resolved, so an escaped beacon URL in a headline
became a live link; and the Sources and events tables showed `javascript:` and `data:` article URLs as links.
"""
from __future__ import annotations

import html
import re

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from pipeline.explore import views
from pipeline.explore.markup import WORD_JOINER, escape_markdown, link_markdown, link_url

# GitHub-flavoured Markdown's autolink literals (micromark-extension-gfm-autolink-literal): a scheme, "www."
# or an e-mail address's "@" followed by a domain character.
AUTOLINK = re.compile(r"https?://|www\.|@[-\w]", re.IGNORECASE)
BEACON = "http://127.0.0.1:8123"


def shown_text(markdown: str) -> str:
    """The text a Markdown renderer sees once backslash escapes and entities are resolved."""
    return html.unescape(re.sub(r"\\(.)", r"\1", markdown))


def test_bare_urls_and_addresses_are_not_linked():
    for text in (f"see {BEACON}/bare1 now", "HTTPS://Example.org/x", "go to www.example.org", "mail a@b.example",
                 f"<a href={BEACON}/a1>x</a>", f"[Session expired]({BEACON}/link1)", "http\\://x.example"):
        escaped = escape_markdown(text)
        assert AUTOLINK.search(shown_text(escaped)) is None, escaped
        assert shown_text(escaped).replace(WORD_JOINER, "") == text  # the same words, read as text


@given(st.lists(st.sampled_from(["http", "https", "HTTP", "://", ":", "/", "www", ".", "@", "a", "x.org", " ", "\\",
                                 "(", ")", "[", "]", "<", ">", "!"]), max_size=12).map("".join))
def test_no_autolink_survives_escaping(text):
    assert AUTOLINK.search(shown_text(escape_markdown(text))) is None


@given(st.text())
def test_escaping_keeps_every_character(text):
    assert shown_text(escape_markdown(text)).replace(WORD_JOINER, "") == text.replace(WORD_JOINER, "")


def test_only_http_urls_are_links():
    for url in ("javascript:alert(1)", " JaVaScRiPt:alert(1)", "data:text/html,<script>x</script>", "file:///etc/passwd",
                "vbscript:x", "https://a.example/x y", "https://a.example/\nx", "", None, float("nan"), 3):
        assert link_url(url) is None, url
        assert link_markdown("t", url) == "t"
    assert link_url("https://en.wikipedia.org/wiki/Foo_(bar)") == "https://en.wikipedia.org/wiki/Foo_(bar)"


def test_a_url_cannot_break_out_of_its_markdown_link():
    shown = link_markdown("Title", f"https://ok.example/a)![t]({BEACON}/break1)")
    assert shown == "[Title](https://ok.example/a%29!%5Bt%5D%28http://127.0.0.1:8123/break1%29)"
    assert link_markdown("W", "https://en.wikipedia.org/wiki/Foo_(bar)") == "[W](https://en.wikipedia.org/wiki/Foo_%28bar%29)"


def test_tables_link_only_http_urls():
    from conftest import ROOT
    from pipeline.frame.io import read_events

    frame = read_events(ROOT / "tests" / "data" / "events_fixture.json")
    urls = ["javascript:fetch('x')", "https://ok.example/a", "data:text/html,x", None, "https://ok.example/(b)"]
    docs = sorted(frame["doc_id"].unique())
    assert len(docs) == len(urls)
    frame["url"] = frame["doc_id"].map(dict(zip(docs, urls)))
    expected = [None, "https://ok.example/a", None, None, "https://ok.example/(b)"]

    def cells(column) -> list:
        return [x if isinstance(x, str) else None for x in column]  # a missing URL: None or NaN

    assert cells(views.sources_table(frame).set_index("doc_id")["url"].reindex(docs)) == expected
    page = views.table_page(frame, 200)
    by_doc = dict(zip(docs, expected))
    assert cells(page["table"]["url"]) == [by_doc[d] for d in frame.loc[page["table"].index, "doc_id"]]
    assert page["arrow"].column("url").to_pylist() == cells(page["table"]["url"])
