"""Every threshold and weight of the answer stages, in one table with the reason for each value.

User-facing choices (how many passages, the refusal threshold, model and chunk sizes) are in
`Settings`; these are the numbers the stages were tuned with. Cosines are all-MiniLM-L6-v2's.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Tuning:
    # --- retrieval ---------------------------------------------------------------------------
    rrf_k: int = 60
    """The usual reciprocal-rank-fusion constant: ranks matter more than raw scores."""
    candidates_per_ranker: int = 30
    """How deep each ranker (dense, BM25, dense within a language) looks before fusion."""
    lexical_lead: float = 2.0
    """A BM25 score this many times the next one is a standout match that fusion must keep."""
    neighbours: int = 2
    """Chunks either side of a retrieved one that are read for its document."""
    documents_read_around: int = 2
    """The first documents retrieved are read around their passages (the answer often sits
    in the chunk after the one that matched, e.g. a guide's title page, then its author)."""
    compared_documents: int = 3
    """A question setting sources side by side reads the first this many documents retrieved
    whole, so each one's sentence on the thing compared can be quoted."""
    compared_max_sentences: int = 160
    """Sentences scored for such a question: whole documents hold more than passages."""
    english_bridge: int = 2
    """For a question not in English, this many more passages, the best by meaning among the
    English ones, are read besides those retrieved (the English encoder ranks notes in the
    question's language first on surface likeness, though most answers are in English notes).
    On the 44 French questions of the non-sealed sets, 0 → 2 passages: answer correct 16 → 20
    of 39 (7 gained, 1 lost), citation hit 0.487 → 0.641, false refusal 6 → 5, correct refusal
    3/5 both; English questions never take this path. As many again, the best by BM25 among
    the English passages (names, numbers and cognates say which note): on the 28 French
    questions of the 434 whose answers only English notes hold, the answering sentence is read
    for 20 instead of 15, and answer correct goes 32 → 33 of the 63 French answerable."""

    foreign_bridge: int = 1
    """For an English question, this many passages in each other language, the best by meaning
    and terms within it, are read too (answers that only a German or Czech note holds; across
    all other languages at once the French notes, likest to English, always won). On the 221
    answerable non-sealed questions, 0 → 1: answer correct 149 → 152 (xl-01, en-04, f3-22;
    none lost); 2 dev answers now cite a French or German edition's sentence first (dev
    citation precision 0.914 → 0.900). 2 each: on the 21 cross-language ones 12 → 11."""

    foreign_document_chunks: int = 6
    """Each passage so bridged brings the rest of its document, up to this many chunks in all
    (notes are 3-5 chunks long): the English encoder finds which German or Czech note answers
    more often than which of its chunks. 1 → 6 on the 674 read questions: the answering chunk
    is read for 24 of the 26 wrong cross-language answers instead of 8; cross-language right
    27 → 32 of 53, all answerable 370 → 372 of 543 (some English answers moved with the
    calibration of the added sentences), citation hit 440 → 444, one unanswerable question
    fewer refused."""

    # --- evidence scoring ----------------------------------------------------------------------
    max_sentences: int = 80
    """Sentences scored per question: bounds encoding time."""
    lexical_weight: float = 0.5
    """Weight of the share of the question's terms, beyond the title's, found in a sentence."""
    min_specific_terms: int = 3
    """That share is taken of at least this many terms, so a single word left over after the
    title cannot swing the whole lexical weight."""
    context_weight: float = 0.25
    """A sentence inherits this much of its passage's similarity (headings, subject)."""
    source_description_penalty: float = 0.1
    """Sentences that describe the source ("This news item reports…") match almost any
    question about it but rarely hold the fact asked for."""
    answer_type_bonus: float = 0.15
    """A sentence of the kind asked for (a reason, a date, a place, a person, a name) wins a
    near-tie with one that is not."""
    other_years_penalty: float = 0.2
    """A sentence whose document names none of the years the question names: "the December
    2024 resolution" asks about another text than the 2018 one. Fitted leave-one-set-out on 313
    labelled questions: 0.2 in all 9 folds; held out (after `quantity_bonus`), the answering
    sentence ranks first 147 → 149 times, in the first two 184 → 188."""
    asked_thing_weight: float = 0.05
    """Weight of the share of the words after "what"/"which" a sentence holds: "What network did
    the cities form?" is answered by the sentence naming a network. A tie-breaker, chosen from
    0, 0.05, 0.1, 0.2 leave-one-set-out on 451 labelled questions (`tools/fit_evidence_scorer.py
    --grid`): 0.05 in all 12 folds; held out, the answering sentence ranks first 215 → 219
    times, in the first two 266 → 270; from 0.1 up fewer rank first."""
    named_source_weight: float = 0.8
    """Weight of the share of the words naming a source ("according to the EUR-Lex summary",
    "the project brochure") that a sentence's document title and publisher hold: 95 of the 674
    read questions name one, and the encoder sees the title only as part of each sentence.
    Chosen from 0-1.2 leave-one-set-out on 543 labelled questions (`tools/fit_evidence_scorer.py
    --grid`): 0.8 in 13 of 14 folds (0.5 in the other); held out, the answering sentence ranks
    first 258 → 263 times, in the first two 323 → 327. End to end on the 674 read questions:
    373 → 380 right (+9 −2), citation hit 444 → 454, refusals unchanged."""
    antecedent_weight: float = 1.0
    """A sentence opening with a pronoun or demonstrative ("This is to be done through three
    instruments…") takes this share of how much closer to the question the sentence before it is:
    its subject is there, so its own cosine undersells it. Chosen from 0-1 leave-one-set-out on
    635 labelled questions (`tools/fit_evidence_scorer.py --grid`): 1.0 in 13 of 16 folds (0.6 or
    0.8 in the others); held out, the answering sentence ranks first 306 → 304 times, in the first
    two 382 → 387. End to end on the 794 read questions: 444 → 448 right (+9 −5; French +5 −1),
    false refusals 34 → 31, citation hit 535 → 538, refusals unchanged."""
    evidence_trees_weight: float = 0.2
    """With the learned evidence order (`evidence_order.LearnedOrder`), sentences are ordered by
    their linear score plus this weight times the trees' score (whose spread is about ten
    times the linear one's): the trees know what answering sentences look like from labelled
    questions, which share words with their answers; the linear score keeps the encoder's say
    for a paraphrase ("cooperate with" for "works with")."""
    foreign_document_weight: float = 0.7
    """Weight, for a sentence in another language than the question's, of how far above the
    best document in the question's language retrieval ranked its document (documents count 1,
    1/2, 1/3… by rank; 0 for one only read around or bridged): across languages the English
    encoder's cosine says little, the fitted fusion more. End to end on the 914 read questions
    (quotes only, each set's passages from fusion trees trained without it), weights 0-1 chosen
    leave-one-set-out: 0.7 in 15 of 18 folds (0.5, 1.0 in the others); each set scored with the
    weight chosen on the others, 532 → 537 right, citation hit 624 → 640, false refusals
    36 → 32, 2 more unanswerable ones answered. Weighing the rank itself instead of the lead
    over the question's language (0.3: 534 right, cross-language +11) also preferred a French
    edition's sentence to the English edition's for English questions; weighing it for every
    sentence, 525 right, 41 false refusals."""
    edition_bonus: float = 0.15
    """So does a sentence of the edition asked for ("the German edition": the German note)."""
    quantity_bonus: float = 0.45
    """A sentence stating the kind of number asked for (a count for "how many", a sum for "how
    much", a percentage; not a year) and a term of the question beats one about the same
    subject that states none. Fitted leave-one-set-out on 313 labelled questions
    (`tools/fit_evidence_scorer.py`): 0.45 in 8 of 9 folds; held out, the answering sentence
    ranks first 141 → 147 times, in the first two 178 → 183 (with the question's term
    required, 143 → 148 and 182 → 186 on top of `other_years_penalty`)."""

    # --- quoting -----------------------------------------------------------------------------
    second_quote_margin: float = 0.2
    """A second sentence is quoted when it scores this close to the best (the scorer often
    ranks the answer second, and two-part questions need two sentences)."""
    comparison_margin: float = 0.5
    """A question setting sources side by side ("how do X and Y differ on…") quotes the best
    sentence of a second document when it scores this close to the best. On the 12 such
    questions of the non-sealed sets (read to build this): answer correct 2 → 4 at 0.3, 5 at
    0.5 and above (a count's second figure can rank far down: 0.35 below the first)."""
    follow_on_depth: int = 6
    """The sentence after the best one is quoted with it when it ranks among this many."""
    lead_in_words: int = 10
    """A quote shorter than this rarely stands alone: the sentences after it are quoted too."""
    max_list_chars: int = 1200
    """A lead-in ending with a colon is quoted with the list items after it, up to this many
    characters of the document (each item is then shown by its opening words)."""
    list_item_words: tuple[int, ...] = (1000, 16, 12, 10, 8, 6)
    """Words shown of each quoted list item, fewer until the list fits: items open with what
    they are."""
    max_list_quote_chars: int = 520
    """A quoted list, its items shortened, is shortened further past this (room is left in
    the answer for the model's sentence)."""
    reason_before_chars: int = 300
    """A quote that points back ("They should therefore…") is shown after the sentence before it
    and, within its paragraph, those before that one while all fit in this many characters. On
    the 1094 read questions: 0 → 300 chars, 668 → 671 right, none lost; 450 gained 2 more and
    lost 1."""
    max_quote_chars: int = 420
    """A longer quote is shortened to its opening and its end. The cut often fell on the answer
    (a sentence and the one going on about it: "…grounded in the European Action … pledge is
    cut off"). Read sets, right answers: 300 → 691, 360 696, 390 696, 420 701, 450 698,
    480 697, 540 697 (longer first quotes leave no room for a second part's)."""
    quote_head_share: float = 0.65
    """Of a shortened quote, the share kept from its opening; the rest is its end."""
    max_answer_chars: int = 700
    """Trailing parts are dropped past this, so an answer reads at a glance (the eval's limit)."""
    count_search_depth: int = 12
    """How far down the evidence a question for a count or a web address looks for a sentence
    stating one (`quotes.stated_first`)."""
    documents_per_named_publisher: int = 2
    """A comparison naming a publisher ("the Commission's own description") reads this many of
    its documents, the closest to the question (`retrieval.documents_of_publishers_named`)."""
    near_requirement_margin: float = 0.06
    """How far below the best sentence's score another may stand and still be quoted first
    because it states what the question needs (a place, a year, a date) and the best doesn't
    (`quotes.stated_first`). Read sets: 0.03 +2 right; 0.06 +3 right, 4 fewer refused wrongly,
    no correct refusal lost; 0.10 +4 −1."""
    same_thing_similarity: float = 0.6
    """Cosine above which two short phrases name the same kind of thing: people/participants
    0.65, rooms/facilities 0.60, organisations/NGOs 0.68; but rooms/people 0.17,
    cities/people 0.43, countries/cities 0.57, members/people 0.57."""

    # --- refusal -----------------------------------------------------------------------------
    judged_sentences: int = 5
    """The best evidence sentences the answer judge reads (models/answer_judge.py): as many as
    tools/answerability_cross_encoder.py measured it on."""
    earlier_document_rank: int = 2
    """A later part with no subject of its own ("…, and in which town?") is answered from the
    document that answered the part before when that document holds one of its this many best
    sentences read everywhere: a weaker sentence there is about the subject but not the thing
    asked ("The end goal is…" for "what end date does it give?")."""
    rare_name_share: float = 0.2
    """A name the question holds (a town, a venue, a person) that at most this share of the
    indexed documents hold says which documents can answer: sentences of the others are about
    another town's scheme, however alike (`evidence.from_documents_naming`). On the read
    note sets, 0.1 to 0.5 refuse the same 11 more unanswerable questions and lose no right
    answer (0.05: 8); the corpus of 63 documents then takes a name in up to 12 of them as rare.
    Read sets +1 right; read notes +5 right, +11 correct refusals; never-read notes +7 right,
    +5 correct refusals (docs/evaluation.md, session 48)."""
    max_new_terms_before_a_cut: int = 2
    """A sentence saying the note's text breaks off refuses only when, before the break, it
    names what was asked and at most this many other words, none a name or number ("The sixth
    strategic priority is announced, but its wording is missing…"). Read sets: 1 → 2 refuses
    2 more unanswerable questions and no answerable one; 3 changes nothing more."""

    # --- prompt and claim checks ---------------------------------------------------------------
    prompt_sentences: int = 2
    """Evidence sentences shown to the model: a 135M model copies well from few, and reading
    them is most of its time to the first word (~200 prompt tokens/s here). Read sets 16-18
    and 29 with the model: 4 → 2 one more right answer of 168, precision unchanged; 3 none,
    precision 0.949 → 0.943."""
    min_claim_terms: int = 4
    """A model sentence with fewer content terms ("These include:") says nothing checkable."""
    min_term_coverage: float = 0.9
    """Share of a claim's terms its passage must hold: the model is asked to copy."""
    min_copied_share: float = 0.4
    """Share of a claim's words that must stand in its passage as one unbroken run."""
    repeat_share: float = 0.8
    """A claim this much copied from the first quote would say the same thing twice."""
    support_window: int = 2
    """A claim must rest on this many consecutive sentences, not words scattered over a passage."""
    max_claims: int = 2
    """Verified model sentences shown before the quotes."""


TUNING = Tuning()
