"""Language-light text normalisation shared by BM25, evidence selection and citation checks.

The corpus mixes English, French, German, Czech and Portuguese: accents are folded so that
"Athènes" matches "Athenes", and one stemmer is applied to both questions and passages, which
matters more for matching than being linguistically right for each language.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Callable

TOKEN = re.compile(r"[0-9]+(?:[.,/-][0-9]+)*|[^\W\d_]+(?:['’-][^\W\d_]+)*", re.UNICODE)
_STOPWORD_LIST = """
a an and are as at be been being but by can could did do does for from had has have how i if in
into is it its itself may might more most much must no not of on or our over should so such than
that the their them then there these they this those through to under up was we were what when
where which while who whom whose why will with would you your according also about after again
against all am any because before between both during each few further here just only other own
same some too very s t yes le la les de des du un une et est en au aux pour par sur dans qui que
quoi quel quelle quels quelles ou où ce cet cette ces son sa ses leur leurs il elle ils elles
on ne pas plus a été d l qu n s se y été être avoir der die das und ist im in den dem des ein
eine einer zu mit von für auf als auch sich nicht wie zum zur je se na v ve z do o e os as um
uma para com por que ao combien pourquoi quand lequel laquelle lesquels lesquelles selon après ont sont
"""


def fold(text: str) -> str:
    """Lower-case and strip accents (NFKD), as the eval harness does for keyword matching."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


STOPWORDS = frozenset(fold(word) for word in _STOPWORD_LIST.split())  # compared with folded tokens


def tokens(text: str) -> list[str]:
    """Folded word and number tokens, split at apostrophes and hyphens (l'Efus -> l, efus;
    2013-2020 -> 2013, 2020) so that a part can match on its own."""
    out = []
    for token in TOKEN.findall(fold(text)):
        out.extend(part for part in re.split(r"['’/-]", token) if part)
    return out


def content_terms(text: str) -> list[str]:
    """Stemmed tokens minus stopwords: what must match for two texts to say the same thing."""
    return [stem(t) for t in tokens(text) if t not in STOPWORDS and (len(t) > 1 or t.isdigit())]


def numbers(text: str) -> set[str]:
    return {t for t in tokens(text) if t[0].isdigit()}


FEMININE_PARTICIPLE = re.compile(r"(?<=\w{4})ee(s?)$")  # folded: adoptée -> adoptee; not "agree", "three"
# French participles in -uit share their noun's stem: traduit/traduction, réduit/réduction,
# produit/production (and so the English "reduction", "product").
UIT_PARTICIPLE = re.compile(r"(?<=\w{3})uite?s?$")


@lru_cache(maxsize=200_000)
def stem(token: str) -> str:
    """English Snowball stems, and French participles agree: "adoptée(s)" stems like "adopté",
    "traduit" like "traduction"."""
    return _stemmer().stemWord(UIT_PARTICIPLE.sub("uct", FEMININE_PARTICIPLE.sub(r"e\1", token)))


@lru_cache(maxsize=1)
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("english")


# Spellings that differ between the corpus languages for the same sound, so that cognates
# ("coalition" / "Koalition", "estratégias" / "strategies", "Konferenz" / "conference") are
# spelled alike. A "c" before e/i is an "s", elsewhere a "k"; doubled letters count once;
# Spanish and Portuguese put an "e" before "s" + consonant.
COGNATE_SPELLINGS = (("ph", "f"), ("th", "t"), ("qu", "k"), ("ck", "k"), ("ce", "se"), ("ci", "si"),
                     ("cy", "si"), ("c", "k"), ("y", "i"), ("z", "s"), ("w", "v"))
PROTHETIC_E = re.compile(r"^e(?=s[bcdfgklmnpqrtv])")
COGNATE_KEY_LENGTH = 6  # shorter stems ("drog", "citi") say too little to match across languages
# Cognates differ in their endings by a few letters ("strategi" / "estrategia"); a longer
# difference is a compound ("Projektpartner" is not "project"). The English stemmer leaves
# other languages' endings on, so these are set aside first ("konferensia" -> "konfer").
COGNATE_ENDING_DIFFERENCE = 3
FOREIGN_ENDING = re.compile(r"(ensia|ansia|sion|sao|kao|ens|ans|ien|en|ia|ie|es|as|os|a|e|o|i|s)$")


