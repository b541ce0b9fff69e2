"""Wire and site furniture of real pages (issue 22, item 3; classes 12-14 of docs/world2.md), written here by hand
in the conventions the outlets print (Yonhap, PTI, Reuters, AP, Kyodo, UN press, government newsrooms, op-ed pages,
BBC in five languages, Al Jazeera, Disqus-style threads) with fictional places and people: agency end marks and desk
codes, reporters' e-mail lines, breadcrumbs, share rows, press-release end marks, op-ed labels, disclaimers and the
author's closing bio, contributor lines, agency header lines, picture source / caption lines, related boxes, comment
counters and relative comment stamps. Each page is a list of (expected section, line); the article's own paragraphs
are golden body lines (no furniture may eat them)."""
from __future__ import annotations

import pytest

from pipeline.stages.sections import find_blocks

P_EN = ("Norland's army said on Tuesday it had moved two brigades to the border with Sudvia after three days of "
        "shelling near the town of Vell, where at least 12 civilians were killed, officials said.")
P_EN2 = ("The foreign ministry in Ostburg summoned Sudvia's ambassador on Wednesday and demanded an end to the "
         "attacks, while the United Nations called on both sides to return to talks in Geneva next month.")

PAGES = {
    "yonhap_en": [
        ("body", "Norland moves troops to Sudvian border"),
        ("body", "OSTBURG, March 3 (Yonhap) -- " + P_EN),
        ("body", P_EN2),
        ("boilerplate", "mjkim@yna.co.kr"),
        ("boilerplate", "(END)"),
    ],
    "pti_en": [
        ("body", "New Delhi, Mar 3 (PTI) " + P_EN),
        ("body", P_EN2),
        ("boilerplate", "PTI ABC XYZ RHL"),
    ],
    "reuters_en": [
        ("body", "OSTBURG, March 3 (Reuters) - " + P_EN),
        ("body", P_EN2),
        ("boilerplate", "(Reporting by Ana Doe; Editing by John Roe)"),
        ("boilerplate", "Our Standards: The Thomson Reuters Trust Principles., opens new tab"),
    ],
    "ap_en": [
        ("body", "VELL, Norland (AP) — " + P_EN),
        ("body", P_EN2),
        ("boilerplate", "Associated Press writers Ana Doe in Ostburg, Norland, and John Roe in Geneva contributed to this report."),
    ],
    "ap_contributed_en": [
        ("body", P_EN),
        ("body", P_EN2),
        ("boilerplate", "AP writer Ivo Petrov contributed from Vell."),
    ],
    "kyodo_en": [
        ("boilerplate", "KYODO NEWS - Mar 3, 2021 - 18:45 | World, All"),
        ("body", P_EN),
        ("body", P_EN2),
        ("boilerplate", "Related coverage:"),
        ("teaser", "Norland, Sudvia agree to hold talks in Geneva"),
        ("teaser", "UN chief urges restraint on Norland-Sudvia border"),
    ],
    "government_en": [
        ("boilerplate", "Home / Newsroom / Press Releases"),
        ("boilerplate", "Briefing Room / Statements and Releases"),
        ("body", "Statement by the Spokesperson on the Situation in Vell"),
        ("body", P_EN),
        ("body", P_EN2),
        ("boilerplate", "###"),
    ],
    "press_release_end_en": [
        ("body", P_EN),
        ("body", P_EN2),
        ("boilerplate", "- ENDS -"),
        ("boilerplate", "-30-"),
    ],
    "un_press_en": [
        ("boilerplate", "Meetings Coverage and Press Releases"),
        ("body", P_EN),
        ("body", P_EN2),
        ("boilerplate", "For information media. Not an official record."),
    ],
    "un_press_fr": [
        ("body", "Le Conseil de sécurité s'est réuni mardi à New York après trois jours de bombardements près de la "
                 "ville de Vell, où au moins douze civils ont été tués, selon des responsables locaux."),
        ("boilerplate", "À l'intention des organes d'information. Document non officiel."),
    ],
    "oped_en": [
        ("boilerplate", "Opinion"),
        ("body", "Why Norland must talk to Sudvia now"),
        ("boilerplate", "Share on Facebook Share on X Share via Email"),
        ("body", P_EN),
        # a bio in the middle of the piece is the piece's own
        ("body", "Ivan Petrov is a professor at the University of Vell who advised the government in 2019."),
        ("body", P_EN2),
        ("boilerplate", "Jane Doe is a professor of international relations at the University of Ostburg."),
        ("boilerplate", "The views expressed in this article are the author's own and do not necessarily reflect "
                        "Norland Post's editorial stance."),
        ("boilerplate", "12 comments"),  # a counter with no comment under it (a heading over a thread is the thread's)
    ],
    "oped_apposition_en": [
        ("boilerplate", "Commentary"),
        ("body", P_EN),
        ("body", P_EN2),
        ("boilerplate", "Ana Roe, a former deputy foreign minister of Norland, is a senior fellow at the Ostburg "
                        "Institute for Policy Studies."),
    ],
    # a news report whose last paragraph is background on a person: stays body (no institution, no author)
    "news_last_background_en": [
        ("body", P_EN),
        ("body", P_EN2),
        ("body", "Petrov is a former journalist who came to power in 2018 after mass protests."),
    ],
    # a profile whose last line is about its own subject (named above): stays body
    "profile_last_line_en": [
        ("body", "Mr. Ivo Chun was appointed a director of the company on 18 July 2007 and became chairman in 2010."),
        ("body", P_EN2),
        ("body", "Mr. Ivo Chun is currently a director of the Ostburg Chamber of Commerce."),
    ],
    "bbc_en": [
        ("body", P_EN),
        ("caption", "Image source, Getty Images"),
        ("caption", "Image caption, Soldiers on the road to Vell on Tuesday"),
        ("body", P_EN2),
        ("boilerplate", "Related Topics"),
        ("teaser", "Norland"),
        ("teaser", "Sudvia"),
        ("boilerplate", "More on this story"),
        ("teaser", "Why are Norland and Sudvia fighting over Vell?"),
    ],
    "bbc_mundo_es": [
        ("body", "El ejército de Norland trasladó el martes dos brigadas a la frontera con Sudvia tras tres días de "
                 "bombardeos cerca de la ciudad de Vell, donde murieron al menos doce civiles."),
        ("caption", "Fuente de la imagen, Getty Images"),
        ("caption", "Pie de foto, Soldados en la carretera de Vell el martes."),
    ],
    "bbc_afrique_fr": [
        ("body", "L'armée du Norland a déplacé mardi deux brigades vers la frontière avec la Sudvie après trois jours "
                 "de bombardements près de la ville de Vell, où au moins douze civils ont été tués."),
        ("caption", "Crédit photo, Getty Images"),
        ("caption", "Légende image, Des soldats sur la route de Vell mardi."),
    ],
    "bbc_russian_ru": [
        ("body", "Армия Норланда во вторник перебросила две бригады к границе с Судвией после трех дней обстрелов "
                 "у города Велл, где погибли по меньшей мере 12 мирных жителей."),
        ("caption", "Автор фото, Getty Images"),
        ("caption", "Подпись к фото, Военные на дороге в Велл во вторник"),
    ],
    "bbc_turkce_tr": [
        ("body", "Norland ordusu salı günü, Vell kenti yakınlarında en az 12 sivilin öldüğü üç günlük bombardımanın "
                 "ardından iki tugayı Sudvia sınırına kaydırdı."),
        ("caption", "Fotoğraf kaynağı, Getty Images"),
        ("caption", "Fotoğraf altyazısı, Salı günü Vell yolunda askerler"),
    ],
    "aljazeera_en": [
        ("body", P_EN),
        ("boilerplate", "KEEP READING"),
        ("boilerplate", "list of 3 items"),
        ("boilerplate", "list 1 of 3"),
        ("teaser", "Norland and Sudvia trade blame over Vell shelling"),
        ("boilerplate", "list 2 of 3"),
        ("teaser", "Photos: Families flee the fighting in Vell"),
        ("boilerplate", "list 3 of 3"),
        ("teaser", "UN calls for ceasefire on Norland-Sudvia border"),
        ("boilerplate", "end of list"),
        ("body", P_EN2),
    ],
    "disqus_fr": [
        ("body", "L'armée du Norland a déplacé mardi deux brigades vers la frontière avec la Sudvie après trois jours "
                 "de bombardements près de la ville de Vell, où au moins douze civils ont été tués."),
        ("comment", "12 commentaires"),
        ("comment", "Jean-Marc"),
        ("comment", "il y a 2 jours"),
        ("comment", "Encore une fois, ce sont les civils qui paient le prix de cette guerre."),
        ("comment", "Sophie_L"),
        ("comment", "il y a 3 heures"),
        ("comment", "Il faut que l'ONU agisse maintenant !"),
    ],
    "disqus_en": [
        ("body", P_EN),
        ("body", P_EN2),
        ("comment", "5 comments"),
        ("comment", "ostburg_reader"),
        ("comment", "2 days ago"),
        ("comment", "Nobody in my town believes a word of this."),
    ],
    "disqus_es": [
        ("body", "El ejército de Norland trasladó el martes dos brigadas a la frontera con Sudvia tras tres días de "
                 "bombardeos cerca de la ciudad de Vell, donde murieron al menos doce civiles."),
        ("comment", "Comentarios (3)"),
        ("comment", "hace 2 días"),
        ("comment", "Que paren ya esta guerra absurda."),
    ],
    "disqus_de": [
        ("body", "Die Armee Norlands hat am Dienstag nach drei Tagen Beschuss nahe der Stadt Vell, wo mindestens zwölf "
                 "Zivilisten getötet wurden, zwei Brigaden an die Grenze zu Sudvia verlegt."),
        ("comment", "Kommentare (4)"),
        ("comment", "vor 2 Tagen"),
        ("comment", "Wer glaubt denn noch an diese Verhandlungen?"),
    ],
    "disqus_ru": [
        ("body", "Армия Норланда во вторник перебросила две бригады к границе с Судвией после трех дней обстрелов "
                 "у города Велл, где погибли по меньшей мере 12 мирных жителей."),
        ("comment", "Комментарии (2)"),
        ("comment", "2 дня назад"),
        ("comment", "Сколько можно это терпеть?"),
    ],
    "disqus_tr": [
        ("body", "Norland ordusu salı günü, Vell kenti yakınlarında en az 12 sivilin öldüğü üç günlük bombardımanın "
                 "ardından iki tugayı Sudvia sınırına kaydırdı."),
        ("comment", "Yorumlar (2)"),
        ("comment", "2 gün önce"),
        ("comment", "Bu savaş artık bitmeli."),
    ],
    "oped_de": [
        ("boilerplate", "Startseite > Politik > Ausland"),
        ("boilerplate", "Gastbeitrag"),
        ("body", "Die Armee Norlands hat am Dienstag nach drei Tagen Beschuss nahe der Stadt Vell, wo mindestens zwölf "
                 "Zivilisten getötet wurden, zwei Brigaden an die Grenze zu Sudvia verlegt."),
        ("boilerplate", "Auf Facebook teilen Auf X teilen Per E-Mail teilen"),
        ("body", "Das Außenministerium in Ostburg bestellte am Mittwoch den Botschafter Sudvias ein und forderte ein "
                 "Ende der Angriffe."),
        ("boilerplate", "Der Autor ist Professor für Politikwissenschaft an der Universität Ostburg."),
        ("boilerplate", "Dieser Gastbeitrag gibt die Meinung des Autors wieder, nicht notwendigerweise die der Redaktion."),
        ("boilerplate", "mit Material von dpa und AFP"),
        ("boilerplate", "dpa:210303-99-123456/4"),
    ],
    "oped_fr": [
        ("boilerplate", "Accueil > Monde > Europe"),
        ("boilerplate", "Tribune"),
        ("body", "L'armée du Norland a déplacé mardi deux brigades vers la frontière avec la Sudvie après trois jours "
                 "de bombardements près de la ville de Vell, où au moins douze civils ont été tués."),
        ("boilerplate", "Partager sur Facebook Partager sur X Envoyer par e-mail"),
        ("body", "Le ministère des affaires étrangères a convoqué mercredi l'ambassadeur de la Sudvie."),
        ("boilerplate", "Marie Durand est chercheuse à l'Institut d'études stratégiques d'Ostbourg."),
        ("boilerplate", "Les opinions exprimées dans cette tribune n'engagent que leur auteur."),
        ("boilerplate", "(Avec AFP)"),
    ],
    "oped_es": [
        ("boilerplate", "Inicio / Internacional / Europa"),
        ("boilerplate", "Opinión"),
        ("body", "El ejército de Norland trasladó el martes dos brigadas a la frontera con Sudvia tras tres días de "
                 "bombardeos cerca de la ciudad de Vell, donde murieron al menos doce civiles."),
        ("boilerplate", "Compartir en Facebook Compartir en X Compartir en WhatsApp"),
        ("body", "La cancillería convocó el miércoles al embajador de Sudvia."),
        ("boilerplate", "El autor es profesor de Relaciones Internacionales en la Universidad de Ostburgo."),
        ("boilerplate", "Las opiniones expresadas en este artículo son responsabilidad exclusiva de su autor."),
        ("boilerplate", "Con información de EFE y AFP."),
    ],
    "oped_ru": [
        ("boilerplate", "Главная / Новости / В мире"),
        ("boilerplate", "Мнение"),
        ("body", "Армия Норланда во вторник перебросила две бригады к границе с Судвией после трех дней обстрелов "
                 "у города Велл, где погибли по меньшей мере 12 мирных жителей."),
        ("boilerplate", "Поделиться ВКонтакте Telegram Одноклассники"),
        ("body", "В среду МИД Норланда вызвал посла Судвии."),
        ("boilerplate", "Автор — директор Центра политических исследований Остбурга."),
        ("boilerplate", "Мнение автора может не совпадать с позицией редакции."),
    ],
    "oped_tr": [
        ("boilerplate", "Anasayfa > Dünya"),
        ("boilerplate", "Görüş"),
        ("body", "Norland ordusu salı günü, Vell kenti yakınlarında en az 12 sivilin öldüğü üç günlük bombardımanın "
                 "ardından iki tugayı Sudvia sınırına kaydırdı."),
        ("boilerplate", "Facebook'ta paylaş X'te paylaş WhatsApp"),
        ("body", "Dışişleri Bakanlığı çarşamba günü Sudvia büyükelçisini bakanlığa çağırdı."),
        ("boilerplate", "Yazar, Ostburg Üniversitesi Uluslararası İlişkiler Bölümü öğretim üyesidir."),
        ("boilerplate", "Makaledeki görüşler yazarına aittir ve Norland Haber'in editoryal politikasını yansıtmayabilir."),
    ],
}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_furniture_of_real_pages(name):
    page = PAGES[name]
    text = "\n\n".join(line for _, line in page) + "\n"
    blocks = find_blocks(text)
    got, pos = [], 0
    for _, line in page:  # each line where it stands (a topic link "Norland" is also in the first paragraph)
        pos = text.index(line, pos)
        got.append(next(b.section for b in blocks if b.start <= pos < b.end))
        pos += len(line)
    assert list(zip(got, [l for _, l in page])) == [(s, l) for s, l in page]


