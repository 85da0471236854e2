#!/usr/bin/env python3
"""Converts further classic test collections (Glasgow IR resources set) into BEIR folders:
corpus.jsonl, queries.jsonl (only queries that have judgements), qrels/test.tsv.

  more_to_beir.py cacm  cacm.all query.text qrels.text OUT
  more_to_beir.py med   MED.ALL MED.QRY MED.REL OUT
  more_to_beir.py adi   ADI.ALL ADI.QRY ADI.REL OUT
  more_to_beir.py npl   doc-text query-text rlv-ass OUT
  more_to_beir.py lisa  DOCDIR LISA.QUE LISARJ.NUM OUT  (DOCDIR holds LISA0.001 ... LISA5.850)

All judgements in these collections are binary: gain 1.
SMART files (cacm, med, adi): document = .T title + .W text; query = .W text.
CACM qrels.text ("01 1410 0 0") uses the .I numbers of query.text.
MED.REL is TREC style ("qid 0 docid 1"); ADI.REL is "qid docid 0 0.000000".
NPL: records are "id\\n text \\n /"; rlv-ass lists "qid\\n docids... \\n /".
LISA: "Document n" then title lines up to the first blank line, then the text, records
separated by lines of '*'; LISA.QUE "n\\n text #". Judgements: LISARJ.NUM ("qid count ids...");
LISA.REL ("Query n / k Relevant Refs: / ids -1") is also read, but the Glasgow copy is garbled
around queries 21-23, so use LISARJ.NUM (it agrees with LISA.REL on the other 32 queries).
The LISA files repeat Documents 1998-2001 verbatim (kept once), lack Documents 1993-1997, and hold
one headerless fragment after Document 2001 in LISA1.501 (skipped).
"""
import glob
import json
import os
import re
import sys

from smart_to_beir import records


def read(path):
    with open(path, encoding="latin-1") as f:
        return f.read().replace("\r\n", "\n").replace("\r", "\n")


def norm(s):
    return " ".join(s.split())


def smart_records(path):
    """SMART records (as smart_to_beir reads them) with numeric ids written without leading zeros."""
    for record_id, fields in records(path):
        yield str(int(record_id)), fields


def slash_records(path):
    """NPL style: blocks terminated by a line holding only '/'; first token of block is the id."""
    for block in re.split(r"^\s*/\s*$", read(path), flags=re.M):
        block = block.strip()
        if not block:
            continue
        head, _, body = block.partition("\n")
        yield str(int(head.strip())), body


