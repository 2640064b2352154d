"""Model-server mode against a real server on loopback: llama-cpp-python's own OpenAI-compatible
server (`python -m llama_cpp.server`) serving the same SmolLM2 file the embedded mode loads.

Its extra dependencies (uvicorn, fastapi, sse-starlette, starlette-context, pydantic-settings)
are pinned in the `test` extra of pyproject.toml.
"""

from __future__ import annotations

import subprocess
import sys
import time

import httpx
import pytest

from assistant import Assistant
from assistant.errors import ModelError
from assistant.models.generators import OpenAICompatibleGenerator, default_gguf_path
from servers import free_port, stop_process

START_TIMEOUT = 60.0
FRANKFURT = "Which four cities backed the Frankfurt Resolution in the early 1990s?"



@pytest.fixture(scope="module")
def model_server(settings, tmp_path_factory):
    """The URL of a llama.cpp server on a free loopback port, stopped after this module."""
    port = free_port()
    log_path = tmp_path_factory.mktemp("model-server") / "server.log"
    command = [sys.executable, "-m", "llama_cpp.server", "--model", str(default_gguf_path()),
               "--host", "127.0.0.1", "--port", str(port), "--n_ctx", str(settings.llm_context_tokens),
               "--n_threads", str(settings.inference_threads)]
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if process.poll() is not None:
                pytest.fail(f"llama_cpp.server exited with {process.returncode}:\n"
                            f"{log_path.read_text(errors='replace')[-2000:]}")
            try:
                if httpx.get(f"{url}/models", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"llama_cpp.server did not answer within {START_TIMEOUT:.0f} s:\n"
                            f"{log_path.read_text(errors='replace')[-2000:]}")
            time.sleep(0.3)
        yield url
    finally:
        stop_process(process)


def test_the_server_generator_streams_text_pieces(settings, model_server):
    generator = OpenAICompatibleGenerator(settings.model_copy(update={"llm_server_url": model_server}))
    messages = [{"role": "system", "content": "You answer in one short sentence."},
                {"role": "user", "content": "What is the capital of France?"}]
    pieces = list(generator.stream(messages, max_tokens=24))
    assert len(pieces) > 1, pieces  # streamed, not one block
    assert all(isinstance(piece, str) and piece for piece in pieces)
    assert "".join(pieces).strip()
    assert model_server in generator.name


def test_the_url_may_omit_v1(settings, model_server):
    """`llm_server_url = "http://host:port"` works too: `/v1` is added."""
    bare = model_server.removesuffix("/v1")
    generator = OpenAICompatibleGenerator(settings.model_copy(update={"llm_server_url": bare + "/"}))
    assert "".join(generator.stream([{"role": "user", "content": "Say hello."}], max_tokens=8)).strip()


def test_an_assistant_answers_through_the_model_server(settings, embedder, bot, model_server):
    server_bot = Assistant(bot.settings.corpus_dir, bot.settings.index_dir,
                           settings.model_copy(update={"llm_server_url": model_server}),
                           embedder=embedder)
    assert isinstance(server_bot.generator, OpenAICompatibleGenerator)

    events = list(server_bot.ask_stream(FRANKFURT))
    kinds = [event.kind for event in events]
    assert kinds[0] == "passages" and kinds[-1] == "answer"
    tokens = [event.text for event in events if event.kind == "token"]
    assert tokens, kinds
    answer = events[-1].answer
    assert answer.generated == "".join(tokens)
    assert not answer.refused
    assert answer.citations
    assert "prague-declaration-2010-druglawreform-en" in {c.doc_id for c in answer.citations}
    assert "Hamburg" in answer.text and "Amsterdam" in answer.text
    assert "[1]" in answer.text


def test_a_server_that_is_down_is_a_model_error_naming_the_url(settings):
    url = f"http://127.0.0.1:{free_port()}/v1"  # nothing listens there any more
    generator = OpenAICompatibleGenerator(
        settings.model_copy(update={"llm_server_url": url, "llm_timeout_seconds": 5.0}))
    with pytest.raises(ModelError) as caught:
        list(generator.stream([{"role": "user", "content": "hello"}], max_tokens=8))
    message = str(caught.value)
    assert url in message and "llm_server_url" in message
    assert caught.value.__cause__ is None and caught.value.__suppress_context__  # no httpx traceback


def test_a_server_that_is_down_gives_the_ui_a_one_line_error(settings, embedder, bot):
    """Through the whole pipeline: `ask` raises the ModelError, which the UI and CLI print."""
    url = f"http://127.0.0.1:{free_port()}/v1"
    down = Assistant(bot.settings.corpus_dir, bot.settings.index_dir,
                     settings.model_copy(update={"llm_server_url": url, "llm_timeout_seconds": 5.0}),
                     embedder=embedder)
    with pytest.raises(ModelError, match="cannot reach model server"):
        down.ask(FRANKFURT)
