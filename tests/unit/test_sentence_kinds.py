"""What a sentence states, for the kinds of thing questions ask for, in the corpus languages."""

import pytest

from assistant.answer.quantities import states_quantity
from assistant.answer.question import analyse_question
from assistant.answer.sentence_kinds import (before_missing_text, gives_name, left_out_clauses, names_the_thing,
                                             points_back, refers_back, states_date, states_reason)


def test_reasons_are_recognised_in_the_corpus_languages():
    for sentence in ("It failed because funding stopped.", "Elle reste délicate à cause des riverains.",
                     "Les villes ouvrent des salles, car elles ont compris le problème.",
                     "Die Räume schließen, weil das Geld fehlt."):
        assert states_reason(sentence), sentence
    assert not states_reason("Visitors left the car park at noon.")
    assert states_reason("The room stayed shut, since the lease had lapsed.")
    for since_of_time in ("Since 2015, a police officer has visited each school.", "It has grown since then.",
                          "Since March the room opens at nine."):
        assert not states_reason(since_of_time), since_of_time


def test_a_consequence_points_back_to_its_reason():
    assert points_back("They should therefore help shape policy at European level.")
    assert points_back("Elles doivent donc participer à la définition des politiques.")
    assert points_back("In response, Europe developed a series of measures.")
    assert states_reason("In response, Europe developed a series of measures.")
    # "thus" inside a sentence is mostly "in this way"; only as an opening does it point back
    assert not points_back("The passage thus contrasts two goals.") and points_back("Thus, cities acted.")
    assert not points_back("Europe developed a series of measures in the 1980s.")


def test_dates_are_recognised_but_the_verb_may_is_not_one():
    for sentence in ("It was adopted in 2010.", "Il a été publié en mars.", "The room opened on 3 May.",
                     "Die Sitzung fand im Juni statt."):
        assert states_date(sentence), sentence
    assert not states_date("Anyone with an interest in drug policy may sign it.")


def test_a_sentence_that_gives_something_a_name():
    assert gives_name("These rooms are sometimes called supervised injecting facilities.")
    assert not gives_name("These rooms offer showers.")


def test_a_note_saying_its_text_breaks_off():
    assert before_missing_text("A fax number is also printed, but it is cut off in the stored text.") is not None
    assert before_missing_text("L'extrait conservé s'interrompt à cet endroit.") is not None
    assert before_missing_text("An dieser Stelle bricht der gespeicherte Auszug ab.") is not None
    assert before_missing_text("The report ends with a call for action.") is None


def left_out_clause(sentence: str) -> str | None:
    """The first gap clause, or None."""
    clauses = left_out_clauses(sentence)
    return clauses[0] if clauses else None


def test_a_left_out_clause_pointing_back_takes_in_the_clause_before():
    assert "housing associations" in left_out_clause(
        "The pilot is run by the probation service and several housing associations, which the report does not list.")
    assert "member cities" in left_out_clause("Three member cities did not sign; the text does not name them.")
    assert "membership" in left_out_clause(
        "The panel's membership is set out in its terms of reference, which are not attached to this summary.")


def test_a_note_saying_its_source_leaves_something_out():
    assert left_out_clause("The item does not state the year of the meeting.") == \
        "the item does not state the year of the meeting."
    assert left_out_clause("Although its title refers to seven principles, the principles themselves are not "
                           "part of the stored excerpt.") == " the principles themselves are not part of the stored excerpt."
    assert left_out_clause("It gives no further detail on the outcome.") is not None
    assert left_out_clause("The funding line is the Public Health Program, for 2002-2006; no grant amount is "
                           "stated.") == " no grant amount is stated."
    assert left_out_clause("The strategy does not replace national policies.") is None
    assert left_out_clause("No country was named host, and the meeting moved.") is not None
    # what is not settled yet, or was never reported, is a gap as much as what a note leaves out
    assert left_out_clause("No date has been set for the Cabinet decision.") is not None
    assert left_out_clause("Results for cannabis were not reported because the method was new.") is not None
    assert left_out_clause("- Le référent police municipale pour cette fiche reste à désigner.") is not None
    assert left_out_clause("No decision was taken on the date.") is None
    assert left_out_clause("At the date of signing, no evaluator had been appointed.") is not None
    assert left_out_clause("So this note contains no figures on seizures at the port.") is not None
    # a count of none is a finding, not a gap
    assert left_out_clause("No deaths have been recorded since the room opened.") is None


