"""Corpus & curation: add articles and rebuild with progress, see the files' problems, curate one event (verify,
hide, correct, merge, split, add by hand, undo) with its audit trail. Layout only: the work is done in
`pipeline.ingest.uploads`, `pipeline.run.memory.rebuild` and `pipeline.frame.curation`."""
from __future__ import annotations

from pathlib import Path

import streamlit as st

from app import common
from pipeline.errors import PipelineError
from pipeline.explore import views
from pipeline.explore.filters import FilterState
from pipeline.frame import curation
from pipeline.frame.io import read_events
from pipeline.ingest.uploads import store_uploads
from pipeline.run.memory import rebuild

esc = views.escape_markdown
settings = common.settings()
events, path, mtime = common.current()
state = common.state()
out = Path(settings["events"] or settings["out"])
db = Path(settings["db"] or curation.default_db_path({"out": str(out)}))
corpus = Path(settings["corpus"])


def run_rebuild(flash: str | None = None) -> None:
    """Rebuild from the inputs plus the corpus folder, write the events file, keep the report, rerun."""
    bar = st.progress(0.0, text="Rebuilding…")
    try:
        result, written = rebuild(settings, progress=lambda i, n, name: bar.progress(i / max(n, 1), text=f"{i}/{n} {name}"))
    except PipelineError as exc:  # e.g. another analyst's rebuild holds the events file (issue 17): one line
        bar.empty()
        st.error(esc(exc))
        return
    st.cache_data.clear()
    st.cache_resource.clear()
    orphans = result.frame.attrs.get("curation_orphans") or []
    st.session_state["ingest_report"] = {
        "summary": esc(f"{len(result.frame)} events from {len(result.documents)} articles "
                       f"({result.stats.get('reused', 0)} unchanged, reused) → {written}"),
        # messages quote file names and metadata from uploaded files: shown inert, never as Markdown/HTML
        "problems": [("error" if p.fatal else "warning", esc(p)) for p in result.problems]
        + [("warning", esc(f"curation #{o['id']} ({o['action']} {o['target']}): "
                           "its event is no longer in the articles")) for o in orphans],
    }
    st.session_state["ingest_flash"] = esc(flash) if flash else None
    st.rerun()  # every page reloads the rewritten events file


@st.cache_data(show_spinner=False, max_entries=2)
def load_events_file(path: str, mtime: float):
    return read_events(path)


@st.cache_resource(show_spinner=False, max_entries=4)
def load_options(source: str, mtime: float, _frame) -> dict:
    """The pickers' options for a whole events frame, cached on the events file it was read from."""
    return views.curation_options(_frame)


@st.cache_resource(show_spinner=False, max_entries=16)
def load_page_rows(path: str | None, mtime: float, key: tuple, page: int, _state: FilterState):
    """The filtered mentions of the table's page (in date order)."""
    return common.current()[0].filter(_state).rows((page - 1) * common.TABLE_PAGE, page * common.TABLE_PAGE)


@st.cache_resource(show_spinner=False, max_entries=16)
def load_cluster_rows(path: str | None, mtime: float, key: tuple, page: int, _state: FilterState):
    """A big file's rows the curation acts on: every mention (all dates, sections) of the page's events."""
    rows = load_page_rows(path, mtime, key, page, _state)
    return common.current()[0].cluster_rows(sorted(set(rows["cluster_id"])))


st.title("Corpus & curation")
st.caption(esc(f"Corpus folder: {corpus} · events: {out} · curations: {db}"))
flash = st.session_state.pop("ingest_flash", None)
if flash:
    st.success(flash)
add_tab, curate_tab = st.tabs(["Add articles", "Curate"])

with add_tab:
    files = st.file_uploader("Articles: .txt .md .html .json .jsonl, and a sources.csv for metadata",
                             accept_multiple_files=True, key="ingest_files")
    if st.button("Store and rebuild", key="ingest_store", disabled=not files):
        bar = st.progress(0.0, text="Storing…")
        stored, problems = store_uploads(corpus, [(f.name, f.getvalue()) for f in files], settings["max_upload_bytes"],
                                         progress=lambda i, n, name: bar.progress(i / n, text=f"Stored {i}/{n}: {name}"))
        st.session_state["ingest_uploaded"] = [s.path.name for s in stored]
        st.session_state["ingest_rejected"] = [esc(p) for p in problems]
        run_rebuild()
    if st.button("Rebuild", key="ingest_rebuild"):
        run_rebuild()
    if st.session_state.get("ingest_uploaded"):
        st.success(esc(f"Stored in the corpus: {', '.join(st.session_state['ingest_uploaded'])}"))
    for msg in st.session_state.get("ingest_rejected", []):
        st.warning(f"Not stored: {msg}")
    report = st.session_state.get("ingest_report")
    if report:
        st.info(report["summary"])
        for level, msg in report["problems"]:
            (st.error if level == "error" else st.warning)(msg)

