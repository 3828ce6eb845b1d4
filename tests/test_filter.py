"""The filter stage: policies, multi-turn handling, reconciliation, side files and round trips."""

from __future__ import annotations

import json

import polars as pl
import pytest

import ablate
from ablate.errors import ConfigError, InputError
from ablate.io import read_table
from ablate.records import FORMATS, parse_hh
from conftest import REFUSAL, rows_for, write_rows

FLAGS = ["refusal", "aligned_category", "refusal_score", "refusal_reason"]
CONTAINERS = {"alpaca": [".jsonl", ".json", ".parquet", ".csv", ".jsonl.gz"],
              "prompt-response": [".jsonl", ".json", ".parquet", ".csv.gz"],
              "messages": [".jsonl", ".json", ".parquet", ".json.gz"],
              "sharegpt": [".jsonl", ".json", ".parquet", ".jsonl.gz"],
              "hh": [".jsonl", ".json", ".parquet", ".csv"]}
ROUND_TRIPS = [(f, c) for f in FORMATS for c in CONTAINERS[f]]


def _read(path):
    return read_table(path).frame.drop("_line")


@pytest.mark.parametrize("fmt,ext", ROUND_TRIPS, ids=[f"{f}{c}" for f, c in ROUND_TRIPS])
def test_keep_round_trip_is_input_plus_flag_columns(tmp_path, fmt, ext):
    source = write_rows(rows_for(fmt), tmp_path / f"in{ext}")
    out = tmp_path / f"out{ext}"
    report = ablate.filter(source, out, refusals="keep")
    assert report.counts == {"rows_in": 3, "kept": 3, "modified": 0, "removed": 0, "rejected": 0, "overridden": 0}
    original, written = _read(source), _read(out)
    assert written.columns == original.columns + FLAGS
    assert written.select(original.columns).equals(original)
    expected = [False, True, False] if fmt in ("alpaca", "prompt-response") else [False, True, True]
    if ".csv" in ext:  # CSV holds text only
        expected = [str(e).lower() for e in expected]
    assert written["refusal"].to_list() == expected


def test_drop_removes_refusals_and_writes_them_with_reasons(tmp_path):
    source = write_rows(rows_for("alpaca"), tmp_path / "in.jsonl")
    report = ablate.filter(source, tmp_path / "out.jsonl", refusals="drop")
    assert report.counts == {"rows_in": 3, "kept": 2, "modified": 0, "removed": 1, "rejected": 0, "overridden": 0}
    kept = _read(tmp_path / "out.jsonl")
    assert kept["meta"].to_list() == [0, 2]
    assert kept.columns == ["instruction", "input", "output", "meta"], "dropping keeps the input's own schema"
    annotated = ablate.filter(source, tmp_path / "annotated.jsonl", refusals="drop", annotate=True)
    assert annotated.counts == report.counts
    kept = _read(tmp_path / "annotated.jsonl")
    assert kept["aligned_category"].to_list() == [None, "ai_disclaimer"], "a disclaimer followed by an answer is kept"
    removed = [json.loads(line) for line in (tmp_path / "out.removed.jsonl").read_text().splitlines()]
    assert len(removed) == 1 and removed[0]["meta"] == 1
    assert removed[0]["refusal_reason"] == 'rule:apology-refusal "I\'m sorry, but I can\'t"'
    assert removed[0]["ablate_action"] == "dropped" and removed[0]["ablate_source"] == f"{source}:2"
    written = json.loads((tmp_path / "out.report.json").read_text())
    assert written["counts"] == report.counts
    assert written["detector"]["embedded"] == 0 and written["detector"]["precision"] is None, "nothing ran in any precision"


def test_only_keeps_the_refusals(tmp_path):
    source = write_rows(rows_for("prompt-response"), tmp_path / "in.jsonl")
    report = ablate.filter(source, tmp_path / "aligned.jsonl", refusals="only")
    assert report.counts["kept"] == 1 and report.counts["removed"] == 2
    assert _read(tmp_path / "aligned.jsonl")["id"].to_list() == ["r1"]


