"""Analysing a question once: what it asks for, its names, numbers and languages."""

import pytest

from assistant.answer.quantities import states_quantity
from assistant.answer.question import analyse_question, key_terms, split_parts
from assistant.answer.question_kinds import asks_for_several, office_places
from assistant.errors import AssistantError
from assistant.language.normalise import name_terms, proper_names


@pytest.mark.parametrize("question, kind", [
    ("Why is it hard?", "why"),
    ("Pourquoi l'ouverture reste-t-elle difficile ?", "why"),
    ("When was it adopted?", "when"),
    ("Quand a-t-elle été adoptée ?", "when"),
    ("In which month and year was it printed?", "when"),
    ("En quelle année ?", "when"),
    ("In welchem Jahr wurde sie beschlossen?", "when"),
    ("Where did it take place?", "where"),
    ("Which cities backed it?", "where"),
    ("Which four cities backed it?", "where"),
    ("In which German city was the committee meeting?", "where"),
    ("In what town did the board gather in late 2018?", "where"),
    ("Can you list the cities and regions that signed up?", "where"),
    ("Which countries had rooms in 2022?", "where"),
    ("On which website can it be signed?", "web"),
    ("Quand et où a-t-il été adopté ?", "when"),  # the first kind asked wins
    ("Who wrote it?", "who"),
    ("Which researchers from the lab worked on it?", "who"),  # people answer, as they do "who"
    ("Quel maire a ouvert le symposium ?", "who"),  # the holder of an office
    ("Which groups of people can use the rooms?", None),  # kinds of people, not people
    ("Qui a traduit le guide ?", "who"),
    ("Who chaired it, and who directs it now?", "who"),
    ("Who sits on the forum's core group?", None),  # who belongs: roles answer ("the chair, …")
    ("Qui peut devenir membre du forum ?", None),
    ("What is the low-risk room in Strasbourg called?", "name"),
    ("What is the supervised room that the city opened in 2022 called?", "name"),
    ("Quel est le nom du maire de Lisbonne ?", "name"),
    ("What was decided?", None),
    ("Le texte ou la résolution ?", None),  # "ou" is "or", not "où"
    ("For how long have rooms where people can inject existed?", None),  # "where" says which rooms
    ("Depuis combien de temps existe-t-il des salles où l'on peut consommer ?", None),
    ("According to the report, where did the rooms open?", "where"),
    ("Le symposium s'est tenu où ?", "where"),
    ("Le guide qui parle des salles", None),  # "qui" in mid-sentence asks for no person
    ("À la conférence de Lisbonne, qui a fait le bilan ?", "who"),  # asked after setting the scene
    ("At the closing conference, who took stock of the project?", "who"),
    ("According to the call, who sits on the core group?", None),
    ("What nationality is the author, who spoke in Lisbon?", None),  # "who" says which author
    ("WHO guidelines on drug use?", None),  # the World Health Organization
    ("What is the aim?", None),
    ("On which days was the conference held?", "when"),
    ("Who was mayor when the symposium opened?", "who"),  # a "when" clause says which time, asks none
    ("In which city was the committee meeting when it called for a coalition?", "where"),
    ("When the forum met, what were members asked to propose?", None),
    ("How do the two notes differ on when the strategy was adopted?", "when"),
    ("Since when has the room been open?", "when"),  # a preposition before "when" asks it too
    ("Depuis quand la salle est-elle ouverte ?", "when"),
    ("Bis wann muss der Antrag gestellt werden?", "when"),
    ("What prompted the city to place naloxone in bars?", "why"),  # a reason asked in other words
    ("For what reasons did the forum decline the request?", "why"),
    ("What justification do the evaluators give for the late opening?", "why"),
    ("Pour quelles raisons la ville veut-elle plus de kits ?", "why"),
    ("Which root causes of crime does the manifesto name?", None),  # the causes a text lists
])
def test_the_kind_of_thing_asked_for_comes_from_the_question_words(question, kind):
    assert analyse_question(question).kind == kind


HISTORY = [{"role": "user", "content": "Which guide did Efus publish in 2008?"},
           {"role": "assistant", "content": "The guidelines on front-line services [1]."}]


