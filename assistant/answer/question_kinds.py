"""What kind of thing a question asks for, from its question words in the corpus languages.

"Why…" asks for a reason, "when…" for a date, "where…" for a place, "who…" for a person,
"what other name…" for a name, "how many…" for a count. Patterns match folded text.
"""

from __future__ import annotations

import re

from assistant.answer.quantities import WORLD_SCOPE, QuantityAsked, phrase_at, rates_of, span_ends_in, years_in
from assistant.language.normalise import STOPWORDS, content_terms, fold, numbers, stem, tokens
from assistant.language.place_names import is_city_name, places_named
from assistant.language.sentences import clauses

# A reason asked in other words: "what prompted…", "for what reasons…", "what justification…",
# "pour quelle raison…", "aus welchem Grund…" (not "which root causes of crime…", which asks
# for the causes a text lists).
WHY_QUESTION = re.compile(r"\b(why|pourquoi|warum|wieso|por que|porque|proc)\b|"
                          r"\b(?:what|which|for what|on what) (?:\w+ ){0,2}(?:reasons?|grounds|justifications?|"
                          r"motives?|motivations?|rationale)\b|\bwhat (?:prompted|led|motivated|drove)\b|"
                          r"\b(?:quelles?|pour quelles?) (?:\w+ )?(?:raisons?|motifs?|justifications?)\b|"
                          r"\bqu['’]est-ce qui a (?:pousse|motive|conduit|amene)\b|"
                          r"\baus welche[mn] grunde?n?\b|\bwelche grunde\b|\b(?:quais|qual) (?:as |os |o |a )?"
                          r"(?:razoes|razao|motivos?)\b")
WHEN_QUESTION = re.compile(r"\b((?:which|what) (?:months?|years?|dates?|days?)|"
                           r"quel(?:le)? (?:mois|annee|date|jour)|in welchem (?:jahr|monat)|em que ano)\b")
# The start of a question, of its part or of a clause ("According to the report, where…"): a
# question word there asks; in "…facilities where people can take drugs" it only says which.
OPENS_CLAUSE = r"(?:^|[,;:])\W*(?:(?:and|et|und|e|a) )?"
# A word that opens the question itself, after a clause setting the scene ("When…, what…").
QUESTION_WORD = (r"(?:what|which|who|whom|how|where|why|did|does|do|was|were|is|are|quel\w*|que|qu|qui|comment|"
                 r"combien|pourquoi|wer|wie|welche\w*|wo|warum|o que|qual|quem|como)\b")
# "In which German city…", "which four cities…": one word may stand between "which" and the noun.
WHERE_QUESTION = re.compile(rf"{OPENS_CLAUSE}(?:(?:from|von|de|d'|z) ?)?(?:where|wo|onde|kde)\b|"
                            r"\b(in (?:which|what) (?:[\w-]+ )?(?:city|town|place)|"
                            r"(?:which|what) (?:[\w-]+ )?(?:city|cities|town|towns)|"
                            r"(?:list|name|what|which) (?:all )?(?:the )?(?:cities|towns|countries|regions)|"
                            r"quelles? villes?|dans quelle ville|quels pays)\b")
# "Which cities have signed up?", "quels pays…": several places, so one place is no answer.
PLACES_ASKED = re.compile(r"\b(?:which|what|list|name)(?: all)?(?: of)?(?: the)?(?: [\w-]+)? "
                          r"(?:cities|towns|countries)\b|"
                          r"\bquel(?:le)?s (?:[\w-]+ )?(?:villes|pays)\b|\bwelche (?:[\w-]+ )?(?:stadte|lander)\b|"
                          r"\bquais (?:[\w-]+ )?(?:cidades|paises)\b")
CITY_OR_COUNTRY_ASKED = re.compile(r"\b(?:which|what) (?:[\w-]+ )?(?:city|town|country|member state)\b|"
                                   r"\bquel(?:le)? (?:[\w-]+ )?(?:ville|pays|etat membre)\b|"
                                   r"\bwelche[rs]? (?:[\w-]+ )?(?:stadt|land|mitgliedstaat)\b|"
                                   r"\bque (?:cidade|pais)\b")
FRENCH_WHERE = re.compile(rf"{OPENS_CLAUSE}(?:d['’] ?)?où(?!\w)|(?<!\w)où\s*\?\s*$",  # not folded: "ou" is "or"
                          re.IGNORECASE)
# "When…?", "Quand…?": the answer says when ("…more attention when dealing with offenders" asks no
# time, nor "When the Forum met, what were members asked…?", whose "when" sets the scene).
# "By when…?", "since when…", "depuis quand…", "seit wann…": a preposition before "when" asks it too.
ASKS_WHEN = re.compile(rf"{OPENS_CLAUSE}(?:(?:by|until|till|since|from|depuis|jusqu'?a|seit|bis) )?"
                       rf"(?:when|quand|wann|quando|kdy)\b(?![^,;?]*,\s*{QUESTION_WORD})"
                       # "…differ on when…", "…agree about when…", "…say when…": asked all the same
                       r"|\b(?:on|about|as to|regarding|over|say|says|said|state|states|stated|tell|tells|know|"
                       r"specify|specifies|indicate|indicates|sur|uber|daruber)\s+(?:when|quand|wann)\b"
                       # "On what date…", "À quelle date…", "quel jour…", "What is the closing date…",
                       # "What was the deadline…": a date answers, as for "when"
                       r"|\b(?:what|which|quel(?:le)?s?|welche[mn]?) (?:exact |precise )?"
                       r"(?:dates?|days?|jour|datum|tag)\b"
                       r"|\b(?:what|which) (?:is|was|are|were) the (?:[\w-]+ ){0,2}(?:dates?|deadline)\b"
                       r"|\bquelle (?:est|etait|sera) la (?:date|echeance)\b")
