"""Chunks are whole sentences, carry exact offsets and the document's metadata."""

from pathlib import Path

from assistant.ingest.chunking import chunk_document
from assistant.language.sentences import clauses, split_sentences
from assistant.ingest.documents import CorpusFile, hash_file, load_document

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def load(name: str):
    path = CORPUS / name
    return load_document(CorpusFile(path, name, hash_file(path), path.stat().st_size), 10**7)


def test_offsets_index_the_file_exactly_for_every_shipped_note():
    for path in sorted(CORPUS.glob("*.md")):
        document = load(path.name)
        raw = path.read_text(encoding="utf-8")
        chunks = chunk_document(document, 700, 150)
        assert chunks, path.name
        for chunk in chunks:
            assert raw[chunk.start:chunk.end] == chunk.text
            assert chunk.title == document.title and chunk.url == document.url


def test_front_matter_becomes_metadata_not_text():
    document = load("efus-2018-resolution-drugs-news-en.md")
    assert document.title.startswith("In a resolution, Efus calls")
    assert document.date == "2018-11" and document.language == "en"
    assert "source_url:" not in document.text


def test_chunk_ids_are_stable_across_runs():
    first = [c.chunk_id for c in chunk_document(load("prague-declaration-2010-cs.md"), 700, 150)]
    second = [c.chunk_id for c in chunk_document(load("prague-declaration-2010-cs.md"), 700, 150)]
    assert first == second and len(set(first)) == len(first)


def test_sentences_do_not_split_at_abbreviations_or_initials():
    text = "The guide, e.g. the 2008 one, was written by J. Smith. It was short. Dr. Coppel agreed!"
    sentences = [text[s.start:s.end] for s in split_sentences(text)]
    assert sentences == ["The guide, e.g. the 2008 one, was written by J. Smith.", "It was short.",
                         "Dr. Coppel agreed!"]


def test_clauses_say_which_opens_its_sentence_and_keep_abbreviated_names_whole():
    text = "Dr. Coppel, of the Pompidou Group, spoke (briefly): it was short. Then Paris."
    assert clauses(text) == [("Dr. Coppel", True), ("of the Pompidou Group", False), ("spoke", False),
                             ("briefly", False), ("it was short.", False), ("Then Paris.", True)]


def test_a_german_or_czech_day_before_its_month_does_not_end_a_sentence():
    text = ("Der Vorstand hat die Resolution am 5. Dezember 2024 in Köln beschlossen. Sie gilt ab 1. Januar. "
            "Deklarace byla přijata 2. října 2010. Es waren 12. Danach ging es weiter.")
    sentences = [text[s.start:s.end] for s in split_sentences(text)]
    assert sentences == ["Der Vorstand hat die Resolution am 5. Dezember 2024 in Köln beschlossen.",
                         "Sie gilt ab 1. Januar.", "Deklarace byla přijata 2. října 2010.", "Es waren 12.",
                         "Danach ging es weiter."]


def test_a_numbered_item_a_list_item_and_a_blank_line_each_end_a_sentence_but_an_item_number_does_not():
    text = ("## Results\n\nThey could choose up to three:\n\n1. More street cleaning: 49%\n2. More patrols\n"
            "- 9 young people referred to the scheme\n\nCourt outcomes are not yet known.")
    sentences = [text[s.start:s.end] for s in split_sentences(text)]
    assert sentences == ["## Results\n\nThey could choose up to three:", "1. More street cleaning: 49%",
                         "2. More patrols", "- 9 young people referred to the scheme",
                         "Court outcomes are not yet known."]
