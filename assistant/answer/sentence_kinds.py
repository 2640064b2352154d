"""What kind of thing a sentence states: a reason, a date, a name, or that the note breaks off.

A question asks for a kind of thing (see `question_kinds`); a sentence that states that kind
wins a near-tie in evidence scoring. Patterns cover the corpus languages, matched on folded text.
"""

from __future__ import annotations

import re

from assistant.answer.quantities import NUMBER_WORDS, counts_time, without_years_naming_things
from assistant.answer.question_kinds import OFFICE
from assistant.language.months import MONTH, MONTH_OR_DAY, WEEKDAY
from assistant.language.normalise import STOPWORDS, content_terms, fold, stem, tokens

# How the corpus languages state a reason: "…, since they feed stigma", "à cause des résistances",
# "…, car elles ont compris" (French "car" follows a comma; the English noun rarely does). Not
# "since" of time: "Since 2015, …", "since March", "since then".
REASON = re.compile(rf"\b(because|since(?!,? (?:\d|{MONTH}|then\b|its (?:founding|creation|launch)))|due to|"
                    r"owing to|as a result|given that|parce que?|a cause d(?:e|es|u)|"
                    r"en raison|du fait|faute de|weil|da|aufgrund|wegen|porque|devido|pois|protoze|kvuli)\b"
                    r"|,\s*car\b")
# A sentence that opens by pointing back ("For this reason Efus made…", "C'est pourquoi…") or
# draws a conclusion ("They should therefore help shape policy…", "Elles doivent donc…")
# states a consequence; the reason a why-question asks for is in the sentence before it.
POINTS_BACK = re.compile(
    r"^(?:for (?:this|that|these|those) reasons?|this is why|that is why|in response|thus|"
    r"as a result|c['’]est pourquoi|pour (?:cette|ces) raisons?|par consequent|en reponse|"
    r"aus (?:diesem|diesen) grunde?n?|por (?:esse motivo|essa razao)|z tohoto duvodu)\b"
    r"|\b(?:therefore|hence|consequently|donc|deshalb|daher|darum|deswegen|por isso|portanto|proto)\b")
# A sentence that opens with a pronoun or demonstrative takes its subject from the sentence before
# ("One of them is to lower drug use… This is to be done through three instruments: …"). Not the
# Czech "to" and "ten", which open English sentences ("To this end…", "Ten cities…").
REFERS_BACK = re.compile(
    r"^(?:it|its|they|their|them|these|this|those|he|she|his|her|such|"
    r"il|ils|elle|elles|c['’]|ce|cet|cette|ces|celui|celle|ceux|celles|leur|leurs|son|sa|ses|"
    r"er|sie|es|dies|diese|dieser|dieses|ihr|ihre|sein|seine|dort|"
    r"ele|ela|eles|elas|este|esta|estes|estas|isso|isto|seu|sua|seus|suas|"
    r"tento|tato|toto|jeho|jeji|jejich|oni|ony)\b")
# A year or a month name; "may" only next to a number, since it is mostly the verb.
DATE = re.compile(r"\b((1[5-9]|20)[0-9]{2}|january|february|march|april|june|july|august|september|"
                  r"october|november|december|janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|"
                  r"octobre|novembre|decembre|januar|februar|marz|juni|juli|oktober|dezember)\b"
                  r"|\b[0-9]{1,2} may\b|\bmay [0-9]{1,4}\b")
# A time of day: "at 9.30", "14:00", "from 10 am", "à 14 h", "um 9 Uhr".
TIME = re.compile(r"\b\d{1,2}[:.h]\d{2}\b|\b\d{1,2} ?(?:a\.?m\.?|p\.?m\.?|h|heures?|uhr)(?!\w)|\b(?:noon|midi|midnight|minuit)\b")
# A day, not just a month or year: "5 December 2024", "December 5", "am 5. Dezember", "2021-03-24".
DAY = re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th|er|\.)? (?:de )?{MONTH}\b|\b{MONTH} \d{{1,2}}\b|"
                 r"\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b")
MONTH_NAMED = re.compile(rf"\b{MONTH}\b")
# A web address: "praguedeclaration.com", "www.efus.eu", "https://…".
WEB_ADDRESS = re.compile(r"\bhttps?://|\bwww\.|\b[a-z0-9-]+\.(?:com|org|net|eu|info|int|gov|edu|de|fr|cz|pt|be|nl|"
                         r"it|es|at|ch|uk)\b(?!\.?\w)")
