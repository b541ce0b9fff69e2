"""Issue 23 on the explore page: the key events list, and old cluster links that follow their mention."""
from __future__ import annotations

from test_dashboard import FIXTURE, fixture_events, run  # noqa: F401 (fixture)

from pipeline.frame.io import read_events


def test_key_events_checkbox_lists_the_most_salient_first(fixture_events):  # noqa: F811
    at = run()
    assert not [d for d in at.dataframe if "n_sources" in d.value.columns]  # off by default
    at.checkbox(key="key_events").check().run()
    table = next(d.value for d in at.dataframe if "n_sources" in d.value.columns)
    assert len(table) and list(table["salience"]) == sorted(table["salience"], reverse=True)
    assert table["cluster_id"].iloc[0] == "k_truce"  # three outlets report it: the most salient


def test_an_old_cluster_link_opens_the_cluster_holding_its_mention(fixture_events):  # noqa: F811
    from pipeline.cluster import id_of

    frame = read_events(FIXTURE)
    member = frame.loc[frame["cluster_id"] == "k_sochi", "event_id"].iloc[0]
    at = run({"event": id_of(member)})
    assert at.selectbox(key="event").value == "k_sochi"
