"""Bilingual dictionaries: the English words for a French question's words.

The encoder is English-only, and cognates match "approuvé" to "approved" but not "imprimé" to
"printed" nor "maire" to "mayor". A dictionary does: a French question's words then match the
English words of an English note's sentences, and its word-for-word English gloss finds
English notes by meaning. (Searching BM25 under the translations as well lost answers: a
common word's second sense matches everywhere.)

The dictionary is read in the dict server's format (a `.index` file beside a `.dict` or dictzip
`.dict.dz` one), as FreeDict publishes it and Debian installs it
(/usr/share/dictd/freedict-fra-eng.index; setting `lexicon`). Without one, questions are
matched as before.
"""

from __future__ import annotations

import gzip
import logging
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from assistant.language.normalise import STOPWORDS, content_terms, fold, tokens

# FreeDict names its dictionaries by ISO 639-3 codes; the rest of the code uses ISO 639-1.
LANGUAGE_CODES = {"fra": "fr", "deu": "de", "por": "pt", "ces": "cs", "eng": "en", "spa": "es", "ita": "it",
                  "nld": "nl"}
DICTIONARY_NAME = re.compile(r"^freedict-(?P<source>[a-z]{3})-(?P<target>[a-z]{3})\.index$")
BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
SENSE_NUMBER = re.compile(r"^\s*\d+\.\s*")
BRACKETED = re.compile(r"\([^)]*\)|\[[^]]*\]|<[^>]*>")
# A translation longer than this many content words is a definition, not a word for the word.
MAX_TRANSLATION_TERMS = 2
# The first few translations of an entry are its usual ones; the tail ("give way, relinquish,
# yield") would make a common word match every sentence.
MAX_TRANSLATIONS_PER_WORD = 2
# Shorter stems stand for too many words: "devait" (devoir) and "devant" both stem to "dev".
MIN_KEY_LENGTH = 4


@dataclass(frozen=True)
class Lexicon:
    """Word-for-word translations into English from one language: a stemmed source word ->
    English search terms (stemmed as `content_terms` stems them), and its first translation."""

    language: str = ""  # the source language; "" for no dictionary
    entries: dict[str, frozenset[str]] = field(default_factory=dict)
    first_words: dict[str, str] = field(default_factory=dict)

    def english_terms(self, text: str, language: str) -> dict[str, frozenset[str]]:
        """For each content word of `text` that the dictionary knows, its search term (as
        `content_terms` makes it) -> the English terms it translates to, less itself."""
        return self._english_terms(self._looked_up(text, language))

    def gloss(self, text: str, language: str) -> str:
        """`text` word for word in English, for the English encoder: each word the dictionary
        knows as its first translation, names and numbers as they are, function words left
        out ("Quel maire a ouvert le symposium ?" -> "mayor ouvert symposium": "ouvert" is not
        a headword); "" when no word is known."""
        return self._gloss(self._looked_up(text, language))

    def translated(self, text: str, language: str) -> tuple[dict[str, frozenset[str]], str]:
        """`english_terms` and `gloss` of `text`, its words looked up once."""
        looked_up = self._looked_up(text, language)
        return self._english_terms(looked_up), self._gloss(looked_up)

    def is_dictionary_word(self, word: str) -> bool:
        """Whether the word is one of the dictionary's, as a headword or as an English translation
        ("Declaration", "United", "Lantern"): a word other languages write otherwise."""
        return bool(self.language) and (_source_key(word, self.language) in self.entries
                                        or not set(content_terms(word)).isdisjoint(self._english_words))

    @cached_property
    def _english_words(self) -> frozenset[str]:
        return frozenset().union(*self.entries.values())

    def _english_terms(self, looked_up: list[tuple[str, str]]) -> dict[str, frozenset[str]]:
        found: dict[str, frozenset[str]] = {}
        for word, key in looked_up:
            own = content_terms(word)
            if key in self.entries and own:
                found[own[0]] = found.get(own[0], frozenset()) | (self.entries[key] - {own[0]})
        return {term: english for term, english in found.items() if english}

    def _gloss(self, looked_up: list[tuple[str, str]]) -> str:
        if not any(key in self.first_words for _, key in looked_up):
            return ""
        return " ".join(self.first_words.get(key, word) for word, key in looked_up)

    def _looked_up(self, text: str, language: str) -> list[tuple[str, str]]:
        """(word, key) for each content word of `text` when it is in the dictionary's language:
        the key is the word's stem, or "" for a word too short or a number, never a headword."""
        if language != self.language or not self.language:
            return []
        return [(word, _source_key(word, language) if len(word) >= 3 and not word.isdigit() else "")
                for word in tokens(text) if word not in STOPWORDS]