@pytest.mark.parametrize("line", [
    "The end came quickly for the rebels holding the bridge, who surrendered on Tuesday.",
    "Home to three million people, Ostburg has been without power since Monday.",
    "The ministry said the attack on Vell / Ostburg road had been repelled.",
    "Share prices in Ostburg fell 4% on Tuesday as the fighting spread.",
    "Opinion polls show most Norlanders back the talks.",
    "The views of the two sides remain far apart, the mediator said.",
    "Reporters from three agencies contributed to the pool coverage of the talks on Tuesday.",
])
def test_article_sentences_stay_body(line):
    text = "Title\n\n" + P_EN + "\n\n" + line + "\n\n" + P_EN2 + "\n"
    pos = text.index(line)
    assert next(b.section for b in find_blocks(text) if b.start <= pos < b.end) == "body"


def test_relative_stamps_outside_a_thread_stay_furniture():
    # a live blog's entry stamps ("2 hours ago") are the page's, not readers': furniture, and no thread opens
    text = "Live: fighting on the Norland-Sudvia border\n\n2 hours ago\n\n" + P_EN + "\n\n3 hours ago\n\n" + P_EN2 + "\n"
    blocks = find_blocks(text)
    sections = {text[b.start:b.end]: b.section for b in blocks}
    assert sections["2 hours ago"] == sections["3 hours ago"] == "boilerplate"
    assert sections[P_EN] == sections[P_EN2] == "body"


