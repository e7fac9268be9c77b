"""Smoke test of training/train.py: convert -> train -> evaluate on ~20 sentences, in seconds."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TRAIN_SCRIPT = ROOT / "training" / "train.py"

# 20 hand-written sentences in CoNLL-U (ID FORM LEMMA UPOS XPOS FEATS HEAD DEPREL DEPS MISC),
# with a multiword token range and an empty node, which the reader must skip.
_SENTS = [
    [("The", "the", "DET", "DT", "det", 2), ("minister", "minister", "NOUN", "NN", "nsubj", 3),
     ("signed", "sign", "VERB", "VBD", "root", 0), ("the", "the", "DET", "DT", "det", 5),
     ("treaty", "treaty", "NOUN", "NN", "obj", 3), (".", ".", "PUNCT", ".", "punct", 3)],
    [("The", "the", "DET", "DT", "det", 2), ("treaty", "treaty", "NOUN", "NN", "nsubj:pass", 4),
     ("was", "be", "AUX", "VBD", "aux:pass", 4), ("signed", "sign", "VERB", "VBN", "root", 0),
     ("on", "on", "ADP", "IN", "case", 6), ("Monday", "Monday", "PROPN", "NNP", "obl:tmod", 4),
     (".", ".", "PUNCT", ".", "punct", 4)],
    [("France", "France", "PROPN", "NNP", "nsubj", 2), ("praised", "praise", "VERB", "VBD", "root", 0),
     ("Germany", "Germany", "PROPN", "NNP", "obj", 2), (".", ".", "PUNCT", ".", "punct", 2)],
    [("Leaders", "leader", "NOUN", "NNS", "nsubj", 2), ("met", "meet", "VERB", "VBD", "root", 0),
     ("in", "in", "ADP", "IN", "case", 4), ("Paris", "Paris", "PROPN", "NNP", "obl", 2),
     (".", ".", "PUNCT", ".", "punct", 2)],
]


def _conllu(n: int) -> str:
    out = []
    for k in range(n):
        sent = _SENTS[k % len(_SENTS)]
        lines = [f"# sent_id = s{k}", "# text = " + " ".join(w[0] for w in sent)]
        if k == 0:
            lines.insert(0, "# newdoc id = d0")
        for i, (form, lemma, upos, xpos, dep, head) in enumerate(sent, 1):
            misc = "SpaceAfter=No" if i + 1 <= len(sent) and sent[i][0] == "." else "_"
            lines.append(f"{i}\t{form}\t{lemma}\t{upos}\t{xpos}\t_\t{head}\t{dep}\t_\t{misc}")
            if k == 5 and i == 1:
                lines.append(f"1.1\tghost\tghost\tNOUN\tNN\t_\t_\t_\t1:dep\t_")
        out.append("\n".join(lines))
    # a sentence with a multiword token ("don't")
    out.append("\n".join([
        "# text = They don't agree.",
        "1\tThey\tthey\tPRON\tPRP\t_\t4\tnsubj\t_\t_",
        "2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_",
        "2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t_\t_",
        "3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_",
        "4\tagree\tagree\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No",
        "5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_",
    ]))
    return "\n\n".join(out) + "\n\n"


def test_reader_skips_ranges_and_empty_nodes(tmp_path):
    sys.path.insert(0, str(ROOT / "training"))
    import convert

    p = tmp_path / "x.conllu"
    p.write_text(_conllu(8))
    sents = list(convert.read_conllu(p))
    assert len(sents) == 9
    assert "ghost" not in sents[5].words
    assert sents[-1].words == ["They", "do", "n't", "agree", "."]
    assert sents[-1].spaces == [True, False, True, False, True]
    assert sents[1].deps[1] == "nsubj:pass" and sents[1].deps[5] == "obl:tmod"
    db = tmp_path / "x.spacy"
    stats = convert.conllu_to_docbin(p, db, sents_per_doc=4)
    assert stats["sentences"] == 9 and stats["docs"] == 3


def test_train_script_end_to_end(tmp_path):
    train = tmp_path / "train.conllu"
    dev = tmp_path / "dev.conllu"
    train.write_text(_conllu(20))
    dev.write_text(_conllu(6))
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")
    run = tmp_path / "run"
    proc = subprocess.run(
        [sys.executable, str(TRAIN_SCRIPT), "--out", str(run), "--train", str(train), "--dev", str(dev),
         "--corpus", str(tmp_path / "corpus"), "--width", "16", "--depth", "1", "--hidden", "16",
         "--max-steps", "4", "--eval-frequency", "2"],
        env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    best = run / "model-best"
    assert (best / "meta.json").exists() and (best / "config.cfg").exists()
    scores = json.loads((run / "scores.json").read_text())
    assert scores["settings"]["width"] == 16 and "dev" in scores and "speed" in scores

    spacy = pytest.importorskip("spacy")
    nlp = spacy.load(best)
    assert nlp.pipe_names == ["tok2vec", "tagger", "parser", "trainable_lemmatizer", "attribute_ruler"]
    doc = nlp("The minister signed the treaty.")
    assert doc.has_annotation("DEP") and doc.has_annotation("HEAD")
    assert doc.has_annotation("TAG") and doc.has_annotation("POS")
    assert all(t.dep_ for t in doc)
    assert sum(t.head.i == t.i for t in doc) >= 1  # at least one root