def test_a_follow_up_keeps_its_own_kind_and_searches_with_the_previous_question():
    question = analyse_question("Who wrote it?", HISTORY)
    assert question.kind == "who"
    assert question.query == "Which guide did Efus publish in 2008? Who wrote it?"
    assert "2008" in question.query_terms and "2008" not in question.terms


@pytest.mark.parametrize("follow_up", ["And when was it adopted?", "Who translated that guide?", "When?",
                                       "Qui l'a traduit ?", "Wer hat sie übersetzt?"])
def test_a_question_that_refers_back_is_searched_with_the_previous_one(follow_up):
    assert analyse_question(follow_up, HISTORY).query.startswith(HISTORY[0]["content"])


@pytest.mark.parametrize("new_topic", ["Who chairs the drug committee of Prague's city council?",
                                       "What does the 2006 Saragossa Manifesto reject?",
                                       "Quelle est la position de l'Efus sur les salles de consommation ?",
                                       "En quelle année l'Efus a-t-il été créé ?",
                                       "Combien de salles y a-t-il à Paris ?"])
def test_a_question_on_a_new_subject_is_searched_on_its_own(new_topic):
    assert analyse_question(new_topic, HISTORY).query == new_topic


@pytest.mark.parametrize("question, required", [
    ("How many people attended?", True),
    ("Combien de villes ?", True),
    ("What was the total budget of the SOLIDIFY project?", True),
    ("Quel était le montant total du budget du projet ?", True),
    ("Who chaired the meeting?", False),
    ("What was the total EU grant awarded to the project?", True),
    ("What was the budget used for?", False),
    ("What was the grant's purpose?", False),
    ("Who set the budget?", False),
    ("What total budget was allocated to the project?", True),
    ("Quel montant la Commission a-t-elle accordé ?", True),
    ("How large a grant did the programme award to the project?", True),
    ("What funding programme supported the project?", False),
    ("Which budget line did the grant come from?", False),
    # A comparison may answer in words ("fewer than…"): only "how many" needs a number.
    ("How do the two documents differ on the number of cities represented?", False),
])
def test_a_question_for_a_number_is_recognised(question, required):
    assert analyse_question(question).quantity.required == required


def test_what_a_count_counts_is_read_from_the_words_after_how_many():
    asked = analyse_question("How many drug consumption rooms did Strasbourg have?").quantity
    assert asked.counted_phrase == "drug consumption rooms"
    assert asked.counted_terms == {"consumpt", "room"}  # the head and the word before it


@pytest.mark.parametrize("question, counted", [
    ("How many drug-related deaths were recorded in the EU in 2012?", {"relat", "death"}),
    ("How many language versions exist?", {"languag", "version"}),  # a verb in the present ends nothing
    ("How many people attended the conference?", {"peopl"}),
    ("How many of the partner cities are in Italy?", {"partner", "citi"}),
    ("Combien de villes partenaires compte le projet ?", {"vill", "partenair"}),  # the head comes first
    ("How many hepatitis C tests were carried out?", {"test"}),  # "hepatitis" is no plural; "c" too short a term
])
def test_a_count_counts_the_head_of_its_noun_phrase(question, counted):
    assert analyse_question(question).quantity.counted_terms == counted


def test_a_second_part_counting_what_it_names_keeps_its_own_count():
    first, second = split_parts(analyse_question(
        "How many tests did the service carry out, and how many of the people tested started treatment?"))
    assert first.quantity.counted_terms == {"test"} and second.quantity.counted_terms == {"peopl"}


