"""A conversation as a file to keep: Markdown for a council paper, JSON for other tools."""

from __future__ import annotations

import json
import re

from assistant.schema import Answer


def conversation_markdown(title: str, answers: list[Answer]) -> str:
    """Every question and answer with its numbered sources (see `Answer.to_markdown`)."""
    heading = " ".join(title.split()) or "Conversation"
    return f"# {heading}\n\n" + "\n".join(answer.to_markdown(heading_level=2) for answer in answers)


def conversation_json(title: str, answers: list[Answer]) -> str:
    """The `Answer` fields of every answer, in order."""
    return json.dumps({"title": title, "answers": [a.to_dict() for a in answers]}, ensure_ascii=False, indent=2)


def export_name(title: str) -> str:
    """A file name for a chat: its title's words, or "conversation"."""
    words = re.findall(r"[^\W_]+", title.lower())[:8]
    return "-".join(words) or "conversation"