# "What nationality is…", "de quel pays vient…": a country or nationality answers.
NATIONALITY_QUESTION = re.compile(r"\b(?:nationality|nationalite|nationalitat|staatsangehorigkeit|nacionalidade|"
                                  r"what country (?:is|was|does|did) .* (?:from|come)|de quel pays (?:est|vient))\b")
# "How long has Efus worked on drugs?", "depuis combien de temps…": a length of time answers.
HOW_LONG_QUESTION = re.compile(r"\b(?:how long|combien de temps|wie lange|quanto tempo|ha quanto|jak dlouho)\b")
# "How often does the forum meet?": a frequency answers ("once a year", "several times each year").
FREQUENCY_QUESTION = re.compile(r"\b(?:how often|how frequently|frequency|how many times (?:a|per|each)|"
                                r"a quelle frequence|combien de fois par|wie oft|wie haufig|com que frequencia)\b")
# "On what date did Efus send out its press release…?", "Quand l'article a-t-il paru ?": when a
# document came out, which the date of the event it reports doesn't answer.
PUBLICATION_DATE_QUESTION = re.compile(
    r"\b(?:when|what date|which date|what day|which day|what year|which year|quand|quelle date|quel jour|"
    r"quelle annee|wann|an welchem tag|quando|em que data)\b.*\b(?:publish(?:ed)?|issued?|released?|"
    r"send out|sent out|put out|post(?:ed)?|press release|paru|parue|publiee?|diffusee?|communique|"
    r"veroffentlicht|herausgegeben|publicad[oa])\b|"
    r"\b(?:date|day) of (?:the|its|this) (?:[\w-]+ )?(?:press release|news item|release|article|statement)\b")
# "Under which Official Journal reference…?", "What is the Council document number…?": a code
# answers, which a sentence about the same text without one doesn't.
REFERENCE_QUESTION = re.compile(r"(?<!in )(?<!with )\b(?:references?|reference number|document number|"
                                r"(?:official journal|oj) (?:issue|number)|celex|references? au journal officiel|"
                                r"numero de reference|aktenzeichen|fundstelle|referencia)\b")
# "Which two Efus representatives…", "which researchers…", "which person…": only people answer,
# by name (not "which group of people", a kind of people).
PEOPLE_QUESTION = re.compile(r"\b(?:which|what) (?:(?!(?:could|can|did|do|does|would|should|will|was|were|is|are|had|"
                             r"has|have|may|might|must)\b)[\w-]+ ){0,2}(?:representatives?|speakers?|delegates?|researchers?|"
                             r"authors?|translators?|persons?|people|individuals?|politicians?|experts?)\b")
KIND_OF_PEOPLE = re.compile(r"\b(?:groups?|kinds?|types?|sorts?|categor\w*) of\b")
# "What position did she hold…", "quel poste occupe-t-elle…": a title answers (not "which office
# does that person work for", an organisation, nor "what role do cities play", a function).
ROLE_QUESTION = re.compile(r"\b(?:(?:what|which) (?:positions?|posts?|jobs?|titles?)\b(?! of\b)|"
                           r"what office (?:did|does|do|had|has)\b|quel(?:le)? (?:poste|titre)\b|"
                           r"welche (?:position|stelle|amt)\b)")
# A question may open by setting the scene before it asks: "At the closing conference in Lisbon,
# who…", "Selon l'appel, qui…"; a "who" later on ("Ruth Dreifuss, who spoke…") only says which.
SCENE_SET = (r"^(?:\W*(?:at|in|during|on|according to|a|au|aux|lors d\w*|pendant|selon|d'apres|dans|bei|auf|"
             r"laut|wahrend)\b[^,?]*,)?")
WHO_QUESTION = re.compile(rf"{SCENE_SET}\W*(?:who|whom|by whom|qui|par qui|wer|von wem|quem|kdo)\b|"
                          r"\b(?:and who|et qui)\b")
# "Who sits on the core group?", "qui peut en faire partie ?": who belongs to a body or may
# join it, which roles or kinds of people answer ("the chair, the deputy chair and…").
WHO_BELONGS = re.compile(rf"{SCENE_SET}\W*(?:who|qui|wer) (?:makes? up|made up|sits? on|sat on|belongs? to|belonged to|"
                         r"(?:is|are|was|were) (?:part|members?) of|can (?:apply|join|take part|become)|"
                         r"(?:is|are) eligible|compose|composent|siege|siegent|fait partie|font partie|peut|peuvent|"
                         r"gehort|gehoren|sitzt|sitzen|kann|konnen)\b")
# "What other name are these rooms given?", "Quel est le nom de…".
CALLED_IN_FRENCH = r"comment (?:s'appell\w*|se nomm\w*)"  # "comment s'appelle…", "comment se nomme…"
NAME_QUESTION = re.compile(r"\b(?:what|which) (?:other )?names?\b|\bwhat(?: is|'s| was) the (?:other )?names?\b|"
                           r"\bunder what name|\bwhat (?:is|are|was|were) (?:[\w'-]+ ){1,10}called\b|"
                           r"\bquel(?:le)?s? (?:est |sont |etait )?(?:le |les )?(?:autres? )?noms?\b|"
                           r"\bwie hei(?:ss|ß)t|\b" + CALLED_IN_FRENCH + r"\b")