# "…are sometimes called supervised injecting facilities": a sentence that gives something a name.
NAMING = re.compile(r"\b(?:called|known as|named|referred to as|termed|dubbed|appelee?s?|denommee?s?|"
                    r"nommee?s?|genannt|bezeichnet|chamad[oa]s?|designad[oa]s?)\b")
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
# A note saying its source leaves something out ("The item does not state the year of the
# meeting.", "…the principles themselves are not part of the stored excerpt.", "…terms of
# reference, which are not attached", "no evaluator had been appointed"): it states nothing.
# (Not "no deaths were recorded": a count of none answers "how many".)
LEFT_OUT = re.compile(
    r"\b(?:does|do|did) not (?:state|give|list|name|say|specify|quote|reproduce|include|detail|mention|"
    r"identify|indicate)\b|\b(?:is|are|was|were) not (?:part of|available|given|named|listed|stated|quoted|"
    r"reproduced|included|identified|specified|attached|enclosed|appended|annexed)\b|"
    r"\bno (?:further|other) (?:detail|information|part)\b|"
    r"\bcontains? no (?:figures?|data|details?|information|numbers?|breakdown)\b|"
    r"\bno (?:[\w-]+ ){1,3}(?:(?:is|are|was|were)|(?:has|have|had) (?:yet )?been) (?:stated|given|named|listed|"
    r"mentioned|specified|provided|set|fixed|decided|agreed|announced|published|reported|confirmed|appointed|"
    r"chosen|selected|awarded|allocated|earmarked|secured|scheduled)\b|"
    r"\bne (?:precise|donne|cite|nomme|mentionne|indique) pas\b|\bnicht (?:genannt|angegeben|enthalten)\b|"
    r"\bnao (?:indica|refere|menciona)\b")
# What a document says is not known yet or withheld, as users' documents say it ("the date has
# not yet been confirmed", "the composition of the jury will be announced", "he declined to give
# the number", "without specifying the amount", "un cabinet dont elle n'a pas souhaité donner le
# nom", "le coût sera précisé lors du vote"): a gap like the notes' "does not state". Not "will
# be published / appointed / set up", which say what is planned, and answer questions about it;
# but what "will be published later" (or "in a later paper", "separately") is not known yet.
NOT_YET_KNOWN = re.compile(
    r"\b(?:is|are|was|were|has|have|had) not (?:yet )?(?:been )?(?:set|fixed|decided|confirmed|announced|"
    r"disclosed|determined|finali[sz]ed|agreed|made public)\b|"
    r"\bwill be (?:announced|confirmed|decided|determined|fixed|communicated|disclosed|specified|"
    r"set (?:later|at a later))\b|"
    r"\bwill be (?:published|released|reported|made available) (?:later|in a later|at a later|separately|"
    r"in due course)\b|\b(?:still |yet )?to be (?:confirmed|announced|decided|determined|fixed|agreed)\b|"
    r"\b(?:declined|refused) to (?:give|name|say|state|disclose|reveal|specify)\b|"
    # A decision still awaited: "we are waiting for the council's Cabinet to decide in October",
    # "awaiting approval", "en attente de la décision".
    r"\b(?:waiting|wait) (?:for|on) (?:[\w'’-]+ ){1,5}to (?:decide|confirm|approve|agree|reply|respond)\b|"
    r"\bawaiting (?:a |the )?(?:decision|approval|confirmation|reply|response|sign-off)\b|"
    r"\b(?:en attente|dans l['’]attente) d(?:e|u|es|['’])\b|"
    r"\bwithout (?:specifying|naming|giving|stating|disclosing|indicating)\b|\b(?:undisclosed|unspecified)\b|"
    r"\bsera(?:it|ient|nt)? (?:annoncee?s?|communiquee?s?|precisee?s?|fixee?s?|decidee?s?|designee?s?|"
    r"determinee?s?|confirmee?s?)\b|\bn['’](?:a|ont|avait|avaient) pas (?:souhaite|voulu) (?:donner|communiquer|"
    r"preciser|reveler|indiquer|nommer|citer)\b|\bsans (?:preciser|donner|indiquer|nommer|citer)\b|"
    r"\b(?:reste|restent) a \w+(?:er|ir)\b|\bnon (?:communiquee?s?|precisee?s?|"
    r"divulguee?s?)\b|\bwird (?:noch )?(?:bekanntgegeben|festgelegt|mitgeteilt)\b|"
    # "not yet" before a participle says what is still to come, whatever the verb: "has not yet
    # been voted", "are not yet known", "n'a pas encore été signée" ("pas encore fixée"),
    # "noch nicht beschlossen", "ainda não foi definido".
    r"\bnot yet (?:been )?(?:\w+ed|known|available|public|made public|chosen|given|drawn up|written)\b|"
    r"\byet to be \w+ed\b|\bpas encore (?:ete )?\w+(?:e|ee|es|ees|u|ue|us|ues)\b|"
    r"\bnoch nicht (?:festgelegt|bekannt|entschieden|benannt|mitgeteilt|beschlossen|ge\w+|\w+iert)\b|"
    r"\bainda nao (?:foi|foram) \w+[oa]s?\b|"
    # A figure nobody worked out is unknown, as stated: "the cost per contact was not calculated",
    # "the study did not estimate running costs", "the number of users is unknown", "le taux n'a
    # pas été mesuré".
    r"\b(?:is|are|was|were|has|have|had) not (?:been )?(?:known|calculated|measured|estimated|quantified|costed|"
    r"recorded|counted|reported|published)\b|"
    r"\b(?:does|do|did) not (?:calculate|measure|estimate|quantify|cost|record|count)\b|"
    r"\b(?:unknown|inconnue?s?|unbekannt|desconhecid[oa]s?)\b|"
    r"\bn['’](?:a|ont|est|sont|avait|avaient) pas (?:ete )?(?:connue?s?|calculee?s?|mesuree?s?|chiffree?s?|"
    r"estimee?s?|comptabilisee?s?)\b|\bnicht (?:erhoben|berechnet|erfasst|ermittelt|beziffert)\b")
