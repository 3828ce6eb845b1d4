"""Instruction formats and the canonical record.

Every supported format maps onto one canonical view: `messages`, a list of
{role, content} with roles `system`, `user` and `assistant`. The original columns are
never touched; the canonical column is added beside them, and writing back uses the
original columns, so a file comes out in its own format with its own field names.

Formats (detected from the column names, or forced with ``format=``):

| name            | fields                                                       |
|-----------------|--------------------------------------------------------------|
| alpaca          | instruction, input (optional), output (or response)          |
| sharegpt        | conversations: [{from: human/gpt/system, value}]             |
| messages        | messages: [{role, content}]                                   |
| prompt-response | prompt, response (or completion)                              |
| hh              | chosen (and rejected): "\\n\\nHuman: ...\\n\\nAssistant: ..." |
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import polars as pl

from .errors import InputError

FORMATS = ("alpaca", "sharegpt", "messages", "prompt-response", "hh")
MESSAGES = "_messages"  # the canonical column, beside (never over) the original ones
BAD = "_bad"  # per-row reason a row does not fit its format (null when it does)
# the columns a filter run adds to a row, and their types
FLAG_SCHEMA = {"refusal": pl.Boolean, "aligned_category": pl.String, "refusal_score": pl.Float64, "refusal_reason": pl.String}

# ShareGPT speaker names seen in real dumps, mapped onto canonical roles
SHAREGPT_ROLES = {"human": "user", "user": "user", "gpt": "assistant", "chatgpt": "assistant",
                  "bing": "assistant", "bard": "assistant", "assistant": "assistant",
                  "model": "assistant", "system": "system"}
SHAREGPT_NAMES = {"user": "human", "assistant": "gpt", "system": "system"}
_HH_TURN = re.compile(r"\n\n(Human|Assistant):[ ]?")


@dataclass(frozen=True)
class Format:
    """An instruction format and the column names this file uses for it."""

    name: str
    columns: dict[str, str]  # logical field -> column name in the file

    @property
    def conversation_column(self) -> str | None:
        """The one column that holds a whole multi-turn conversation, if the format has one."""
        return {"sharegpt": "conversations", "messages": "messages", "hh": "chosen"}.get(self.name)

    @property
    def multi_turn(self) -> bool:
        return self.conversation_column is not None


def _pick(columns: list[str], *names: str) -> str | None:
    return next((n for n in names if n in columns), None)


def detect_format(columns: list[str], forced: str | None = None, where: str = "input") -> Format:
    """Name the format of a file from its columns (or check a forced one), naming the file on failure."""
    candidates = {
        "messages": {"messages": _pick(columns, "messages")},
        "sharegpt": {"conversations": _pick(columns, "conversations")},
        "alpaca": {"instruction": _pick(columns, "instruction"), "output": _pick(columns, "output", "response")},
        "prompt-response": {"prompt": _pick(columns, "prompt"), "response": _pick(columns, "response", "completion")},
        "hh": {"chosen": _pick(columns, "chosen")},
    }
    if forced is not None:
        if forced not in candidates:
            raise InputError(f"unknown format {forced!r}; choose one of {', '.join(FORMATS)}")
        missing = [k for k, v in candidates[forced].items() if v is None]
        if missing:
            raise InputError(f"{where}: format {forced} needs column(s) {', '.join(missing)}; found {', '.join(columns) or 'none'}")
        name = forced
    else:
        name = next((n for n, c in candidates.items() if all(c.values())), None)
        if name is None:
            raise InputError(
                f"{where}: cannot tell the instruction format from the columns {', '.join(columns) or '(none)'}; "
                f"expected one of: messages, conversations, instruction+output, prompt+response, chosen (or pass --format)")
    mapping = dict(candidates[name])
    if name == "alpaca" and "input" in columns:
        mapping["input"] = "input"
    return Format(name, mapping)


# --------------------------------------------------------------------------- validation


def _text_column(frame: pl.DataFrame, column: str, where: str) -> None:
    dtype = frame.schema[column]
    if dtype not in (pl.String, pl.Null):
        raise InputError(f"{where}: column {column!r} must hold text, found {dtype}")


def _turn_fields(fmt: Format) -> tuple[str, str]:
    return ("from", "value") if fmt.name == "sharegpt" else ("role", "content")


def bad_row_reasons(frame: pl.DataFrame, fmt: Format, where: str) -> pl.Expr:
    """An expression giving, per row, why it does not fit `fmt` (null when it does)."""
    cols = fmt.columns
    if fmt.name in ("alpaca", "prompt-response"):
        ask, answer = (cols["instruction"], cols["output"]) if fmt.name == "alpaca" else (cols["prompt"], cols["response"])
        for column in [ask, answer] + ([cols["input"]] if "input" in cols else []):
            _text_column(frame, column, where)
        return (pl.when(pl.col(ask).is_null()).then(pl.lit(f"missing field {ask!r}"))
                .when(pl.col(answer).is_null()).then(pl.lit(f"missing field {answer!r}"))
                .when(pl.col(answer).str.contains(r"^\s*$")).then(pl.lit(f"empty response in {answer!r}"))
                .otherwise(None))
    if fmt.name == "hh":
        column = cols["chosen"]
        _text_column(frame, column, where)
        last = pl.col(column).str.split("\n\nAssistant:").list.last().str.split("\n\nHuman:").list.first()
        return (pl.when(pl.col(column).is_null()).then(pl.lit(f"missing field {column!r}"))
                .when(~pl.col(column).str.contains("\n\nAssistant:", literal=True))
                .then(pl.lit(f"no assistant turn in {column!r}"))
                .when(last.str.strip_chars() == "").then(pl.lit("empty response in the last assistant turn"))
                .otherwise(None))
    column = fmt.conversation_column
    role, content = _turn_fields(fmt)
    dtype = frame.schema[column]
    if dtype == pl.Null:
        return pl.lit(f"missing field {column!r}")
    if not (isinstance(dtype, pl.List) and isinstance(dtype.inner, pl.Struct)
            and {role, content} <= {f.name for f in dtype.inner.fields}):
        raise InputError(f"{where}: column {column!r} must be a list of {{{role}, {content}}} objects, found {dtype}")
    roles = _canonical_roles(fmt)
    is_assistant = roles.list.eval(pl.element() == "assistant")
    texts = pl.col(column).list.eval(pl.element().struct.field(content))
    empty_answer = pl.col(column).list.eval(
        _role_expr(fmt, pl.element().struct.field(role)).eq("assistant")
        & pl.element().struct.field(content).fill_null("").str.strip_chars().eq("")).list.any()
    return (pl.when(pl.col(column).is_null()).then(pl.lit(f"missing field {column!r}"))
            .when(pl.col(column).list.len() == 0).then(pl.lit("empty conversation"))
            .when(pl.col(column).list.eval(pl.element().struct.field(role).is_null()).list.any())
            .then(pl.lit(f"a turn has no {role!r}"))
            .when(texts.list.eval(pl.element().is_null()).list.any()).then(pl.lit(f"a turn has no {content!r}"))
            .when(~is_assistant.list.any()).then(pl.lit("no assistant turn"))
            .when(empty_answer).then(pl.lit("empty response in an assistant turn"))
            .otherwise(None))


# --------------------------------------------------------------------------- canonical view


def _role_expr(fmt: Format, raw: pl.Expr) -> pl.Expr:
    lowered = raw.str.to_lowercase()
    if fmt.name == "sharegpt":
        return lowered.replace(SHAREGPT_ROLES)
    return lowered


def _canonical_roles(fmt: Format) -> pl.Expr:
    role, _ = _turn_fields(fmt)
    return pl.col(fmt.conversation_column).list.eval(_role_expr(fmt, pl.element().struct.field(role)))


def _message(role: str | pl.Expr, content: pl.Expr) -> pl.Expr:
    role = pl.lit(role) if isinstance(role, str) else role
    return pl.struct(role.alias("role"), content.alias("content"))


def format_schema(fmt: Format) -> dict[str, pl.DataType]:
    """The fields a row needs for `fmt`, and their types: all the filter decodes of a row it can
    pass through untouched."""
    if fmt.multi_turn and fmt.name != "hh":
        role, content = _turn_fields(fmt)
        return {fmt.conversation_column: pl.List(pl.Struct({role: pl.String, content: pl.String}))}
    return {column: pl.String for column in fmt.columns.values()}


def canonical_expr(fmt: Format) -> pl.Expr:
    """An expression building the canonical `messages` list from the format's own columns."""
    cols = fmt.columns
    if fmt.name == "alpaca":
        user = pl.col(cols["instruction"])
        if "input" in cols:
            extra = pl.col(cols["input"]).fill_null("")
            user = pl.when(extra.str.strip_chars() == "").then(user).otherwise(pl.concat_str([user, extra], separator="\n\n"))
        return pl.concat_list([_message("user", user), _message("assistant", pl.col(cols["output"]))])
    if fmt.name == "prompt-response":
        return pl.concat_list([_message("user", pl.col(cols["prompt"])), _message("assistant", pl.col(cols["response"]))])
    if fmt.name == "hh":
        return pl.col(cols["chosen"]).map_elements(parse_hh, return_dtype=pl.List(pl.Struct({"role": pl.String, "content": pl.String})))
    role, content = _turn_fields(fmt)
    return pl.col(fmt.conversation_column).list.eval(
        _message(_role_expr(fmt, pl.element().struct.field(role)), pl.element().struct.field(content)))


