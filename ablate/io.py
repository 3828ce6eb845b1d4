"""Read and write data files: JSONL, JSON arrays, Parquet and CSV, each optionally gzip-compressed.

This module knows about containers (bytes on disk), not about instruction formats
(`ablate.records` does). Reading keeps every original column untouched and adds `_line`,
the 1-based line (JSONL) or record number (other containers) of each row, so that every
later error or side-file row can point back to where it came from.

Polars parses the file on the fast path. When it refuses (a malformed line, bad bytes,
mixed types) the file is parsed again line by line in Python, which finds the exact
line to blame; with ``on_bad_row="skip"`` the bad lines are set aside as `BadRow`s.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import mmap
import os
import shutil
import tempfile
import zlib
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import numpy as np
import polars as pl

from .errors import InputError

Container = Literal["jsonl", "json", "parquet", "csv"]
OnBadRow = Literal["error", "skip"]

_EXTENSIONS: dict[str, Container] = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".csv": "csv",
}
LINE = "_line"  # column holding each row's line / record number
# a JSONL row read lean: where its line lies in the bytes it was read from ([start, end), newline
# included), so a row kept untouched is written back as exactly those bytes
RAW_START, RAW_END = "_raw_start", "_raw_end"


@dataclass(frozen=True)
class BadRow:
    """A row set aside instead of processed, with where it was and why."""

    source: str
    reason: str
    raw: object = None

    def to_dict(self) -> dict:
        return {"source": self.source, "reason": self.reason, "raw": self.raw}


@dataclass
class RawTable:
    """One file as read: its original columns plus `_line`, and lines that could not be parsed."""

    path: Path
    container: Container
    frame: pl.DataFrame
    bad: list[BadRow] = field(default_factory=list)
    sha256: str = ""  # of the file's bytes as stored
    raw: bytes | None = None  # for a table read lean: the bytes its RAW_START / RAW_END point into

    def where(self, line: int) -> str:
        """Human-readable location of a row: `file:line` for JSONL, `file row N` otherwise."""
        return where(self.path, self.container, line)


def where(path: Path | str, container: Container, line: int) -> str:
    return f"{path}:{line}" if container == "jsonl" else f"{path} row {line}"


def container_of(path: Path | str) -> tuple[Container, bool]:
    """The container named by a file's extension, and whether it is gzip-compressed."""
    name = Path(path).name.lower()
    gz = name.endswith(".gz")
    if gz:
        name = name[:-3]
    suffix = Path(name).suffix
    if suffix not in _EXTENSIONS:
        known = ", ".join(sorted(_EXTENSIONS))
        raise InputError(f"{path}: unknown file type {suffix or '(none)'!r}; expected one of {known}, optionally with .gz")
    return _EXTENSIONS[suffix], gz


# --------------------------------------------------------------------------- reading


def read_table(path: Path | str, on_bad_row: OnBadRow = "error") -> RawTable:
    """Read one data file into a frame of its original columns plus `_line`."""
    path = Path(path)
    container, gz = container_of(path)
    if container == "jsonl" and not gz:
        fast = _read_plain_jsonl(path)
        if fast is not None:
            return fast
    data, digest = _read_bytes(path)
    if container == "jsonl":
        frame, bad = _read_jsonl(path, data, on_bad_row)
    elif container == "json":
        frame, bad = _read_json(path, data, on_bad_row)
    elif container == "csv":
        frame, bad = _read_csv(path, data), []
    else:
        frame, bad = _read_parquet(path, data), []
    return RawTable(path=path, container=container, frame=frame, bad=bad, sha256=digest.result())


