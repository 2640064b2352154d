from pathlib import Path

import pytest

from assistant import Settings
from assistant.errors import SettingsError


def test_environment_overrides_the_file_and_gradio_variables_are_honoured(tmp_path):
    config = tmp_path / "assistant.toml"
    config.write_text('top_k = 4\nindex_dir = "idx"\n')
    settings = Settings.load(config, env={"ASSISTANT_TOP_K": "7", "GRADIO_SERVER_PORT": "9999"})
    assert settings.top_k == 7 and settings.port == 9999
    assert settings.index_dir == (tmp_path / "idx").resolve()


def test_an_invalid_value_names_the_setting(tmp_path):
    with pytest.raises(SettingsError, match="chunk_size"):
        Settings.load(env={"ASSISTANT_CHUNK_SIZE": "-5"})


def test_an_unknown_key_in_the_file_is_reported(tmp_path):
    config = tmp_path / "assistant.toml"
    config.write_text("topk = 4\n")
    with pytest.raises(SettingsError, match="topk"):
        Settings.load(config, env={})


def test_defaults_bind_to_loopback():
    assert Settings.load(Path(__file__).resolve().parents[2] / "assistant.toml", env={}).host == "127.0.0.1"
