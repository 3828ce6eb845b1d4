"""Inputs cut into shards: the unit of work of both engines (local: one after another; Ray: in parallel).

A plain JSONL file is cut at line boundaries every `shard_mb` megabytes; a Parquet file by row
groups; anything else (gzip, JSON arrays, CSV) is one shard. A shard knows the line number of its
first row, so messages and side files point at the right line of the whole file, and both engines
read the same shards batch by batch: whatever runs them, every batch holds the same rows.
"""

from __future__ import annotations

import hashlib
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence, TypeVar

import numpy as np
import polars as pl

from .errors import InputError
from .io import LINE, RAW_END, RAW_START, RawTable, _jsonl_batch, container_of, file_sha256, iter_tables, _with_line
from .records import FLAG_SCHEMA

_BLOCK = 16 << 20
T, R = TypeVar("T"), TypeVar("R")


@dataclass(frozen=True)
class Shard:
    """A piece of one input file: bytes [start, end) of a plain JSONL file, row groups [start, end)
    of a Parquet file, or (kind "file") the whole file."""

    index: int
    path: str
    file_index: int
    kind: str  # "bytes", "row_groups" or "file"
    start: int = 0
    end: int = 0
    first_line: int = 1
    sha256: str = ""  # of the whole file


def plan_shards(paths: Sequence[str | Path], shard_mb: float = 128) -> list[Shard]:
    """The shards of every input, in input order (reading each file once for its hash and lines)."""
    shards: list[Shard] = []
    target = max(1, int(shard_mb * (1 << 20)))
    for file_index, path in enumerate(Path(p) for p in paths):
        if not path.is_file():
            raise InputError(f"{path}: no such file" if not path.exists() else f"{path}: is a directory, expected a data file")
        container, gz = container_of(path)
        if container == "jsonl" and not gz and not _starts_with(path, b"\x1f\x8b"):
            for start, end, first_line, sha in _jsonl_ranges(path, target):
                shards.append(Shard(len(shards), str(path), file_index, "bytes", start, end, first_line, sha))
        elif container == "parquet" and not gz:
            groups = _parquet_groups(path, target)
            sha = file_sha256(path)
            for start, end, first_row in groups:
                shards.append(Shard(len(shards), str(path), file_index, "row_groups", start, end, first_row, sha))
        else:
            shards.append(Shard(len(shards), str(path), file_index, "file", sha256=file_sha256(path)))
    return shards


def _starts_with(path: Path, magic: bytes) -> bool:
    with path.open("rb") as handle:
        return handle.read(len(magic)) == magic


def _jsonl_ranges(path: Path, target: int) -> list[tuple[int, int, int, str]]:
    """(start, end, first line, file sha256) per byte range, cut after a newline near every `target` bytes."""
    size = path.stat().st_size
    if size <= target:  # one shard: its first line is line 1, no need to count
        return [(0, size, 1, file_sha256(path))]
    digest = hashlib.sha256()
    cuts, lines_before = [(0, 1)], 0
    position, next_cut = 0, target
    hashing = ThreadPoolExecutor(max_workers=1)  # hashlib releases the GIL: hash one block while counting lines in the next
    pending = None
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(_BLOCK), b""):
            if pending is not None:
                pending.result()  # at most one block waits for the hash: memory stays two blocks, however slow hashing is
            pending = hashing.submit(digest.update, block)
            offset = 0
            while position + len(block) > next_cut:  # a cut falls inside this block: after the next newline
                at = block.find(b"\n", max(offset, next_cut - position))
                if at < 0:
                    break
                lines_before += block.count(b"\n", offset, at + 1)
                offset = at + 1
                cuts.append((position + offset, lines_before + 1))
                next_cut = position + offset + target
            lines_before += block.count(b"\n", offset)
            position += len(block)
    hashing.shutdown(wait=True)
    size = position
    ranges = []
    for (start, first_line), (end, _) in zip(cuts, cuts[1:] + [(size, 0)]):
        if end > start:
            ranges.append((start, end, first_line, digest.hexdigest()))
    return ranges or [(0, 0, 1, digest.hexdigest())]