def test_categories_widen_the_policy(tmp_path):
    source = write_rows(rows_for("alpaca"), tmp_path / "in.jsonl")
    report = ablate.filter(source, tmp_path / "out.jsonl", categories=("refusal", "partial_refusal", "ai_disclaimer", "moralizing"))
    assert report.counts["kept"] == 1 and report.categories["ai_disclaimer"] == 1


@pytest.mark.parametrize("fmt", ["messages", "sharegpt", "hh"])
def test_multi_turn_policies(tmp_path, fmt):
    source = write_rows(rows_for(fmt), tmp_path / "in.jsonl")

    def run(turns):
        report = ablate.filter(source, tmp_path / f"{turns}.jsonl", turns=turns)
        kept = [json.loads(line) for line in (tmp_path / f"{turns}.jsonl").read_text().splitlines()]
        return report, kept

    def contents(row):
        if fmt == "hh":
            return [m["content"] for m in parse_hh(row["chosen"])]
        key, text = ("messages", "content") if fmt == "messages" else ("conversations", "value")
        return [m[text] for m in row[key]]

    report, kept = run("conversation")
    assert report.counts == {"rows_in": 3, "kept": 1, "modified": 0, "removed": 2, "rejected": 0, "overridden": 0}

    report, kept = run("truncate")
    assert report.counts == {"rows_in": 3, "kept": 2, "modified": 1, "removed": 1, "rejected": 0, "overridden": 0}
    assert contents(kept[1]) == ["Be brief.", "Name a prime.", "7 is prime."]

    report, kept = run("turn")
    assert report.counts == {"rows_in": 3, "kept": 2, "modified": 1, "removed": 1, "rejected": 0, "overridden": 0}
    assert contents(kept[1]) == ["Be brief.", "Name a prime.", "7 is prime.", "OK, then name another prime.", "11 is prime too."]
    assert not any(REFUSAL in text for row in kept for text in contents(row))
    assert kept[1]["meta"] == 1, "untouched fields survive an edit"
    removed = [json.loads(line) for line in (tmp_path / "turn.removed.jsonl").read_text().splitlines()]
    assert sorted(r["ablate_action"] for r in removed) == ["dropped", "turns removed"]
    assert all(r["refusal_reason"].startswith("turn ") for r in removed)


def test_bad_rows_stop_the_run_or_go_to_rejects(tmp_path):
    rows = rows_for("alpaca")
    rows.insert(1, {"instruction": "Say nothing.", "input": "", "output": ""})
    source = write_rows(rows, tmp_path / "in.jsonl")
    with open(source, "a") as handle:
        handle.write("{broken\n")
    with pytest.raises(InputError, match=r"in.jsonl:5: invalid JSON"):
        ablate.filter(source, tmp_path / "out.jsonl")
    report = ablate.filter(source, tmp_path / "out.jsonl", on_bad_row="skip")
    assert report.counts == {"rows_in": 5, "kept": 2, "modified": 0, "removed": 1, "rejected": 2, "overridden": 0}
    rejects = [json.loads(line) for line in (tmp_path / "out.rejects.jsonl").read_text().splitlines()]
    assert [(r["source"].rsplit(":", 1)[1], r["reason"].split(" (")[0]) for r in rejects] == [("5", "invalid JSON"), ("2", "empty response in 'output'")]
    assert rejects[1]["raw"]["instruction"] == "Say nothing."


def test_several_inputs_of_one_format(tmp_path):
    a = write_rows(rows_for("alpaca"), tmp_path / "a.jsonl")
    b = write_rows(rows_for("alpaca"), tmp_path / "b.json")
    report = ablate.filter([a, b], tmp_path / "out.parquet")
    assert report.counts["rows_in"] == 6 and report.counts["kept"] == 4
    assert [i["format"] for i in report.inputs] == ["alpaca", "alpaca"]
    assert all(len(i["sha256"]) == 64 for i in report.inputs)


