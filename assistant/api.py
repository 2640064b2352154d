"""The HTTP API for integrators: a thin shell over `Assistant`, served beside the chat UI.

    POST /api/ask          {"question": "...", "history": [{"role", "content"}]} -> the Answer
    POST /api/ask/stream   the same, as server-sent events: passages, text, answer
    GET  /api/documents    the indexed documents
    POST /api/sync         bring the index up to date -> the sync report
    GET  /api/docs         this API's OpenAPI page

Errors are JSON `{"error": message}`: 400 for bad input, 401 without credentials when auth is
set, 503 while another sync holds the index or before there is one. Never a traceback.
"""

from __future__ import annotations

import base64
import binascii
import itertools
import json
import logging
import secrets
from contextlib import contextmanager
from typing import Iterator, Literal

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import BaseModel, ConfigDict, Field

from assistant.errors import AssistantError, IndexMissingError
from assistant.ingest.sync import SyncBusyError
from assistant.service import Assistant
from assistant.settings import Settings

log = logging.getLogger(__name__)
MAX_QUESTION_CHARS = 2000


class Turn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    role: Literal["user", "assistant"]
    content: str = Field(max_length=20_000)


class AskRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    question: str = Field(min_length=1, max_length=MAX_QUESTION_CHARS)
    history: list[Turn] = Field(default_factory=list, max_length=50)

    def history_dicts(self) -> list[dict]:
        return [turn.model_dump() for turn in self.history]


class ApiError(Exception):
    def __init__(self, status: int, message: str, headers: dict | None = None):
        super().__init__(message)
        self.status, self.message, self.headers = status, message, headers or {}


def build_api(assistant: Assistant, settings: Settings | None = None) -> FastAPI:
    """The API routes; `settings` (default: the assistant's) decide the credentials."""
    settings = settings or assistant.settings
    api = FastAPI(title="policy-assistant API", version="1", docs_url="/api/docs",
                  openapi_url="/api/openapi.json", redoc_url=None,
                  description="Cited answers from the local policy documents.")
    authorised = _auth_dependency(settings)

    @api.exception_handler(ApiError)
    async def api_error(_: Request, error: ApiError) -> JSONResponse:
        return JSONResponse({"error": error.message}, status_code=error.status, headers=error.headers)

    @api.exception_handler(RequestValidationError)
    async def bad_request(_: Request, error: RequestValidationError) -> JSONResponse:
        first = error.errors()[0] if error.errors() else {}
        where = ".".join(str(part) for part in first.get("loc", ()) if part != "body") or "body"
        return JSONResponse({"error": f"{where}: {first.get('msg', 'invalid request')}"}, status_code=400)

    @api.post("/api/ask", dependencies=[Depends(authorised)])
    def ask(request: AskRequest) -> dict:
        """Answer one question (with the conversation so far, if any) with citations."""
        with _user_errors():
            return assistant.ask(request.question, request.history_dicts()).to_dict()

    @api.post("/api/ask/stream", dependencies=[Depends(authorised)])
    def ask_stream(request: AskRequest) -> StreamingResponse:
        """Server-sent events: `passages` (what retrieval found), `text` (pieces of the checked
        answer, only ever added to), then `answer` (the whole Answer), or `error`."""
        events = assistant.ask_stream(request.question, request.history_dicts())
        with _user_errors():  # a bad question or a missing index fails before the first event
            first = next(events)
        return StreamingResponse(_sse(itertools.chain([first], events)), media_type="text/event-stream",
                                 headers={"Cache-Control": "no-cache"})

    @api.get("/api/documents", dependencies=[Depends(authorised)])
    def documents() -> dict:
        """The indexed documents, one entry per file."""
        return {"documents": [
            {"source": source, "title": entry.title, "date": entry.date, "language": entry.language,
             "chunks": len(entry.chunk_ids), "excluded_sentences": entry.excluded_sentences,
             "withheld": entry.withheld, "ocr_pages": entry.ocr_pages}
            for source, entry in sorted(assistant.indexed_documents().items())]}

    @api.post("/api/sync", dependencies=[Depends(authorised)])
    def sync() -> dict:
        """Add, update and remove documents so the index matches the corpus folder."""
        with _user_errors():
            return assistant.sync_index().to_dict()

    return api


@contextmanager
def _user_errors():
    """Turns the assistant's own errors into JSON answers with the right status."""
    try:
        yield
    except AssistantError as error:
        status = 503 if isinstance(error, (SyncBusyError, IndexMissingError)) else 400
        raise ApiError(status, str(error)) from None


def _sse(events) -> Iterator[str]:
    try:
        for event in events:
            if event.kind == "passages":
                yield _event("passages", [p.to_dict() for p in event.passages or []])
            elif event.kind == "text":
                yield _event("text", event.text)
            elif event.kind == "answer":
                yield _event("answer", event.answer.to_dict())
    except AssistantError as error:
        yield _event("error", {"error": str(error)})
    except Exception:  # noqa: BLE001 - the stream has started: report, never a traceback
        log.exception("answer stream failed")
        yield _event("error", {"error": "the answer failed; see the server log"})


def _event(name: str, data) -> str:
    return f"event: {name}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


def _auth_dependency(settings: Settings):
    """HTTP basic with the UI's user name and password, or a bearer token (setting
    api_token); open when neither is set."""
    user, password, token = settings.auth_username, settings.auth_password, settings.api_token
    required = bool(user and password) or bool(token)

    def authorised(request: Request) -> None:
        if not required:
            return
        header = request.headers.get("authorization", "")
        scheme, _, value = header.partition(" ")
        if scheme.lower() == "bearer" and token and secrets.compare_digest(value.strip(), token):
            return
        if scheme.lower() == "basic" and user and password:
            try:
                given_user, _, given_password = base64.b64decode(value.strip()).decode("utf-8").partition(":")
            except (binascii.Error, UnicodeDecodeError):
                given_user, given_password = "", ""
            if secrets.compare_digest(given_user, user) and secrets.compare_digest(given_password, password):
                return
        raise ApiError(401, "credentials required: HTTP basic (the app's user name and password) "
                            "or Authorization: Bearer <api_token>",
                       {"WWW-Authenticate": 'Basic realm="policy-assistant"'})

    return authorised
