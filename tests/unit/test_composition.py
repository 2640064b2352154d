"""Choosing quotes, checking the model's sentences and composing the cited answer, on hand-built
passages: no model is needed to state what an answer shows."""

import re

from assistant.answer.composition import compose_answer, compose_lead, model_has_said_enough
from assistant.answer.evidence import Evidence, from_documents_naming, rare_names
from assistant.answer.params import TUNING
from assistant.answer.question import analyse_question
from assistant.answer.quotes import choose_quotes
from assistant.answer.refusal import gap_where_the_answer_would_be
from assistant.answer.retrieval import snapshot_of
from assistant.answer.verification import Claim, finished_sentences, verify_claims
from assistant.language.lexicon import Lexicon
from assistant.schema import Chunk, Passage


def passage(text: str, doc_id: str = "d", chunk_id: str = "k-00000", title: str = "A note", start: int = 0,
            language: str = "") -> Passage:
    return Passage(chunk_id=chunk_id, doc_id=doc_id, source=f"{doc_id}.md", title=title, text=text, start=start,
                   end=start + len(text), language=language)


def sentence(source: Passage, words: str, score: float = 1.0) -> Evidence:
    """The evidence for `words`, which stand in `source`'s text."""
    start = source.start + source.text.index(words)
    return Evidence(source, words, start, start + len(words), score)


def compose(question: str, evidence: list[Evidence], context: list[Passage], claims: list[Claim] = ()):
    asked = analyse_question(question)
    return compose_answer(asked, list(claims), choose_quotes(asked, evidence, context))


def test_a_lead_in_sentence_is_quoted_with_what_it_announces():
    text = ("Two main ways of operating are identified. Integrated rooms sit inside wider services. "
            "Specialised rooms offer a smaller set of services. Funding is discussed elsewhere in a long "
            "section that the quote should not reach, because a quote that runs on for this long, through "
            "sentence after sentence, would make the answer hard to read at a glance, and it goes on "
            "further still, listing budgets, staff, premises, opening hours, evaluations and the many "
            "reports written about each of them over the years.")
    assert len(text) > TUNING.max_quote_chars
    rooms = passage(text, start=100)
    composed = compose("What ways of operating are there?", [sentence(rooms, "Two main ways of operating are "
                                                                             "identified.")], [rooms])
    assert "Integrated rooms" in composed.text and "Specialised rooms" in composed.text
    assert "Funding" not in composed.text
    assert text.startswith(composed.citations[0].highlight)  # the highlighted words are the passage's own


def test_every_marker_points_at_the_citation_of_the_passage_it_rests_on():
    first, second = passage("The room opened in 1994 in Frankfurt.", "a", "a-00000"), \
        passage("The second room opened in 2001 in Hamburg.", "b", "b-00000")
    claim = Claim("The second room opened in 2001 in Hamburg.", second, second.text)
    composed = compose("When and where did the rooms open?", [sentence(first, first.text)], [first, second],
                       [claim])
    # "The source says: “<quote>” [1] <claim> [2]": the quote leads, the model's verified sentence follows
    markers = [int(n) for n in re.findall(r"\[(\d+)\]", composed.text)]
    assert markers == [1, 2]
    assert [composed.citations[n - 1].doc_id for n in markers] == ["a", "b"]
    assert composed.text.endswith(f"{claim.text} [2]")


def test_a_model_sentence_that_repeats_the_quote_is_not_shown_twice():
    vienna = passage("The conference was held in Vienna on 23, 24 and 25 February. It attracted over 140 people.")
    first = "The conference was held in Vienna on 23, 24 and 25 February."
    claim = Claim(first[:-1], vienna, first)
    composed = compose("When was the conference held?", [sentence(vienna, first)], [vienna], [claim])
    assert composed.text.count("23, 24 and 25 February") == 1


def test_a_model_sentence_said_twice_is_shown_once():
    strategy = passage("The Strategy was published as OJ C 102 I. Its document number is ST/13932/2020/INIT.")
    repeated = "The Council document number is ST/13932/2020/INIT"
    claims = [Claim(repeated, strategy, strategy.text), Claim(repeated + ".", strategy, strategy.text)]
    composed = compose("What is its document number?", [sentence(strategy, "The Strategy was published as OJ C "
                                                                           "102 I.")], [strategy], claims)
    assert composed.text.count("The Council document number is") == 1


def test_a_long_quote_keeps_its_end_where_a_list_puts_its_last_item():
    cities = ", ".join(f"City{n} (FR)" for n in range(40))
    network = passage(f"The network's partners are: {cities} and Nottinghamshire Police Authority (UK).")
    composed = compose("Which British body is a partner?", [sentence(network, network.text)], [network])
    quote = re.search(r"“(.*)”", composed.text).group(1)
    assert quote.startswith("The network's partners are:") and quote.endswith("Police Authority (UK).")
    assert " … " in quote and len(quote) <= TUNING.max_quote_chars + 3
    head, tail = quote.split(" … ")  # the parts kept are the passage's own words, cut between words
    assert network.text.startswith(head) and network.text.endswith(tail) and not head.endswith(" ")


def test_a_long_quote_keeps_the_clause_holding_the_questions_terms_instead_of_its_opening():
    measures = ", ".join(f"measure {n} on prevention" for n in range(12))
    plan = passage(f"The plan lists {measures}. It urges that the legislative package on new psychoactive "
                   "substances, which the Commission tabled in August 2016, be adopted without delay, and it "
                   "closes with a general call for further research on drug markets across the whole Union.")
    composed = compose("When did the Commission table the legislative package on new psychoactive substances?",
                       [sentence(plan, plan.text)], [plan])
    quote = re.search(r"“(.*)”", composed.text).group(1)
    assert quote.startswith("… ") and "tabled in August 2016" in quote
    assert len(quote) <= TUNING.max_quote_chars + 6
    assert all(part in plan.text for part in quote.strip("… ").split(" … "))  # the passage's own words


def test_another_document_is_quoted_only_for_a_part_of_the_question_the_first_leaves_open():
    strategy = passage("The Cyprus Anti-drugs Council drafted the strategy during the presidency. "
                       "The strategy runs from 2013 to 2020.", "strategy", "s-00000", "EU drugs strategy 2013-2020")
    plan = passage("The Council adopted the strategy 2013-2020 in December 2012.", "plan", "p-00000",
                   "EU action plan on drugs 2017-2020")
    room = passage("The low-risk room in Strasbourg is called Argos.", "room", "r-00000", "Strasbourg's room")
    best = sentence(strategy, "The Cyprus Anti-drugs Council drafted the strategy during the presidency.")

    def cited(question: str, other: Passage) -> set[str]:
        composed = compose(question, [best, sentence(other, other.text, 0.95)], [strategy, other])
        return {c.doc_id for c in composed.citations}

    # the first document already answers every part: the other adds a citation, not an answer
    assert cited("Which council drafted the 2013-2020 drugs strategy?", plan) == {"strategy"}
    # a second part that the first document never mentions is answered by the other one
    assert cited("Which council drafted the strategy, and what is the low-risk room called?", room) == \
        {"strategy", "room"}