def test_mixed_formats_need_an_output_format(tmp_path):
    a = write_rows(rows_for("alpaca"), tmp_path / "a.jsonl")
    b = write_rows(rows_for("sharegpt"), tmp_path / "b.jsonl")
    with pytest.raises(ConfigError, match="inputs have different formats .*pass --output-format"):
        ablate.filter([a, b], tmp_path / "out.jsonl")
    report = ablate.filter([a, b], tmp_path / "out.jsonl", output_format="messages")
    out = _read(tmp_path / "out.jsonl")
    assert report.counts["kept"] == 3 and "messages" in out.columns and "conversations" not in out.columns
    assert out["messages"][0].to_list()[0] == {"role": "user", "content": "What is the capital of France?"}


def test_conversations_cannot_become_alpaca_rows(tmp_path):
    source = write_rows(rows_for("messages"), tmp_path / "in.jsonl")
    with pytest.raises(InputError, match="cannot write as alpaca: alpaca holds one exchange; this row has 6 turns"):
        ablate.filter(source, tmp_path / "out.jsonl", output_format="alpaca", turns="turn")
    report = ablate.filter(source, tmp_path / "out.jsonl", output_format="alpaca", turns="turn", on_bad_row="skip")
    assert report.counts == {"rows_in": 3, "kept": 1, "modified": 1, "removed": 1, "rejected": 1, "overridden": 0}
    assert _read(tmp_path / "out.jsonl")["instruction"].to_list() == ["Hi!"]


def test_output_may_not_overwrite_input(tmp_path):
    source = write_rows(rows_for("alpaca"), tmp_path / "in.jsonl")
    with pytest.raises(ConfigError, match="would overwrite an input"):
        ablate.filter(source, source)


def test_refiltering_annotated_output_replaces_old_flags(tmp_path):
    source = write_rows(rows_for("alpaca"), tmp_path / "in.jsonl")
    ablate.filter(source, tmp_path / "once.jsonl", refusals="keep")
    ablate.filter(tmp_path / "once.jsonl", tmp_path / "twice.jsonl", refusals="keep")
    assert _read(tmp_path / "twice.jsonl").equals(_read(tmp_path / "once.jsonl"))


def test_quoted_refusal_is_not_the_assistants_voice(tmp_path):
    story = ('Here is the scene you asked for:\n\n"I\'m sorry, but I can\'t," she said, and closed the door. '
             "He waited on the stairs until the lights went out.")
    source = write_rows([{"prompt": "Write a short breakup scene.", "response": story}], tmp_path / "in.jsonl")
    report = ablate.filter(source, tmp_path / "out.jsonl")
    assert report.counts["kept"] == 1


def test_empty_input_is_an_error(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text("\n")
    with pytest.raises(InputError, match="in.jsonl: the file holds no rows"):
        ablate.filter(source, tmp_path / "out.jsonl")


def test_a_line_of_dialogue_is_not_the_assistants_voice(tmp_path):
    scene = ("Alice: Hello, Bob. Is everything okay?\n\nBob: No, Alice. I'm sorry but I can't continue to talk with you.\n\n"
             "Alice: Why not?")
    # a character's decline far into a long line is still the character's
    script = ("Michael: [to Joker] Great, everyone. [sighs] Please keep things under control at the party this Friday.\n\n"
              "Joker: [to Michael] Oh, don't worry, boss man. I promise to be on my best behavior. [smirks] But I can't make "
              "any guarantees about the rest of the party-goers. [laughs]\n\nMichael: [to the camera] Well. [pauses] That's it.")
    source = write_rows([{"prompt": "Write a dialogue where Bob ends a friendship.", "response": scene},
                         {"prompt": "continue", "response": script}], tmp_path / "in.jsonl")
    assert ablate.filter(source, tmp_path / "out.jsonl").counts["kept"] == 2


def test_side_files_of_an_earlier_run_do_not_linger(tmp_path):
    source = write_rows(rows_for("alpaca"), tmp_path / "in.jsonl")
    ablate.filter(source, tmp_path / "out.jsonl")
    assert (tmp_path / "out.removed.jsonl").exists()
    clean = write_rows([rows_for("alpaca")[0]], tmp_path / "clean.jsonl")
    report = ablate.filter(clean, tmp_path / "out.jsonl")
    assert report.outputs["removed"] is None and not (tmp_path / "out.removed.jsonl").exists()


@pytest.mark.parametrize("fmt", ["alpaca", "sharegpt"])
def test_dropping_to_jsonl_keeps_the_exact_input_lines(tmp_path, fmt):
    # odd spacing, escapes and key order an outside tool wrote: kept rows come back byte for byte
    rows = rows_for(fmt) * 3
    lines = [json.dumps(r, ensure_ascii=True, indent=None, separators=(" ,", ":  ")) for r in rows]
    lines.insert(4, "")  # a blank line
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(lines) + "\n")
    report = ablate.filter(source, tmp_path / "out.jsonl", batch_rows=2)
    removed_lines = {r["ablate_source"].rsplit(":", 1)[1] for r in map(json.loads, (tmp_path / "out.removed.jsonl").read_text().splitlines())}
    expected = [line for number, line in enumerate(lines, 1) if line and str(number) not in removed_lines]
    assert (tmp_path / "out.jsonl").read_text().splitlines() == expected
    assert report.counts["rows_in"] == len(rows) == report.counts["kept"] + report.counts["removed"]
    # the removed file holds whole rows, with every field and the reasons
    careful = ablate.filter(source, tmp_path / "careful.json", batch_rows=2)
    assert careful.counts == report.counts
    removed = _read(tmp_path / "out.removed.jsonl")
    assert removed.drop("ablate_source").equals(_read(tmp_path / "careful.removed.json").drop("ablate_source"))
    assert _read(tmp_path / "out.jsonl").equals(_read(tmp_path / "careful.json"))


