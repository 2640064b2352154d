"""Refusing when the documents don't hold the answer, even when they are on the topic."""

import pytest

NOTE = """---
title: Millbrook street outreach
date: 2026-04
language: en
---

# Millbrook street outreach

The Millbrook street outreach team visits the night shelter every week to offer naloxone kits.
The team works with the municipal health service and with residents' associations.
"""

TOWNS_NOTE = """---
title: The Millbrook towns network charter
date: 2026-05
language: en
---

# The Millbrook towns network

Set up in 2019, it has 14 member towns.
The charter of the Millbrook towns network was signed at the spring assembly by the mayors of 11 member towns
that belong to the network.
Three member towns did not sign the charter; the note does not name them.
"""


@pytest.fixture(scope="module")
def millbrook(make_assistant, tmp_path_factory):
    """Three shipped notes, a short note on one outreach team and one on a network of towns, indexed."""
    from conftest import CORPUS

    shipped = {name: (CORPUS / name).read_text(encoding="utf-8") for name in (
        "efus-2018-resolution-drugs-news-en.md", "euda-miniguide-drug-consumption-rooms-en.md",
        "prague-declaration-2010-druglawreform-en.md")}
    return _indexed(make_assistant, tmp_path_factory, "millbrook",
                    {**shipped, "millbrook.md": NOTE, "millbrook-towns.md": TOWNS_NOTE})


def _indexed(make_assistant, tmp_path_factory, name: str, notes: dict[str, str]):
    """An assistant over a corpus of these notes (file name -> text), indexed."""
    corpus = tmp_path_factory.mktemp(name)
    for file_name, text in notes.items():
        (corpus / file_name).write_text(text, encoding="utf-8")
    bot = make_assistant(corpus, tmp_path_factory.mktemp(f"{name}-index"))
    bot.sync_index()
    return bot


def test_a_quantity_the_documents_never_state_is_refused_but_the_fact_they_do_state_is_not(millbrook):
    refused = millbrook.ask("How many outreach workers does the Millbrook street outreach team employ?")
    assert refused.refused and refused.citations == []
    assert "millbrook.md" in {p.source for p in refused.passages}  # shown as the closest passage
    answered = millbrook.ask("How often does the Millbrook street outreach team visit the night shelter?")
    assert not answered.refused
    assert answered.citations[0].source == "millbrook.md" and "every week" in answered.text


# Contracts of issue 17: the kind of thing asked for, or its focus, must be in the evidence;
# a paraphrase of what is there must still be answered.
@pytest.mark.parametrize("question, reason", [
    ("Who is the mayor of Millbrook?", "name no person"),
    ("What time does the Millbrook outreach team arrive at the night shelter?", "no time of day"),
])
def test_a_question_whose_focus_no_passage_states_is_refused_with_the_reason(millbrook, question, reason):
    answer = millbrook.ask(question)
    assert answer.refused and reason in answer.text and answer.citations == []


@pytest.mark.parametrize("question, words", [
    ("How frequently do Millbrook's outreach workers call at the night shelter?", "every week"),
    ("Which organisations does the Millbrook team cooperate with?", "residents' associations"),
])
def test_a_paraphrased_answerable_question_is_answered(millbrook, question, words):
    answer = millbrook.ask(question)
    assert not answer.refused and words in answer.text
    assert answer.citations[0].source == "millbrook.md"


def test_a_two_part_question_is_answered_part_by_part(millbrook):
    answer = millbrook.ask("How often does the Millbrook street outreach team visit the night shelter, "
                           "and which service does it work with?")
    assert not answer.refused
    assert "every week" in answer.text and "municipal health service" in answer.text
    assert {c.source for c in answer.citations} == {"millbrook.md"}


def test_two_counts_of_one_thing_each_get_the_sentence_stating_theirs(millbrook):
    # the first part alone would quote the signing sentence, which also counts member towns
    answer = millbrook.ask("How many towns belong to the Millbrook towns network, and how many of them signed "
                           "its charter?")
    assert not answer.refused
    assert "14 member towns" in answer.text and "11 member towns" in answer.text
    assert answer.text.index("14 member towns") < answer.text.index("11 member towns")  # each part in turn


def _town_note(town: str, text: str) -> str:
    return (f"---\ntitle: {town} night-time safety\ndate: 2026-06\nlanguage: en\n---\n\n"
            f"# {town} night-time safety\n\n{text}\n")


@pytest.fixture(scope="module")
def towns(make_assistant, tmp_path_factory):
    """Ten short notes on ten towns' night-time schemes, alike but for their names and figures."""
    notes = {f"{town.lower()}.md": _town_note(town, f"The {town} night bus runs every Friday and Saturday. "
                                                      "Volunteers hand out water at the stops.")
             for town in ("Ostlow", "Varnley", "Quenby", "Marlstead", "Tollworth", "Brackwell", "Dunsey", "Fernhope")}
    notes["harkby.md"] = _town_note(
        "Harkby", "The Harkby street outreach team receives an annual budget of €85,000 from the city council.")
    notes["wexbridge.md"] = _town_note(
        "Wexbridge", "The Wexbridge street outreach team visits the station every night. Its four workers carry "
                     "naloxone.")
    return _indexed(make_assistant, tmp_path_factory, "towns", notes)


def test_a_question_about_one_town_is_not_answered_by_another_towns_note(towns):
    # Only Harkby's note states a budget: Wexbridge's team has none in the documents.
    refused = towns.ask("What annual budget does the Wexbridge street outreach team receive?")
    assert refused.refused and refused.citations == []
    answered = towns.ask("What annual budget does the Harkby street outreach team receive?")
    assert not answered.refused and "85,000" in answered.text
    assert {c.source for c in answered.citations} == {"harkby.md"}