def _parquet_groups(path: Path, target: int) -> list[tuple[int, int, int]]:
    import pyarrow.parquet as pq

    try:
        meta = pq.ParquetFile(path).metadata
    except Exception as e:  # pyarrow raises many types for unreadable files
        raise InputError(f"{path}: not a readable Parquet file ({str(e).splitlines()[0]})") from None
    out, start, size, first_row, rows = [], 0, 0, 1, 0
    for group in range(meta.num_row_groups):
        size += meta.row_group(group).total_byte_size
        rows += meta.row_group(group).num_rows
        if size >= target:
            out.append((start, group + 1, first_row))
            start, size, first_row = group + 1, 0, 1 + rows
    if start < meta.num_row_groups or not out:
        out.append((start, meta.num_row_groups, first_row))
    return out


def head(shard: Shard, nbytes: int = 1 << 20) -> Shard:
    """The first lines of a plain JSONL shard (about `nbytes`, cut after a newline): enough to
    tell a file's format without reading a whole shard. Other shards are returned as they are."""
    if shard.kind != "bytes" or shard.end - shard.start <= nbytes:
        return shard
    with open(shard.path, "rb") as handle:
        handle.seek(shard.start)
        block = handle.read(nbytes)
    cut = block.rfind(b"\n")
    return replace(shard, end=shard.start + cut + 1) if cut >= 0 else shard


def read_shard(shard: Shard, on_bad_row: str = "error", batch_rows: int = 100_000,
               lean: dict[str, pl.DataType] | None = None) -> Iterator[RawTable]:
    """A shard's rows as RawTables of at most `batch_rows` rows, line numbers those of the whole file.

    With `lean` (field -> type), a plain JSONL shard is decoded into just those fields plus where
    each row's line lies in the batch's bytes (RAW_START, RAW_END; the bytes are the table's
    `raw`), for a caller that writes untouched rows back verbatim (much faster than parsing and
    re-serialising every field). A batch with anything unusual in it (a line that is not a JSON
    object, a field of another type, a line of only spaces, refusal flags of an earlier run) is
    read the careful way instead, so the result differs only in the columns present."""
    path = Path(shard.path)
    if shard.kind == "file":
        for table in iter_tables(path, on_bad_row, batch_rows, with_sha256=False):
            table.sha256 = shard.sha256
            yield table
        return
    if shard.kind == "row_groups":
        import pyarrow.parquet as pq

        reader = pq.ParquetFile(path)
        line = shard.first_line
        for batch in reader.iter_batches(batch_size=batch_rows, row_groups=list(range(shard.start, shard.end))):
            frame = pl.from_arrow(batch)
            yield RawTable(path, "parquet", _with_line(frame, list(range(line, line + frame.height))), [], shard.sha256)
            line += frame.height
        return
    with path.open("rb") as handle:
        handle.seek(shard.start)
        data = handle.read(shard.end - shard.start)
    ends = line_ends(data)
    if data and not data.endswith(b"\n"):
        ends = np.append(ends, len(data))
    starts = np.r_[0, ends[:-1]]
    for lo in range(0, len(ends), batch_rows):
        first, last = int(starts[lo]), int(ends[min(lo + batch_rows, len(ends)) - 1])
        chunk, line = data[first:last], shard.first_line + lo
        table = None
        if lean:
            table = _lean_table(path, chunk, starts[lo:lo + batch_rows] - first, ends[lo:lo + batch_rows] - first, lean, line, shard.sha256)
        yield table or _jsonl_batch(path, chunk, on_bad_row, line, shard.sha256)


