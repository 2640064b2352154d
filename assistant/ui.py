"""The Gradio chat UI: a thin shell over `Assistant`.

It only turns `Assistant.ask_stream` events into chat messages and citation cards; retrieval,
prompting and citation checking all live in the pipeline. HTML rendering is in `ui_render`.
"""

from __future__ import annotations

import os

# Must be set before Gradio is imported: it reads the variable at import time.
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

import gradio as gr  # noqa: E402

from assistant.core import Assistant  # noqa: E402
from assistant.errors import AssistantError  # noqa: E402
from assistant.schema import Answer  # noqa: E402
from assistant.settings import Settings  # noqa: E402
from assistant.ui_render import (  # noqa: E402
    answer_markdown,
    history_for_model,
    plain_markdown,
    render_documents,
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
QUEUE_MAX_SIZE = 64
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
.doc-list code { font-size: 0.75rem; overflow-wrap: anywhere; background: none; }
@media (max-width: 640px) {
  .app-header h1 { font-size: 1.4rem; }
  .doc-list td:nth-child(4), .doc-list th:nth-child(4) { display: none; }
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
    documents = assistant.indexed_documents()
    with gr.Blocks(title=TITLE, analytics_enabled=False) as demo:
        gr.Markdown(f"# {TITLE}\n{SUBTITLE}", elem_classes="app-header")
        with gr.Tab("Chat"):
            chatbot = gr.Chatbot(
                label="Conversation", height="min(62vh, 560px)", min_height=260,
                buttons=["copy"], feedback_options=None, latex_delimiters=[],
                placeholder="Ask a question about the documents, in English or French.",
            )
            with gr.Row(equal_height=True):
                question = gr.Textbox(show_label=False, placeholder="Type a question…", lines=1,
                                      max_lines=4, scale=6, min_width=200, autofocus=True)
                send = gr.Button("Send", variant="primary", scale=1, min_width=80)
                new_chat = gr.Button("New chat", variant="secondary", scale=1, min_width=80)
            sources = gr.HTML(js_on_load=None, elem_id="sources")
            examples = gr.Examples([[q] for q in EXAMPLES], inputs=question, label="Examples")
        with gr.Tab(f"Documents ({len(documents)})"):
            gr.HTML(render_documents(documents), js_on_load=None)
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
    return demo


def launch_app(assistant: Assistant, settings: Settings | None = None,
               prevent_thread_lock: bool = False) -> gr.Blocks:
    """Serve the UI. The local model answers one question at a time, so the queue does too."""
    settings = settings or assistant.settings
    demo = build_app(assistant)
    demo.queue(default_concurrency_limit=1, max_size=QUEUE_MAX_SIZE)
    auth = ((settings.auth_username, settings.auth_password)
            if settings.auth_username and settings.auth_password else None)
    demo.launch(
        server_name=settings.host, server_port=settings.port, auth=auth,
        show_error=False, prevent_thread_lock=prevent_thread_lock, quiet=prevent_thread_lock,
        footer_links=["api", "settings"], theme=gr.themes.Default(primary_hue="teal"), css=CSS,
        share=False, enable_monitoring=False,
    )
    return demo


def _display(turn: dict) -> dict:
    """A plain-text turn as the chatbot shows it (old answers keep their markers, unlinked)."""
    return {"role": turn["role"], "content": plain_markdown(turn["content"])}