def load(kind, docs_path, queries_path, qrels_path):
    docs, queries, qrels = [], {}, []
    if kind in ("cacm", "med", "adi"):
        for did, f in smart_records(docs_path):
            docs.append((did, f.get("T", ""), f.get("W", "")))
        for qid, f in smart_records(queries_path):
            queries[qid] = f.get("W", "")
        for line in read(qrels_path).splitlines():
            p = line.split()
            if not p:
                continue
            if kind == "med":
                if len(p) == 4:
                    qid, did, rel = p[0], p[2], int(p[3])
                else:
                    qid, did, rel = p[0], p[1], int(p[2])
                if rel <= 0:
                    continue
            else:  # cacm, adi: qid docid ...
                qid, did = p[0], p[1]
            qrels.append((str(int(qid)), str(int(did))))
    elif kind == "npl":
        for did, body in slash_records(docs_path):
            docs.append((did, "", norm(body)))
        for qid, body in slash_records(queries_path):
            queries[qid] = norm(body)
        for qid, body in slash_records(qrels_path):
            for did in body.split():
                qrels.append((qid, str(int(did))))
    elif kind == "lisa":
        files = sorted(glob.glob(os.path.join(docs_path, "LISA[0-9]*")),
                       key=lambda s: float(os.path.basename(s)[4:]))
        for path in files:
            for rec in re.split(r"^\*{5,}\s*$", read(path), flags=re.M):
                rec = rec.strip("\n")
                m = re.match(r"\s*Document\s+(\d+)\s*\n", rec)
                if not m:
                    if rec.strip():  # LISA1.501 holds one headerless fragment after Document 2001
                        print(f"skipping headerless fragment in {os.path.basename(path)}: {norm(rec)[:70]!r}")
                    continue
                body = rec[m.end():]
                parts = re.split(r"\n[ \t]*\n", body, maxsplit=1)
                title = parts[0]
                text = parts[1] if len(parts) > 1 else ""
                docs.append((str(int(m.group(1))), norm(title), norm(text)))
        for chunk in re.split(r"#", read(queries_path)):
            chunk = chunk.strip()
            if not chunk:
                continue
            head, _, body = chunk.partition("\n")
            queries[str(int(head.strip()))] = norm(body)
        text = read(qrels_path)
        if "Relevant Refs" in text:
            for m in re.finditer(r"Query\s+(\d+)\s*\n\s*(\d+)\s+Relevant Refs:\s*\n(.*?)-1", text, flags=re.S):
                ids = m.group(3).split()
                if len(ids) != int(m.group(2)):
                    raise ValueError(f"LISA query {m.group(1)}: {len(ids)} ids, header says {m.group(2)}")
                for did in ids:
                    qrels.append((str(int(m.group(1))), str(int(did))))
        else:  # LISARJ.NUM: a stream of integers "qid count id id ..."
            nums = [int(x) for x in text.split()]
            i = 0
            while i < len(nums):
                qid, n = nums[i], nums[i + 1]
                for did in nums[i + 2:i + 2 + n]:
                    qrels.append((str(qid), str(did)))
                i += 2 + n
    else:
        raise SystemExit(__doc__)
    return docs, queries, qrels


def main(kind, docs_path, queries_path, qrels_path, out):
    docs, queries, qrels = load(kind, docs_path, queries_path, qrels_path)
    first, unique = {}, []
    for doc in docs:  # LISA repeats Documents 1998-2001 verbatim; keep the first copy
        if doc[0] in first:
            if first[doc[0]] != doc:
                raise SystemExit(f"document id {doc[0]} repeated with different content")
            print(f"dropping verbatim duplicate of document {doc[0]}")
            continue
        first[doc[0]] = doc
        unique.append(doc)
    docs = unique
    idset = set(first)
    os.makedirs(os.path.join(out, "qrels"), exist_ok=True)
    with open(os.path.join(out, "corpus.jsonl"), "w") as f:
        for did, title, text in docs:
            f.write(json.dumps({"_id": did, "title": title, "text": text, "metadata": {}}) + "\n")
    seen, kept, dropped_doc, dropped_query = set(), [], 0, 0
    for qid, did in qrels:
        if (qid, did) in seen:
            continue
        seen.add((qid, did))
        if did not in idset:
            dropped_doc += 1
            continue
        if qid not in queries:
            dropped_query += 1
            continue
        kept.append((qid, did))
    judged = {q for q, _ in kept}
    with open(os.path.join(out, "qrels", "test.tsv"), "w") as f:
        f.write("query-id\tcorpus-id\tscore\n")
        for qid, did in kept:
            f.write(f"{qid}\t{did}\t1\n")
    n = 0
    with open(os.path.join(out, "queries.jsonl"), "w") as f:
        for qid, text in queries.items():
            if qid in judged:
                f.write(json.dumps({"_id": qid, "text": text, "metadata": {}}) + "\n")
                n += 1
    empty = sum(1 for _, t, x in docs if not (t or x))
    print(f"{out}: {len(docs)} docs ({empty} empty), {len(queries)} queries in file, {n} judged, "
          f"{len(kept)} judgements; dropped: {dropped_doc} unknown doc, {dropped_query} unknown query, "
          f"{len(qrels) - len(seen)} duplicate")


if __name__ == "__main__":
    if len(sys.argv) != 6:
        sys.exit(__doc__)
    main(*sys.argv[1:])
