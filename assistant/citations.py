"""Checking the model's sentences against the passages, and composing the cited answer.

A generated sentence is kept only when one passage supports it: most of its content terms and
all of its numbers and names occur there, 40% of its words as one unbroken run, and it adds
something the question did not already say. It is then cited to that passage, whatever number
the model wrote. Every quote is verbatim, so it is always supported. Markers in the final text
are renumbered to index `Answer.citations`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from assistant.chunking import chunk_place, split_sentences
from assistant.evidence import Evidence
from assistant.prompting import MARKER, sanitize_passage_text
from assistant.schema import Citation, Passage
from assistant.text import content_terms, fold, numbers, points_back, proper_names, tokens

MIN_TERM_COVERAGE = 0.9  # the model is asked to copy, so a real claim is near-verbatim
MIN_COPIED_SHARE = 0.4
REPEAT_SHARE = 0.8  # a claim this much copied from a quoted sentence is left out
MIN_CLAIM_TERMS = 4  # "These include:" or "2." say nothing checkable
SUPPORT_WINDOW = 2  # a claim must be supported by this many consecutive sentences, not a whole passage
SECOND_QUOTE_MARGIN = 0.2  # a second sentence is quoted when it is nearly as good as the best
# The sentence after the best one is quoted with it when it ranks this high and goes on about
# the same subject ("The Forum's next assembly was scheduled for November. It was to coincide
# with…").
FOLLOW_ON_DEPTH = 6
CONTINUES_SUBJECT = re.compile(r"(?:it|they|he|she|il|elle|ils|elles|er|sie|es|ele|ela|eles|elas)\b")
MAX_QUOTE_CHARS = 300
QUOTE_HEAD_SHARE = 0.65  # of a shortened quote; the rest is its end
LEAD_IN_WORDS = 10  # a shorter sentence rarely stands alone, so the next ones are quoted with it
MAX_ANSWER_CHARS = 700
NON_ANSWERS = ("not mention", "no information", "does not say", "don't know", "do not know",
               "cannot answer", "not provided", "not specified", "unknown", "no mention")
# "The item states:", "According to the source,": a model's lead-in to the words it copies.
PREAMBLE = re.compile(r"^(?:[\w'’]+\s+){0,4}(?:states|says|reads|notes|reports|indique|dit)\s*:\s*(?=[\"“«])",
                      re.IGNORECASE)
PAIRED_MARK = {"“": "”", "”": "“", "«": "»", "»": "«"}
PHRASES = {
    "en": {"quote": "The source says: “{quote}” [{n}]"},
    "fr": {"quote": "Le document indique : « {quote} » [{n}]"},
    "de": {"quote": "Das Dokument sagt: „{quote}“ [{n}]"},
}


@dataclass(frozen=True)
class Claim:
    text: str
    passage_index: int | None  # None when no passage supports it
    support: str = ""  # the passage's own sentence that supports it, highlighted on the card


@dataclass
class ComposedAnswer:
    text: str
    citations: list[Citation]
    verified_sentences: list[tuple[str, bool]]
    unsupported: list[str]


def verify_claims(generated: str, question: str, passages: list[Passage]) -> list[Claim]:
    """Each sentence of the model's output, with the passage that supports it (if any)."""
    question_terms = set(content_terms(question))
    windows = _support_windows(passages)
    claims = []
    # A line break ends a sentence too: "The answer is:\n[4] The Forum is…" is two.
    for sentence in (line[s.start:s.end] for line in generated.splitlines() for s in split_sentences(line)):
        sentence = _without_preamble(MARKER.sub("", sentence).strip())
        sentence = re.sub(r"\s+([.,;:!?])", r"\1", sentence)
        if (len(content_terms(sentence)) < MIN_CLAIM_TERMS or sentence.rstrip(" .").endswith(":")
                or any(phrase in fold(sentence) for phrase in NON_ANSWERS)):
            continue
        claims.append(Claim(sentence, *_supporting_passage(sentence, question_terms, windows)))
    return claims


