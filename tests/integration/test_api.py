"""The HTTP API through real HTTP against the running app, with the real models."""

from __future__ import annotations

import fcntl
import json

import httpx
import pytest

from servers import serve_app

FRANKFURT = "Which four cities backed the Frankfurt Resolution in the early 1990s?"
PRAGUE = "prague-declaration-2010-druglawreform-en.md"


def test_ask_answers_with_the_answer_as_json(api):
    response = api.post("/api/ask", json={"question": FRANKFURT})
    assert response.status_code == 200
    answer = response.json()
    assert answer["refused"] is False and "Hamburg" in answer["text"]
    assert answer["citations"][0]["source"] == PRAGUE


def test_ask_stream_sends_passages_then_text_that_adds_up_to_the_answer(api):
    events = []
    with api.stream("POST", "/api/ask/stream", json={"question": FRANKFURT}) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        name = None
        for line in response.iter_lines():
            if line.startswith("event: "):
                name = line.removeprefix("event: ")
            elif line.startswith("data: "):
                events.append((name, json.loads(line.removeprefix("data: "))))
    names = [name for name, _ in events]
    assert names[0] == "passages" and names[-1] == "answer" and "text" in names
    answer = events[-1][1]
    assert "".join(data for name, data in events if name == "text") == answer["text"]


def test_documents_lists_the_indexed_files(api):
    documents = api.get("/api/documents").json()["documents"]
    assert PRAGUE in {d["source"] for d in documents} and len(documents) > 50


def test_sync_reports_as_json_and_says_busy_while_another_sync_holds_the_index(api, bot):
    report = api.post("/api/sync").json()
    assert report["summary"].startswith("0 added") and all(o["status"] == "unchanged" for o in report["documents"])
    with open(bot.settings.index_dir / ".sync.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        busy = api.post("/api/sync")
    assert busy.status_code == 503 and "another sync" in busy.json()["error"]


@pytest.mark.parametrize("body, field", [({"question": ""}, "question"), ({}, "question"),
                                         ({"question": "x", "filters": {"lang": "fr"}}, "filters"),
                                         ({"question": "x", "history": [{"role": "boss", "content": "hi"}]},
                                          "history")])
def test_bad_input_is_a_400_that_names_the_field(api, body, field):
    response = api.post("/api/ask", json=body)
    assert response.status_code == 400 and field in response.json()["error"]


def test_the_api_is_documented(api):
    spec = api.get("/api/openapi.json").json()
    assert {"/api/ask", "/api/ask/stream", "/api/documents", "/api/sync"} <= set(spec["paths"])
    assert api.get("/api/docs").status_code == 200


def test_with_auth_set_every_api_route_needs_credentials(bot, settings):
    app = serve_app(bot, settings, auth_username="clerk", auth_password="s3cret", api_token="t0ken")
    try:
        with httpx.Client(base_url=app.url.rstrip("/"), timeout=300) as client:
            for method, path in (("POST", "/api/ask"), ("POST", "/api/ask/stream"), ("GET", "/api/documents"),
                                 ("POST", "/api/sync")):
                refused = client.request(method, path, json={"question": FRANKFURT})
                assert refused.status_code == 401, path
                assert "credentials" in refused.json()["error"]
                wrong = client.request(method, path, json={"question": FRANKFURT}, auth=("clerk", "nope"))
                assert wrong.status_code == 401, path
            assert client.get("/api/documents", auth=("clerk", "s3cret")).status_code == 200
            assert client.get("/api/documents", headers={"Authorization": "Bearer t0ken"}).status_code == 200
    finally:
        app.close()


def test_twenty_concurrent_clients_of_the_api_get_answers_without_errors(api):
    from benchmarks.load import run_load

    questions = [FRANKFURT, "Where and when did Efus adopt its resolution on local drug policy?"]
    # Each of the 20 clients asks one question, all at once.
    report, samples = run_load(str(api.base_url), sessions=20, seconds=0, timeout=600, questions=questions,
                               auth=None, mode="test", api=True, per_session=1)
    assert report.requests == 20
    assert (report.errors, report.timeouts, report.busy) == (0, 0, 0), report.error_examples
