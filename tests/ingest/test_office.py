"""Word documents and PDFs are articles too: their text, one paragraph a line, their title and date from the
file's properties; a damaged, encrypted, text-less or bomb-sized one is named in one line (issue 17: nothing lost)."""
import datetime as dt
import io
import zipfile

import docx
import pytest
from fpdf import FPDF

from pipeline.ingest.corpus import read_file
from pipeline.run.memory import build

FIRST = "Troops crossed the border near Lachin on 3 March 2020, officials said."
SECOND = "The foreign ministry said on Thursday that talks would resume in Geneva."


def _docx(path, title="Border report", created=dt.datetime(2020, 3, 5, 9, 0)):
    d = docx.Document()
    d.add_heading("Border report", 1)
    d.add_paragraph(FIRST)
    d.add_paragraph("")
    d.add_paragraph(SECOND)
    d.core_properties.title = title
    d.core_properties.created = created
    d.save(path)


def _pdf(path, title="Press release", created=dt.datetime(2020, 3, 5, tzinfo=dt.timezone.utc), text=True, lines=(FIRST, SECOND)):
    pdf = FPDF()
    pdf.set_title(title)
    pdf.set_creation_date(created)
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    for line in lines if text else ():
        pdf.multi_cell(0, 6, line)
        pdf.ln(8)
    pdf.output(str(path))


def test_a_word_document_gives_its_paragraphs_title_and_date(tmp_path):
    _docx(tmp_path / "report.docx")
    docs, problems = read_file(tmp_path / "report.docx")
    assert problems == []
    assert docs[0].text == f"Border report\n\n{FIRST}\n\n{SECOND}\n"
    assert (docs[0].title, docs[0].published, docs[0].published_inferred) == ("Border report", "2020-03-05", False)


def test_a_pdf_gives_its_text_title_and_date(tmp_path):
    _pdf(tmp_path / "release.pdf")
    docs, problems = read_file(tmp_path / "release.pdf")
    assert problems == []
    assert docs[0].text == f"{FIRST}\n\n{SECOND}\n"
    assert (docs[0].title, docs[0].published) == ("Press release", "2020-03-05")


def test_office_files_build_events_beside_text_articles(tmp_path):
    _docx(tmp_path / "report.docx")
    _pdf(tmp_path / "release.pdf", title="Release", lines=("Rebels seized the airport in Goma on 20 November 2012, the UN said.",))
    frame = build([str(tmp_path)], {"cache": False}).frame
    assert set(frame.doc_id) == {"report", "release"}
    assert {"2020-03-03", "2012-11-20"} <= set(frame.date_value)


@pytest.mark.parametrize("name, content, said", [
    ("fake.docx", b"this is not a zip", "is not a Word document (.docx), though named one"),
    ("fake.pdf", b"%PDF-1.4 garbage", "is not a readable PDF"),
])
def test_damaged_office_files_are_named(tmp_path, name, content, said):
    (tmp_path / name).write_bytes(content)
    docs, problems = read_file(tmp_path / name)
    assert docs == [] and problems[0].fatal and said in problems[0].problem and "\n" not in problems[0].problem


def test_a_zip_bomb_named_docx_is_refused_before_it_is_unpacked(tmp_path, monkeypatch):
    import pipeline.ingest.office as office
    monkeypatch.setattr(office, "UNPACKED_BYTES", 1_000_000)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"\0" * 5_000_000)  # 5 MB of zeros: a few KB packed
    (tmp_path / "bomb.docx").write_bytes(buf.getvalue())
    assert len(buf.getvalue()) < 20_000
    docs, problems = read_file(tmp_path / "bomb.docx")
    assert docs == [] and "unpacks to 5,000,000 bytes" in problems[0].problem


def test_a_pdf_without_a_text_layer_is_named(tmp_path):
    _pdf(tmp_path / "scan.pdf", text=False)
    docs, problems = read_file(tmp_path / "scan.pdf")
    assert docs == [] and "no text layer" in problems[0].problem