def _without_preamble(sentence: str) -> str:
    """The copied words of 'The item states: "This news item reports…' without the lead-in the
    model put before them, and without a quotation mark left unmatched."""
    sentence = PREAMBLE.sub("", sentence)
    if enclosed := re.fullmatch(r'["“«]\s*(.*?)\s*["”»]\s*', sentence):
        sentence = enclosed.group(1)
    if sentence.count('"') % 2:
        sentence = sentence.replace('"', "", 1)
    for mark, pair in PAIRED_MARK.items():
        if mark in sentence and pair not in sentence:
            sentence = sentence.replace(mark, "")
    return sentence.strip()


def compose_answer(question: str, claims: list[Claim], evidence: list[Evidence], passages: list[Passage],
                   language: str) -> ComposedAnswer:
    phrases = PHRASES.get(language, PHRASES["en"])
    numbering: dict[int, int] = {}
    highlights: dict[int, str] = {}

    def cite(passage_index: int, highlight: str) -> int:
        numbering.setdefault(passage_index, len(numbering) + 1)
        highlights.setdefault(passage_index, highlight)
        return numbering[passage_index]

    parts: list[tuple[str, bool]] = []
    chosen = quoted_evidence(question, evidence, passages)
    quotes = [_with_continuation(quote, passages) for quote in chosen]
    supported = [c for c in claims if c.passage_index is not None and not _repeats_a_quote(c, quotes[:1])]
    supported = _said_once(supported)
    if supported:  # the model's verified sentence is the answer; the best quote shows its source words
        # ...but a list that a quote announces ("…to discuss three topics:") is kept, since
        # the model rarely copies a list whole
        quotes = [quote for i, (quote, original) in enumerate(zip(quotes, chosen)) if i == 0 or _announces(original)]
    quotes = _with_antecedents(quotes, passages)
    for quote in quotes:
        number = cite(quote.passage_index, quote.text)
        parts.append((phrases["quote"].format(quote=_shorten(quote.text), n=number), True))
    for claim in reversed(supported[:2]):
        number = cite(claim.passage_index, claim.support)
        parts.insert(0, (f"{_with_period(claim.text)} [{number}]", True))
    parts = _fit(parts)
    used = {int(m) for text, _ in parts for m in re.findall(r"\[(\d+)\]", text)}
    citations = [
        replace(passages[index], highlight=highlights[index])
        for index, number in sorted(numbering.items(), key=lambda item: item[1]) if number in used
    ]
    text = " ".join(text for text, _ in parts)
    return ComposedAnswer(text, citations, parts, [c.text for c in claims if c.passage_index is None])


def _said_once(claims: list[Claim]) -> list[Claim]:
    """The model sometimes repeats a sentence word for word; the answer says it once."""
    first: dict[str, Claim] = {}
    for claim in claims:
        first.setdefault(fold(claim.text).rstrip(" ."), claim)
    return list(first.values())


def _repeats_a_quote(claim: Claim, quotes: list[Evidence]) -> bool:
    """A claim copied from a sentence that is quoted anyway would say the same thing twice."""
    words = tokens(claim.text)
    return any(len(_longest_common_run(words, tokens(q.text))) >= REPEAT_SHARE * len(words) for q in quotes)


@dataclass(frozen=True)
class _Window:
    """Consecutive passage sentences a claim may rest on, with what the checks compare."""

    passage_index: int
    text: str
    terms: frozenset[str]
    numbers: frozenset[str]
    words: list[str]


def _support_windows(passages: list[Passage]) -> list[_Window]:
    """Every window of every passage, analysed once for all the claims of an answer."""
    return [_Window(index, window, frozenset(content_terms(window)), frozenset(numbers(window)), tokens(window))
            for index, passage in enumerate(passages) for window in _sentence_windows(passage.text)]