def test_a_best_sentence_in_another_language_brings_no_other_document_beside_it():
    # Its words can't be matched against the question's, so it seems to leave every part open.
    printer = passage("Gedruckt wurde der Leitfaden im März 2020 von Technicom in Boulogne.", "guide-de", "g-00000",
                      "SOLIDIFY-Leitfaden", language="de")
    news = passage("The guidebook on drug consumption rooms was presented at the final conference.", "news",
                   "n-00000", "SOLIDIFY conference", language="en")
    evidence = [sentence(printer, printer.text), sentence(news, news.text, 0.95)]
    quotes = choose_quotes(analyse_question("Which firm printed the German edition of the guidebook?"), evidence,
                           [printer, news])
    assert [q.chosen.doc_id for q in quotes] == ["guide-de"]
    # nor does a runner-up in another language beside a best sentence in the question's
    founded = passage("Efus was founded in 1987 in Barcelona.", "efus", "e-00000", "Efus", language="en")
    german = passage("Das Europäische Forum für Urbane Sicherheit berichtete über eine Resolution.", "defus",
                     "d-00000", "DEFUS", language="de")
    evidence = [sentence(founded, founded.text), sentence(german, german.text, 0.95)]
    quotes = choose_quotes(analyse_question("In what year was the European Forum for Urban Security founded?"),
                           evidence, [founded, german])
    assert [q.chosen.doc_id for q in quotes] == ["efus"]


def test_a_quoted_list_shows_the_opening_of_every_item_and_stops_where_the_list_ends():
    items = ["support for families of people who use drugs, through counselling offered in every district",
             "outreach teams working at night in the stations and the parks of the city centre",
             "training for police officers on naloxone and on referring people to treatment services",
             "a shared database of services, updated each month by the city and its partners",
             "evaluation by an independent university team, reported to the council every year"]
    text = ("The plan sets five priorities:\n" + "\n".join(f"{n}. {item};" for n, item in enumerate(items, 1))[:-1]
            + ".\n\nIts budget is discussed in a separate annex that the quote should not reach.")
    plan = passage(text)
    composed = compose("What are the plan's five priorities?", [sentence(plan, "The plan sets five priorities:")],
                       [plan])
    for first_words in ("support for families", "outreach teams", "training for police", "a shared database",
                        "evaluation by an independent"):
        assert first_words in composed.text
    assert "annex" not in composed.text and len(composed.text) <= TUNING.max_answer_chars


def test_a_list_item_chosen_alone_is_shown_with_its_list_when_it_fits_or_several_things_are_asked():
    short = passage("Drop-in centres usually offer:\n- clean needles;\n- counselling;\n- basic medical care, and "
                    "referral to treatment.\n\nThey opened in 1990.")
    composed = compose("What services do drop-in centres offer?", [sentence(short, "- basic medical care, and referral "
                                                                             "to treatment.")], [short])
    assert "usually offer:" in composed.text and "clean needles" in composed.text and "1990" not in composed.text
    # A list too long to quote whole would show each item's opening words: the item stays alone.
    items = [f"- the {n} concern, which the summary explains at some length with examples from cities;"
             for n in ("first", "second", "third", "fourth", "fifth", "sixth", "seventh")]
    long = passage("The strategy answers several concerns:\n" + "\n".join(items))
    composed = compose("Which concern does the summary explain with examples?", [sentence(long, items[3])], [long])
    assert items[3][2:-1] in composed.text and "several concerns:" not in composed.text
    # ...but a question asking for several things is answered by the list, each item by its opening words
    composed = compose("Which concerns does the strategy answer?", [sentence(long, items[3])], [long])
    assert "several concerns:" in composed.text and all(f"the {n} concern" in composed.text
                                                        for n in ("first", "fourth", "seventh"))


def test_a_comparison_quotes_the_figure_of_each_source_wherever_it_ranks():
    report = passage("The annual report says the service reached 120 cities. It was written in spring.", "report",
                     "r-00000", "Annual report")
    release = passage("The service was launched with partners. Its partners came from 95 cities.", "release",
                      "p-00000", "Press release")
    evidence = [sentence(release, "The service was launched with partners.", 1.0),
                sentence(report, "The annual report says the service reached 120 cities.", 0.9),
                sentence(report, "It was written in spring.", 0.8),
                sentence(release, "Its partners came from 95 cities.", 0.6)]
    question = "How do the annual report and the press release differ on the number of cities reached?"
    composed = compose(question, evidence, [report, release])
    assert "120 cities" in composed.text and "95 cities" in composed.text
    assert [c.doc_id for c in composed.citations] == ["report", "release"]
    # The model's checked sentence adds to the second source's figure, never replaces it.
    claim = Claim("The service was launched with partners.", release, "The service was launched with partners.")
    with_claim = compose(question, evidence, [report, release], [claim])
    assert "120 cities" in with_claim.text and "95 cities" in with_claim.text


def test_a_comparison_quotes_how_often_each_source_says_and_the_publisher_it_names():
    from dataclasses import replace as with_fields
    item = with_fields(passage("The forum meets several times each year. Its members are associations.", "item",
                               "i-00000", "News item"), publisher="Urban Forum")
    other_item = with_fields(passage("Part of its membership is renewed every three years.", "item2", "j-00000",
                                     "Inaugural meeting"), publisher="Urban Forum")
    page = with_fields(passage("The Commission chairs the forum. It organises its meetings, normally once a year.",
                               "page", "c-00000", "Forum page"), publisher="European Commission")
    evidence = [sentence(item, "The forum meets several times each year.", 1.0),
                sentence(other_item, "Part of its membership is renewed every three years.", 0.9),
                sentence(item, "Its members are associations.", 0.8),
                sentence(page, "It organises its meetings, normally once a year.", 0.3)]
    question = "How often does the forum meet according to the news item, compared with the Commission's own page?"
    composed = compose(question, evidence, [item, other_item, page])
    assert "several times" in composed.text and "once a year" in composed.text
    assert [c.doc_id for c in composed.citations] == ["item", "page"]


def test_a_quote_that_points_back_is_preceded_by_the_sentence_it_points_to():
    editorial = "## Editorial\n\nEurope faces a crisis of confidence. Citizens trust their local authorities."
    conference = "## The conference\n\nFor this reason Efus made co-production the theme of its conference."
    source = editorial + "\n\n" + conference
    before = passage(editorial, chunk_id="k-00000", start=0)
    after = passage(conference, chunk_id="k-00001", start=source.index(conference))
    consequence = "For this reason Efus made co-production the theme of its conference."
    reason = "Citizens trust their local authorities."
    question = "Why did Efus make co-production the theme of its conference?"

    composed = compose(question, [sentence(after, consequence)], [before, after])
    assert composed.text.index(reason) < composed.text.index(consequence)
    assert {c.highlight for c in composed.citations} == {reason, consequence}
    # Without the chunk before, nothing is guessed; a sentence that doesn't point back stands alone.
    assert "Citizens" not in compose(question, [sentence(after, consequence)], [after]).text
    assert "crisis" not in compose(question, [sentence(before, reason)], [before, after]).text