def test_a_sentence_may_note_two_gaps():
    assert left_out_clauses("Results by neighbourhood will be published in a later paper; no date has been given "
                            "for it.") == ["results by neighbourhood will be published in a later paper",
                                           " no date has been given for it."]
    # what is planned, with no "later", answers questions about the plan
    assert left_out_clauses("The membership of the panel will be published after the first stage.") == []


def test_two_things_reported_are_two_clauses():
    """The gap is the renewal's, not the funding's or the centre's."""
    assert left_out_clause("She said that funding for the centre runs out in March and that no renewal has "
                           "been confirmed.") == " no renewal has been confirmed."


def states(sentence: str, question: str, same_thing=None) -> bool:
    return states_quantity(sentence, analyse_question(question).quantity, same_thing)


@pytest.mark.parametrize("sentence, question, answers", [
    ("About 250 people attended.", "How many people attended in 2019?", True),
    ("It serves eleven priorities.", "How many priorities?", True),
    ("It was held in 2019.", "How many people attended in 2019?", False),  # the question's own number
    # a year question needs a year; a count from another year's event is not an answer
    ("Three cases were presented.", "In which year did the room open?", False),
    ("The room opened in 1994.", "In which year did the room open?", True),
    ("In April 2019 about 250 people attended.", "How many attended in July 2021?", False),
    ("In July 2021 about 300 people attended.", "How many attended in July 2021?", True),
    # a count must count what the question counts
    ("About 250 people attended a symposium on the rooms.", "How many drug consumption rooms did the city have?",
     False),
    ("The city had three drug consumption rooms.", "How many drug consumption rooms?", True),
    ("Il y avait 20 villes partenaires.", "Combien de villes partenaires ?", True),
    # approximate counts in words
    ("L'Europe compte une trentaine de villes partenaires.", "Combien de villes partenaires ?", True),
    ("Dozens of cities signed it.", "How many cities signed it?", True),
    # an acronym counts what it stands for, either way round
    ("In 2022 more than 100 DCRs were operating worldwide.", "How many drug consumption rooms were operating?", True),
    ("In 2022, 100 drug consumption rooms were operating.", "How many DCRs were operating?", True),
    ("In 2022 more than 100 NGOs were operating worldwide.", "How many drug consumption rooms were operating?", False),
    # the world's count does not answer a count asked of a country, a city or Europe
    ("In 2022 more than 100 DCRs were operating worldwide.", "How many DCRs were operating in France in 2022?", False),
    ("In 2022 more than 100 DCRs were operating worldwide.", "How many DCRs were operating in Europe in 2022?", False),
    ("In 2022, 24 DCRs were operating in France.", "How many DCRs were operating in France in 2022?", True),
    ("In 2022 more than 100 DCRs were operating worldwide.", "How many DCRs were there in the world in 2022?", True),
    ("In 2022 more than 100 DCRs were operating worldwide.",
     "How many DCRs did the European Forum for Urban Security count in 2022?", True),  # a body's name, not a place
    # a percentage question needs a percentage
    ("Meeting on 27-28 November, it passed a resolution.", "What percentage of members supported it?", False),
    ("Some 62% of members voted for it.", "What percentage of members supported it?", True),
    # a year before a title counts nothing
    ("It backs the 2017 Security, Democracy and Cities Manifesto.", "How many member cities does Efus have?", False),
    ("About 2000 member cities took part.", "How many member cities does Efus have?", True),
    ("Efus has 250 member cities and regions.", "How many member cities does Efus have?", True),
    # "the number of X" counts X too
    ("It drew representatives of 140 cities from 40 countries.", "How do they differ on the number of cities?", True),
    ("It drew representatives from 40 countries.", "How do they differ on the number of cities?", False),
    # a question for a sum needs a sum; the French article "un" is not a count
    ("Approved for Commission co-financing, the project started on 1 May 2008 and was due to end on 31 April 2011.",
     "How much EU co-financing, in euros, did the project receive?", False),
    ("The Commission granted EUR 450,000 to the project.", "How much EU co-financing, in euros, did it receive?", True),
    ("It received €1.2 million.", "How much EU co-financing, in euros, did it receive?", True),
    ("Twelve projects received funding.", "How many projects received EU funding?", True),
    ("Un avertissement précise qu'elle n'engage que ses auteurs.", "Quel était le montant ?", False),
])
def test_a_sentence_states_the_number_asked_for(sentence, question, answers):
    assert states(sentence, question) == answers


