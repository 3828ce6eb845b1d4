"""The ray engine against the local engine on the same data: same rows, flags, rejects and clusters.

Runs a local Ray instance on this machine's cores (2 in CI); skipped when Ray is not installed."""

from __future__ import annotations

import gzip
import json
import random
from pathlib import Path

import polars as pl
import pytest

pytest.importorskip("ray")

from ablate.dedup import dedup_dataset  # noqa: E402
from ablate.filtering import filter_dataset, shard_files  # noqa: E402
from ablate.shards import plan_shards  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
REFUSALS = ["I'm sorry, but I can't help with that request.", "As an AI language model, I cannot provide that information.",
            "I cannot assist with creating malware. Instead, consider learning about security ethically.",
            "That's not something I'm able to help with.", "I won't write that, but here is a summary of the topic: it is broad."]
WORDS = [f"w{i}" for i in range(800)]


@pytest.fixture(scope="module")
def ray_instance():
    import ray

    from ablate.engines import start_ray

    start_ray()
    yield
    ray.shutdown()


def _corpus(folder: Path, rows: int = 1500, seed: int = 0) -> list[Path]:
    """Two JSONL files of prompt/response rows: ~10% refusals, templated near-duplicates, a benchmark item, bad lines."""
    rng = random.Random(seed)
    templates = [" ".join(rng.choice(WORDS) for _ in range(40)) for _ in range(30)]
    with gzip.open(ROOT / "examples" / "benchmarks" / "humaneval" / "HumanEval.jsonl.gz", "rt") as handle:
        bench = json.loads(handle.readline())
    paths = []
    for part in range(2):
        lines = []
        for i in range(rows // 2):
            if rng.random() < 0.1:
                response = rng.choice(REFUSALS)
            elif rng.random() < 0.3:  # a near-duplicate of a template: one word changed
                words = rng.choice(templates).split()
                words[rng.randrange(len(words))] = rng.choice(WORDS)
                response = " ".join(words)
            else:
                response = " ".join(rng.choice(WORDS) for _ in range(rng.randint(20, 60)))
            lines.append(json.dumps({"id": f"{part}-{i}", "prompt": f"question {i} " + rng.choice(WORDS), "response": response}))
            if i in (100, 600):
                lines.append('{"id": "broken", "prompt": ')  # a bad line, rejected with its place
        if part == 1:
            lines.append(json.dumps({"id": "leak", "prompt": bench["prompt"], "response": bench["canonical_solution"]}))
        path = folder / f"part{part}.jsonl"
        path.write_text("\n".join(lines) + "\n")
        paths.append(path)
    return paths


def _rows(path: Path) -> pl.DataFrame:
    files = shard_files(path)
    return pl.concat([pl.read_ndjson(p, infer_schema_length=None) for p in files], how="diagonal_relaxed") if files else pl.DataFrame()


def test_ray_filter_gives_the_local_engines_rows_flags_and_rejects(tmp_path, ray_instance):
    inputs = _corpus(tmp_path)
    assert len(plan_shards(inputs, 0.02)) > 4  # several shards per file
    options = dict(refusals="drop", annotate=True, on_bad_row="skip", shard_mb=0.02, batch_rows=100)
    local = filter_dataset(inputs, tmp_path / "local.jsonl", **options)
    ray = filter_dataset(inputs, tmp_path / "ray", engine="ray", **options)
    assert ray.counts == local.counts and ray.categories == local.categories and ray.counts["removed"] > 50
    assert ray.counts["rows_in"] == ray.counts["kept"] + ray.counts["removed"] + ray.counts["rejected"]
    assert _rows(tmp_path / "ray").equals(_rows(tmp_path / "local.jsonl"))
    assert _rows(tmp_path / "ray" / "removed").equals(_rows(tmp_path / "local.removed.jsonl"))
    rejects = sorted(json.loads(line)["source"] for p in (tmp_path / "ray" / "rejects").glob("*.jsonl") for line in p.read_text().splitlines())
    assert rejects == sorted(json.loads(line)["source"] for line in (tmp_path / "local.rejects.jsonl").read_text().splitlines())
    assert rejects[0].endswith("part0.jsonl:102")  # the line in the whole file, not in its shard
    # a rerun with the same settings skips the finished shards and gives the same result
    before = {p.name: p.stat().st_mtime_ns for p in (tmp_path / "ray").glob("part-*")}
    again = filter_dataset(inputs, tmp_path / "ray", engine="ray", **options)
    assert again.counts == ray.counts and {p.name: p.stat().st_mtime_ns for p in (tmp_path / "ray").glob("part-*")} == before
    # the sharded output is an input like any other
    relisted = filter_dataset(tmp_path / "ray", tmp_path / "again.jsonl", refusals="keep", detector="rules")
    assert relisted.counts["rows_in"] == local.counts["kept"]


def test_ray_dedup_gives_the_local_engines_clusters(tmp_path, ray_instance):
    inputs = _corpus(tmp_path, seed=1)
    options = dict(on_bad_row="skip", shard_mb=0.02, batch_rows=150, threshold=0.7, field="response",
                   decontaminate=str(ROOT / "examples" / "benchmarks"))
    local = dedup_dataset(inputs, tmp_path / "local.jsonl", **options)
    ray = dedup_dataset(inputs, tmp_path / "ray", engine="ray", **options)
    assert local.counts["duplicates"] > 50 and local.counts["contaminated"] >= 1
    assert ray.counts == local.counts
    assert _rows(tmp_path / "ray").equals(_rows(tmp_path / "local.jsonl"))
    assert _rows(tmp_path / "ray" / "removed").equals(_rows(tmp_path / "local.removed.jsonl"))
    clusters = pl.read_ndjson(tmp_path / "ray" / "clusters.jsonl")
    assert clusters.height == local.counts["rows_in_clusters"] and clusters.equals(pl.read_ndjson(tmp_path / "local.clusters.jsonl"))


def test_ray_candidate_pairs_equal_the_local_banding(tmp_path):
    import numpy as np

    from ablate.dedup import DedupConfig, row_columns
    from ablate.engines import candidate_pairs_on_ray, start_ray
    from ablate.minhash import candidate_pairs
    from ablate.spill import Columns

    start_ray()
    rng = np.random.default_rng(0)
    n = 3000
    digest = rng.integers(0, 400, n).astype(np.uint64)  # many identical signatures
    keys = rng.integers(0, 200, (n, 6)).astype(np.uint64)  # crowded buckets, some above the all-pairs limit
    keys[:, 0] = 7  # one giant bucket: star and chain
    usable = rng.random(n) > 0.05
    columns = Columns(tmp_path / "rows", row_columns(6))  # as dedup's first pass stores them
    columns.append("digest", digest)
    columns.append("sizes", usable.astype(np.int64))
    for band in range(6):
        columns.append(f"band{band}", keys[:, band])
    local = candidate_pairs(digest, keys, usable)
    ray = candidate_pairs_on_ray(columns, 6, DedupConfig())
    assert len(local[0]) > 1000 and len(local[2]) > 1000
    assert all(np.array_equal(a, b) for a, b in zip(local, ray))


def test_an_experiment_runs_filter_and_dedup_on_ray_with_the_same_variants(tmp_path, ray_instance):
    from ablate.pipeline import run_experiment

    text = f"""
name = "engines"
[data]
inputs = ["{ROOT / 'examples' / 'data' / 'chat_sample.jsonl'}"]
[filter]
detector = "rules"
[dedup]
threshold = 0.8
[variants]
seed = 0
"""
    variants = {}
    for engine in ("local", "ray"):
        experiment = tmp_path / f"{engine}.toml"
        body = text if engine == "local" else text.replace("[filter]", "[filter]\nengine = \"ray\"").replace("[dedup]", "[dedup]\nengine = \"ray\"")
        experiment.write_text(body)
        record = run_experiment(experiment, runs_dir=tmp_path / engine, until="variants")
        assert record["stages"]["variants"]["action"] == "run"
        folder = tmp_path / engine / "engines" / "variants"
        variants[engine] = {name: pl.read_ndjson(folder / name / "data.jsonl") for name in ("aligned", "filtered", "random-control")}
    assert (tmp_path / "ray" / "engines" / "filter" / "flagged").is_dir()
    for name, frame in variants["local"].items():
        assert frame.equals(variants["ray"][name]), name


def test_a_folder_of_parts_skips_the_empty_ones(tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "part-00000.jsonl").write_text("")  # a shard whose rows were all removed
    (folder / "part-00001.jsonl").write_text('{"prompt": "p", "response": "Sure: 4."}\n')
    (folder / "removed").mkdir()
    assert shard_files(folder) == [folder / "part-00001.jsonl"]
    result = filter_dataset(folder, tmp_path / "again.jsonl", refusals="keep", detector="rules")
    assert result.counts["rows_in"] == 1