def iter_tables(path: Path | str, on_bad_row: OnBadRow = "error", batch_rows: int = 20_000, with_sha256: bool = True):
    """A data file as a sequence of RawTables of at most `batch_rows` rows, for bounded memory.

    JSONL (plain or gzip) is read line by line and Parquet by record batch, so only one batch is
    in memory; JSON arrays and CSV are read whole and then sliced. Line numbers are those of the
    whole file. Each table's `sha256` is that of the whole file (empty with `with_sha256=False`,
    for a second pass over a file already hashed)."""
    path = Path(path)
    container, gz = container_of(path)
    if not path.is_file():
        raise InputError(f"{path}: no such file" if not path.exists() else f"{path}: is a directory, expected a data file")
    streamed = container == "jsonl" or (container == "parquet" and not gz)
    digest = file_sha256(path) if streamed and with_sha256 else ""
    if container == "jsonl":
        compressed = _is_gzip(path)
        opener = gzip.open if compressed else open
        try:
            with opener(path, "rb") as handle:
                first_line, lines = 1, []
                for raw in handle:
                    lines.append(raw)
                    if len(lines) >= batch_rows:
                        yield _jsonl_batch(path, b"".join(lines), on_bad_row, first_line, digest)
                        first_line += len(lines)
                        lines = []
                if lines:
                    yield _jsonl_batch(path, b"".join(lines), on_bad_row, first_line, digest)
        except (OSError, EOFError, zlib.error) as e:
            raise InputError(f"{path}: damaged gzip data ({e})" if compressed else f"{path}: cannot read ({e})") from None
        return
    if streamed:  # Parquet
        import pyarrow.parquet as pq

        try:
            reader = pq.ParquetFile(path)
            offset = 0
            for batch in reader.iter_batches(batch_size=batch_rows):
                frame = pl.from_arrow(batch)
                yield RawTable(path, container, _with_line(frame, list(range(offset + 1, offset + frame.height + 1))), [], digest)
                offset += frame.height
        except Exception as e:  # pyarrow raises many types for unreadable files
            raise InputError(f"{path}: not a readable Parquet file ({_first_line(e)})") from None
        return
    table = read_table(path, on_bad_row)
    for lo in range(0, max(table.frame.height, 1), batch_rows):
        yield RawTable(path, container, table.frame.slice(lo, batch_rows), table.bad if lo == 0 else [], table.sha256)


def _jsonl_batch(path: Path, data: bytes, on_bad_row: OnBadRow, first_line: int, digest: str) -> RawTable:
    data = data.removeprefix(b"\xef\xbb\xbf") if first_line == 1 else data
    frame, bad = _read_jsonl(path, data, on_bad_row, first_line)
    return RawTable(path, "jsonl", frame, bad, digest)


@dataclass
class RawLines:
    """Rows kept untouched, as the byte ranges [start, end) of `data` holding their lines: written
    back as those very bytes, adjacent lines in one write."""

    data: bytes
    starts: np.ndarray
    ends: np.ndarray

    @property
    def height(self) -> int:
        return len(self.starts)

    def write_to(self, handle) -> None:
        if not self.height:
            return
        breaks = np.flatnonzero(self.starts[1:] != self.ends[:-1]) + 1  # where a run of adjacent lines ends
        view = memoryview(self.data)
        for a, b in zip(self.starts[np.r_[0, breaks]].tolist(), self.ends[np.r_[breaks - 1, self.height - 1]].tolist()):
            handle.write(view[a:b])
        if self.data[int(self.ends[-1]) - 1:int(self.ends[-1])] != b"\n":  # a last line without its newline
            handle.write(b"\n")


def _is_gzip(path: Path) -> bool:
    with path.open("rb") as handle:
        magic = handle.read(2)
    if magic != b"\x1f\x8b" and path.name.lower().endswith(".gz"):
        raise InputError(f"{path}: named .gz but is not gzip-compressed")
    return magic == b"\x1f\x8b"


def folder_stamp(folder: Path, skip: tuple[str, ...] = ()) -> str:
    """A cheap fingerprint of a folder: the names, sizes and modification times of its files (not
    their bytes), leaving out files under a subfolder named in `skip`."""
    folder = Path(folder)
    files = sorted(p for p in folder.rglob("*") if p.is_file() and not any(part in skip for part in p.relative_to(folder).parts))
    stamp = "".join(f"{p.relative_to(folder)}:{p.stat().st_size}:{p.stat().st_mtime_ns};" for p in files)
    return hashlib.sha256(stamp.encode()).hexdigest()[:16]


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


