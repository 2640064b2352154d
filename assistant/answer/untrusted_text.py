"""Document text is data, not instructions: what is stripped before the model or the user sees it.

A document could carry citation markers ("[1]") that would pass for ours, or chat-template
tokens that would speak with the system's voice; both are removed from every passage shown.
"""

from __future__ import annotations

import re

MARKER = re.compile(r"\[\s*\d+\s*\]")
CHAT_MARKUP = re.compile(r"<\|[^|>]*\|>|</?s>|<\|?im_(?:start|end)\|?>", re.IGNORECASE)


def sanitize_passage_text(text: str) -> str:
    """Remove citation markers and chat-template tokens that a document might contain."""
    text = CHAT_MARKUP.sub(" ", text)
    text = MARKER.sub(" ", text)
    return re.sub(r"[ \t]{2,}", " ", text).strip()


def quotable(text: str) -> str:
    """A passage's words as an answer shows them: on one line, without the citation markers
    or chat markup a document might contain."""
    return sanitize_passage_text(" ".join(text.split()))