@lru_cache(maxsize=4)
def load_lexicon(index_file: str) -> Lexicon:
    """The dictionary whose dict-server index is `index_file` ("…/freedict-fra-eng.index", the
    data beside it), read once; an empty lexicon when `index_file` is "". One named file, not
    every dictionary in a folder: FreeDict's German-English one takes a minute and a half to
    read here and its entries are phrases, not words for the word. A missing or unreadable
    dictionary is logged by name and questions are matched as without one."""
    if not index_file:
        return Lexicon()
    path = Path(index_file)
    match = DICTIONARY_NAME.match(path.name)
    language = LANGUAGE_CODES.get(match["source"]) if match and match["target"] == "eng" else None
    if language is None or language == "en":
        logging.getLogger(__name__).warning("lexicon %s: not a freedict-<language>-eng.index file; not used", path)
        return Lexicon()
    try:
        bodies = _dictd_entries(path)
    except (OSError, EOFError, ValueError) as error:
        logging.getLogger(__name__).warning("lexicon %s unavailable: %s", path, error)
        return Lexicon()
    senses: dict[str, list[frozenset[str]]] = {}  # key -> each headword's translations
    first_words: dict[str, str] = {}
    for body in bodies:
        key = _headword_key(_headword(body), language)
        english = _translations(body)
        if key and english:
            senses.setdefault(key, []).append(english)
            first_words.setdefault(key, _first_translation(body))
    entries = {key: frozenset().union(*translations) for key, translations in senses.items()
               if _one_meaning(translations)}
    first_words = {key: word for key, word in first_words.items() if key in entries}
    return Lexicon(language if entries else "", entries, first_words)


def _one_meaning(translations: list[frozenset[str]]) -> bool:
    """Whether the headwords that stem alike mean one thing: each shares a translation with
    the first, or one's opening ("conseil", "conseiller": "counsel"; "imprimer", "imprimeur":
    "print", "printer"). "acre" (acre) and "âcre" (acrid, bitter) share none: a word stemmed
    "acre" could be either, so it is not translated."""
    return all(any(a.startswith(b) or b.startswith(a) for a in translations[0] for b in other)
               for other in translations[1:])


def _dictd_entries(index: Path) -> list[str]:
    """The text of each entry the dict server's index points to."""
    data_file = next((path for path in (index.with_suffix(".dict.dz"), index.with_suffix(".dict"))
                      if path.is_file()), None)
    if data_file is None:
        raise OSError(f"no {index.with_suffix('.dict.dz').name} or {index.with_suffix('.dict').name} beside it")
    opener = gzip.open if data_file.suffix == ".dz" else open
    with opener(data_file, "rb") as handle:
        data = handle.read()
    entries = []
    for line in index.read_text(encoding="utf-8", errors="replace").splitlines():
        parts = line.split("\t")
        if len(parts) != 3 or parts[0].startswith("00database"):
            continue
        start, length = _base64_number(parts[1]), _base64_number(parts[2])
        entries.append(data[start:start + length].decode("utf-8", errors="replace"))
    return entries


def _base64_number(text: str) -> int:
    value = 0
    for char in text:
        value = value * 64 + BASE64.index(char)
    return value


def _headword(body: str) -> str:
    """An entry's headword as written (the index lower-cases it): its first line up to the
    pronunciation ("Anne /an/ <n>" -> "Anne")."""
    first_line = body.lstrip().split("\n", 1)[0]
    return re.split(r"\s+[/<]", first_line, maxsplit=1)[0].strip()


def _headword_key(headword: str, language: str) -> str:
    """A one-word headword's key; "" for phrases ("avoir lieu"), which a word can't look up, and
    for names ("Anne"), which are not translated."""
    words = tokens(headword)
    if len(words) != 1 or len(words[0]) < 3 or headword[:1].isupper():
        return ""
    key = _source_key(words[0], language)
    return key if len(key) >= MIN_KEY_LENGTH else ""


def _word_translations(body: str) -> list[str]:
    """An entry's translations that are words for the word, in order. The first line is the
    headword with its pronunciation and part of speech; each further line is a sense, its
    translations separated by commas. A translation of more than two content words is a
    definition, and a hyphenated one ("non-military", "ball-frame") a gloss."""
    found = []
    for sense in body.splitlines()[1:]:
        for translation in BRACKETED.sub(" ", SENSE_NUMBER.sub("", sense)).split(","):
            if "-" not in translation and 0 < len(content_terms(translation)) <= MAX_TRANSLATION_TERMS:
                found.append(translation.strip())
    return found


def _translations(body: str) -> frozenset[str]:
    """The English search terms of an entry's first translations."""
    return frozenset(term for translation in _word_translations(body)[:MAX_TRANSLATIONS_PER_WORD]
                     for term in content_terms(translation))


def _first_translation(body: str) -> str:
    return next(iter(_word_translations(body)), "")


def _source_key(word: str, language: str) -> str:
    """A source-language word, folded and stemmed by that language's stemmer, so that
    "imprimé" finds "imprimer" and "créée" finds "créer"."""
    return _stemmer(language).stemWord(fold(word))


@lru_cache(maxsize=8)
def _stemmer(language: str):
    import Stemmer

    names = {"fr": "french", "de": "german", "pt": "portuguese", "es": "spanish", "it": "italian", "nl": "dutch"}
    return Stemmer.Stemmer(names.get(language, "porter"))