_BACKGROUND = ThreadPoolExecutor(max_workers=2, thread_name_prefix="ablate-io")  # hashing and line counting beside parsing


def _read_bytes(path: Path) -> tuple[bytes, Future]:
    """The file's bytes (decompressed, BOM removed) and a future of the sha256 of the stored bytes
    (hashlib releases the GIL, so hashing overlaps with parsing)."""
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a directory, expected a data file")
    try:
        data = path.read_bytes()
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror})") from None
    digest = _BACKGROUND.submit(lambda stored=data: hashlib.sha256(stored).hexdigest())
    if data[:2] == b"\x1f\x8b":  # gzip magic, whatever the extension says
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as e:
            raise InputError(f"{path}: damaged gzip data ({e})") from None
    elif path.name.lower().endswith(".gz"):
        raise InputError(f"{path}: named .gz but is not gzip-compressed")
    return data.removeprefix(b"\xef\xbb\xbf"), digest


def _read_plain_jsonl(path: Path) -> RawTable | None:
    """The fast path for an uncompressed JSONL file: polars reads it from disk while a thread
    hashes and counts lines over a memory map. None whenever anything is unusual (gzip or BOM
    bytes, a parse error, blank lines): the careful path then reads the file again."""
    try:
        if not path.is_file() or path.stat().st_size == 0:
            return None
        with path.open("rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as mapped:
            if mapped[:2] == b"\x1f\x8b" or mapped[:3] == b"\xef\xbb\xbf":
                return None
            digest = _BACKGROUND.submit(lambda: hashlib.sha256(mapped).hexdigest())
            lines = _BACKGROUND.submit(lambda: int(np.count_nonzero(np.frombuffer(mapped, dtype=np.uint8) == 10)))
            frame = _parse_whole_jsonl(path, lines, mapped[-1:] == b"\n")
            sha256 = digest.result()  # before the map closes
    except OSError:
        return None
    if frame is None:
        return None
    return RawTable(path=path, container="jsonl", frame=_with_line(frame), sha256=sha256)


def _parse_whole_jsonl(source, newlines: Future, ends_with_newline: bool) -> pl.DataFrame | None:
    """polars' parse of a whole JSONL file, or None when it fails or skipped blank lines
    (line numbers would then shift): the line-by-line pass takes over in both cases."""
    try:
        # the whole file decides the schema: with less, polars silently drops keys that first appear late
        frame = pl.read_ndjson(source, infer_schema_length=None)
    except Exception:
        return None
    finally:
        expected = newlines.result() + (0 if ends_with_newline else 1)  # always waited for
    return frame if frame.height == expected else None


def _with_line(frame: pl.DataFrame, lines: list[int] | None = None) -> pl.DataFrame:
    if LINE in frame.columns:
        raise InputError(f"the input already has a column named {LINE!r}, which ablate reserves")
    if lines is None:
        return frame.with_row_index(LINE, offset=1).with_columns(pl.col(LINE).cast(pl.Int64))
    return frame.with_columns(pl.Series(LINE, lines, dtype=pl.Int64))


def _frame_from_dicts(path: Path, rows: list[dict], lines: list[int]) -> pl.DataFrame:
    if not rows:
        return _with_line(pl.DataFrame(), [])
    try:
        frame = pl.DataFrame(rows, infer_schema_length=None)
    except Exception as e:  # polars raises several types for inconsistent columns
        raise InputError(f"{path}: rows do not share one schema ({_first_line(e)}); a field holds different types in different rows") from None
    return _with_line(frame, lines)


def _read_jsonl(path: Path, data: bytes, on_bad_row: OnBadRow, first_line: int = 1) -> tuple[pl.DataFrame, list[BadRow]]:
    newlines = _BACKGROUND.submit(data.count, b"\n")  # counted while polars parses
    frame = _parse_whole_jsonl(io.BytesIO(data), newlines, data.endswith(b"\n"))
    if frame is not None:
        return _with_line(frame, list(range(first_line, first_line + frame.height)) if first_line != 1 else None), []
    rows, lines, bad = [], [], []
    for number, raw in enumerate(data.split(b"\n"), start=first_line):
        if not raw.strip():
            continue
        reason, value = _parse_json_line(raw)
        if reason is None and not isinstance(value, dict):
            reason = f"expected a JSON object, got {type(value).__name__}"
        if reason is not None:
            if on_bad_row == "error":
                raise InputError(f"{path}:{number}: {reason}")
            bad.append(BadRow(f"{path}:{number}", reason, raw.decode("utf-8", "replace")))
            continue
        rows.append(value)
        lines.append(number)
    return _frame_from_dicts(path, rows, lines), bad


def _parse_json_line(raw: bytes) -> tuple[str | None, object]:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        return f"not valid UTF-8 (byte 0x{raw[e.start]:02x} at column {e.start + 1})", None
    try:
        return None, json.loads(text)
    except json.JSONDecodeError as e:
        return f"invalid JSON ({e.msg} at column {e.colno})", None


def _read_json(path: Path, data: bytes, on_bad_row: OnBadRow) -> tuple[pl.DataFrame, list[BadRow]]:
    if data.lstrip()[:1] == b"[":
        try:
            frame = pl.read_json(io.BytesIO(data), infer_schema_length=None)
            if frame.width:  # an array of objects; anything else goes the careful way below
                return _with_line(frame), []
        except Exception:
            pass
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        raise InputError(f"{path}:{line}: not valid UTF-8 (byte 0x{data[e.start]:02x})") from None
    try:
        value = json.loads(text)
    except json.JSONDecodeError as e:
        raise InputError(f"{path}:{e.lineno}: invalid JSON ({e.msg} at column {e.colno})") from None
    if not isinstance(value, list):
        raise InputError(f"{path}: expected a JSON array of records, got a JSON {type(value).__name__}; use .jsonl for one record per line")
    rows, lines, bad = [], [], []
    for number, item in enumerate(value, start=1):
        if isinstance(item, dict):
            rows.append(item)
            lines.append(number)
            continue
        reason = f"expected a JSON object, got {type(item).__name__}"
        if on_bad_row == "error":
            raise InputError(f"{path} row {number}: {reason}")
        bad.append(BadRow(f"{path} row {number}", reason, item))
    return _frame_from_dicts(path, rows, lines), bad


def _read_csv(path: Path, data: bytes) -> pl.DataFrame:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        raise InputError(f"{path}:{line}: not valid UTF-8 (byte 0x{data[e.start]:02x})") from None
    try:
        # every cell stays a string, so values are written back exactly as read
        frame = pl.read_csv(io.BytesIO(data), infer_schema=False, empty_string_is_null=False)
    except Exception as e:
        raise InputError(f"{path}: malformed CSV ({_first_line(e)})") from None
    return _with_line(frame)


def _read_parquet(path: Path, data: bytes) -> pl.DataFrame:
    try:
        frame = pl.read_parquet(io.BytesIO(data))
    except Exception as e:
        raise InputError(f"{path}: not a readable Parquet file ({_first_line(e)})") from None
    return _with_line(frame)


def _first_line(error: Exception) -> str:
    text = str(error).strip().splitlines()
    return text[0] if text else type(error).__name__


# --------------------------------------------------------------------------- writing


def write_table(frame: pl.DataFrame, path: Path | str) -> Path:
    """Write a frame atomically (temporary file in the same folder, then rename)."""
    path = Path(path)
    container, gz = container_of(path)
    if container == "csv":
        nested = [n for n, t in frame.schema.items() if t.is_nested()]
        if nested:
            raise InputError(f"{path}: CSV cannot hold the nested column(s) {', '.join(nested)}; write .jsonl or .parquet instead")
    writer = {"jsonl": frame.write_ndjson, "json": frame.write_json,
              "parquet": frame.write_parquet, "csv": frame.write_csv}[container]
    if gz:
        buffer = io.BytesIO()
        writer(buffer)
        write_bytes_atomic(path, gzip.compress(buffer.getvalue(), compresslevel=6, mtime=0))
        return path
    with _atomic_target(path) as tmp:
        writer(tmp)
    return path


class TableWriter:
    """Write a table batch by batch, atomically: JSONL (plain or gzip) and JSON arrays are
    streamed to a temporary file; Parquet and CSV batches are collected and written at the end
    (their schema must be known whole). `close()` renames the file into place; `abort()` removes it."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        self.container, self.gz = container_of(self.path)
        self.rows = 0
        self._parts: list[pl.DataFrame] = []
        self._handle = None
        if self.container in ("jsonl", "json"):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, name = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent)
            os.close(fd)
            self._tmp = Path(name)
            self._handle = gzip.GzipFile(self._tmp, "wb", compresslevel=6, mtime=0) if self.gz else open(self._tmp, "wb")
            if self.container == "json":
                self._handle.write(b"[")

    def write(self, frame: pl.DataFrame | RawLines) -> None:
        """Append rows; RawLines only to a JSONL file."""
        if self._handle is None:
            self._parts.append(frame)
        elif frame.height:
            if isinstance(frame, RawLines):
                frame.write_to(self._handle)
            elif self.container == "jsonl":
                self._handle.write(frame.write_ndjson().encode())
            else:
                body = frame.write_json().encode().strip()[1:-1]  # the objects, without the array's brackets
                self._handle.write((b"," if self.rows else b"") + body)
        self.rows += frame.height

    def close(self) -> Path:
        if self._handle is None:
            frame = pl.concat(self._parts, how="diagonal_relaxed") if self._parts else pl.DataFrame()
            return write_table(frame, self.path)
        if self.container == "json":
            self._handle.write(b"]\n")
        self._handle.close()
        _publish(self._tmp, self.path)
        return self.path

    def abort(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._tmp.unlink(missing_ok=True)


@contextmanager
def kept_and_removed(kept_path: Path | str, removed_path: Path | str):
    """Writers for a stage's kept rows and its removed rows: both published when the block ends,
    both discarded if it fails; no removed file (not even one left from an earlier run) when
    nothing was removed."""
    kept, removed = TableWriter(kept_path), TableWriter(removed_path)
    try:
        yield kept, removed
        kept.close()
    except BaseException:
        kept.abort()
        removed.abort()
        raise
    if removed.rows:
        removed.close()
    else:
        removed.abort()
        Path(removed_path).unlink(missing_ok=True)


def write_jsonl_records(records: list[dict], path: Path | str) -> Path:
    """Write plain dicts as JSONL (for side files whose rows need not share a schema)."""
    path = Path(path)
    payload = "".join(json.dumps(r, ensure_ascii=False, default=str) + "\n" for r in records).encode()
    if path.name.endswith(".gz"):
        payload = gzip.compress(payload, mtime=0)
    write_bytes_atomic(path, payload)
    return path


def write_bytes_atomic(path: Path, payload: bytes) -> None:
    with _atomic_target(path) as tmp:
        tmp.write_bytes(payload)


def write_dir_atomic(target: Path, write) -> Path:
    """Fill a folder through `write(tmp_folder)`, then swap it in for `target`: readers see the old
    folder or the new one, never a half-written one, and a crash inside `write` leaves `target` as it was."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
    old = target.with_name(f".{target.name}.old")
    try:
        write(tmp)
        shutil.rmtree(old, ignore_errors=True)
        if target.exists():
            target.rename(old)
        os.chmod(tmp, 0o777 & ~_UMASK)  # mkdtemp makes it private; the result should look like any other folder
        tmp.rename(target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    shutil.rmtree(old, ignore_errors=True)
    return target


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _umask()


def _publish(tmp: Path, path: Path) -> None:
    """Rename a finished temporary file into place with the permissions a plain open() would give
    (mkstemp makes it readable by its owner only)."""
    os.chmod(tmp, 0o666 & ~_UMASK)
    os.replace(tmp, path)


@contextmanager
def _atomic_target(path: Path):
    """A temporary path beside `path` that replaces it only if the block finishes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        _publish(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