@lru_cache(maxsize=200_000)
def cognate_spelling(term: str) -> str:
    """A stemmed term respelled so that its cognates in the corpus languages begin alike."""
    spelled = PROTHETIC_E.sub("", term)
    for spelling, sound in COGNATE_SPELLINGS:
        spelled = spelled.replace(spelling, sound)
    return re.sub(r"(.)\1+", r"\1", spelled)


def cognate_key(term: str) -> str:
    """The opening that cognates share; "" for a term too short (or not a word) to match so."""
    spelled = cognate_spelling(term)
    return spelled[:COGNATE_KEY_LENGTH] if len(spelled) >= COGNATE_KEY_LENGTH and spelled.isalpha() else ""


def are_cognates(a: str, b: str) -> bool:
    """Whether two stemmed terms begin alike once respelled and end within a few letters."""
    key = cognate_key(a)
    return bool(key) and key == cognate_key(b) and \
        abs(_length_without_ending(a) - _length_without_ending(b)) <= COGNATE_ENDING_DIFFERENCE


def _length_without_ending(term: str) -> int:
    return len(FOREIGN_ENDING.sub("", cognate_spelling(term)))


def cognates_among(terms: set[str], others: set[str]) -> set[str]:
    """The `terms` that have a cognate among `others` (or occur there as they are)."""
    by_key: dict[str, list[str]] = {}
    for other in others:
        by_key.setdefault(cognate_key(other), []).append(other)
    return {term for term in terms
            if term in others or any(are_cognates(term, other) for other in by_key.get(cognate_key(term), ()))}


FRENCH_MARKERS = frozenset("le la les des du une est qui quel quelle quels quelles pourquoi comment "
                           "combien quand où ou d'après selon dans sur pour avec été".split())
ENGLISH_MARKERS = frozenset("the which what who why how when where did does is are was were of in "
                            "for with to".split())
GERMAN_MARKERS = frozenset("der die das den dem des und ist sind war wurde wurden welche welcher welches was "
                           "wer wie wann warum wo hat haben mit von für auf im zu ein eine einer nicht".split())


def question_language(text: str) -> str:
    """'fr', 'de' or 'en', from common function words: enough to pick the answer's phrasing."""
    lowered = text.lower()
    words = re.findall(r"[^\W\d_]+", lowered)
    scores = {
        "fr": sum(w in FRENCH_MARKERS for w in words) + 2 * bool(re.search(r"[àâçéèêëîïôûù]", lowered)),
        "de": sum(w in GERMAN_MARKERS for w in words) + 2 * bool(re.search(r"[äöüß]", lowered)),
        "en": sum(w in ENGLISH_MARKERS for w in words),
    }
    best = max(scores, key=scores.get)
    return best if scores[best] > scores["en"] else "en"


def key_terms(question: str, language: str = "en") -> list[str]:
    """Names and numbers in a question (capitalised words after the first, digits), stemmed.
    German capitalises every noun, so there only acronyms ("EU", "SOLIDIFY") count as names.

    If the corpus never mentions one of them, no passage can answer the question.
    """
    words = re.findall(r"[^\W_]+", question)
    keys = [term for word in words if word[0].isdigit() for term in content_terms(word)]
    names = proper_names(question)
    if language == "de":
        names = [name for name in names if name.isupper()]
    for name in names:
        # "The Czech presentation of the Declaration" names the note's language, which the
        # note itself never writes; whether an edition exists is checked separately.
        if not fold(name).endswith(DEMONYM_ENDINGS) and fold(name) not in LANGUAGE_NAMES:
            keys.extend(content_terms(name))
    return keys


def names_document(names: set[str], title: str) -> bool:
    """Whether a document's title holds all of a question's names and numbers (its key terms),
    two at least: the question then names that document ("the 2006 Saragossa Manifesto"), not
    just a project that many documents are about ("SOLIDIFY")."""
    return len(names) >= 2 and names <= set(content_terms(title))