def test_the_sentence_after_the_best_is_quoted_with_it_when_it_goes_on_about_its_subject():
    forum = passage("The Forum's next assembly was scheduled for November in Brussels. It was to coincide with "
                    "the yearly meeting of the forum on HIV. Efus has belonged to the Forum since 2007.")
    first, second, third = (s + "." for s in forum.text[:-1].split(". "))
    question = "Which yearly meeting was the Forum's November assembly due to coincide with?"
    ranked = [sentence(forum, first, 1.0), sentence(forum, third, 0.7), sentence(forum, second, 0.6)]
    assert f"{first} {second}" in compose(question, ranked, [forum]).text
    # a next sentence that ranks low is left out
    low = ranked[:2] + [sentence(forum, third, 0.5)] * 5 + ranked[2:]
    assert second not in compose(question, low, [forum]).text
    # and so is one that starts on another subject: it is a second quote, not a continuation
    other_subject = [sentence(forum, second, 1.0), sentence(forum, third, 0.9)]
    assert compose(question, other_subject, [forum]).text.count("The source says") == 2


def test_a_sentence_after_the_best_that_opens_with_a_demonstrative_goes_on_about_its_subject():
    means = passage("One of the means is to lower the non-medical use of drugs. This is to be done through "
                    "prevention, treatment and regulation. The page quotes no other part.")
    first, second, third = (s + "." for s in means.text[:-1].split(". "))
    ranked = [sentence(means, first, 1.0), sentence(means, third, 0.7), sentence(means, second, 0.6)]
    assert f"{first} {second}" in compose("By which means should drug use be lowered?", ranked, [means]).text


def test_a_why_questions_best_sentence_without_a_reason_is_quoted_with_the_sentence_after_it():
    item = passage("The item describes drugs as the most disputed subject in urban security policy. The topic "
                   "brings ideological positions to a head. Efus keeps its seat on the Forum.")
    first, second, third = (s + "." for s in item.text[:-1].split(". "))
    ranked = [sentence(item, first, 1.0)] + [sentence(item, third, 0.5)] * 6 + [sentence(item, second, 0.3)]
    why = "Why does the item describe drugs as the most disputed subject in urban security policy?"
    assert f"{first} {second}" in compose(why, ranked, [item]).text
    # another question, or a best sentence that gives a reason itself, is not continued so far down
    assert second not in compose("What does the item describe drugs as?", ranked, [item]).text
    because = passage(first.replace(".", ", because it divides.") + f" {second} {third}")
    reasoned = [sentence(because, because.text.split(". ")[0] + ".", 1.0)] + [
        sentence(because, third, 0.5)] * 6 + [sentence(because, second, 0.3)]
    assert second not in compose(why, reasoned, [because]).text


def test_a_why_questions_lead_in_is_quoted_with_its_whole_list_not_only_the_first_reason():
    memo = passage("Fairholme Park would be the first site, for three reasons:\n\n1. It produced the highest "
                   "concern in the survey.\n2. It is the site of two serious assaults.\n3. Its path is the main "
                   "route to the station.\n\nWork starts in spring.")
    lead, first = "Fairholme Park would be the first site, for three reasons:", "1. It produced the highest " \
                                                                                 "concern in the survey."
    ranked = [sentence(memo, lead, 1.0), sentence(memo, first, 0.9)]
    text = compose("Why will Fairholme Park be the first site?", ranked, [memo]).text
    assert "two serious assaults" in text and "main route to the station" in text
    assert "Work starts" not in text


def test_a_list_the_second_quote_announces_is_kept_beside_the_models_sentence():
    conference = passage("The notice announces the closing conference, held in Lisbon in December 2019. "
                         "Participants were to discuss three topics:\n- local drug policies grounded in human "
                         "rights;\n- the part that rooms can play;\n- the political difficulties around the issue.")
    first = conference.text.split(" Participants")[0]
    lead_in = "Participants were to discuss three topics:"
    claim = Claim("The conference was held in Lisbon in December 2019.", conference, first)
    evidence = [sentence(conference, first, 1.0), sentence(conference, lead_in, 0.95)]
    composed = compose("What topics were participants to discuss?", evidence, [conference], [claim])
    assert claim.text in composed.text and "political difficulties" in composed.text
    # a runner-up that announces nothing gives way to the model's verified sentence
    plain = [evidence[0], Evidence(conference, "Participants came from many cities.", 0, 10, 0.95)]
    assert "many cities" not in compose("What topics?", plain, [conference], [claim]).text


FRANKFURT = passage("In the early 1990s the Frankfurt Resolution was backed by Frankfurt, Amsterdam, Hamburg and "
                    "Zürich. It called for harm reduction instead of punishment.", "prague", "p-00000",
                    "Prague Declaration")
FRANKFURT_QUESTION = analyse_question("Which four cities backed the Frankfurt Resolution in the early 1990s?")


def test_a_sentence_no_passage_supports_is_not_cited_or_shown():
    generated = ("The Frankfurt Resolution was backed by Frankfurt, Amsterdam, Hamburg and Zürich. "
                 "It was signed on the Moon by forty astronauts in 1969.")
    claims = verify_claims(generated, FRANKFURT_QUESTION, [FRANKFURT])
    assert [c.passage is not None for c in claims] == [True, False]
    composed = compose_answer(FRANKFURT_QUESTION, claims, [])
    assert "Hamburg" in composed.text and "Moon" not in composed.text
    assert any("Moon" in text for text in composed.unsupported)


def test_a_sentence_is_finished_once_a_line_break_or_the_next_sentence_follows_it():
    assert finished_sentences("It was backed by four cities. It called") == "It was backed by four cities."
    assert finished_sentences("The answer is:\nFrankfurt, Amsterdam") == "The answer is:"
    assert finished_sentences("It was backed by four cities.") == ""


def test_the_model_has_said_enough_after_a_sentence_no_passage_supports_or_all_the_answer_shows():
    supported = "The Frankfurt Resolution was backed by Frankfurt, Amsterdam, Hamburg and Zürich."
    invented = "It was signed on the Moon by forty astronauts in 1969."
    second = "It called for harm reduction instead of punishment."

    def said_enough(finished: str) -> bool:
        return model_has_said_enough(verify_claims(finished, FRANKFURT_QUESTION, [FRANKFURT]), [])

    assert not said_enough(supported)
    assert said_enough(f"{supported} {invented}")
    assert said_enough(f"{supported} {second}")
    assert not said_enough("The answer is:")  # a lead-in is not a claim: it neither stops the model nor counts


def test_a_model_sentence_with_a_name_no_passage_holds_is_not_cited():
    generated = "The Frankfurt Resolution was backed by Frankfurt, Amsterdam, Hamburg, Zürich and EFPFEDECOM."
    assert [c.passage for c in verify_claims(generated, FRANKFURT_QUESTION, [FRANKFURT])] == [None]


def test_a_model_preamble_and_an_unmatched_quotation_mark_are_not_shown():
    copied = "The Frankfurt Resolution was backed by Frankfurt, Amsterdam, Hamburg and Zürich."
    for generated in (f"The answer is:\n[4] {copied}", f'The item states: "{copied}'):
        claims = verify_claims(generated, FRANKFURT_QUESTION, [FRANKFURT])
        assert [c.text for c in claims] == [copied]
        assert claims[0].passage is FRANKFURT  # still checked, and supported, after the clean-up


