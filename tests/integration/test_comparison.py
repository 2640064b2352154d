"""A question that sets two sources side by side is answered with a sentence from each."""

import pytest

REPORT = """---
title: Riverton outreach service, annual report 2025
date: 2026-02
language: en
---

# Riverton outreach service: annual report 2025

The Riverton outreach service was set up by the city council in 2019 to meet people who use drugs
in the streets around the central station. Its staff work in pairs, in the evening and at night.

## Activity

Over the year the outreach service reached 1,240 people, most of them men aged 25 to 45.
The team handed out naloxone kits and referred people to the city's treatment centre.
"""

RELEASE = """---
title: Riverton press release on the outreach service
date: 2026-01
language: en
---

# Riverton's outreach service: a year of work

The city of Riverton has published a short release on the first full year of its outreach service.
The mayor thanked the staff and the residents' associations who support them.

The release states that the outreach service reached 980 people during the year.
It adds that a second team should start work in the northern districts next spring.
"""


@pytest.fixture(scope="module")
def riverton(make_assistant, tmp_path_factory):
    """Two shipped notes, and a report and a press release that give different figures."""
    from conftest import CORPUS

    corpus = tmp_path_factory.mktemp("riverton")
    for name in ("euda-miniguide-drug-consumption-rooms-en.md", "prague-declaration-2010-druglawreform-en.md"):
        (corpus / name).write_bytes((CORPUS / name).read_bytes())
    (corpus / "riverton-report.md").write_text(REPORT, encoding="utf-8")
    (corpus / "riverton-release.md").write_text(RELEASE, encoding="utf-8")
    bot = make_assistant(corpus, tmp_path_factory.mktemp("riverton-index"))
    bot.sync_index()
    return bot


def test_a_comparison_quotes_each_sources_figure_with_its_own_citation(riverton):
    answer = riverton.ask("How do the Riverton annual report and the city's press release differ on the "
                          "number of people the outreach service reached?")
    assert not answer.refused
    assert "1,240 people" in answer.text and "980 people" in answer.text
    assert {"riverton-report.md", "riverton-release.md"} <= {c.source for c in answer.citations}