def line_ends(data: bytes, block: int = 4 << 20) -> np.ndarray:
    """Where each line of `data` ends (the offset after its newline), found block by block: one
    comparison over a whole shard allocates a mask as large as the shard, and the memory that is
    new to the process costs more than the search (5-10x the time on a 128 MB shard)."""
    view = np.frombuffer(data, dtype=np.uint8)
    return np.concatenate([np.flatnonzero(view[at:at + block] == 10) + (at + 1) for at in range(0, len(view), block)]
                          or [np.zeros(0, dtype=np.int64)])


def map_in_order(work: Callable[[T], R], items: Iterable[T], threads: int = 1) -> Iterator[R]:
    """`work` over `items` on `threads` threads, results in input order, at most `threads` items
    in flight. polars releases the GIL, so batches of a shard are filtered side by side on a
    machine's cores while the next one is read."""
    if threads <= 1:
        yield from map(work, items)
        return
    with ThreadPoolExecutor(max_workers=threads, thread_name_prefix="ablate-batch") as pool:
        pending: deque = deque()
        for item in items:
            pending.append(pool.submit(work, item))
            if len(pending) >= threads:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def _lean_table(path: Path, chunk: bytes, starts, ends, fields: dict, first_line: int, sha256: str) -> RawTable | None:
    """A batch decoded into just `fields` by polars' multi-threaded JSON reader, or None when
    it holds anything the careful reader must see."""
    # flags of an earlier filter run are decoded too: such a batch is read whole, so the filter can replace them
    flags = {k: v for k, v in FLAG_SCHEMA.items() if k not in fields}
    try:
        frame = pl.read_ndjson(chunk, schema={**fields, **flags})
    except Exception:  # polars raises several types for malformed JSON, bad bytes and fields of another type
        return None
    # the reader skips blank lines (and lines of only spaces): they hold no row
    filled = ends - starts > 1
    opens_blank = np.isin(np.frombuffer(chunk, np.uint8)[starts], list(b" \t\r"))
    for i in np.flatnonzero(filled & opens_blank):
        filled[i] = bool(chunk[starts[i]:ends[i]].strip())
    earlier_flags = bool(flags) and frame.select(pl.any_horizontal(pl.col(list(flags)).is_not_null()).any()).item()
    if frame.height != int(filled.sum()) or earlier_flags:
        return None
    # the reader writes a nested list or object where a string is wanted as its JSON text: such a
    # row (rare) is checked by the strict decoder, which refuses it
    nested = pl.any_horizontal([leaf.str.contains("(^|\x00)[\\[{]") for leaf in _string_leaves(fields)])
    suspects = np.flatnonzero(frame.select(nested.fill_null(False)).to_series().to_numpy())
    if len(suspects):
        lines = pl.Series([chunk[a:b].decode() for a, b in zip(starts[filled][suspects].tolist(), ends[filled][suspects].tolist())])
        try:
            lines.str.json_decode(pl.Struct(fields))
        except Exception:
            return None
    columns = {LINE: pl.Series(np.flatnonzero(filled) + first_line, dtype=pl.Int64),
               RAW_START: pl.Series(starts[filled], dtype=pl.Int64), RAW_END: pl.Series(ends[filled], dtype=pl.Int64)}
    frame = frame.select(list(fields)).with_columns(**columns).select(LINE, *fields, RAW_START, RAW_END)
    return RawTable(path, "jsonl", frame, [], sha256, raw=chunk)


def _string_leaves(fields: dict) -> list[pl.Expr]:
    """An expression per field of `fields` for the strings a row holds there (a list of structs'
    strings joined by NUL)."""
    leaves = []
    for name, dtype in fields.items():
        if dtype == pl.String:
            leaves.append(pl.col(name))
        elif isinstance(dtype, pl.List) and isinstance(dtype.inner, pl.Struct):
            for inner in dtype.inner.fields:
                if inner.dtype == pl.String:
                    leaves.append(pl.col(name).list.eval(pl.element().struct.field(inner.name)).list.join("\x00"))
    return leaves


__all__ = ["Shard", "head", "map_in_order", "plan_shards", "read_shard"]
