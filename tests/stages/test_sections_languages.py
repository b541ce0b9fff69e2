"""Section cues beyond English (issue 22): each language's pipeline/data/<lang>/sections.yaml joins the shared
lexicon. Cases written here in the conventions of French, Spanish, German, Russian and Turkish pages."""
from __future__ import annotations

import pytest

from pipeline.stages.sections import find_blocks

BODY = {
    "fr": "Les ministres de Norland et de Sudvia se sont rencontrés mardi à Ostburg pour relancer les négociations.",
    "es": "Los ministros de Norland y Sudvia se reunieron el martes en Ostburgo para relanzar las negociaciones.",
    "de": "Die Außenminister von Norland und Sudvia trafen sich am Dienstag in Ostburg, um die Gespräche fortzusetzen.",
    "ru": "Министры Норланда и Судвии встретились во вторник в Остбурге, чтобы возобновить переговоры.",
    "tr": "Norland ve Sudvia dışişleri bakanları salı günü Ostburg'da müzakereleri yeniden başlatmak için görüştü.",
}


def _section(text: str, line: str) -> str:
    pos = text.index(line)
    return next(b.section for b in find_blocks(text) if b.start <= pos < b.end)


@pytest.mark.parametrize("lang, line, section", [
    # reader comments: a comment's stamp with its reply / report words, or a name with its stamp in brackets
    ("fr", "Amadou K. | 14/06/2019 à 09h12 | Répondre", "comment"),
    ("fr", "Awa B. (14/06/2019 21:10) : Il était temps, enfin des négociations !", "comment"),
    ("es", "14 de junio de 2019 a las 9:12 | Responder", "comment"),
    ("de", "14. Juni 2019 um 9:12 Uhr | Antworten", "comment"),
    ("ru", "14 июня 2019 в 9:12 | Ответить", "comment"),
    ("tr", "14 Haziran 2019 09:12 | Yanıtla", "comment"),
    # captions closing with a credit, and credit lines
    ("de", "Die Minister bei der Pressekonferenz in Ostburg am Dienstag. Bild: dpa", "caption"),
    ("ru", "Фото: ТАСС / Иван Петров", "caption"),
    ("tr", "Fotoğraf: AA", "caption"),
    # share bars, follow and newsletter boxes
    ("fr", "Partager : Facebook Twitter WhatsApp", "boilerplate"),
    ("es", "Síguenos en Twitter y Facebook para más noticias", "boilerplate"),
    ("de", "Abonnieren Sie unseren täglichen Newsletter", "boilerplate"),
    ("ru", "Подписывайтесь на наш канал в Telegram", "boilerplate"),
    ("tr", "Bizi sosyal medyada takip edin", "boilerplate"),
    # agency furniture at the foot: a copyright line, desk initials, a reporters' credit
    ("es", "(c) Agencia EFE", "boilerplate"),
    ("es", "abc/de/fgh", "boilerplate"),
    ("de", "(Bericht von Jana Roe, redigiert von Max Doe)", "boilerplate"),
    # teasers
    ("ru", "Читайте также: Норланд и Судвия договорились о перемирии", "teaser"),
    ("tr", "İlgili haber: Norland ve Sudvia ateşkes konusunda anlaştı", "teaser"),
])
def test_cues_of_each_language(lang, line, section):
    text = f"Titel\n\n{BODY[lang]} {BODY[lang]}\n\n{line}\n"  # a long paragraph ends the header zone
    assert _section(text, line) == section
    assert _section(text, BODY[lang]) == "body"  # the article's own paragraphs stay body


def test_a_signed_comment_makes_the_rest_of_the_page_comments():
    """After a French comment signature, a reader's line below it is a comment too, and the body above stays."""
    text = (f"Titre\n\n{BODY['fr']}\n\nAmadou K. | 14/06/2019 à 09h12 | Répondre\nEnfin ! Le 12 juin restera un grand jour.\n")
    assert _section(text, "Enfin !") == "comment"
    assert _section(text, BODY["fr"]) == "body"


@pytest.mark.parametrize("line", [
    "Les ministres ont signé l'accord le 14/06/2019 à 09h12 à Ostburg.",   # a timestamp without reply words
    "El acuerdo entra en vigor el 14 de junio de 2019 a las 9:12.",
    "Die Gespräche sollen am 14. Juni 2019 um 9:12 Uhr beginnen.",
    "Фото и видео с места событий публикуют очевидцы в соцсетях.",         # 'фото' in running text
])
def test_running_text_with_cue_words_stays_body(line):
    text = f"T\n\n{line}\n"
    assert _section(text, line) == "body"


@pytest.mark.parametrize("stamp", [
    "June 14, 2019 at 9:12 pm | I hope the talks work this time, we have waited long enough.",
    "June 14, 2019 9:12 pm at 9:12 pm | I hope the talks work this time, we have waited long enough.",
    "Posted by ostburg_reader | Report as abusive I hope the talks work this time, we have waited long enough.",
])
def test_english_comment_stamps_with_a_bar_and_no_reply_word(stamp):
    """A blog comment's stamp followed by a bar and the comment (no 'Reply'), or Reuters blogs' 'Report as
    abusive': the thread starts there, and the reader's next line is a comment too."""
    body = ("The foreign ministers of Norland and Sudvia met in Ostburg on Tuesday to restart the talks on "
            "the border, the ministry said in a statement.")
    text = f"Title\n\n{body}\n\n{stamp}\n\nThey said the same thing on 3 June 2018 and nothing happened.\n"
    assert _section(text, body) == "body"
    assert _section(text, "They said the same thing") == "comment"


def test_every_signature_pattern_needs_a_string_the_prefilter_knows():
    """Lines without any of `comment_signature_needs` are not scanned for signatures: every signature pattern of
    every language must require one of them (a literal bar, the '(required' of a comment form, 'posted by')."""
    from pipeline.stages.sections import load_cues
    cues = load_cues()
    assert cues.signature_needs
    assert len(cues.signature_gates) == len(cues.comment_signature)  # round 3: each pattern's own needs, or the base
    for p, gate in zip(cues.comment_signature, cues.signature_gates):
        assert gate and set(gate) <= set(cues.signature_needs), p.pattern
        literal = p.pattern.replace("\\", "").lower()  # round 2: or another needed string ("posted by")
        # a need is a piece of the pattern's literal text (the bar, "posted by", "wrote", "ago", "reply" ...)
        assert r"\|" in p.pattern or any(n.strip(" :|·•") and n.strip(" :|·•") in literal for n in gate), p.pattern