def test_a_count_of_a_modifier_alone_does_not_state_the_number_asked():
    asked = analyse_question("How many drug-related deaths were recorded in the EU in 2012?").quantity
    assert not states_quantity("It forms the basis of two consecutive EU Drugs Action Plans.", asked)
    assert states_quantity("In 2012, 6 500 drug-related deaths were recorded.", asked)
    assert analyse_question("Quel est le nombre de villes représentées ?").quantity.counted_terms
    # the name before the counted thing says whose they are
    members = analyse_question("How many Civil Society Forum on Drugs members did the call seek?").quantity
    assert members.counted_phrase == "members"
    assert analyse_question("How many EU Member States signed?").quantity.counted_phrase.startswith("eu member")
    # "how many of the strategy's priorities": what is counted follows whose they are
    whose = analyse_question("How many of the EU strategy's priorities concern supply?").quantity
    assert "prioriti" in whose.counted_terms and "strategi" not in whose.counted_terms
    # "their figures for cities": a count of cities, unless "how many" says what is counted
    figures = analyse_question("The two reports both say who came. How do their figures for cities differ?").quantity
    assert figures.required and "citi" in figures.counted_terms
    both = analyse_question("They give different figures for the conference: how many towns does each report?")
    assert both.quantity.counted_phrase == "towns"
    # a verb where the counted thing would be: nothing is named, so a second part counts the first's
    for elliptic in ("How many signed the declaration?", "How many attended Dunmore's 2017 fair?",
                     "How many does each list?", "Of those referred, how many turned up for the session?"):
        assert analyse_question(elliptic).quantity.counted_phrase == ""
    assert analyse_question("How many registered members came?").quantity.counted_phrase.startswith("registered")
    _, fair = split_parts(analyse_question("How many people took part in the 2011 Dunmore fair, and about how many "
                                           "attended Millbrook's 2017 fair?"))
    assert fair.quantity.counted_phrase == "people took part"


def test_an_ordinal_counts_nothing():
    asked = analyse_question("Combien de personnes ont participé à la conférence de Barcelone ?").quantity
    for other_language in (True, False):
        assert not states_quantity("It also celebrated the 30th anniversary of Efus.", asked,
                                   other_language=other_language)
    assert not states_quantity("C'était la 2e édition du colloque.", asked, other_language=True)
    assert states_quantity("The Barcelona event drew about 800 people.", asked, other_language=True)


def test_what_kind_of_number_is_asked_for():
    assert analyse_question("In which year did the room open?").quantity.kind == "year"
    money = analyse_question("How much EU co-financing, in euros, did the project receive?").quantity
    assert money.money and money.kind == "money"
    # a count of funded things is a count, not a sum
    assert not analyse_question("How many projects received EU funding?").quantity.money
    assert analyse_question("What percentage of members supported it?").quantity.percent


def test_an_edition_language_is_one_asked_for_near_an_edition_word():
    assert analyse_question("the Italian-language edition").edition_languages == {"italian": "it"}
    assert analyse_question("la version italienne du guide").edition_languages == {"italienne": "it"}
    which_city = analyse_question("Which Italian cities took part?")
    assert which_city.edition_languages == {} and which_city.named_languages == {"it"}


def test_names_and_numbers_are_key_terms_but_a_language_or_nationality_is_not():
    assert key_terms("What did the Efus resolution adopted in Amiens in 2018 say?") == ["2018", "efus", "amien"]
    assert "czech" not in key_terms("The Czech presentation of the 2010 Prague Declaration")
    assert "dutch" not in key_terms("Which Dutch harbour city did they visit?")
    assert key_terms("Was ist das Ziel der Kölner Resolution?", "de") == []  # German nouns are capitalised


def test_a_question_names_a_document_when_its_title_holds_all_its_names():
    question = analyse_question("Which rights does the 2006 Saragossa Manifesto say security depends on?")
    assert question.names_document("Manifesto de Saragoça - Saragossa Manifesto on urban security, 2006")
    assert not analyse_question("What did SOLIDIFY find?").names_document("SOLIDIFY guidebook")  # one name


def test_the_language_of_the_question_picks_the_answer_phrasing():
    assert analyse_question("Wann wurde die Resolution in Köln verabschiedet?").language == "de"
    assert analyse_question("Qui a traduit le guide ?").language == "fr"
    assert analyse_question("Who translated the guide?").language == "en"


def test_the_question_is_one_line_and_bad_input_is_a_clear_error():
    assert analyse_question("  Who\n wrote   it? ").text == "Who wrote it?"
    with pytest.raises(AssistantError, match="empty"):
        analyse_question("   ")
    with pytest.raises(AssistantError, match="2001 characters long"):
        analyse_question("x" * 2001)


def test_other_names_of_a_place_the_index_does_not_know_are_searched_too():
    from assistant.answer.question import with_other_names
    question = analyse_question("Which researchers from the University of Padua worked on DC&D II?")
    renamed = with_other_names(question, lambda word: word.lower() != "padua")
    assert "padova" in renamed.other_names["Padua"]
    assert "padova" in renamed.query and renamed.text == question.text