YEAR_WORDS = r"which year|what year|quelle annee"
# "What was the total budget of…", "what total budget was allocated…", "quel montant…": a sum
# of money is a quantity too ("what funding programme…" is not: a verb must follow the noun).
AMOUNT_WORDS = (r"(?:what|which) (?:is|was|were) the (?:total |overall )?(?:[\w-]+ ){0,2}(?:budget|amount|cost|grant|"
                r"funding|co-?financing)(?: (?:of|for|awarded|given|granted|allocated)\b)|"
                r"(?:what|which) (?:total |overall |annual |exact )?(?:budget|amount|sum|cost|grant|funding|co-?financing) "
                r"(?:was|is|were|are|did|does|has|had)|"
                r"quel(?:le)? (?:est|etait|a ete) (?:le|la) (?:montant|budget|cout)|montant total|"
                r"quel(?:le)? (?:montant|budget|cout|somme)|"
                # "What does a visit cost?", "What would it cost to…?": the verb asks the sum.
                r"what (?:does|did|do|would|will|could) (?:[\w'-]+ ){1,12}cost\b")
# "Their figures for cities and countries" counts cities, as "how many cities" does.
FIGURES_FOR = r"figures? (?:for|of|on)"
# "Combien de temps" is "how long": answered by a date or a period as well as by a count.
QUANTITY_QUESTION = re.compile(rf"\b(how many|how much|how (?:large|big|high)|combien(?! de temps)|{YEAR_WORDS}|isbn|{AMOUNT_WORDS}|"
                               rf"what number|what percentage|quel pourcentage|(?:what|which) figures?|{FIGURES_FOR})\b")
YEAR_QUESTION = re.compile(rf"\b({YEAR_WORDS})\b")
PERCENT_QUESTION = re.compile(r"\b(what percentage|what share|what proportion|quel pourcentage|quelle part)\b")
# "How much EU co-financing, in euros": a date or a partner count in a sentence about the
# funding is no answer; only a sum of money is.
MONEY_QUESTION = re.compile(r"\b(money|sum|somme|euros?|eur|dollars?|budget|cost|costs|funding|financing|co-financing|"
                            r"cofinancing|grant|montant|cout|financement|cofinancement|geld|kosten|betrag|"
                            r"dinheiro|orcamento|financiamento|"
                            # "how much did the city spend / pay / invest…"
                            r"spend|spent|pay|paid|invest|invested|allocate|allocated|earmark|earmarked|"
                            r"depense|depenser|paye|payer|investi|investir|ausgegeben|bezahlt|investiert|gasto|gastou)\b")
# "how many <what is counted>" ("the number of <…>" too).
COUNT_QUESTION = re.compile(r"\b(?:how many|combien de(?! temps)|combien d|wie viele|quantos|quantas|the number of|le nombre de|"
                            r"le nombre d|die zahl der|o numero de)\b(.*)")
FIGURE_QUESTION = re.compile(rf"\b{FIGURES_FOR}\b(.*)")  # what is counted, when no "how many" says it
# "How many attended…", "how many were there": a verb where the counted thing would be.
# A word in -ed is a verb when an article, a preposition or a name follows ("attended the…",
# "signed Efus's…"), not when a noun does ("registered participants").
# A verb in -ed may take a particle ("how many turned up", "dropped out").
VERB_AFTER_HOW_MANY = re.compile(r"(?:were|are|was|is|did|do|does|have|has|had|will|would|could|can|took|came|"
                                 r"went)\b|\w{3,}ed(?: (?:the|a|an|its|their|this|that|these|those|in|at|on|to|"
                                 r"from|for|by|with|up|out|down|off|back|away|\w+'s)\b|\W*$)")
# A count's noun in English is in the plural: "rooms", "cities", "DCRs", "people".
ENGLISH_PLURAL = re.compile(r"[\w-]*[^sui's]s|people|children|men|women|staff|police")  # not "hepatitis"
HEAD_WORDS = 2  # a counted thing's head and the word next to it: "member cities", "villes partenaires"
# A sum asked for by its currency or as a fee or price ("How large was the grant, in euros?").
SUM_QUESTION = re.compile(r"\b(?:in euros?|in eur|en euros?|in dollars?|fee|fees|price|frais|prix|tarif|gebuhr)\b|€")
# What the answer must state, beyond a kind it should prefer: a time of day ("opening hours",
# "à quelle heure"), a day ("on which exact date", "quel jour"), or the holder of an office
# ("who chairs…", "the name of the mayor…").
TIME_QUESTION = re.compile(r"\b(?:what times?|at what times?|which times?|opening hours|opening times|hours of opening|timetables?|"
                           r"a quelle heure|quelle heure|horaires?|heures d'ouverture|um wie ?viel uhr|"
                           r"offnungszeiten|uhrzeit|a que horas|horario)\b")
DAY_QUESTION = re.compile(r"\b(?:exact (?:dates?|days?)|which (?:exact )?days?|what (?:exact )?days?|on which dates?|on what dates?|"
                          r"precise date|quel jour|quelle date exacte|date exacte|date precise|an welchem tag|"
                          r"genaue datum|em que dia)\b")
