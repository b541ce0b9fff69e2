"""AppTest of the "Corpus & curation" block: upload several files, rebuild, see problems, curate (issue 6)."""
import re

import pytest
from streamlit.testing.v1 import AppTest

from conftest import ROOT
from pipeline.build import build
from pipeline.frame.curation import history
from pipeline.frame.io import build_record, read_events, write_events

ARTICLE_MD = ("---\ntitle: Harbour deal\nsource: Marlow Wire\npublished: 2021-04-02\n---\n"
              "Sylvania and Freedonia signed a harbour agreement in Port Ellis on 1 April 2021.\n").encode()
ARTICLE_CP1251 = "Министры встретились в Марлоу 3 March 2021 и договорились о наблюдателях.".encode("cp1251")


@pytest.fixture
def app(tmp_path, monkeypatch):
    out = tmp_path / "out" / "events.parquet"
    # built by the pipeline (it records its inputs), so the dashboard may rebuild it (issue 17)
    write_events(build([ROOT / "seeds"], {"out": str(out)}).frame, out, build_record([ROOT / "seeds"]))
    env = {"TIMELINE_EVENTS": str(out), "TIMELINE_CORPUS": str(tmp_path / "corpus"),
           "TIMELINE_DB": str(tmp_path / "out" / "curations.sqlite"),
           "TIMELINE_REGISTRY": str(tmp_path / "actors.user.yaml")}
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=180)
    at.run()
    assert not at.exception
    at.switch_page("app/curation.py").run()
    assert not at.exception
    return at, env


def test_upload_several_files_then_rebuild_lists_problems(app):
    at, env = app
    at.file_uploader(key="ingest_files").set_value([
        ("../harbour deal.md", ARTICLE_MD, "text/markdown"),
        ("russian.txt", ARTICLE_CP1251, "text/plain"),
        ("empty.txt", b"", "text/plain"),
        ("![x](http://evil.example/t.png).exe", b"MZ", "application/octet-stream"),
    ])
    at.run()
    at.button(key="ingest_store").click().run()
    assert not at.exception
    from pathlib import Path

    corpus = Path(env["TIMELINE_CORPUS"])
    assert sorted(p.name for p in corpus.iterdir()) == ["harbour_deal.md", "russian.txt"]
    frame = read_events(env["TIMELINE_EVENTS"])
    assert {"harbour_deal", "russian"} <= set(frame["doc_id"])
    assert "Marlow Wire" in set(frame["source"])
    warnings = [w.value for w in at.warning]
    assert any("Not stored: empty\\.txt" in w and "empty" in w for w in warnings)
    assert any("russian\\.txt" in w and "decoded as cp1251" in w for w in warnings)
    # a file name is shown as text: its Markdown (here an image link) is escaped, never rendered
    # (a word joiner after "http" keeps Markdown from linking the bare URL)
    assert any(w.startswith("Not stored: \\!\\[x\\]\\(http\u2060\\://evil") for w in warnings), warnings
    assert any(re.search(r"events? \\?\(\d+ mentions?\\?\) from 7 articles", i.value) for i in at.info)


def test_rebuild_reuses_the_cache(app):
    at, _env = app
    at.button(key="ingest_rebuild").click().run()
    assert not at.exception
    assert any("\\(5 unchanged, reused\\)" in i.value for i in at.info)


def test_verify_then_undo_from_the_dashboard(app):
    at, env = app
    event_id = at.selectbox(key="curate_event").value
    at.text_input(key="curate_who").input("ana").run()
    at.button(key="curate_verify").click().run()
    assert not at.exception
    frame = read_events(env["TIMELINE_EVENTS"])
    assert bool(frame.loc[frame.event_id == event_id, "verified"].iloc[0])
    log = history(env["TIMELINE_DB"])
    assert list(log["action"]) == ["verify"] and list(log["who"]) == ["ana"]
    assert any(f"verified {event_id}" in s.value for s in at.success)
    at.button(key="curate_undo").click().run()
    frame = read_events(env["TIMELINE_EVENTS"])
    assert not frame["verified"].any()
    assert history(env["TIMELINE_DB"]).iloc[0]["undone_by"] == "ana"