@pytest.mark.parametrize("question, must_state", [
    ("What are the opening hours of the room?", "time"),
    ("At what times of day is the room open to its users?", "time"),
    ("À quelle heure commençait le colloque ?", "time"),
    ("What was the timetable of the second day?", "time"),  # a timetable gives times of day
    ("On which exact date did the Council adopt the plan?", "day"),
    ("Quel jour la salle a-t-elle ouvert ?", "day"),
    ("In which month and year was the project launched?", "month"),
    ("En quel mois la salle a-t-elle ouvert ?", "month"),
    ("Who chairs the forum's working group?", "person"),
    ("What is the name of the President of the Pompidou Group?", "person"),
    ("Quel est le nom du maire de Lisbonne ?", "person"),
    ("Qui a succédé à Willy Demeyer à la présidence de l'Efus ?", "person"),  # an office by its noun
    ("On which website could the declaration be signed?", "web"),
    ("Sur quel site internet peut-on signer la déclaration ?", "web"),
    ("Sur le site de quelle association le texte a-t-il été repris ?", None),  # the site's owner answers
    ("Who wrote the guide?", None),  # an author may be an organisation: preferred, not required
    ("When was it adopted?", None),  # a year or a month answers
    ("Which head of state spoke?", None),
    ("On which days in July was the meeting held?", "day"),
    ("Which Strasbourg mayor greeted the speakers?", "person"),  # one holder, asked for by the office
    ("Quel maire a ouvert le colloque ?", "person"),
    ("Which mayors signed the declaration?", None),  # often answered by their cities
    ("Which presidency of the Council adopted the strategy?", None),  # a country holds it
    ("Which role did the mayor play?", None),
    ("Quel rôle le maire a-t-il joué ?", None),
    ("Which city will host the next symposium?", "future"),  # archived notes report what happened
    ("Où se tiendra la prochaine conférence ?", "future"),
    ("What is the coalition of the willing?", None),
])
def test_what_the_answer_must_state(question, must_state):
    assert analyse_question(question).must_state == must_state


def test_a_fee_or_a_sum_in_a_currency_is_a_sum_to_state():
    for question in ("How large was the EU grant, in euros?", "What was the registration fee?",
                     "How much did the city spend on street cleaning?", "Combien la ville a-t-elle dépensé ?",
                     # a budget with two words before it
                     "What is the annual operating budget of the consumption room?"):
        asked = analyse_question(question).quantity
        assert asked.required and asked.money, question


def test_what_does_it_cost_asks_a_sum():
    for question in ("What does a single visit to the room cost per client?",
                     "What would it cost to keep the facility open around the clock?"):
        asked = analyse_question(question).quantity
        assert asked.required and asked.money, question
    assert not analyse_question("What does the report say about costs?").quantity.required


def test_quelle_somme_asks_a_sum_not_any_number():
    # "trois soirs par semaine" is a number, but no sum
    asked = analyse_question("Quelle somme la convention prévoit-elle pour la maraude ?").quantity
    assert asked.required and asked.money


def test_comment_s_appelle_asks_a_name_as_what_is_the_name_of_does():
    question = analyse_question("Comment s'appelle la chargée d'études qui a mené l'enquête ?")
    assert question.kind == "name" and question.asked_head == "chargee"
    assert analyse_question("Quel est le nom de la salle de consommation ?").kind == "name"


def test_a_question_that_asks_two_things_is_two_parts_and_the_second_may_lean_on_the_first():
    from assistant.answer.question import split_parts
    first, second = split_parts(analyse_question(
        "Who wrote the 2010 commentary on the Prague Declaration, and which organisation was he with?"))
    assert first.text == "Who wrote the 2010 commentary on the Prague Declaration?" and first.kind == "who"
    assert second.text == "which organisation was he with?" and second.query.startswith(first.text)
    assert second.leans_back and not first.leans_back
    independent = split_parts(analyse_question("Where was the 2018 resolution adopted, and how many "
                                               "priorities does the 2021-2025 action plan serve?"))
    assert independent[1].query == "how many priorities does the 2021-2025 action plan serve?"
    assert not independent[1].leans_back
    # a setting before the first question word frames both parts
    _, proportion = split_parts(analyse_question("At the 2024 Riverlight Festival, how many samples were tested, "
                                                 "and what proportion was not what people expected?"))
    assert proportion.text == "At the 2024 Riverlight Festival, what proportion was not what people expected?"
    _, held_up = split_parts(analyse_question("The room opened late. When did it open, and what held it up?"))
    assert held_up.text == "what held it up?"
    # one thing asked, in two words joined by "and"
    assert len(split_parts(analyse_question("In which issue and on what date was the strategy published?"))) == 1
    assert len(split_parts(analyse_question("Which cities and regions have signed up?"))) == 1


