"""The claims component (accord.pipeline.claims, ``accord_claims``) and its helpers: who said what about whom.

The component alone (``doc._.claims`` from the mentions, by word order), then through the parsed
pipeline (engine v2): sources the lexicon cannot code and the words of a source phrase
(:mod:`accord.pipeline.sources`), cues that need the parse, denials and what they answer, and the stance
read from what is said (:mod:`accord.pipeline.stances`). Attribution of open class has its own file
(``test_opencues.py``), as has the learned cue detector (``test_cuemodel.py``).
"""
from __future__ import annotations


from accord import build_pipeline
from tests.pipeline._alone import run as run_alone, run_engine as run, small_nlp, claim_rows as claims


# -- the component alone (word order) -------------------------------------------------------------

def test_claims_need_sentences_and_assign_a_sourced_stance() -> None:
    doc = run_alone(small_nlp("accord_actors", "accord_sentences", "accord_claims"))
    [claim] = doc._.claims
    assert (claim.cue, claim.stance, claim.source, claim.about) == ("denied", "deny", ["PRK"], ["RUS"])
    assert doc._.relations is None


def test_a_quotation_before_or_after_its_cue_is_the_claims_quote() -> None:
    nlp = small_nlp("accord_actors", "accord_sentences", "accord_claims")
    [claim] = run_alone(nlp, 'Putin said: "Russia will stand with its friends."')._.claims
    assert (claim.source, claim.quote) == (["RUSGOV"], "Russia will stand with its friends.")
    [claim] = run_alone(nlp, '"We will never give up," Kim Jong Un said.')._.claims
    assert (claim.source, claim.quote) == (["PRKGOV"], "We will never give up")


def test_a_negated_cue_makes_no_claim() -> None:
    nlp = small_nlp("accord_actors", "accord_sentences", "accord_claims")
    denied = run_alone(nlp, "North Korea denied that it supplied weapons to Russia.")._.claims
    assert [c.stance for c in denied] == ["deny"]
    assert run_alone(nlp, "North Korea did not deny that it supplied weapons to Russia.")._.claims == []


# -- sources: who is reported, and the words that name them ----------------------------------------

def test_a_source_the_lexicon_cannot_code_still_makes_a_claim(nlp):
    doc = run(nlp, "Analysts said the sanctions would fail.")
    (claim,) = doc._.claims
    assert claim.source == [] and doc[claim.source_span[0]:claim.source_span[1]].text == "Analysts"
    assert doc[claim.content_start:claim.content_end].text == "the sanctions would fail"


def test_the_source_phrase_keeps_its_apposition(nlp):
    doc = run(nlp, "Maria Zakharova, the foreign ministry spokeswoman, said that the talks had failed.")
    (claim,) = doc._.claims
    assert claim.source == ["RUSGOV"]
    assert doc[claim.source_span[0]:claim.source_span[1]].text == "Maria Zakharova, the foreign ministry spokeswoman"


def test_a_source_phrase_keeps_its_apposition_and_drops_what_surrounds_it(nlp):
    found = claims(nlp, "Two European diplomats, speaking on condition of anonymity, said the talks had stalled.")
    assert [c[1] for c in found if c[0] == "said"] == ["Two European diplomats"]
    found = claims(nlp, "The talks will resume in March, according to Anna Berg, a spokeswoman for the mediators.")
    assert found[0][:2] == ("according to", "Anna Berg, a spokeswoman for the mediators")


def test_a_possessor_is_the_source_of_its_reporting_noun(nlp):
    found = claims(nlp, "Israel's warning that it would act alone alarmed its allies.")
    assert [c[1] for c in found if c[0] == "warning"] == ["Israel"]


def test_an_inverted_report_takes_the_nearer_subject(nlp):
    doc = run(nlp, "Kim Jong Un plans to visit Russia next month, the Kremlin said on Tuesday.")
    assert [c.source for c in doc._.claims] == [["RUSGOV"]]


# -- cues, denials and stances ---------------------------------------------------------------------

def test_frame_cues_need_a_complement_and_the_parse(nlp):
    text = "The minister assured reporters that the aid would continue."
    assert [c.cue for c in run(nlp, text)._.claims] == ["assured"]
    assert run(nlp, "The company assured its cargo with a local firm.")._.claims == []
    assert run(build_pipeline(syntax=False), text)._.claims == []  # word order alone never takes a frame cue


def test_a_denial_never_answers_the_deniers_own_claim(nlp):
    doc = run(nlp, "Ties between North Korea and Russia have raised concerns about an arms deal. "
                   "US officials accused North Korea of supplying Russia with weapons. "
                   "Both North Korea and Russia have denied accusations of weapons transfers.")
    denial = next(c for c in doc._.claims if c.stance == "deny")
    denied = doc._.claims[denial.contests]
    assert denied.stance == "accuse" and set(denied.source) == {"USAGOV"}


def test_stance_follows_the_speakers_own_verb_and_what_is_rejected(nlp):
    said = [c for c in claims(nlp, "Beijing said it strongly condemns the deployment.") if c[0] == "said"]
    assert said and said[0][3] == "accuse"
    rejected = [c for c in claims(nlp, "Pyongyang rejected Seoul's offer of talks.") if c[0] == "rejected"]
    assert rejected and rejected[0][3] == "oppose"
    denied = [c for c in claims(nlp, "Moscow rejected the accusation that it had shared technology with Pyongyang.")
              if c[0] == "rejected"]
    assert denied and denied[0][3] == "deny"
