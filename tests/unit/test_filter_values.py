"""Scoped questions: what `Filters` accepts, and which documents it allows."""

from __future__ import annotations

import pytest

from assistant.answer.filters import FilterError, Filters, resolve_scope
from assistant.schema import Chunk


def chunk(doc_id: str, language: str = "en", publisher: str = "", date: str = "") -> Chunk:
    return Chunk(chunk_id=f"{doc_id}-0", doc_id=doc_id, source=f"notes/{doc_id}.md", text="…", start=0, end=1,
                 title=doc_id, language=language, publisher=publisher, date=date)


CHUNKS = [
    chunk("resolution-2018", "en", "European Forum for Urban Security (Efus)", "2018-11"),
    chunk("resolution-2018-fr", "fr", "Forum européen pour la sécurité urbaine (Efus)", "2018"),
    chunk("strategy-2021", "en", "Council of the European Union", "2021-07-15"),
    chunk("guide", "de", "Observatoire européen des drogues (EMCDDA)", "2012"),
    chunk("undated", "en", "Efus", ""),
]


def allowed(**fields) -> set[str]:
    scope = resolve_scope(Filters.coerce(fields), CHUNKS)
    return set(scope.doc_ids)


def test_no_filters_means_no_scope():
    assert resolve_scope(Filters(), CHUNKS) is None
    assert Filters.coerce(None).empty


def test_each_field_restricts_and_fields_combine():
    assert allowed(languages=["FR"]) == {"resolution-2018-fr"}
    assert allowed(documents=["guide", "notes/strategy-2021.md"]) == {"guide", "strategy-2021"}
    # Publisher words match whole words of the name, in any language's version of it.
    assert allowed(publishers="efus") == {"resolution-2018", "resolution-2018-fr", "undated"}
    assert allowed(publishers=["EMCDDA", "Council European"]) == {"guide", "strategy-2021"}
    assert allowed(publishers="efus", languages="en") == {"resolution-2018", "undated"}


def test_dates_compare_at_the_coarser_precision_and_undated_documents_are_outside_a_range():
    assert allowed(since="2018") == {"resolution-2018", "resolution-2018-fr", "strategy-2021"}
    assert allowed(since="2018-12") == {"resolution-2018-fr", "strategy-2021"}  # "2018" may be December
    assert allowed(until="2018-10") == {"resolution-2018-fr", "guide"}
    assert allowed(since=2021, until=2021) == {"strategy-2021"}


@pytest.mark.parametrize("fields, message", [
    ({"documents": ["resolution-2019"]}, "filters.documents: no indexed document 'resolution-2019'; did you mean"),
    ({"languages": ["es"]}, "filters.languages: no indexed document in 'es'; indexed: de, en, fr"),
    ({"since": "last year"}, "filters.since: 'last year' is not a date"),
    ({"colour": "red"}, "filters.colour: Extra inputs are not permitted"),
    ({"since": "2030"}, "filters: no indexed document matches since 2030"),
])
def test_bad_filters_name_the_field(fields, message):
    with pytest.raises(FilterError, match="^" + message.replace("(", r"\(").replace(")", r"\)")):
        resolve_scope(Filters.coerce(fields), CHUNKS)


def test_description_names_every_restriction():
    filters = Filters.coerce({"documents": "guide", "languages": ["fr", "de"], "since": "2018"})
    assert filters.describe() == "document guide; languages fr, de; since 2018"