def test_a_model_sentence_that_takes_the_questions_verb_for_the_passages_is_not_cited():
    manifesto = passage("It carries forward the principles and recommendations of three earlier Efus manifestos: "
                        "Naples (2000), Saragossa (2006) and Aubervilliers and Saint-Denis (2012).")
    question = analyse_question("What kind of security strategies does the 2006 Saragossa Manifesto reject?")
    bent = ("The 2006 Saragossa Manifesto rejects the principles and recommendations of three earlier Efus "
            "manifestos: Naples (2000), Saragossa (2006) and Aubervilliers and Saint-Denis (2012).")
    assert verify_claims(bent, question, [manifesto])[0].passage is None
    # the same words with the passage's own verb are a copy, and cited
    copied = bent.replace("rejects", "carries forward")
    assert verify_claims(copied, question, [manifesto])[0].passage is manifesto


def test_a_cut_off_note_refuses_only_when_it_names_what_was_asked():
    question = analyse_question("What fax number did Efus print in its guidelines?")
    for text, gap in (("A fax number is also printed, but it is cut off in the stored text.", "cut_off"),
                      ("The stored text breaks off here.", None),  # names nothing asked about
                      # a few words before the cut, but no name or number: they only say what is missing
                      ("The fax number is announced, but its digits are missing from the stored text.", "cut_off"),
                      ("A fax number for Paris and Lyon is printed, but it is cut off in the stored text.", None)):
        best = Evidence(passage(text), text, 0, len(text), 1.0)
        assert gap_where_the_answer_would_be(question, best, TUNING.max_new_terms_before_a_cut) == gap


def test_a_note_that_the_source_leaves_something_out_refuses_and_a_cut_with_facts_before_it_does_not():
    question = analyse_question("Which principles does the manifesto set out?")
    silent = "The item does not state the principles of the manifesto."
    best = Evidence(passage(silent), silent, 0, len(silent), 1.0)
    assert gap_where_the_answer_would_be(question, best, TUNING.max_new_terms_before_a_cut) == "left_out"
    # names many facts before the cut, and the clause saying what is missing names nothing asked
    listed = ("The manifesto sets out principles on prevention, solidarity, cities, women, migrants, youth "
              "and rights; the rest are not part of the stored excerpt.")
    best = Evidence(passage(listed), listed, 0, len(listed), 1.0)
    assert gap_where_the_answer_would_be(question, best, TUNING.max_new_terms_before_a_cut) is None
    # ...but when that clause names what was asked, the note is about the gap
    titled = "Although its title refers to seven principles, the principles themselves are not part of the excerpt."
    best = Evidence(passage(titled), titled, 0, len(titled), 1.0)
    assert gap_where_the_answer_would_be(question, best, TUNING.max_new_terms_before_a_cut) == "left_out"
    # the gap must be in what was asked: this note still answers "which funding line"
    funding = "The funding line is the EU's Public Health Program, for 2002-2006; no grant amount is stated."
    best = Evidence(passage(funding), funding, 0, len(funding), 1.0)
    for asked, gap in (("How large a grant did the project get?", "left_out"),
                       ("Under which funding line was the project financed?", None)):
        assert gap_where_the_answer_would_be(analyse_question(asked), best,
                                             TUNING.max_new_terms_before_a_cut) == gap


def test_a_question_whose_answer_must_state_a_time_or_a_person_is_refused_when_no_quote_does():
    from assistant.answer.refusal import reason_to_refuse
    from assistant.answer.vocabulary import Vocabulary
    from assistant.language.normalise import content_terms

    room = passage("Argos, the low-risk consumption room in Strasbourg, opened in 2012. It welcomes "
                   "people who use drugs and offers them care. Its director, Paul Martin, trained as a nurse. "
                   "The staff involved were Anna Weber and Paul Martin.", title="Argos")

    town = passage("Roland Ries, Mayor of Strasbourg, opened Argos in 2012. Paul Martin is also the Mayor of Lormont.",
                   "t", "t-00000", title="Argos")
    vocabulary = Vocabulary({"en": set(content_terms(f"{room.title} {room.text} {town.text}"))})

    def reason(text: str, evidence_text: str) -> str:
        question = analyse_question(text)
        source = room if evidence_text in room.text else town
        evidence = [sentence(source, evidence_text, 1.0)]
        quotes = choose_quotes(question, evidence, [source])
        return reason_to_refuse(question, evidence, quotes, [source], vocabulary, lambda a, b: False, 0.6)

    first = "Argos, the low-risk consumption room in Strasbourg, opened in 2012."
    assert "no time of day" in reason("What are the opening hours of Argos in Strasbourg?", first)
    assert "name no person" in reason("Who heads Argos, the room in Strasbourg?", first)
    assert reason("When did Argos, the room in Strasbourg, open?", first) == ""  # a year answers "when"
    assert "no web address" in reason("On which website can Argos in Strasbourg be found?", first)
    # The holder of an office is a person named with an office, not staff named without one.
    asked = "Who is the director of Argos, the room in Strasbourg?"
    assert "name no person" in reason(asked, "The staff involved were Anna Weber and Paul Martin.")
    assert reason(asked, "Its director, Paul Martin, trained as a nurse.") == ""
    # "The mayor of Strasbourg" is not answered with another city's mayor.
    mayor = "Who was the mayor of Strasbourg when Argos opened?"
    assert "name no person" in reason(mayor, "Paul Martin is also the Mayor of Lormont.")
    assert reason(mayor, "Roland Ries, Mayor of Strasbourg, opened Argos in 2012.") == ""
    assert reason("Qui était le maire de Strasbourg à l'ouverture d'Argos ?",
                  "Roland Ries, Mayor of Strasbourg, opened Argos in 2012.") == ""  # across languages
    # Nor with another office: the director doesn't answer who chairs it.
    assert "name no person" in reason("Who was the president of Argos in Strasbourg?",
                                      "Its director, Paul Martin, trained as a nurse.")
    assert reason("Who heads Argos, the room in Strasbourg?", "Its director, Paul Martin, trained as a nurse.") == ""


def _reason_over(source: Passage, question_text: str, evidence_text: str) -> str:
    """Why a question is refused when one sentence of one passage is its only evidence ("" if not)."""
    from assistant.answer.refusal import reason_to_refuse
    from assistant.answer.vocabulary import Vocabulary
    from assistant.language.normalise import content_terms
    vocabulary = Vocabulary({"en": set(content_terms(f"{source.title} {source.text}"))})
    question = analyse_question(question_text)
    evidence = [sentence(source, evidence_text)]
    quotes = choose_quotes(question, evidence, [source])
    return reason_to_refuse(question, evidence, quotes, [source], vocabulary, lambda a, b: False, 0.6)


def test_a_gap_note_in_the_questions_language_is_read_when_the_best_sentence_is_in_another():
    from assistant.answer.refusal import reason_to_refuse
    from assistant.answer.vocabulary import Vocabulary
    from assistant.language.normalise import content_terms
    czech = passage("Deklarace byla přijata v Praze v roce 2010 a obsahuje sedm zásad.", "decl-cs", "c-00000",
                    "Pražská deklarace", language="cs")
    english = passage("Its title refers to seven principles, but the principles themselves are not part of the "
                      "stored excerpt.", "decl-en", "e-00000", "The Prague Declaration", language="en")
    vocabulary = Vocabulary({"en": set(content_terms(f"{english.title} {english.text}")),
                             "cs": set(content_terms(f"{czech.title} {czech.text}"))})

    def reason(english_score: float) -> str:
        question = analyse_question("What are the seven principles of the Prague Declaration?")
        evidence = [sentence(czech, czech.text, 1.0), sentence(english, english.text, english_score)]
        quotes = choose_quotes(question, evidence, [czech, english])
        return reason_to_refuse(question, evidence, quotes, [czech, english], vocabulary, lambda a, b: False, 0.6)

    assert "leaves this out" in reason(0.9)
    assert "leaves this out" not in reason(0.5)  # a note below the refusal threshold is not read


