"""The ray engine: `ablate filter` and `ablate dedup` over shards in parallel with Ray Data.

The work is the local engine's, shard for shard (`ablate.shards`): the same reader, detector,
MinHash and LSH functions, so both engines give the same rows, flags and clusters. Ray Data
schedules one task per shard (`map_batches` over the shard list, one actor per CPU keeping the rule
packs and the embedding model loaded); each task writes its own output shard atomically next to
the others, and a small `.shards/part-NNNNN.json` record, written last, marks it done: a rerun
with the same settings skips finished shards. The driver only adds up counts, checks that
`rows in = kept + removed + rejected`, and writes the report.

Output of `--engine ray -o OUT`: a folder `OUT/` with `part-NNNNN.<ext>` (kept rows, in the input's
container), `removed/part-NNNNN.<ext>`, `rejects/part-NNNNN.jsonl` and `report.json`. Every ablate
command that reads data takes such a folder as input (its `part-*` files, in order).

Ray starts a local instance unless `ray_address` (or `$RAY_ADDRESS`) names a cluster, e.g.
`ray://head-node:10001`; the inputs and the output folder must then be on storage every node sees,
and ablate installed on every node.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict
from pathlib import Path
from typing import Callable, Sequence

from .errors import ConfigError
from .io import BadRow, write_bytes_atomic, write_jsonl_records

_DONE = ".shards"


def start_ray(address: str | None = None):
    """Connect to `address` (or $RAY_ADDRESS), else start a local Ray instance on this machine's cores."""
    try:
        import ray
    except ImportError:
        raise ConfigError("the ray engine needs Ray Data: pip install 'ablate[ray]'") from None
    if not ray.is_initialized():
        address = address or os.environ.get("RAY_ADDRESS")
        ray.init(address=address, include_dashboard=False, ignore_reinit_error=True, log_to_driver=False,
                 logging_level="ERROR", **({} if address else {"num_cpus": os.cpu_count()}))
        import logging
        import sys

        from ray.data import DataContext

        context = DataContext.get_current()
        context.enable_progress_bars = sys.stderr.isatty()  # Ray Data's own bars on a terminal; nothing in a log
        context.print_on_execution_start = False
        logging.getLogger("ray.data").setLevel(logging.WARNING)
    return ray


def _ext(path: str) -> str:
    from .io import container_of

    return "." + container_of(path)[0]


