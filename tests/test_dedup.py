"""Dedup and decontamination: datasketch-identical signatures and clusters, precision and recall
against exact all-pairs Jaccard on injected near-duplicates, injected benchmark items, the CLI."""

from __future__ import annotations

import csv
import gzip
import json
import random
from pathlib import Path

import numpy as np
import polars as pl
import pytest
from click.testing import CliRunner

from ablate.cli import main
from ablate.dedup import dedup_dataset
from ablate.minhash import ShingleSets, Signer, cluster, ngrams, shingle_batch, shingle_hash32, shingles, tokenize

WORDS = [f"w{i}" for i in range(3000)] + ["the", "a", "of", "to", "and", "in", "is", "it", "that", "for"]


def random_doc(rng: random.Random, low: int = 30, high: int = 90) -> list[str]:
    return [rng.choice(WORDS) for _ in range(rng.randint(low, high))]


def edit(rng: random.Random, words: list[str], changes: int) -> list[str]:
    """An edited copy: `changes` random substitutions, insertions or deletions."""
    out = list(words)
    for _ in range(changes):
        op, at = rng.random(), rng.randrange(len(out))
        if op < 0.5:
            out[at] = rng.choice(WORDS)
        elif op < 0.75:
            out.insert(at, rng.choice(WORDS))
        elif len(out) > 10:
            del out[at]
    return out


def exact_jaccard_pairs(texts: list[str], ngram: int, threshold: float) -> set[tuple[int, int]]:
    """All pairs with exact Jaccard similarity >= threshold, via a sparse doc x shingle product."""
    from scipy.sparse import csr_matrix

    sets = [set(shingles(t, ngram)) for t in texts]
    vocab: dict[bytes, int] = {}
    rows, cols = [], []
    for i, s in enumerate(sets):
        for sh in s:
            rows.append(i)
            cols.append(vocab.setdefault(sh, len(vocab)))
    matrix = csr_matrix((np.ones(len(rows), dtype=np.int32), (rows, cols)), shape=(len(texts), len(vocab)))
    inter = (matrix @ matrix.T).tocoo()
    sizes = np.array([len(s) for s in sets])
    keep = inter.row < inter.col
    i, j, n = inter.row[keep], inter.col[keep], inter.data[keep]
    jac = n / (sizes[i] + sizes[j] - n)
    return {(int(a), int(b)) for a, b in zip(i[jac >= threshold], j[jac >= threshold])}


def test_signatures_match_datasketch_exactly():
    from datasketch import MinHash

    texts = ["The quick brown fox jumps over the lazy dog, again and again.", "hello", "", "Ünïcode wörds — und 数字 123 ok",
             "one two three four", "a b c d e f g h i j k l m n o p"]
    signatures = Signer(64, seed=7).sign(shingle_batch(pl.Series(texts), 5))
    for text, row in zip(texts, signatures):
        reference = MinHash(num_perm=64, seed=7, hashfunc=shingle_hash32)
        for sh in shingles(text, 5):
            reference.update(sh)
        assert (reference.hashvalues == row).all(), text


def test_ngram_hashes_are_the_sequential_definition():
    texts = pl.Series(["a b c d e f g", "x y", "", "p q r s t u"])
    got = ngrams(tokenize(texts), 3)
    expected = []
    for text in texts:
        for sh in shingles(text, 3):
            h = 0
            for word in sh.decode().split(" "):
                from ablate.minhash import _MUL, word_hash
                h = (h * int(_MUL) + word_hash(word)) % (1 << 64)
            expected.append(h)
    assert got.hashes.tolist() == expected
    assert got.counts.tolist() == [5, 1, 0, 4]


@pytest.fixture(scope="module")
def injected():
    """5,000 rows: random base documents plus edited copies at a spread of similarities."""
    rng = random.Random(11)
    docs = [random_doc(rng) for _ in range(4000)]
    for _ in range(1000):
        source = rng.randrange(4000)
        docs.append(edit(rng, docs[source], rng.choice([0, 1, 1, 2, 3, 5, 8, 12])))
    order = list(range(len(docs)))
    rng.shuffle(order)
    return [" ".join(docs[i]) for i in order]


