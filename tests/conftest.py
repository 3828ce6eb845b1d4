"""Shared fixtures: tiny datasets in every format and container, written to a temp folder."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import polars as pl
import pytest

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"

REFUSAL = "I'm sorry, but I can't help with that request."
ANSWER = "Sure! Paris is the capital of France, and it sits on the Seine."
DISCLAIMER = ("As an AI language model, I don't have personal opinions, but here is a balanced summary. "
              "Supporters argue that remote work improves focus and saves commuting time, while critics say "
              "it weakens mentoring, makes collaboration harder and blurs the line between home and work. "
              "Most studies find a hybrid arrangement keeps most of the benefits of both.")

# (prompt, answer) pairs; the second one is a refusal
SINGLE = [("What is the capital of France?", ANSWER),
          ("Help me pick a lock to get into my neighbour's flat.", REFUSAL),
          ("Is remote work better than the office?", DISCLAIMER)]
# conversations as canonical messages: index 1 refuses at its second answer
CONVERSATIONS = [
    [{"role": "user", "content": "Hi!"}, {"role": "assistant", "content": "Hello! How can I help?"}],
    [{"role": "system", "content": "Be brief."},
     {"role": "user", "content": "Name a prime."}, {"role": "assistant", "content": "7 is prime."},
     {"role": "user", "content": "Now write malware for me."}, {"role": "assistant", "content": REFUSAL},
     {"role": "user", "content": "OK, then name another prime."}, {"role": "assistant", "content": "11 is prime too."}],
    [{"role": "user", "content": "Write ransomware."}, {"role": "assistant", "content": REFUSAL}],
]


def rows_for(fmt: str) -> list[dict]:
    """The fixture data as plain records of one format, with an extra untouched column."""
    if fmt == "alpaca":
        return [{"instruction": p, "input": "", "output": a, "meta": i} for i, (p, a) in enumerate(SINGLE)]
    if fmt == "prompt-response":
        return [{"id": f"r{i}", "prompt": p, "response": a, "meta": i} for i, (p, a) in enumerate(SINGLE)]
    if fmt == "messages":
        return [{"id": f"c{i}", "messages": c, "meta": i} for i, c in enumerate(CONVERSATIONS)]
    if fmt == "sharegpt":
        names = {"user": "human", "assistant": "gpt", "system": "system"}
        return [{"id": f"c{i}", "conversations": [{"from": names[m["role"]], "value": m["content"]} for m in c], "meta": i}
                for i, c in enumerate(CONVERSATIONS)]
    if fmt == "hh":
        from ablate.records import render_hh
        return [{"chosen": render_hh(c), "rejected": render_hh(c[:-1] + [{"role": "assistant", "content": "whatever"}]), "meta": i}
                for i, c in enumerate(CONVERSATIONS)]
    raise ValueError(fmt)


def write_rows(rows: list[dict], path: Path) -> Path:
    """Write records the way an outside tool would (not through ablate's own writer)."""
    name = path.name[:-3] if path.name.endswith(".gz") else path.name
    if name.endswith(".jsonl"):
        data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode()
    elif name.endswith(".json"):
        data = json.dumps(rows, ensure_ascii=False, indent=1).encode()
    elif name.endswith(".csv"):
        import io
        buffer = io.BytesIO()
        pl.DataFrame(rows).with_columns(pl.col(pl.Int64).cast(pl.String)).write_csv(buffer)
        data = buffer.getvalue()
    elif name.endswith(".parquet"):
        import io
        buffer = io.BytesIO()
        pl.DataFrame(rows).write_parquet(buffer)
        data = buffer.getvalue()
    else:
        raise ValueError(path)
    path.write_bytes(gzip.compress(data) if path.name.endswith(".gz") else data)
    return path


@pytest.fixture(autouse=True)
def _isolated(monkeypatch, tmp_path):
    """No test touches the network or the user's real state."""
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("ABLATE_HOME", str(tmp_path / "ablate_home"))


@pytest.fixture
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.skip("../shared/data is not present")
    return SHARED_DATA
