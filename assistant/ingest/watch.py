"""A watched corpus: sync whenever files in the corpus folder are added, changed or removed.

`watchfiles` (inotify on Linux) reports changes; changes that arrive within `debounce_ms` of
each other are gathered into one sync, so copying a folder of files is one sync, not fifty.
Each sync is the ordinary incremental, crash-safe one; if another process is syncing, the
change is picked up by the next round instead.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Callable

from assistant.errors import AssistantError
from assistant.ingest.documents import IGNORED_NAMES
from assistant.schema import IndexReport

DEBOUNCE_MS = 1000


def watch_corpus(corpus_dir: Path, sync: Callable[[], IndexReport], on_report: Callable[[IndexReport], None],
                 on_error: Callable[[str], None], stop: threading.Event | None = None,
                 debounce_ms: int = DEBOUNCE_MS) -> None:
    """Run `sync` after every burst of changes under `corpus_dir` until `stop` is set (or
    Ctrl-C). Reports go to `on_report`, user errors (a sync already running, a bad setting)
    to `on_error`; the watch goes on."""
    from watchfiles import DefaultFilter, watch

    class CorpusFilter(DefaultFilter):
        def __call__(self, change, path: str) -> bool:
            name = Path(path).name
            return super().__call__(change, path) and name not in IGNORED_NAMES and not name.startswith(".")

    for _changes in watch(corpus_dir, watch_filter=CorpusFilter(), debounce=debounce_ms, stop_event=stop,
                          raise_interrupt=False):
        try:
            on_report(sync())
        except AssistantError as error:
            on_error(str(error))


def start_watching(corpus_dir: Path, sync: Callable[[], IndexReport], on_report: Callable[[IndexReport], None],
                   on_error: Callable[[str], None]) -> threading.Event:
    """The same in a background thread (the app's `watch_corpus` setting); set the returned
    event to stop it."""
    stop = threading.Event()
    threading.Thread(target=watch_corpus, args=(corpus_dir, sync, on_report, on_error, stop),
                     name="corpus-watch", daemon=True).start()
    return stop