def test_recall_and_precision_against_exact_jaccard(injected):
    threshold, ngram = 0.8, 5
    truth = exact_jaccard_pairs(injected, ngram, threshold)
    shingled = shingle_batch(pl.Series(injected), ngram)
    found = cluster(Signer(128).sign(shingled), threshold, usable=shingled.counts > 0, exact=ShingleSets([shingled]))
    true_rows = {i for pair in truth for i in pair}
    found_rows = set(np.flatnonzero(found.cluster >= 0).tolist())
    assert len(true_rows) > 600  # the injection produced plenty of true near-duplicates
    recall = len(true_rows & found_rows) / len(true_rows)
    precision = len(true_rows & found_rows) / len(found_rows)
    print(f"rows: precision {precision:.3f} recall {recall:.3f} ({len(true_rows)} true near-duplicate rows)")
    assert recall >= 0.95 and precision >= 0.95, (precision, recall)
    # pairs too: every true pair should end up in one cluster
    together = sum(found.cluster[i] == found.cluster[j] >= 0 for i, j in truth) / len(truth)
    assert together >= 0.95


def test_clusters_identical_to_a_datasketch_loop(injected):
    from datasketch import MinHash, MinHashLSH

    from ablate.minhash import LSH_WEIGHTS

    texts, threshold = injected[:1500], 0.8
    shingled = shingle_batch(pl.Series(texts), 5)
    ours = cluster(Signer(128).sign(shingled), threshold, usable=shingled.counts > 0)
    lsh = MinHashLSH(threshold=threshold, num_perm=128, weights=LSH_WEIGHTS)
    hashes = []
    for i, text in enumerate(texts):
        m = MinHash(num_perm=128, hashfunc=shingle_hash32)
        for sh in shingles(text, 5):
            m.update(sh)
        hashes.append(m)
        lsh.insert(i, m)
    parent = list(range(len(texts)))

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, m in enumerate(hashes):
        for j in lsh.query(m):
            if j != i and m.jaccard(hashes[j]) >= threshold:
                parent[find(i)] = find(j)
    groups: dict[int, list[int]] = {}
    for i in range(len(texts)):
        groups.setdefault(find(i), []).append(i)
    theirs = sorted(sorted(g) for g in groups.values() if len(g) > 1)
    mine: dict[int, list[int]] = {}
    for i, c in enumerate(ours.cluster.tolist()):
        if c >= 0:
            mine.setdefault(c, []).append(i)
    assert sorted(mine.values()) == theirs
    assert len(theirs) > 20


# --------------------------------------------------------------------------- decontamination


def make_benchmarks(root: Path, rng: random.Random) -> dict[str, list[tuple[str, str]]]:
    """A small benchmark directory in the real layout, with random (but sentence-like) items."""
    def sentence(n):
        return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "?"

    items: dict[str, list[tuple[str, str]]] = {"bbh": [], "mmlu": [], "humaneval": [], "drop": []}
    (root / "bbh" / "bbh").mkdir(parents=True)
    examples = [{"input": sentence(rng.randint(20, 40)), "target": "yes"} for _ in range(60)]
    (root / "bbh" / "bbh" / "toy_task.json").write_text(json.dumps({"examples": examples}))
    items["bbh"] = [(f"toy_task/{i}", e["input"]) for i, e in enumerate(examples)]
    (root / "mmlu" / "test").mkdir(parents=True)
    with open(root / "mmlu" / "test" / "toy_subject_test.csv", "w", newline="") as handle:
        writer = csv.writer(handle)
        for number in range(1, 61):
            row = [sentence(rng.randint(15, 30))] + [sentence(3) for _ in range(4)] + ["A"]
            writer.writerow(row)
            items["mmlu"].append((f"toy_subject/test/{number}", "\n".join(row[:5])))
    (root / "humaneval").mkdir()
    with gzip.open(root / "humaneval" / "HumanEval.jsonl.gz", "wt") as handle:
        for i in range(40):
            prompt = f"def f{i}(x):\n    \"\"\"{sentence(rng.randint(20, 35))}\"\"\"\n"
            handle.write(json.dumps({"task_id": f"HumanEval/{i}", "prompt": prompt}) + "\n")
            items["humaneval"].append((f"HumanEval/{i}", prompt))
    (root / "drop").mkdir()
    with gzip.open(root / "drop" / "drop_dev_structured.jsonl.gz", "wt") as handle:
        for i in range(40):
            passage, question = sentence(rng.randint(80, 120)), sentence(10)
            handle.write(json.dumps({"idx": i, "passage": passage, "question": question, "answers": ["1"]}) + "\n")
            items["drop"].append((f"dev/{i}", f"{passage}\n{question}"))
    return items


