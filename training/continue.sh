#!/usr/bin/env bash
# The chosen setting (w96d4h64) trained further: its sweep run's model-last (step 1600 of the
# 16-minute budget) continued for another 12 minutes of training, fresh optimizer, same data/seed.
# Then scored on dev AND test (the final report). Usage: bash training/continue.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-/work/main/.venv/bin/python}
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
"$PY" training/train.py --out training/runs/final --resume-from training/runs/w96d4h64/model-last \
  ${STEPS:+--max-steps $STEPS} --time-limit "${LIMIT:-12}" --test > training/logs/final.log 2>&1
