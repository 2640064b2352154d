"""Start the chat UI: `python app.py` (settings come from assistant.toml and ASSISTANT_* variables)."""

import sys

from assistant import Assistant, AssistantError, Settings  # first: it sets the offline environment
from assistant.ingest.watch import start_watching
from assistant.ui.app import launch_app


def main() -> int:
    try:
        settings = Settings.load()
        assistant = Assistant(settings=settings)
        if not assistant.has_index():
            print("Building the index (first run)…", flush=True)
            print(assistant.sync_index().summary(), flush=True)
        if settings.watch_corpus:
            print(f"Watching {settings.corpus_dir}: changed files are indexed within seconds", flush=True)
            start_watching(settings.corpus_dir, assistant.sync_index,
                           lambda report: print(f"sync: {report.summary()}", flush=True),
                           lambda message: print(f"sync error: {message}", file=sys.stderr, flush=True))
        launch_app(assistant, settings)
    except AssistantError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