def test_a_gap_note_after_a_sentence_describing_the_stored_copy_is_read():
    text = ("The stored excerpt covers the first five strategic priorities and the number of the sixth. "
            "The sixth strategic priority is announced, but its wording is missing from the stored excerpt.")
    strategy = passage(text, title="EU Drugs Strategy")
    coverage, gap = text.split(". ", 1)
    from assistant.answer.refusal import reason_to_refuse
    from assistant.answer.vocabulary import Vocabulary
    from assistant.language.normalise import content_terms
    vocabulary = Vocabulary({"en": set(content_terms(f"{strategy.title} {text}"))})
    question = analyse_question("What is the sixth strategic priority of the EU Drugs Strategy?")
    evidence = [sentence(strategy, coverage + "."), sentence(strategy, gap, 0.9)]
    quotes = choose_quotes(question, evidence, [strategy])
    assert "stored text stops" in reason_to_refuse(question, evidence, quotes, [strategy], vocabulary,
                                                   lambda a, b: False, 0.6)


def test_a_who_or_where_question_is_refused_when_the_quotes_name_nobody_and_nowhere_new():
    webinar = passage("16 October 2025: Efus webinar on youth recruitment into trafficking. The webinar was "
                      "hosted by the Pompidou Group. The webinar took place in October.", title="Coalition timeline")

    def reason(text: str, evidence_text: str) -> str:
        return _reason_over(webinar, text, evidence_text)

    dated = "16 October 2025: Efus webinar on youth recruitment into trafficking."
    assert "name no person" in reason("Who were the speakers at the Efus webinar on youth recruitment?", dated)
    assert "name no place" in reason("Which cities have joined the Efus webinar on youth recruitment?", dated)
    # A name that only says whose webinar it is answers neither, nor does a month.
    assert "name no person" in reason("Who were the speakers at the webinar on youth recruitment?", dated)
    assert "name no person" in reason("Who spoke at the Efus webinar on youth recruitment?",
                                      "The webinar took place in October.")
    # A body answers "who" too.
    assert reason("Who hosted the Efus webinar on youth recruitment?", "The webinar was hosted by the Pompidou Group.") == ""


def test_a_plural_acronym_or_the_adjective_of_a_people_names_no_one():
    guide = passage("The guide looks at how drug consumption rooms (DCRs) are opened in a selection of European "
                    "cities. Its Spanish edition was translated by Ana Ruiz.", title="Guide")
    asked = "Who translated the guide on drug consumption rooms into Spanish?"
    rooms = "The guide looks at how drug consumption rooms (DCRs) are opened in a selection of European cities."
    assert "name no person" in _reason_over(guide, asked, rooms)
    assert _reason_over(guide, asked, "Its Spanish edition was translated by Ana Ruiz.") == ""


def test_each_part_of_a_two_part_question_keeps_its_best_quote_beside_the_models_sentence():
    from assistant.answer.question import split_parts
    from assistant.answer.quotes import quotes_of_parts
    resolution = passage("The Executive Committee met in Amiens in November 2018. It passed a resolution on local "
                         "drug policy there.", "res", "r-00000")
    project = passage("SOLIDIFY was launched in January 2018.", "sol", "s-00000")
    question = analyse_question("Where did the Executive Committee pass the resolution, and when was SOLIDIFY "
                                "launched?")
    first, second = split_parts(question)
    met = "The Executive Committee met in Amiens in November 2018."
    quotes = quotes_of_parts([choose_quotes(first, [sentence(resolution, met)], [resolution]),
                              choose_quotes(second, [sentence(project, project.text)], [project])])
    claim = Claim("The Executive Committee passed a resolution on local drug policy.", resolution, resolution.text)
    composed = compose_answer(question, [claim], quotes)
    assert composed.text.endswith(f"{claim.text} [1]")
    assert {c.doc_id for c in composed.citations} == {"res", "sol"}  # a citation for each part
    assert "Amiens" in composed.text and "January 2018" in composed.text


def test_an_answer_only_grows_from_the_lead_shown_before_the_model_writes():
    """What the UI shows as soon as the quotes are chosen is never taken back: the answer starts
    with it, whether the model's sentence is verified, refused by the check, or absent."""
    frankfurt = passage("The room opened in 1994 in Frankfurt. It was the first in Germany.", "a", "a-00000")
    hamburg = passage("The second room opened in 2001 in Hamburg.", "b", "b-00000")
    question = analyse_question("When and where did the rooms open?")
    quotes = choose_quotes(question, [sentence(frankfurt, "The room opened in 1994 in Frankfurt."),
                                      sentence(hamburg, hamburg.text)], [frankfurt, hamburg])
    lead = compose_lead(question, quotes)
    assert lead.text.startswith("The source says: “The room opened in 1994 in Frankfurt")
    for claims in ([], [Claim("The second room opened in 2001 in Hamburg.", hamburg, hamburg.text)],
                   [Claim("Rooms opened everywhere in 1980.", None, "")]):
        composed = compose_answer(question, claims, quotes)
        assert composed.text.startswith(lead.text)
        assert composed.citations[:len(lead.citations)] == lead.citations


def test_a_second_part_whose_best_sentence_the_first_part_took_shows_its_next_one():
    from assistant.answer.question import split_parts
    from assistant.answer.quotes import quotes_of_parts
    guide = passage("The guide was printed in Belgium in February 2008. Only its title pages are stored. "
                    "The guide carries ISBN 2-913181-33-3.", "guide")
    question = analyse_question("In which country was the 2008 guide printed, and what ISBN does it carry?")
    first, second = split_parts(question)
    printed, isbn = "The guide was printed in Belgium in February 2008.", "The guide carries ISBN 2-913181-33-3."
    quotes = quotes_of_parts([choose_quotes(first, [sentence(guide, printed, 1.0)], [guide]),
                              choose_quotes(second, [sentence(guide, printed, 1.0), sentence(guide, isbn, 0.95)],
                                            [guide])])
    assert [q.chosen.text for q in quotes if q.first_of_part] == [printed, isbn]
    composed = compose_answer(question, [], quotes)
    assert "Belgium" in composed.text and "2-913181-33-3" in composed.text


def _leading(scored: list[tuple[str, float]], question: str) -> str:
    """The sentence `stated_first` puts first among one note's sentences, given with their scores."""
    from assistant.answer.quotes import stated_first
    note = passage(" ".join(text for text, _ in scored))
    evidence = [sentence(note, text, score) for text, score in scored]
    return stated_first(analyse_question(question), evidence, [note], lambda a, b: False)[0].text


def test_a_web_address_or_a_count_further_down_the_evidence_leads_when_the_quotes_state_none():
    scored = [("The declaration was drawn up in Prague.", 1.0), ("Anyone may sign it.", 0.95),
              ("Podpis je možný přes web praguedeclaration.com.", 0.8), ("The conference had 12 sessions.", 0.7)]
    assert _leading(scored, "On which website could the Prague Declaration be signed?").endswith("praguedeclaration.com.")
    assert _leading(scored, "How many sessions did the Prague conference have?") == "The conference had 12 sessions."
    assert _leading(scored, "Where was the Prague Declaration drawn up?") == "The declaration was drawn up in Prague."


