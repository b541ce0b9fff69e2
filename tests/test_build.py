from pipeline.build import build
from pipeline.schema import COLUMNS

from conftest import ROOT


def test_build_seeds_gives_events_in_contract_columns():
    result = build([ROOT / "seeds"])
    assert list(result.frame.columns)[: len(COLUMNS)] == list(COLUMNS)
    assert len(result.documents) == 5
    assert len(result.frame) > 0