BODY = {
    "en": P_EN,
    "fr": "L'armée du Norland a déplacé mardi deux brigades vers la frontière avec la Sudvie après trois jours de "
          "bombardements près de la ville de Vell, où au moins douze civils ont été tués.",
    "es": "El ejército de Norland trasladó el martes dos brigadas a la frontera con Sudvia tras tres días de "
          "bombardeos cerca de la ciudad de Vell, donde murieron al menos doce civiles.",
    "de": "Die Armee Norlands hat am Dienstag nach drei Tagen Beschuss nahe der Stadt Vell, wo mindestens zwölf "
          "Zivilisten getötet wurden, zwei Brigaden an die Grenze zu Sudvia verlegt.",
    "ru": "Армия Норланда во вторник перебросила две бригады к границе с Судвией после трех дней обстрелов "
          "у города Велл, где погибли по меньшей мере 12 мирных жителей.",
    "tr": "Norland ordusu salı günü, Vell kenti yakınlarında en az 12 sivilin öldüğü üç günlük bombardımanın "
          "ardından iki tugayı Sudvia sınırına kaydırdı.",
}


@pytest.mark.parametrize("lang, line, section", [
    # agencies' sign-offs under the copy
    ("en", "==Kyodo", "boilerplate"),
    ("en", "--IANS", "boilerplate"),
    ("en", "-- BERNAMA", "boilerplate"),
    # a broadcast transcript's stage directions
    ("en", "(BEGIN VIDEOTAPE)", "boilerplate"),
    ("en", "(CROSSTALK)", "boilerplate"),
    ("en", "(SOUNDBITE OF ARCHIVED BROADCAST)", "boilerplate"),
    # UN press: meeting number and release symbol
    ("en", "9512TH MEETING (PM)", "boilerplate"),
    ("en", "SC/15234", "boilerplate"),
    # press releases' notes, contacts, numbers, closing formulas
    ("en", "Notes to editors: Founded in 1971, Ostburg Relief works in 70 countries.", "boilerplate"),
    ("en", "For further information, please contact:", "boilerplate"),
    ("en", "Media contact: press@ostburg-relief.org", "boilerplate"),
    ("en", "No: 112, 3 March 2021", "boilerplate"),
    ("tr", "No: 112, 3 Mart 2021, Vell'deki saldırılar hk.", "boilerplate"),
    ("en", "Done at Ostburg, this 3rd day of March 2021.", "boilerplate"),
    ("fr", "Fait à Ostbourg, le 3 mars 2021.", "boilerplate"),
    ("fr", "Contact presse : presse@ostbourg.fr", "boilerplate"),
    ("de", "Pressekontakt: presse@ostburg.de", "boilerplate"),
    ("es", "Contacto de prensa: prensa@ostburgo.es", "boilerplate"),
    # a site's way back, a newsletter's sign-off
    ("en", "Back to Index", "boilerplate"),
    ("en", "Thanks for reading Ostburg Weekly! Subscribe for free to receive new posts.", "boilerplate"),
    ("de", "Zurück zur Übersicht", "boilerplate"),
    # a live page's stamps
    ("en", "Today 9:54 pm | Updated 10:20 pm", "boilerplate"),
    ("de", "17:40 Uhr", "boilerplate"),
    ("de", "Datum 03.03.2021", "boilerplate"),
    # source lines
    ("de", "Quelle: dpa/AFP", "boilerplate"),
    ("es", "Fuente: EFE", "boilerplate"),
    ("ru", "Источник: ТАСС", "boilerplate"),
    ("tr", "Kaynak: AA", "boilerplate"),
    ("tr", "Anadolu Ajansı web sitesinde, AA Haber Akış Sistemi (HAS) üzerinden abonelere sunulan haberler, "
           "özetlenerek yayımlanmaktadır.", "boilerplate"),
    # the article's own lines that look alike stay body
    ("ru", "Источник: армия Норланда готовит наступление на Велл к концу марта", "body"),
    ("en", "Done in Vell on Tuesday, the deal was signed by both ministers after a night of talks in the city.", "body"),
    ("en", "No one in Vell expected the shelling to resume after the ceasefire of 3 March 2021.", "body"),
    ("en", "Today, the army said it had moved two brigades to the border.", "body"),
])
def test_press_and_agency_furniture(lang, line, section):
    text = f"Title\n\n{BODY[lang]}\n\n{line}\n\n{BODY[lang]}\n"
    pos = text.index(line)
    assert next(b.section for b in find_blocks(text) if b.start <= pos < b.end) == section
