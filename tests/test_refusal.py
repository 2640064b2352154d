"""Refusing when the documents don't hold the answer, even when they are on the topic."""

from assistant.text import asks_for_quantity, content_terms, states_quantity

NOTE = """---
title: Millbrook street outreach
date: 2026-04
language: en
---

# Millbrook street outreach

The Millbrook street outreach team visits the night shelter every week to offer naloxone kits.
The team works with the municipal health service and with residents' associations.
"""


def test_quantity_questions_need_a_number_the_question_did_not_bring():
    assert asks_for_quantity("How many people attended?") and asks_for_quantity("Combien de villes ?")
    assert not asks_for_quantity("Who chaired the meeting?")
    assert states_quantity("About 250 people attended.", "How many people attended in 2019?")
    assert states_quantity("It serves eleven priorities.", "How many priorities?")
    assert not states_quantity("It was held in 2019.", "How many people attended in 2019?")
    # a year question needs a year; a count from another year's event is not an answer
    assert not states_quantity("Three cases were presented.", "In which year did the room open?")
    assert states_quantity("The room opened in 1994.", "In which year did the room open?")
    assert not states_quantity("In April 2019 about 250 people attended.", "How many attended in July 2021?")
    assert states_quantity("In July 2021 about 300 people attended.", "How many attended in July 2021?")
    # a count must count what the question counts; a percentage question needs a percentage
    assert not states_quantity("About 250 people attended a symposium on the rooms.",
                               "How many drug consumption rooms did the city have?")
    assert states_quantity("The city had three drug consumption rooms.", "How many drug consumption rooms?")
    assert states_quantity("Il y avait 20 villes partenaires.", "Combien de villes partenaires ?")
    assert not states_quantity("Meeting on 27-28 November, it passed a resolution.",
                               "What percentage of members supported the resolution?")
    assert states_quantity("Some 62% of members voted for it.", "What percentage of members supported it?")


def test_a_quantity_the_documents_never_state_is_refused_but_the_fact_they_do_state_is_not(
        make_assistant, small_corpus, tmp_path):
    (small_corpus / "millbrook.md").write_text(NOTE, encoding="utf-8")
    bot = make_assistant(small_corpus, tmp_path / "index")
    bot.sync_index()
    refused = bot.ask("How many outreach workers does the Millbrook street outreach team employ?")
    assert refused.refused and refused.citations == []
    assert "millbrook.md" in {p.source for p in refused.passages}  # shown as the closest passage
    answered = bot.ask("How often does the Millbrook street outreach team visit the night shelter?")
    assert not answered.refused
    assert answered.citations[0].source == "millbrook.md" and "every week" in answered.text


def test_a_year_before_a_title_is_not_a_count():
    question = "How many member cities does Efus have?"
    assert not states_quantity("It backs the 2017 Security, Democracy and Cities Manifesto.", question)
    assert states_quantity("About 2000 member cities took part.", question)
    assert states_quantity("Efus has 250 member cities and regions.", question)


def test_a_count_only_in_a_sentence_that_would_not_be_quoted_does_not_answer(bot):
    # The runner-up "…the 2017 Security, Democracy and Cities Manifesto…" comes from another
    # document and adds nothing the first leaves open, so it would not be quoted; the best
    # sentence states no count, so the answer would have shown none.
    answer = bot.ask("How many member cities and regions does Efus have, according to the Cologne resolution?")
    assert answer.refused and "no number" in answer.text


def test_a_city_named_in_another_language_is_not_taken_for_something_absent(bot):
    # The notes say "Padova"; "Padua" occurs nowhere in them.
    answer = bot.ask("Which researchers from the University of Padua's lab worked on DC&D II?")
    assert not answer.refused
    assert "dcd2-project-htlab-padova-en" in {p.doc_id for p in answer.passages}

    invented = bot.ask("Which researchers from the University of Atlantis worked on DC&D II?")
    assert invented.refused
    assert "No indexed document mentions “Atlantis”." in invented.text  # says what it looked for


def test_question_words_and_accented_function_words_are_not_search_terms():
    # "Combien" once matched "combien il est utile…", and "été" never matched its folded form.
    assert content_terms("Combien de personnes ont été présentes, d'après l'Efus ?") == ["personn", "present", "efus"]


def test_french_participles_match_whatever_their_agreement():
    # "l'Efus a-t-il adopté" must match "une résolution adoptée"; English words keep their stems
    assert len({stem for word in ("adopté", "adoptée", "adoptés", "adoptées")
                for stem in content_terms(word)}) == 1
    assert content_terms("agree agreed three") == ["agre", "agre", "three"]


def test_an_edition_in_a_language_no_document_is_in_or_mentions_is_refused(bot):
    from assistant.text import asked_languages
    assert asked_languages("the Italian-language edition") == {"italian": "it"}
    assert asked_languages("la version italienne du guide") == {"italienne": "it"}
    assert asked_languages("Which Italian cities took part?") == {}  # a nationality, not an edition
    refused = bot.ask("What is the ISBN of the Spanish edition of the SOLIDIFY guide?")
    assert refused.refused and "“Spanish”" in refused.text and refused.citations == []
    # the shipped notes mention a Spanish version of another item, so "no document mentions" is not enough
    assert bot.retriever.current_snapshot().vocabulary.knows("Spanish")
    answered = bot.ask("What is the ISBN of the French edition of the SOLIDIFY guide?")
    assert not answered.refused and "978-2-9131-8180-9" in answered.text


