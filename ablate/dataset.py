"""The canonical dataset view for Python users: `read_dataset` → frame with id, messages, source."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from .errors import InputError
from .io import LINE, read_table, write_table
from .records import BAD, MESSAGES, Format, bad_row_reasons, canonical_expr, detect_format


@dataclass
class Dataset:
    """One file in canonical form. `frame` has `id`, `messages` (list of {role, content}),
    `source` (file:line; `ablate_source` if the file has its own `source`) and every original column (a `messages` input keeps its own
    column under `messages`, which then equals the canonical one modulo extra turn fields)."""

    path: Path
    format: Format
    frame: pl.DataFrame


def content_id(messages: list[dict]) -> str:
    """A stable id from the conversation's text (the same across polars and Python versions)."""
    text = "\x1e".join(f"{m['role']}\x1f{m['content']}" for m in messages)
    return hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest()


def row_ids(frame: pl.DataFrame, fmt: Format) -> pl.Series:
    """Each row's id: its own `id` column when it has one, else a hash of its conversation (content_id).
    Review decisions and overrides name rows by this id."""
    if "id" in frame.columns:
        return frame["id"].cast(pl.String).alias("id")
    messages = frame.select(canonical_expr(fmt).alias(MESSAGES))[MESSAGES].to_list()
    return pl.Series("id", [content_id(m) for m in messages], dtype=pl.String)


def read_dataset(path: str | Path, format: str | None = None) -> Dataset:
    """Read one data file into the canonical frame; rows that do not fit their format are an error."""
    table = read_table(path)
    fmt = detect_format([c for c in table.frame.columns if c != LINE], format, where=str(path))
    frame = table.frame.with_columns(bad_row_reasons(table.frame, fmt, str(path)).alias(BAD))
    bad = frame.filter(pl.col(BAD).is_not_null())
    if bad.height:
        raise InputError(f"{table.where(bad[LINE][0])}: {bad[BAD][0]}")
    frame = frame.drop(BAD).with_columns(canonical_expr(fmt).alias(MESSAGES))
    ids = row_ids(frame, fmt)
    # a file's own `source` column stays; the location then goes to `ablate_source`
    location = "ablate_source" if "source" in frame.columns else "source"
    sources = pl.Series(location, [table.where(line) for line in frame[LINE].to_list()])
    originals = [c for c in frame.columns if c not in (LINE, MESSAGES, "id", "messages")]
    frame = frame.select(ids.alias("id"), pl.col(MESSAGES).alias("messages"), sources, *originals)
    return Dataset(Path(path), fmt, frame)


def write_dataset(frame: pl.DataFrame, path: str | Path) -> Path:
    """Write a frame atomically; the extension picks JSONL, JSON, Parquet or CSV (+ .gz)."""
    return write_table(frame, path)
