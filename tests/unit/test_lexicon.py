"""Bilingual dictionaries: a French question's words in English, read from dict-server files."""

import gzip

import pytest

from assistant.answer.question import analyse_question, with_translations
from assistant.language.lexicon import Lexicon, load_lexicon
from assistant.language.normalise import content_terms

BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
ENTRIES = {
    "imprimer": "imprimer /ɛ̃pʀime/ <v>\nprint\n",
    "imprimeur": "imprimeur /ɛ̃pʀimœʀ/ <n, masc>\nprinter\n",
    # "conseil" and "conseiller" stem alike and share a meaning: one entry.
    "conseil": "conseil /kɔ̃sɛj/ <n, masc>\nadvice, counsel\n",
    "conseiller": "conseiller /kɔ̃sɛje/ <v>\nadvise, counsel\n",
    "maire": "maire /mɛʀ/ <n, masc>\n1. mayor\n2. burgomaster, provost\n",
    "Anne": "Anne /an/ <n>\nAnn\n",
    "année": "année /ane/ <n, masc>\n1. year\n2. promotion\n",
    "civil": "civil /sivil/ <adj>\ncivilian, non-military\n",
    # "grève" (strike) and "grever" (to burden) stem alike and mean different things.
    "grève": "grève /gʀɛv/ <n, fem>\nstrike\n",
    "grever": "grever /gʀəve/ <v>\nburden\n",
}


def _number(value: int) -> str:
    digits = ""
    while True:
        digits = BASE64[value % 64] + digits
        value //= 64
        if not value:
            return digits


def _write_dictionary(folder, name="freedict-fra-eng", entries=ENTRIES):
    data, lines = b"", ["00databaseshort\tA\tA"]
    for headword, body in entries.items():
        encoded = body.encode()
        lines.append(f"{headword.lower()}\t{_number(len(data))}\t{_number(len(encoded))}")
        data += encoded
    (folder / f"{name}.index").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with gzip.open(folder / f"{name}.dict.dz", "wb") as handle:
        handle.write(data)
    load_lexicon.cache_clear()
    return load_lexicon(str(folder / f"{name}.index"))


def test_an_inflected_french_word_finds_its_headword_and_english_words(tmp_path):
    lexicon = _write_dictionary(tmp_path)
    found = lexicon.english_terms("Quel imprimeur a imprimé le guide, et quel maire l'a présenté ?", "fr")
    assert found[content_terms("imprimé")[0]] == {"print"} and found[content_terms("imprimeur")[0]] == {"printer"}
    assert found[content_terms("maire")[0]] == {"mayor", "burgomast"}  # the first two translations
    assert lexicon.english_terms("un conseil", "fr") == {"conseil": frozenset({"advic", "counsel", "advis"})}
    assert lexicon.english_terms("Which mayor printed it?", "en") == {}  # English needs none


def test_names_glosses_and_stems_of_two_meanings_are_not_translated(tmp_path):
    lexicon = _write_dictionary(tmp_path)
    assert lexicon.english_terms("En quelle année ?", "fr") == {"anne": frozenset({"year", "promot"})}  # not "Ann"
    assert lexicon.english_terms("la société civile", "fr") == {"civil": frozenset({"civilian"})}  # not "non"
    assert lexicon.english_terms("pendant la grève", "fr") == {}  # strike or burden: not known which


def test_a_gloss_gives_the_english_encoder_english_words(tmp_path):
    lexicon = _write_dictionary(tmp_path)
    assert lexicon.gloss("Quel maire a ouvert le symposium de Strasbourg en 2019 ?", "fr") == \
        "mayor ouvert symposium strasbourg 2019"
    assert lexicon.gloss("Qui a ouvert le symposium ?", "fr") == ""  # no word known: no gloss
    assert lexicon.gloss("Which mayor opened it?", "en") == ""


def test_without_a_dictionary_questions_are_matched_as_before(tmp_path, caplog):
    load_lexicon.cache_clear()
    assert load_lexicon("") == Lexicon() and not caplog.records  # none asked for
    missing = tmp_path / "freedict-fra-eng.index"
    assert load_lexicon(str(missing)) == Lexicon()
    assert str(missing) in caplog.text  # logged by name, not a traceback
    question = analyse_question("Quel maire a ouvert le symposium ?")
    assert with_translations(question, Lexicon()) is question


def test_a_dictionary_without_its_data_file_is_logged_and_not_used(tmp_path, caplog):
    _write_dictionary(tmp_path)
    (tmp_path / "freedict-fra-eng.dict.dz").unlink()
    load_lexicon.cache_clear()
    assert load_lexicon(str(tmp_path / "freedict-fra-eng.index")) == Lexicon()
    assert "freedict-fra-eng.dict" in caplog.text


@pytest.mark.parametrize("name", ["freedict-eng-fra", "freedict-xxx-eng", "other-fra-eng"])
def test_only_a_dictionary_into_english_from_a_known_language_is_read(tmp_path, name, caplog):
    assert _write_dictionary(tmp_path, name) == Lexicon()
    assert name in caplog.text


def test_a_french_question_carries_its_translations_and_gloss(tmp_path):
    lexicon = _write_dictionary(tmp_path)
    question = with_translations(analyse_question("Quel maire a ouvert le symposium ?"), lexicon)
    assert question.translations == {"mair": frozenset({"mayor", "burgomast"})}
    assert question.gloss == "mayor ouvert symposium"


def test_translated_gives_the_terms_and_the_gloss_of_one_lookup(tmp_path):
    lexicon = _write_dictionary(tmp_path)
    text = "Quel maire a ouvert le symposium de Strasbourg en 2019 ?"
    assert lexicon.translated(text, "fr") == (lexicon.english_terms(text, "fr"), lexicon.gloss(text, "fr"))
