"""Every supported format parses to the right text and title; PDF citations carry their page."""

from __future__ import annotations

from pathlib import Path

import docx

from assistant.ingest.documents import CorpusFile, hash_file, load_document

MAX_BYTES = 10_000_000


def make_pdf(pages: list[list[str]], title: str | None = None, info: dict[str, str] | None = None,
             language: str | None = None) -> bytes:
    """A minimal valid PDF (no PDF writer is installed): one Helvetica text stream per page."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    pages_id = len(objects) + 1 + 2 * len(pages)  # each page adds a content stream and a page object
    kids = []
    for lines in pages:
        ops = ["BT", "/F1 11 Tf", "14 TL", "50 780 Td"]
        for line in lines:
            escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            ops.append(f"({escaped}) Tj T*")
        ops.append("ET")
        stream = "\n".join(ops).encode("latin-1")
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 842] /Contents %d 0 R "
                        b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (pages_id, content, font)))
    assert add(b"<< /Type /Pages /Kids [%s] /Count %d >>"
               % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))) == pages_id
    lang = b" /Lang (%s)" % language.encode("latin-1") if language else b""
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R%s >>" % (pages_id, lang))
    fields = {**({"Title": title} if title else {}), **(info or {})}
    info = add(b"<< %s >>" % b" ".join(b"/%s (%s)" % (k.encode(), v.encode("latin-1")) for k, v in fields.items())
               ) if fields else None
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    trailer = b"/Size %d /Root %d 0 R" % (len(objects) + 1, catalog)
    if info:
        trailer += b" /Info %d 0 R" % info
    out += b"trailer\n<< " + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


PDF_PAGE_1 = ["Annual report on low-threshold services in Northport.",
              "The outreach team visited every district of the city during the year."]
PDF_PAGE_2 = ["The Marrowfield clinic distributed 41,000 sterile syringes in 2023.",
              "It is open every night from 8 pm to 2 am."]


def load(path: Path):
    file = CorpusFile(path, path.name, hash_file(path), path.stat().st_size)
    return load_document(file, MAX_BYTES)


def test_markdown_with_front_matter_uses_its_title_and_drops_it_from_the_text(tmp_path):
    path = tmp_path / "note.md"
    path.write_text("---\ntitle: Front matter title\ndate: 2024-05\nlanguage: en\n---\n\n"
                    "# A different heading\n\nBody text about naloxone kits.\n", encoding="utf-8")
    document = load(path)
    assert document.title == "Front matter title"
    assert document.date == "2024-05" and document.language == "en"
    assert "title:" not in document.text and "Body text about naloxone kits." in document.text
    raw = path.read_text(encoding="utf-8")
    assert raw[document.text_offset:].startswith(document.text)


def test_markdown_without_front_matter_takes_its_title_from_the_first_heading(tmp_path):
    path = tmp_path / "plain-note.md"
    path.write_text("Intro line.\n\n## Drug checking in Vienna\n\nChecking services test samples.\n",
                    encoding="utf-8")
    document = load(path)
    assert document.title == "Drug checking in Vienna"
    assert "Checking services test samples." in document.text


def test_plain_text_takes_its_title_from_the_file_name(tmp_path):
    path = tmp_path / "opioid_substitution-overview.txt"
    path.write_text("Opioid substitution treatment reduces overdose deaths.\n", encoding="utf-8")
    document = load(path)
    assert document.title == "opioid substitution overview"
    assert document.text.strip() == "Opioid substitution treatment reduces overdose deaths."


def test_latin1_text_is_decoded_with_its_accents(tmp_path):
    sentence = "Le café de la santé publique à Genève propose des soins médicaux gratuits."
    path = tmp_path / "geneve.txt"
    path.write_bytes((sentence + "\n").encode("latin-1"))
    assert load(path).text.strip() == sentence


def test_pdf_has_its_metadata_title_both_pages_and_page_offsets(tmp_path):
    path = tmp_path / "northport-report.pdf"
    path.write_bytes(make_pdf([PDF_PAGE_1, PDF_PAGE_2], title="Northport Outreach Report 2023"))
    document = load(path)
    assert document.title == "Northport Outreach Report 2023"
    assert [page for _, page in document.page_starts] == [1, 2]
    second = document.page_starts[1][0]
    assert PDF_PAGE_1[0] in document.text[:second]
    assert PDF_PAGE_2[0] in document.text[second:]


def test_pdf_metadata_author_date_and_language_and_a_junk_title_falls_back_to_the_first_heading(tmp_path):
    path = tmp_path / "scan0042.pdf"
    path.write_bytes(make_pdf([["Rapport annuel de Northport", "Le service de proximité a visité chaque "
                                "quartier de la ville pendant l'année et distribué du matériel stérile."]],
                              title="Microsoft Word - rapport_final_v3.doc", language="fr-FR",
                              info={"Author": "Claire Dubois", "CreationDate": "D:20190412093000+02'00'"}))
    document = load(path)
    assert document.title == "Rapport annuel de Northport"
    assert (document.author, document.date, document.language) == ("Claire Dubois", "2019-04-12", "fr")


def test_docx_metadata_and_a_placeholder_title_falls_back_to_the_first_heading(tmp_path):
    from datetime import datetime

    path = tmp_path / "memo.docx"
    memo = docx.Document()
    memo.core_properties.title = "Document1"
    memo.core_properties.author = "Jana Nováková"
    memo.core_properties.created = datetime(2021, 3, 9, 10, 0)
    memo.add_heading("Harm reduction in Brno", level=1)
    memo.add_paragraph("Město Brno podporuje terénní programy a kontaktní centra pro lidi, kteří užívají drogy.")
    memo.save(path)
    document = load(path)
    assert (document.title, document.author, document.date) == ("Harm reduction in Brno", "Jana Nováková", "2021-03-09")
    assert document.language == "cs"  # none declared: detected from the text


def test_a_text_file_gets_a_detected_language_and_an_untitled_web_page_its_heading(tmp_path):
    text = tmp_path / "notes.txt"
    text.write_text("Les salles de consommation à moindre risque réduisent les overdoses et les nuisances "
                    "dans l'espace public.\n", encoding="utf-8")
    assert load(text).language == "fr"
    page = tmp_path / "page.html"
    page.write_text(HTML.replace("<title>Needle exchange in Harbourtown</title>", "<title>about:blank</title>")
                    .replace('lang="en"', 'lang="en-GB"'), encoding="utf-8")
    document = load(page)
    assert document.title == "Needle exchange in Harbourtown" and document.language == "en"


def test_docx_uses_its_core_properties_title_and_paragraphs(tmp_path):
    path = tmp_path / "memo.docx"
    memo = docx.Document()
    memo.core_properties.title = "Memo on supervised injection"
    memo.add_heading("Background", level=1)
    memo.add_paragraph("The city council asked for an evaluation of the supervised injection site.")
    memo.add_paragraph("   ")
    memo.add_paragraph("The evaluation found fewer public injections after opening.")
    memo.save(path)
    document = load(path)
    assert document.title == "Memo on supervised injection"
    assert "evaluation of the supervised injection site." in document.text
    assert "fewer public injections" in document.text
    assert "\n\n\n\n" not in document.text  # the blank paragraph is dropped


HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Needle exchange in Harbourtown</title></head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/about">About Zyxquorp</a></li>
<li><a href="/contact">Contact</a></li></ul></nav>
<main><article>
<h1>Needle exchange in Harbourtown</h1>
<p>The Harbourtown needle exchange programme has operated since 1991 and serves about
2,000 people every year. It reduces the spread of HIV and hepatitis C among people who inject drugs.</p>
<p>Staff also offer testing, counselling and referral to treatment services in the region.</p>
</article></main>
<footer><p>Wibblecorp footer: privacy policy, cookie settings, all rights reserved.</p></footer>
</body></html>"""


