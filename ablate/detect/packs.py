"""Rule packs: declarative, reviewable YAML files in `filters/`, one `RulePack` each.

A pack names a category, a list of phrases or regular expressions, where in a response
they count (`within` the first N characters, or anywhere), and what it becomes when a
real answer follows the match (`if_answered`). It carries its own examples, which the
test suite checks. Regexes that several packs need live once in `_shared.yaml` beside them and are
included by name (`- shared: missing-input`). See `filters/README.md` for the format and its footguns.
"""

from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator, Sequence

import yaml

from ..errors import RulePackError

CATEGORIES = ("refusal", "partial_refusal", "ai_disclaimer", "moralizing")
REFUSAL_CATEGORIES = ("refusal", "partial_refusal")  # the ones that set `refusal = true`
KINDS = ("phrases", "regex", "prototypes")  # prototypes: example texts for the embedding detector
# when a pack's category changes because an answer follows, the score takes this default
CATEGORY_SCORES = {"refusal": 0.9, "partial_refusal": 0.75, "ai_disclaimer": 0.3, "moralizing": 0.2}
# libyaml's loader when PyYAML has it: the built-in packs load in ~30 ms, not ~260 ms in pure Python
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
SHARED_FILE = "_shared.yaml"  # named regex lists packs include; files starting with "_" are not packs
FRAGMENT = re.compile(r"\{\{([\w-]+)\}\}")  # a shared list inside a regex: "^{{greeting}}i can't"
_KEYS = {"name", "version", "description", "category", "kind", "language", "score", "within",
         "if_answered", "unless", "unless_prompt", "patterns", "examples", "counter", "model", "threshold", "opening_chars"}


@dataclass(frozen=True)
class IfAnswered:
    """Re-categorise a hit when an answer follows the matched text: at least `min_chars` UTF-8 bytes
    of it (a Chinese character counts three: it says about as much as three letters), or (however
    short) text matching one of the `follows` regexes ("As of my last update, the prime minister
    was ..." after "I cannot access real-time information")."""

    category: str
    min_chars: int
    score: float
    follows: tuple[str, ...] = ()

    @property
    def follows_regexes(self) -> tuple[str, ...]:
        return tuple(normalise_regex(p) for p in self.follows)


@dataclass(frozen=True)
class RulePack:
    name: str
    description: str
    category: str
    kind: str
    patterns: tuple[str, ...]
    version: int = 1
    language: str = "en"
    score: float = 0.9
    within: int | None = None
    if_answered: IfAnswered | None = None
    unless: tuple[str, ...] = ()  # regexes: a hit whose sentence also matches one of these does not count
    # regexes: a hit does not count when the message it answers matches one of these ("Absolutely not."
    # answers "Is it safe to mix bleach and ammonia?"); only where the data has prompts
    unless_prompt: tuple[str, ...] = ()
    examples_match: tuple[str, ...] = ()
    examples_no_match: tuple[str, ...] = ()
    # prototypes packs only: answers that open like a refusal, the model the threshold is
    # calibrated for, the margin threshold, and how much of a response's opening is embedded
    counter: tuple[str, ...] = ()
    model: str | None = None
    threshold: float | None = None
    opening_chars: int | None = None
    path: Path | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        where = str(self.path or self.name)
        if not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", self.name):
            raise RulePackError(f"{where}: name {self.name!r} must be lowercase letters, digits, '-' or '_'")
        if self.category not in CATEGORIES:
            raise RulePackError(f"{where}: category {self.category!r} is not one of {', '.join(CATEGORIES)}")
        if self.kind not in KINDS:
            raise RulePackError(f"{where}: kind {self.kind!r} is not one of {', '.join(KINDS)}")
        if not self.patterns:
            raise RulePackError(f"{where}: 'patterns' is empty")
        if not all(isinstance(p, str) and p.strip() for p in self.patterns):
            raise RulePackError(f"{where}: every pattern must be a non-empty string")
        if not 0.0 <= self.score <= 1.0:
            raise RulePackError(f"{where}: score {self.score} must lie between 0 and 1")
        if self.within is not None and self.within <= 0:
            raise RulePackError(f"{where}: within must be a positive number of characters")
        if self.kind == "prototypes" and self.threshold is None:
            raise RulePackError(f"{where}: a prototypes pack needs a 'threshold' (calibrate it with ablate detect-eval --calibrate)")
        if self.kind != "prototypes" and (self.counter or self.model or self.threshold is not None or self.opening_chars):
            raise RulePackError(f"{where}: counter, model, threshold and opening_chars belong to kind: prototypes packs")
        if self.if_answered and self.if_answered.category not in CATEGORIES:
            raise RulePackError(f"{where}: if_answered.category {self.if_answered.category!r} is not one of {', '.join(CATEGORIES)}")

    @property
    def is_rules(self) -> bool:
        """Phrase and regex packs are matched by the rule detector; prototypes go to the embedding one."""
        return self.kind != "prototypes"

    @property
    def regexes(self) -> tuple[str, ...]:
        """The patterns as regular expressions (phrases become literal, whitespace-tolerant ones)."""
        if self.kind == "prototypes":
            return ()
        if self.kind == "phrases":
            return tuple(phrase_to_regex(p) for p in self.patterns)
        return tuple(normalise_regex(p) for p in self.patterns)

    @property
    def unless_regexes(self) -> tuple[str, ...]:
        return tuple(normalise_regex(p) for p in self.unless)

    @property
    def unless_prompt_regexes(self) -> tuple[str, ...]:
        return tuple(normalise_regex(p) for p in self.unless_prompt)


