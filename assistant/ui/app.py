"""The Gradio chat UI: a thin shell over `Assistant`.

It only turns `Assistant.ask_stream` events into chat messages and citation cards; retrieval,
prompting and citation checking all live in the pipeline. HTML rendering is in `ui.render`.
"""

from __future__ import annotations

import atexit
import shutil
import signal
import sys
import tempfile
import threading
import time
from pathlib import Path

import gradio as gr  # the offline defaults are applied by `assistant/__init__.py`, imported first

from assistant.api import build_api
from assistant.chats import ChatStore, ChatSummary
from assistant.errors import AssistantError
from assistant.export import conversation_json, conversation_markdown, export_name
from assistant.ingest.documents import megabytes
from assistant.ingest.uploads import SUPPORTED_EXTENSIONS, save_upload
from assistant.schema import Answer
from assistant.service import Assistant
from assistant.settings import Settings
from assistant.ui.render import (
    answer_markdown,
    history_for_model,
    plain_markdown,
    render_documents,
    render_failed,
    render_report,
    render_sources,
)

TITLE = "Policy assistant"
SUBTITLE = ("Answers come only from the local drug-policy documents, with a source for every "
            "claim; when the documents don't say, it tells you so.")
EXAMPLES = [
    "Where and when did Efus adopt its resolution on local drug policy?",
    "Which four cities backed the Frankfurt Resolution in the early 1990s?",
    "Qui a traduit en français le guide SOLIDIFY ?",
]
# Progress lines shown under the answer while it grows; the only text ever replaced.
SEARCHING = "_Searching the documents…_"
CHECKING = "_Checking the model's wording…_"
QUEUE_MAX_SIZE = 64  # past this a request gets an immediate "queue is full" instead of waiting
SERVER_MODE_CONCURRENCY = 4
# UI questions and API calls share one queue slot: the local model answers one at a time.
MODEL_QUEUE = "assistant"

CSS = """
.app-header h1 { margin-bottom: 0.1em; }
.app-header p { margin-top: 0; color: var(--body-text-color-subdued); }
.sources h3 { font-size: 1rem; margin: 0.6em 0 0.4em; }
.sources-refused h3 { font-style: italic; }
.cite-card { border: 1px solid var(--border-color-primary); border-radius: 8px;
  padding: 0.7em 0.9em; margin: 0 0 0.7em; background: var(--background-fill-primary);
  scroll-margin-top: 1em; overflow-wrap: anywhere; }
.cite-card:target { border-color: var(--color-accent); box-shadow: 0 0 0 2px var(--color-accent-soft); }
.sources-refused .cite-card { border-style: dashed; }
.cite-card header { font-weight: 600; line-height: 1.35; }
.cite-num { color: var(--color-accent); margin-right: 0.2em; }
.cite-title a { color: inherit; text-decoration: underline; text-underline-offset: 2px; }
.cite-host { font-size: 0.8rem; font-weight: normal; color: var(--body-text-color-subdued); }
.cite-meta { font-size: 0.8rem; color: var(--body-text-color-subdued); margin: 0.2em 0 0.5em; }
.cite-text { margin: 0; padding: 0 0 0 0.8em; border-left: 3px solid var(--border-color-primary);
  font-size: 0.9rem; line-height: 1.5; white-space: pre-line; }
.cite-text mark { background: #fde68a; color: #1f2937; padding: 0 2px; border-radius: 2px; }
.doc-list table { width: 100%; border-collapse: collapse; font-size: 0.9rem; }
.doc-list th, .doc-list td { text-align: left; padding: 0.35em 0.5em; border: 0;
  border-bottom: 1px solid var(--border-color-primary); vertical-align: top; }
.doc-list td:nth-child(2) { white-space: nowrap; }
.doc-list td:nth-child(4) { text-align: right; }
.doc-list code { font-size: 0.75rem; overflow-wrap: anywhere; background: none; }
.doc-flag { display: block; font-size: 0.75rem; color: var(--color-accent); }
.doc-ocr { display: block; font-size: 0.75rem; color: var(--body-text-color-subdued); }
.doc-count { margin: 0.2em 0 0.5em; color: var(--body-text-color-subdued); font-size: 0.9rem; }
.sync-report { font-size: 0.9rem; }
.sync-report ul { margin: 0.3em 0 0.6em; padding-left: 1.2em; }
.sync-report code { background: none; overflow-wrap: anywhere; font-size: 0.85em; }
.sync-report small { color: var(--body-text-color-subdued); }
.doc-scroll { max-height: 70vh; overflow: auto; border: 1px solid var(--border-color-primary);
  border-radius: 6px; }
.doc-list table { margin: 0; border: 0; }
.doc-list thead th { position: sticky; top: 0; background: var(--background-fill-secondary); z-index: 1; }
.report-failed, .report-error { border: 1px solid #dc2626; border-left-width: 4px; border-radius: 6px;
  padding: 0.5em 0.8em; margin: 0 0 0.7em; background: rgba(220, 38, 38, 0.07); }
.report-failed h4 { margin: 0 0 0.2em; color: #b91c1c; font-size: 0.95rem; }
.report-status { display: inline-block; min-width: 5.2em; font-weight: 600; }
.report-added .report-status, .report-updated .report-status { color: #047857; }
.report-removed .report-status { color: #b45309; }
@media (max-width: 640px) {
  .app-header h1 { font-size: 1.4rem; }
  #saved-chats { order: 2; }  /* on a phone the conversation comes first */
  .doc-list td:nth-child(5), .doc-list th:nth-child(5) { display: none; }
  .doc-list table { font-size: 0.8rem; }
  .doc-list th, .doc-list td { padding: 0.3em 0.35em; }
  .doc-scroll { max-height: none; }
}
"""