def proper_names(question: str) -> list[str]:
    """Capitalised words after the first: the names a question mentions."""
    words = re.findall(r"[^\W\d_]+", question)
    return [word for word in words[1:] if word[0].isupper() and len(word) > 1]


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


WHY_QUESTION = re.compile(r"\b(why|pourquoi|warum|wieso|por que|porque|proc)\b")
# How the corpus languages state a reason: "…, since they feed stigma", "à cause des résistances",
# "…, car elles ont compris" (French "car" follows a comma; the English noun rarely does).
REASON = re.compile(r"\b(because|since|due to|owing to|as a result|given that|parce que?|a cause d(?:e|es|u)|"
                    r"en raison|du fait|faute de|weil|da|aufgrund|wegen|porque|devido|pois|protoze|kvuli)\b"
                    r"|,\s*car\b")


WHEN_QUESTION = re.compile(r"\b(when|quand|wann|quando|kdy|(?:which|what) (?:month|year|date|day)|"
                           r"quel(?:le)? (?:mois|annee|date|jour)|in welchem (?:jahr|monat)|em que ano)\b")
# A year or a month name; "may" only next to a number, since it is mostly the verb.
DATE = re.compile(r"\b((1[5-9]|20)[0-9]{2}|january|february|march|april|june|july|august|september|"
                  r"october|november|december|janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|"
                  r"octobre|novembre|decembre|januar|februar|marz|juni|juli|oktober|dezember)\b"
                  r"|\b[0-9]{1,2} may\b|\bmay [0-9]{1,4}\b")


WHERE_QUESTION = re.compile(r"\b(where|in which (?:city|town|place)|which (?:city|cities|town|towns)|"
                            r"quelles? villes?|dans quelle ville|wo|onde|kde)\b")
FRENCH_WHERE = re.compile(r"(?<!\w)où(?!\w)")  # not folded: "ou" is "or"
WHO_QUESTION = re.compile(r"^\W*(?:who|whom|by whom|qui|par qui|wer|von wem|quem|kdo)\b|\b(?:and who|et qui)\b")


def asks_where(question: str) -> bool:
    return bool(WHERE_QUESTION.search(fold(question)) or FRENCH_WHERE.search(question.lower()))


def asks_who(question: str) -> bool:
    """"Who wrote…", "Qui a traduit…"; not "WHO guidelines" (the World Health Organization)."""
    return bool(WHO_QUESTION.search(fold(question))) and not re.search(r"\bWHO\b", question)


def asks_why(question: str) -> bool:
    return bool(WHY_QUESTION.search(fold(question)))


# A sentence that opens by pointing back ("For this reason Efus made…", "C'est pourquoi…") or
# draws a conclusion ("They should therefore help shape policy…", "Elles doivent donc…")
# states a consequence; the reason a why-question asks for is in the sentence before it.
POINTS_BACK = re.compile(
    r"^(?:for (?:this|that|these|those) reasons?|this is why|that is why|in response|thus|"
    r"as a result|c['’]est pourquoi|pour (?:cette|ces) raisons?|par consequent|en reponse|"
    r"aus (?:diesem|diesen) grunde?n?|por (?:esse motivo|essa razao)|z tohoto duvodu)\b"
    r"|\b(?:therefore|hence|consequently|donc|deshalb|daher|darum|deswegen|por isso|portanto|proto)\b")


def points_back(sentence: str) -> bool:
    return bool(POINTS_BACK.search(fold(sentence)))


def states_reason(sentence: str) -> bool:
    """Gives a reason, or a consequence whose reason comes just before."""
    return bool(REASON.search(fold(sentence))) or points_back(sentence)


# "What other name are these rooms given?", "Quel est le nom de…": a sentence that gives
# something a name ("…are sometimes called supervised injecting facilities").
NAME_QUESTION = re.compile(r"\b(?:what|which) (?:other )?names?\b|\bwhat(?: is|'s| was) the (?:other )?names?\b|"
                           r"\bunder what name|\bwhat (?:is|are|was|were) (?:[\w'-]+ ){1,5}called\b|"
                           r"\bquel(?:le)?s? (?:est |sont |etait )?(?:le |les )?(?:autres? )?noms?\b|"
                           r"\bwie hei(?:ss|ß)t")
