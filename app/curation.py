"""Corpus & curation: add articles and rebuild with progress, see the files' problems, curate one event (verify,
hide, correct, merge, split, add by hand, undo) with its audit trail. Layout only: the work is done in
`pipeline.ingest.uploads`, `pipeline.run.background.rebuild_in_subprocess` and `pipeline.frame.curation`."""
from __future__ import annotations

from pathlib import Path

import streamlit as st

from app import common
from pipeline.errors import PipelineError
from pipeline.explore import views, window
from pipeline.explore.filters import FilterState
from pipeline.frame import curation
from pipeline.frame.io import read_events
from pipeline.ingest.uploads import store_uploads
from pipeline.run.background import rebuild_in_subprocess
from pipeline.run.memory import rebuild_plan
from pipeline.wording import counts_phrase, plural

esc = views.escape_markdown
settings = common.settings()
events, path, mtime = common.current(stop=False)  # a damaged file: Rebuild stays reachable
state = common.state()
out = Path(settings["events"] or settings["out"])
db = Path(settings["db"] or curation.default_db_path({"out": str(out)}))
corpus = Path(settings["corpus"])


plan = rebuild_plan(settings)


def run_rebuild(flash: str | None = None, replace: bool = False, uploaded: tuple[str, ...] = ()) -> None:
    """Rebuild from the inputs plus the corpus folder in another process (the server keeps answering other
    sessions), with its progress; keep the report, rerun. `uploaded`: names of the files just stored; the
    view then moves to their events' span (issue 19)."""
    bar = st.progress(0.0, text="Rebuilding…")
    try:
        report = rebuild_in_subprocess(settings, replace=replace,
                                       progress=lambda i, n, name: bar.progress(i / max(n, 1), text=f"{i}/{n} {name}"))
    except PipelineError as exc:
        bar.empty()
        st.error(esc(exc))
        return
    if uploaded:
        span = window.span_of_uploads(report.out, uploaded)
        if span:
            st.session_state["_move_view_to"] = span
    st.cache_data.clear()
    st.cache_resource.clear()
    st.session_state["ingest_report"] = {
        "summary": esc(f"{counts_phrase(report.clusters, report.events)} from {plural(report.articles, 'article')} "
                       f"({report.reused} unchanged, reused) → {report.out}"
                       + (f"; the previous file is kept as {report.backup}" if report.backup else "")),
        # messages quote file names and metadata from uploaded files: shown inert, never as Markdown/HTML
        "problems": [("error" if fatal else "warning", esc(text)) for fatal, text in report.problems]
        + [("warning", esc(f"curation #{o['id']} ({o['action']} {o['target']}): "
                           "its event is no longer in the articles")) for o in report.orphans],
    }
    st.session_state["ingest_flash"] = esc(flash) if flash else None
    st.rerun()  # every page reloads the rewritten events file


def after_curation(flash: str) -> None:
    """A curation is saved: rebuild the pipeline's own events file; a file made elsewhere is never rewritten,
    its curations are applied as it is shown (issue 17)."""
    if plan.rebuildable:
        run_rebuild(flash)
        return
    st.cache_resource.clear()
    st.session_state["ingest_flash"] = esc(f"{flash} (applied as {plan.out.name} is shown; the file is unchanged)")
    st.rerun()


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
if settings["read_only"]:  # a viewer: nothing here may change the corpus, the events or the curations
    st.info(views.READ_ONLY_NOTE)
    try:
        log = curation.history(db)
    except curation.CurationError as exc:
        st.error(esc(exc))
        st.stop()
    if len(log):
        st.dataframe(log.tail(20), key="curate_log", hide_index=True)
    st.stop()
add_tab, curate_tab = st.tabs(["Add articles", "Curate"])

