"""The answer judge's settings and weights: each way they can be wrong is an error naming the file."""

import pytest

from assistant.errors import AssistantError
from assistant.models.answer_judge import WEIGHTS_FILE, make_answer_judge
from assistant.settings import Settings


def test_the_judge_can_be_switched_off():
    assert make_answer_judge(Settings(answer_judge="off")) is None


def test_the_shipped_weights_are_in_the_package():
    assert WEIGHTS_FILE.is_file() and WEIGHTS_FILE.stat().st_size > 1_000_000


def test_missing_weights_are_named_with_their_setting(tmp_path):
    chosen = Settings(answer_judge="cross-encoder", answer_judge_model=str(tmp_path / "gone.pt"))
    with pytest.raises(AssistantError, match=r"gone.pt do not exist \(setting answer_judge_model\)"):
        make_answer_judge(chosen)


def test_a_file_that_is_not_judge_weights_is_named(tmp_path):
    bad = tmp_path / "notes.pt"
    bad.write_text("these are not weights\n")
    with pytest.raises(AssistantError, match="notes.pt can't be read"):
        make_answer_judge(Settings(answer_judge="cross-encoder", answer_judge_model=str(bad)))


def test_an_unknown_judge_is_a_settings_error():
    with pytest.raises(ValueError, match="answer_judge"):
        Settings(answer_judge="oracle")


def test_the_judge_is_opt_in():
    """It refused plain questions a user's own note answers (docs/evaluation.md, session 37)."""
    assert Settings().answer_judge == "off"