NAMING = re.compile(r"\b(?:called|known as|named|referred to as|termed|dubbed|appelee?s?|denommee?s?|"
                    r"nommee?s?|genannt|bezeichnet|chamad[oa]s?|designad[oa]s?)\b")


def asks_for_name(question: str) -> bool:
    return bool(NAME_QUESTION.search(fold(question)))


def gives_name(sentence: str) -> bool:
    return bool(NAMING.search(fold(sentence)))


def asks_when(question: str) -> bool:
    return bool(WHEN_QUESTION.search(fold(question)))


def states_date(sentence: str) -> bool:
    return bool(DATE.search(fold(sentence)))


YEAR_WORDS = r"which year|what year|quelle annee"
# "What was the total budget of…", "quel était le montant…": a sum of money is a quantity too.
AMOUNT_WORDS = (r"(?:what|which) (?:is|was|were) the (?:total |overall )?(?:budget|amount|cost) (?:of|for)|"
                r"quel(?:le)? (?:est|etait|a ete) (?:le|la) (?:montant|budget|cout)|montant total")
QUANTITY_QUESTION = re.compile(rf"\b(how many|how much|combien|{YEAR_WORDS}|isbn|{AMOUNT_WORDS}|"
                               r"what number|what percentage|quel pourcentage)\b")
NUMBER_WORDS = frozenset("one two three four five six seven eight nine ten eleven twelve twenty thirty "
                         "forty fifty hundred thousand million deux trois quatre cinq sept huit neuf "
                         "dix onze douze vingt cent mille".split())


def asks_for_quantity(question: str) -> bool:
    """'How many…', 'which year…', 'combien…': only a sentence with a number can answer."""
    return bool(QUANTITY_QUESTION.search(fold(question)))


YEAR_QUESTION = re.compile(rf"\b({YEAR_WORDS})\b")
YEAR = re.compile(r"^(1[5-9]|20)[0-9]{2}$")
PERCENT_QUESTION = re.compile(r"\b(what percentage|what share|what proportion|quel pourcentage|quelle part)\b")
# "How much EU co-financing, in euros": a date or a partner count in a sentence about the
# funding is no answer; only a sum of money is.
MONEY_QUESTION = re.compile(r"\b(money|euros?|eur|dollars?|budget|cost|costs|funding|financing|co-financing|"
                            r"cofinancing|grant|montant|cout|financement|cofinancement|geld|kosten|betrag|"
                            r"dinheiro|orcamento|financiamento)\b")
MONEY = re.compile(r"[€$£]|\b(euros?|eur(?!-lex)|dollars?|pounds?|francs?|kc|korun\w*|ecus?)\b")
PERCENT = re.compile(r"%|\b(percent|per cent|pour cent|prozent)\b")
# "how many <what is counted>" ("the number of <…>" too): a count stands just before the thing
# it counts ("about 250 people", "eleven strategic priorities"), so a number in front of
# something else is no answer.
COUNT_QUESTION = re.compile(r"\b(?:how many|combien de|combien d|wie viele|quantos|quantas|the number of|le nombre de|"
                            r"le nombre d|die zahl der|o numero de)\b(.*)")
COUNTED_TERMS = 2  # the first content words after "how many": "strategic priorities", "people attended"
COUNT_REACH = 4  # words between a count and what it counts
SameThing = Callable[[str, str], bool]


