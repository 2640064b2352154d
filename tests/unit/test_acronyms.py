"""Short forms the documents define, and questions that name the long form finding them."""

import pytest

from assistant.answer.question import analyse_question, with_short_forms
from assistant.answer.vocabulary import Vocabulary
from assistant.language.acronyms import defined_pairs, definitions


@pytest.mark.parametrize("text, pair", [
    ("the European Forum for Urban Security (Efus) adopted", ("efus", "european forum for urban security")),
    ("the European Monitoring Centre for Drugs and Drug Addiction (EMCDDA) / EU Drugs Agency (EUDA)",
     ("euda", "eu drugs agency")),
    ("supervised drug consumption rooms (DCRs) are", ("dcrs", "drug consumption rooms")),
    ("Bernard Rivaillé préside le FFSU (Forum français pour la sécurité urbaine).",
     ("ffsu", "forum francais pour la securite urbaine")),
    ("von Efus, dem Europäischen Forum für urbane Sicherheit, am 5. Dezember",
     ("efus", "europaischen forum fur urbane sicherheit")),
    ("Das Deutsch-Europäische Forum für Urbane Sicherheit (DEFUS) berichtete",
     ("defus", "deutsch-europaische forum fur urbane sicherheit")),
    ("associés à l'ARS (agence régionale de santé) du Grand Est", ("ars", "agence regionale de sante")),
    ("(no. 2004311, run by FESU, the Forum Européen pour la Sécurité Urbaine) and",
     ("fesu", "forum europeen pour la securite urbaine")),
])
def test_a_definition_is_found_in_each_shape(text, pair):
    assert pair in definitions(text)


@pytest.mark.parametrize("text", [
    "the Civil Society Forum on Drugs (CSF), which",  # "Drugs" gives no letter: not spelled out
    "held in Lisbon (Portugal) in May",
    "a report by Peter Sarosi (HCLU)",
    "Efus, the organiser, said",
])
def test_words_that_do_not_spell_the_short_form_define_nothing(text):
    assert definitions(text) == set()


def test_pairs_gather_every_long_form_of_a_short_form():
    pairs = defined_pairs(["the European Forum for Urban Security (Efus)",
                           "Efus, the European Forum for Urban Safety, and"])
    assert pairs == {"efus": frozenset({"european forum for urban security", "european forum for urban safety"})}


def test_a_sentence_using_the_short_form_holds_the_long_form_a_question_names():
    forms = Vocabulary({}, {"efus": frozenset({"european forum for urban security"})}).short_forms
    question = with_short_forms(analyse_question("When was the European Forum for Urban Security founded?"), forms)
    assert question.with_long_forms({"efus", "found", "1987"}) >= {"european", "forum", "urban", "secur", "found"}
    assert question.with_long_forms({"found", "1987"}) == {"found", "1987"}
    assert "efus" not in question.query_terms  # an equivalent, not one more word to match


def test_a_question_naming_only_some_words_of_the_long_form_is_left_alone():
    forms = Vocabulary({}, {"efus": frozenset({"european forum for urban security"})}).short_forms
    question = analyse_question("Which European forum met in Lisbon on urban drug policy?")
    assert with_short_forms(question, forms) == question