def test_correct_headline_and_bad_date_from_the_dashboard(app):
    at, env = app
    event_id = at.selectbox(key="curate_event").value
    at.text_input(key="curate_who").input("ana")  # required (issue 20)
    at.text_input(key="curate_headline").input("Checked headline")
    at.button(key="FormSubmitter:curate_correct-Save correction").click().run()
    frame = read_events(env["TIMELINE_EVENTS"])
    assert frame.loc[frame.event_id == event_id, "headline"].iloc[0] == "Checked headline"
    at.text_input(key="curate_date").input("someday")
    at.button(key="FormSubmitter:curate_correct-Save correction").click().run()
    assert any("has no interval" in e.value for e in at.error)


def test_add_person_to_registry(app):
    at, env = app
    at.switch_page("app/registry.py").run()
    at.text_input(key="registry_name").input("Ana Marlow")
    at.text_input(key="registry_country").input("FRD")
    at.text_input(key="registry_who").input("ana")  # required (issue 20)
    at.button(key="FormSubmitter:registry_add-Add person to registry").click().run()
    assert not at.exception
    from pathlib import Path

    assert "Ana Marlow" in Path(env["TIMELINE_REGISTRY"]).read_text(encoding="utf-8")


def test_merge_split_and_add_by_hand_from_the_dashboard(app):
    at, env = app
    frame = read_events(env["TIMELINE_EVENTS"])
    event_id = at.selectbox(key="curate_event").value
    into = at.selectbox(key="curate_merge_into").value
    at.text_input(key="curate_who").input("ana")  # required (issue 20)
    at.button(key="curate_merge").click().run()
    assert not at.exception
    after = read_events(env["TIMELINE_EVENTS"])
    assert after.loc[after.event_id == event_id, "cluster_id"].iloc[0] == into
    at.button(key="curate_split").click().run()
    after = read_events(env["TIMELINE_EVENTS"])
    assert after.loc[after.event_id == event_id, "cluster_id"].iloc[0].startswith("c-split-")

    at.text_input(key="add_date").input("2020-11-12")
    at.text_input(key="add_headline").input("Monitoring centre agreed")
    at.button(key="FormSubmitter:curate_add-Add event").click().run()
    assert any("give the event's source" in e.value for e in at.error)
    at.text_input(key="add_source").input("Ministry statement")
    at.button(key="FormSubmitter:curate_add-Add event").click().run()
    after = read_events(env["TIMELINE_EVENTS"])
    added = after[after.headline == "Monitoring centre agreed"]
    assert len(added) == 1 and added.iloc[0].source == "Ministry statement" and bool(added.iloc[0].verified)
    assert len(after) == len(frame) + 1


