#!/usr/bin/env bash
# The width/depth sweep (dev splits only), one run after the other, one thread, same budget each:
# 16 minutes of training (stopping at the first dev evaluation after that), patience 1600 steps.
# Usage: bash training/sweep.sh   (logs in training/logs/, runs in training/runs/)
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-/work/main/.venv/bin/python}
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
LIMIT=${LIMIT:-16}
run() {  # name width depth hidden
  "$PY" training/train.py --out "training/runs/$1" --width "$2" --depth "$3" --hidden "$4" \
    --time-limit "$LIMIT" > "training/logs/$1.log" 2>&1
}
run w96d4h64 96 4 64
run w64d2h64 64 2 64
run w128d4h128 128 4 128
