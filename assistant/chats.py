"""Saved conversations: a small SQLite file in the data folder (setting data_dir).

One row per chat and one per turn. A question and its answer are written together, in one
transaction, once the answer is complete: a crash or `kill -9` mid-answer loses that answer
and nothing before it (SQLite's journal makes each commit all-or-nothing). Chats belong to the
logged-in user when auth is on; without auth everybody is the same user ("").
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import AssistantError
from assistant.schema import Answer

SCHEMA = """
CREATE TABLE IF NOT EXISTS chats (
    id TEXT PRIMARY KEY, owner TEXT NOT NULL, title TEXT NOT NULL,
    created REAL NOT NULL, updated REAL NOT NULL);
CREATE INDEX IF NOT EXISTS chats_by_owner ON chats (owner, updated);
CREATE TABLE IF NOT EXISTS turns (
    chat_id TEXT NOT NULL REFERENCES chats (id) ON DELETE CASCADE, position INTEGER NOT NULL,
    role TEXT NOT NULL, content TEXT NOT NULL, answer TEXT, PRIMARY KEY (chat_id, position));
"""
TITLE_CHARS = 80


class ChatNotFoundError(AssistantError):
    pass


@dataclass(frozen=True)
class ChatSummary:
    chat_id: str
    title: str
    updated: float


@dataclass(frozen=True)
class SavedTurn:
    role: str  # "user" or "assistant"
    content: str  # the question, or the answer's text
    answer: Answer | None = None  # the whole answer, for assistant turns


class ChatStore:
    def __init__(self, path: Path):
        self.path = path
        self._lock = threading.Lock()
        self._connection: sqlite3.Connection | None = None

    def create(self, owner: str, first_question: str) -> str:
        chat_id = uuid.uuid4().hex
        title = " ".join(first_question.split())[:TITLE_CHARS] or "New chat"
        now = time.time()
        with self._transaction() as db:
            db.execute("INSERT INTO chats VALUES (?, ?, ?, ?, ?)", (chat_id, owner, title, now, now))
        return chat_id

    def add_exchange(self, owner: str, chat_id: str, question: str, answer: Answer) -> None:
        """The question and its answer, together or not at all."""
        with self._transaction() as db:
            self._check_owner(db, owner, chat_id)
            (count,) = db.execute("SELECT COUNT(*) FROM turns WHERE chat_id = ?", (chat_id,)).fetchone()
            db.executemany("INSERT INTO turns VALUES (?, ?, ?, ?, ?)", [
                (chat_id, count, "user", question, None),
                (chat_id, count + 1, "assistant", answer.text, json.dumps(answer.to_dict(), ensure_ascii=False)),
            ])
            db.execute("UPDATE chats SET updated = ? WHERE id = ?", (time.time(), chat_id))

    def chats(self, owner: str) -> list[ChatSummary]:
        """The owner's chats, most recently used first."""
        with self._transaction() as db:
            rows = db.execute("SELECT id, title, updated FROM chats WHERE owner = ? ORDER BY updated DESC",
                              (owner,)).fetchall()
        return [ChatSummary(*row) for row in rows]

    def turns(self, owner: str, chat_id: str) -> list[SavedTurn]:
        with self._transaction() as db:
            self._check_owner(db, owner, chat_id)
            rows = db.execute("SELECT role, content, answer FROM turns WHERE chat_id = ? ORDER BY position",
                              (chat_id,)).fetchall()
        return [SavedTurn(role, content, Answer.from_dict(json.loads(answer)) if answer else None)
                for role, content, answer in rows]

    def rename(self, owner: str, chat_id: str, title: str) -> None:
        title = " ".join(title.split())[:TITLE_CHARS]
        if not title:
            raise AssistantError("a chat's name cannot be empty")
        with self._transaction() as db:
            self._check_owner(db, owner, chat_id)
            db.execute("UPDATE chats SET title = ? WHERE id = ?", (title, chat_id))

    def delete(self, owner: str, chat_id: str) -> None:
        with self._transaction() as db:
            self._check_owner(db, owner, chat_id)
            db.execute("DELETE FROM chats WHERE id = ?", (chat_id,))  # its turns go by ON DELETE CASCADE

    def close(self) -> None:
        with self._lock:
            if self._connection is not None:
                self._connection.close()
                self._connection = None

    @contextmanager
    def _transaction(self):
        with self._lock:
            db = self._connect()
            try:
                with db:  # commits, or rolls back on an exception
                    yield db
            except sqlite3.DatabaseError as error:
                raise AssistantError(f"saved chats in {self.path} cannot be read or written: {error}") from None

    def _connect(self) -> sqlite3.Connection:
        if self._connection is None:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                db = sqlite3.connect(self.path, check_same_thread=False)
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("PRAGMA synchronous=FULL")  # a committed answer survives a power cut too
                db.execute("PRAGMA foreign_keys=ON")
                db.executescript(SCHEMA)
            except (OSError, sqlite3.DatabaseError) as error:
                raise AssistantError(f"cannot open saved chats at {self.path} (setting data_dir): {error}") from None
            self._connection = db
        return self._connection

    @staticmethod
    def _check_owner(db: sqlite3.Connection, owner: str, chat_id: str) -> None:
        row = db.execute("SELECT owner FROM chats WHERE id = ?", (chat_id,)).fetchone()
        if row is None or row[0] != owner:  # another user's chat is as good as absent
            raise ChatNotFoundError(f"no saved chat {chat_id!r}")
