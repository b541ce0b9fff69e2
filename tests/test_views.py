"""Views: shaping the events for the dashboard's panels; the one Markdown escape every rendered value goes through."""
from __future__ import annotations

import html
import re

from hypothesis import given
from hypothesis import strategies as st

from pipeline.explore.views import escape_markdown

PAYLOAD = "![x](http://evil.example/t.png) <script>alert(1)</script> **bold** [a](b)"


def test_messages_quoting_uploaded_names_are_inert_markdown():
    shown = escape_markdown(PAYLOAD)
    assert re.search(r"(?<!\\)[<>\[\]()!*:]", shown) is None  # every Markdown/HTML character is escaped
    assert html.unescape(shown.replace("\\", "")) == PAYLOAD


@given(st.text())
def test_escape_keeps_the_text(text):
    """Escaping hides nothing: unescaped, it is the text again (so analysts read what the file says)."""
    assert html.unescape(escape_markdown(text).replace("\\", "")) == text.replace("\\", "")


def test_escape_takes_any_value():
    assert escape_markdown(None) == ""
    assert escape_markdown(3) == "3"
