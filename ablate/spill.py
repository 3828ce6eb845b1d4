"""Per-row arrays kept on disk between two passes over a dataset.

Dedup needs, for every input row, a few numbers from its first pass (signature keys, shingle
count, line) in its clustering step and its second pass. Held in RAM they would grow with the
input (about 120 bytes a row); `Columns` appends them to one raw file per column instead and
reads them back a chunk at a time, or gathers single rows through a memory map, so memory stays
bounded by the chunk, whatever the input size.

`partitioned` is the other half of that bound: it spreads (key, row) pairs over files by key, so
that a group-by on keys can run one partition at a time (an external hash partition, as large
scale dedup pipelines do it).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Iterable, Iterator

import numpy as np

CHUNK_ROWS = 1 << 20  # rows per chunk read back from disk


class Columns:
    """Append-only typed arrays, one raw file each, under `folder`."""

    def __init__(self, folder: Path, dtypes: dict[str, np.dtype | type]):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.dtypes = {name: np.dtype(dtype) for name, dtype in dtypes.items()}

    def path(self, name: str) -> Path:
        return self.folder / f"{name}.{self.dtypes[name].str.lstrip('<>|=')}"

    def append(self, name: str, values: np.ndarray) -> None:
        with self.path(name).open("ab") as handle:
            np.ascontiguousarray(values, dtype=self.dtypes[name]).tofile(handle)

    def length(self, name: str) -> int:
        path = self.path(name)
        return path.stat().st_size // self.dtypes[name].itemsize if path.exists() else 0

    def read(self, name: str, start: int = 0, stop: int | None = None) -> np.ndarray:
        """Rows start..stop of a column, read into memory."""
        stop = self.length(name) if stop is None else stop
        if stop <= start:
            return np.zeros(0, self.dtypes[name])
        return np.fromfile(self.path(name), dtype=self.dtypes[name], count=stop - start,
                           offset=start * self.dtypes[name].itemsize)

    def chunks(self, name: str, rows: int = CHUNK_ROWS, start: int = 0, stop: int | None = None) -> Iterator[tuple[int, np.ndarray]]:
        """(first row, values) for consecutive chunks of rows start..stop (default: all) of a column."""
        stop = self.length(name) if stop is None else stop
        for first in range(start, stop, rows):
            yield first, self.read(name, first, min(stop, first + rows))

    def memmap(self, name: str) -> np.ndarray:
        """The whole column mapped from disk, for gathering a few rows (pages are read on touch)."""
        if not self.length(name):
            return np.zeros(0, self.dtypes[name])
        return np.memmap(self.path(name), dtype=self.dtypes[name], mode="r")

    def extend(self, other: "Columns") -> None:
        """Append every column of `other` (the same names) after this one's rows."""
        for name in self.dtypes:
            if other.path(name).exists():
                with self.path(name).open("ab") as out, other.path(name).open("rb") as piece:
                    shutil.copyfileobj(piece, out, 1 << 24)

    def remove(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def partitioned(pieces: Iterable[tuple[np.ndarray, np.ndarray]], parts: int, folder: Path) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """(keys, rows) of every piece regrouped into `parts` partitions by key: each yielded
    partition holds every row of its keys, in the order the rows came. With one partition nothing
    touches the disk. Keys must be well-mixed hashes (`key % parts` picks the partition)."""
    if parts <= 1:
        pieces = list(pieces)
        if pieces:
            yield np.concatenate([k for k, _ in pieces]), np.concatenate([r for _, r in pieces])
        return
    store = Columns(folder, {**{f"key{p}": np.uint64 for p in range(parts)}, **{f"row{p}": np.int64 for p in range(parts)}})
    try:
        for keys, rows in pieces:
            which = (keys % np.uint64(parts)).astype(np.int64)
            order = np.argsort(which, kind="stable")
            bounds = np.searchsorted(which[order], np.arange(parts + 1))
            for p in range(parts):
                picked = order[bounds[p]:bounds[p + 1]]
                if len(picked):
                    store.append(f"key{p}", keys[picked])
                    store.append(f"row{p}", rows[picked])
        for p in range(parts):
            if store.length(f"key{p}"):
                yield store.read(f"key{p}"), store.read(f"row{p}")
                store.path(f"key{p}").unlink()
                store.path(f"row{p}").unlink()
    finally:
        store.remove()


__all__ = ["CHUNK_ROWS", "Columns", "partitioned"]
