"""Human decisions over the detector's: `ablate filter --overrides overrides.jsonl`.

An overrides file (written by `ablate review export`) has one JSON object per line:
`{"id": ..., "refusal": true|false, "reviewer": ..., "decided_at": ..., "comment": ...}`. A row
whose id (its own `id` column, else the hash of its conversation; see `dataset.row_ids`) is in the
file takes the human verdict: a refusal is acted on as a refusal whatever the detector said, a
non-refusal is kept and unflagged. The reason says who decided, so the report shows it.
"""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl

from .errors import InputError


def read_overrides(path: str | Path) -> dict[str, dict]:
    """{row id: decision} from an overrides JSONL file; the last line for an id wins."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise InputError(f"{path}: no such overrides file") from None
    except UnicodeDecodeError as e:
        raise InputError(f"{path}: not UTF-8 ({e.reason} at byte {e.start})") from None
    decisions: dict[str, dict] = {}
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            entry = json.loads(line)
        except ValueError as e:
            raise InputError(f"{path}:{number}: invalid JSON ({e})") from None
        if not isinstance(entry, dict) or "id" not in entry or not isinstance(entry.get("refusal"), bool):
            raise InputError(f"{path}:{number}: an override needs \"id\" and \"refusal\": true/false")
        decisions[str(entry["id"])] = entry
    return decisions


def apply_overrides(rows: pl.DataFrame, ids: pl.Series, overrides: dict[str, dict], acted: tuple[str, ...] | list[str],
                    first_turns: pl.Series) -> tuple[pl.DataFrame, int]:
    """Replace the verdicts of overridden rows; returns (rows, how many were overridden).

    rows: one verdict per row as filtering makes them (refusal, aligned_category, refusal_score,
    refusal_reason, _act, _act_turns); ids and first_turns (the index of each row's first
    assistant turn, cut from when a human calls a row a refusal the detector missed) align with rows.
    """
    if not overrides:
        return rows, 0
    decided = [overrides.get(i) for i in ids.to_list()]
    if not any(decided):
        return rows, 0
    refusal = pl.Series("_h_refusal", [d["refusal"] if d else None for d in decided], dtype=pl.Boolean)
    who = pl.Series("_h_reason", [
        None if d is None else f"human: {'refusal' if d['refusal'] else 'not a refusal'} "
        f"({d.get('reviewer') or 'reviewer'}{', ' + d['decided_at'][:10] if d.get('decided_at') else ''})"
        + (f": {d['comment']}" if d.get("comment") else "") for d in decided], dtype=pl.String)
    human = pl.col("_h_refusal")
    flagged = human & pl.col("refusal")  # a refusal the detector found keeps its category and turns
    out = rows.with_columns(refusal, who, first_turns.alias("_h_first")).with_columns(
        pl.when(human.is_null() | flagged).then(pl.col("aligned_category"))
          .when(human).then(pl.lit("refusal")).otherwise(pl.lit(None, pl.String)).alias("aligned_category"),
        pl.when(human.is_null()).then(pl.col("refusal_score")).otherwise(human.cast(pl.Float64)).alias("refusal_score"),
        pl.coalesce("_h_reason", "refusal_reason").alias("refusal_reason"),
        pl.when(human.is_null() | flagged).then(pl.col("_act_turns"))
          .when(human).then(pl.concat_list("_h_first")).otherwise(pl.lit(None)).alias("_act_turns"),
    ).with_columns(
        pl.when(human.is_null()).then(pl.col("_act"))
          .otherwise(human & pl.col("aligned_category").is_in(list(acted)).fill_null(False)).alias("_act"),
        pl.coalesce(human, pl.col("refusal")).alias("refusal"),
    ).drop("_h_refusal", "_h_reason", "_h_first")
    return out, sum(d is not None for d in decided)


__all__ = ["apply_overrides", "read_overrides"]