def _supporting_passage(sentence: str, question_terms: set[str],
                        windows: list[_Window]) -> tuple[int | None, str]:
    """The index of the passage that supports the sentence, and the span of it that does."""
    terms = content_terms(sentence)
    if not terms:
        return None, ""
    sentence_numbers = numbers(sentence)
    names = {t for name in proper_names(sentence) for t in content_terms(name)}
    words = tokens(sentence)
    best, best_span, best_coverage = None, "", 0.0
    for window in windows:
        coverage = sum(t in window.terms for t in terms) / len(terms)
        adds_information = bool((set(terms) & window.terms) - question_terms)
        # A word the passage lacks but the question holds is how the model bends a passage into
        # an answer: "It carries forward … earlier manifestos" became "The 2006 Saragossa
        # Manifesto rejects … earlier manifestos" for "What does the Saragossa Manifesto reject?".
        borrowed = bool((set(terms) - window.terms) & question_terms)
        if (coverage >= MIN_TERM_COVERAGE and adds_information and not borrowed and coverage > best_coverage
                and sentence_numbers <= window.numbers and names <= window.terms  # names exact
                and _mostly_copied(words, window.words)):
            best, best_span, best_coverage = window.passage_index, window.text, coverage
    return best, best_span


def _mostly_copied(words: list[str], window_words: list[str]) -> bool:
    """Many of the sentence's words must stand in the passage as one unbroken run. The model is
    asked to copy; a sentence stitched from words found here and there ("the French Forum … was
    chaired by the European Forum …") has every term in the passage but says something else."""
    return len(_longest_common_run(words, window_words)) >= MIN_COPIED_SHARE * len(words)


def _longest_common_run(a: list[str], b: list[str]) -> list[str]:
    """The longest sequence of consecutive words that occurs in both."""
    best_length, best_end = 0, 0
    previous = [0] * (len(b) + 1)
    for i in range(1, len(a) + 1):
        current = [0] * (len(b) + 1)
        for j in range(1, len(b) + 1):
            if a[i - 1] == b[j - 1]:
                current[j] = previous[j - 1] + 1
                if current[j] > best_length:
                    best_length, best_end = current[j], i
        previous = current
    return a[best_end - best_length:best_end]


def _sentence_windows(text: str) -> list[str]:
    """Runs of consecutive sentences, as they stand in the text: words scattered over a whole
    passage don't support a claim."""
    spans = split_sentences(text)
    if len(spans) <= SUPPORT_WINDOW:
        return [text[spans[0].start:spans[-1].end]] if spans else []
    starts = range(len(spans) - SUPPORT_WINDOW + 1)
    return [text[spans[i].start:spans[i + SUPPORT_WINDOW - 1].end] for i in starts]


def quoted_evidence(question: str, evidence: list[Evidence], passages: list[Passage]) -> list[Evidence]:
    """The best sentence, plus the runner-up when it is nearly as good (the scorer often ranks
    the answer second, and multi-part questions need two sentences)."""
    if not evidence:
        return []
    best, follow_on = _with_follow_on(evidence, passages)
    quotes = [best]
    runner_up = next((item for item in evidence[1:] if item is not follow_on), None)
    if runner_up is not None and runner_up.score >= best.score - SECOND_QUOTE_MARGIN:
        same_document = passages[runner_up.passage_index].doc_id == passages[best.passage_index].doc_id
        # Another document is cited only for a part of the question the best sentence leaves open.
        if same_document or _covers_more(question, best, runner_up, passages):
            quotes.append(runner_up)
    return quotes


def _with_follow_on(evidence: list[Evidence], passages: list[Passage]) -> tuple[Evidence, Evidence | None]:
    """The best sentence, continued by the one right after it when that one goes on about the
    same subject and also ranks among the best few (which it then is): a question's opening
    clause often matches the sentence that sets the scene while the next one answers."""
    best = evidence[0]
    passage = passages[best.passage_index]
    following = split_sentences(passage.text, best.end - passage.start)
    if not following:
        return best, None
    start, end = passage.start + following[0].start, passage.start + following[0].end
    for item in evidence[1:FOLLOW_ON_DEPTH]:
        if (item.start == start and passages[item.passage_index].doc_id == passage.doc_id
                and CONTINUES_SUBJECT.match(fold(item.text))):
            text = passage.text[best.start - passage.start:end - passage.start]
            return replace(best, text=text, end=end), item
    return best, None


