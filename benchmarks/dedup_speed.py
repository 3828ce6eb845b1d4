"""Speed of ablate's near-duplicate clustering against a straightforward datasketch loop.

Both sides get the same 200,000 texts and the same parameters (5-word shingles, 128 permutations,
seed 1, threshold 0.8, the same LSH bands, candidates verified by exact Jaccard similarity) and
must find identical clusters. The baseline is the loop most code uses: per document `MinHash()`
and `update()` per shingle, `MinHashLSH.insert`, then `query` for every document. Each side
runs in its own process so that its peak memory (max RSS) is its own.

The texts are real instruction data from ../shared/data/instruct when present (GPTeacher, HH-RLHF,
AlpacaEval outputs), cycled with random edits so that near-duplicates at many similarities exist;
otherwise random word documents. Target: ablate ≥ 10× the baseline's docs/s.

    python benchmarks/dedup_speed.py [--rows 200000] [--baseline-rows N]

With --baseline-rows N < rows, the baseline runs on the first N texts only and its docs/s is
compared (clusters are then checked on those N texts).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "instruct"
THRESHOLD, NUM_PERM, NGRAM, SEED = 0.8, 128, 5, 1


def base_texts() -> list[str]:
    texts = []
    if SHARED.is_dir():
        for name in ("gpteacher_codegen_instruct.json.gz", "gpteacher_roleplay_simple_deduped.json.gz"):
            texts += [f"{r['instruction']}\n{r['input']}\n{r['response']}" for r in json.loads(gzip.open(SHARED / name).read())]
        with gzip.open(SHARED / "hh_rlhf_harmless_base_test.jsonl.gz", "rt") as handle:
            texts += [json.loads(line)["chosen"] for line in handle]
        with gzip.open(SHARED / "alpaca_eval_model_outputs.jsonl.gz", "rt") as handle:
            texts += [f"{r['instruction']}\n{r['output']}" for r in map(json.loads, handle)]
    if not texts:
        rng = random.Random(0)
        vocab = [f"w{i}" for i in range(20000)]
        texts = [" ".join(rng.choice(vocab) for _ in range(rng.randint(30, 200))) for _ in range(20000)]
    return texts


def make_texts(rows: int) -> list[str]:
    """Real texts, then edited copies of them (0 to 20 word edits) until `rows`."""
    rng = random.Random(1)
    base = base_texts()
    out = list(base[:rows])
    while len(out) < rows:
        words = rng.choice(base).split()
        for _ in range(rng.choice([0, 1, 2, 5, 10, 20])):
            if words:
                words[rng.randrange(len(words))] = rng.choice(words)
        out.append(" ".join(words))
    return out


def run_ablate(texts: list[str]) -> list[list[int]]:
    import numpy as np
    import polars as pl

    from ablate.minhash import ShingleSets, Signer, cluster, ngrams, tokenize

    signer = Signer(NUM_PERM, SEED)
    signatures, parts = [], []
    series = pl.Series(texts)
    for lo in range(0, len(texts), 20_000):
        shingled = ngrams(tokenize(series.slice(lo, 20_000)), NGRAM)
        signatures.append(signer.sign(shingled))
        parts.append(shingled)
    sets = ShingleSets(parts)
    found = cluster(np.concatenate(signatures), THRESHOLD, usable=sets.sizes > 0, exact=sets)
    groups: dict[int, list[int]] = {}
    for i, c in enumerate(found.cluster.tolist()):
        if c >= 0:
            groups.setdefault(c, []).append(i)
    return list(groups.values())


def run_baseline(texts: list[str]) -> list[list[int]]:
    from datasketch import MinHash, MinHashLSH

    import polars as pl

    from ablate.minhash import LSH_WEIGHTS, WORD, shingle_hash32

    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM, weights=LSH_WEIGHTS)
    sketches, sets = [], []
    # the same tokenizer as ablate's, in one call (Python's re differs on some Unicode text)
    all_words = pl.Series(texts).str.to_lowercase().str.extract_all(WORD).to_list()
    for i, words in enumerate(all_words):
        if len(words) <= NGRAM:
            items = [" ".join(words).encode()] if words else []
        else:
            items = [" ".join(words[k:k + NGRAM]).encode() for k in range(len(words) - NGRAM + 1)]
        m = MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=shingle_hash32)
        for shingle in items:
            m.update(shingle)
        sketches.append(m)
        sets.append({shingle_hash32(s) for s in items})
        if items:
            lsh.insert(i, m)
    parent = list(range(len(texts)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, m in enumerate(sketches):
        if not sets[i]:
            continue
        for j in lsh.query(m):
            if j > i and len(sets[i] & sets[j]) / len(sets[i] | sets[j]) >= THRESHOLD:
                parent[find(i)] = find(j)
    groups: dict[int, list[int]] = {}
    for i in range(len(texts)):
        groups.setdefault(find(i), []).append(i)
    return [g for g in groups.values() if len(g) > 1]


def child(side: str, path: str, rows: int) -> None:
    texts = json.loads(Path(path).read_text())[:rows]
    import datasketch  # noqa: F401  (imports are not what is being timed)
    import numpy  # noqa: F401
    import polars  # noqa: F401

    import ablate.minhash  # noqa: F401
    started = time.perf_counter()
    groups = (run_ablate if side == "ablate" else run_baseline)(texts)
    seconds = time.perf_counter() - started
    canonical = sorted(sorted(g) for g in groups)
    print(json.dumps({"seconds": seconds, "rows": len(texts), "clusters": len(canonical),
                      "clustered_rows": sum(map(len, canonical)),
                      "digest": hashlib.sha256(json.dumps(canonical).encode()).hexdigest(),
                      "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


def measure(side: str, path: str, rows: int) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", side, path, str(rows)], check=True,
                         capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--baseline-rows", type=int, help="run the baseline on only this many rows (default: all)")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], args.child[1], int(args.child[2]))
        return
    texts = make_texts(args.rows)
    words = sum(len(t.split()) for t in texts)
    print(f"{len(texts):,} texts, {words / len(texts):.0f} words each on average "
          f"({'real data + edited copies' if SHARED.is_dir() else 'synthetic'})")
    with tempfile.TemporaryDirectory() as tmp:
        path = str(Path(tmp) / "texts.json")
        Path(path).write_text(json.dumps(texts))
        ours = measure("ablate", path, args.rows)
        base_rows = args.baseline_rows or args.rows
        baseline = measure("baseline", path, base_rows)
        check = ours if base_rows == args.rows else measure("ablate", path, base_rows)
    for name, r in (("ablate", ours), ("datasketch loop", baseline)):
        print(f"{name:>16}: {r['rows']:,} rows in {r['seconds']:.1f} s = {r['rows'] / r['seconds']:,.0f} docs/s; "
              f"{r['clusters']:,} clusters ({r['clustered_rows']:,} rows); peak RSS {r['peak_rss_mib']:,.0f} MiB")
    same = check["digest"] == baseline["digest"]
    print(f"identical clusters{'' if base_rows == args.rows else f' (first {base_rows:,} rows)'}: {'yes' if same else 'NO'}")
    ratio = (ours["rows"] / ours["seconds"]) / (baseline["rows"] / baseline["seconds"])
    print(f"speed-up: {ratio:.1f}x (target >= 10x)")
    if not same:
        sys.exit(1)


if __name__ == "__main__":
    main()