# A sentence about the note's stored copy itself ("The stored excerpt covers the first five
# strategic priorities and the number of the sixth."): it says what the copy holds. Not "The
# page lists…", which reports what the source says.
ABOUT_THE_STORED_COPY = re.compile(r"^(?:the|this) (?:(?:stored|quoted) (?:text|excerpt|copy|item|page)|excerpt|copy)\b")
# A left-out clause whose object is the clause before: "…, which the report does not list",
# "…; the text does not name them", "…, qu'il ne précise pas".
POINTS_TO_THE_CLAUSE_BEFORE = re.compile(r"^\s*(?:which|that|whom|who|que|qu['’]|lesquel\w*|die|das|welche\w*)\b|"
                                         r"\b(?:not|ne) (?:\w+ )?(?:them|it|these|those|les|le|la|sie|es)\b")
# The verbs saying what is left out ("does not give its cost"), as search terms: no word of
# what is missing.
LEFT_OUT_VERBS = frozenset(content_terms(
    "state stated give given list listed name named say specify specified quote quoted reproduce reproduced "
    "reported published designer recruter appointed chosen selected awarded allocated earmarked secured "
    "scheduled attached enclosed appended annexed contains released later "
    "include included detail mention mentioned identify identified indicate provided precise donne cite nomme "
    "mentionne indique genannt angegeben set fixed decided confirmed announced disclosed determined finalised "
    "finalized agreed communicated specifying naming giving stating disclosing indicating declined "
    "refused reveal undisclosed unspecified annoncee communiquee precisee fixee decidee designee determinee "
    "confirmee souhaite voulu donner communiquer preciser reveler indiquer nommer citer connue arretee definir "
    "determiner fixer confirmer divulguee festgelegt bekannt entschieden benannt mitgeteilt bekanntgegeben "
    "known yet available calculated quantified unknown inconnu connu calculee comptabilisee unbekannt "
    "desconhecido erhoben berechnet erfasst ermittelt beziffert beschlossen"))
