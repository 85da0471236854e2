#!/usr/bin/env bash
# The token-mode table of the README, on the path a user takes: for each ColBERT mode, `index`
# builds the index in that mode (quantised at flush, several segments), `eval --exact` scores it,
# `merge` force-merges it to one segment (re-quantised around the merged centroid), and `eval
# --exact` scores it again. Prints one markdown row per mode.
#
#   eval/tools/token_modes.sh DATASET WORKDIR [MODE ...]     (modes default: float32 int8 int4 2bit 1bit)
set -euo pipefail
dataset=$1
work=$2
shift 2
modes=("$@")
[ ${#modes[@]} -gt 0 ] || modes=(float32 int8 int4 2bit 1bit)
m3search="$(cd "$(dirname "$0")/../.." && pwd)/bin/m3search"
mkdir -p "$work"

ndcg() {  # colbert-exact nDCG@10 of an eval output folder
  python3 -c 'import json,sys; print("%.4f" % json.load(open(sys.argv[1]))["runs"]["colbert-exact"]["ndcg@10"])' "$1/metrics.json"
}

echo "| colbert mode | segments | bytes/token | nDCG@10 colbert-exact | after merge: bytes/token | nDCG@10 colbert-exact |"
echo "|---|---:|---:|---:|---:|---:|"
for mode in "${modes[@]}"; do
  index="$work/index-$mode"
  rm -rf "$index"
  "$m3search" index --input "$dataset/corpus.jsonl" --index "$index" --colbert-mode "$mode" > "$work/index-$mode.log" 2>&1
  segments=$("$m3search" info --index "$index" | sed -n 's/.*(\([0-9,]*\) deleted, \([0-9]*\) segments).*/\2/p')
  built=$("$m3search" info --index "$index" | sed -n 's/.* \([0-9.]*\) bytes per token.*/\1/p')
  "$m3search" eval --dataset "$dataset" --index "$index" --out "$work/eval-$mode" --exact > "$work/eval-$mode.log" 2>&1
  "$m3search" merge --index "$index" > "$work/merge-$mode.log" 2>&1
  merged=$("$m3search" info --index "$index" | sed -n 's/.* \([0-9.]*\) bytes per token.*/\1/p')
  "$m3search" eval --dataset "$dataset" --index "$index" --out "$work/eval-$mode-merged" --exact > "$work/eval-$mode-merged.log" 2>&1
  echo "| $mode | $segments | $built | $(ndcg "$work/eval-$mode") | $merged | $(ndcg "$work/eval-$mode-merged") |"
done