@pytest.mark.parametrize("question, second", [
    ("How many pharmacies should the scheme cover, and by when?", "by when?"),
    ("Which two nurses staffed the Millbrook night shelter in 2024, and since what year has it been open?",
     "since what year has it been open?"),
    ("Qui dirige le centre d'accueil de Millbrook, et depuis quand est-il ouvert ?", "depuis quand est-il ouvert ?"),
    ("Wer leitet die Notschlafstelle in Millbrook, und seit wann ist sie geöffnet?", "seit wann ist sie geöffnet?"),
])
def test_a_second_question_may_open_with_a_preposition(question, second):
    from assistant.answer.question import split_parts
    parts = split_parts(analyse_question(question))
    assert [p.text for p in parts][1:] == [second]
    assert parts[0].quantity.year is False  # the first part no longer asks for the second's year


@pytest.mark.parametrize("question, parts", [
    ("Which grants funded the Millbrook Shelter Project and the Dunmore Outreach Scheme respectively?",
     ["Which grants funded the Millbrook Shelter Project?", "Which grants funded the Dunmore Outreach Scheme?"]),
    ("What are the reference numbers of the 2019 Harbour Plan and of the 2023 Harbour Strategy?",
     ["What are the reference numbers of the 2019 Harbour Plan?", "What are the reference numbers of the 2023 Harbour Strategy?"]),
    ("Which body ran the Millbrook shelter on the one hand and the Dunmore clinic on the other?",
     ["Which body ran the Millbrook shelter?", "Which body ran the Dunmore clinic?"]),
    ("Who organised both the 2019 Millbrook forum and the 2021 Dunmore forum?",
     ["Who organised the 2019 Millbrook forum?", "Who organised the 2021 Dunmore forum?"]),
    ("Quelles sont les références de la Stratégie 2021 et du Plan d'action 2022 ?",
     ["Quelles sont les références de la Stratégie 2021?", "Quelles sont les références du Plan d'action 2022?"]),
])
def test_one_question_asked_of_two_named_things_is_asked_of_each(question, parts):
    assert [part.text for part in split_parts(analyse_question(question))] == parts


def test_the_second_named_thing_may_refer_back_to_the_first():
    first, second = split_parts(analyse_question(
        "Under which references were the 2019 Harbour Plan and its 2023 successor published?"))
    assert first.text == "Under which references were the 2019 Harbour Plan?"
    assert second.text == "Under which references were its 2023 successor published?"
    assert second.query.startswith(first.text)


@pytest.mark.parametrize("question", [
    "What did the report say about the police and the courts?",  # no names: one subject
    "What are the differences between the 2019 plan and the 2023 plan?",  # asked between them
    "How do the 2019 Harbour Plan and the 2023 Harbour Strategy differ on funding?",  # a comparison
    # the question goes on past the second thing, and where that ends is unknown
    "What start dates do the Millbrook brochure and the Dunmore partner page of the regional university give for it?",
    "The Millbrook report and the Dunmore brochure both describe the networks. How many cities do they list?",
])
def test_things_joined_by_and_stay_one_question_unless_each_is_named_and_the_question_ends_with_them(question):
    assert len(split_parts(analyse_question(question))) == 1


