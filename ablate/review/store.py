"""Curator decisions in SQLite: the flagged rows to review, and every decision ever made on them.

The rows of one flagged file (the output of `ablate filter --refusals keep|only`, or a removed
file) are imported once into `items`; decisions go to an append-only `decisions` log (reviewer,
timestamp, decision, comment; undo marks the latest one undone), so nothing a reviewer did is
lost and a restart finds everything where it was. WAL mode lets the page read while a decision
is written. Rows are named by the id `ablate filter --overrides` matches (`dataset.row_ids`).
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
from datetime import datetime, timezone
from pathlib import Path

from ..dataset import read_dataset
from ..errors import InputError
from ..io import file_sha256, write_bytes_atomic

DECISIONS = ("refusal", "not_refusal", "skip")
STATES = ("all", "pending", "reviewed", "refusal", "not_refusal", "skip", "disagree")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS items (
    pos INTEGER PRIMARY KEY,          -- order in the file, from 0
    id TEXT NOT NULL,
    source TEXT, prompt TEXT, response TEXT,
    refusal INTEGER, category TEXT, score REAL, reason TEXT, pack TEXT, phrase TEXT
);
CREATE INDEX IF NOT EXISTS items_id ON items(id);
CREATE TABLE IF NOT EXISTS decisions (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    item_id TEXT NOT NULL,
    reviewer TEXT NOT NULL,
    decision TEXT NOT NULL CHECK (decision IN ('refusal', 'not_refusal', 'skip')),
    comment TEXT,
    decided_at TEXT NOT NULL,
    undone INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS decisions_item ON decisions(item_id, undone);
"""

# the current decision per row: its latest decision that was not undone
_CURRENT = """
CREATE TEMP VIEW IF NOT EXISTS current AS
SELECT d.item_id, d.decision, d.reviewer, d.comment, d.decided_at FROM decisions d
JOIN (SELECT item_id, MAX(seq) AS seq FROM decisions WHERE undone = 0 GROUP BY item_id) last ON last.seq = d.seq
"""

_TURN = re.compile(r"^turn (\d+): ")
_RULE = re.compile(r'rule:([\w.-]+)(?: "((?:[^"\\]|\\.)*)")?')