def test_large_file_curates_the_events_the_filters_show(tmp_path, monkeypatch):
    """Over CURATION_AUTO_MAX events the pickers list the table page's events (not 5,000+ options every rerun)."""
    import pandas as pd

    from pipeline.explore import views

    seeds = read_events(ROOT / "tests" / "data" / "events_fixture.json")
    copies = -(-5_200 // len(seeds))
    frame = pd.concat([seeds] * copies, ignore_index=True)
    copy = pd.Series(frame.index // len(seeds)).astype(str)
    frame["event_id"] = frame["event_id"] + "-" + copy
    frame["cluster_id"] = frame["cluster_id"] + "-" + copy
    frame["headline"] = frame["headline"] + " #" + copy  # distinct picker labels (AppTest picks by label)
    out = tmp_path / "events.parquet"
    write_events(frame, out)
    (tmp_path / "corpus.yaml").write_text("focus: {start: 2020-11-10, end: 2020-12-29}\n")  # its window
    for k, v in {"TIMELINE_EVENTS": str(out), "TIMELINE_CORPUS": str(tmp_path / "corpus"),
                 "TIMELINE_DB": str(tmp_path / "curations.sqlite"),
                 "TIMELINE_REGISTRY": str(tmp_path / "actors.user.yaml")}.items():
        monkeypatch.setenv(k, v)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=180).run()
    assert not at.exception
    at.switch_page("app/curation.py").run()
    at.toggle(key="curation_open").set_value(True).run()
    assert not at.exception
    labels = views.curation_options(frame)["labels"]  # AppTest shows a picker's options as their labels
    window = frame[(frame["date_end"].fillna("0000") >= "2020-11-10") & (frame["date_start"].fillna("9999") <= "2020-12-29")
                   & (frame["section"] == "body")]
    picked = at.selectbox(key="curate_event")
    assert 0 < len(picked.options) <= 200 and set(picked.options) <= {labels[e] for e in window["event_id"]}
    assert picked.value in set(window["event_id"])
    assert any("Filter or page to reach others" in c.value for c in at.caption)
    # the pickers follow the pages of the filtered events (date order), as the Explore page's table shows them
    from pipeline.explore.filters import FilterState
    from pipeline.explore.query import Events

    from pipeline.explore.window import default_view

    from pipeline.ingest.corpus_file import find_corpus_file

    # the dashboard opens on the window of the corpus.yaml beside the file (issue 19); read as the app reads it
    first_page = Events(out).filter(default_view(frame, find_corpus_file([tmp_path])).state()).rows(0, 200)
    assert set(picked.options) == {labels[e] for e in first_page["event_id"]}
    if at.number_input(key="curate_page").max > 1:
        at.number_input(key="curate_page").set_value(2).run()
        page_2 = set(at.selectbox(key="curate_event").options)
        assert page_2 and not page_2 & set(picked.options)
    # narrowing the filters narrows the pickers
    at.multiselect(key="countries").set_value(["TUR"]).run()
    options = at.selectbox(key="curate_event").options
    turkish = window[window["countries"].map(lambda v: "TUR" in v)]
    assert options and set(options) <= {labels[e] for e in turkish["event_id"]}
    # a filter that matches nothing: no picker, the add-by-hand form stays
    at.text_input(key="q").set_value("no such words anywhere").run()
    assert not at.exception
    assert not [s for s in at.selectbox if s.key == "curate_event"]
    assert any("widen them to pick one" in i.value for i in at.info)
    at.text_input(key="q").set_value("").run()
    # curating works from the narrowed picker (the rebuild that follows replaces this made-up file)
    event_id = at.selectbox(key="curate_event").value
    at.text_input(key="curate_who").input("ana")  # required (issue 20)
    at.button(key="curate_verify").click().run()
    assert not at.exception
    log = history(tmp_path / "curations.sqlite")
    assert list(log["action"]) == ["verify"] and list(log["target"]) == [event_id]


def test_curation_opens_on_the_event_being_read(tmp_path, monkeypatch):
    """Issue 20: the curate panel opened on the first event of the file, not the one the analyst was reading."""
    out = tmp_path / "out" / "events.parquet"
    frame = build([ROOT / "seeds"], {"out": str(out)}).frame
    write_events(frame, out)
    monkeypatch.setenv("TIMELINE_EVENTS", str(out))
    monkeypatch.setenv("TIMELINE_DB", str(tmp_path / "out" / "curations.sqlite"))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=180)
    at.run()
    picker = at.selectbox(key="event")
    reading = picker.options[-1] if picker.options else None
    assert reading is not None
    cluster = next(c for c in frame["cluster_id"].unique() if picker.format_func(c) == reading) \
        if reading not in set(frame["cluster_id"]) else reading
    picker.set_value(cluster).run()
    assert not at.exception
    at.switch_page("app/curation.py").run()
    assert not at.exception
    chosen = at.selectbox(key="curate_event").value
    assert frame.loc[frame["event_id"] == chosen, "cluster_id"].iloc[0] == cluster
    first = frame.sort_values("date_start")["cluster_id"].iloc[0]
    assert cluster != first  # not merely the first event of the file
