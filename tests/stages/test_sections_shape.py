"""Furniture told by its shape and place (issue 22 item 3, round 7: pipeline/stages/page_shape.py and the caption_tail,
dateline_alone and round-7 cues of sections.yaml). Pages written here by hand with fictional places and people, in
the conventions agencies and news sites print: a dateline alone on its line, a name-only byline, a place-and-clock
stamp, a picture's credit ending its caption, a caption's text under its credit line, "Read also" boxes in several
languages, tag lists, verification disclaimers, app promos and share rows. Each page is a list of (expected section,
line); the article's own paragraphs are golden body lines, and near-misses (a sentence that names an agency, a list
of countries, a short subhead, an official who could not confirm a toll) must stay body."""
from __future__ import annotations

import pytest

from pipeline.stages.sections import find_blocks

P1 = ("Rescue teams in northern Norland dug through mud on Tuesday after two dams burst above the port of Vell, "
      "sweeping whole streets into the sea, the regional governor said.")
P2 = ("The storm reached the coast on Sunday, and the dams gave way during the night, officials in Ostburg said, "
      "adding that more than 300 people were missing.")
P3 = ("Sudvia said on Wednesday it had sent two aircraft with rescue teams and a field hospital, and the United "
      "Nations released emergency funds for the region.")

PAGES = {
    "agency_dateline_alone": [
        ("body", "Floods sweep through Norland port city"),
        ("boilerplate", "VELL (Norland), 12 sept 2031 (AFP)"),
        ("body", P1),
        ("caption", "Residents walk among the debris in Vell, on September 12, 2031. (AFP)"),
        ("caption", "Des habitants marchent dans les décombres, à Vell, le 12 septembre 2031."),
        ("body", P2),
        ("boilerplate", "Norland News could not independently verify the figures."),
        ("body", "Police could not confirm the toll, but witnesses said dozens of bodies lay on the beach on Monday."),
        ("body", P3),
    ],
    "header_byline_and_stamp": [
        ("body", "El Parlamento de Norland aprueba la ley pese a las protestas"),
        ("body", "Miles de manifestantes rodean la Cámara en Ostburg"),
        ("boilerplate", "Ana M. Castellar"),
        ("boilerplate", "Ostburg - 14 may 2031 - 17:45 CEST"),
        ("body", "Tensions flared again on 20.09.2031, when Vell police began removing barricades"),
        ("body", P1),
        ("caption", "Manifestantes frente al Parlamento, este martes en Ostburg. JUAN ROE (AFP)"),
        ("body", P2),
        ("boilerplate", "Más información"),
        ("teaser", "Norland, en la encrucijada entre Vell y Ostburg"),
        ("teaser", "La ley que divide a Norland"),
        ("boilerplate", "Archivado En"),
        ("boilerplate", "Norland"),
    ],
    "caption_text_under_credit": [
        ("body", "Norland: Regierung zieht Gesetz zurück"),
        ("body", P1),
        ("caption", "Bild: Jan Roe/AFP/Getty Images"),
        ("caption", "Demonstranten in Vell fliehen vor Tränengas"),
        ("body", P2),
        ("boilerplate", "Mehr zum Thema"),
        ("teaser", "Norland: Proteste gegen Steuern eskalieren"),
        ("teaser", "Was Norlands Jugend auf die Straße treibt"),
        ("boilerplate", "Schlagwörter"),
        ("boilerplate", "Norland, Jan Roe, Proteste, Steuern"),
    ],
    "related_list_then_article": [
        ("body", "Norland parliament passes agents law"),
        ("boilerplate", "OSTBURG"),
        ("body", P1),
        ("boilerplate", "Read also"),
        ("teaser", "Sudvia sees no foreign hand in Norland law"),
        ("teaser", "Ostburg says outside pressure unacceptable"),
        ("body", "The ruling party withdrew a similar bill in March after mass protests in the capital."),
        ("body", P3),
    ],
    "promos_and_share_rows": [
        ("body", "Protesters storm Norland's parliament"),
        ("body", P1),
        ("caption", "Protesters hold placards in Ostburg on June 25, 2031. Photo: Norland Daily"),
        ("body", "Aftermath"),
        ("body", P2),
        ("boilerplate", "Follow Norland Daily on WhatsApp for the latest updates."),
        ("body", "Ostburg, Vell and Sudvia signed the accord."),
        ("body", P3),
        ("boilerplate", "Share"),
        ("boilerplate", "Save"),
        ("boilerplate", "Tags:"),
        ("boilerplate", "Finance Act 2031"),
        ("boilerplate", "Vell"),
        ("boilerplate", "Download the Norland Daily App on Google Play and the App Store."),
    ],
    "site_chrome": [
        ("body", "Norland floods: what we know"),
        ("boilerplate", "Wed 13 Sep 2031 14.21 BST"),
        ("boilerplate", "4 min read"),
        ("body", P1),
        ("caption", "Credit: Jan Roe"),
        ("boilerplate", "1 of 5"),
        ("body", P2),
        ("boilerplate", "Agence France-Presse"),
        ("boilerplate", "Get our free daily newsletter"),
        ("boilerplate", "Most Read"),
        ("teaser", "Sudvia sends rescue teams to Vell after the floods"),
        ("teaser", "Why the Vell dams failed: a decade of neglect"),
        ("body", P3),
        ("boilerplate", "Gazette «Norland Daily» №176 du 21.09.2031, p. 1"),
    ],
}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_furniture_by_shape(name):
    page = PAGES[name]
    text = "\n\n".join(line for _, line in page) + "\n"
    blocks = find_blocks(text)
    got, pos = [], 0
    for _, line in page:  # each line where it stands
        pos = text.index(line, pos)
        got.append(next(b.section for b in blocks if b.start <= pos < b.end))
        pos += len(line)
    assert list(zip(got, [l for _, l in page])) == [(s, l) for s, l in page]