with add_tab:
    files = st.file_uploader("Articles: .txt .md .html .json .jsonl .docx .pdf, and a sources.csv for metadata",
                             accept_multiple_files=True, key="ingest_files")
    if st.button("Store and rebuild", key="ingest_store", disabled=not files):
        bar = st.progress(0.0, text="Storing…")
        stored, problems = store_uploads(corpus, [(f.name, f.getvalue()) for f in files], settings["max_upload_bytes"],
                                         progress=lambda i, n, name: bar.progress(i / n, text=f"Stored {i}/{n}: {name}"))
        st.session_state["ingest_uploaded"] = [s.path.name for s in stored]
        st.session_state["ingest_rejected"] = [esc(p) for p in problems]
        if plan.rebuildable:
            run_rebuild(uploaded=tuple(s.path.name for s in stored))
    if plan.rebuildable:
        if st.button("Rebuild", key="ingest_rebuild"):
            run_rebuild()
    else:  # a file made elsewhere (or damaged) is replaced only when asked, and kept as a backup
        st.warning(esc(plan.damaged or f"{plan.out} was not built by this pipeline (no build record): Rebuild will "
                                      "not replace it. Curations are saved and applied as it is shown."))
        if st.button("Replace it with a build of the inputs and the corpus (keeps a .bak copy)", key="ingest_replace"):
            run_rebuild(replace=True)
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
    if events is None:  # the events file could not be read (the error above says why and what to do)
        st.stop()
    if events.note:
        st.warning(esc(events.note))
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
    try:  # a configured login names the analyst; otherwise the name is typed, and required (issue 20)
        signed_in = (st.user.get("name") or st.user.get("email")) if st.user.is_logged_in else None
    except (AttributeError, KeyError):
        signed_in = None
    if signed_in:
        who = signed_in
        st.caption(esc(f"Curating as {signed_in} (signed in)"))
    else:
        who = st.text_input("Your name (for the audit trail, required)", key="curate_who")
    # The pickers' options are computed once per events file (or filter state) and shared by sessions.
    if n_events > auto:
        opts = views.curation_options(load_page_rows(path, mtime, state.key(), table_page, state))
    else:
        opts = load_options(f"{out}:{len(frame)}:{mtime}", out.stat().st_mtime if out.exists() else 0.0, frame)
    labels = opts["labels"]
    if n_events > auto:
        st.caption(f"Events to curate: the {len(labels):,} on page {table_page} of the filtered events "
                   f"({n_events:,} in the file). Filter or page to reach others.")
    if not labels:
        st.info("No event matches the filters: widen them to pick one to curate.")
    reading = st.session_state.get("reading_cluster")  # the event open on the timeline page, if any
    start = views.curation_start(frame, reading, labels) if "curate_event" not in st.session_state else None
    if start:
        st.session_state["curate_event"] = start
    event_id = st.selectbox("Event", list(labels), format_func=labels.get, key="curate_event") if labels else None
    if event_id is not None:
        row = views.curation_row(frame, event_id)
        st.text(row["quote"])  # article text is shown as text, never as HTML
        st.caption(esc(row["status"]))
        c1, c2, c3 = st.columns(3)
        try:
            if c1.button("Verify", key="curate_verify"):
                cid = curation.verify(db, event_id, who, frame)
                after_curation(f"Curation #{cid}: verified {event_id}")
            if c2.button("Hide", key="curate_hide"):
                cid = curation.hide(db, event_id, who, frame)
                after_curation(f"Curation #{cid}: hid {event_id} (undo brings it back)")
            if c3.button("Undo my last change", key="curate_undo", help="Undoes the latest change made under your name"):
                undone = curation.undo(db, who)
                after_curation(f"Undone: #{undone['id']} {undone['action']} {undone['target']}")
            with st.form("curate_correct"):
                date_value = st.text_input("Date (TIMEX3 value, e.g. 2020-11-10 or 2020-11)", row["date_value"] or "",
                                           key="curate_date")
                actors = st.text_input("Actors (separated by ;)", ";".join(row["actors"]), key="curate_actors")
                types = list(curation.event_types())
                event_type = st.selectbox("Event type (PLOVER)", types, key="curate_type",
                                          index=types.index(row["event_type"]) if row["event_type"] in types else None)
                headline = st.text_input("Headline", row["headline"], key="curate_headline")
                if st.form_submit_button("Save correction"):
                    changes = {k: v for k, v, old in (
                        ("date_value", date_value, row["date_value"] or ""),
                        ("actors", actors, ";".join(row["actors"])),
                        ("event_type", event_type or row["event_type"], row["event_type"]),
                        ("headline", headline, row["headline"])) if v != old}
                    if changes:
                        cid = curation.correct(db, event_id, changes, who, frame)
                        after_curation(f"Curation #{cid}: corrected {', '.join(changes)} of {event_id}")
            others = [c for c in opts["clusters"] if c != row["cluster_id"]]
            m1, m2 = st.columns([3, 1])
            heads = opts["heads"]
            into = m1.selectbox("Same real-world event as cluster", others, key="curate_merge_into",
                                format_func=lambda c: f"{c} · {heads.get(c, '')[:100]}")
            if m2.button("Merge", key="curate_merge", disabled=not others):
                cid = curation.merge_clusters(db, [row["cluster_id"], into], who, frame, into=into)
                after_curation(f"Curation #{cid}: merged {row['cluster_id']} into {into}")
            if st.button("Split this event out of its cluster", key="curate_split"):
                cid = curation.split_events(db, [event_id], who, frame)
                after_curation(f"Curation #{cid}: {event_id} has a cluster of its own")
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
                after_curation(f"Curation #{cid}: added event {new_id}")
            except curation.CurationError as exc:
                st.error(esc(exc))
    try:
        log = curation.history(db)
    except curation.CurationError as exc:  # a damaged database: one line naming it and the way out
        st.error(esc(exc))
        st.stop()
    if len(log):
        st.dataframe(log.tail(20), key="curate_log", hide_index=True)