def test_a_count_of_the_same_thing_under_another_name_answers_when_meanings_are_compared():
    def same_thing(a: str, b: str) -> bool:  # stands in for the encoder's similarity
        return a.startswith("people") and b.startswith("participants")

    assert not states("About 250 participants took part.", "How many people attended the symposium?")
    assert states("About 250 participants took part.", "How many people attended the symposium?", same_thing)


def test_a_time_of_day_and_an_exact_day():
    from assistant.answer.sentence_kinds import states_day, states_time
    for sentence in ("The meeting opened at 9.30.", "Doors open from 10 am.", "Le colloque commence à 14 h.",
                     "Die Sitzung beginnt um 9 Uhr."):
        assert states_time(sentence), sentence
    assert not states_time("It opened in 2019 with 12 places.")
    for sentence in ("It was adopted on 5 December 2024.", "Sie wurde am 5. Dezember 2024 beschlossen.",
                     "Adopted on December 5, 2024.", "Published on 2021-03-24."):
        assert states_day(sentence), sentence
    assert not states_day("It was adopted in December 2024.")


def test_a_web_address():
    from assistant.answer.sentence_kinds import states_web_address
    for sentence in ("Podpis je možný prostřednictvím webu praguedeclaration.com.", "See www.efus.eu.",
                     "It is online at https://example.org/guide."):
        assert states_web_address(sentence), sentence
    for sentence in ("Version 2.0 of the plan was adopted.", "The U.S. delegation spoke, e.g. on prisons.",
                     "Anyone may sign it on the conference website."):
        assert not states_web_address(sentence), sentence


def test_a_question_for_so_many_items_needs_a_quote_with_room_for_them():
    from assistant.answer.requirements import unmet_requirement
    question = analyse_question("What are the seven principles of the declaration?")
    assert question.items == 7
    assert unmet_requirement(question, ["It sets out seven principles; the stored text ends before them."]) == "list"
    assert unmet_requirement(question, ["Its principles: evidence, rights, health, safety, cities, "
                                        "participation and review."]) == ""
    assert analyse_question("Quels sont les trois domaines d'action du plan ?").items == 3
    assert analyse_question("What were the two main areas?").items == 0  # any sentence has a comma
    assert analyse_question("What were the three years of the project about?").items == 0  # a span of time


def test_what_was_planned_or_is_to_come():
    from assistant.answer.sentence_kinds import states_what_is_to_come
    for sentence in ("The Forum's next regular assembly was scheduled for November in Brussels.",
                     "The third symposium will be held in Lisbon.", "La prochaine conférence aura lieu à Nice.",
                     "Die nächste Sitzung ist für Mai geplant."):
        assert states_what_is_to_come(sentence), sentence
    assert not states_what_is_to_come("On 3-4 April 2019 about 250 people attended a symposium in Strasbourg.")


def test_combien_de_temps_asks_how_long_not_how_many():
    assert not analyse_question("Depuis combien de temps l'Europe a-t-elle des salles ?").quantity.required
    assert analyse_question("Combien de villes ont signé ?").quantity.counted_terms == {"vill"}


def test_several_places_asked_for_need_two_the_question_does_not_name():
    from assistant.answer.requirements import unmet_requirement

    meeting = "The committee met in Cologne in December and launched the coalition."
    members = "The coalition's first members were Lisbon, Cologne and Liège."
    several = analyse_question("Which cities have joined the coalition?")
    assert unmet_requirement(several, [meeting]) == "place"
    assert unmet_requirement(several, [members]) == ""
    assert unmet_requirement(analyse_question("Quelles villes ont rejoint la coalition ?"), [meeting]) == "place"
    assert unmet_requirement(analyse_question("In which city did the committee meet?"), [meeting]) == ""


def test_a_city_or_country_asked_for_needs_one_the_question_does_not_name():
    from assistant.answer.requirements import unmet_requirement

    hosted = analyse_question("Which city hosted the ministerial meeting on drugs?")
    # names something new, but no city: a body and its papers
    assert unmet_requirement(hosted, ["The Forum sent the United Nations its position papers."]) == "place"
    assert unmet_requirement(hosted, ["The ministerial meeting was held in Vienna in March."]) == ""
    presidency = analyse_question("Which member state held the presidency of the Council of the EU?")
    assert unmet_requirement(presidency, ["The Council approved the strategy on 18 December 2020."]) == "place"
    assert unmet_requirement(presidency, ["At the time Germany held the presidency of the Council of the EU."]) == ""
    assert unmet_requirement(analyse_question("Dans quelle ville le comité s'est-il réuni ?"),
                             ["Le comité s'est réuni à Cologne."]) == ""