def test_a_count_of_the_same_thing_under_another_name_answers_a_how_many_question(embedder):
    from assistant.answering import SAME_THING_SIMILARITY
    from assistant.text import counted_phrase

    def same_thing(a, b):
        return embedder.similarity(a, b) >= SAME_THING_SIMILARITY

    assert counted_phrase("How many drug consumption rooms did Strasbourg have?") == "drug consumption rooms"
    question = "How many people attended the symposium?"
    assert not states_quantity("About 250 participants took part.", question)  # the words differ...
    assert states_quantity("About 250 participants took part.", question, same_thing)  # ...the thing doesn't
    assert not states_quantity("About 250 people attended a symposium on the rooms.",
                               "How many drug consumption rooms did Strasbourg have?", same_thing)


def test_a_sum_of_money_is_a_quantity_and_the_french_article_un_is_not_a_count(bot):
    assert asks_for_quantity("What was the total budget of the SOLIDIFY project?")
    assert asks_for_quantity("Quel était le montant total du budget du projet ?")
    assert not asks_for_quantity("What was the budget used for?") and not asks_for_quantity("Who set the budget?")
    assert not states_quantity("Un avertissement précise qu'elle n'engage que ses auteurs.", "Quel était le montant ?")
    for question in ("What was the total budget of the SOLIDIFY project?",
                     "Quel était le montant total du budget du projet SOLIDIFY financé par la Commission européenne ?"):
        answer = bot.ask(question)
        assert answer.refused and answer.citations == [], question


def test_a_how_many_question_looks_past_the_best_sentences_for_the_count(bot):
    # The best sentences describe the Vienna conference without a count; the sixth states it.
    answer = bot.ask("How many cities and institutions were represented at the Vienna closing conference "
                     "of the Democracy, Cities and Drugs project in February 2011?")
    assert not answer.refused
    assert "105 cities and institutions" in answer.text
    assert answer.citations[0].doc_id.startswith("efus-2011-vienna-resolution-dcd")


def test_the_number_of_something_is_a_count_to_look_for_but_not_a_reason_to_refuse():
    from assistant.text import counted_terms
    question = "How do the two documents differ on the number of cities represented at the conference?"
    assert counted_terms(question) and counted_terms("Quel est le nombre de villes représentées ?")
    assert states_quantity("It drew representatives of 140 cities from 40 countries.", question)
    assert not states_quantity("It drew representatives from 40 countries.", question)
    # A comparison may answer in words ("fewer than…"): only "how many" needs a number.
    assert not asks_for_quantity(question)


def test_a_comparison_of_numbers_quotes_a_sentence_that_states_one(bot):
    answer = bot.ask("How do Efus's news item announcing the 2017 manifesto and the manifesto's own editorial "
                     "differ on the number of cities represented at the Barcelona conference?")
    assert not answer.refused
    assert "140 cities" in answer.text


def test_a_question_for_a_sum_of_money_needs_a_sum_of_money(bot):
    question = "How much EU co-financing, in euros, did the second Democracy, Cities & Drugs project receive?"
    # The brochure's sentence about the co-financing states dates, not a sum.
    assert not states_quantity("Approved for Commission co-financing, the project started on 1 May 2008 "
                               "and was due to end on 31 April 2011.", question)
    assert states_quantity("The Commission granted EUR 450,000 to the project.", question)
    assert states_quantity("It received €1.2 million.", question)
    # A count of funded things is a count, not a sum.
    assert states_quantity("Twelve projects received funding.", "How many projects received EU funding?")
    answer = bot.ask(question)
    assert answer.refused and answer.citations == []
    assert "sum of money" in answer.text


def test_a_question_whose_answer_the_note_says_is_cut_off_is_refused(bot):
    from assistant.text import before_missing_text
    assert before_missing_text("A fax number is also printed, but it is cut off in the stored text.") is not None
    assert before_missing_text("L'extrait conservé s'interrompt à cet endroit.") is not None
    assert before_missing_text("An dieser Stelle bricht der gespeicherte Auszug ab.") is not None
    assert before_missing_text("The report ends with a call for action.") is None
    from assistant.answering import _cut_off_where_the_answer_would_be as cut_off_there
    from assistant.evidence import Evidence
    question = "What fax number did Efus print in its guidelines?"
    for sentence, refuse in (("A fax number is also printed, but it is cut off in the stored text.", True),
                             ("The stored text breaks off here.", False)):  # names nothing asked about
        assert cut_off_there(question, Evidence(0, sentence, 0, len(sentence), 1.0)) == refuse
    refused = bot.ask("What fax number did Efus print in its February 2008 guidelines for local elected "
                      "officials on drug use and front-line services?")
    assert refused.refused and refused.citations == []
    assert "cut off in the stored text" in refused.text
    # Facts stated before the cut still answer: France, Italy and Portugal are named.
    answered = bot.ask("Which countries did the four national networks of the second Democracy, Cities & Drugs "
                       "project cover?")
    assert not answered.refused and "Italy" in answered.text


def test_a_count_a_dozen_sentences_down_still_answers_a_how_many_question(bot):
    # "…which the item says cover 12 areas" is the 9th sentence; refusing it had been a false refusal.
    answer = bot.ask("Into how many areas were the recommendations and commitments of Efus's November 2017 "
                     "Barcelona conference grouped, according to the news item announcing the manifesto?")
    assert not answer.refused
    assert "12 areas" in answer.text
