"""``accord evaluate``: score the annotator against gold standards.

Three gold sets, each scored for the engine and for a trivial baseline beside it:

1. **PLOVER gold standard, development half** (``--plover``; default
   ``../shared/benchmarks/plover_gsr_dev.jsonl`` beside the repository). Every
   sentence is annotated as one document dated from its record. The gold codes one
   event per sentence, so the engine's *main relation* of the sentence is scored
   against it (see :func:`main_relation`): event type (accuracy, macro-F1 over the
   PLOVER categories), mode where the gold gives one that the current PLOVER
   scheme has, quad class, source and target country F1 and sector accuracy. The
   PLOVER 0.5b1 labels are mapped first (:data:`LABEL_MAP`).
2. **The project's sentence records** (``tests/records/*.yaml``): the same
   scores against each record's first relation, plus precision and recall of
   relations, claims and actors.
3. **The seed gold** (``tests/gold/seed.yaml``, written by hand): precision and
   recall of relations, claims and actors, status/mode/date accuracy of matched
   relations, and whether the denial is linked to the accusation it denies.

Definitions
-----------
* Main relation: among the sentence's relations whose status is ``reported`` or
  ``planned`` (all of them when none is), the one whose trigger comes first;
  ties go to the earlier ``relation_id``. The CAMEO manual's examples code the
  event of the main clause, which precedes the events of subordinate clauses in
  nearly every sentence; the engine's ``score`` column is the PLOVER
  conflict-cooperation score, not a confidence, so it is not used. A sentence
  without relations is a miss (predicted label ``NONE``).
* Country of a code: its first three letters (``RUSGOV`` -> ``RUS``, ``IGOUNO``
  -> ``IGO``, so the gold's bare ``IGO`` matches any ``IGO...`` code); sector:
  letters 4-6. CAMEO's ``JAP`` is read as ``JPN``.
* Country F1: per sentence the gold and predicted country *sets* of a role (a
  compound actor counts once per member), micro-averaged: TP = |G & P|,
  FP = |P - G|, FN = |G - P| summed over sentences.
* Macro-F1: the mean F1 over the PLOVER categories that occur in the gold or in
  the predictions (``NONE`` is not a category, but a miss counts against recall).
* Sector accuracy: over gold actors with a sector (``***`` means unknown and is
  skipped), correct when the main relation has, in the same role, a code of the
  same country with that sector (``sector_accuracy_found``: only over gold actors
  whose country the main relation has in that role, so it isolates sector coding).
* Trigger position: the relations table gives the span of the whole relation
  (from its first argument or trigger to its last), so the trigger's offset is
  found by looking for the ``trigger`` words inside that span.
* Matching (seed and records): greedy one-to-one, required gold before optional,
  nearer trigger first. A relation matches when the event type is the gold's (or
  one of its ``alt_event_types``), source and target country sets overlap (an
  empty gold set accepts anything) and the engine row lies in the same gold
  sentence (the sentence holding its ``start`` offset). A claim matches on stance
  (or ``alt_stances``), overlapping source countries and sentence. Optional gold
  entries are neither missed nor, when matched, false positives.
* Baselines: the most frequent gold category / quad class / sector; for countries,
  every actor the engine mentions in the sentence as source and as target (so the
  difference is what argument attachment adds); for the seed, one relation per
  sentence between the first two countries mentioned with the most frequent gold
  type, and one claim per sentence by the first actor mentioned with the most
  frequent gold stance; bare country codes for the actors.

The output is deterministic: the same engine gives the same table and JSON.
"""
from .codes import (CATEGORIES, actor_codes, as_list, countries, country, main_relation, map_label, mentioned_codes,
                    norm_code, sector, trigger_offset)
from .common import BENCHMARKS, PLOVER_DEFAULT, RECORDS_DEFAULT, SEED_GOLD_DEFAULT, resolve
from .match import claim_compatible, match, match_counts, overlaps, relation_compatible, sentence_of, status_ok
from .metrics import accuracy, macro_f1, majority, per_label_prf, prf, safe_div, sector_hits, set_prf
from .plover import evaluate_plover, load_plover, load_quad_classes, score_main
from .records import evaluate_records, load_records
from .run import evaluate_all
from .seed import evaluate_seed, load_seed_gold, score_seed
from .summary import flatten, format_details, format_markdown, format_table, to_json

# the public names, listed: dir() would also export the submodules imported above
__all__ = [
    "BENCHMARKS", "CATEGORIES", "PLOVER_DEFAULT", "RECORDS_DEFAULT", "SEED_GOLD_DEFAULT", "accuracy", "actor_codes",
    "as_list", "claim_compatible", "countries", "country", "evaluate_all", "evaluate_plover", "evaluate_records",
    "evaluate_seed", "flatten", "format_details", "format_markdown", "format_table", "load_plover",
    "load_quad_classes", "load_records", "load_seed_gold", "macro_f1", "main_relation", "majority", "map_label",
    "match", "match_counts", "mentioned_codes", "norm_code", "overlaps", "per_label_prf", "prf",
    "relation_compatible", "resolve", "safe_div", "score_main", "score_seed", "sector", "sector_hits",
    "sentence_of", "set_prf", "status_ok", "to_json", "trigger_offset",
]