# "In which month and year…", "quel mois": a sentence giving the year alone doesn't answer.
MONTH_QUESTION = re.compile(r"\b(?:which|what) months?\b|\bquel mois\b|\bin welchem monat\b|\bem que mes\b")
# A web address: "On which website could it be signed?", "quel site internet", "welche Webseite".
# Not "on the site of which association" (the site names its owner, the answer is the owner).
WEB_QUESTION = re.compile(r"\b(?:(?:which|what) (?:web ?sites?|web ?pages?|web address|url|internet address)|"
                          r"web address|url|quel(?:le)? (?:site(?: web| internet)?|adresse (?:web|internet))\b(?! de)|"
                          r"welche[rsn]? (?:website|webseite|internetseite|internetadresse)|"
                          r"(?:que|qual) (?:site|sitio|endereco))\b")
# The words naming an office, by office, so that "who was president of…" is not answered by the
# body's secretary general. "head", "chef" name any office.
OFFICE_FAMILIES = {
    "chair": r"president|presidents|presidency|presidence|presidencia|preside|presides|presided|chair|chairs|"
             r"chaired|chairman|chairwoman|chairperson|chairmanship|presidente?|prasident(?:in)?|vorsitzende[rn]?|vorsitz",
    "director": r"director|directors|directs|directeur|directrice|dirige|direktor(?:in)?|leiter(?:in)?",
    "mayor": r"mayor|mayors|maire|burgermeister(?:in)?",
    "secretary": r"secretary|secretaire|sekretar(?:in)?|secretari[oa]",
    "minister": r"minister|ministre|ministr[oa]|ministerin",
    "commissioner": r"commissioner|commissaire|kommissar(?:in)?|comissari[oa]",
    "coordinator": r"coordinator|coordinateur|coordinatrice|koordinator(?:in)?|coordenador(?:a)?",
    "spokesperson": r"spokesperson|spokesman|spokeswoman|porte-parole|sprecher(?:in)?|porta-voz",
    "any": r"head|heads|chef",
}
OFFICE = "|".join(OFFICE_FAMILIES.values())
OFFICE_FAMILY_WORDS = [(family, re.compile(rf"\b(?:{words})\b")) for family, words in OFFICE_FAMILIES.items()]
# One holder of an office, asked for by the office's name: "which Strasbourg mayor…", "quel
# maire…" (not "which presidency", a country, nor "which mayors", often answered by their cities,
# nor "which head", of state or of a list).
OFFICE_HELD = (r"president|chair|chairman|chairwoman|chairperson|director|mayor|secretary|minister|"
               r"commissioner|coordinator|spokesperson|presidente?|maire|directeur|directrice|secretaire|"
               r"ministre|commissaire|coordinateur|coordinatrice|porte-parole|prasident(?:in)?|"
               r"burgermeister(?:in)?|direktor(?:in)?|vorsitzende[rn]?|leiter(?:in)?")
OFFICE_HOLDER_QUESTION = re.compile(rf"^\W*(?:who|qui|wer|quem)\b.*\b(?:{OFFICE})\b"
                                    rf"|\bnames? of (?:the |its |their )?(?:[\w-]+ ){{0,3}}(?:{OFFICE})\b"
                                    rf"|\bnom (?:du|de la|de l'|des) (?:[\w-]+ ){{0,3}}(?:{OFFICE})\b"
                                    rf"|^\W*which (?:[\w-]+ ){{0,2}}(?:{OFFICE_HELD})\b"
                                    rf"|^\W*(?:quel(?:le)?|welche[rs]?) (?:{OFFICE_HELD})\b")
# "the mayor of Lisbon", "le maire de Lisbonne": whose office it is follows the office's name.
OFFICE_WORD = re.compile(rf"(?:{OFFICE})")
OFFICE_OF_WORDS = frozenset("of de du des d der von do da".split())
NAME_JOINING_WORDS = frozenset("of de du des d der the la le l s".split())  # "Council of Europe's Pompidou Group"
# A question that sets two sources side by side ("How do the brochure and the database summary
# differ on…", "…according to the brochure, compared with the summary?") is answered by a
# sentence from each.
COMPARISON_QUESTION = re.compile(r"\b(?:differ|differs|differed|different|differently|differences? between|"
                                 r"compare|compared|comparing|comparison|versus|disagree|disagrees|contradict\w*|"
                                 r"comparer|comparant|unterscheid\w*|vergleich\w*|abweich\w*|diferem|diferentes?|"
                                 r"comparad[oa]s?)\b|\baccording to\b.*\baccording to\b|\bselon\b.*\bselon\b|"
                                 # "how many does each list?", "what does each say": one figure per source
                                 r"\b(?:does|do|did) each\b|\beach (?:says?|said|gives?|gave|lists?|reports?|states?|"
                                 r"mentions?|names?)\b|"
                                 # "Do the English and French pages agree on…?", "…give the same figure?"
                                 r"\b(?:agree|agrees|s'accordent|concordent|ubereinstimm\w*|concordam)\b|"
                                 r"\bthe same (?:figure|number|date|year|count)\b|"
                                 # "the summary and the brochure both describe…": each says its own
                                 r"\bboth (?:say|said|give|gave|describe|described|report|reported|list|listed|"
                                 r"mention|mentioned|state|stated)\b|"
                                 # "according to the news item and the manifesto, …": two sources named
                                 r"\b(?:according to|selon|laut) (?:the|le|la|les|l'|der|die|das) [^,;?]*\b"
                                 r"(?:and|et|und) (?:the|le|la|les|l'|der|die|das|its|sa|son|ses) ")


