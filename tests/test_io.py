"""Containers: every supported file type reads, bad files fail with file and line, writes are atomic."""

from __future__ import annotations

import gzip
import json

import polars as pl
import pytest

from ablate.errors import InputError
from ablate.io import read_table, write_table
from conftest import rows_for, write_rows

CONTAINERS = ["x.jsonl", "x.json", "x.parquet", "x.csv", "x.jsonl.gz", "x.json.gz", "x.csv.gz", "x.parquet.gz"]


@pytest.mark.parametrize("name", CONTAINERS)
def test_every_container_reads_with_row_numbers(tmp_path, name):
    path = write_rows(rows_for("alpaca"), tmp_path / name)
    table = read_table(path)
    assert table.frame.height == 3
    assert table.frame["_line"].to_list() == [1, 2, 3]
    assert table.frame["instruction"].to_list() == [r["instruction"] for r in rows_for("alpaca")]


@pytest.mark.parametrize("name", ["y.jsonl", "y.json", "y.parquet", "y.jsonl.gz"])
def test_write_then_read_is_identity(tmp_path, name):
    frame = pl.DataFrame(rows_for("sharegpt"))
    write_table(frame, tmp_path / name)
    assert read_table(tmp_path / name).frame.drop("_line").equals(frame)
    assert [p.name for p in tmp_path.iterdir()] == [name], "no temporary file may be left behind"


def test_blank_lines_keep_line_numbers(tmp_path):
    path = tmp_path / "gaps.jsonl"
    path.write_text('{"prompt": "a", "response": "b"}\n\n\n{"prompt": "c", "response": "d"}\n')
    assert read_table(path).frame["_line"].to_list() == [1, 4]


@pytest.mark.parametrize("content,message", [
    (b'{"a": 1}\n{"a": 2\n', "x.jsonl:2: invalid JSON"),
    (b'{"a": 1}\n{"a": "caf\xe9"}\n', "x.jsonl:2: not valid UTF-8 (byte 0xe9"),
    (b'{"a": 1}\n[1, 2]\n', "x.jsonl:2: expected a JSON object, got list"),
])
def test_bad_jsonl_line_is_named(tmp_path, content, message):
    path = tmp_path / "x.jsonl"
    path.write_bytes(content)
    with pytest.raises(InputError) as error:
        read_table(path)
    assert message in str(error.value)


def test_bad_lines_can_be_set_aside(tmp_path):
    path = tmp_path / "x.jsonl"
    path.write_bytes(b'{"a": 1}\nnot json\n{"a": 3}\n\xff\xfe\n')
    table = read_table(path, on_bad_row="skip")
    assert table.frame["_line"].to_list() == [1, 3]
    assert [(b.source, b.reason.split(" (")[0]) for b in table.bad] == [
        (f"{path}:2", "invalid JSON"), (f"{path}:4", "not valid UTF-8")]


@pytest.mark.parametrize("name,content,message", [
    ("missing.jsonl", None, "no such file"),
    ("broken.jsonl.gz", b"\x1f\x8b\x08\x00garbage", "damaged gzip data"),
    ("plain.jsonl.gz", b'{"a": 1}\n', "named .gz but is not gzip-compressed"),
    ("obj.json", b'{"a": 1}', "expected a JSON array of records"),
    ("bad.json", b'[{"a": 1},\n {"a": }]', "bad.json:2: invalid JSON"),
    ("notes.txt", b"hello", "unknown file type '.txt'"),
    ("bad.parquet", b"PAR1 not really", "not a readable Parquet file"),
    ("bad.csv", b"a,b\n1,\xff\n", "bad.csv:2: not valid UTF-8"),
])
def test_bad_files_get_one_clear_error(tmp_path, name, content, message):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(InputError) as error:
        read_table(path)
    assert str(path) in str(error.value) and message in str(error.value)


def test_gzip_is_recognised_by_content(tmp_path):
    path = tmp_path / "secretly_gzipped.jsonl"
    path.write_bytes(gzip.compress(json.dumps({"a": 1}).encode() + b"\n"))
    assert read_table(path).frame["a"].to_list() == [1]


def test_csv_cannot_hold_conversations(tmp_path):
    with pytest.raises(InputError, match="CSV cannot hold the nested column"):
        write_table(pl.DataFrame(rows_for("messages")), tmp_path / "out.csv")