@pytest.mark.parametrize("sentence, refers", [
    ("It was adopted in Amiens.", True), ("Il porte la signature d'Alexandre Feltz.", True),
    ("Diese sollen gemeinsam vorgehen.", True), ("C'est pourquoi l'Efus agit.", True),
    ("The resolution was adopted in Amiens.", False), ("Items were listed.", False), ("Italy joined.", False),
    ("To this end the cities met.", False), ("Ten cities joined.", False)])
def test_a_sentence_opening_with_a_pronoun_refers_back(sentence, refers):
    assert refers_back(sentence) == refers


def test_a_count_in_another_language_answers_whatever_it_counts_but_a_date_does_not():
    asked = analyse_question("How many member towns did the Millbrook league speak for?").quantity
    german = "Der Vorstand sprach im Namen von 180 Mitgliedsgemeinden."
    assert not states_quantity(german, asked)  # read as English, "Mitgliedsgemeinden" is not "member towns"
    assert states_quantity(german, asked, other_language=True)
    for dated in ("Die Sitzung fand am 5. Dezember 2024 statt.", "Konference se konala od 30. září do 2. října.",
                  "La réunion a eu lieu les 5 et 6 décembre.", "Die Liga wurde 1987 gegründet."):
        assert not states_quantity(dated, asked, other_language=True), dated


def test_a_length_of_time_answers_only_a_question_asking_one():
    french = "Il se tenait deux ans après une première édition."
    for question in ("How many people used the Millbrook room in its first year?",
                     "How many member towns did the Millbrook league speak for?"):
        assert not states_quantity(french, analyse_question(question).quantity, other_language=True), question
    asked = analyse_question("How many years after the first edition was the second held?").quantity
    assert states_quantity(french, asked, other_language=True)


def test_a_percentage_in_another_language_counts_no_thing():
    asked = analyse_question("How many inhalation booths does the Millbrook study recommend?").quantity
    assert not states_quantity("La pureté moyenne atteint 68 %, contre 61 % au premier semestre.", asked,
                               other_language=True)
    assert states_quantity("L'étude recommande 4 cabines supplémentaires.", asked, other_language=True)


def test_a_unit_of_time_counts_under_any_of_its_names():
    asked = analyse_question("Depuis combien d'années la ville de Millbrook finance-t-elle la salle ?").quantity
    assert states_quantity("La ville la finance depuis près de trente ans.", asked)  # ans, années
    assert not states_quantity("La ville finance trente lits.", asked)
    asked = analyse_question("For how many months did the Millbrook pilot run?").quantity
    assert states_quantity("The pilot ran for six months.", asked)
    assert not states_quantity("The pilot ran for six weeks.", asked)


def test_a_count_of_years_does_not_count_the_things_named_after_it():
    asked = analyse_question("Combien de salles la ville de Millbrook compte-t-elle ?").quantity
    assert not states_quantity("Millbrook a depuis une trentaine d'années des salles ouvertes la nuit.", asked)
    assert not states_quantity("For thirty years the rooms of Millbrook have opened at night.",
                               analyse_question("How many rooms does Millbrook have?").quantity)
    assert states_quantity("Millbrook compte trente salles.", asked)
    asked = analyse_question("How many years did the rooms of Millbrook stay open?").quantity
    assert states_quantity("For thirty years the rooms of Millbrook stayed open.", asked)


def test_the_quoted_sentences_language_decides_how_a_count_is_matched():
    from assistant.answer.requirements import unmet_requirement

    question = analyse_question("Combien de communes membres compte la ligue de Millbrook ?")
    english = "The Millbrook league speaks for 180 member towns."
    assert unmet_requirement(question, [english], languages=["en"]) == ""
    assert unmet_requirement(question, ["The league was founded on 5 December 1987."], languages=["en"]) == "number"