# "Which organisation runs the room?", "quel organisme a préparé…": one body, so only its name
# answers, and a sentence on the same subject naming no one the question doesn't is no answer.
# Not the plural: "which organisations does the team work with?" may be answered by kinds of
# bodies ("residents' associations").
BODY_ASKED = re.compile(r"\b(?:which|what) (?:[\w-]+ ){0,2}?(?:organi[sz]ation|company|firm|printer|agency|institute|"
                        r"institution|body|association|ngo|foundation|university|publisher|country|network)\b|"
                        r"\bquel(?:le)? (?:[\w-]+ )?(?:organisme|organisation|entreprise|societe|imprimeur|imprimerie|"
                        r"agence|institut|association|pays|reseau)\b")
# "What other name are these rooms given?" asks for another term ("supervised injection
# facilities"), which needn't be a proper name.
ANOTHER_TERM = re.compile(r"\b(?:other|autres?|andere\w*|outros?)\b")


def asks_for_a_proper_name(question: str, kind: str | None) -> bool:
    """Whether only a proper name answers: "which organisation/country/company…", "what is the
    name of the room…" (not "what other name…"); `kind` is the question's `answer_kind`."""
    folded = fold(question)
    return bool(BODY_ASKED.search(folded)) or (kind == "name" and not ANOTHER_TERM.search(folded))


def asks_for_a_city_or_country(question: str) -> bool:
    """Whether only a city or a country answers: "Which city hosted…?", "Which member state held
    the presidency…?", "dans quelle ville…" (not "where", which a venue may answer)."""
    return bool(CITY_OR_COUNTRY_ASKED.search(fold(question)))


def asks_for_places(question: str) -> bool:
    """Whether the question asks for several cities or countries ("Which cities joined?")."""
    return bool(PLACES_ASKED.search(fold(question)))


def answer_kind(question: str) -> str | None:
    """"web", "why", "when", "where", "who" or "name": the kind of sentence that answers; None for others."""
    folded = fold(question)
    if WEB_QUESTION.search(folded):
        return "web"
    if WHY_QUESTION.search(folded):
        return "why"
    if WHEN_QUESTION.search(folded) or ASKS_WHEN.search(folded):
        return "when"
    if WHERE_QUESTION.search(folded) or FRENCH_WHERE.search(question.lower()):
        return "where"
    # "Who wrote…", "Qui a traduit…"; not "WHO guidelines" (the World Health Organization).
    if WHO_QUESTION.search(folded) and not re.search(r"\bWHO\b", question) and not WHO_BELONGS.search(folded):
        return "who"
    if NAME_QUESTION.search(folded):
        return "name"
    # "Which researchers…", "quel maire…": people, or the holder of an office, answer, as to "who".
    if asks_for_people(question) or OFFICE_HOLDER_QUESTION.search(folded):
        return "who"
    return None


# An event still to come when the document was written: "Which city will host the next
# symposium?", "où se tiendra la prochaine conférence ?". Archived notes mostly report what
# happened; one that answers says what was planned.
FUTURE_QUESTION = re.compile(r"\b(?:will|next|upcoming|forthcoming|prochaine?s?|se tiendra|aura lieu|accueillera|"
                             r"nachste[nrs]?|proxim[oa]s?)\b")


def asks_when(question: str) -> bool:
    """Whether the question (or a clause of it) opens with "when"."""
    return bool(ASKS_WHEN.search(fold(question)))


def asks_how_long(question: str) -> bool:
    return bool(HOW_LONG_QUESTION.search(fold(question)))


def asks_frequency(question: str) -> bool:
    return bool(FREQUENCY_QUESTION.search(fold(question)))


def asks_publication_date(question: str) -> bool:
    return bool(PUBLICATION_DATE_QUESTION.search(fold(question)))


def asks_for_reference(question: str) -> bool:
    return bool(REFERENCE_QUESTION.search(fold(question)))


def asks_for_people(question: str) -> bool:
    match = PEOPLE_QUESTION.search(fold(question))
    return bool(match) and not KIND_OF_PEOPLE.search(match.group())


def asks_role(question: str) -> bool:
    return bool(ROLE_QUESTION.search(fold(question)))


def asks_nationality(question: str) -> bool:
    return bool(NATIONALITY_QUESTION.search(fold(question)))


def must_state(question: str) -> str | None:
    """"time", "day", "month", "web", "person" or "future" when only a sentence stating one can
    answer: "What are the opening hours…?", "On which exact date…?", "In which month…?", "On
    which website…?", "Who chairs…?", "Which city will host the next…?"; None otherwise."""
    folded = fold(question)
    if TIME_QUESTION.search(folded):
        return "time"
    if DAY_QUESTION.search(folded):
        return "day"
    if MONTH_QUESTION.search(folded):
        return "month"
    if WEB_QUESTION.search(folded):
        return "web"
    if OFFICE_HOLDER_QUESTION.search(folded):
        return "person"
    if FUTURE_QUESTION.search(folded):
        return "future"
    return None


