"""The guard: a learned model is written only if it keeps the dev sets' quality.

The thresholds are fixed here and in the README ("The engine learns from the analyst") and were
set before the worked example was built. A drop is measured as before minus after, on shares
between 0 and 1:

- any guarded metric of the PLOVER dev half or of the attribution dev set
  (:data:`accord.learn.measure.DEV_METRICS`) may drop by at most :data:`DEV_DROP`;
- the open corpus's test split: word F1 and typing accuracy by at most :data:`CORPUS_DROP`, and the
  F1 of any category with 30 or more test events by at most :data:`CATEGORY_DROP` (a correction
  set may teach one category; it may not unteach another);
- the open corpus's own uses of each word the corrections teach (both splits, words with 10 uses or
  more): the share on which the model agrees with the corpus's label may drop by at most
  :data:`LEMMA_DROP`. Corrections that contradict the corpus's guidelines on a word (every "met"
  an ASSAULT) show here even when the dev sets hold few uses of that word;
- before any of that, the labels themselves: a category the corrections teach a word (by
  :data:`MIN_TEACHING` corrections or more) that the open corpus gives to fewer than
  :data:`CORPUS_SHARE` of that word's :data:`MIN_USES` or more uses contradicts the corpus's
  guidelines (the corpus labels "meet" CONSULT 76 times and ASSAULT once in 133 uses).
"""
from __future__ import annotations

from collections import Counter
from typing import Any

DEV_DROP = 0.02  # about 3 of PLOVER's 157 dev items; the smallest step of attribution cue F1 is ~0.005
CORPUS_DROP = 0.01  # 2,088 test events: 0.01 is 20 of them
CATEGORY_DROP = 0.05
LEMMA_DROP = 0.10
CORPUS_SHARE = 0.05
MIN_USES = 20
MIN_TEACHING = 3


def contradictions(taught: Counter, corpus: dict[str, Counter]) -> list[str]:
    """Reasons for the (word, category) pairs of ``taught`` (how many corrections teach each) that the
    corpus's uses of the word (``corpus``: word -> label counts) contradict."""
    reasons = []
    for (lemma, label), n in sorted(taught.items()):
        uses = corpus.get(lemma, Counter())
        total = sum(uses.values())
        if n < MIN_TEACHING or total < MIN_USES or uses[label] / total >= CORPUS_SHARE:
            continue
        usual = ", ".join(f"{c} {k}" for c, k in uses.most_common(3))
        reasons.append(f"{n} corrections teach '{lemma}' as {label}, which the open corpus gives to {uses[label]} of "
                       f"its {total} uses ({usual}; less than {CORPUS_SHARE:.0%}): they contradict the corpus's "
                       "guidelines (training/corpus/ANNOTATION.md)")
    return reasons


def judge(dev_before: dict, dev_after: dict, corpus_before: dict, corpus_after: dict,
          lemmas_before: dict | None = None, lemmas_after: dict | None = None) -> list[str]:
    """The reasons to refuse the model (empty: it may be written)."""
    reasons = []
    for lemma, was in (lemmas_before or {}).items():
        now = (lemmas_after or {})[lemma]
        if was["agreement"] - now["agreement"] > LEMMA_DROP + 1e-9:
            reasons.append(f"the open corpus's {was['n']} uses of '{lemma}': agreement with its labels drops from "
                           f"{was['agreement']:.3f} to {now['agreement']:.3f} (more than {LEMMA_DROP:.2f}): "
                           "the corrections contradict the corpus's guidelines on this word")
    for bench, metrics in dev_before.items():
        for name, was in metrics.items():
            now = dev_after[bench][name]
            if was - now > DEV_DROP + 1e-9:
                reasons.append(f"{bench} dev {name} drops from {was:.3f} to {now:.3f} "
                               f"(more than {DEV_DROP:.2f})")
    for name in ("f1", "typing_accuracy"):
        was, now = corpus_before[name], corpus_after[name]
        if was - now > CORPUS_DROP + 1e-9:
            reasons.append(f"corpus test {name} drops from {was:.3f} to {now:.3f} (more than {CORPUS_DROP:.2f})")
    for cat, was in corpus_before["per_category_f1"].items():
        now = corpus_after["per_category_f1"].get(cat, 0.0)
        if was - now > CATEGORY_DROP + 1e-9:
            reasons.append(f"corpus test F1 of {cat} drops from {was:.3f} to {now:.3f} "
                           f"(more than {CATEGORY_DROP:.2f})")
    return reasons


def thresholds() -> dict[str, Any]:
    """The guard's thresholds, as the model card records them."""
    return {"dev_drop": DEV_DROP, "corpus_drop": CORPUS_DROP, "category_drop": CATEGORY_DROP,
            "lemma_drop": LEMMA_DROP, "corpus_share": CORPUS_SHARE, "min_uses": MIN_USES,
            "min_teaching": MIN_TEACHING}
