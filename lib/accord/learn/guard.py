"""The guard: a learned model is written only if it keeps the dev sets' quality.

The thresholds are fixed here and in the README ("The engine learns from the analyst") and were
set before the worked example was built. A drop is measured as before minus after, on shares
between 0 and 1:

- any guarded metric of the PLOVER dev half or of the attribution dev set
  (:data:`accord.learn.measure.DEV_METRICS`) may drop by at most :data:`DEV_DROP`;
- the open corpus's test split: word F1 and typing accuracy by at most :data:`CORPUS_DROP`, and the
  F1 of any category with 30 or more test events by at most :data:`CATEGORY_DROP` (a correction
  set may teach one category; it may not unteach another).
"""
from __future__ import annotations

from typing import Any

DEV_DROP = 0.02  # about 3 of PLOVER's 157 dev items; the smallest step of attribution cue F1 is ~0.005
CORPUS_DROP = 0.01  # 2,088 test events: 0.01 is 20 of them
CATEGORY_DROP = 0.05


def judge(dev_before: dict, dev_after: dict, corpus_before: dict, corpus_after: dict) -> list[str]:
    """The reasons to refuse the model (empty: it may be written)."""
    reasons = []
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
    return {"dev_drop": DEV_DROP, "corpus_drop": CORPUS_DROP, "category_drop": CATEGORY_DROP}