def offices_named(text: str) -> set[str]:
    """The kinds of office a text names: "the President of the Pompidou Group" → {"chair"},
    "Deputy Secretary General" → {"secretary"}; "any" for "head", "chef"."""
    folded = fold(text)
    return {family for family, words in OFFICE_FAMILY_WORDS if words.search(folded)}


def office_asked(question: str) -> str | None:
    """The kind of office a question asks the holder of: the first it names ("the President of
    the Pompidou Group whom the Deputy Secretary General greeted" asks for the president)."""
    folded = fold(question)
    starts = {family: match.start() for family, words in OFFICE_FAMILY_WORDS if (match := words.search(folded))}
    return min(starts, key=starts.__getitem__) if starts else None


def office_places(text: str) -> list[tuple[str, ...]]:
    """For each office a text names together with whose it is, those names: "Bernard Rivaillé,
    maire de Lormont" → [("Lormont",)]; "the President of the Council of Europe's Pompidou
    Group" → [("Council", "Europe", "Pompidou", "Group")]; "the Deputy Secretary General of the
    Council of Europe" → [("Council", "Europe")]; "Its director, Paul Martin" → []."""
    return [names for clause, _ in clauses(text) for names in _office_places_within(clause)]


def _office_places_within(clause: str) -> list[tuple[str, ...]]:
    words = re.findall(r"[^\W\d_]+", clause)
    found = []
    for at, word in enumerate(words[:-1]):
        if not OFFICE_WORD.fullmatch(fold(word)):
            continue
        of = at + 1  # past the rest of a title: "Secretary General of the Council of Europe"
        while of < min(at + 3, len(words) - 1) and words[of][0].isupper() and fold(words[of]) not in OFFICE_OF_WORDS:
            of += 1
        if fold(words[of]) not in OFFICE_OF_WORDS:
            continue
        names = []
        for following in words[of + 1:]:
            if following[0].isupper():
                names.append(following)
            elif fold(following) not in NAME_JOINING_WORDS:
                break
        if names:
            found.append(tuple(names))
    return found


def cities_before_an_office(text: str) -> list[str]:
    """Cities named just before an office, as whose it is: "the Strasbourg mayor" → ["Strasbourg"]
    (a title word before an office, "the Executive Director", is no one's)."""
    words = re.findall(r"[^\W\d_]+", text)
    return [word for word, following in zip(words, words[1:])
            if word[0].isupper() and OFFICE_WORD.fullmatch(fold(following)) and is_city_name(word)]


# "What are the seven principles…", "quels sont les trois domaines…": a list of that many items
# answers (not "the two years", a span of time).
ITEM_COUNTS = {**dict.fromkeys(("three", "trois", "drei", "tres", "tri"), 3),
               **dict.fromkeys(("four", "quatre", "vier", "quatro", "ctyri"), 4),
               **dict.fromkeys(("five", "cinq", "funf", "cinco", "pet"), 5),
               **dict.fromkeys(("six", "sechs", "seis", "sest"), 6),
               **dict.fromkeys(("seven", "sept", "sieben", "sete", "sedm"), 7),
               **dict.fromkeys(("eight", "huit", "acht", "oito", "osm"), 8),
               **dict.fromkeys(("nine", "neuf", "neun", "nove", "devet"), 9),
               **dict.fromkeys(("ten", "dix", "zehn", "dez", "deset"), 10),
               **dict.fromkeys(("eleven", "onze", "elf"), 11),
               **dict.fromkeys(("twelve", "douze", "zwolf", "doze"), 12)}
ITEMS_QUESTION = re.compile(r"\b(?:(?:what|which) (?:are|were) (?:the|its|their)|(?:list|name) (?:the|its|their|all)"
                            r"|(?:what|which)(?= \d|(?: (?:three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b))"
                            r"|quels sont (?:les|ses|leurs)|quelles sont (?:les|ses|leurs)|welche sind die|"
                            r"was sind die) (\w+) (?!(?:years?|months?|weeks?|days?|hours?|ans|annees|mois|jours|"
                            r"jahre|monate|tage)\b)\w")


def items_asked(question: str) -> int:
    """How many items "what are the seven principles…" asks for; 0 when it names no number."""
    match = ITEMS_QUESTION.search(fold(question))
    if not match:
        return 0
    word = match.group(1)
    return int(word) if word.isdigit() and 3 <= int(word) <= 30 else ITEM_COUNTS.get(word, 0)


# "What are the…", "Name several.", "List the…": a question asking for a list.
LIST_WORDS = re.compile(r"\b(?:what|which) (?:are|were) (?:the|its|their)\b|\b(?:name|list) (?:several|some|all|the|them)\b|"
                        r"\b(?:quels|quelles) sont\b")


def asks_for_several(question: str) -> bool:
    """Whether the question asks for several things: "which new developments…", "what subjects…",
    "what are the seven principles…", "quelles sont les…"; not "which year" nor one thing."""
    folded = fold(question).replace("'s ", " ")
    if items_asked(question) or LIST_WORDS.search(folded):
        return True
    match = WHICH_THING.search(folded)
    if not match:
        return False
    phrase = re.findall(r"[\w-]+", match.group(1))
    for at, word in enumerate(phrase[:ASKED_THING_WORDS + 2]):
        if word in ("or", "and", "ou", "et"):  # "which new or evolving developments"
            continue
        if word in STOPWORDS or word.isdigit() or (at and _verb(phrase, at)):
            return False
        if _plural(word) and word not in KIND_WORDS:
            return True
    return False