def test_html_keeps_the_article_and_drops_navigation_and_footer(tmp_path):
    path = tmp_path / "harbourtown.html"
    path.write_text(HTML, encoding="utf-8")
    document = load(path)
    assert document.title == "Needle exchange in Harbourtown"
    assert "has operated since 1991" in document.text
    assert "referral to treatment" in document.text
    assert "Zyxquorp" not in document.text and "Wibblecorp" not in document.text


def test_a_fact_on_pdf_page_two_is_cited_with_page_two(make_assistant, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "northport-report.pdf").write_bytes(
        make_pdf([PDF_PAGE_1 * 3, PDF_PAGE_2], title="Northport Outreach Report 2023"))
    (corpus / "other.md").write_text("# Housing first\n\nHousing first programmes give homeless "
                                     "people a flat without preconditions.\n", encoding="utf-8")
    bot = make_assistant(corpus, tmp_path / "index")
    report = bot.sync_index()
    assert sorted(report.added) == ["northport-report.pdf", "other.md"] and not report.failed
    answer = bot.ask("How many sterile syringes did the Marrowfield clinic distribute in 2023?")
    assert not answer.refused, answer
    assert answer.citations
    citation = answer.citations[0]
    assert citation.source == "northport-report.pdf"
    assert citation.page == 2
    assert "Marrowfield" in citation.text
