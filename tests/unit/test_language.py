"""Matching words across the corpus languages: folding, stems, cognates, names of places and people."""

from assistant.language.cognates import cognate_key, cognates_among
from assistant.language.normalise import content_terms
from assistant.language.person_names import names_another_person
from assistant.language.place_names import is_people_adjective, known_alternatives, names_another_place


def test_question_words_and_accented_function_words_are_not_search_terms():
    # "Combien" once matched "combien il est utile…", and "été" never matched its folded form.
    assert content_terms("Combien de personnes ont été présentes, d'après l'Efus ?") == ["personn", "present", "efus"]


def test_french_participles_match_their_agreement_and_their_noun():
    assert len({term for word in ("adopté", "adoptée", "adoptés", "adoptées") for term in content_terms(word)}) == 1
    assert content_terms("agree agreed three") == ["agre", "agre", "three"]  # English stems are kept
    assert content_terms("traduit") == content_terms("traduction") == content_terms("traduite")
    assert content_terms("réduit") == content_terms("réduction") == content_terms("reduction")
    assert content_terms("nuit") == ["nuit"]  # too short to be a participle


def test_cognates_share_a_key_across_the_corpus_languages():
    def key(word):
        return cognate_key(content_terms(word)[0])
    assert key("coalition") == key("Koalition") and key("strategies") == key("estratégias")
    assert key("conference") == key("Konferenz") == key("konference") == key("conferência")
    assert key("declaration") == key("deklarace") and key("violence") == key("violência")
    assert key("drug") == "" and key("2006") == ""  # too short or not a word: exact matches only
    assert key("translation") != key("traduction")
    sentence = set(content_terms("O texto recusa estratégias assentes no medo"))
    assert cognates_among({"strategi", "reject"}, sentence) == {"strategi"}


def test_a_place_has_its_other_languages_names():
    assert "padova" in known_alternatives("Padua", lambda word: True)
    assert known_alternatives("Atlantis", lambda word: True) == []


def test_a_country_has_its_other_languages_names():
    # A French question on "la première salle de Belgique" over notes that say "Belgium".
    assert known_alternatives("Belgique", lambda word: word == "belgium") == ["belgium"]
    assert "tschechien" in known_alternatives("Czechia", lambda word: True)


def test_a_where_answer_names_a_place_the_question_does_not():
    assert names_another_place("The conference took place in Lisbon.", "Where was the conference?")
    assert not names_another_place("The mayor of Strasbourg spoke.", "Where in Strasbourg was it?")


def test_a_who_answer_names_a_person_the_question_does_not():
    assert names_another_person("The author is Anne Coppel.", "Who wrote the guide?")
    assert not names_another_person("Efus, the European Forum for Urban Security, met in Paris.", "Who met?")
    assert not names_another_person("It thanks Anne Coppel.", "What did Anne Coppel write?")
    assert names_another_person("Il porte la signature d'Alexandre Feltz.", "Qui signe l'article ?")  # elided "de"
    # a title makes a person whatever the first name, which no list holds
    assert names_another_person("It is co-chaired by the Director of Public Health, Dr. Qiranh Lanchester.",
                                "Who co-chairs the board?")
    assert names_another_person("Councillor Salvesen tabled the motion.", "Who tabled the motion?")
    assert not names_another_person("The Director of Public Health co-chairs it.", "Who co-chairs the board?")


def test_the_adjective_of_a_people_or_a_continent_is_told_from_names():
    assert all(map(is_people_adjective, ["European", "Spanish", "Portuguese", "French", "Belgian", "Czech"]))
    assert not any(map(is_people_adjective, ["Efus", "Technicom", "Milan", "Adrian", "Roubaix", "Schardt"]))


def test_an_author_cited_by_family_name_is_a_person():
    asked = "Which authors does the miniguide cite for its definition?"
    assert names_another_person("Citing Hedrich and colleagues (2010), it defines them as facilities.", asked)
    assert names_another_person("Selon Coppel et al., les salles réduisent les risques.", asked)
    assert not names_another_person("It defines them as facilities under professional supervision.", asked)
    assert not names_another_person("Citing Hedrich and colleagues (2010), it defines them.", "What does Hedrich say?")


def test_a_name_given_as_a_citys_is_a_city_whatever_the_lists_know():
    from assistant.language.place_names import names_another_place, places_named
    assert places_named("Its secretariat is hosted by the city of Velmora.") == ["Velmora"]
    assert "Port Lessany" in places_named("The charter was signed by the City of Port Lessany.")
    assert names_another_place("La réunion s'est tenue dans la ville de Quelmont.", "Où la réunion s'est-elle tenue ?")
    assert places_named("The city council met on Monday.") == places_named("The City Council met.") == []


def test_a_month_or_a_function_word_is_no_place_though_a_town_bears_its_name():
    from assistant.language.place_names import places_named
    assert places_named("It was published in the Official Journal on 24 March 2021.") == []
    assert places_named("**Date:** 3 June\n**From:** Maya\n**Lundi** Most of Selon") == []
    assert places_named("The symposium met in Strasbourg on 3 March.") == ["Strasbourg"]
