"""Instruction formats: detection, validation and the canonical messages view."""

from __future__ import annotations

import polars as pl
import pytest

from ablate import read_dataset
from ablate.errors import InputError
from ablate.records import FORMATS, detect_format, parse_hh, render_hh
from conftest import CONVERSATIONS, SINGLE, rows_for, write_rows


@pytest.mark.parametrize("fmt", FORMATS)
def test_format_is_detected_from_columns(fmt):
    assert detect_format(list(rows_for(fmt)[0])).name == fmt


def test_gpteacher_style_response_column_is_alpaca():
    found = detect_format(["instruction", "input", "response"])
    assert found.name == "alpaca" and found.columns["output"] == "response"


def test_unknown_columns_ask_for_format():
    with pytest.raises(InputError, match="cannot tell the instruction format from the columns text, label"):
        detect_format(["text", "label"], where="f.jsonl")


def test_forced_format_needs_its_columns():
    with pytest.raises(InputError, match="f.jsonl: format sharegpt needs column"):
        detect_format(["prompt", "response"], forced="sharegpt", where="f.jsonl")


@pytest.mark.parametrize("fmt", FORMATS)
def test_canonical_messages_for_every_format(tmp_path, fmt):
    data = read_dataset(write_rows(rows_for(fmt), tmp_path / "d.jsonl"))
    messages = data.frame["messages"].to_list()
    if fmt in ("alpaca", "prompt-response"):
        assert messages == [[{"role": "user", "content": p}, {"role": "assistant", "content": a}] for p, a in SINGLE]
    else:
        assert messages == CONVERSATIONS
    assert data.frame["source"][0] == f"{tmp_path / 'd.jsonl'}:1"
    assert data.frame["id"].n_unique() == data.frame.height
    assert "meta" in data.frame.columns


def test_content_ids_are_stable(tmp_path):
    first = read_dataset(write_rows(rows_for("alpaca"), tmp_path / "a.jsonl")).frame["id"].to_list()
    second = read_dataset(write_rows(rows_for("alpaca"), tmp_path / "b.json")).frame["id"].to_list()
    assert first == second


def test_alpaca_input_is_joined_to_the_instruction(tmp_path):
    path = write_rows([{"instruction": "Translate.", "input": "Bonjour", "output": "Hello"}], tmp_path / "a.jsonl")
    assert read_dataset(path).frame["messages"][0][0]["content"] == "Translate.\n\nBonjour"


def test_hh_transcripts_round_trip():
    transcript = "\n\nHuman: hi\n\nAssistant: hello\n\nHuman: bye\n\nAssistant: see you"
    assert render_hh(parse_hh(transcript)) == transcript
    assert [m["role"] for m in parse_hh(transcript)] == ["user", "assistant", "user", "assistant"]


@pytest.mark.parametrize("fmt,row,reason", [
    ("alpaca", {"instruction": "x", "output": "  "}, "empty response in 'output'"),
    ("alpaca", {"instruction": "x", "output": None}, "missing field 'output'"),
    ("prompt-response", {"prompt": None, "response": "y"}, "missing field 'prompt'"),
    ("messages", {"messages": []}, "empty conversation"),
    ("messages", {"messages": [{"role": "user", "content": "hi"}]}, "no assistant turn"),
    ("sharegpt", {"conversations": [{"from": "human", "value": "a"}, {"from": "gpt", "value": ""}]}, "empty response in an assistant turn"),
    ("hh", {"chosen": "\n\nHuman: hi there"}, "no assistant turn in 'chosen'"),
])
def test_rows_that_do_not_fit_their_format(tmp_path, fmt, row, reason):
    good = rows_for(fmt)[0]
    path = write_rows([good, {**{k: v for k, v in good.items() if k not in row}, **row}], tmp_path / "bad.jsonl")
    with pytest.raises(InputError) as error:
        read_dataset(path, format=fmt)
    assert str(error.value) == f"{path}:2: {reason}"


def test_wrong_column_type_is_named(tmp_path):
    path = write_rows([{"instruction": "x", "output": 3}], tmp_path / "t.jsonl")
    with pytest.raises(InputError, match="column 'output' must hold text"):
        read_dataset(path)


def test_a_files_own_source_column_is_kept(tmp_path):
    path = write_rows([{"prompt": "a", "response": "b", "source": "forum"}], tmp_path / "s.jsonl")
    frame = read_dataset(path).frame
    assert frame["source"].to_list() == ["forum"] and frame["ablate_source"].to_list() == [f"{path}:1"]
