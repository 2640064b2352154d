"""The `assistant` command: JSON output round-trips, user errors are one line and exit 2."""

import json
import os
import subprocess
import sys

from assistant import Answer

ENV = dict(os.environ)


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "assistant", *args], capture_output=True, text=True,
                          env=ENV, timeout=300)


def test_ask_json_round_trips_into_an_answer(bot):
    result = run_cli("ask", "Which four cities backed the Frankfurt Resolution?", "--json",
                     "--index", str(bot.settings.index_dir))
    assert result.returncode == 0, result.stderr
    answer = Answer.from_dict(json.loads(result.stdout))
    assert not answer.refused
    assert answer.citations and answer.passages
    assert answer.to_dict() == json.loads(result.stdout)


def test_ask_markdown_is_the_answer_with_its_numbered_sources(bot):
    question = "Which four cities backed the Frankfurt Resolution?"
    result = run_cli("ask", question, "--format", "markdown", "--index", str(bot.settings.index_dir))
    assert result.returncode == 0, result.stderr
    answer = bot.ask(question)  # deterministic: the same answer in this process
    assert result.stdout == answer.to_markdown()
    assert result.stdout.startswith(f"## {question}\n") and "Sources:\n\n1. *The Prague Declaration" in result.stdout


def test_asking_without_an_index_is_one_clear_line(tmp_path):
    result = run_cli("ask", "anything", "--index", str(tmp_path / "missing"))
    assert result.returncode == 2
    assert result.stderr.strip().startswith("error: no index")
    assert "Traceback" not in result.stderr


def test_indexing_a_missing_corpus_is_one_clear_line(tmp_path):
    result = run_cli("index", "--corpus", str(tmp_path / "nope"), "--index", str(tmp_path / "index"))
    assert result.returncode == 2
    assert "corpus folder" in result.stderr and "Traceback" not in result.stderr


def test_a_bad_setting_names_the_field(tmp_path):
    result = subprocess.run([sys.executable, "-m", "assistant", "ask", "q"], capture_output=True,
                            text=True, env={**ENV, "ASSISTANT_TOP_K": "many"}, timeout=120)
    assert result.returncode == 2
    assert "top_k" in result.stderr and "Traceback" not in result.stderr


def test_index_watch_picks_up_an_added_file_with_one_line_per_sync(small_corpus, tmp_path):
    import queue
    import threading
    import time

    process = subprocess.Popen([sys.executable, "-m", "assistant", "index", "--watch", "--corpus", str(small_corpus),
                                "--index", str(tmp_path / "index")], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, env=ENV)
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in process.stdout], daemon=True).start()

    def next_line_with(text: str, seconds: float = 240) -> str:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                line = lines.get(timeout=1)
            except queue.Empty:
                continue
            if text in line:
                return line
        raise AssertionError(f"no line with {text!r} within {seconds:g} s")

    try:
        next_line_with("3 added")  # the first sync
        time.sleep(1.5)  # the watch has started
        (small_corpus / "note.md").write_text("# Watched note\n\nThe watch found this note.\n", encoding="utf-8")
        line = next_line_with("1 added", 60)
        assert "3 unchanged" in line
        (small_corpus / "note.md").unlink()
        assert "1 removed" in next_line_with("removed", 60)
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_app_py_serves_then_stops_on_sigterm_leaving_no_temporary_folder(small_corpus, tmp_path):
    """The README's run command end to end: the first run builds the index, the app answers
    HTTP, and a service manager's SIGTERM stops it with its export folder removed."""
    import time
    import urllib.request
    from pathlib import Path

    from servers import free_port, stop_process

    temporary = tmp_path / "tmp"
    temporary.mkdir()
    port = free_port()
    env = {**ENV, "TMPDIR": str(temporary), "ASSISTANT_PORT": str(port), "ASSISTANT_HOST": "127.0.0.1",
           "ASSISTANT_CORPUS_DIR": str(small_corpus), "ASSISTANT_INDEX_DIR": str(tmp_path / "index"),
           "ASSISTANT_DATA_DIR": str(tmp_path / "data")}
    repo = Path(__file__).resolve().parents[2]
    process = subprocess.Popen([sys.executable, "app.py"], cwd=repo, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline and process.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as page:
                    assert page.status == 200
                    break
            except OSError:
                time.sleep(1)
        else:
            raise AssertionError(f"app.py did not serve: {process.stdout.read() if process.poll() is not None else ''}")
        assert list(temporary.glob("assistant-exports-*"))  # the UI made its folder
        process.terminate()
        process.wait(timeout=30)
    finally:
        stop_process(process)
    output = process.stdout.read()
    assert "Building the index" in output and "Traceback" not in output, output
    assert not list(temporary.glob("assistant-exports-*"))
