"""Registry: add a person (with a dated role) to the user registry the actors stage reads on the next build."""
from __future__ import annotations

from pathlib import Path

import streamlit as st

from app import common
from pipeline.explore import views
from pipeline.frame import curation

registry = Path(common.settings()["user_registry"])

st.title("Registry")
st.caption(views.escape_markdown(f"People added here go to {registry}; rebuild to use them."))
if common.settings()["read_only"]:
    st.info(views.READ_ONLY_NOTE)
    st.stop()
with st.form("registry_add"):
    name = st.text_input("Name", key="registry_name")
    country = st.text_input("Country (ISO 3166-1 alpha-3, e.g. FRA)", key="registry_country")
    role = st.text_input("Role", key="registry_role")
    since = st.text_input("Role since (YYYY-MM-DD)", key="registry_since")
    who = st.text_input("Your name (for the audit trail, required)", key="registry_who")
    if st.form_submit_button("Add person to registry"):
        try:
            entry = curation.add_person(registry, name, who or None, country=country or None, role=role or None,
                                        since=since or None)
            st.success(views.escape_markdown(f"Added {entry['name']} to {registry}; rebuild to use it."))
        except curation.CurationError as exc:
            st.error(views.escape_markdown(exc))