class ChatSession:
    """The event handlers of one app, bound to its `Assistant` and its saved chats."""

    def __init__(self, assistant: Assistant, chats: ChatStore, export_dir: Path):
        self.assistant = assistant
        self.chats = chats
        self.export_dir = export_dir

    def respond(self, question: str, turns: list[dict], answers: list[dict], chat_id: str | None,
                request: gr.Request, documents: list[str] | None = None, languages: list[str] | None = None,
                publisher: str = "", since: str = "", until: str = ""):
        """Stream one answer, from the documents the "Limit to" pickers allow. Yields (textbox,
        chatbot, turns, sources, answers, chat id, saved chats, Markdown export, JSON export).

        The answer only grows: its quotes appear as soon as they are chosen, then what the
        check of the model's words let through; a progress line below it ("Searching the
        documents…") is the only thing ever replaced. The question box is disabled while an
        answer streams, so a second question is never silently dropped.
        """
        turns, answers = list(turns or []), list(answers or [])
        shown = [_display(turn) for turn in turns]
        user_turn = {"role": "user", "content": question or ""}
        chat = shown + [_display(user_turn), {"role": "assistant", "content": SEARCHING}]
        skip = (gr.skip(),) * 5
        yield gr.update(value="", interactive=False), chat, turns, "", *skip
        grown = ""
        try:
            filters = {"documents": documents or [], "languages": languages or [],
                       "publishers": [publisher] if (publisher or "").strip() else [],
                       "since": since, "until": until}
            for event in self.assistant.ask_stream(question, history_for_model(turns), filters):
                if event.kind == "text" and event.text:
                    grown += event.text
                    content = plain_markdown(grown) + "\n\n" + CHECKING
                    chat = chat[:-1] + [{"role": "assistant", "content": content}]
                    yield gr.skip(), chat, gr.skip(), gr.skip(), *skip
                elif event.kind == "answer":
                    answer = event.answer
                    turns = turns + [user_turn, {"role": "assistant", "content": answer.text}]
                    answers = answers + [answer.to_dict()]
                    chat = chat[:-1] + [{"role": "assistant",
                                         "content": answer_markdown(answer.text, len(answer.citations))}]
                    chat_id = self._save(request, chat_id, question, answer)
                    saved = self._saved(request)
                    yield (gr.update(interactive=True), chat, turns, render_sources(answer), answers, chat_id,
                           _chat_list(saved, chat_id), *self._exports(saved, chat_id, answers))
        except AssistantError as error:
            gr.Warning(str(error))
            # The question is given back so it can be fixed; the failed turn is not kept.
            yield gr.update(value=question, interactive=True), shown, turns, "", *skip

    def open_chat(self, chat_id: str | None, request: gr.Request):
        """Show a saved chat: (chatbot, turns, sources, answers, chat id, Markdown, JSON)."""
        if not chat_id:
            return [], [], "", [], None, None, None
        try:
            saved = self.chats.turns(_owner(request), chat_id)
        except AssistantError as error:
            gr.Warning(str(error))
            return [], [], "", [], None, None, None
        turns = [{"role": t.role, "content": t.content} for t in saved]
        answers = [t.answer.to_dict() for t in saved if t.answer is not None]
        chat = [_display(turn) for turn in turns]
        last = saved[-1].answer if saved and saved[-1].answer else None
        if last is not None:
            chat[-1] = {"role": "assistant", "content": answer_markdown(last.text, len(last.citations))}
        return (chat, turns, render_sources(last), answers, chat_id,
                *self._exports(self._saved(request), chat_id, answers))

    def rename_chat(self, chat_id: str | None, title: str, request: gr.Request):
        if chat_id:
            try:
                self.chats.rename(_owner(request), chat_id, title or "")
            except AssistantError as error:
                gr.Warning(str(error))
        return _chat_list(self._saved(request), chat_id), ""

    def delete_chat(self, chat_id: str | None, request: gr.Request):
        """Forget a saved chat: (saved chats, chatbot, turns, sources, answers, chat id, exports)."""
        if chat_id:
            try:
                self.chats.delete(_owner(request), chat_id)
            except AssistantError as error:
                gr.Warning(str(error))
        return _chat_list(self._saved(request), None), [], [], "", [], None, None, None

    def chat_list(self, request: gr.Request):
        return _chat_list(self._saved(request), None)

    def ask(self, question: str) -> dict:
        """Answer one question without history: the final text, refusal flag and citations."""
        try:
            answer = self.assistant.ask(question)
        except AssistantError as error:
            raise gr.Error(str(error)) from None
        return answer_payload(answer)

    def _save(self, request: gr.Request, chat_id: str | None, question: str, answer: Answer) -> str | None:
        """Keep the exchange; a chat that can't be saved still answers (with a warning)."""
        owner = _owner(request)
        try:
            chat_id = chat_id or self.chats.create(owner, question)
            self.chats.add_exchange(owner, chat_id, question, answer)
        except AssistantError as error:
            gr.Warning(f"this answer was not saved: {error}")
        return chat_id

    def _saved(self, request: gr.Request) -> list[ChatSummary]:
        """The user's saved chats; when they can't be read, a warning and none."""
        try:
            return self.chats.chats(_owner(request))
        except AssistantError as error:
            gr.Warning(str(error))
            return []

    def _exports(self, saved: list[ChatSummary], chat_id: str | None, answers: list[dict]) -> tuple:
        """The chat as Markdown and JSON files for the two download buttons."""
        if not answers:
            return None, None
        title = next((c.title for c in saved if c.chat_id == chat_id), "") or answers[0]["question"]
        kept = [Answer.from_dict(a) for a in answers]
        folder = self.export_dir / (chat_id or "unsaved")
        folder.mkdir(parents=True, exist_ok=True)
        name = export_name(title)
        markdown, data = folder / f"{name}.md", folder / f"{name}.json"
        markdown.write_text(conversation_markdown(title, kept), encoding="utf-8")
        data.write_text(conversation_json(title, kept), encoding="utf-8")
        return str(markdown), str(data)


