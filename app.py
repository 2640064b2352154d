"""Start the chat UI: `python app.py` (settings come from assistant.toml and ASSISTANT_* variables)."""

import os

# Offline and private by default; both must be set before Gradio or Hugging Face are imported.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

import sys  # noqa: E402

from assistant import Assistant, AssistantError, Settings  # noqa: E402
from assistant.ui import launch_app  # noqa: E402


def main() -> int:
    try:
        settings = Settings.load()
        assistant = Assistant(settings=settings)
        if not assistant.has_index():
            print("Building the index (first run)…", flush=True)
            print(assistant.sync_index().summary(), flush=True)
        launch_app(assistant, settings)
    except AssistantError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