def test_which_organisation_or_what_is_the_name_of_needs_a_name_the_question_does_not_hold():
    from assistant.answer.requirements import unmet_requirement

    body = analyse_question("Which organisation runs the room that Millbrook opened in 2022?")
    assert unmet_requirement(body, ["Millbrook opened its first supervised room in 2022."]) == "name"
    assert unmet_requirement(body, ["The room is run by the Dunmore Trust."]) == ""
    # "the City of Millbrook" names the question's own place
    assert unmet_requirement(body, ["The room was prepared for years by the City of Millbrook."]) == "name"
    named = analyse_question("Quel est le nom de la salle ouverte à Millbrook ?")
    assert unmet_requirement(named, ["La salle de Millbrook a ouvert en 2022."]) == "name"
    # several bodies may be kinds of bodies, and another term for a thing needn't be a proper name
    several = analyse_question("Which organisations does the Millbrook team work with?")
    assert unmet_requirement(several, ["The team works with the health service and residents' associations."]) == ""
    other = analyse_question("What other name are these rooms given?")
    assert unmet_requirement(other, ["They are also called supervised injection facilities."]) == ""


def test_a_question_opening_with_when_needs_a_quote_that_says_when():
    from assistant.answer.requirements import unmet_requirement
    question = analyse_question("When was the closing speech scheduled?")
    assert unmet_requirement(question, ["The closing speech was to be given by the mayor of Millbrook."]) == "when"
    for said_when in ("The closing speech was set for the afternoon of 3 April.", "It closed two years later.",
                      "Der Abschlussvortrag war für Dienstag geplant.", "It was planned in the early 1990s."):
        assert unmet_requirement(question, [said_when]) == ""
    # "when" inside the question asks no time
    assert unmet_requirement(analyse_question("What did the plan say about offenders when they use drugs?"),
                             ["It called for alternatives to coercive sanctions."]) == ""
    # nor a "when" clause that sets the scene for the question
    assert unmet_requirement(analyse_question("When the forum met, what were members asked to propose?"),
                             ["Members were asked to send proposals for the prevention programme."]) == ""
    # the years in a name ("the 2005-2008 Action Plan") don't say when
    assert unmet_requirement(question, ["The speech covered the interim report on the 2005-2008 Action Plan."]) \
        == "when"
    assert unmet_requirement(analyse_question("In which year did the forum hold its second meeting?"),
                             ["It discussed the EU Drugs Strategy 2013-2020 at its second meeting."]) == "year"
    for dated in ("Since 2019 the forum has met twice.", "Im Jahr 2019 tagte das Forum.", "In 2019 Efus joined.",
                  "Lisbon, 2019: the forum met."):
        assert unmet_requirement(analyse_question("In which year did the forum meet?"), [dated]) == ""


def test_a_question_for_a_nationality_needs_a_country_or_nationality_the_question_does_not_name():
    from assistant.answer.requirements import unmet_requirement
    question = analyse_question("What nationality is Ana Novak, who wrote the third part of the guide?")
    assert unmet_requirement(question, ["Der dritte Teil stammt von Ana Novak."]) == "nationality"
    assert unmet_requirement(question, ["The third part is by Ana Novak, a Slovenian researcher."]) == ""
    assert unmet_requirement(question, ["Ana Novak travaille en Slovénie."]) == ""
    asked_of_a_place = analyse_question("What nationality were the speakers from the Slovenian ministry?")
    assert unmet_requirement(asked_of_a_place, ["The speakers came from the Slovenian ministry."]) == "nationality"


def test_a_question_for_a_position_needs_a_quote_giving_a_title():
    from assistant.answer.requirements import unmet_requirement
    question = analyse_question("What position did Ana Novak hold at the forum when she wrote the commentary?")
    assert unmet_requirement(question, ["This commentary by Ana Novak was published on the forum's website."]) == "role"
    for titled in ("Ana Novak, Deputy Director of the forum, wrote it.", "Ana Novak est déléguée générale adjointe.",
                   "Ana Novak, a researcher at the forum, wrote it."):
        assert unmet_requirement(question, [titled]) == ""
    # a role played is a function, not a title
    assert unmet_requirement(analyse_question("What role do local officials play in drug policy?"),
                             ["They protect the common good."]) == ""


def test_a_question_for_people_by_name_needs_a_quote_naming_someone_new():
    from assistant.answer.requirements import unmet_requirement
    question = analyse_question("Which Efus representative attended the forum's inaugural meeting in Brussels?")
    assert unmet_requirement(question, ["As a member, it attended the inaugural meeting in Brussels, hosted by "
                                        "the Directorate-General for Migration and Home Affairs."]) == "person"
    assert unmet_requirement(question, ["Efus was represented by Marta Kovac at the inaugural meeting."]) == ""
    # a kind of people, or people who do something, is no request for names
    assert unmet_requirement(analyse_question("Which group of people does the resolution plan to train?"),
                             ["It plans to train municipal staff."]) == ""
    assert unmet_requirement(analyse_question("Through which website could people sign the declaration?"),
                             ["It could be signed at declaration.example.org."]) == ""