@pytest.mark.parametrize("question, compares", [
    ("How do the annual report and the press release differ on the number of visitors?", True),
    ("What budget does the strategy give, compared with the action plan?", True),
    ("How many rooms are there according to the survey, and according to the city's website?", True),
    ("Comment le rapport et le communiqué diffèrent-ils sur la date ?", True),
    ("Wie unterscheiden sich die beiden Fassungen?", True),
    ("Why do the large differences in drug laws matter to cities?", False),  # a subject, not two sources
    ("How many rooms opened in 2019, and where?", False),
    ("The survey and the website disagree on the rooms: how many does each list?", True),
    ("The summary and the brochure both describe the networks: how many cities does each say they cover?", True),
    ("According to the news item and the published report, how many cities took part?", True),
    ("The survey and the annual report both describe the network. How many cities do they say it covers?", True),
    ("Which projects did both the city and the region fund?", False),  # "both" joins the funders
    ("According to the report, how many cities and regions took part?", False),  # one source
    ("How long was each of the two action plans meant to last?", False),
    ("Do the annual report and the website agree on how many rooms there are?", True),
    ("How many cities joined, and do the sources give the same figure?", True),
    ("Which cities agreed to host the meetings?", False),  # cities agreeing, not sources
    ("What agreement did the ministers reach?", False),
])
def test_a_question_setting_sources_side_by_side_is_recognised(question, compares):
    assert analyse_question(question).compares is compares


def test_a_bare_second_question_keeps_the_first_ones_tense():
    parts = split_parts(analyse_question("Which city will host the third symposium on the rooms, and when?"))
    assert [part.must_state for part in parts] == ["future", "future"]
    parts = split_parts(analyse_question("Which city hosted the third symposium on the rooms, and when?"))
    assert [part.must_state for part in parts] == [None, None]


def test_the_words_naming_the_source_are_known():
    assert analyse_question("Which services do the rooms offer, according to the EMCDDA's 2016 analysis?") \
        .source_terms == {"emcdda", "2016", "analysi"}
    # a word the question asks about stays a term of the question
    assert analyse_question("Selon le communiqué de l'Efus, que demande le communiqué ?").source_terms == {"efus"}
    assert analyse_question("What did Efus say about the rooms?").source_terms == frozenset()


def test_the_office_asked_about_is_known_by_whose_it_is():
    assert analyse_question("Who was the mayor of Strasbourg who opened the symposium?").office_of == {"strasbourg"}
    assert analyse_question("Quel est le nom du maire de Lisbonne qui a accueilli la conférence ?").office_of \
        == {"lisbonn"}
    assert analyse_question("Who was President of the Council of Europe's Pompidou Group in 2021?").office_of \
        == {"council", "europ", "pompidou", "group"}
    assert analyse_question("What is the name of the Pompidou Group president who was greeted?").must_state == "person"
    assert analyse_question("Who chairs the forum?").office_of == frozenset()
    assert analyse_question("Which Strasbourg mayor opened the symposium?").office_of == {"strasbourg"}
    assert analyse_question("Who is the Executive Director of the EMCDDA?").office_of == {"emcdda"}
    assert analyse_question("What did the mayor of Paris say about the room?").office_of == frozenset()  # no holder asked
    assert office_places("Bernard Rivaillé, maire de Lormont, qui préside le FFSU, a pris la parole.") == [("Lormont",)]
    assert office_places("Its director, Paul Martin, trained as a nurse.") == []
    assert office_places("…given by the Deputy Secretary General of the Council of Europe, Bjorn Berge.") \
        == [("Council", "Europe")]  # a title of several words


def test_the_office_asked_is_the_first_the_question_names():
    from assistant.answer.question_kinds import office_asked, offices_named
    assert office_asked("What is the name of the President of the Pompidou Group whom the Deputy Secretary "
                        "General greeted?") == "chair"
    assert office_asked("Qui était le maire de Strasbourg ?") == "mayor"
    assert office_asked("Who heads the room?") == "any"
    assert office_asked("Who opened the symposium?") is None
    assert offices_named("Bjorn Berge, Deputy Secretary General of the Council of Europe") == {"secretary"}
    assert offices_named("Bernard Rivaillé, maire de Lormont, qui préside le FFSU") == {"mayor", "chair"}


@pytest.mark.parametrize("question, items", [
    ("Into which 12 areas are the conference's recommendations grouped?", 12),
    ("Which three countries signed the declaration?", 3),
    ("What are the seven principles of the declaration?", 7),
    ("Which two cities hosted it?", 0),  # two is a pair, not a list
    ("Which 2019 report says so?", 0),  # a year, not a count
])
def test_a_question_naming_how_many_items_it_wants_asks_for_a_list(question, items):
    assert analyse_question(question).items == items