def parse_hh(transcript: str) -> list[dict]:
    """Split an HH-RLHF transcript ("\\n\\nHuman: ...\\n\\nAssistant: ...") into messages."""
    parts = _HH_TURN.split(transcript)
    messages = []
    if parts[0].strip():
        messages.append({"role": "system", "content": parts[0].strip()})
    for speaker, text in zip(parts[1::2], parts[2::2]):
        messages.append({"role": "user" if speaker == "Human" else "assistant", "content": text})
    return messages


def render_hh(messages: list[dict]) -> str:
    head = next((m["content"] for m in messages if m["role"] == "system"), "")
    turns = "".join(f"\n\n{'Human' if m['role'] == 'user' else 'Assistant'}: {m['content']}"
                    for m in messages if m["role"] != "system")
    return head + turns


def assistant_turns(frame: pl.DataFrame, fmt: Format, row: str = "_row") -> pl.DataFrame:
    """One row per assistant turn: the frame row (`row`), the turn index (`_turn`), its `content`,
    and `prompt`, the message it answers (the detector reads it to tell a lecture from an answer).

    Single-turn formats take the response column as is; conversations are exploded.
    """
    if fmt.name in ("alpaca", "prompt-response"):
        answer = fmt.columns["output" if fmt.name == "alpaca" else "response"]
        asked = fmt.columns["instruction" if fmt.name == "alpaca" else "prompt"]
        return frame.select(pl.col(row), pl.lit(1, pl.Int32).alias("_turn"), pl.col(answer).alias("content"),
                            pl.col(asked).cast(pl.String).alias("prompt"))
    column = MESSAGES
    return (frame.select(pl.col(row), pl.col(column).alias("_m"),
                         pl.col(column).list.eval(pl.element().shift(1)).alias("_p"))
            .with_columns(pl.col("_m").list.eval(pl.int_range(pl.len(), dtype=pl.Int32)).alias("_turn"))
            .explode(["_m", "_p", "_turn"])
            .filter(pl.col("_m").struct.field("role") == "assistant")
            .select(pl.col(row), pl.col("_turn"), pl.col("_m").struct.field("content").alias("content"),
                    pl.col("_p").struct.field("content").alias("prompt")))


