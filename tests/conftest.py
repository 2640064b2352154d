"""A small real world, built once per test session: the shipped corpus indexed with the real
embedding model into a temporary folder, and the real local LLM loaded once."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from assistant import Assistant, Settings  # first: it sets the offline environment
from assistant.models.embedder import Embedder
from assistant.models.generators import make_generator

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # the benchmarks package (not installed): some tests share its helpers
CORPUS = REPO / "corpus"


@pytest.fixture(scope="session")
def settings(tmp_path_factory) -> Settings:
    # Saved chats go to a temporary folder, never the repo's data/.
    return Settings.load(REPO / "assistant.toml", env={}, data_dir=tmp_path_factory.mktemp("data"))


@pytest.fixture(scope="session")
def embedder(settings) -> Embedder:
    return Embedder(settings)


@pytest.fixture(scope="session")
def generator(settings):
    return make_generator(settings)


@pytest.fixture(scope="session")
def make_assistant(settings, embedder, generator):
    """An Assistant over any corpus/index folders, sharing the session's loaded models."""

    def build(corpus_dir: Path, index_dir: Path, **overrides) -> Assistant:
        custom = settings.model_copy(update=overrides) if overrides else settings
        return Assistant(corpus_dir, index_dir, custom, embedder=embedder, generator=generator)

    return build


@pytest.fixture(scope="session")
def bot(make_assistant, tmp_path_factory) -> Assistant:
    """The shipped corpus, indexed once into a temporary folder."""
    assistant = make_assistant(CORPUS, tmp_path_factory.mktemp("index"))
    report = assistant.sync_index()
    assert not report.failed, report.failed
    return assistant


@pytest.fixture
def small_corpus(tmp_path) -> Path:
    """A copy of three shipped notes, to change freely."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("efus-2018-resolution-drugs-news-en.md", "euda-miniguide-drug-consumption-rooms-en.md",
                 "prague-declaration-2010-druglawreform-en.md"):
        shutil.copy(CORPUS / name, corpus / name)
    return corpus


@pytest.fixture(scope="session")
def api(bot, settings):
    """The shipped corpus's app served once, with an HTTP client for its API."""
    import httpx

    from servers import serve_app

    app = serve_app(bot, settings)
    with httpx.Client(base_url=app.url.rstrip("/"), timeout=300) as client:
        yield client
    app.close()
