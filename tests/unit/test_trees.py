"""The fitted trees' model files: each way one can be wrong is an error naming the file."""

import numpy as np
import pytest

from assistant.answer import evidence_order, fusion
from assistant.errors import AssistantError
from assistant.settings import Settings

TREES = [
    pytest.param(fusion.LearnedFusion, fusion.MODEL_FILE, fusion.make_fusion, "retrieval_fusion", id="fusion"),
    pytest.param(evidence_order.LearnedOrder, evidence_order.MODEL_FILE, evidence_order.make_evidence_order,
                 "evidence_order", id="evidence order"),
]


@pytest.mark.parametrize("kind, shipped, make, setting", TREES)
def test_a_missing_model_file_is_named_with_its_setting(kind, shipped, make, setting, tmp_path):
    chosen = Settings(**{setting: "learned", f"{setting}_model": str(tmp_path / "gone.txt")})
    with pytest.raises(AssistantError, match=f"gone.txt does not exist \\(setting {setting}_model\\)"):
        make(chosen)


@pytest.mark.parametrize("kind, shipped, make, setting", TREES)
def test_a_file_that_is_not_a_model_is_named(kind, shipped, make, setting, tmp_path):
    bad = tmp_path / "notes.txt"
    bad.write_text("these are not trees\n")
    with pytest.raises(AssistantError, match="notes.txt is not a LightGBM model"):
        kind.load(bad)


@pytest.mark.parametrize("kind, shipped, make, setting", TREES)
def test_trees_fitted_on_other_features_are_refused(kind, shipped, make, setting, tmp_path):
    import lightgbm

    x = np.random.default_rng(0).random((40, 3))
    booster = lightgbm.train({"objective": "regression", "verbose": -1, "min_data_in_leaf": 2},
                             lightgbm.Dataset(x, x[:, 0], feature_name=["p", "q", "r"]), num_boost_round=2)
    other = tmp_path / "other.txt"
    booster.save_model(str(other))
    with pytest.raises(AssistantError, match="other.txt was fitted on other features"):
        kind.load(other)


@pytest.mark.parametrize("kind, shipped, make, setting", TREES)
def test_trees_without_the_file_naming_their_languages_are_refused(kind, shipped, make, setting, tmp_path):
    model = tmp_path / "trees.txt"
    model.write_text(shipped.read_text())
    with pytest.raises(AssistantError, match="trees.json"):
        kind.load(model)


@pytest.mark.parametrize("kind, shipped, make, setting", TREES)
def test_the_shipped_trees_load_with_the_languages_they_saw(kind, shipped, make, setting):
    assert make(Settings(**{setting: "learned"})).question_languages == {"en", "fr"}