@pytest.mark.parametrize("question, thing", [
    ("What network did the cities go on to create?", {"network"}),
    ("Quelle imprimerie a imprimé le guide ?", {"imprimeri"}),
    ("Which working group did Efus sit on?", {"work", "group"}),
    ("Which German cities took part?", {"german"}),  # "cities" names only the kind of answer
    ("In which year was it founded?", set()),
    ("What is the subtitle of the manifesto?", set()),  # "what is…" names no thing
])
def test_the_thing_a_what_or_which_question_asks_for(question, thing):
    assert analyse_question(question).asked_thing == thing



def test_a_bridged_chunk_brings_its_whole_note_or_the_chunks_around_it_in_a_long_document():
    from types import SimpleNamespace

    from assistant.answer.retrieval import _rest_of_document

    def document(chunks: int):
        ids = [f"d-{i:05d}" for i in range(chunks)]
        listed = [SimpleNamespace(chunk_id=cid, doc_id="d") for cid in ids]
        return SimpleNamespace(chunks=listed, position={cid: i for i, cid in enumerate(ids)}, by_document={"d": listed})

    note = document(5)
    assert _rest_of_document(note, "d-00003", 6) == ["d-00003", "d-00000", "d-00001", "d-00002", "d-00004"]
    report = document(40)
    assert _rest_of_document(report, "d-00020", 6) == ["d-00020", "d-00018", "d-00019", "d-00021", "d-00022",
                                                       "d-00023"]
    assert _rest_of_document(report, "d-00039", 6)[1:] == [f"d-{i:05d}" for i in range(34, 39)]
    assert _rest_of_document(report, "d-00000", 1) == ["d-00000"]


def test_a_second_part_asking_when_after_a_time_of_day_asks_a_time_too():
    first, second = split_parts(analyse_question("At what time did the colloquium begin, and when did it finish?"))
    assert first.must_state == second.must_state == "time"
    _, dated = split_parts(analyse_question("On which exact date did it begin, and when did it finish?"))
    assert dated.kind == "when" and dated.must_state is None


def test_a_second_part_counting_nothing_it_names_counts_what_the_first_part_counts():
    first, second = split_parts(analyse_question(
        "How many towns does the Millbrook league's brochure list, and how many does the Dunmore database give?"))
    assert first.quantity.counted_phrase == "towns"
    assert second.quantity.counted_terms == first.quantity.counted_terms
    _, own = split_parts(analyse_question("How many towns joined the Millbrook league, and how many members does "
                                          "the Dunmore board have?"))
    assert own.quantity.counted_phrase == "members"


def test_a_question_setting_two_sources_side_by_side_stays_one_comparison():
    # each part alone would lose what the other source is asked about
    asked = analyse_question("How many towns does the Millbrook league cover according to its brochure, and how "
                             "many according to the Dunmore database?")
    assert asked.compares and split_parts(asked) == [asked]


def test_a_second_part_naming_no_year_is_about_the_first_parts_years():
    _, plan = split_parts(analyse_question(
        "When did the board approve the Millbrook Plan 2021-2025, and under which reference was the accompanying "
        "charter published?"))
    assert plan.quantity.years == frozenset({"2021", "2025"})
    _, own = split_parts(analyse_question("When did the board approve the Millbrook Plan 2021-2025, and since what "
                                          "year has Dunmore been a member?"))
    assert own.quantity.years == frozenset()


def test_a_document_naming_only_the_last_year_of_a_span_names_no_year_asked():
    from assistant.answer.quantities import span_ends_in

    assert span_ends_in("the Strategy 2013-2020 and the plan 2021–25, adopted in 2019") == {"2020", "2025"}
    strategy = analyse_question("In which issue was the EU Drugs Strategy 2013-2020 published?")
    assert strategy.quantity.names_none_of(frozenset({"2020", "2021", "2025"}))  # the 2021-2025 Strategy's note
    assert not strategy.quantity.names_none_of(frozenset({"2012", "2013"}))
    # a year alone, or the last year of a span asked on its own, still counts
    assert not analyse_question("What happened in 2020?").quantity.names_none_of(frozenset({"2020"}))
    _, second = split_parts(analyse_question("Who drafted the Strategy 2013-2020, and where was it published?"))
    assert second.quantity.names_none_of(frozenset({"2020", "2021"}))


