#!/usr/bin/env python3
"""Converts a SMART-format test collection (Cranfield 1400, CISI) into a BEIR folder that
`m3search index` and `m3search eval` read: corpus.jsonl, queries.jsonl, qrels/test.tsv.

  smart_to_beir.py cranfield cran.all.1400 cran.qry cranqrel OUT
  smart_to_beir.py cisi CISI.ALL CISI.QRY CISI.REL OUT

Documents are the .T title and the .W text. Cranfield's qrels number the queries 1..225 in
file order (not by their .I ids), and grade relevance 1 (a complete answer) to 4 (minimum
interest): the gain written is 5 - grade, so the best answer counts most; grades outside 1..4
are dropped. CISI's judgements are binary (gain 1).
"""
import json
import os
import re
import sys


def records(path):
    """Yields (id, {field letter: text}) for each .I record of a SMART file."""
    with open(path, encoding="latin-1") as f:
        text = f.read()
    for chunk in re.split(r"^\.I\s+", text, flags=re.M)[1:]:
        head, _, body = chunk.partition("\n")
        fields, current = {}, None
        for line in body.splitlines():
            marker = re.fullmatch(r"\.([A-Z])\s*", line)
            if marker:
                current = marker.group(1)
                fields.setdefault(current, [])
            elif current:
                fields[current].append(line.strip())
        yield head.strip(), {k: " ".join(" ".join(v).split()) for k, v in fields.items()}


def main(kind, docs_path, queries_path, qrels_path, out):
    os.makedirs(os.path.join(out, "qrels"), exist_ok=True)
    with open(os.path.join(out, "corpus.jsonl"), "w") as f:
        for doc_id, fields in records(docs_path):
            doc = {"_id": str(int(doc_id)), "title": fields.get("T", ""), "text": fields.get("W", ""), "metadata": {}}
            f.write(json.dumps(doc) + "\n")
    query_ids = []
    with open(os.path.join(out, "queries.jsonl"), "w") as f:
        for n, (query_id, fields) in enumerate(records(queries_path), start=1):
            qid = str(n) if kind == "cranfield" else str(int(query_id))
            query_ids.append(qid)
            f.write(json.dumps({"_id": qid, "text": fields.get("W", ""), "metadata": {}}) + "\n")
    judged = set()
    with open(qrels_path) as src, open(os.path.join(out, "qrels", "test.tsv"), "w") as f:
        f.write("query-id\tcorpus-id\tscore\n")
        for line in src:
            parts = line.split()
            if len(parts) < 3:
                continue
            qid, doc_id = str(int(parts[0])), str(int(parts[1]))
            if kind == "cranfield":
                grade = int(parts[2])
                if not 1 <= grade <= 4:
                    continue
                gain = 5 - grade
            else:
                gain = 1
            if (qid, doc_id) in judged:
                continue
            judged.add((qid, doc_id))
            f.write(f"{qid}\t{doc_id}\t{gain}\n")
    print(f"{out}: {len(query_ids)} queries, {len({q for q, _ in judged})} judged, {len(judged)} judgements")


if __name__ == "__main__":
    if len(sys.argv) != 6 or sys.argv[1] not in ("cranfield", "cisi"):
        sys.exit(__doc__)
    main(*sys.argv[1:])
