"""The eval harness scores exactly as ../shared/eval/README.md defines."""

from assistant.evaluation import EvalQuestion, score_answer, summarize, summarize_by_type
from assistant.schema import Answer, Citation, Passage


def passage(doc_id: str) -> Passage:
    return Passage(chunk_id=doc_id + "-0", doc_id=doc_id, source=doc_id + ".md", title=doc_id, text="t",
                   start=0, end=1)


def cited(doc_id: str) -> Citation:
    return Citation.from_passage(passage(doc_id), "t")


QUESTION = EvalQuestion(id="q1", question="Where?", answerable=True, expected_sources=["a"],
                        answer_keywords=[["Athènes", "Athens"], ["Ljubljana"]], type="list")


def test_keywords_match_accent_folded_and_every_group_is_needed():
    good = Answer("Where?", "Athenes and Ljubljana [1]", False, [cited("a")], [passage("b"), passage("a")])
    row = score_answer(QUESTION, good, 1.0)
    assert row.answer_correct and row.retrieved_expected and row.citation_hit
    assert row.citation_precision == 1.0
    half = Answer("Where?", "Athens [1]", False, [cited("a"), cited("b")], [passage("a")])
    row = score_answer(QUESTION, half, 1.0)
    assert not row.answer_correct and row.citation_precision == 0.5


def test_an_answer_over_700_characters_is_wrong_and_refusals_are_counted():
    long = Answer("Where?", "Athens Ljubljana " + "x" * 700, False, [cited("a")], [passage("a")])
    assert not score_answer(QUESTION, long, 1.0).answer_correct
    refused = Answer("Where?", "The documents don't say.", True, [], [passage("b")])
    rows = [score_answer(QUESTION, refused, 2.0)]
    summary = summarize(rows, load_seconds=3.0)
    assert summary["false_refusal"] == 1.0 and summary["retrieval_recall@5"] == 0.0
    assert summary["latency_p50_s"] == 2.0 and summary["by_type"]["list"]["n"] == 1


def test_every_metric_is_given_for_each_question_type():
    unanswerable = EvalQuestion(id="q2", question="Who?", answerable=False, expected_sources=[],
                                answer_keywords=[], type="unanswerable")
    rows = [score_answer(QUESTION, Answer("Where?", "Athens and Ljubljana [1]", False, [cited("a")],
                                          [passage("a")]), 1.0),
            score_answer(unanswerable, Answer("Who?", "The documents don't say.", True, [], []), 1.0)]
    by_type = summarize_by_type(rows)
    assert by_type["list"]["answer_correct"] == 1.0 and by_type["list"]["correct_refusal"] is None
    assert by_type["unanswerable"]["correct_refusal"] == 1.0 and by_type["unanswerable"]["answer_correct"] is None
