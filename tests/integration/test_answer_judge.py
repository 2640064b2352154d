"""The answer judge (opt-in): a "which X…" question whose X the documents don't give is refused even when
the rules let it through; answerable questions are not, and questions whose kind the rules
check ("where…", "what is…") are left to them. The questions are written for this test, in
no question set the judge was trained on."""

import numpy as np
import pytest

from assistant.models.answer_judge import AnswerJudge
from assistant.models.embedder import default_embedding_model_path

JUDGED = "seems to state what it asks"


@pytest.fixture(scope="module")
def judged(make_assistant, bot):
    """The shipped corpus's index, answered with the judge switched on."""
    return make_assistant(bot.settings.corpus_dir, bot.settings.index_dir, answer_judge="cross-encoder")


@pytest.mark.parametrize("question", [
    "What was the name of the hotel where the Efus executive committee stayed in Amiens?",
    "Which football club sponsored the Prague conference of 2010?",
])
def test_a_particular_thing_no_document_gives_is_refused_with_the_judges_reason(judged, question):
    answer = judged.ask(question)
    assert answer.refused and JUDGED in answer.text and answer.citations == []
    assert answer.passages  # the closest passages are still listed


def test_without_the_judge_the_rules_alone_answer_it(bot):
    """The judge is opt-in: by default the rules alone decide."""
    assert bot.settings.answer_judge == "off"
    assert not bot.ask("Which football club sponsored the Prague conference of 2010?").refused


def test_a_paraphrased_answerable_question_is_not_refused(judged):
    answer = judged.ask("Which organisations hosted the SOLIDIFY closing conference?")
    assert not answer.refused and "City of Lisbon" in answer.text


@pytest.mark.parametrize("question, expected", [
    ("What did Efus's executive committee call for when it met in Amiens in 2018?", "local policy on drug addiction"),
    ("Where did Efus adopt its resolution on local drug policy?", "Amiens"),
])
def test_questions_whose_kind_the_rules_check_are_left_to_them(judged, question, expected):
    """Trained on this corpus's questions, the judge learned some sentences as never answering
    (these score below -3); only "which X…" questions are put to it."""
    answer = judged.ask(question)
    assert not answer.refused and expected in answer.text


def test_saved_weights_score_as_the_judge_that_saved_them(judged, tmp_path):
    judge = judged.answerer.judge
    question = "How many people attended the Strasbourg symposium in April 2019?"
    sentences = ["On 3-4 April 2019 about 250 people attended a European symposium in Strasbourg.",
                 "The symposium was organised under the heading Assessment and Prospects."]
    judge.save(tmp_path / "judge.pt")
    again = AnswerJudge(default_embedding_model_path(), tmp_path / "judge.pt")
    np.testing.assert_allclose(again.scores(question, sentences), judge.scores(question, sentences), atol=0.05)
    assert judge.scores(question, sentences)[0] > judge.scores(question, sentences)[1]
