"""Sources: every article of the corpus with its events (all sections, all dates) and their date coverage."""
from __future__ import annotations

import streamlit as st

from app import common

events, path, mtime = common.current()


@st.cache_resource(max_entries=4)
def load_sources(path: str | None, mtime: float):
    return common.current()[0].sources()


st.title("Sources")
st.caption("Every article in the corpus, with its events (all sections, all dates) and their date coverage.")
st.dataframe(load_sources(path, mtime), key="sources_table", hide_index=True, width="stretch",
             column_config={"url": st.column_config.LinkColumn("Link"), "published_inferred": "Date inferred",
                            "source": "Outlet", "title": "Article", "published": "Published", "doc_id": "File",
                            "events": "Events", "mentions": "Mentions", "first_date": "From", "last_date": "To"})