# (Not "costed", "measured", "counted", "chiffrée": as search terms they are "cost", "measures",
# "count", "chiffres", words of what is missing.)
# Where one clause of a note ends and the next begins: "…for 2002-2006; no grant amount is stated."
# Two things reported ("…runs out in March and that no renewal has been confirmed") are two clauses.
CLAUSE_BREAK = re.compile(r"[;:,]|\b(?:but|although|while|mais|aber|mas|and that|et que|und dass|e que)\b")
# What was planned or still to come ("will be held", "the next assembly was scheduled for…",
# "devait se tenir", "ist geplant"): what answers "which city will host the next…?".
TO_COME = re.compile(r"\b(?:will|would|shall|next|upcoming|forthcoming|future|plann?(?:ed|ing|s)?|scheduled|"
                     r"(?:is|are|was|were) (?:due )?to (?:be|take|open|host|meet|follow)|expected|intends?|"
                     r"prochaine?s?|futur(?:e|s|es)?|prevue?s?|programmee?s?|devait|devaient|aura|auront|"
                     r"sera|seront|wird|werden|soll|sollen|geplant|kunftig|nachste[nrs]?|proxim[oa]s?|vai|"
                     r"irao?|planead[oa]s?|"
                     # A decision to act says what is to come: "The committee agreed to install six
                     # bins, at: …", "le conseil a décidé de créer…", "beschloss, … einzurichten".
                     r"(?:agreed|decided|resolved|voted|undertook|committed) to|"
                     r"(?:decide|convenu|accepte|vote|approuve) (?:de|d')|beschlo(?:ss|ssen)|vereinbart)\b")
# A sentence saying when a document came out: "Issued by Efus in Paris on 11 December 2018, this
# release…", "cet article, daté d'Amiens en novembre 2018", "published on 10 November 2010".
PUBLISHED = re.compile(r"\b(?:issued|published|released|posted|sent out|put out|paru|parue|publiee?|diffusee?|"
                       r"datee? (?:du|de|d')|dated|veroffentlicht|datiert|herausgegeben|publicad[oa])\b")
# A document's code: an Official Journal reference ("2021/C 272/02", "C 102 I", "OJ C 402") or a
# Council document number ("9960/17").
REFERENCE = re.compile(r"\b(?:\d{4}/)?[A-Z] \d{2,4}(?: I)?(?:/\d{2})?\b|\b\d{3,5}/\d{2}\b")
# How often: "once a year", "several times each year", "every two years", "annually".
FREQUENCY = re.compile(r"\b(?:once|twice|(?:several|many|three|four|\d+) times|annual(?:ly)?|yearly|monthly|weekly|"
                       r"(?:each|every|a|per) (?:(?:two|three|four|\d+|other) )?(?:years?|months?|weeks?|days?)|"
                       r"une fois|deux fois|plusieurs fois|(?:chaque|tous les) (?:ans?|annees?|mois|semaines?)|"
                       r"par (?:an|mois|semaine)|annuel(?:le)?(?:ment)?|einmal|zweimal|mehrmals|(?:jahrlich|monatlich)|"
                       r"(?:jedes|pro|im) (?:jahr|monat)|anual(?:mente)?|por ano|todos os anos)\b")
# A role or title beyond the offices of `question_kinds.OFFICE`.
ROLE = re.compile(r"\b(?:deputy|vice|adjoint|adjointe|delegue|deleguee|officer|manager|advis[eo]r|founder|member|"
                  r"researcher|professor|lecturer|expert|consultant|editor|journalist|executive|delegate|"
                  r"representative|chief|councillor|conseill(?:er|ere)|charge|chargee|responsable|stellvertretende[rn]?|"
                  r"referent(?:in)?|berater(?:in)?|geschaftsfuhrer(?:in)?|mitglied|assessor|diretor(?:a)?|reditel\w*)\b")
OFFICE_WORD = re.compile(rf"\b(?:{OFFICE})\b")
# How the notes speak of themselves, which says nothing about the documents' content.
NOTE_WORDS = frozenset(content_terms(
    "stored text excerpt copy page report item note notice summary then turns mentions also begins here "
    "point extrait conserve texte article rubrique puis commence auszug gespeicherte stelle excerto"))


def points_back(sentence: str) -> bool:
    return bool(POINTS_BACK.search(fold(sentence)))


def refers_back(sentence: str) -> bool:
    return bool(REFERS_BACK.match(fold(sentence).lstrip()))


def states_reason(sentence: str) -> bool:
    """Gives a reason, or a consequence whose reason comes just before."""
    return bool(REASON.search(fold(sentence))) or points_back(sentence)


