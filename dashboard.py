"""Streamlit dashboard: layout only. Everything shown comes from pipeline/ functions."""
from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import streamlit as st

from pipeline.build import build
from pipeline.charts import timeline_figure
from pipeline.config import DEFAULTS
from pipeline.export import read_events
from pipeline.filters import filter_events


@st.cache_data(show_spinner="Building the timeline…")
def load_events(path: str | None, mtime: float | None):
    if path:
        return read_events(path)
    return build().frame


st.set_page_config(page_title="Geopolitical timeline", layout="wide")
events_path = os.environ.get("TIMELINE_EVENTS")
frame = load_events(events_path, Path(events_path).stat().st_mtime if events_path else None)

st.title("Geopolitical timeline")
with st.sidebar:
    st.header("Filters")
    dates = st.date_input("Date range", (date.fromisoformat(DEFAULTS["focus_start"]), date.fromisoformat(DEFAULTS["focus_end"])), key="dates")
    actors = st.multiselect("Actor", sorted({a for v in frame["actors"] for a in v}), key="actors")
    countries = st.multiselect("Country", sorted({c for v in frame["countries"] for c in v}), key="countries")

start, end = (dates if isinstance(dates, (tuple, list)) and len(dates) == 2 else (None, None))
shown = filter_events(frame, start, end, actors, countries)
st.plotly_chart(timeline_figure(shown), key="timeline")
st.dataframe(shown[["date_start", "date_text", "headline", "quote", "source", "title", "published", "url"]], key="table")


# ======================================================================================================
# Corpus & curation (issue 6) — a self-contained block: add articles, rebuild, curate, extend the registry.
# Its logic lives in pipeline/uploads.py, pipeline/build.py and pipeline/curation.py; this only lays it out.
# Paths: $TIMELINE_CORPUS (uploads; default settings "corpus"), $TIMELINE_EVENTS (default settings "out"),
# $TIMELINE_DB (default: curations.sqlite next to the events file).
# ======================================================================================================

def _ingest_paths() -> dict:
    from pipeline.config import validate_settings
    from pipeline.curation import default_db_path

    settings = validate_settings(None)
    out = os.environ.get("TIMELINE_EVENTS") or settings["out"]
    return {"settings": settings, "corpus": Path(os.environ.get("TIMELINE_CORPUS") or settings["corpus"]),
            "out": Path(out), "db": Path(os.environ.get("TIMELINE_DB") or default_db_path({"out": out})),
            "registry": Path(os.environ.get("TIMELINE_REGISTRY") or settings["user_registry"])}


def _ingest_rebuild(paths: dict, flash: str | None = None) -> None:
    """Rebuild from the default inputs plus the corpus folder, write the events file, keep the report, rerun."""
    from pipeline.export import write_events

    inputs = [i for i in [*paths["settings"]["inputs"], str(paths["corpus"])] if Path(i).exists()]
    bar = st.progress(0.0, text="Rebuilding…")
    result = build(inputs, {"out": str(paths["out"]), "db": str(paths["db"])},
                   progress=lambda i, n, name: bar.progress(i / max(n, 1), text=f"{i}/{n} {name}"))
    write_events(result.frame, paths["out"])
    st.cache_data.clear()
    st.cache_resource.clear()
    orphans = result.frame.attrs.get("curation_orphans") or []
    st.session_state["ingest_report"] = {
        "summary": f"{len(result.frame)} events from {len(result.documents)} articles "
                   f"({result.stats.get('reused', 0)} unchanged, reused) → {paths['out']}",
        "problems": [("error" if p.fatal else "warning", str(p)) for p in result.problems]
        + [("warning", f"curation #{o['id']} ({o['action']} {o['target']}): its event is no longer in the articles")
           for o in orphans],
    }
    st.session_state["ingest_flash"] = flash
    st.rerun()  # the timeline above reloads the rewritten events file


