"""Start the chat UI: `python app.py` (settings come from assistant.toml and ASSISTANT_* variables)."""

import sys

from assistant import Assistant, AssistantError, Settings  # first: it sets the offline environment
from assistant.ui.app import launch_app


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