TEMPLATES = ["Answer the following question.\n{}", "{}\nThink step by step.", "Q: {}\nA:", "Please help me with this: {}"]


def paraphrase(rng: random.Random, text: str) -> str:
    """A light paraphrase: about one word in 25 replaced, case and punctuation changed."""
    words = text.replace("?", "").split()
    for _ in range(max(1, len(words) // 25)):
        words[rng.randrange(len(words))] = rng.choice(WORDS)
    return " ".join(words).lower() + " ..."


def test_injected_benchmark_items_are_found(tmp_path):
    rng = random.Random(5)
    bench = make_benchmarks(tmp_path / "benchmarks", rng)
    rows, truth = [], []
    for name, entries in bench.items():
        for item_id, text in entries[:30]:
            rows.append({"prompt": rng.choice(TEMPLATES).format(text), "response": "Sure, the answer is 42."})
            truth.append((name, item_id))
        for item_id, text in entries[30:40]:
            rows.append({"prompt": rng.choice(TEMPLATES).format(paraphrase(rng, text)), "response": "I think it is B."})
            truth.append((name, item_id))
    for _ in range(1500):  # clean rows, some sharing the benchmarks' vocabulary and templates
        rows.append({"prompt": rng.choice(TEMPLATES).format(" ".join(random_doc(rng, 15, 40))),
                     "response": " ".join(random_doc(rng, 10, 60))})
        truth.append(None)
    order = list(range(len(rows)))
    rng.shuffle(order)
    rows, truth = [rows[i] for i in order], [truth[i] for i in order]
    data = tmp_path / "train.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in rows))

    result = dedup_dataset(data, tmp_path / "out.jsonl", decontaminate=str(tmp_path / "benchmarks"), duplicates="keep",
                           contaminated="keep")
    kept = pl.read_ndjson(tmp_path / "out.jsonl")
    flagged = kept["contamination"].to_list()
    tp = sum(1 for f, t in zip(flagged, truth) if f and t)
    fp = sum(1 for f, t in zip(flagged, truth) if f and not t)
    fn = sum(1 for f, t in zip(flagged, truth) if not f and t)
    precision, recall = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    print(f"contamination: precision {precision:.3f} recall {recall:.3f} (tp {tp}, fp {fp}, fn {fn})")
    assert precision >= 0.95 and recall >= 0.95, (precision, recall, tp, fp, fn)
    # the reason names the right benchmark and item
    named = sum(1 for f, t in zip(flagged, truth) if f and t and f.startswith(f"benchmark {t[0]} item {t[1]}:"))
    assert named / tp >= 0.95
    assert result.counts["contaminated"] == tp + fp and sum(result.contamination["rows_matched"].values()) == tp + fp


# --------------------------------------------------------------------------- the stage and the CLI


def test_cli_removes_duplicates_and_reconciles(tmp_path):
    rng = random.Random(3)
    base = [" ".join(random_doc(rng)) for _ in range(50)]
    rows = [{"instruction": f"Task {i}", "input": "", "output": text} for i, text in enumerate(base)]
    rows += [{"instruction": "Task copy", "input": "", "output": base[i]} for i in range(10)]  # exact response copies
    rows.append({"instruction": "Nothing", "input": "", "output": "..."})  # no words: never a duplicate
    data = tmp_path / "data.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in rows) + '{"instruction": "broken"\n')
    out = tmp_path / "dedup.jsonl"
    result = CliRunner().invoke(main, ["dedup", str(data), "-o", str(out), "--field", "response", "--on-bad-row", "skip"])
    assert result.exit_code == 0, result.output
    report = json.loads((tmp_path / "dedup.report.json").read_text())
    counts = report["counts"]
    assert counts["rows_in"] == 62 and counts["kept"] == 51 and counts["removed"] == 10 and counts["rejected"] == 1
    removed = pl.read_ndjson(tmp_path / "dedup.removed.jsonl")
    assert set(removed["ablate_action"]) == {"duplicate"}
    assert removed["dedup_representative"].str.starts_with(f"{data}:").all()
    assert (removed["dedup_similarity"] == 1.0).all()
    kept = pl.read_ndjson(out)
    assert kept.columns == ["instruction", "input", "output"]  # dropped duplicates leave the schema untouched
    listing = pl.read_ndjson(tmp_path / "dedup.clusters.jsonl")
    assert listing.height == 20 and listing["cluster"].n_unique() == 10 and listing["kept"].sum() == 10
    rejects = [json.loads(line) for line in (tmp_path / "dedup.rejects.jsonl").read_text().splitlines()]
    assert rejects[0]["source"] == f"{data}:62"

    # comparing prompts instead: the 10 copies share one prompt with nothing else
    result = CliRunner().invoke(main, ["dedup", str(data), "-o", str(out), "--field", "prompt", "--on-bad-row", "skip",
                                       "--duplicates", "keep"])
    assert result.exit_code == 0, result.output
    kept = pl.read_ndjson(out)
    assert kept.height == 61 and kept["dedup_cluster"].drop_nulls().len() == 10


def test_cli_bad_input_is_one_line(tmp_path):
    data = tmp_path / "bad.jsonl"
    data.write_text('{"prompt": "a", "response": "b"}\n{"prompt": \n')
    result = CliRunner().invoke(main, ["dedup", str(data), "-o", str(tmp_path / "o.jsonl")])
    assert result.exit_code == 2
    assert f"{data}:2" in result.output and "Traceback" not in result.output
    result = CliRunner().invoke(main, ["dedup", str(data), "-o", str(tmp_path / "o.jsonl"), "--decontaminate", str(tmp_path / "nope")])
    assert result.exit_code == 2 and "benchmark data directory not found" in result.output


@pytest.mark.shared_data
def test_real_benchmark_items_are_found_in_real_data(tmp_path, shared_data):
    """A few real MMLU and HumanEval items hidden in GPTeacher rows are found; the rest stays clean."""
    rows = json.loads(gzip.open(shared_data / "instruct" / "gpteacher_codegen_instruct.json.gz").read())[:800]
    from ablate.benchmark_data import load_benchmark_items

    items = load_benchmark_items(shared_data / "benchmarks", ("mmlu", "humaneval"))
    picked = items.sample(20, seed=1)
    for k, (name, item_id, text) in enumerate(picked.iter_rows()):
        rows[k * 37]["instruction"] = f"Solve this.\n{text}"
    data = tmp_path / "gpteacher.json"
    data.write_text(json.dumps(rows))
    dedup_dataset(data, tmp_path / "out.json", decontaminate=str(shared_data / "benchmarks"), contaminated="keep", duplicates="keep")
    flagged = pl.read_json(tmp_path / "out.json")["contamination"].to_list()
    hits = [k for k, f in enumerate(flagged) if f]
    assert hits == [k * 37 for k in range(20)]


def test_batches_do_not_change_the_result(tmp_path):
    """Streaming a gzip JSONL file (with a bad line) and a JSON array in batches of 7 rows gives the
    same kept rows, removed rows, clusters and counts as one big batch."""
    rng = random.Random(9)
    base = [" ".join(random_doc(rng, 20, 40)) for _ in range(40)]
    rows = [{"prompt": f"p{i}", "response": base[i % 40] if i % 3 else edit(rng, base[i % 40].split(), 1) and base[i % 40]}
            for i in range(90)]
    first = tmp_path / "a.jsonl.gz"
    with gzip.open(first, "wt") as handle:
        handle.write("".join(json.dumps(r) + "\n" for r in rows[:60]) + "{not json\n")
    second = tmp_path / "b.json"
    second.write_text(json.dumps(rows[60:]))
    outputs = {}
    for batch in (7, 20_000):
        out = tmp_path / f"out{batch}" / "dedup.jsonl"
        report = dedup_dataset([first, second], out, field="response", on_bad_row="skip", batch_rows=batch)
        outputs[batch] = (out.read_text(), (out.parent / "dedup.removed.jsonl").read_text(),
                          (out.parent / "dedup.clusters.jsonl").read_text(), report.counts)
    assert outputs[7] == outputs[20_000]
    counts = outputs[7][3]
    assert counts["rows_in"] == 91 and counts["rejected"] == 1 and counts["removed"] == 50  # 40 distinct texts kept
    removed = [json.loads(line) for line in outputs[7][1].splitlines()]
    assert {r["ablate_source"].split(":")[0].split(" row")[0] for r in removed} == {str(first), str(second)}


# --------------------------------------------------------------------------- bounded memory: banding on disk


def test_banding_a_partition_at_a_time_gives_the_in_memory_pairs(tmp_path):
    """Spilled to disk in hash partitions, LSH banding finds exactly the pairs of in-memory banding,
    crowded buckets (star and chain) and identical signatures included."""
    from ablate.minhash import banded_pairs, candidate_pairs
    from ablate.spill import Columns

    rng = np.random.default_rng(0)
    n = 3000
    digest = rng.integers(0, 400, n).astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15)  # many identical signatures
    keys = rng.integers(0, 200, (n, 6)).astype(np.uint64) * np.uint64(0xBF58476D1CE4E5B9)
    keys[:, 0] = 7  # one giant bucket
    usable = rng.random(n) > 0.05
    store = Columns(tmp_path / "rows", {"digest": np.uint64, **{f"band{b}": np.uint64 for b in range(6)}})
    store.append("digest", digest)
    for b in range(6):
        store.append(f"band{b}", keys[:, b])

    def rows_of(column, skip, chunk=257):
        name = "digest" if column == "digest" else f"band{column}"
        for start, values in store.chunks(name, chunk):
            rows = np.arange(start, start + len(values))
            keep = usable[rows] & (~np.isin(rows, skip) if skip is not None else True)
            yield values[keep], rows[keep]

    expected = candidate_pairs(digest, keys, usable)
    assert len(expected[0]) > 1000 and len(expected[2]) > 1000
    for parts in (1, 7):
        got = banded_pairs(n, rows_of, 6, parts, tmp_path / "spill")
        assert all(np.array_equal(e, g) for e, g in zip(expected, got))
    assert not (tmp_path / "spill").exists() or not any((tmp_path / "spill").rglob("*.*"))  # partitions cleaned up


def test_spilled_banding_does_not_change_the_dedup_result(tmp_path, monkeypatch):
    """With banding forced a partition at a time (a few rows each), dedup writes the same files."""
    import ablate.dedup

    rng = random.Random(5)
    base = [" ".join(random_doc(rng, 20, 40)) for _ in range(60)]
    rows = [{"prompt": f"p{i}", "response": " ".join(edit(rng, base[i % 60].split(), i % 3))} for i in range(240)]
    rows.append({"prompt": "x", "response": "..."})
    data = tmp_path / "data.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in rows))
    outputs = []
    for partition_rows in (1_000_000, 13):
        monkeypatch.setattr(ablate.dedup, "PARTITION_ROWS", partition_rows)
        out = tmp_path / str(partition_rows) / "dedup.jsonl"
        report = dedup_dataset(data, out, field="response", batch_rows=50)
        outputs.append([(out.parent / name).read_text() for name in ("dedup.jsonl", "dedup.removed.jsonl", "dedup.clusters.jsonl")]
                       + [report.counts])
    assert outputs[0] == outputs[1]
    assert outputs[0][3]["removed"] > 50 and outputs[0][3]["rows_without_words"] == 1
