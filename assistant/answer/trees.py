"""Loading the fitted trees shipped with the package: LightGBM text files, each with a .json
beside it naming the question languages it was fitted on (`fusion.py`, `evidence_order.py`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from assistant.errors import AssistantError

if TYPE_CHECKING:
    from assistant.answer.question import Question


class FittedTrees:
    """Trees fitted on labelled questions, and the languages those questions were in. No
    labelled question is in German, Czech or Portuguese: for one, the fusion's trees put the
    only German note holding its words 8th ("Wann wurde die Resolution in Köln
    verabschiedet?"); questions in such languages keep the hand-made order."""

    def __init__(self, booster, question_languages: frozenset[str]):
        self.booster = booster
        self.question_languages = question_languages

    def fitted_for(self, question: Question) -> bool:
        """Whether the trees saw questions in its language."""
        return question.language in self.question_languages


def load_trees(path: Path | str, features: Sequence[str], what: str, setting: str, fitter: str):
    """The booster in `path` and the question languages it saw. Every way the file can be wrong
    is an `AssistantError` naming it: `what` it is ("retrieval fusion model"), the `setting`
    that names a refitted file, the `fitter` tool that writes one."""
    import lightgbm

    path = Path(path)
    if not path.is_file():
        raise AssistantError(f"{what} {path} does not exist (setting {setting})")
    try:
        booster = lightgbm.Booster(model_file=str(path))
    except lightgbm.basic.LightGBMError as error:
        raise AssistantError(f"{what} {path} is not a LightGBM model ({error})") from None
    if tuple(booster.feature_name()) != tuple(features):
        raise AssistantError(f"{what} {path} was fitted on other features "
                             f"({', '.join(booster.feature_name())}); refit it with {fitter}")
    about = path.with_suffix(".json")
    try:
        languages = json.loads(about.read_text(encoding="utf-8"))["question_languages"]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise AssistantError(f"{about}, written with the model by {fitter}, is missing "
                             f"or has no question_languages ({error})") from None
    return booster, frozenset(languages)
