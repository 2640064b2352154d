"""The Gradio chat UI: a thin shell over `Assistant`.

It only turns `Assistant.ask_stream` events into chat messages and citation cards; retrieval,
prompting and citation checking all live in the pipeline. HTML rendering is in `ui.render`.
"""

from __future__ import annotations

from pathlib import Path

import gradio as gr  # the offline defaults are applied by `assistant/__init__.py`, imported first

from assistant.errors import AssistantError
from assistant.ingest.uploads import SUPPORTED_EXTENSIONS, save_upload
from assistant.schema import Answer
from assistant.service import Assistant
from assistant.settings import Settings
from assistant.ui.render import (
    answer_markdown,
    history_for_model,
    plain_markdown,
    render_documents,
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
SEARCHING = "_Searching the documents…_"
WRITING = " ▍"  # a cursor after the streamed tokens, dropped when the checked answer arrives
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
  .doc-list td:nth-child(5), .doc-list th:nth-child(5) { display: none; }
  .doc-list table { font-size: 0.8rem; }
  .doc-list th, .doc-list td { padding: 0.3em 0.35em; }
  .doc-scroll { max-height: none; }
}
"""


class ChatSession:
    """The event handlers of one app, bound to its `Assistant`."""

    def __init__(self, assistant: Assistant):
        self.assistant = assistant

    def respond(self, question: str, turns: list[dict]):
        """Stream one answer. Yields (textbox, chatbot, turns, sources) updates.

        `turns` is the conversation as plain text (what the model sees); the chatbot shows the
        same turns rendered as Markdown, with the latest answer's markers linked to its cards.
        """
        turns = list(turns or [])
        shown = [_display(turn) for turn in turns]
        user_turn = {"role": "user", "content": question or ""}
        chat = shown + [_display(user_turn), {"role": "assistant", "content": SEARCHING}]
        yield "", chat, turns, ""
        streamed = ""
        try:
            for event in self.assistant.ask_stream(question, history_for_model(turns)):
                if event.kind == "token":
                    streamed += event.text
                    chat = chat[:-1] + [{"role": "assistant", "content": plain_markdown(streamed) + WRITING}]
                    yield gr.skip(), chat, gr.skip(), gr.skip()
                elif event.kind == "answer":
                    answer = event.answer
                    turns = turns + [user_turn, {"role": "assistant", "content": answer.text}]
                    chat = chat[:-1] + [{"role": "assistant",
                                         "content": answer_markdown(answer.text, len(answer.citations))}]
                    yield gr.skip(), chat, turns, render_sources(answer)
        except AssistantError as error:
            gr.Warning(str(error))
            # The question is given back so it can be fixed; the failed turn is not kept.
            yield question, shown, turns, ""

    def ask(self, question: str) -> dict:
        """Answer one question without history: the final text, refusal flag and citations."""
        try:
            answer = self.assistant.ask(question)
        except AssistantError as error:
            raise gr.Error(str(error)) from None
        return answer_payload(answer)


class DocumentsSession:
    """The Documents tab: upload into the corpus folder, sync with progress, list what is indexed."""

    def __init__(self, assistant: Assistant):
        self.assistant = assistant

    def table(self, query: str = "") -> str:
        return render_documents(self.assistant.indexed_documents(), query or "")

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

    def _sync(self, query: str, progress, uploads) -> tuple[str, str]:
        def report_progress(done: int, total: int, source: str) -> None:
            progress((done, total), desc=f"Indexing {source}" if source else "Saving the index",
                     unit="files")

        progress(0, desc="Scanning the corpus folder")
        try:
            report = self.assistant.sync_index(progress=report_progress)
        except AssistantError as error:
            return render_report(None, uploads, error=str(error)), self.table(query)
        return render_report(report, uploads), self.table(query)


def answer_payload(answer: Answer) -> dict:
    """The JSON-able result of the `/ask` endpoint."""
    fields = ("title", "source", "url", "date", "publisher", "language", "page", "highlight", "text")
    return {
        "text": answer.text,
        "refused": answer.refused,
        "citations": [{name: getattr(c, name) for name in fields} for c in answer.citations],
    }


def build_app(assistant: Assistant) -> gr.Blocks:
    session = ChatSession(assistant)
    docs = DocumentsSession(assistant)
    with gr.Blocks(title=TITLE, analytics_enabled=False) as demo:
        gr.Markdown(f"# {TITLE}\n{SUBTITLE}", elem_classes="app-header")
        with gr.Tab("Chat", id="chat"):
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
            sources = gr.HTML(js_on_load=None, elem_id="sources")
            examples = gr.Examples([[q] for q in EXAMPLES], inputs=question, label="Examples")
        with gr.Tab("Documents", id="documents"):
            limit = f"{assistant.settings.max_file_mb:g} MB"
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
            table = gr.HTML(docs.table(), js_on_load=None, elem_id="doc-table")
        turns = gr.State([])

        inputs, outputs = [question, turns], [question, chatbot, turns, sources]
        private = {"api_visibility": "private", "concurrency_id": MODEL_QUEUE}
        send.click(session.respond, inputs, outputs, **private)
        question.submit(session.respond, inputs, outputs, **private)
        examples.load_input_event.then(session.respond, inputs, outputs, **private)
        new_chat.click(lambda: ("", [], [], ""), None, outputs, api_visibility="private",
                       queue=False)
        # The chatbot's own bin icon clears only the display; forget the conversation too.
        chatbot.clear(lambda: ([], ""), None, [turns, sources], api_visibility="private", queue=False)
        gr.api(session.ask, api_name="ask", concurrency_id=MODEL_QUEUE)

        # A sync shares the model queue: it embeds with the same model the questions use.
        uploader.upload(docs.upload, [uploader, search], [uploader, report, table],
                        show_progress="full", **private)
        sync_now.click(docs.sync, [search], [report, table], show_progress="full", **private)
        search.change(docs.table, [search], [table], api_visibility="private", queue=False,
                      show_progress="hidden")
        # Another session may have synced since this page was built.
        demo.load(docs.table, [search], [table], api_visibility="private", queue=False,
                  show_progress="hidden")
    return demo


def launch_app(assistant: Assistant, settings: Settings | None = None,
               prevent_thread_lock: bool = False) -> gr.Blocks:
    """Serve the UI. The local model answers one question at a time, so the queue does too;
    a model server batches requests itself, so several may be in flight."""
    settings = settings or assistant.settings
    demo = build_app(assistant)
    in_flight = SERVER_MODE_CONCURRENCY if settings.llm_server_url else 1
    demo.queue(default_concurrency_limit=in_flight, max_size=QUEUE_MAX_SIZE)
    auth = ((settings.auth_username, settings.auth_password)
            if settings.auth_username and settings.auth_password else None)
    demo.launch(
        server_name=settings.host, server_port=settings.port, auth=auth,
        show_error=False, prevent_thread_lock=prevent_thread_lock, quiet=prevent_thread_lock,
        footer_links=["api", "settings"], theme=gr.themes.Default(primary_hue="teal"), css=CSS,
        share=False, enable_monitoring=False, ssr_mode=False, pwa=False, mcp_server=False,
        # Gradio refuses bigger uploads before they reach the disk; `uploads` checks again.
        max_file_size=int(settings.max_file_mb * 1_000_000),
        # No allowed_paths: Gradio then serves only its own upload/cache folders and static
        # assets. The corpus and index are blocked explicitly in case that default ever widens.
        blocked_paths=sorted({str(path) for s in (settings, assistant.settings)
                              for path in (s.corpus_dir, s.index_dir)}),
    )
    return demo


def _display(turn: dict) -> dict:
    """A plain-text turn as the chatbot shows it (old answers keep their markers, unlinked)."""
    return {"role": turn["role"], "content": plain_markdown(turn["content"])}