def test_when_a_document_came_out_is_answered_by_the_sentence_dating_the_document_not_the_event():
    scored = [("Meeting in Amiens on 27-28 November 2018, the committee passed a resolution.", 1.0),
              ("It asks cities to act.", 0.9),
              ("Issued by Efus in Paris on 11 December 2018, this release reports the vote.", 0.7)]
    assert _leading(scored, "On what date did Efus send out its press release on the Amiens resolution?").startswith(
        "Issued")
    assert _leading(scored, "Quand le communiqué de l'Efus sur la résolution d'Amiens a-t-il été publié ?").startswith(
        "Issued")
    assert _leading(scored, "When did the committee pass the Amiens resolution?").startswith("Meeting")


def test_a_question_for_a_reference_is_answered_by_a_sentence_giving_a_code():
    scored = [("Its aims serve as the foundation for the Action Plan covering the same years.", 1.0),
              ("The Plan has eight priorities.", 0.95), ("Only its introduction is stored.", 0.9),
              ("The Action Plan was published in the Official Journal as 2021/C 272/02.", 0.7)]
    assert _leading(scored, "Under which Official Journal reference was the Action Plan published?").endswith("272/02.")
    assert _leading(scored, "What does the Action Plan say in reference to its aims?").startswith("Its aims")


def test_a_later_part_looks_further_down_for_what_it_must_state_and_a_first_part_does_not():
    from assistant.answer.quotes import stated_first
    note = passage("The Millbrook charter is the league's founding text. Forty towns signed the charter. "
                   "The charter appeared in the gazette on 3 May 2021.", title="Millbrook charter")
    evidence = [sentence(note, "The Millbrook charter is the league's founding text.", 1.0),
                sentence(note, "Forty towns signed the charter.", 0.9),
                sentence(note, "The charter appeared in the gazette on 3 May 2021.", 0.8)]
    later = analyse_question("On what exact date did it appear in the gazette?")
    assert later.must_state == "day"
    assert stated_first(later, evidence, [note], lambda a, b: False)[0] is evidence[0]
    assert stated_first(later, evidence, [note], lambda a, b: False, later_part=True)[0] is evidence[2]


def test_a_sentence_scoring_nearly_as_well_leads_when_it_states_the_place_asked_and_the_best_do_not():
    from assistant.answer.quotes import stated_first
    adopted, called, vote = ("The committee adopted a resolution in December.", "The resolution called for a coalition.",
                             "The vote took place in Millbrook.")
    note = passage(f"{adopted} {called} Members welcomed it. {vote}", title="Resolution")

    def first(score: float) -> str:
        evidence = [sentence(note, adopted, 1.0), sentence(note, called, 0.99), sentence(note, vote, score)]
        return stated_first(analyse_question("Where did the committee adopt its resolution?"), evidence, [note],
                            lambda a, b: False)[0].text

    assert first(0.96) == vote
    assert first(0.7) == adopted  # too far down: the refusal check decides


def test_a_question_about_a_place_is_refused_when_no_quoted_document_names_it():
    from assistant.answer.refusal import reason_to_refuse
    from assistant.answer.vocabulary import Vocabulary
    from assistant.answer.question import with_other_names
    from assistant.language.normalise import content_terms, fold
    report = passage("In 2022 more than 100 rooms were operating worldwide, in Germany, France and Spain among "
                     "others. The report was published in June.", "report", "r-00000", "Rooms in 2022")
    europe_report = passage(report.text.replace("worldwide", "in Europe"), "europe", "e-00000", "Rooms in 2022")
    cologne = passage("The resolution was adopted in Köln in December 2024 by the committee.", "cologne", "c-00000",
                      "Resolution")
    documents = {doc.doc_id: frozenset(re.findall(r"\w+", fold(doc.text))) for doc in (report, europe_report, cologne)}
    vocabulary = Vocabulary({"en": set(content_terms(f"{report.text} {cologne.text} Italy"))})

    def reason(text: str, source: Passage, evidence_text: str) -> str:
        question = with_other_names(analyse_question(text), vocabulary.knows)
        evidence = [sentence(source, evidence_text)]
        quotes = choose_quotes(question, evidence, [source])
        return reason_to_refuse(question, evidence, quotes, [source], vocabulary, lambda a, b: False, 0.6,
                                document_words=documents.get)

    europe = "In 2022 more than 100 rooms were operating in Europe, in Germany, France and Spain among others."
    assert "never mention “Italy”" in reason("How many rooms were operating in Italy in 2022?", europe_report, europe)
    assert reason("How many rooms were operating in France in 2022?", europe_report, europe) == ""
    # The world's count is no count for France, though the sentence names France.
    worldwide = "In 2022 more than 100 rooms were operating worldwide, in Germany, France and Spain among others."
    assert reason("How many rooms were operating in France in 2022?", report, worldwide) != ""
    # A city named otherwise in the document ("Köln") is the same city.
    adopted = "The resolution was adopted in Köln in December 2024 by the committee."
    assert reason("When was the resolution adopted in Cologne?", cologne, adopted) == ""


def test_a_question_whose_best_match_says_its_source_leaves_the_answer_out_is_refused():
    from assistant.answer.refusal import reason_to_refuse
    from assistant.answer.vocabulary import Vocabulary
    from assistant.language.normalise import content_terms
    item = passage("The forum met for the second time in Brussels. The item does not state the year of the "
                   "meeting. Twelve members attended.", "item", "i-00000", "Second meeting")
    vocabulary = Vocabulary({"en": set(content_terms(item.text))})

    def reason(text: str, evidence_text: str) -> str:
        question = analyse_question(text)
        evidence = [sentence(item, evidence_text)]
        return reason_to_refuse(question, evidence, choose_quotes(question, evidence, [item]), [item],
                                vocabulary, lambda a, b: False, 0.6)

    silent = "The item does not state the year of the meeting."
    assert "leaves this out" in reason("In which year did the forum hold its second meeting?", silent)
    assert silent in reason("In which year did the forum hold its second meeting?", silent)
    assert reason("How many members attended the second meeting?", "Twelve members attended.") == ""



def test_a_consequence_is_shown_after_the_reason_it_points_back_to_within_its_paragraph():
    text = ("The city adopted its plan in 2019.\n\n"
            "Local services meet the problem first. Yet they lack the means to act, and national law limits them. "
            "They should therefore have a say in policy. The plan was revised later.")
    note = passage(text, start=40)
    asked = analyse_question("Why should local services have a say in policy?")
    quotes = choose_quotes(asked, [sentence(note, "They should therefore have a say in policy.")], [note])
    reason = quotes[0].antecedent.text
    assert reason.startswith("Local services meet the problem first.") and reason.endswith("national law limits them.")
    composed = compose_answer(asked, [], quotes)
    assert composed.text.index("meet the problem first") < composed.text.index("should therefore")
    assert "adopted its plan" not in composed.text  # another paragraph