def states_quantity(sentence: str, question: str, same_thing: SameThing | None = None) -> bool:
    """A number (in digits or words) that the question itself did not already contain; a year
    when it asks for one. A sentence dated to other years than the question's is about
    something else ("250 people attended in 2019" does not answer "how many in 2021").
    `same_thing` tells whether two short phrases name the same kind of thing, so that "about
    250 participants" can answer "how many people"; without it the words must match."""
    new_numbers = numbers(sentence) - numbers(question)
    asked_years, stated_years = _years(question), _years(sentence)
    if asked_years and stated_years and not asked_years & stated_years:
        return False
    if asks_for_year(question):
        return any(YEAR.match(n) for n in new_numbers)
    if PERCENT_QUESTION.search(fold(question)):
        return bool(new_numbers) and bool(PERCENT.search(fold(sentence)))
    counted = counted_terms(question)
    if counted:
        words = tokens(sentence)
        counts = _count_positions(words, new_numbers)
        if any(counted & {stem(w) for w in words[i + 1:i + 1 + _reach(words[i])]} for i in counts):
            return True
        asked = counted_phrase(question)
        return same_thing is not None and any(phrase and same_thing(asked, phrase)
                                              for phrase in (_phrase_at(words[i + 1:]) for i in counts))
    if asks_for_money(question):
        return bool(new_numbers) and bool(MONEY.search(fold(sentence)))
    return bool(new_numbers) or bool(NUMBER_WORDS & set(tokens(sentence)))


def counted_terms(question: str) -> set[str]:
    """What a "how many" question counts, as search terms; empty for other questions."""
    return set(content_terms(_after_how_many(question))[:COUNTED_TERMS])


def counted_phrase(question: str) -> str:
    """The words naming what a "how many" question counts, up to its first function word:
    "drug consumption rooms" in "How many drug consumption rooms did…"."""
    return _phrase_at(tokens(_after_how_many(question)))


def _after_how_many(question: str) -> str:
    match = COUNT_QUESTION.search(fold(question))
    return match.group(1) if match else ""


def _reach(count: str) -> int:
    """How far after a count the counted thing may stand: right after a year-like number ("2000
    participants"), since "the 2017 Security, Democracy and Cities Manifesto" counts nothing."""
    return 1 if YEAR.match(count) else COUNT_REACH


def _count_positions(words: list[str], new_numbers: set[str]) -> list[int]:
    """Where a sentence states a count: a new number, or a number word."""
    return [i for i, word in enumerate(words) if word in new_numbers or word in NUMBER_WORDS]


def _phrase_at(words: list[str]) -> str:
    phrase = []
    for word in words[:COUNT_REACH]:
        if word in STOPWORDS or word[0].isdigit():
            break
        phrase.append(word)
    return " ".join(phrase)


def asks_for_money(question: str) -> bool:
    """'How much … in euros', 'what was the budget of…' (a count of funded projects is a count)."""
    return asks_for_quantity(question) and not counted_terms(question) and bool(MONEY_QUESTION.search(fold(question)))


def asks_for_year(question: str) -> bool:
    return bool(YEAR_QUESTION.search(fold(question)))


def _years(text: str) -> set[str]:
    return {n for n in numbers(text) if YEAR.match(n)}


# The notes say where their stored text stops ("A fax number is also printed, but it is cut off
# in the stored text.", "L'extrait conservé s'interrompt…", "…bricht der gespeicherte Auszug ab").
MISSING_TEXT = re.compile(
    r"\b(?:(?:it|this|that|the (?:stored |quoted )?(?:text|excerpt|copy|paragraph|list|sentence|teaser)) "
    r"(?:is |was )?(?:cut off|breaks off)|(?:stored|quoted) (?:text|excerpt|copy|paragraph) (?:ends|stops)|"
    r"the (?:text|excerpt|list) (?:ends|stops) (?:as soon|before|when|here|at this|in the middle)|"
    r"(?:is|are) missing from|"
    r"(?:is|are) not part of the stored|(?:extrait|texte|citation)(?: conserve)? (?:s['’]interrompt|s['’]arrete|"
    r"est coupee?|etant interrompue)|bricht (?:der |die |das )?(?:gespeicherte )?(?:auszug|text|liste)? ?ab|"
    r"(?:excerto|texto) termina)\b")
# How the notes speak of themselves, which says nothing about the documents' content.
NOTE_WORDS = frozenset(content_terms(
    "stored text excerpt copy page report item note notice summary then turns mentions also begins here "
    "point extrait conserve texte article rubrique puis commence auszug gespeicherte stelle excerto"))


def before_missing_text(sentence: str) -> str | None:
    """What a sentence says before stating that the note's stored text stops, or None when it
    states no such thing."""
    folded = fold(sentence)
    match = MISSING_TEXT.search(folded)
    return folded[:match.start()] if match else None
