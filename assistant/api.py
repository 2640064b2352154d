"""The HTTP API for integrators: a thin shell over `Assistant`, served beside the chat UI.

    POST /api/ask          {"question": "...", "history": [{"role", "content"}],
                            "filters": {"documents", "languages", "publishers", "since", "until"}}
                           -> the Answer
    POST /api/ask/stream   the same, as server-sent events: passages, text, answer
    GET  /api/documents    the indexed documents and the files that could not be used
    DELETE /api/documents/<source>   delete a file from the corpus and the index -> the report
    POST /api/sync         bring the index up to date (?retry_failed=true) -> the sync report
    GET  /api/docs         this API's OpenAPI page
    GET  /sources/file/<source>, /sources/view/<source>?start=&end=
                           a cited document, for the citation cards (`assistant/sources.py`)

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
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, StreamingResponse
from pydantic import BaseModel, ConfigDict, Field

from assistant.answer.filters import Filters
from assistant.errors import AssistantError, IndexMissingError
from assistant.ingest.sync import SyncBusyError
from assistant.service import Assistant
from assistant.sources import FILE_ROUTE, VIEW_POLICY, VIEW_ROUTE, SourceNotFound, find_source, render_view
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
    filters: Filters = Field(default_factory=Filters, description="limit the answer to these documents")

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
        message = first.get("msg", "invalid request").removeprefix("Value error, ")
        return JSONResponse({"error": f"{where}: {message}"}, status_code=400)

    @api.post("/api/ask", dependencies=[Depends(authorised)])
    def ask(request: AskRequest) -> dict:
        """Answer one question (with the conversation so far, if any) with citations."""
        with _user_errors():
            return assistant.ask(request.question, request.history_dicts(), request.filters).to_dict()

    @api.post("/api/ask/stream", dependencies=[Depends(authorised)])
    def ask_stream(request: AskRequest) -> StreamingResponse:
        """Server-sent events: `passages` (what retrieval found), `text` (pieces of the checked
        answer, only ever added to), then `answer` (the whole Answer), or `error`."""
        events = assistant.ask_stream(request.question, request.history_dicts(), request.filters)
        with _user_errors():  # a bad question or a missing index fails before the first event
            first = next(events)
        return StreamingResponse(_sse(itertools.chain([first], events)), media_type="text/event-stream",
                                 headers={"Cache-Control": "no-cache"})

    @api.get("/api/documents", dependencies=[Depends(authorised)])
    def documents() -> dict:
        """The indexed documents, one entry per file, and the files that could not be used."""
        return {"documents": [
            {"source": source, "title": entry.title, "date": entry.date, "language": entry.language,
             "chunks": len(entry.chunk_ids), "excluded_sentences": entry.excluded_sentences,
             "withheld": entry.withheld, "ocr_pages": entry.ocr_pages}
            for source, entry in sorted(assistant.indexed_documents().items())],
            "failed": [{"source": source, "reason": entry.reason}
                       for source, entry in sorted(assistant.failed_files().items())]}

    @api.delete("/api/documents/{source:path}", dependencies=[Depends(authorised)])
    def delete_document(source: str) -> dict:
        """Delete a document's file (indexed or failed) from the corpus folder and its chunks
        from the index -> the sync report."""
        with _user_errors():
            return assistant.delete_document(source).to_dict()

    @api.post("/api/sync", dependencies=[Depends(authorised)])
    def sync(retry_failed: bool = False) -> dict:
        """Add, update and remove documents so the index matches the corpus folder; with
        `retry_failed`, also try again the files that failed before and have not changed."""
        with _user_errors():
            return assistant.sync_index(retry=retry_failed).to_dict()

    @api.get("/" + FILE_ROUTE + "{source:path}", dependencies=[Depends(authorised)], include_in_schema=False)
    def source_file(source: str) -> FileResponse:
        """An indexed document's original file: PDFs and text shown, other formats downloaded."""
        file = _source(assistant, source)
        return FileResponse(file.path, media_type=file.media_type, filename=file.path.name,
                            content_disposition_type="inline" if file.inline else "attachment",
                            headers={"X-Content-Type-Options": "nosniff"})

    @api.get("/" + VIEW_ROUTE + "{source:path}", dependencies=[Depends(authorised)], include_in_schema=False)
    def source_view(source: str, start: int = 0, end: int = 0) -> HTMLResponse:
        """The document's text with the cited passage marked."""
        file = _source(assistant, source)
        with _user_errors():
            page = render_view(file, start, end, int(assistant.settings.max_file_mb * 1_000_000))
        return HTMLResponse(page, headers={"Content-Security-Policy": VIEW_POLICY,
                                           "X-Content-Type-Options": "nosniff", "Cache-Control": "no-store"})

    return api


def _source(assistant: Assistant, source: str):
    with _user_errors():
        return find_source(assistant.settings.corpus_dir, assistant.indexed_documents(), source)


@contextmanager
def _user_errors():
    """Turns the assistant's own errors into JSON answers with the right status."""
    try:
        yield
    except AssistantError as error:
        status = (503 if isinstance(error, (SyncBusyError, IndexMissingError))
                  else 404 if isinstance(error, SourceNotFound) else 400)
        raise ApiError(status, str(error)) from None


def _logged_in_to_the_ui(request: Request) -> bool:
    """Whether the request carries the chat UI's login cookie, so that a citation card's link
    opens its source without a second login. Gradio keeps its sessions in `tokens` on the app
    it mounts, under a cookie named after its `cookie_id` (Gradio 6; checked by the tests)."""
    for route in request.app.routes:
        ui = getattr(route, "app", None)
        if hasattr(ui, "tokens") and hasattr(ui, "cookie_id"):
            token = (request.cookies.get(f"access-token-{ui.cookie_id}")
                     or request.cookies.get(f"access-token-unsecure-{ui.cookie_id}"))
            return bool(token) and token in ui.tokens
    return False


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
        if not required or _logged_in_to_the_ui(request):
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