def _covers_more(question: str, best: Evidence, runner_up: Evidence, passages: list[Passage]) -> bool:
    """Whether the runner-up matches a question term that the best sentence's document doesn't
    (as far as it was read) and that the runner-up's title doesn't account for: a second part of
    the question, answered elsewhere."""
    best_document = passages[best.passage_index].doc_id
    read = {t for p in passages if p.doc_id == best_document for t in content_terms(f"{p.title} {p.text}")}
    title_terms = set(content_terms(passages[runner_up.passage_index].title))
    uncovered = set(content_terms(question)) - read - title_terms
    return bool(uncovered & set(content_terms(runner_up.text)))


def _announces(quote: Evidence) -> bool:
    return quote.text.rstrip().endswith(":")


def _with_continuation(quote: Evidence, passages: list[Passage]) -> Evidence:
    """A lead-in ("Two main ways of operating are identified:") is quoted with the sentences
    that follow it in its passage, since they hold what it announces."""
    passage = passages[quote.passage_index]
    if not (_announces(quote) or len(quote.text.split()) < LEAD_IN_WORDS):
        return quote
    end = quote.end
    for span in split_sentences(passage.text, quote.end - passage.start):
        if span.end + passage.start - quote.start > MAX_QUOTE_CHARS:
            break
        end = passage.start + span.end
    text = passage.text[quote.start - passage.start:end - passage.start]
    return replace(quote, text=text, end=end)


def _with_antecedents(quotes: list[Evidence], passages: list[Passage]) -> list[Evidence]:
    """Each quote that points back ("For this reason…") is preceded by the sentence it points
    to, when that sentence was read (in its passage or the chunk before)."""
    with_antecedents: list[Evidence] = []
    for quote in quotes:
        antecedent = _sentence_before(quote, passages) if points_back(quote.text) else None
        if antecedent and antecedent not in with_antecedents:
            with_antecedents.append(antecedent)
        with_antecedents.append(quote)
    return with_antecedents


def _sentence_before(quote: Evidence, passages: list[Passage]) -> Evidence | None:
    """The sentence just before the quote in its document, if a passage read holds it: the
    quote's own passage, or the chunk before it (across a heading, which is no sentence)."""
    document, number = chunk_place(passages[quote.passage_index].chunk_id)
    best: Evidence | None = None
    for index, passage in enumerate(passages):
        if chunk_place(passage.chunk_id) not in {(document, number), (document, number - 1)}:
            continue
        for span in split_sentences(passage.text):
            start, end = passage.start + span.start, passage.start + span.end
            if end <= quote.start and (best is None or end > best.end):
                best = Evidence(index, passage.text[span.start:span.end], start, end, quote.score)
    return best


def _fit(parts: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    """Drop trailing parts until the answer is short enough to read at a glance."""
    while len(parts) > 1 and sum(len(text) + 1 for text, _ in parts) > MAX_ANSWER_CHARS:
        parts = parts[:-1]
    return parts


def quotable(text: str) -> str:
    """A passage's words as an answer shows them: on one line, without the citation markers
    or chat markup a document might contain."""
    return sanitize_passage_text(" ".join(text.split()))


def _shorten(text: str) -> str:
    """A long quote keeps its opening and its end, cut at words: the end of a long sentence
    is often the last item of a list or the clause that answers."""
    text = quotable(text)
    if len(text) <= MAX_QUOTE_CHARS:
        return text
    head = text[:int(MAX_QUOTE_CHARS * QUOTE_HEAD_SHARE)].rsplit(" ", 1)[0]
    tail = text[-(MAX_QUOTE_CHARS - len(head)):].split(" ", 1)[-1]
    return f"{head} … {tail}"


def _with_period(sentence: str) -> str:
    sentence = sentence.rstrip(" ;:,")  # a copied list item ends "…overview;"
    return sentence if sentence[-1:] in ".!?" else sentence + "."
