#!/usr/bin/env bash
# Rebuild the shipped model from scratch, deterministically (seed 0, one thread), with the step
# counts the time-limited runs reached (see training/README.md): the chosen sweep setting
# (w96d4h64, 1600 steps), then its continuation, scored on dev + test, then packaged into
# lib/accord/models/en_ud. Usage: bash training/make_parser.sh   (or: make parser)
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-/work/main/.venv/bin/python}
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
mkdir -p training/logs
"$PY" training/train.py --out training/runs/w96d4h64 --width 96 --depth 4 --hidden 64 \
  --max-steps 1600 > training/logs/w96d4h64.log 2>&1
STEPS=${FINAL_STEPS:-1600} PY="$PY" bash training/continue.sh
"$PY" training/compare_speed.py --clock cpu training/runs/final/model-best --text /work/shared/treebanks/en_gum-news-wiki-test.conllu --out training/runs/speed_final_cpu.json
"$PY" training/package.py training/runs/final --speed-json training/runs/speed_final_cpu.json