def _chat_list(saved: list[ChatSummary], selected: str | None):
    """The Saved chats dropdown: the chats' titles, `selected` chosen."""
    return gr.update(choices=[(c.title, c.chat_id) for c in saved], value=selected)


def _owner(request: gr.Request | None) -> str:
    """Whose chats these are: the logged-in user, or "" when the app has no login."""
    return (getattr(request, "username", None) or "") if request is not None else ""


class DocumentsSession:
    """The Documents tab: upload into the corpus folder, sync with progress, list what is indexed."""

    def __init__(self, assistant: Assistant):
        self.assistant = assistant

    def table(self, query: str = "") -> str:
        return render_documents(self.assistant.indexed_documents(), query or "")

    def failed(self) -> str:
        return render_failed(self.assistant.failed_files())

    def file_choices(self):
        """The "Manage a file" picker: failed files first (marked), then the indexed documents."""
        failed = [(f"⚠ {source} (could not be used)", source) for source in sorted(self.assistant.failed_files())]
        indexed = sorted(((f"{e.title} — {source}", source) for source, e in self.assistant.indexed_documents().items()),
                         key=lambda choice: choice[0].lower())
        return gr.update(choices=failed + indexed, value=None)

    def retry(self, source: str | None, query: str, progress=gr.Progress()):
        """Try a failed file again (all of them when none is chosen), e.g. after installing Tesseract."""
        return self._sync(query, progress, [], retry=[source] if source else True)

    def delete(self, source: str | None, query: str, progress=gr.Progress()):
        """Delete the chosen file from the corpus folder and its chunks from the index."""
        if not source:  # nothing chosen, or the confirmation was cancelled
            return gr.skip(), gr.skip()
        try:
            report = self.assistant.delete_document(source, progress=self._progress(progress))
        except AssistantError as error:
            return render_report(None, [], error=str(error)), self.table(query)
        return render_report(report, []), self.table(query)

    def scope_choices(self):
        """The chat's "Limit to" pickers: the indexed documents (by title) and languages."""
        entries = [e for e in self.assistant.indexed_documents().values() if e.chunk_ids]
        documents = sorted({(f"{e.title} ({e.date})" if e.date else e.title, e.doc_id) for e in entries})
        languages = sorted({e.language for e in entries if e.language})
        return gr.update(choices=documents), gr.update(choices=languages)

    def upload(self, files: list[str] | None, query: str, progress=gr.Progress()):
        """Save the uploaded files (Gradio's temporary copies) into the corpus, then sync."""
        settings = self.assistant.settings
        max_bytes = int(settings.max_file_mb * 1_000_000)
        uploads = []
        for path in files or []:
            uploads.append(save_upload(path, Path(path).name, settings.corpus_dir, max_bytes))
            # Gradio serves its upload folder to whoever knows the name: don't leave a copy there.
            Path(path).unlink(missing_ok=True)
        if not any(u.status == "saved" for u in uploads):
            return None, render_report(None, uploads), self.table(query)
        return (None, *self._sync(query, progress, uploads))

    def sync(self, query: str, progress=gr.Progress()):
        """Index files dropped into the corpus folder by hand (or changed, or deleted)."""
        return self._sync(query, progress, [])

    def _sync(self, query: str, progress, uploads, retry: list[str] | bool = ()) -> tuple[str, str]:
        try:
            report = self.assistant.sync_index(progress=self._progress(progress), retry=retry)
        except AssistantError as error:
            return render_report(None, uploads, error=str(error)), self.table(query)
        return render_report(report, uploads), self.table(query)

    @staticmethod
    def _progress(progress):
        def report_progress(done: int, total: int, source: str) -> None:
            progress((done, total), desc=f"Indexing {source}" if source else "Saving the index",
                     unit="files")

        progress(0, desc="Scanning the corpus folder")
        return report_progress