@pytest.mark.parametrize("line", [
    "The ministry told AFP that the talks would resume in Ostburg next week.",
    "Officials in Vell said the figures could be higher, Norland News reported.",
    "Photographs of the damage were shared widely on Tuesday, residents said.",
    "This is an extract from Jan Roe's resignation speech to the House of Ostburg, 17 March 2031.",
    "(1) Vell Fact Sheet, 2029 1 (29): Ana Castellar, MD, Letter to Vell Fishermen United, 13 May 2029.",
    "The law takes effect on Monday, 1 January 2032.",
    "Continue reading... Morning all, the minister resigned in Ostburg on Friday.",
])
def test_article_sentences_between_paragraphs_stay_body(line):
    text = "\n\n".join(["Title of the story here", P1, line, P2]) + "\n"
    blocks = find_blocks(text)
    pos = text.index(line)
    assert next(b.section for b in blocks if b.start <= pos < b.end) == "body"


def test_text_glued_to_a_credit_is_no_caption_text():
    # a roundup's next heading glued to the credit ending the picture above it (T17 h1n1 guardian-100's layout)
    head = "Norland's president wants to end a long freeze by meeting the Sudvian leader"
    text = "\n\n".join(["Roundup of the day", P1, "The Norland president at the assembly in Ostburg.",
                       "Photograph: Jan Roe/AFP/Getty Images " + head, P2]) + "\n"
    blocks = find_blocks(text)
    at = {text[b.start:b.end]: b.section for b in blocks}
    assert at["Photograph: Jan Roe/AFP/Getty Images"] == "caption"
    assert at[head] == "body"
    unglued = text.replace("Getty Images " + head, "Getty Images\n\n" + head)
    blocks = find_blocks(unglued)
    assert {unglued[b.start:b.end]: b.section for b in blocks}[head] == "caption"  # a line of its own: the caption's text