def phrase_to_regex(phrase: str) -> str:
    """A literal phrase as a regex: any run of whitespace matches, straight or curly apostrophes
    match, and word boundaries hold at the ends ("i can't" does not match inside "hi can'tor")."""
    body = r"\s+".join(re.escape(word) for word in phrase.split())
    start = r"\b" if re.match(r"\w", phrase.strip()) else ""
    end = r"\b" if re.search(r"\w$", phrase.strip()) else ""
    return normalise_regex(f"{start}{body}{end}")


def normalise_regex(pattern: str) -> str:
    """Rewrite a pack regex for speed and real-world text.

    - every `'` outside a character class also matches the typographic apostrophe (U+2019);
    - `\\b` becomes an ASCII word boundary: Unicode `\\b` stops polars' regex engine from using
      its DFA once many patterns are combined, which made matching about 100x slower.
    """
    out, in_class, index = [], False, 0
    while index < len(pattern):
        ch = pattern[index]
        if ch == "\\" and index + 1 < len(pattern):
            pair = pattern[index:index + 2]
            out.append(_ASCII_BOUNDARY if pair == "\\b" and not in_class else pair)
            index += 2
            continue
        if ch == "[" and not in_class:
            in_class = True
        elif ch == "]" and in_class:
            in_class = False
        elif ch == "'":
            ch = "'’" if in_class else "['’]"
        out.append(ch)
        index += 1
    return "".join(out)


# `\b` is compiled as an ASCII word boundary (normalise_regex), so next to a letter outside ASCII
# ("\bnon ti scriverò\b", "\bя не", "(à|avec)\b") it never matches: an error rather than a pattern that silently never hits
_ASCII_BOUNDARY = "(?-u:\\b)"


def _structure(regex: str, start: int = 0) -> Iterator[tuple[int, str, int]]:
    """(index, character, depth) for each character of a regex outside escapes and classes; depth counts the open groups."""
    depth, index, in_class = 0, start, False
    while index < len(regex):
        ch = regex[index]
        if ch == "\\":
            index += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        else:
            if ch == ")":
                depth -= 1
            yield index, ch, depth
            if ch == "(":
                depth += 1
        index += 1


def _alternatives(group: str) -> list[str]:
    """The top-level alternatives of a group's body."""
    parts, start = [], 0
    for index, ch, depth in _structure(group):
        if ch == "|" and depth == 0:
            parts.append(group[start:index])
            start = index + 1
    return parts + [group[start:]]


def _group_at(regex: str, open_at: int) -> tuple[str, int]:
    """The body of the group opening at `open_at` (without a leading `?:`) and the index of its `)`."""
    close = next((index for index, ch, depth in _structure(regex, open_at) if ch == ")" and depth == 0), len(regex))
    body = regex[open_at + 1:close]
    return (body[2:] if body.startswith("?:") else body), close