def _shard_key(kind: str, config, shard) -> str:
    blob = json.dumps({"kind": kind, "config": asdict(config), "shard": asdict(shard)}, sort_keys=True, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()[:20]


def _finished(folder: Path, name: str, key: str) -> dict | None:
    try:
        record = json.loads((folder / _DONE / f"{name}.json").read_text())
    except (OSError, ValueError):
        return None
    return record if record.get("key") == key and Path(record.get("kept", "")).exists() else None


def run_shards(worker_class, shards: Sequence, constructor: dict, stage: Callable[[str], None], what: str) -> list[dict]:
    """Run `worker_class(**constructor)(shard)` on every shard through Ray Data; returns the records, in shard order."""
    import cloudpickle

    ray = start_ray(constructor["config"].ray_address)
    stage(f"{what} {len(shards)} shard{'s' * (len(shards) != 1)} on Ray ({int(ray.cluster_resources().get('CPU', 1))} CPUs)")
    items = [{"shard": cloudpickle.dumps(s)} for s in shards]
    dataset = ray.data.from_items(items, override_num_blocks=max(1, len(items)))
    workers = max(1, min(len(items), int(ray.cluster_resources().get("CPU", 1))))
    results = dataset.map_batches(worker_class, fn_constructor_kwargs=constructor, batch_size=1, num_cpus=1, batch_format="pandas",
                                  compute=ray.data.ActorPoolStrategy(min_size=1, max_size=workers)).take_all()
    records = [json.loads(r["record"]) for r in results]
    return sorted(records, key=lambda r: r["index"])


# --------------------------------------------------------------------------- filter


class _FilterWorker:
    """One Ray actor: the packs (and the embedding model, once used) stay loaded across shards."""

    def __init__(self, config, formats: dict, output: str):
        from .detect.ensemble import packs_for
        from .overrides import read_overrides

        self.config, self.formats, self.output = config, formats, Path(output)
        self.packs = packs_for(config.detector, config.filters)
        self.overrides = read_overrides(config.overrides) if config.overrides else {}

    def __call__(self, batch):
        import cloudpickle
        import pandas as pd

        records = [self.run(cloudpickle.loads(blob)) for blob in batch["shard"]]
        return pd.DataFrame({"record": [json.dumps(r) for r in records]})

    def run(self, shard) -> dict:
        from .filtering import filter_into

        name = f"part-{shard.index:05d}"
        key = _shard_key("filter", self.config, shard)
        done = _finished(self.output, name, key)
        if done:
            return done
        ext = _ext(shard.path) if not self.config.output_format else ".jsonl"
        totals, rejects = filter_into([shard], self.formats, self.packs, self.config, self.overrides,
                                      self.output / f"{name}{ext}", self.output / "removed" / f"{name}{ext}")
        rejects_path = self.output / "rejects" / f"{name}.jsonl"
        if rejects:
            write_jsonl_records([r.to_dict() for r in rejects], rejects_path)
        else:
            rejects_path.unlink(missing_ok=True)
        record = {"index": shard.index, "key": key, "totals": asdict(totals), "rejects": len(rejects),
                  "kept": str(self.output / f"{name}{ext}")}
        write_bytes_atomic(self.output / _DONE / f"{name}.json", (json.dumps(record) + "\n").encode())
        return record


def filter_on_ray(shards, formats, config, output: Path, stage: Callable[[str], None]):
    """`ablate filter --engine ray`: (totals, outputs, rejects) as the local engine returns them."""
    from .filtering import ShardTotals

    output.mkdir(parents=True, exist_ok=True)
    _remove_stale(output, len(shards))
    records = run_shards(_FilterWorker, shards, {"config": config, "formats": formats, "output": str(output)}, stage, "filtering")
    totals, rejects = ShardTotals(), []
    for record in records:
        part = ShardTotals(**{k: ({int(i): v for i, v in value.items()} if k == "rows_in" else value)
                              for k, value in record["totals"].items()})
        totals.add(part)
    for path in sorted((output / "rejects").glob("part-*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                data = json.loads(line)
                rejects.append(BadRow(data["source"], data["reason"], data.get("raw")))
    outputs = {"kept": str(output), "removed": str(output / "removed") if any((output / "removed").glob("part-*")) else None,
               "rejects": str(output / "rejects") if rejects else None}
    return totals, outputs, rejects


def _remove_stale(output: Path, shards: int) -> None:
    """Parts numbered beyond this run's shards are left from a run over other inputs: remove them."""
    for folder in (output, output / "removed", output / "rejects", output / _DONE):
        for path in folder.glob("part-*"):
            try:
                index = int(path.name.split(".")[0].split("-")[1])
            except (IndexError, ValueError):
                continue
            if index >= shards:
                path.unlink()


# --------------------------------------------------------------------------- dedup


class _HashWorker:
    """One Ray actor for dedup's first pass: MinHash signer and benchmark index built once."""

    def __init__(self, config, formats: dict, bench_dir: str | None, workdir: str):
        from .dedup import benchmark_index
        from .minhash import Signer

        self.config, self.formats, self.workdir = config, formats, Path(workdir)
        self.signer = Signer(config.num_perm, config.seed)
        self.index = benchmark_index(Path(bench_dir), config, self.signer) if bench_dir else None

    def __call__(self, batch):
        import cloudpickle
        import pandas as pd

        records = [self.run(cloudpickle.loads(blob)) for blob in batch["shard"]]
        return pd.DataFrame({"record": [json.dumps(r) for r in records]})

    def run(self, shard) -> dict:
        import numpy as np

        from .dedup import hash_shard

        name = f"part-{shard.index:05d}"
        shingles = self.workdir / f"{name}.u32"
        shingles.unlink(missing_ok=True)
        hashed = hash_shard(shard, self.formats.get(shard.path), self.config, self.signer, self.index, shingles)
        np.savez(self.workdir / f"{name}.npz", digest=hashed.digest, keys=hashed.keys, sizes=hashed.sizes, lines=hashed.lines,
                 files=hashed.files)
        return {"index": shard.index, "reasons": {str(k): v for k, v in hashed.reasons.items()}, "hits": hashed.hits,
                "rows_in": {str(k): v for k, v in hashed.rows_in.items()}, "rejects": [r.to_dict() for r in hashed.rejects]}


def hash_on_ray(shards, formats, config, bench_dir, workdir: Path, stage: Callable[[str], None]):
    """Dedup's first pass over every shard in parallel; the parts joined in input order, as the local engine makes them."""
    import numpy as np

    from .dedup import Hashed

    records = run_shards(_HashWorker, shards, {"config": config, "formats": formats,
                                               "bench_dir": str(bench_dir) if bench_dir else None, "workdir": str(workdir)},
                         stage, "hashing")
    parts = []
    joined = workdir / "shingles.u32"
    with joined.open("wb") as out:
        for record in records:
            name = f"part-{record['index']:05d}"
            arrays = np.load(workdir / f"{name}.npz")
            part = Hashed(arrays["digest"], arrays["keys"], arrays["sizes"], arrays["lines"], arrays["files"],
                          {int(k): v for k, v in record["reasons"].items()}, record["hits"],
                          {int(k): v for k, v in record["rows_in"].items()},
                          [BadRow(r["source"], r["reason"], r["raw"]) for r in record["rejects"]])
            parts.append(part)
            with (workdir / f"{name}.u32").open("rb") as piece:
                for block in iter(lambda: piece.read(1 << 24), b""):
                    out.write(block)
            (workdir / f"{name}.u32").unlink()
    hashed = Hashed.join(parts)
    hashed.shingles = joined
    return hashed


def _same_signatures(batch: dict) -> dict:
    """In one partition of (id, digest): the first id of each run of equal digests, and (first, other) pairs."""
    import numpy as np

    from .minhash import _pairs_to_head

    ids, digest = batch["id"], batch["digest"]
    order = np.lexsort((ids, digest))
    sorted_ids, sorted_digest = ids[order], digest[order]
    change = np.flatnonzero(sorted_digest[1:] != sorted_digest[:-1]) + 1
    bounds = np.concatenate([[0], change, [len(ids)]]).astype(np.int64)
    heads = sorted_ids[bounds[:-1]]
    same = _pairs_to_head(sorted_ids, bounds)
    return {"a": np.concatenate([heads, same[:, 0]]).astype(np.int64),
            "b": np.concatenate([np.full(len(heads), -1), same[:, 1]]).astype(np.int64)}


def _band_pairs(batch: dict) -> dict:
    """In one partition of (band, key, digest, id): the candidate pairs of each (band, key) bucket,
    members in signature order as the local engine orders them."""
    import numpy as np

    from .minhash import _pairs_within

    order = np.lexsort((batch["digest"], batch["key"], batch["band"]))
    band, key, ids = batch["band"][order], batch["key"][order], batch["id"][order]
    change = np.flatnonzero((band[1:] != band[:-1]) | (key[1:] != key[:-1])) + 1
    bounds = np.concatenate([[0], change, [len(ids)]]).astype(np.int64)
    pairs = _pairs_within(np.arange(len(ids)), bounds)
    return {"a": ids[pairs[:, 0]].astype(np.int64), "b": ids[pairs[:, 1]].astype(np.int64)}


def candidate_pairs_on_ray(digest, band_keys, usable, config):
    """`ablate.minhash.candidate_pairs` as two Ray Data shuffles: a group-by on the signature digest
    (identical signatures), then a group-by on the band keys of the distinct signatures (LSH banding)."""
    import numpy as np
    import pyarrow as pa

    ray = start_ray(config.ray_address)
    n = len(digest)
    ids = np.flatnonzero(usable).astype(np.int64)
    # partitions of about half a million rows (and at least two per CPU) keep each group-by task small
    parts = max(2 * int(ray.cluster_resources().get("CPU", 1)), -(-len(ids) * max(1, band_keys.shape[1]) // 500_000))
    if not len(ids) or not band_keys.shape[1]:
        empty = np.zeros(0, np.int64)
        return empty, empty, np.zeros((0, 2), np.int64)

    def collect(dataset) -> tuple[np.ndarray, np.ndarray]:
        a, b = [], []
        for block in dataset.iter_batches(batch_size=None, batch_format="numpy"):
            a.append(block["a"])
            b.append(block["b"])
        return (np.concatenate(a), np.concatenate(b)) if a else (np.zeros(0, np.int64), np.zeros(0, np.int64))

    table = pa.table({"id": ids, "digest": digest[ids], "part": (digest[ids] % np.uint64(parts)).astype(np.int64)})
    a, b = collect(ray.data.from_arrow(table).groupby("part").map_groups(_same_signatures, batch_format="numpy"))
    heads = np.sort(a[b < 0])
    same = np.stack([a[b >= 0], b[b >= 0]], axis=1) if (b >= 0).any() else np.zeros((0, 2), np.int64)
    refs = []  # one table per band, handed to the object store as it is made: the driver never holds them all
    for band in range(band_keys.shape[1]):
        key = band_keys[heads, band]
        refs.append(ray.put(pa.table({"band": np.full(len(heads), band, dtype=np.int64), "key": key, "digest": digest[heads],
                                      "id": heads, "part": ((key ^ np.uint64(band)) % np.uint64(parts)).astype(np.int64)})))
    left, right = collect(ray.data.from_arrow_refs(refs).groupby("part").map_groups(_band_pairs, batch_format="numpy"))
    unique = np.unique(left.astype(np.uint64) * np.uint64(n) + right.astype(np.uint64))
    return (unique // np.uint64(n)).astype(np.int64), (unique % np.uint64(n)).astype(np.int64), same


__all__ = ["candidate_pairs_on_ray", "filter_on_ray", "hash_on_ray", "run_shards", "start_ray"]
