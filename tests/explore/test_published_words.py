"""How inferred publication dates are marked (issue 19): every basis the dct stage writes has its words."""
from pipeline.stages.dct import BASES
from pipeline.wording import PUBLISHED_WORDS, _inferred_words, inferred_note


def test_every_basis_the_dct_stage_writes_has_words():
    words = _inferred_words()
    assert set(BASES) - {"metadata"} <= set(words), "a new basis needs its words in " + str(PUBLISHED_WORDS)
    assert all(inferred_note(True, b).startswith("inferred from ") for b in BASES)


def test_not_inferred_is_not_marked_and_text_flags_are_read():
    assert inferred_note(False, "dateline") == ""
    assert inferred_note("False", "dateline") == "" and inferred_note(None) == ""
    assert inferred_note("true", "dateline") == "inferred from the dateline"  # a CSV's text flag
    assert inferred_note(True, None) == inferred_note(True, "no such basis") == "inferred from the text"


def test_the_data_file_opens_with_provenance():
    head = PUBLISHED_WORDS.read_text(encoding="utf-8")
    for key in ("# source:", "# date:", "# licence:", "# known gaps:"):
        assert key in head
