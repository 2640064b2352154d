"""Saved chats: ownership, renaming, deleting, and no half-saved exchange after a failure."""

from __future__ import annotations

import sqlite3

import pytest

from assistant.chats import ChatNotFoundError, ChatStore
from assistant.errors import AssistantError
from assistant.schema import Answer, Citation


def answer(question: str, text: str) -> Answer:
    cited = Citation(chunk_id="c", doc_id="d", source="d.md", title="A note", text=text, start=0, end=len(text),
                     highlight=text, url="https://example.org/n", date="2020", page=2)
    return Answer(question=question, text=f"{text} [1]", refused=False, citations=[cited])


def test_a_chat_keeps_its_exchanges_in_order_and_whole_answers(tmp_path):
    store = ChatStore(tmp_path / "chats.sqlite3")
    chat = store.create("", "Which cities?")
    store.add_exchange("", chat, "Which cities?", answer("Which cities?", "Four cities."))
    store.add_exchange("", chat, "When?", answer("When?", "In 1990."))
    store.close()

    reopened = ChatStore(tmp_path / "chats.sqlite3")  # as after a restart
    turns = reopened.turns("", chat)
    assert [(t.role, t.content) for t in turns] == [("user", "Which cities?"), ("assistant", "Four cities. [1]"),
                                                    ("user", "When?"), ("assistant", "In 1990. [1]")]
    assert turns[-1].answer == answer("When?", "In 1990.")
    assert [c.title for c in reopened.chats("")] == ["Which cities?"]


def test_chats_are_renamed_deleted_and_private_to_their_owner(tmp_path):
    store = ChatStore(tmp_path / "chats.sqlite3")
    mine = store.create("ana", "A question of mine")
    store.rename("ana", mine, "  Budget  questions ")
    assert [c.title for c in store.chats("ana")] == ["Budget questions"]
    assert store.chats("ben") == []
    for action in (lambda: store.turns("ben", mine), lambda: store.rename("ben", mine, "x"),
                   lambda: store.delete("ben", mine)):
        with pytest.raises(ChatNotFoundError):
            action()
    with pytest.raises(AssistantError, match="cannot be empty"):
        store.rename("ana", mine, "   ")
    store.delete("ana", mine)
    assert store.chats("ana") == []


def test_a_failure_while_saving_an_exchange_leaves_nothing_half_written(tmp_path, monkeypatch):
    store = ChatStore(tmp_path / "chats.sqlite3")
    chat = store.create("", "First")
    store.add_exchange("", chat, "First", answer("First", "One."))
    real_connect = store._connect

    class FailingUpdate:
        """Fault injection: the connection fails on the last statement of the transaction."""

        def __init__(self, db):
            self.db = db

        def __getattr__(self, name):
            return getattr(self.db, name)

        def __enter__(self):
            return self.db.__enter__()

        def __exit__(self, *exc):
            return self.db.__exit__(*exc)

        def execute(self, sql, *args):
            if sql.startswith("UPDATE chats"):
                raise sqlite3.OperationalError("disk I/O error")
            return self.db.execute(sql, *args)

    monkeypatch.setattr(store, "_connect", lambda: FailingUpdate(real_connect()))
    with pytest.raises(AssistantError, match="disk I/O error"):
        store.add_exchange("", chat, "Second", answer("Second", "Two."))
    monkeypatch.undo()
    assert [t.content for t in store.turns("", chat)] == ["First", "One. [1]"]


def test_saved_chats_must_not_live_in_the_corpus(tmp_path):
    from assistant.errors import SettingsError
    from assistant.settings import Settings

    settings = Settings(corpus_dir=tmp_path / "corpus", index_dir=tmp_path / "index",
                        data_dir=tmp_path / "corpus" / "chats")
    with pytest.raises(SettingsError, match="inside corpus_dir"):
        settings.chats_file()