def test_a_comparison_asked_in_two_clauses_quotes_each_sources_frequency():
    from assistant.answer.question import split_parts
    asked = analyse_question(
        "How often does the forum meet according to Efus's item, and how does that compare with the Commission's page?")
    assert asked.compares and split_parts(asked) == [asked]
    efus = passage("The forum has many members and it meets several times each year.", "efus", "e-00000")
    commission = passage("Among its outputs are position papers. The group usually meets in plenary once a year.",
                         "commission", "c-00000")
    commission = Passage(**{**commission.to_dict(), "publisher": "European Commission"})
    evidence = [sentence(efus, efus.text, 1.1), sentence(commission, "Among its outputs are position papers.", 1.0),
                sentence(commission, "The group usually meets in plenary once a year.", 0.7)]
    quoted = [q.chosen.text for q in choose_quotes(asked, evidence, [efus, commission])]
    assert quoted == [efus.text, "The group usually meets in plenary once a year."]


def test_a_claim_giving_another_ordinal_than_the_sentence_it_copies_is_not_supported():
    text = ("The fifth strategic priority is to prevent drug use and to increase awareness of the harmful effects "
            "of drugs. The sixth strategic priority is announced, but its wording is missing from the stored excerpt.")
    source = passage(text)
    question = analyse_question("What is the sixth strategic priority of the strategy?")
    stitched = "The sixth strategic priority is to prevent drug use and increase awareness of the harmful effects."
    assert verify_claims(stitched, question, [source])[0].passage is None
    copied = "The fifth strategic priority is to prevent drug use and increase awareness of the harmful effects."
    assert verify_claims(copied, question, [source])[0].passage is source


def test_a_best_sentence_mentioning_the_thing_asked_only_as_a_or_an_is_a_note_that_it_is_unnamed():
    question = analyse_question("Which consultancy carried out the interim evaluation of the housing project?")
    for text, gap in (("The housing authority commissioned the evaluation from an external consultancy.", "unnamed"),
                      # named in apposition after it, or just before the article
                      ("The evaluation was carried out by an external consultancy, Norrbeck Analytics.", None),
                      ("Norrbeck Analytics, an external consultancy, carried out the evaluation.", None),
                      # "a number of consultancies" is no mention of one
                      ("The project asked a number of partners for comments.", None)):
        best = Evidence(passage(text), text, 0, len(text), 1.0)
        assert gap_where_the_answer_would_be(question, best, TUNING.max_new_terms_before_a_cut) == gap, text
    # a figure right after it says what it is: "a budget of €148,000" answers "what budget…"
    budget = analyse_question("What first-year budget did the partnership propose for the pilot?")
    text = "It recommends a fixed-site pilot, with a budget of €148,000 for the first year."
    best = Evidence(passage(text), text, 0, len(text), 1.0)
    assert gap_where_the_answer_would_be(budget, best, TUNING.max_new_terms_before_a_cut) is None
    text = "It recommends a fixed-site pilot, with a budget agreed later."
    best = Evidence(passage(text), text, 0, len(text), 1.0)
    assert gap_where_the_answer_would_be(budget, best, TUNING.max_new_terms_before_a_cut) == "unnamed"
    # a question that asks no one thing by name is not judged so
    plain = analyse_question("How was the interim evaluation of the housing project carried out?")
    text = "The housing authority commissioned the evaluation from an external consultancy."
    best = Evidence(passage(text), text, 0, len(text), 1.0)
    assert gap_where_the_answer_would_be(plain, best, TUNING.max_new_terms_before_a_cut) is None


def test_the_verb_saying_what_is_left_out_is_no_word_of_what_is_missing():
    question = analyse_question("What name did the NGO give to the van it launched?")
    text = "The conversion of the van was paid for by a foundation; the press release does not give its cost."
    best = Evidence(passage(text), text, 0, len(text), 1.0)
    assert gap_where_the_answer_would_be(question, best, TUNING.max_new_terms_before_a_cut) is None
    cost = analyse_question("How much did the conversion of the van cost?")
    assert gap_where_the_answer_would_be(cost, best, TUNING.max_new_terms_before_a_cut) == "left_out"


def test_a_sentence_saying_the_thing_is_not_known_yet_or_withheld_is_a_gap():
    for asked, text in (
            ("Who sits on the jury that will select the projects?",
             "The composition of the jury will be announced on the Foundation's website."),
            ("How many arrests did the police make on the square?",
             "He declined to give the number of arrests made on the square, saying the figures were being revised."),
            ("Quel cabinet réalise l'évaluation externe du programme ?",
             "Elle ne dispose pas encore des résultats de l'évaluation externe, menée par un cabinet dont elle "
             "n'a pas souhaité donner le nom."),
            ("Quel est le coût des caméras ?", "Le coût des caméras sera précisé lors du vote du budget."),
            # "not yet" before any participle, and a figure nobody worked out
            ("How many of those arrested have been convicted?",
             "Court outcomes for those arrested are not yet known, as most cases have not come to trial."),
            ("Quel budget a été voté pour la deuxième année du programme ?",
             "Le budget de la deuxième année n'a pas encore été voté ; la ville attend l'avis du comité."),
            ("What was the average cost per contact of the outreach service?",
             "The cost per contact was not calculated, because the accounts do not separate the service."),
            ("What annual running costs were estimated for the proposed facility?",
             "Cllr Reddish noted that the study did not estimate running costs."),
            # a decision still awaited
            ("What did the Cabinet decide about the offer to collect needles?",
             "We have offered to collect needles, and we are waiting for the council's Cabinet to decide in October.")):
        best = Evidence(passage(text), text, 0, len(text), 1.0)
        assert gap_where_the_answer_would_be(analyse_question(asked), best,
                                             TUNING.max_new_terms_before_a_cut) == "left_out", asked


def test_a_french_name_question_is_judged_by_an_unnamed_mention_before_the_complement():
    question = analyse_question("Comment s'appelle la chargée d'études qui a mené l'enquête auprès des usagers ?")
    text = "Les questionnaires ont été passés par une chargée d'études recrutée pour l'occasion."
    best = Evidence(passage(text, language="fr"), text, 0, len(text), 1.0)
    assert gap_where_the_answer_would_be(question, best, TUNING.max_new_terms_before_a_cut) == "unnamed"
    named = "Les questionnaires ont été passés par une chargée d'études, Léa Marchetti."
    best = Evidence(passage(named, language="fr"), named, 0, len(named), 1.0)
    assert gap_where_the_answer_would_be(question, best, TUNING.max_new_terms_before_a_cut) is None


def test_what_is_planned_is_no_gap_and_a_why_question_is_answered_by_the_reason_beside_one():
    planned = "An annual progress report will be published every June."
    best = Evidence(passage(planned), planned, 0, len(planned), 1.0)
    assert gap_where_the_answer_would_be(analyse_question("How often will the progress report be published?"),
                                         best, TUNING.max_new_terms_before_a_cut) is None
    declined = "He declined to give the number of arrests, saying the figures were being revised."
    best = Evidence(passage(declined), declined, 0, len(declined), 1.0)
    why = analyse_question("Why did the commander not give the number of arrests?")
    assert gap_where_the_answer_would_be(why, best, TUNING.max_new_terms_before_a_cut) is None


def unmet(question: str, text: str, language: str = "en") -> str:
    """What the question needs stated that `text` (in `language`) doesn't state."""
    from assistant.answer.requirements import unmet_requirement
    return unmet_requirement(analyse_question(question), [text], lambda a, b: False, [language])