def states_date(sentence: str) -> bool:
    return bool(DATE.search(fold(sentence)))


# When something happened or will: a year or decade, a month, a day of the week, a time of day,
# or a span of time ("two years after", "in the early 1990s", "il y a dix ans").
# (Not French "an" nor Czech "let": English words too.)
WHEN = re.compile(rf"\b(?:(?:1[5-9]|20)[0-9]{{2}}s?|{MONTH}|{WEEKDAY}|years?|months?|weeks?|days?|decades?|century|"
                  r"centuries|ago|ans|annees?|mois|semaines?|jours?|siecles?|jahre?n?|monate?n?|wochen?|tage?n?|"
                  r"jahrhunderts?|anos?|meses|dias?|roku|rok)\b")


def states_when(sentence: str) -> bool:
    """Whether a sentence can answer "when…?" at all (not by the years in a name, "the 2005-2008
    Action Plan")."""
    folded = fold(without_years_naming_things(sentence))
    return bool(WHEN.search(folded) or TIME.search(folded))


def states_role(sentence: str) -> bool:
    """Whether a sentence gives someone a role or title ("Deputy Director of Efus", "déléguée
    générale adjointe", "a researcher at…"): what answers "what position did she hold?"."""
    folded = fold(sentence)
    return bool(ROLE.search(folded) or OFFICE_WORD.search(folded))


def states_duration(sentence: str) -> bool:
    """Whether a sentence gives a length of time: a number, in figures or words, then a unit of
    time within a word ("more than 30 years", "près de trente ans", "three decades")."""
    words = tokens(sentence)
    return any((word.isdigit() or word in NUMBER_WORDS) and not (len(word) == 4 and word.isdigit())
               and counts_time(words, i) for i, word in enumerate(words))


def states_publication_date(sentence: str) -> bool:
    """Whether a sentence says when a document came out: a date and a word for publishing."""
    return bool(PUBLISHED.search(fold(sentence))) and states_when(sentence)


def states_reference(sentence: str) -> bool:
    """Whether a sentence gives a document's code (not folded: the letter of a series is a capital)."""
    return bool(REFERENCE.search(sentence))


def states_frequency(sentence: str) -> bool:
    """Whether a sentence says how often something happens ("normally once a year", "several
    times each year", "chaque année", "zweimal jährlich")."""
    return bool(FREQUENCY.search(fold(sentence)))


def states_time(sentence: str) -> bool:
    return bool(TIME.search(fold(sentence)))


def states_day(sentence: str) -> bool:
    return bool(DAY.search(fold(sentence)))


def states_month(sentence: str) -> bool:
    return bool(MONTH_NAMED.search(fold(sentence)))


def states_web_address(sentence: str) -> bool:
    return bool(WEB_ADDRESS.search(fold(sentence)))


def gives_name(sentence: str) -> bool:
    return bool(NAMING.search(fold(sentence)))


def states_what_is_to_come(sentence: str) -> bool:
    return bool(TO_COME.search(fold(sentence)))


def left_out_clauses(sentence: str) -> list[str]:
    """The clauses of a sentence saying that its source leaves something out ("no grant amount
    is stated", "the principles themselves are not part of the stored excerpt"), folded; none
    when it says no such thing. A sentence may note two gaps ("Results by neighbourhood will be
    published in a later paper; no date has been given for it.")."""
    folded = fold(sentence)
    matches = sorted([*LEFT_OUT.finditer(folded), *NOT_YET_KNOWN.finditer(folded)], key=lambda m: m.start())
    return list(dict.fromkeys(_clause_around(folded, match) for match in matches))


def _clause_around(folded: str, match: re.Match) -> str:
    """The clause holding a gap's words; with the clause before when it points back to it
    ("…several housing associations, which the report does not list": "which" and "them" name
    what is left out)."""
    starts = [0] + [m.end() for m in CLAUSE_BREAK.finditer(folded, 0, match.start())]
    end = CLAUSE_BREAK.search(folded, match.end())
    stop = end.start() if end else len(folded)
    clause = folded[starts[-1]:stop]
    if len(starts) > 1 and POINTS_TO_THE_CLAUSE_BEFORE.search(clause):
        return folded[starts[-2]:stop]
    return clause


def about_the_stored_copy(sentence: str) -> bool:
    return bool(ABOUT_THE_STORED_COPY.match(fold(sentence)))