def _plural(word: str) -> bool:
    """A folded word that looks plural in English or French ("developments", "villes"; not "process")."""
    return word.endswith("s") and not word.endswith("ss")


# "…according to the EMCDDA's 2016 analysis?", "selon le communiqué de l'Efus, …": the words
# that say which document answers, up to the clause's end.
SOURCE_PHRASE = re.compile(r"\b(?:according to|as reported in|as stated in|selon|d'apres|laut|gemass)\s+([^,;?]+)")


def source_phrase(question: str) -> str:
    """The words of a question that name its source ("according to the 2016 analysis"), or ""."""
    return " ".join(match.group(1) for match in SOURCE_PHRASE.finditer(fold(question).replace("\u2019", "'")))


# "What network did the cities form?", "quelle imprimerie…", "welche Städte…": the thing asked
# for, which the answering sentence usually names ("…went on to form a network, …").
WHICH_THING = re.compile(r"\b(?:what|which|quels?|quelles?|welche[rsmn]?|qual|quais)\s+(.*)")
ASKED_THING_WORDS = 3
# Words naming only the kind of answer ("which year", "which city"): the answer states a year
# or names a city, seldom the word itself.
KIND_WORDS = frozenset("year years month months date dates day days time times city cities town towns place places "
                       "country countries person people annee annees mois jour jours ville villes pays personne "
                       "personnes jahr jahre monat tag tage stadt stadte land lander ano anos cidade cidades".split())


def asked_thing_terms(question: str) -> frozenset[str]:
    """The search terms of the noun phrase after "what"/"which" ("What EU funding programme…"
    -> eu, fund, programm), up to its first stop word; none for "what is…" or "which year"."""
    match = WHICH_THING.search(fold(question))
    if not match:
        return frozenset()
    words = []
    for word in tokens(match.group(1))[:ASKED_THING_WORDS]:
        if word in STOPWORDS or word in KIND_WORDS:  # a kind word ends the phrase: "which cities took part"
            break
        words.append(word)
    return frozenset(stem(word) for word in words if word not in ITEM_COUNTS and not word.isdigit())


# Where the noun phrase after "which" ends: a past participle ("which consultancy carried
# out…", "which body adopted…"); a stop word ends it too. "What is the name of the X…" asks
# to name X.
VERB_FORM = re.compile(r"\w+ed")
# What is stated, not named: "what fax number…", "which amount…".
VALUE_WORDS = frozenset("number figure amount sum total rate share percentage proportion address code reference "
                        "phone fax email numero montant taux adresse".split())
ARTICLES = frozenset("the a an its their this these that those his her le la les un une".split())
NAME_OF_THING = re.compile(r"\b(?:name of (?:the |this |that |its |their )?|nom (?:du |de la |de l'|des |d')|"
                           rf"{CALLED_IN_FRENCH} (?:le |la |l'|les )?)(.*)")


def asked_thing_head(question: str) -> str | None:
    """The last word of the noun phrase after "which"/"what", when it names one thing ("Which
    consultancy carried out…" -> consultancy, "Which women's prison…" -> prison, "quel
    cabinet…" -> cabinet), folded; None for a plural, a kind word ("which year"), a count, or
    no such phrase. A head guessed wrong ("which NGO runs…") only makes
    `sentence_kinds.mentions_unnamed` find nothing."""
    folded = fold(question).replace("'s ", " ")
    match = NAME_OF_THING.search(folded) or WHICH_THING.search(folded)
    if not match:
        return None
    words: list[str] = []
    phrase = re.findall(r"[\w-]+", match.group(1))
    longest = ASKED_THING_WORDS + 2 if match.re is NAME_OF_THING else ASKED_THING_WORDS
    for at, word in enumerate(phrase[:longest]):
        if word in KIND_WORDS:  # "which member city": the rules on places judge it
            return None
        if word in STOPWORDS or word in ITEM_COUNTS or word.isdigit() or (words and _verb(phrase, at)):
            break
        words.append(word)
    if not words or any(map(_plural, words)) or VALUE_WORDS & set(phrase[:longest + 2]):
        return None  # a plural asks for several ("which organisations took part"), a value is stated
    return words[-1]


def _verb(words: list[str], at: int) -> bool:
    """Whether words[at], after a noun, is its verb: a past participle ("which body adopted…"),
    or a word in -s before an article ("which laboratory confirms the results")."""
    following = words[at + 1:at + 2]
    return bool(VERB_FORM.fullmatch(words[at])) or (
        words[at].endswith("s") and bool(following) and following[0] in ARTICLES)


# "Which town relied more on nasal spray, Brennisford or Halvermouth?", "Which event drew the
# bigger audience: the 2011 Vienna conference or the 2019 Strasbourg symposium?": two named
# things set side by side as the choices.
NAMED_CHOICES = re.compile(r"^(?:which|what|lequel|laquelle|lesquel\w*|quel\w*|welche\w*)\b[^?]*[,:]\s+"
                           r"(?:(?:the|le|la|les|l'|der|die|das) )?[A-ZÀ-Ý0-9][^,:?]*\s(?:or|ou|oder)\s"
                           r"(?:(?:the|le|la|les|l'|der|die|das) )?[A-ZÀ-Ý0-9][^,:?]*(?:[?,]|$)", re.IGNORECASE)