def corpus_and_curation_panel(frame=None) -> None:
    """Upload articles, rebuild with progress, list problems, curate one event, add a person to the registry."""
    from pipeline import curation
    from pipeline.export import read_events
    from pipeline.uploads import store_uploads

    paths = _ingest_paths()
    if frame is None and paths["out"].exists():
        frame = read_events(paths["out"])
    st.caption(f"Corpus folder: `{paths['corpus']}` · events: `{paths['out']}` · curations: `{paths['db']}`")
    report = st.session_state.get("ingest_report")
    flash = st.session_state.pop("ingest_flash", None)
    if flash:
        st.success(flash)
    add_tab, curate_tab, registry_tab = st.tabs(["Add articles", "Curate", "Registry"])

    with add_tab:
        files = st.file_uploader("Articles: .txt .md .html .json .jsonl, and a sources.csv for metadata",
                                 accept_multiple_files=True, key="ingest_files")
        if st.button("Store and rebuild", key="ingest_store", disabled=not files):
            bar = st.progress(0.0, text="Storing…")
            stored, problems = store_uploads(
                paths["corpus"], [(f.name, f.getvalue()) for f in files], paths["settings"]["max_upload_bytes"],
                progress=lambda i, n, name: bar.progress(i / n, text=f"Stored {i}/{n}: {name}"))
            st.session_state["ingest_uploaded"] = [s.path.name for s in stored]
            st.session_state["ingest_rejected"] = [str(p) for p in problems]
            _ingest_rebuild(paths)
        if st.button("Rebuild", key="ingest_rebuild"):
            _ingest_rebuild(paths)
        if st.session_state.get("ingest_uploaded"):
            st.success(f"Stored in the corpus: {', '.join(st.session_state['ingest_uploaded'])}")
        for msg in st.session_state.get("ingest_rejected", []):
            st.warning(f"Not stored: {msg}")
        if report:
            st.info(report["summary"])
            for level, msg in report["problems"]:
                (st.error if level == "error" else st.warning)(msg)

    with curate_tab:
        if frame is None or not len(frame):
            st.info("No events yet: add articles and rebuild.")
        else:
            who = st.text_input("Your name (for the audit trail)", key="curate_who")
            labels = {e: f"{d or '?'} · {h[:80]} · {s or doc}" for e, d, h, s, doc in
                      zip(frame["event_id"], frame["date_value"], frame["headline"], frame["source"], frame["doc_id"])}
            event_id = st.selectbox("Event", list(labels), format_func=labels.get, key="curate_event")
            row = frame.loc[frame["event_id"] == event_id].iloc[0]
            st.text(row["quote"])  # article text is shown as text, never as HTML
            verified = bool(row["verified"]) if "verified" in frame.columns else False
            st.caption(f"{'Verified' if verified else 'Not verified'} · {row['doc_id']} · cluster {row['cluster_id']}")
            c1, c2, c3 = st.columns(3)
            try:
                if c1.button("Verify", key="curate_verify"):
                    cid = curation.verify(paths["db"], event_id, who, frame)
                    _ingest_rebuild(paths, f"Curation #{cid}: verified {event_id}")
                if c2.button("Hide", key="curate_hide"):
                    cid = curation.hide(paths["db"], event_id, who, frame)
                    _ingest_rebuild(paths, f"Curation #{cid}: hid {event_id} (undo brings it back)")
                if c3.button("Undo last change", key="curate_undo"):
                    undone = curation.undo(paths["db"], who)
                    _ingest_rebuild(paths, f"Undone: #{undone['id']} {undone['action']} {undone['target']}")
                with st.form("curate_correct"):
                    date_value = st.text_input("Date (TIMEX3 value, e.g. 2020-11-10 or 2020-11)",
                                               row["date_value"] or "", key="curate_date")
                    actors = st.text_input("Actors (separated by ;)", ";".join(row["actors"]), key="curate_actors")
                    event_type = st.text_input("Event type", row["event_type"], key="curate_type")
                    headline = st.text_input("Headline", row["headline"], key="curate_headline")
                    if st.form_submit_button("Save correction"):
                        changes = {k: v for k, v, old in (
                            ("date_value", date_value, row["date_value"] or ""),
                            ("actors", actors, ";".join(row["actors"])),
                            ("event_type", event_type, row["event_type"]),
                            ("headline", headline, row["headline"])) if v != old}
                        if changes:
                            cid = curation.correct(paths["db"], event_id, changes, who, frame)
                            _ingest_rebuild(paths, f"Curation #{cid}: corrected {', '.join(changes)} of {event_id}")
                others = sorted(set(frame["cluster_id"]) - {row["cluster_id"]})
                m1, m2 = st.columns([3, 1])
                heads = frame.groupby("cluster_id")["headline"].agg(lambda h: " / ".join(h.head(2))).to_dict()
                into = m1.selectbox("Same real-world event as cluster", others, key="curate_merge_into",
                                    format_func=lambda c: f"{c} · {heads.get(c, '')[:100]}")
                if m2.button("Merge", key="curate_merge", disabled=not others):
                    cid = curation.merge_clusters(paths["db"], [row["cluster_id"], into], who, frame, into=into)
                    _ingest_rebuild(paths, f"Curation #{cid}: merged {row['cluster_id']} into {into}")
                if st.button("Split this event out of its cluster", key="curate_split"):
                    cid = curation.split_events(paths["db"], [event_id], who, frame)
                    _ingest_rebuild(paths, f"Curation #{cid}: {event_id} has a cluster of its own")
            except curation.CurationError as exc:
                st.error(str(exc))
            with st.form("curate_add"):
                st.markdown("**Add an event by hand**")
                a1, a2 = st.columns(2)
                add_date = a1.text_input("Date (e.g. 2020-11-10)", key="add_date")
                add_source = a2.text_input("Source (outlet)", key="add_source")
                add_headline = st.text_input("Headline", key="add_headline")
                add_url = st.text_input("Link (optional)", key="add_url")
                add_actors = st.text_input("Actors (separated by ;)", key="add_actors")
                if st.form_submit_button("Add event"):
                    fields = {"date_value": add_date, "source": add_source, "headline": add_headline,
                              "url": add_url, "actors": add_actors}
                    try:
                        cid, new_id = curation.add_event(paths["db"], {k: v for k, v in fields.items() if v}, who)
                        _ingest_rebuild(paths, f"Curation #{cid}: added event {new_id}")
                    except curation.CurationError as exc:
                        st.error(str(exc))
            log = curation.history(paths["db"])
            if len(log):
                st.dataframe(log.tail(20), key="curate_log", hide_index=True)

    with registry_tab:
        with st.form("registry_add"):
            name = st.text_input("Name", key="registry_name")
            country = st.text_input("Country (ISO 3166-1 alpha-3, e.g. FRA)", key="registry_country")
            role = st.text_input("Role", key="registry_role")
            since = st.text_input("Role since (YYYY-MM-DD)", key="registry_since")
            if st.form_submit_button("Add person to registry"):
                try:
                    entry = curation.add_person(paths["registry"], name, st.session_state.get("curate_who"),
                                                country=country or None, role=role or None, since=since or None)
                    st.success(f"Added {entry['name']} to {paths['registry']}; rebuild to use it.")
                except curation.CurationError as exc:
                    st.error(str(exc))


with st.expander("Corpus & curation", expanded=False):
    corpus_and_curation_panel(frame)