# --------------------------------------------------------------------------- editing and conversion


def keep_turns(frame: pl.DataFrame, fmt: Format, kept: dict[int, list[int]], row: str = "_row") -> pl.DataFrame:
    """Rewrite the conversation column of some rows so that only the given turn indices remain.

    `kept` maps a row's `row` value to the turn indices (of the canonical messages) it keeps.
    Untouched rows, and every other column, stay exactly as read.
    """
    if not kept:
        return frame
    column = fmt.conversation_column
    if column is None:
        raise ValueError(f"format {fmt.name} holds one exchange per row; drop rows instead of turns")
    edited = frame.filter(pl.col(row).is_in(list(kept)))
    originals = edited[column].to_list()
    if fmt.name == "hh":
        messages = edited[MESSAGES].to_list()
        values = [render_hh([m[i] for i in kept[r]]) for r, m in zip(edited[row].to_list(), messages)]
    else:
        values = [[turns[i] for i in kept[r]] for r, turns in zip(edited[row].to_list(), originals)]
    replacement = pl.DataFrame({row: edited[row], column: pl.Series(column, values, dtype=frame.schema[column])})
    return frame.update(replacement, on=row)


def convert(frame: pl.DataFrame, fmt: Format, target: str) -> tuple[pl.DataFrame, list[tuple[int, str]]]:
    """Re-express rows in another format from their canonical messages.

    Returns the converted frame (format columns replaced, all other columns kept) and
    (row, reason) pairs for rows the target cannot hold (a conversation into alpaca).
    """
    if target not in FORMATS:
        raise InputError(f"unknown format {target!r}; choose one of {', '.join(FORMATS)}")
    if target == fmt.name:
        return frame, []
    own = set(fmt.columns.values()) | ({"rejected"} if fmt.name == "hh" else set())
    messages = frame[MESSAGES].to_list()
    values: dict[str, list] = {}
    unfit: list[tuple[int, str]] = []
    if target in ("alpaca", "prompt-response"):
        ask, answer = ("instruction", "output") if target == "alpaca" else ("prompt", "response")
        asks, answers = [], []
        for index, turns in enumerate(messages):
            talk = [m for m in turns if m["role"] != "system"]
            if len(talk) != 2 or talk[0]["role"] != "user" or talk[1]["role"] != "assistant":
                unfit.append((index, f"{target} holds one exchange; this row has {len(talk)} turns"))
                asks.append(None), answers.append(None)
                continue
            asks.append(talk[0]["content"]), answers.append(talk[1]["content"])
        values = {ask: asks, answer: answers}
        if target == "alpaca":
            values["input"] = ["" if a is not None else None for a in asks]
    elif target == "sharegpt":
        values = {"conversations": [[{"from": SHAREGPT_NAMES.get(m["role"], m["role"]), "value": m["content"]} for m in t]
                                    for t in messages]}
    elif target == "messages":
        values = {"messages": [[{"role": m["role"], "content": m["content"]} for m in t] for t in messages]}
    else:
        values = {"chosen": [render_hh(t) for t in messages]}
    keep = [c for c in frame.columns if c not in own and c not in values]
    converted = frame.select(keep).with_columns(pl.Series(k, v) for k, v in values.items())
    return converted, unfit
