"""Names of languages as questions use them: "the German edition", "la version italienne"."""

from __future__ import annotations

from assistant.language.normalise import tokens

# Languages an edition or a translation can be asked for in ("the Italian-language edition",
# "la version italienne"), with the codes of the documents' `language` field.
LANGUAGE_NAMES = {
    "english": "en", "anglais": "en", "anglaise": "en", "french": "fr", "francais": "fr", "francaise": "fr",
    "german": "de", "allemand": "de", "allemande": "de", "deutsch": "de", "italian": "it", "italien": "it",
    "italienne": "it", "spanish": "es", "espagnol": "es", "espagnole": "es", "portuguese": "pt",
    "portugais": "pt", "portugaise": "pt", "czech": "cs", "tcheque": "cs", "dutch": "nl", "neerlandais": "nl",
    "neerlandaise": "nl", "polish": "pl", "polonais": "pl", "polonaise": "pl", "greek": "el", "grec": "el",
    "grecque": "el",
}
EDITION_WORDS = frozenset("edition editions version versions translation translations translated traduction "
                          "traduit traduite language langue text texte copy guide guidebook publication "
                          "brochure booklet presentation summary resume note report rapport".split())


def asked_languages(question: str) -> dict[str, str]:
    """The languages a question asks an edition, version or translation in: {word: code}."""
    words = tokens(question)
    return {word: LANGUAGE_NAMES[word] for i, word in enumerate(words)
            if word in LANGUAGE_NAMES and EDITION_WORDS & set(words[max(0, i - 2):i + 3])}


def named_languages(question: str) -> set[str]:
    """The codes of the languages a question names in any sense ("which German city")."""
    return {LANGUAGE_NAMES[word] for word in tokens(question) if word in LANGUAGE_NAMES}


# "Dutch", "British", "Italian": a document says "the Netherlands" or "Rotterdam" instead,
# so an adjective of nationality missing from the corpus proves nothing.
DEMONYM_ENDINGS = ("ish", "ian", "ean", "ese", "tch", "ic", "ain", "ois", "ais", "an")