def compares_sources(question: str) -> bool:
    """Whether the question asks how sources differ or compare, so each should be quoted."""
    return bool(COMPARISON_QUESTION.search(fold(question))) or bool(NAMED_CHOICES.search(question))


# "How many of the strategy's priorities…": what is counted follows whose they are.
WHOSE_THINGS = re.compile(r"^\s*of (?:the |its |their )?(?:[\w-]+ ){0,6}?[\w-]+(?:'s|s') (.*)")


def _counted_after_whose(words: str) -> str:
    whose = WHOSE_THINGS.match(words.replace("’", "'"))
    return whose.group(1) if whose else words


# "How many rooms are there in Europe": a count asked of Europe, not of a body named European.
IN_EUROPE = re.compile(r"\b(?:(?:in|across|throughout) europe|european countries|(?:en|dans l') ?europe|"
                       r"pays europeens|in europa|europaischen landern|na europa|v evrope)\b")


def _asked_of_places(folded: str, question: str) -> bool:
    """Whether a count is asked of countries, cities or Europe rather than of the world."""
    if WORLD_SCOPE.search(folded):
        return False
    return bool(IN_EUROPE.search(folded)) or bool(places_named(question))


NAME_JOINERS = frozenset(("on", "of", "for"))  # "Civil Society Forum on Drugs", "Council of Europe"


def _after_name(question: str, counted: str) -> str:
    """What a count asks after the name that says whose things they are: "How many Civil
    Society Forum on Drugs members…" counts members. Such a name is capitalised words joined
    by "on", "of" or "for", followed by a word in lower case; "How many European cities", "how
    many EU Member States signed" keep their words. `counted` is the folded tail of `question`."""
    counted_words = counted.split()
    words = question.split()[-len(counted_words):] if counted_words else []
    at, joined = 0, False
    while at < len(words) and (words[at][:1].isupper() or (
            at and fold(words[at]) in NAME_JOINERS and at + 1 < len(words) and words[at + 1][:1].isupper())):
        joined = joined or fold(words[at]) in NAME_JOINERS
        at += 1
    if joined and at < len(words) and words[at][:1].islower() and fold(words[at]) not in STOPWORDS:
        return " ".join(counted_words[at:])
    return counted


# "how many of the people tested", "how many of them signed": what is counted follows these.
WHOSE_WORDS = frozenset("of the its their these those them this that des de d les ses leurs ces du la le".split())


def _without_leading_function_words(words: list[str]) -> list[str]:
    """ "of the people tested" -> "people tested": what a count counts follows "of the", "of
    them"; "how many does each list" keeps its verb, which names nothing counted."""
    at = next((at for at, word in enumerate(words) if word not in WHOSE_WORDS), len(words))
    return words[at:]


def _counted_terms(counted_words: str, language: str) -> frozenset[str]:
    """The terms naming what a count counts, from the (folded) words after "how many": the
    noun phrase's head and the word before it in English, where the head is the first word in
    the plural ("drug-related deaths": not "drug" alone, which "two EU Drugs Action Plans"
    would match; "language versions exist"); the first two words in French and Portuguese,
    whose head comes first ("villes partenaires"). The phrase starts after any function words
    ("of the partner cities") and ends at the next function word, number or verb in -ed
    ("people attended the…"). Otherwise, as in German, whose nouns are folded to lower case
    here, the phrase's first two terms."""
    words = counted_words.split()
    while words and words[0] in STOPWORDS:
        words.pop(0)
    phrase = phrase_at(words).split()
    phrase = phrase[:next((at for at in range(1, len(phrase)) if VERB_AFTER_HOW_MANY.match(" ".join(words[at:]))),
                          len(phrase))]
    if language == "en":
        head = next((at for at, word in enumerate(phrase) if ENGLISH_PLURAL.fullmatch(word)), None)
        if head is not None:
            return frozenset(content_terms(" ".join(phrase[max(0, head - 1):head + 1]))[-HEAD_WORDS:])
    return frozenset(content_terms(" ".join(phrase or words))[:HEAD_WORDS])


def quantity_asked(question: str, language: str = "en") -> QuantityAsked:
    """'How many…', 'which year…', 'combien…', 'the number of…': what number would answer."""
    folded = fold(question)
    after_count = COUNT_QUESTION.search(folded) or FIGURE_QUESTION.search(folded)
    counted_words = _counted_after_whose(_after_name(question, after_count.group(1))) if after_count else ""
    if VERB_AFTER_HOW_MANY.match(" ".join(_without_leading_function_words(counted_words.split()))):
        counted_words = ""  # "how many attended…", "how many of them signed…": what is counted goes unsaid
    counted = _counted_terms(counted_words, language)
    asks_sum = not counted and bool(SUM_QUESTION.search(folded))
    required = bool(QUANTITY_QUESTION.search(folded)) or asks_sum
    money = required and not counted and (asks_sum or bool(MONEY_QUESTION.search(folded)))
    return QuantityAsked(
        required=required,
        year=bool(YEAR_QUESTION.search(folded)),
        percent=bool(PERCENT_QUESTION.search(folded)),
        money=money,
        counted_terms=counted,
        counted_phrase=phrase_at(_without_leading_function_words(tokens(counted_words))),
        numbers=frozenset(numbers(question)),
        years=years_in(question),
        span_ends=span_ends_in(question),
        in_places=required and _asked_of_places(folded, question),
        per=rates_of(question) if money else frozenset(),
    )
