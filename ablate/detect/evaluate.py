"""`ablate detect-eval`: how well a detector agrees with human refusal labels.

The labelled file is any dataset ablate reads, plus a label column (`refusal` by default:
true/false, 1/0, or "refusal"/"compliance"-style strings). The file is read and judged by the
same code as `ablate filter` (`load_input`, `judge_turns`); a row counts as a refusal when any assistant turn is `refusal` or
`partial_refusal`. Reported: precision, recall, F1, the confusion matrix, a breakdown by every
short categorical column the file has (model, category, language, ...), and the
misclassified rows, written out for inspection. `calibrate=True` also sweeps the embedding
threshold and reports the F1-best one, so a pack can be recalibrated for another model.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

import numpy as np
import polars as pl

from ..errors import InputError
from ..filtering import ROW, FilterConfig, judge_turns, load_input
from ..io import LINE, write_jsonl_records
from .ensemble import packs_for
from .packs import REFUSAL_CATEGORIES

TRUE_LABELS = {"true", "1", "yes", "y", "refusal", "refused", "refuse", "partial_refusal", "partial refusal", "full_refusal",
               "full refusal", "partial", "reject", "rejected"}
FALSE_LABELS = {"false", "0", "no", "n", "compliance", "complied", "comply", "full_compliance", "full compliance",
                "answer", "answered", "none", "not_refusal", "not refusal", "accept", "accepted"}
MAX_GROUPS = 30  # a column with more distinct values than this is not broken down
SKIP_COLUMNS = {"id", "prompt", "response", "instruction", "input", "output", "messages", "conversations", "text"}


@dataclass
class Metrics:
    n: int
    tp: int
    fp: int
    fn: int
    tn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn) if self.tp else 0.0

    @property
    def accuracy(self) -> float:
        return (self.tp + self.tn) / self.n if self.n else 0.0

    @classmethod
    def of(cls, truth: np.ndarray, predicted: np.ndarray) -> "Metrics":
        return cls(n=len(truth), tp=int((truth & predicted).sum()), fp=int((~truth & predicted).sum()),
                   fn=int((truth & ~predicted).sum()), tn=int((~truth & ~predicted).sum()))

    def to_dict(self) -> dict:
        return {"n": self.n, "positives": self.tp + self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4), "accuracy": round(self.accuracy, 4),
                "confusion": {"tp": self.tp, "fp": self.fp, "fn": self.fn, "tn": self.tn}}


@dataclass
class EvalResult:
    path: str
    detector: str
    label: str
    overall: Metrics
    by_column: dict[str, dict[str, Metrics]]
    errors_path: str | None
    calibration: dict | None = None
    embedded: int = 0

    def to_dict(self) -> dict:
        return {"path": self.path, "detector": self.detector, "label": self.label, "embedded": self.embedded,
                **self.overall.to_dict(),
                "by_column": {c: {v: m.to_dict() for v, m in groups.items()} for c, groups in self.by_column.items()},
                "misclassified": self.errors_path, "calibration": self.calibration}


def parse_labels(values: Sequence, where: str, lines: Sequence[int]) -> np.ndarray:
    out = np.zeros(len(values), dtype=bool)
    for i, value in enumerate(values):
        if isinstance(value, bool):
            out[i] = value
            continue
        text = str(value).strip().lower() if value is not None else ""
        if text in TRUE_LABELS:
            out[i] = True
        elif text not in FALSE_LABELS:
            raise InputError(f"{where}:{lines[i]}: label {value!r} is not a refusal label "
                             f"(use true/false, 1/0, or refusal/compliance)")
    return out


def evaluate(path: str | Path, *, detector: str = "ensemble", filters: Sequence[str] = (), label: str = "refusal",
             embedding_model: str | None = None, errors: str | Path | None = None, calibrate: bool = False,
             by: Sequence[str] | None = None, split: str | None = None,
             progress: Callable[[int, int], None] | None = None) -> EvalResult:
    """Run `detector` over a labelled file and score it against the `label` column.

    `split="test"` keeps only rows whose `split` column equals "test" (for a held-out split).
    """
    path = Path(path)
    config = FilterConfig(refusals="keep", detector=detector, filters=tuple(filters), embedding_model=embedding_model)
    loaded = load_input(path, config, 0)  # the same reading, format detection and bad-row checks as ablate filter
    if label not in loaded.table.frame.columns:
        raise InputError(f"{path}: no label column {label!r} (columns: "
                         f"{', '.join(c for c in loaded.table.frame.columns if c != LINE)}); pass --label NAME")
    # the label may be `refusal`, a column ablate's own output replaces, so it is read from the raw table
    frame = loaded.frame.drop(label, strict=False).join(loaded.table.frame.select(LINE, label), on=LINE, how="left")
    if split is not None:
        if "split" not in frame.columns:
            raise InputError(f"{path}: --split given but the file has no 'split' column")
        frame = frame.filter(pl.col("split") == split)
        if frame.height == 0:
            raise InputError(f"{path}: no rows with split == {split!r}")
    truth = parse_labels(frame[label].to_list(), str(path), frame[LINE].to_list())
    packs = packs_for(detector, filters)
    judged = judge_turns(dataclasses.replace(loaded, frame=frame), packs, config, progress)
    per_row = (judged.group_by(ROW)
               .agg(pl.col("aligned_category").is_in(list(REFUSAL_CATEGORIES)).any().alias("_pred"),
                    pl.col("refusal_reason").drop_nulls().first().alias("_reason"),
                    pl.col("aligned_category").drop_nulls().first().alias("_category"),
                    pl.col("refusal_score").max().alias("_score"),
                    pl.col("refusal_margin").max().alias("_margin"),
                    pl.col("refusal_embedded").any().alias("_embedded"),
                    # a refusal that the embedding's margin did not make (rules, a settled step, a redirect)
                    (pl.col("aligned_category").is_in(list(REFUSAL_CATEGORIES))
                     & ~(pl.col("refusal_embedded") & (pl.col("refusal_margin") > 0)).fill_null(False)).any().alias("_rule_refusal")))
    frame = frame.join(per_row, on=ROW, how="left").sort(ROW)
    predicted = frame["_pred"].fill_null(False).to_numpy()
    overall = Metrics.of(truth, predicted)

    columns = by if by is not None else [
        c for c in frame.columns
        if c not in SKIP_COLUMNS and c != label and not c.startswith("_") and frame[c].dtype in (pl.String, pl.Boolean, pl.Int64)
        and 1 < frame[c].n_unique() <= MAX_GROUPS]
    by_column: dict[str, dict[str, Metrics]] = {}
    for column in columns:
        if column not in frame.columns:
            raise InputError(f"{path}: no column {column!r} to break down by")
        values = frame[column].cast(pl.String).fill_null("(none)").to_numpy()
        by_column[column] = {str(v): Metrics.of(truth[values == v], predicted[values == v]) for v in sorted(set(values))}

    errors_path = None
    wrong = truth != predicted
    if errors is not False:
        target = Path(errors) if errors else path.with_name(f"{path.name.split('.')[0]}.misclassified.jsonl")
        keep = [c for c in loaded.table.frame.columns if c in frame.columns and not c.startswith("_")]  # input order
        records = []
        for i in np.flatnonzero(wrong):
            row = {c: frame[c][int(i)] for c in keep}
            row.update({"error": "missed refusal" if truth[i] else "false refusal", "line": frame[LINE][int(i)],
                        "predicted_category": frame["_category"][int(i)], "refusal_score": frame["_score"][int(i)],
                        "refusal_reason": frame["_reason"][int(i)]})
            records.append(row)
        errors_path = str(write_jsonl_records(records, target))

    calibration = None
    if calibrate and detector != "rules":
        calibration = _calibrate(truth, frame, packs)
    return EvalResult(str(path), detector, label, overall, by_column, errors_path, calibration,
                      embedded=int(frame["_embedded"].fill_null(False).sum()))


def _calibrate(truth: np.ndarray, frame: pl.DataFrame, packs) -> dict:
    """F1 over a sweep of threshold shifts: a row is a refusal when something other than its embedding
    margin made it one (the rules, a refusal the prompt and shape settle, a redirect after a lecture) or
    its margin clears the shifted threshold. At a shift of 0 that is the detector's own verdict."""
    rule = frame["_rule_refusal"].fill_null(False).to_numpy()
    margin = frame["_margin"].fill_null(-np.inf).to_numpy()
    proto = next(p for p in packs if p.kind == "prototypes")
    sweep = []
    for shift in np.round(np.arange(-0.15, 0.151, 0.01), 2):
        metrics = Metrics.of(truth, rule | (margin > shift))
        sweep.append({"threshold": round(float(proto.threshold + shift), 3), "f1": round(metrics.f1, 4),
                      "precision": round(metrics.precision, 4), "recall": round(metrics.recall, 4)})
    best = max(sweep, key=lambda s: (s["f1"], -abs(s["threshold"] - proto.threshold)))
    return {"pack": proto.name, "current_threshold": proto.threshold, "best": best, "sweep": sweep}