with curate_tab:
    n_events = len(events)
    auto = settings["curation_auto_max"]
    if n_events > auto and not st.toggle(f"Open curation for {n_events:,} events", key="curation_open"):
        st.stop()
    same_file = path is not None and Path(path).resolve() == out.resolve()
    big = same_file and events.scanned and n_events > auto  # not read whole: the events of the table's page
    table_page = 1
    if n_events > auto:  # a long file: curate the filtered events a page at a time
        pages = max(1, -(-len(events.filter(state)) // common.TABLE_PAGE))
        table_page = st.number_input(f"Page of the filtered events ({common.TABLE_PAGE} a page, in date order)",
                                     min_value=1, max_value=pages, step=1, key="curate_page")
    if same_file and not events.scanned:
        frame = events.frame
    elif big:
        frame = load_cluster_rows(path, mtime, state.key(), table_page, state)
    else:
        frame = load_events_file(str(out), out.stat().st_mtime) if out.exists() else None
    if frame is None or not len(frame):
        st.info("No events yet: add articles and rebuild.")
        st.stop()
    who = st.text_input("Your name (for the audit trail)", key="curate_who")
    # The pickers' options are computed once per events file (or filter state) and shared by sessions.
    if n_events > auto:
        opts = views.curation_options(load_page_rows(path, mtime, state.key(), table_page, state))
    else:
        opts = load_options(f"{out}:{len(frame)}", out.stat().st_mtime if out.exists() else 0.0, frame)
    labels = opts["labels"]
    if n_events > auto:
        st.caption(f"Events to curate: the {len(labels):,} on page {table_page} of the filtered events "
                   f"({n_events:,} in the file). Filter or page to reach others.")
    if not labels:
        st.info("No event matches the filters: widen them to pick one to curate.")
    event_id = st.selectbox("Event", list(labels), format_func=labels.get, key="curate_event") if labels else None
    if event_id is not None:
        row = frame.loc[frame["event_id"] == event_id].iloc[0]
        st.text(row["quote"])  # article text is shown as text, never as HTML
        verified = str(row.get("verified", False)).strip().lower() in ("true", "1")  # bool, or text from a CSV
        st.caption(esc(f"{'Verified' if verified else 'Not verified'} · {row['doc_id']} · cluster {row['cluster_id']}"))
        c1, c2, c3 = st.columns(3)
        try:
            if c1.button("Verify", key="curate_verify"):
                cid = curation.verify(db, event_id, who, frame)
                run_rebuild(f"Curation #{cid}: verified {event_id}")
            if c2.button("Hide", key="curate_hide"):
                cid = curation.hide(db, event_id, who, frame)
                run_rebuild(f"Curation #{cid}: hid {event_id} (undo brings it back)")
            if c3.button("Undo last change", key="curate_undo"):
                undone = curation.undo(db, who)
                run_rebuild(f"Undone: #{undone['id']} {undone['action']} {undone['target']}")
            with st.form("curate_correct"):
                date_value = st.text_input("Date (TIMEX3 value, e.g. 2020-11-10 or 2020-11)", row["date_value"] or "",
                                           key="curate_date")
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
                        cid = curation.correct(db, event_id, changes, who, frame)
                        run_rebuild(f"Curation #{cid}: corrected {', '.join(changes)} of {event_id}")
            others = [c for c in opts["clusters"] if c != row["cluster_id"]]
            m1, m2 = st.columns([3, 1])
            heads = opts["heads"]
            into = m1.selectbox("Same real-world event as cluster", others, key="curate_merge_into",
                                format_func=lambda c: f"{c} · {heads.get(c, '')[:100]}")
            if m2.button("Merge", key="curate_merge", disabled=not others):
                cid = curation.merge_clusters(db, [row["cluster_id"], into], who, frame, into=into)
                run_rebuild(f"Curation #{cid}: merged {row['cluster_id']} into {into}")
            if st.button("Split this event out of its cluster", key="curate_split"):
                cid = curation.split_events(db, [event_id], who, frame)
                run_rebuild(f"Curation #{cid}: {event_id} has a cluster of its own")
        except curation.CurationError as exc:
            st.error(esc(exc))
    with st.form("curate_add"):
        st.markdown("**Add an event by hand**")
        a1, a2 = st.columns(2)
        add_date = a1.text_input("Date (e.g. 2020-11-10)", key="add_date")
        add_source = a2.text_input("Source (outlet)", key="add_source")
        add_headline = st.text_input("Headline", key="add_headline")
        add_url = st.text_input("Link (optional)", key="add_url")
        add_actors = st.text_input("Actors (separated by ;)", key="add_actors")
        if st.form_submit_button("Add event"):
            fields = {"date_value": add_date, "source": add_source, "headline": add_headline, "url": add_url,
                      "actors": add_actors}
            try:
                cid, new_id = curation.add_event(db, {k: v for k, v in fields.items() if v}, who)
                run_rebuild(f"Curation #{cid}: added event {new_id}")
            except curation.CurationError as exc:
                st.error(esc(exc))
    log = curation.history(db)
    if len(log):
        st.dataframe(log.tail(20), key="curate_log", hide_index=True)
