#!/usr/bin/env python3
"""Converts a SQuAD-format reading-comprehension file into a BEIR folder that `m3search index`
and `m3search eval` read: corpus.jsonl, queries.jsonl, qrels/test.tsv.

  squad_to_beir.py IN.json OUT

IN is SQuAD's layout: {"data": [{"title": ..., "paragraphs": [{"context": ...,
"qas": [{"id": ..., "question": ...}, ...]}, ...]}, ...]} (SQuAD 1.1, KorQuAD 1.0, JSQuAD,
CMRC 2018's squad-style files). Each distinct context is one document, numbered in file order
(_id p0001, p0002, ...; more digits when there are more than 9999), title = its article's title,
text = the context as it stands (JSQuAD's contexts begin "title [SEP] "; that is kept). A context
that recurs (under any article) is the same document. Each question is a query (_id = its qas id),
judged relevant (gain 1) to the paragraph it was asked on. Questions marked is_impossible
(SQuAD 2.0), with no text, or whose id was already seen are skipped and counted.

Licences: these sets are published under their own terms (KorQuAD 1.0: CC BY-ND 2.0 KR; JSQuAD
/ JGLUE and CMRC 2018: CC BY-SA 4.0). A converted copy is derived from the source data: keep it
outside the repository and never commit it; commit only this converter.
"""
import json
import os
import sys


def convert(src, out):
    with open(src, encoding="utf-8-sig") as f:
        data = json.load(f)["data"]
    doc_ids, docs = {}, []  # context -> _id; [(context, title)]
    queries, qrels = [], []
    seen = set()
    skipped = {"is_impossible": 0, "empty question": 0, "duplicate id": 0}
    for article in data:
        title = (article.get("title") or "").strip()
        for paragraph in article.get("paragraphs", []):
            context = paragraph.get("context") or ""
            if not context.strip():
                continue
            if context not in doc_ids:
                doc_ids[context] = len(docs)
                docs.append((context, title))
            n = doc_ids[context]
            for qa in paragraph.get("qas", []):
                qid, question = str(qa.get("id", "")), (qa.get("question") or "").strip()
                if qa.get("is_impossible"):
                    skipped["is_impossible"] += 1
                elif not question:
                    skipped["empty question"] += 1
                elif not qid or qid in seen:
                    skipped["duplicate id"] += 1
                else:
                    seen.add(qid)
                    queries.append((qid, question))
                    qrels.append((qid, n))
    width = max(4, len(str(len(docs))))

    def doc_id(n):
        return f"p{n + 1:0{width}d}"

    os.makedirs(os.path.join(out, "qrels"), exist_ok=True)
    with open(os.path.join(out, "corpus.jsonl"), "w", encoding="utf-8") as f:
        for n, (context, title) in enumerate(docs):
            f.write(json.dumps({"_id": doc_id(n), "title": title, "text": context, "metadata": {}},
                               ensure_ascii=False) + "\n")
    with open(os.path.join(out, "queries.jsonl"), "w", encoding="utf-8") as f:
        for qid, question in queries:
            f.write(json.dumps({"_id": qid, "text": question, "metadata": {}}, ensure_ascii=False) + "\n")
    with open(os.path.join(out, "qrels", "test.tsv"), "w", encoding="utf-8") as f:
        f.write("query-id\tcorpus-id\tscore\n")
        for qid, n in qrels:
            f.write(f"{qid}\t{doc_id(n)}\t1\n")
    dropped = ", ".join(f"{v} {k}" for k, v in skipped.items())
    print(f"{out}: {len(docs)} documents ({len(data)} articles), {len(queries)} queries; skipped: {dropped}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    convert(*sys.argv[1:])