def _edge_letters(fragment: str, last: bool) -> list[str]:
    """The letters a match of `fragment` may start (or, with `last`, end) with, as far as the text shows."""
    fragment = fragment.rstrip("?*+") if last else fragment
    if not fragment:
        return []
    if last and fragment.endswith(")"):
        opened, opener = [], 0
        for index, ch, _ in _structure(fragment):
            if ch == "(":
                opened.append(index)
            elif ch == ")" and opened:
                opener = opened.pop()  # (the last one popped opens the group the fragment ends with)
        body, _ = _group_at(fragment, opener)
        return [ch for alternative in _alternatives(body) for ch in _edge_letters(alternative, last)]
    if not last and fragment.startswith("("):
        body, _ = _group_at(fragment, 0)
        return [ch for alternative in _alternatives(body) for ch in _edge_letters(alternative, last)]
    return [fragment[-1] if last else fragment[0]]


def non_ascii_by_boundary(regex: str) -> str | None:
    """A letter outside ASCII that a `\\b` of this (normalised) regex touches, or None."""
    start = regex.find(_ASCII_BOUNDARY)
    while start >= 0:
        end = start + len(_ASCII_BOUNDARY)
        for ch in _edge_letters(regex[:start], last=True) + _edge_letters(regex[end:], last=False):
            if not ch.isascii() and ch.isalpha():
                return ch
        start = regex.find(_ASCII_BOUNDARY, end)
    return None


# --------------------------------------------------------------------------- loading


def load_pack(path: Path | str) -> RulePack:
    """Load and validate one YAML rule pack, naming the file (and line) in any error."""
    path = Path(path)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=YAML_LOADER)
    except FileNotFoundError:
        raise RulePackError(f"{path}: no such rule pack file") from None
    except UnicodeDecodeError:
        raise RulePackError(f"{path}: not valid UTF-8") from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        raise RulePackError(f"{path}{line}: invalid YAML ({getattr(e, 'problem', None) or e})") from None
    if not isinstance(data, dict):
        raise RulePackError(f"{path}: a rule pack must be a YAML mapping")
    unknown = set(data) - _KEYS
    if unknown:
        raise RulePackError(f"{path}: unknown key(s) {', '.join(sorted(unknown))}; allowed: {', '.join(sorted(_KEYS))}")
    for key in ("name", "category", "kind", "patterns"):
        if key not in data:
            raise RulePackError(f"{path}: missing required key {key!r}")
    examples = data.get("examples") or {}
    if not isinstance(examples, dict) or set(examples) - {"match", "no_match"}:
        raise RulePackError(f"{path}: 'examples' must be a mapping with 'match' and 'no_match' lists")
    for key in ("match", "no_match"):
        items = examples.get(key) or []
        if not isinstance(items, list) or not all(isinstance(e, str) for e in items):
            raise RulePackError(f"{path}: examples.{key} must be a list of strings (quote an example that contains ': ')")
    answered = data.get("if_answered")
    if answered is not None:
        if not isinstance(answered, dict) or "category" not in answered or set(answered) - {"category", "min_chars", "score", "follows"}:
            raise RulePackError(f"{path}: 'if_answered' needs a 'category' (and optionally 'min_chars', 'score', 'follows')")
        follows = answered.get("follows") or []
        if not isinstance(follows, list) or not all(isinstance(p, str) and p.strip() for p in follows):
            raise RulePackError(f"{path}: 'if_answered.follows' must be a list of regexes")
        answered = IfAnswered(category=answered["category"], min_chars=int(answered.get("min_chars", 200)),
                              score=float(answered.get("score", CATEGORY_SCORES.get(answered["category"], 0.5))),
                              follows=tuple(follows))
    lists = {key: data.get(key) or [] for key in ("patterns", "unless", "unless_prompt", "counter")}
    shared = functools.cache(lambda: {**load_shared(builtin_dir() / SHARED_FILE), **load_shared(path.parent / SHARED_FILE)})
    for key, value in lists.items():
        if not isinstance(value, list):
            raise RulePackError(f"{path}: {key!r} must be a list of strings")
        lists[key] = _include_shared(value, key, path, shared)
    patterns, unless, unless_prompt, counter = (lists[k] for k in ("patterns", "unless", "unless_prompt", "counter"))
    try:
        return RulePack(
            name=str(data["name"]), description=str(data.get("description", "")).strip(),
            category=data["category"], kind=data["kind"], patterns=tuple(patterns),
            version=int(data.get("version", 1)), language=str(data.get("language", "en")),
            score=float(data.get("score", CATEGORY_SCORES.get(data["category"], 0.5))),
            within=data.get("within"), if_answered=answered, unless=tuple(unless), unless_prompt=tuple(unless_prompt),
            examples_match=tuple(examples.get("match") or ()), examples_no_match=tuple(examples.get("no_match") or ()),
            counter=tuple(counter), model=data.get("model"),
            threshold=None if data.get("threshold") is None else float(data["threshold"]),
            opening_chars=None if data.get("opening_chars") is None else int(data["opening_chars"]),
            path=path)
    except (TypeError, ValueError) as e:
        raise RulePackError(f"{path}: {e}") from None