def answer_payload(answer: Answer) -> dict:
    """The JSON-able result of the `/ask` endpoint."""
    fields = ("title", "source", "url", "date", "publisher", "language", "page", "highlight", "text")
    return {
        "text": answer.text,
        "refused": answer.refused,
        "citations": [{name: getattr(c, name) for name in fields} for c in answer.citations],
    }


def _temporary_export_dir() -> Path:
    """A folder for export downloads, removed when the process exits (one per app build)."""
    folder = Path(tempfile.mkdtemp(prefix="assistant-exports-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


def build_app(assistant: Assistant, export_dir: Path | None = None) -> gr.Blocks:
    chats = ChatStore(assistant.settings.chats_file())
    session = ChatSession(assistant, chats, export_dir or _temporary_export_dir())
    docs = DocumentsSession(assistant)
    with gr.Blocks(title=TITLE, analytics_enabled=False) as demo:
        gr.Markdown(f"# {TITLE}\n{SUBTITLE}", elem_classes="app-header")
        with gr.Tab("Chat", id="chat"):
            with gr.Row():
                with gr.Column(scale=1, min_width=220, elem_id="saved-chats"):
                    saved = gr.Dropdown(label="Saved chats", choices=[], value=None, interactive=True,
                                        elem_id="chat-list")
                    new_title = gr.Textbox(show_label=False, placeholder="New name for this chat", max_lines=1,
                                           elem_id="chat-title")
                    with gr.Row():
                        rename = gr.Button("Rename", size="sm", elem_id="rename-chat")
                        delete = gr.Button("Delete", size="sm", elem_id="delete-chat")
                    export_md = gr.DownloadButton("Export Markdown", size="sm", value=None, elem_id="export-md")
                    export_json = gr.DownloadButton("Export JSON", size="sm", value=None, elem_id="export-json")
                with gr.Column(scale=4):
                    chatbot = gr.Chatbot(
                        label="Conversation", height="min(62vh, 560px)", min_height=260,
                        buttons=["copy"], feedback_options=None, latex_delimiters=[],
                        placeholder="Ask a question about the documents, in English or French.",
                        elem_id="conversation",
                    )
                    with gr.Row(equal_height=True):
                        question = gr.Textbox(show_label=False, placeholder="Ask a question (Enter sends)",
                                              lines=1, max_lines=4, scale=6, min_width=300, autofocus=True,
                                              elem_id="question")
                        send = gr.Button("Send", variant="primary", scale=1, min_width=80, elem_id="send")
                        new_chat = gr.Button("New chat", variant="secondary", scale=1, min_width=80,
                                             elem_id="new-chat")
                    with gr.Accordion("Limit to", open=False, elem_id="scope"):
                        with gr.Row():
                            scope_docs = gr.Dropdown(label="Documents", multiselect=True, choices=[],
                                                     scale=3, elem_id="scope-documents")
                            scope_langs = gr.Dropdown(label="Languages", multiselect=True, choices=[],
                                                      scale=1, min_width=140, elem_id="scope-languages")
                        with gr.Row():
                            scope_publisher = gr.Textbox(label="Publisher", placeholder="e.g. Efus", max_lines=1,
                                                         elem_id="scope-publisher")
                            scope_since = gr.Textbox(label="From", placeholder="YYYY", max_lines=1,
                                                     min_width=100, elem_id="scope-since")
                            scope_until = gr.Textbox(label="Until", placeholder="YYYY", max_lines=1,
                                                     min_width=100, elem_id="scope-until")
                    sources = gr.HTML(js_on_load=None, elem_id="sources")
                    examples = gr.Examples([[q] for q in EXAMPLES], inputs=question, label="Examples")
        with gr.Tab("Documents", id="documents"):
            limit = megabytes(int(assistant.settings.max_file_mb * 1_000_000))
            gr.Markdown(f"Add documents ({', '.join(e.lstrip('.') for e in SUPPORTED_EXTENSIONS)}; "
                        f"up to {limit} each). They are copied into the corpus folder and indexed "
                        "straight away. Files put into the folder by hand are picked up by "
                        "**Sync now**.")
            uploader = gr.File(label="Upload documents", file_count="multiple",
                               file_types=list(SUPPORTED_EXTENSIONS), type="filepath",
                               height=140, elem_id="uploader")
            sync_now = gr.Button("Sync now", variant="secondary", elem_id="sync-now")
            report = gr.HTML(js_on_load=None, elem_id="sync-report")
            search = gr.Textbox(label="Search documents", placeholder="Filter by title, file, date or language",
                                elem_id="doc-search", max_lines=1)
            failed = gr.HTML(docs.failed(), js_on_load=None, elem_id="doc-failed")
            table = gr.HTML(docs.table(), js_on_load=None, elem_id="doc-table")
            with gr.Row(equal_height=True):
                managed = gr.Dropdown(label="Manage a file", choices=[], value=None, scale=4,
                                      elem_id="manage-file")
                retry = gr.Button("Retry", size="sm", scale=1, min_width=80, elem_id="retry-file")
                delete_file = gr.Button("Delete file", size="sm", variant="stop", scale=1, min_width=80,
                                        elem_id="delete-file")
        turns, answers, chat_id = gr.State([]), gr.State([]), gr.State(None)

        inputs = [question, turns, answers, chat_id, scope_docs, scope_langs, scope_publisher, scope_since,
                  scope_until]
        outputs = [question, chatbot, turns, sources, answers, chat_id, saved, export_md, export_json]
        shown = [chatbot, turns, sources, answers, chat_id, export_md, export_json]
        private = {"api_visibility": "private", "concurrency_id": MODEL_QUEUE}
        quick = {"api_visibility": "private", "queue": False}
        send.click(session.respond, inputs, outputs, **private)
        question.submit(session.respond, inputs, outputs, **private)
        examples.load_input_event.then(session.respond, inputs, outputs, **private)
        new_chat.click(lambda: ("", [], [], "", [], None, gr.update(value=None), None, None), None, outputs, **quick)
        # The chatbot's own bin icon clears only the display; start a new chat too.
        chatbot.clear(lambda: ([], "", [], None, None, None), None, [turns, sources, answers, chat_id, export_md,
                                                                  export_json], **quick)
        saved.input(session.open_chat, [saved], shown, **quick)
        rename.click(session.rename_chat, [chat_id, new_title], [saved, new_title], **quick)
        delete.click(session.delete_chat, [chat_id], [saved, *shown], **quick)
        demo.load(session.chat_list, None, [saved], **quick)
        gr.api(session.ask, api_name="ask", concurrency_id=MODEL_QUEUE)

        # A sync shares the model queue: it embeds with the same model the questions use.
        scope_pickers = [scope_docs, scope_langs]

        def refresh_documents(event):
            """After any change to the corpus: the failed files, the pickers, the chat's scope."""
            event.then(docs.failed, None, [failed], **quick).then(
                docs.file_choices, None, [managed], **quick).then(docs.scope_choices, None, scope_pickers, **quick)

        refresh_documents(uploader.upload(docs.upload, [uploader, search], [uploader, report, table],
                                          show_progress="full", **private))
        refresh_documents(sync_now.click(docs.sync, [search], [report, table], show_progress="full", **private))
        refresh_documents(retry.click(docs.retry, [managed, search], [report, table], show_progress="full",
                                      **private))
        # The browser asks first; a cancelled confirmation sends no file, and nothing happens.
        refresh_documents(delete_file.click(
            docs.delete, [managed, search], [report, table], show_progress="full",
            js="(source, query) => [source && confirm('Delete ' + source + ' from the corpus folder and the index?')"
               " ? source : null, query]", **private))
        search.change(docs.table, [search], [table], show_progress="hidden", **quick)
        # Another session may have synced since this page was built.
        demo.load(docs.table, [search], [table], show_progress="hidden", **quick)
        demo.load(docs.scope_choices, None, scope_pickers, show_progress="hidden", **quick)
        demo.load(docs.file_choices, None, [managed], show_progress="hidden", **quick)
        demo.load(docs.failed, None, [failed], show_progress="hidden", **quick)
    return demo


class RunningApp:
    """The app served by uvicorn in a background thread (`launch_app(prevent_thread_lock=True)`)."""

    def __init__(self, server, thread: threading.Thread, url: str):
        self.server, self.thread, self.url = server, thread, url

    def close(self) -> None:
        self.server.should_exit = True
        self.server.force_exit = True  # don't wait for browsers' open event streams
        self.thread.join(timeout=15)


def launch_app(assistant: Assistant, settings: Settings | None = None,
               prevent_thread_lock: bool = False) -> RunningApp | None:
    """Serve the UI and the HTTP API (`assistant/api.py`) on one port. The local model answers
    one question at a time, so the UI's queue does too; a model server batches requests
    itself, so several may be in flight."""
    import uvicorn

    settings = settings or assistant.settings
    demo = build_app(assistant)
    in_flight = SERVER_MODE_CONCURRENCY if settings.llm_server_url else 1
    demo.queue(default_concurrency_limit=in_flight, max_size=QUEUE_MAX_SIZE)
    auth = ((settings.auth_username, settings.auth_password)
            if settings.auth_username and settings.auth_password else None)
    app = gr.mount_gradio_app(
        build_api(assistant, settings), demo, path="/", auth=auth, server_name=settings.host,
        server_port=settings.port, show_error=False, footer_links=["api", "settings"],
        theme=gr.themes.Default(primary_hue="teal"), css=CSS, enable_monitoring=False, ssr_mode=False,
        pwa=False, mcp_server=False,
        # Gradio refuses bigger uploads before they reach the disk; `uploads` checks again.
        max_file_size=int(settings.max_file_mb * 1_000_000),
        # No allowed_paths: Gradio then serves only its own upload/cache folders and static
        # assets. The corpus, index and saved chats are blocked in case that default widens.
        blocked_paths=sorted({str(path) for s in (settings, assistant.settings)
                              for path in (s.corpus_dir, s.index_dir, s.data_dir)}),
    )
    server = uvicorn.Server(uvicorn.Config(app, host=settings.host, port=settings.port, log_level="warning",
                                           timeout_graceful_shutdown=5))
    url = f"http://{settings.host}:{settings.port}/"
    if not prevent_thread_lock:
        print(f"Serving the app and its API on {url} (API docs: {url}api/docs)", flush=True)
        _exit_cleanly_on_sigterm()
        server.run()
        return None
    thread = threading.Thread(target=server.run, name="app-server", daemon=True)
    thread.start()
    for _ in range(300):  # up to 30 s for the socket
        if server.started or not thread.is_alive():
            break
        time.sleep(0.1)
    if not server.started:
        raise AssistantError(f"the app could not listen on {settings.host}:{settings.port} (settings host, port)")
    return RunningApp(server, thread, url)


def _exit_cleanly_on_sigterm() -> None:
    """After its graceful shutdown uvicorn raises SIGTERM again to the handler it found; left at
    the default, that kills the process before `atexit` removes the export folder."""
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))


def _display(turn: dict) -> dict:
    """A plain-text turn as the chatbot shows it (old answers keep their markers, unlinked)."""
    return {"role": turn["role"], "content": plain_markdown(turn["content"])}
