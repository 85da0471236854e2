#!/usr/bin/env python3
"""Each run's nDCG@10 on the dev and test halves and on all queries of one `m3search eval --split all`,
with a 90% paired bootstrap interval (2,000 resamples) of hybrid minus the lexical leg: the halves
are the query ids in the metrics.json of `eval --split dev` and `eval --split test` on the same
dataset (the split eval makes with its fixed seed); without TEST, the test half is every query not in DEV.

  split_halves.py ALL/metrics.json DEV/metrics.json [TEST/metrics.json]
"""
import json,random,sys
allm=json.load(open(sys.argv[1])); pq=allm['perQuery']
dev=json.load(open(sys.argv[2]))
test=json.load(open(sys.argv[3])) if len(sys.argv) > 3 else {'perQuery': {'sparse': {q: None for q in pq['sparse'] if q not in dev['perQuery']['sparse']}}}
halves={'dev':dev,'test':test}
for name,m in list(halves.items())+[('all',allm)]:
    ids=list(m['perQuery']['sparse'].keys())
    row={r: sum(pq[r][q]['ndcg@10'] for q in ids)/len(ids) for r in ['dense','sparse','colbert','hybrid']}
    d=[pq['hybrid'][q]['ndcg@10']-pq['sparse'][q]['ndcg@10'] for q in ids]
    rnd=random.Random(7); bs=sorted(sum(rnd.choice(d) for _ in d)/len(d) for _ in range(2000))
    print(name, len(ids), ' '.join('%s %.4f'%(k,v) for k,v in row.items()), 'hybrid-sparse %+.4f [%+.4f, %+.4f]'%(sum(d)/len(d), bs[100], bs[1899]))
