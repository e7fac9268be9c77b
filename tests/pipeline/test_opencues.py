"""Attribution of open class (accord.pipeline.opencues, through the claims component, engine v2).

Sentences written for these tests, in the shapes the lexicon's cue words miss: a report after its
content, "according to" any noun phrase, documents that report, reporting nouns with a clause,
headlines with a colon, judgements and requests through an object. Each test checks the cue, the
whole source phrase and the content span, and where a shape must not fire, that it does not.
"""
from __future__ import annotations


from accord.pipeline import grammar
from tests.pipeline._alone import claim_rows as claims


def test_a_report_after_its_content_takes_any_noun_phrase_as_its_source(nlp):
    text = "Unemployment climbed to 25 percent in the first quarter, the statistics department said on Tuesday."
    assert claims(nlp, text) == [("said", "the statistics department",
                                  "Unemployment climbed to 25 percent in the first quarter", "assert")]


def test_a_postposed_report_keeps_the_statement_before_it_whatever_follows(nlp):
    text = ("Syria and Israel are holding indirect talks through Turkish mediation, the two governments said "
            "on Wednesday, their first public contact in years.")
    [said] = claims(nlp, text)
    assert said[:3] == ("said", "the two governments", "Syria and Israel are holding indirect talks through Turkish mediation")


def test_a_pronoun_source_after_the_content_resolves_to_its_antecedent(nlp):
    doc = nlp("Germany hosted the talks on Monday. Negotiators will meet again next week, it said.")
    [claim] = doc._.claims
    assert doc[claim.source_span[0]:claim.source_span[1]].text == "it"
    assert claim.source == ["DEU"]


def test_according_to_takes_a_source_the_lexicon_does_not_know(nlp):
    text = "Donors have given only half of the aid the region needs, according to local aid workers."
    assert claims(nlp, text) == [("according to", "local aid workers",
                                  "Donors have given only half of the aid the region needs", "assert")]


def test_documents_and_figures_report(nlp):
    found = claims(nlp, "Official data showed a sharp rise in exports to China.")
    assert found == [("showed", "Official data", "a sharp rise in exports to China", "assert")]


def test_a_reporting_noun_with_a_that_clause_is_a_claim_and_a_relative_clause_is_not(nlp):
    assert ("claim", None, "troops had crossed the border", "allege") in \
        claims(nlp, "The government dismissed the claim that troops had crossed the border.")
    assert not [c for c in claims(nlp, "The report that the committee wrote was published on Monday.")
                if c[0] == "report"]


def test_a_headline_colon_is_the_cue_and_a_label_is_not_a_source(nlp):
    assert claims(nlp, "Kremlin: talks with Kyiv possible") == [(":", "Kremlin", "talks with Kyiv possible", "assert")]
    assert claims(nlp, "Update: the border crossing reopened on Monday") == []


def test_judgements_requests_and_reactions_through_an_object(nlp):
    assert ("called", "Moscow", "the report a fabrication", "deny") in claims(nlp, "Moscow called the report a fabrication.")
    assert ("asked", "Washington", "Manila to explain the decision", "urge") in \
        claims(nlp, "Washington asked Manila to explain the decision.")
    assert ("welcomed", "Beijing", "the decision", "praise") in claims(nlp, "Beijing welcomed the decision.")


def test_a_name_given_by_call_is_no_report(nlp):
    assert claims(nlp, "Rebels seized a town called Kidal in the north.") == []


def test_the_word_lists_live_in_the_grammar_file():
    assert grammar.POSTPOSED_VERBS["said"] == "assert" and "statistics" in grammar.DOCUMENT_NOUNS
    assert grammar.CLAIM_NOUNS["allegation"] == "allege" and "update" in grammar.HEADLINE_LABELS
    assert grammar.JUDGEMENT_VERBS["called"] == "accuse" and "fabrication" in grammar.JUDGEMENT_DENIALS

