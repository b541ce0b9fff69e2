"""Streamlit dashboard: the entry point. Layout only; everything shown comes from `pipeline` (see app/).

`make run` serves it. The sidebar's filters are drawn here, for every page, and mirrored into the URL by the
Explore page, so a shared link reproduces the view. Pages: Explore (the timeline, the detail of an event, the
table, exports), Sources (every article), Corpus & curation (add articles, rebuild, curate), Registry.
"""
from __future__ import annotations

import streamlit as st

from app import common

st.set_page_config(page_title="Geopolitical timeline", page_icon="🗓️", layout="wide")

pages = st.navigation([
    st.Page("app/explore.py", title="Explore", icon=":material/timeline:", default=True),
    st.Page("app/sources.py", title="Sources", icon=":material/newspaper:", url_path="sources"),
    st.Page("app/curation.py", title="Corpus & curation", icon=":material/edit_note:", url_path="curation"),
    st.Page("app/registry.py", title="Registry", icon=":material/group:", url_path="registry"),
])
st.session_state["_filter_state"] = common.filter_sidebar()
pages.run()