@pytest.mark.parametrize("batch_rows", [2, 100])
def test_verbatim_lines_survive_blank_lines_and_a_missing_final_newline(tmp_path, batch_rows):
    rows = [{"instruction": "Say hi", "output": "Hi there!", "meta": 1},
            {"instruction": "A song", "output": "[Verse 1] la la", "meta": 2},  # a string that opens like a list
            {"instruction": "Empty", "output": "", "meta": 3},
            {"instruction": "Hack it", "output": REFUSAL, "meta": 4},
            {"instruction": "Say bye", "output": "Bye!", "meta": 5}]
    lines = [json.dumps(r) for r in rows]
    lines[2:2] = ["   ", "\t"]  # lines of only spaces hold no row, as blank lines
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(lines))  # and no newline after the last line
    report = ablate.filter(source, tmp_path / "out.jsonl", on_bad_row="skip", batch_rows=batch_rows)
    assert report.counts == {"rows_in": 5, "kept": 3, "modified": 0, "removed": 1, "rejected": 1, "overridden": 0}
    assert (tmp_path / "out.jsonl").read_text() == "\n".join([lines[0], lines[1], lines[6]]) + "\n"
    removed = [json.loads(line) for line in (tmp_path / "out.removed.jsonl").read_text().splitlines()]
    assert [(r["meta"], r["ablate_source"]) for r in removed] == [(4, f"{source}:6")]
    rejects = [json.loads(line) for line in (tmp_path / "out.rejects.jsonl").read_text().splitlines()]
    assert [(r["raw"], r["source"]) for r in rejects] == [(rows[2], f"{source}:5")]


def test_verbatim_batches_fall_back_for_bad_lines_and_old_flags(tmp_path):
    rows = rows_for("alpaca")
    lines = [json.dumps(r) for r in rows]
    lines += ["{broken", json.dumps({**rows[0], "refusal": True, "refusal_reason": "old"}), json.dumps(rows[2])]
    source = tmp_path / "in.jsonl"
    source.write_bytes(("\r\n".join(lines) + "\r\n").encode())  # Windows line ends too
    report = ablate.filter(source, tmp_path / "out.jsonl", on_bad_row="skip", batch_rows=3)
    assert report.counts == {"rows_in": 6, "kept": 4, "modified": 0, "removed": 1, "rejected": 1, "overridden": 0}
    rejects = [json.loads(line) for line in (tmp_path / "out.rejects.jsonl").read_text().splitlines()]
    assert [r["source"] for r in rejects] == [f"{source}:4"]
    kept = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert [r["meta"] for r in kept] == [0, 2, 0, 2]
    assert all("refusal" not in r and "refusal_reason" not in r for r in kept), "flags of an earlier run are dropped"