def _include_shared(items: list, key: str, path: Path, shared: Callable[[], dict[str, tuple[str, ...]]]) -> list[str]:
    """Replace each `{shared: NAME}` entry of a pack's list with the regexes `_shared.yaml` names so,
    and each `{{NAME}}` inside a regex with those regexes as one group (an alternation). `shared()`
    gives the pack's named lists (the `_shared.yaml` beside it first, else the built-in one), read
    once per pack and only when a list includes one."""
    out: list[str] = []

    def named(name: str) -> tuple[str, ...]:
        if name not in shared():
            known = ", ".join(sorted(shared())) or "none"
            raise RulePackError(f"{path}: {key!r} includes unknown shared list {name!r} (known: {known})")
        return shared()[name]

    for item in items:
        if isinstance(item, str):
            # ({{ is no valid Rust regex, so a fragment cannot be mistaken for a pattern's own text)
            out.append(FRAGMENT.sub(lambda m: "(?:" + "|".join(named(m.group(1))) + ")", item))
        elif isinstance(item, dict) and set(item) == {"shared"} and isinstance(item["shared"], str):
            out.extend(named(item["shared"]))
        else:
            raise RulePackError(f"{path}: {key!r} must be a list of strings (or '- shared: NAME' entries)")
    return out


def load_shared(path: Path) -> dict[str, tuple[str, ...]]:
    """The named regex lists of a `_shared.yaml` (an empty mapping when there is no such file)."""
    if not path.is_file():
        return {}
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=YAML_LOADER) or {}
    except (UnicodeDecodeError, yaml.YAMLError) as e:
        raise RulePackError(f"{path}: not a valid YAML file of shared lists ({e})") from None
    if not isinstance(data, dict) or not all(
            isinstance(v, list) and v and all(isinstance(p, str) and p.strip() for p in v) for v in data.values()):
        raise RulePackError(f"{path}: must map each name to a non-empty list of regexes")
    return {str(name): tuple(value) for name, value in data.items()}


def _pack_files(folder: Path) -> list[Path]:
    """The rule packs in a folder: its YAML files, except `_`-prefixed ones such as `_shared.yaml`."""
    found = sorted(folder.glob("*.yaml")) + sorted(folder.glob("*.yml"))
    return [p for p in found if not p.name.startswith("_")]


def builtin_dir() -> Path:
    """Where the built-in packs live: `ablate/_filters` in a wheel, the repository's `filters/` otherwise."""
    package = Path(__file__).resolve().parent.parent
    packaged = package / "_filters"
    return packaged if packaged.is_dir() else package.parent / "filters"


def builtin_packs() -> list[RulePack]:
    return [load_pack(p) for p in _pack_files(builtin_dir())]


def resolve_packs(specs: Sequence[str | Path] | None = None) -> list[RulePack]:
    """Turn `--filters` values into packs: a YAML path, a folder of them, a built-in pack name,
    or `builtin` for all built-in packs (the default when nothing is given)."""
    builtins = {p.name: p for p in builtin_packs()}
    packs: list[RulePack] = []
    for spec in specs or ["builtin"]:
        path = Path(spec)
        if str(spec) == "builtin":
            packs.extend(builtins.values())
        elif path.is_dir():
            found = _pack_files(path)
            if not found:
                raise RulePackError(f"{path}: folder holds no .yaml rule packs")
            packs.extend(load_pack(p) for p in found)
        elif path.suffix in (".yaml", ".yml") or path.exists():
            packs.append(load_pack(path))
        elif str(spec) in builtins:
            packs.append(builtins[str(spec)])
        else:
            close = difflib.get_close_matches(str(spec), list(builtins), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise RulePackError(f"unknown rule pack {str(spec)!r}{hint} Built-in packs: {', '.join(sorted(builtins))}, or give a .yaml path")
    seen: dict[str, RulePack] = {}
    for pack in packs:
        if pack.name in seen and seen[pack.name] != pack:
            raise RulePackError(f"two rule packs are named {pack.name!r} ({seen[pack.name].path} and {pack.path}); rename one")
        seen[pack.name] = pack
    return list(seen.values())