def before_missing_text(sentence: str) -> str | None:
    """What a sentence says before stating that the note's stored text stops, or None when it
    states no such thing."""
    folded = fold(sentence)
    match = MISSING_TEXT.search(folded)
    return folded[:match.start()] if match else None


# "The City of Brussels", "la Ville de Strasbourg", "a budget of €148,000".
OF_WORDS = frozenset("of de du des von".split())
# Articles that introduce a thing without identifying it: "from an external consultancy",
# "A women's prison in the region…", "un cabinet extérieur", "um programa".
INDEFINITE = frozenset("a an another un une um uma".split())
SENTENCE_WORD = re.compile(r"[^\W\d_][\w’'-]*|\d+|[,;:()]")
ELIDED = re.compile(r"[dl]['’]")  # "d'études", "l'association": an elided article or preposition
MODIFIERS = 3  # words between the article and the thing: "an independent external consultancy"


def mentions_unnamed(sentence: str, head: str, asked: str) -> bool:
    """Whether the sentence mentions the thing a question asks to name (`head`, folded) only as
    "a/an …", and names nothing the question (`asked`, folded) doesn't hold after it, nor just
    before it ("Liège, a member city…"). "The authority commissioned the evaluation from an
    external consultancy." says the consultancy exists and leaves it unnamed; "…from an
    external consultancy, Norrbeck Analytics." names it."""
    words = _words_of(sentence)
    found = _unnamed_at(words, stem(head), asked)
    return (found is not None and not any(_new_name(word, asked) for word in words[found + 1:])
            and not _measured(words[found + 1:found + 3]))


def _measured(following: list[str]) -> bool:
    """Whether a thing mentioned as "a/an …" is given by a figure right after it: "a budget of
    €148,000", "un montant de 12 000 €" say what the budget or amount is."""
    return len(following) == 2 and fold(following[0]) in OF_WORDS and following[1].isdigit()


def _words_of(sentence: str) -> list[str]:
    """A sentence's words as written, without a possessive "'s", and its commas and brackets."""
    return [word.removesuffix("'s").removesuffix("’s") for word in SENTENCE_WORD.findall(sentence)]


def _unnamed_at(words: list[str], head: str, asked: str) -> int | None:
    """Where an indefinite article's noun phrase ends on the head, unless a new name stands in
    apposition before the article; None when no such phrase."""
    for at, word in enumerate(words):
        if fold(word) not in INDEFINITE or (at >= 2 and words[at - 1] == "," and _new_name(words[at - 2], asked)):
            continue
        for after in range(at + 1, min(at + 2 + MODIFIERS, len(words))):
            folded = fold(words[after])
            if stem(folded) == head and not _modifies_next(words, after):
                return after
            if folded in STOPWORDS or not folded[0].isalnum() or _new_name(words[after], asked):
                break
    return None


def _modifies_next(words: list[str], at: int) -> bool:
    """Whether words[at] only modifies the noun after it ("a university diploma"), not a past
    participle ("a programme used in…")."""
    following = words[at + 1:at + 2]
    # Nor a French noun's complement, which follows it: "une chargée d'études".
    return bool(following) and following[0].islower() and fold(following[0]) not in STOPWORDS \
        and not following[0].endswith("ed") and not ELIDED.match(following[0])


def _new_name(word: str, asked: str) -> bool:
    """A capitalised word the question doesn't hold, not a month or a day."""
    return (word[0].isupper() and len(word) > 1 and fold(word) not in asked
            and not MONTH_OR_DAY.fullmatch(fold(word)))


def names_the_thing(sentence: str, head: str, asked: str) -> bool:
    """Whether the sentence names the thing a question asks to name (`head`, folded) with a
    capitalised name the question (`asked`, folded) doesn't hold, right beside the word for it:
    "leaving Caskmoor Prison", "run by the NGO Lanterna Outreach", "a consultancy, Norrbeck"."""
    words = _words_of(sentence)
    head = stem(head)
    for at, word in enumerate(words):
        if stem(fold(word)) != head:
            continue
        before, after = words[max(at - 1, 0):at], words[at + 1:at + 3]
        after = after[1:] if after[:1] == [","] else after[:1]
        if any(_new_name(other, asked) for other in before + after):
            return True
    return False
