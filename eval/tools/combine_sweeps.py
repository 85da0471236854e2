#!/usr/bin/env python3
"""Chooses one fusion setting from the `eval --sweep` runs of several collections.

  combine_sweeps.py [--two-legs] DEV_METRICS.json [DEV_METRICS.json ...]

Each file is the metrics.json of `m3search eval --split dev --sweep` on one collection. A
setting's gain on a collection is its nDCG@10 minus that of the collection's best single leg.
Among the settings that weigh every leg, the chosen one has the best worst case: the highest
minimum gain over the collections (ties by the mean gain). A setting that is best on one
collection but loses on another ranks below one that holds on all of them. Each collection's
bootstrap lower bound (the sweep's own ranking) is shown beside it; it is not used to rank, since
the collection with the fewest queries has the widest interval and would decide alone.

With --two-legs, for a model without token vectors: only settings that weigh dense and sparse and
give ColBERT nothing, against the better of the dense and sparse legs. The sweep of an index
without token vectors holds only those; that of an index with them gives the same numbers for
them, since ColBERT takes no part in choosing the candidates.
"""
import json
import sys


def sweep(path, legs):
    with open(path) as f:
        metrics = json.load(f)
    best_leg = max(metrics["runs"][leg]["ndcg@10"] for leg in legs)
    return best_leg, {(s["method"], tuple(round(w, 2) for w in s["weights"])): s for s in metrics["sweep"]}


def main(paths, two_legs):
    legs = ("dense", "sparse") if two_legs else ("dense", "sparse", "colbert")
    sweeps = [sweep(p, legs) for p in paths]
    common = set.intersection(*(set(s) for _, s in sweeps))
    rows = []
    for key in common:
        weighted = key[1][:2] if two_legs else key[1]
        if min(weighted) <= 0 or (two_legs and key[1][2] != 0):
            continue
        gains = [s[key]["ndcg@10"] - best for best, s in sweeps]
        bounds = [s[key]["gainLowerBound"] for _, s in sweeps]
        rows.append((min(gains), sum(gains) / len(gains), key, gains, bounds))
    rows.sort(reverse=True)
    names = ", ".join(p.split("/")[-2] for p in paths)
    print(f"| rank | method | weights d/s/c | worst gain | mean gain | gains ({names}) | lower bounds |")
    print("|---:|---|---|---:|---:|---|---|")
    for rank, (worst, mean, (method, weights), gains, bounds) in enumerate(rows[:15], start=1):
        print(f"| {rank} | {method} | {'/'.join(str(w) for w in weights)} | {worst:+.4f} | {mean:+.4f} | "
              f"{' '.join(f'{g:+.4f}' for g in gains)} | {' '.join(f'{b:+.4f}' for b in bounds)} |")


if __name__ == "__main__":
    args = sys.argv[1:]
    two_legs = "--two-legs" in args
    paths = [a for a in args if a != "--two-legs"]
    if not paths:
        sys.exit(__doc__)
    main(paths, two_legs)