def parse_reason(reason: str | None) -> tuple[int | None, str | None, str | None]:
    """(turn, pack, matched phrase) from a refusal_reason such as `turn 3: rule:apology-refusal "I'm sorry"`."""
    if not reason:
        return None, None, None
    turn = _TURN.match(reason)
    rule = _RULE.search(reason)
    if rule:
        return (int(turn.group(1)) if turn else None), rule.group(1), rule.group(2)
    pack = "embedding" if "embedding:" in reason else ("human" if "human:" in reason else "other")
    return (int(turn.group(1)) if turn else None), pack, None


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class ReviewStore:
    """One SQLite file; safe to share between the server's threads."""

    def __init__(self, db: str | Path):
        self.path = Path(db)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        try:
            self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
            self._db.row_factory = sqlite3.Row
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA busy_timeout=5000")
            self._db.executescript(_SCHEMA)
            self._db.execute(_CURRENT)
        except sqlite3.DatabaseError as e:
            raise InputError(f"{self.path}: not a review database ({e})") from None

    def close(self) -> None:
        self._db.close()

    # ----------------------------------------------------------------- the rows

    def load(self, flagged: str | Path, only_flagged: bool = False) -> int:
        """Import a flagged file's rows (again only if the file changed); decisions are kept. Returns the row count."""
        path = Path(flagged)
        if not path.exists():
            raise InputError(f"{path}: no such file")
        digest = file_sha256(path)
        if self.meta("sha256") == digest:
            return self.count()
        dataset = read_dataset(path)
        frame = dataset.frame
        missing = [c for c in ("refusal", "refusal_reason") if c not in frame.columns]
        if missing:
            raise InputError(f"{path}: no {', '.join(missing)} column; review the output of "
                             "ablate filter --refusals keep (or only), or its .removed file")
        rows = []
        for pos, row in enumerate(frame.iter_rows(named=True)):
            turn, pack, phrase = parse_reason(row.get("refusal_reason"))
            messages = row["messages"] or []
            if turn is None or turn >= len(messages) or messages[turn]["role"] != "assistant":
                answers = [i for i, m in enumerate(messages) if m["role"] == "assistant"]
                turn = answers[-1] if answers else None
            response = messages[turn]["content"] if turn is not None else ""
            asked = [m["content"] for m in messages[:turn] if m["role"] == "user"] if turn is not None else []
            if only_flagged and not row.get("refusal") and not row.get("aligned_category"):
                continue
            rows.append((pos, row["id"], row.get("source") or row.get("ablate_source"), asked[-1] if asked else "", response,
                         None if row.get("refusal") is None else int(bool(row["refusal"])), row.get("aligned_category"),
                         row.get("refusal_score"), row.get("refusal_reason"), pack, phrase))
        with self._lock:
            self._db.execute("BEGIN")
            self._db.execute("DELETE FROM items")
            self._db.executemany("INSERT INTO items VALUES (?,?,?,?,?,?,?,?,?,?,?)", rows)
            self._db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)",
                                 [("dataset", str(path.resolve())), ("sha256", digest), ("loaded_at", _now())])
            self._db.execute("COMMIT")
        return len(rows)

    def meta(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def count(self) -> int:
        return self._db.execute("SELECT COUNT(*) FROM items").fetchone()[0]

    def _where(self, pack: str | None, min_score: float | None, max_score: float | None, state: str) -> tuple[str, list]:
        clauses, args = [], []
        if pack:
            clauses.append("i.pack = ?")
            args.append(pack)
        if min_score is not None:
            clauses.append("COALESCE(i.score, 0) >= ?")
            args.append(min_score)
        if max_score is not None:
            clauses.append("COALESCE(i.score, 0) <= ?")
            args.append(max_score)
        if state not in STATES:
            raise ValueError(f"state must be one of {', '.join(STATES)}")
        if state == "pending":
            clauses.append("c.decision IS NULL")
        elif state == "reviewed":
            clauses.append("c.decision IS NOT NULL")
        elif state == "disagree":  # the reviewer and the detector differ
            clauses.append("((c.decision = 'refusal' AND COALESCE(i.refusal, 0) = 0) OR (c.decision = 'not_refusal' AND i.refusal = 1))")
        elif state != "all":
            clauses.append("c.decision = ?")
            args.append(state)
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", args

    def page(self, *, offset: int = 0, limit: int = 50, pack: str | None = None, min_score: float | None = None,
             max_score: float | None = None, state: str = "all") -> dict:
        """One page of rows (with their current decision) and the total that match the filters."""
        where, args = self._where(pack, min_score, max_score, state)
        base = f"FROM items i LEFT JOIN current c ON c.item_id = i.id{where}"
        with self._lock:
            total = self._db.execute(f"SELECT COUNT(*) {base}", args).fetchone()[0]
            rows = self._db.execute(f"SELECT i.*, c.decision, c.reviewer, c.comment, c.decided_at {base} ORDER BY i.pos LIMIT ? OFFSET ?",
                                    [*args, max(1, min(limit, 500)), max(0, offset)]).fetchall()
        return {"total": total, "offset": offset, "items": [dict(r) for r in rows]}

    def packs(self) -> list[str]:
        return [r[0] for r in self._db.execute("SELECT DISTINCT pack FROM items WHERE pack IS NOT NULL ORDER BY pack")]

    def progress(self) -> dict:
        with self._lock:
            total = self.count()
            reviewed = self._db.execute("SELECT COUNT(*) FROM items i JOIN current c ON c.item_id = i.id").fetchone()[0]
        return {"total": total, "reviewed": reviewed}

    # ----------------------------------------------------------------- decisions

    def decide(self, item_id: str, decision: str, reviewer: str, comment: str | None = None) -> dict:
        if decision not in DECISIONS:
            raise ValueError(f"decision must be one of {', '.join(DECISIONS)}")
        with self._lock:
            if self._db.execute("SELECT 1 FROM items WHERE id = ?", (item_id,)).fetchone() is None:
                raise KeyError(item_id)
            cursor = self._db.execute("INSERT INTO decisions (item_id, reviewer, decision, comment, decided_at) VALUES (?,?,?,?,?)",
                                      (item_id, reviewer, decision, comment or None, _now()))
        return {"seq": cursor.lastrowid, "item_id": item_id, "decision": decision}

    def undo(self, reviewer: str) -> dict | None:
        """Mark the reviewer's latest standing decision undone; returns it (None if there is none)."""
        with self._lock:
            row = self._db.execute("SELECT seq, item_id, decision FROM decisions WHERE reviewer = ? AND undone = 0 "
                                   "ORDER BY seq DESC LIMIT 1", (reviewer,)).fetchone()
            if row is None:
                return None
            self._db.execute("UPDATE decisions SET undone = 1 WHERE seq = ?", (row["seq"],))
        return dict(row)

    def current(self) -> list[dict]:
        """Every row's standing decision with what the detector said."""
        with self._lock:
            rows = self._db.execute("SELECT c.*, i.refusal AS detector, i.pack, i.source FROM current c "
                                    "LEFT JOIN (SELECT id, MIN(pos) AS pos FROM items GROUP BY id) first ON first.id = c.item_id "
                                    "LEFT JOIN items i ON i.pos = first.pos ORDER BY c.decided_at").fetchall()
        return [dict(r) for r in rows]

    # ----------------------------------------------------------------- outputs

    def export(self, output: str | Path) -> int:
        """Write the standing refusal / not-refusal decisions as overrides for `ablate filter --overrides`."""
        lines = [json.dumps({"id": d["item_id"], "refusal": d["decision"] == "refusal", "reviewer": d["reviewer"],
                             "decided_at": d["decided_at"], "comment": d["comment"], "source": d["source"],
                             "detector_refusal": None if d["detector"] is None else bool(d["detector"])}, ensure_ascii=False)
                 for d in self.current() if d["decision"] != "skip"]
        write_bytes_atomic(Path(output), ("\n".join(lines) + "\n" if lines else "").encode())
        return len(lines)

    def stats(self) -> dict:
        """Agreement between the detector and the reviewers, overall and per rule pack."""
        decided = [d for d in self.current() if d["decision"] != "skip" and d["detector"] is not None]
        return {"overall": _agreement(decided),
                "by_pack": {pack: _agreement([d for d in decided if (d["pack"] or "unflagged") == pack])
                            for pack in sorted({d["pack"] or "unflagged" for d in decided})}}


def _agreement(decided: list[dict]) -> dict:
    """Counts, agreement and Cohen's kappa, with the reviewer's call as truth for the detector's precision and recall."""
    tp = sum(d["detector"] == 1 and d["decision"] == "refusal" for d in decided)
    fp = sum(d["detector"] == 1 and d["decision"] == "not_refusal" for d in decided)
    fn = sum(d["detector"] == 0 and d["decision"] == "refusal" for d in decided)
    tn = sum(d["detector"] == 0 and d["decision"] == "not_refusal" for d in decided)
    n = tp + fp + fn + tn
    agree = (tp + tn) / n if n else None
    chance = ((tp + fp) * (tp + fn) + (fn + tn) * (fp + tn)) / (n * n) if n else None
    kappa = (agree - chance) / (1 - chance) if n and chance is not None and chance < 1 else None
    return {"reviewed": n, "agree": tp + tn, "agreement": agree, "kappa": kappa,
            "detector_precision": tp / (tp + fp) if tp + fp else None, "detector_recall": tp / (tp + fn) if tp + fn else None,
            "confirmed": tp, "false_flags": fp, "missed": fn, "confirmed_clean": tn}


__all__ = ["DECISIONS", "STATES", "ReviewStore", "parse_reason"]