def test_the_span_of_years_a_question_names_does_not_date_anything():
    asked = "When did the Council approve the EU drugs strategy 2021-2025?"
    # the strategy's span names it: the sentence says nothing of when it was approved
    assert unmet(asked, "Drawing on the EU drugs strategy 2021-2025, the participants backed more rooms.") == "when"
    assert unmet(asked, "According to the record, the Council had approved it on 18 December 2020.") == ""
    # "à quelle date", "what is the closing date" ask when, as "quand" does
    assert unmet("What is the closing date for applications to the grants round?",
                 "The total envelope for the grants round is 400,000 euros.") == "when"
    assert unmet("À quelle date la stratégie 2021-2025 a-t-elle été approuvée ?",
                 "S'appuyant sur la stratégie pour 2021-2025, les participants ont soutenu les salles.") == "when"



def test_a_gap_noted_in_the_sentence_a_short_best_sentence_is_shown_with_is_the_answers():
    deaths = passage("Quillhaven recorded 31 drug-related deaths in 2023. Figures for 2024 have not yet been "
                     "published and are expected in the autumn.")
    asked = "How many drug-related deaths were recorded in Quillhaven in 2024?"
    best = "Quillhaven recorded 31 drug-related deaths in 2023."
    assert "leaves this out" in _reason_over(deaths, asked, best)
    stated = passage("Quillhaven recorded 31 drug-related deaths in 2023. It recorded 40 deaths in 2024.")
    assert _reason_over(stated, asked, best) == ""


def test_a_post_not_yet_filled_answers_no_question_asking_who_holds_it():
    unfilled = ("Recruitment began in February 2024, but the post has not yet been filled; in the meantime, "
                "Cllr Vaughan's office coordinates the partners.")
    best = Evidence(passage(unfilled), unfilled, 0, len(unfilled), 1.0)
    for asked, gap in (("Who was recruited as the town's Night-Time Economy Manager?", "left_out"),
                       ("Qui a été recruté comme responsable de l'économie de nuit ?", "left_out"),
                       ("When did recruitment for the night-time economy manager begin?", None)):
        assert gap_where_the_answer_would_be(analyse_question(asked), best, TUNING.max_new_terms_before_a_cut) == gap


def test_any_gap_a_sentence_notes_can_be_the_one_asked_about():
    """The first of two gaps is the neighbourhoods'; the second, the paper's date."""
    noted = "Results by neighbourhood will be published in a later paper; no date has been given for it."
    best = Evidence(passage(noted), noted, 0, len(noted), 1.0)
    for asked, gap in (("Which neighbourhood had the highest rate of nitrous oxide use?", "left_out"),
                       ("When will the paper with results by neighbourhood come out?", "left_out"),
                       ("Why were results by neighbourhood left for a later paper?", None)):
        assert gap_where_the_answer_would_be(analyse_question(asked), best, TUNING.max_new_terms_before_a_cut) == gap


def test_a_sum_counted_per_another_unit_is_not_the_sum_asked():
    yearly = "How much does the wastewater monitoring programme cost each year?"
    assert unmet(yearly, "- Average cost per participant: £1,950.") == "money"
    assert unmet(yearly, "Running costs are estimated at £2.3 million a year.") == ""
    assert unmet(yearly, "The programme cost £84,000 in 2024.") == ""  # says per nothing: may answer
    per_kit = "What unit price did the wholesaler quote for each intranasal naloxone kit?"
    assert unmet(per_kit, "The wholesaler price is £19.75 per nasal kit.") == ""
    assert unmet("What did each sample tested cost on average?", "| Annual running cost | £96,400 |") == "money"
    # "each of the cities", "per cent" and the French "par" (by) count per nothing
    assert unmet("How much did each of the four cities receive?", "Each city received €50,000.") == ""
    assert unmet("Quel montant la Ville verse-t-elle chaque année ?",
                 "Une subvention de 86 000 € est versée par la Ville de Castelroc.") == ""


def test_an_office_named_in_french_or_german_asks_for_its_holder():
    from assistant.answer.question_kinds import office_asked
    asked = "Qui a été nommé coordinateur de la stratégie antidrogue d'Oskerby ?"
    assert unmet(asked, "- Vice-Chair: Detective Chief Inspector Amara Osei, Oskerby Policing District.", "en") \
        == "person"
    assert unmet(asked, "Paul Martin, coordinateur de la stratégie, a présenté le plan.", "fr") == ""
    assert office_asked("Wer ist Sprecherin des Netzwerks?") == "spokesperson"
    assert office_asked("Quem é o coordenador do programa?") == "coordinator"


def test_a_name_few_documents_hold_keeps_the_sentences_of_those_documents_only():
    texts = {"wex": "The Wexbridge outreach team has four workers.", "stu": "The budget for 2023 was 980,000 euros.",
             "bxl": "Brussels opened a room in 2022; the BXL budget grew.", "fr": "Bruxelles a ouvert une salle.",
             **{f"other{n}": "A street team works at night." for n in range(7)}}
    chunks = {doc: [Chunk(f"{doc}-00000", doc, f"{doc}.md", text, 0, len(text), "A note")]
              for doc, text in texts.items()}
    snapshot = snapshot_of(1.0, None, [c for cs in chunks.values() for c in cs])
    asked = analyse_question("What annual budget does the Wexbridge Street Outreach Team receive?")
    # "Street" and "Team" are also common words in the notes; "Wexbridge" is one town's name
    names = rare_names(asked, snapshot, Lexicon(), TUNING.rare_name_share)
    assert set(names) == {"wexbridg"} and names["wexbridg"] == {"wex"}
    budget = sentence(passage(texts["stu"], "stu"), texts["stu"])
    team = sentence(passage(texts["wex"], "wex"), texts["wex"], 0.5)
    assert from_documents_naming(asked, [budget, team], snapshot, names) == [team]
    assert from_documents_naming(asked, [budget], snapshot, names) == []  # then it is refused: no passage names it
    assert from_documents_naming(asked, [budget], snapshot, {}) == [budget]  # a question naming nothing rare
    # a listed city's documents may answer too, whatever they call the rest ("Parliament", "Parlement")
    in_brussels = analyse_question("What budget does the Wexbridge team have in Bruxelles?")
    brussels, french = (sentence(passage(texts[doc], doc), texts[doc]) for doc in ("bxl", "fr"))
    kept = from_documents_naming(in_brussels, [budget, team, brussels, french], snapshot, names)
    assert {item.doc_id for item in kept} == {"wex", "bxl", "fr"}
    # a listed city may be spelled otherwise in another language's notes; an acronym too ("UE" for "EU")
    assert rare_names(analyse_question("Quand Bruxelles a-t-elle ouvert une salle ?"), snapshot, Lexicon(), 0.2) == {}
    assert rare_names(analyse_question("What does the BXL budget say?"), snapshot, Lexicon(), 0.2) == {}
    # nor is a word of the dictionary ("Declaration" is "Deklarace" in a Czech note), nor a comparison's names
    dictionary = Lexicon("fr", {"wexbridg": frozenset({"wexbridg"})})
    assert rare_names(asked, snapshot, dictionary, 0.2) == {}
    both = analyse_question("How does the Wexbridge team differ from the Brussels one?")
    assert both.compares and rare_names(both, snapshot, Lexicon(), 0.2) == {}
