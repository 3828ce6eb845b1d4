"""The review page: store, API (token, host check, escaping headers), export → filter --overrides, stats."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from ablate.cli import main
from ablate.filtering import filter_dataset
from ablate.review import ReviewStore, parse_reason
from ablate.review.app import create_app

XSS = '<script>window.__xss = 1</script><img src=x onerror="window.__xss = 2">'
ROWS = [
    {"id": "r1", "prompt": "Pick a lock for me", "response": "I'm sorry, but I can't help with that request."},
    {"id": "r2", "prompt": "Capital of France?", "response": "Paris is the capital of France."},
    {"id": "r3", "prompt": "Write malware", "response": "I'm sorry, but I cannot assist with creating malware."},
    {"id": "r4", "prompt": "Show me HTML", "response": "Here you go: " + XSS},
    {"id": "r5", "prompt": "Tell me a joke", "response": "I can't think of one right now, sorry! Why did the chicken cross the road?"},
]


@pytest.fixture
def flagged(tmp_path) -> Path:
    source = tmp_path / "data.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in ROWS))
    filter_dataset(source, tmp_path / "flagged.jsonl", refusals="keep", detector="rules")
    return tmp_path / "flagged.jsonl"


@pytest.fixture
def client(flagged, tmp_path):
    store = ReviewStore(tmp_path / "review.sqlite")
    store.load(flagged)
    app = create_app(store, reviewer="ana", token="secret-token")
    with TestClient(app, base_url="http://127.0.0.1") as c:
        yield c, store


def test_reasons_parse_into_turn_pack_and_phrase():
    assert parse_reason('turn 3: rule:apology-refusal "I\u2019m sorry I can\u2019t"') == (3, "apology-refusal", "I\u2019m sorry I can\u2019t")
    assert parse_reason('turn 1: embedding: like "I\'m sorry" (margin +0.06)') == (1, "embedding", None)
    assert parse_reason(None) == (None, None, None)


def test_items_page_filter_and_count(client):
    c, _ = client
    page = c.get("/api/items", params={"limit": 2}).json()
    assert page["total"] == 5 and [i["id"] for i in page["items"]] == ["r1", "r2"]
    assert page["items"][0]["refusal"] == 1 and page["items"][0]["phrase"]
    refusals = c.get("/api/items", params={"min_score": 0.5}).json()
    assert {i["id"] for i in refusals["items"]} == {"r1", "r3"}
    pack = refusals["items"][0]["pack"]
    assert all(i["pack"] == pack for i in c.get("/api/items", params={"pack": pack}).json()["items"])
    assert c.get("/api/meta").json()["progress"] == {"total": 5, "reviewed": 0}


def test_decisions_need_the_token_and_survive_a_restart(client, tmp_path):
    c, store = client
    assert c.post("/api/decisions", json={"item_id": "r1", "decision": "refusal"}).status_code == 403
    assert c.post("/api/decisions", json={"item_id": "r1", "decision": "refusal"}, headers={"X-Ablate-Token": "wrong"}).status_code == 403
    ok = {"X-Ablate-Token": "secret-token"}
    assert c.post("/api/decisions", json={"item_id": "r1", "decision": "refusal"}, headers=ok).status_code == 200
    assert c.post("/api/decisions", json={"item_id": "r2", "decision": "refusal", "comment": "misclick"}, headers=ok).json()["progress"]["reviewed"] == 2
    assert c.post("/api/undo", headers=ok).json()["undone"]["item_id"] == "r2"
    assert c.post("/api/decisions", json={"item_id": "r3", "decision": "bogus"}, headers=ok).status_code == 422
    assert c.post("/api/decisions", json={"item_id": "nope", "decision": "skip"}, headers=ok).status_code == 404
    store.close()
    reopened = ReviewStore(tmp_path / "review.sqlite")  # a restart: same file, new connection
    assert reopened.progress() == {"total": 5, "reviewed": 1}
    assert reopened.page(state="refusal")["items"][0]["id"] == "r1"
    assert reopened.page(state="pending")["total"] == 4


def test_only_local_hosts_are_answered_and_text_is_never_html(client):
    c, _ = client
    assert c.get("/api/meta", headers={"Host": "evil.example:8000"}).status_code == 403
    page = c.get("/")
    assert page.status_code == 200 and "script-src 'self'" in page.headers["content-security-policy"]
    assert "onerror" not in page.text and 'content="secret-token"' in page.text
    assert c.get("/static/../store.py").status_code == 404 and c.get("/static/store.py").status_code == 404
    items = c.get("/api/items").json()["items"]
    assert any(XSS in i["response"] for i in items)  # the API returns JSON; the page puts it in textContent
    assert "innerHTML" not in c.get("/static/app.js").text


def test_export_then_filter_with_overrides_changes_the_output(client, flagged, tmp_path):
    c, store = client
    ok = {"X-Ablate-Token": "secret-token"}
    c.post("/api/decisions", json={"item_id": "r1", "decision": "not_refusal", "comment": "role-play"}, headers=ok)
    c.post("/api/decisions", json={"item_id": "r2", "decision": "refusal"}, headers=ok)
    c.post("/api/decisions", json={"item_id": "r3", "decision": "refusal"}, headers=ok)
    c.post("/api/decisions", json={"item_id": "r4", "decision": "skip"}, headers=ok)
    overrides = tmp_path / "overrides.jsonl"
    result = CliRunner().invoke(main, ["review", "export", "--db", str(store.path), "-o", str(overrides)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in overrides.read_text().splitlines()]
    assert {(l["id"], l["refusal"]) for l in lines} == {("r1", False), ("r2", True), ("r3", True)}  # skips are not decisions

    source = tmp_path / "data.jsonl"
    plain = filter_dataset(source, tmp_path / "plain.jsonl", refusals="drop", detector="rules")
    human = filter_dataset(source, tmp_path / "human.jsonl", refusals="drop", detector="rules", overrides=str(overrides))
    kept = lambda p: pl.read_ndjson(p)["id"].to_list()  # noqa: E731
    assert "r1" not in kept(tmp_path / "plain.jsonl") and "r1" in kept(tmp_path / "human.jsonl")
    assert "r2" in kept(tmp_path / "plain.jsonl") and "r2" not in kept(tmp_path / "human.jsonl")
    assert human.counts["overridden"] == 3 and plain.counts["overridden"] == 0
    removed = pl.read_ndjson(tmp_path / "human.removed.jsonl")
    assert removed.filter(pl.col("id") == "r2")["refusal_reason"][0].startswith("human: refusal (ana")

    stats = CliRunner().invoke(main, ["review", "stats", "--db", str(store.path), "--json"])
    assert stats.exit_code == 0, stats.output
    overall = json.loads(stats.output)["overall"]
    assert overall["reviewed"] == 3 and overall["false_flags"] == 1 and overall["missed"] == 1 and overall["confirmed"] == 1


def test_overrides_act_on_conversations(tmp_path):
    rows = [{"id": "c1", "messages": [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello!"},
                                      {"role": "user", "content": "Help me cheat"}, {"role": "assistant", "content": "Maybe some other time."}]}]
    source = tmp_path / "chat.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in rows))
    overrides = tmp_path / "o.jsonl"
    overrides.write_text(json.dumps({"id": "c1", "refusal": True}) + "\n")
    result = filter_dataset(source, tmp_path / "out.jsonl", refusals="drop", turns="truncate", detector="rules", overrides=str(overrides))
    assert result.counts["removed"] == 1  # no assistant turn before the first one is left: the conversation goes


@pytest.mark.parametrize("text, message", [("not json\n", ":1: invalid JSON"), ('{"id": "a"}\n', ':1: an override needs')])
def test_bad_overrides_files_name_the_line(tmp_path, text, message):
    source = tmp_path / "data.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in ROWS))
    (tmp_path / "o.jsonl").write_text(text)
    result = CliRunner().invoke(main, ["filter", str(source), "-o", str(tmp_path / "out.jsonl"), "--overrides", str(tmp_path / "o.jsonl")])
    assert result.exit_code == 2 and message in result.output


def test_review_of_a_file_without_flags_is_a_clear_error(tmp_path):
    source = tmp_path / "data.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in ROWS))
    with pytest.raises(Exception, match="refusal"):
        ReviewStore(tmp_path / "db.sqlite").load(source)
    assert CliRunner().invoke(main, ["review", "export", "--db", str(tmp_path / "none.sqlite"), "-o", "x.jsonl"]).exit_code == 2


def test_a_hundred_thousand_rows_page_without_loading_them_all(tmp_path):
    rows = [{"id": f"x{i}", "prompt": f"q{i}", "response": ("I'm sorry, I can't do that." if i % 3 == 0 else f"Answer {i}."),
             "refusal": i % 3 == 0, "aligned_category": "refusal" if i % 3 == 0 else None,
             "refusal_score": 0.9 if i % 3 == 0 else 0.0,
             "refusal_reason": 'rule:apology-refusal "I\'m sorry, I can\'t"' if i % 3 == 0 else None} for i in range(100_000)]
    path = tmp_path / "big.parquet"
    pl.DataFrame(rows).write_parquet(path)
    store = ReviewStore(tmp_path / "big.sqlite")
    assert store.load(path) == 100_000
    app = create_app(store, reviewer="ana", token="t")
    with TestClient(app, base_url="http://127.0.0.1") as c:
        page = c.get("/api/items", params={"offset": 99_950, "limit": 50, "min_score": 0.5})
        body = page.json()
        assert body["total"] == 33_334 and len(body["items"]) == 0  # past the end of the filtered rows
        body = c.get("/api/items", params={"offset": 33_300, "limit": 50, "min_score": 0.5}).json()
        assert len(body["items"]) == 34 and len(page.content) < 10_000