def test_a_comparison_reads_first_the_documents_naming_the_years_it_is_about():
    from assistant.answer.retrieval import _naming_the_years_first

    years = {"a": frozenset({"2006"}), "b": frozenset({"2017"}), "c": frozenset({"2017", "2018"}), "d": frozenset()}
    asked = analyse_question("How do the accounts of the 2017 conference differ on how many cities came?")
    assert _naming_the_years_first(["a", "b", "d", "c"], asked.quantity, years.get) == ["b", "c", "a", "d"]
    undated = analyse_question("How do the accounts differ on how many cities came?")
    assert _naming_the_years_first(["a", "b"], undated.quantity, years.get) == ["a", "b"]
    # of a span, its first year: the 2021-2025 note names 2020 too
    assert analyse_question("How do the Strategy 2013-2020's two summaries differ?").quantity.subject_years == {"2013"}


def test_the_names_a_question_uses_skip_its_first_word_only():
    # a sentence's first word is capitalised whatever it is
    assert name_terms("What did the EMCDDA say?") == {"emcdda"}
    # a later part opens in lower case: its first name is still a name
    first, second = split_parts(analyse_question(
        "How often does the Forum meet according to Efus, and who chairs the Commission's expert group?"))
    assert name_terms(second.text) == {"commiss"}


@pytest.mark.parametrize("text, which", [
    ("Which venue in Lisbon hosted the closing conference?", True),
    ("What is the name of the room that opened in Liège?", True),
    ("Where did Efus adopt its resolution on local drug policy?", False),  # the rules check for a place
    ("How many cities took part?", False),  # the rules check for a number
    ("What is the Pompidou Group?", False),  # an open question
])
def test_a_question_asking_which_thing_of_a_kind_is_told_apart(text, which):
    """Only these go to the answer judge: no rule checks what kind of thing answers them."""
    assert analyse_question(text).asks_which_thing is which


def test_a_second_sentence_after_the_question_mark_names_nothing_by_its_capital():
    """ "Name several." is an instruction, not a name the documents must mention."""
    question = analyse_question("What challenges was the strategy meant to address, according to the EUR-Lex "
                                "summary? Name several.")
    assert proper_names(question.text) == ["EUR", "Lex"]
    assert proper_names("The room opened in 2016. Strasbourg then funded it.") == ["Strasbourg"]


@pytest.mark.parametrize("text, head", [
    ("Which consultancy carried out the interim evaluation?", "consultancy"),
    ("Which women's prison is due to join the programme?", "prison"),
    ("Which evidence-based programme from another country was it adapted from?", "programme"),
    ("What is the name of the outreach van's operator?", "operator"),
    ("Quel cabinet a réalisé l'évaluation ?", "cabinet"),
    ("Which organisations took part?", None),  # a plural asks for several, not one unnamed
    ("Which city hosted the meeting?", None),  # a kind word: the rules on places judge it
    ("What did the report conclude?", None),
    ("Which laboratory confirms the unclear results?", "laboratory"),  # a verb in -s before "the"
    ("Under what General Secretariat note number was it sent?", None),  # a number is stated, not named
])
def test_the_one_thing_a_question_asks_to_name(text, head):
    assert analyse_question(text).asked_head == head


@pytest.mark.parametrize("text, several", [
    ("Which new or evolving developments does the strategy respond to?", True),
    ("What subjects was the conference meant to discuss?", True),
    ("What are the seven principles of the declaration?", True),
    ("Quelles sont les priorités du plan ?", True),
    ("What new psychoactive substance was found?", False),
    ("Which city hosted the meeting?", False),
    ("What did the report conclude?", False),
])
def test_a_question_asking_for_several_things(text, several):
    assert asks_for_several(text) is several


def test_two_names_joined_by_and_each_get_their_own_answer():
    lanvale, dunmarrow = split_parts(analyse_question("How many needle finds did Lanvale and Dunmarrow each record?"))
    assert (lanvale.text, dunmarrow.text) == ("How many needle finds did Lanvale record?",
                                              "How many needle finds did Dunmarrow record?")
    assert len(split_parts(analyse_question("What does the Health and Wellbeing Board fund each year?"))) == 1


def test_named_choices_set_side_by_side_are_a_comparison():
    assert analyse_question("Which town relied more on nasal spray, Brennisford or Halvermouth?").compares
    assert analyse_question("Which event drew more people: the Vienna conference or the Strasbourg symposium?").compares
    assert not analyse_question("What is the role of the police or of NGOs?").compares