def test_how_often_is_answered_by_a_frequency():
    from assistant.answer.question_kinds import asks_frequency
    from assistant.answer.sentence_kinds import states_frequency
    assert asks_frequency("How often does the forum meet?") and asks_frequency("À quelle fréquence se réunit-il ?")
    assert not asks_frequency("How many members does the forum have?")
    for said in ("It meets normally once a year.", "It meets several times each year.", "Il se réunit deux fois par an.",
                 "Das Forum tagt jährlich.", "Elections are held every two years."):
        assert states_frequency(said), said
    assert not states_frequency("The forum met in Brussels in 2019.")


def test_how_long_is_answered_by_a_length_of_time():
    from assistant.answer.question_kinds import asks_how_long
    from assistant.answer.sentence_kinds import states_duration
    assert asks_how_long("How long has Efus worked on drugs?") and asks_how_long("Depuis combien de temps ?")
    assert not asks_how_long("How many years did the strategy cover?")
    for said in ("It has worked on drugs for more than 30 years.", "depuis près de trente ans",
                 "three decades of work", "Die Sitzung dauerte zwei Tage."):
        assert states_duration(said), said
    for said in ("The first event of this type had been held in 2019.", "It met in 2019, years after."):
        assert not states_duration(said), said


def test_a_date_of_another_city_does_not_answer_when_something_happened_in_the_city_asked():
    from assistant.answer.requirements import unmet_requirement
    question = analyse_question("In what year did Liège open its drug consumption room?")
    assert unmet_requirement(question, ["A 2022 news item reports Brussels opening a consumption room."]) == "year"
    assert unmet_requirement(question, ["The room opened in Liège in 2018."]) == ""
    assert unmet_requirement(question, ["The room opened in 2018."]) == ""  # names no city: may be Liège's
    assert unmet_requirement(analyse_question("When did the Köln meeting take place?"),
                             ["The committee met in Cologne in December 2024."]) == ""  # another name of the city


def test_a_month_asked_for_needs_a_quote_naming_one():
    from assistant.answer.requirements import unmet_requirement

    launched = analyse_question("In which month and year was the project launched?")
    assert unmet_requirement(launched, ["The article mentions the project, launched in 2018."]) == "month"
    assert unmet_requirement(launched, ["Launched in January 2018, the project ran for three years."]) == ""
    assert unmet_requirement(analyse_question("En quel mois la salle a-t-elle ouvert ?"),
                             ["La salle a ouvert en novembre 2016."]) == ""


@pytest.mark.parametrize("sentence, about_the_copy", [
    ("The stored excerpt covers the first five strategic priorities and the number of the sixth.", True),
    ("This excerpt comes from a call inviting organisations to apply for membership.", True),
    ("The stored copy holds just the summary and contents list of the landing page.", True),
    ("The page lists six language versions: DE, EN, ES, FR, IT and PT.", False),
    ("The strategy was adopted in December 2012.", False),
])
def test_a_sentence_describing_the_stored_copy_is_told_from_one_reporting_the_source(sentence, about_the_copy):
    from assistant.answer.sentence_kinds import about_the_stored_copy
    assert about_the_stored_copy(sentence) is about_the_copy


def test_a_sentence_naming_the_thing_asked_beside_the_word_for_it():
    asked = "which prison are the participants leaving?"
    assert names_the_thing("The programme is for people leaving Caskmoor Prison.", "prison", asked)
    assert names_the_thing("It was run by the NGO Lanterna Outreach.", "ngo", "which ngo ran it?")
    assert names_the_thing("It was done by a consultancy, Norrbeck Analytics.", "consultancy", "which consultancy?")
    assert not names_the_thing("People leaving prison face a high risk.", "prison", asked)
    assert not names_the_thing("Many left Caskmoor Prison.", "prison", "how many left caskmoor prison?")


def test_a_decision_to_act_says_what_is_to_come():
    from assistant.answer.sentence_kinds import states_what_is_to_come
    assert states_what_is_to_come("The committee agreed to install six new sharps bins, at:")
    assert states_what_is_to_come("Le conseil a décidé de créer une brigade de nuit.")
    assert not states_what_is_to_come("The committee installed six new sharps bins in May.")
