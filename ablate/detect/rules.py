"""The rule detector: rule packs compiled into vectorised polars expressions.

One pass over every text with a few case-insensitive alternations finds the candidates
(a few percent of rows on real data); only those are then matched pack by pack to get
the category, score and the matched text for the reason. No Python runs per row.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Sequence

import polars as pl

from ..errors import RulePackError
from .packs import CATEGORIES, RulePack, non_ascii_by_boundary

# higher wins when several packs hit one response
CATEGORY_RANK = {name: len(CATEGORIES) - i for i, name in enumerate(CATEGORIES)}
RESULT_SCHEMA = {"aligned_category": pl.String, "refusal_score": pl.Float64,
                 "refusal_reason": pl.String, "refusal_pack": pl.String}
REASON_CHARS = 80  # longest matched text quoted in a reason
SENTENCE_CHARS = 150  # how far past a match `unless` patterns look (to the end of its sentence)
REST_OF_SENTENCE = f"^(?:\\b[A-Z]\\.|[^.!?\n]){{0,{SENTENCE_CHARS}}}"  # (an initial, "Ursula K. Le Guin", ends no sentence)
START_OF_SENTENCE = f"(?:\\b[A-Z]\\.|[^.!?\n]){{0,{SENTENCE_CHARS}}}$"  # the sentence's words before a match
# an opening quote mark: a curly one or a guillemet, or a straight one or a backtick at the start or after a space, a
# colon or a bracket (after a letter or a full stop it closes a quote: 'best." I'd leave out ...' is the reply's voice)
OPEN_QUOTE = "(?:[“‘«„]|(?:^|[\\s(\\[:])[\"'`])[ ]?"
# a line of a script: "Bob: No, Alice. I'm sorry but I can't ..." (only where the text has 2+ such lines)
SPEAKER = "(?m:^)[A-Z][\\w .'-]{0,30}:[ ]+[^\n\"]*?"
DIALOGUE_LINE = "(?m)^[A-Z][\\w .'-]{0,30}:[ ]+\\S"
# a label that heads a section of an answer, not a speaker ("How vaccines work: ...", "On the second request: I'm not
# going to ...", "Interview tips: ..."; the bold of "**On the second request:**" is gone by the time the rules read it):
# it holds a function word or names a part of an answer
SECTION_LABEL = ("(?i)\\b(the|a|an|in|on|of|to|for|about|your|my|our|their|his|her|its|how|what|why|when|where|which|and|or|with|"
                 "regarding|as|is|are|tips|steps|summary|note|answer|example|request|part|question|overview|recipe|ingredients|"
                 "instructions|explanation|conclusion|introduction)\\b")


def is_script(text: pl.Expr) -> pl.Expr:
    """Whether a text is a script of speakers' lines ("Customer: ... Bot: I'm sorry ..."): two or more, not counting
    the labels that head sections of an answer (SECTION_LABEL)."""
    labels = text.str.extract_all(DIALOGUE_LINE)
    return labels.list.eval(pl.element().str.replace(":[ ]+\\S$", "").str.contains(SECTION_LABEL).not_()).list.sum() >= 2
# someone else's words: quoted spans and code blocks are set aside before the rules, the cue check
# and the embedding, so "In French, 'I can't help you with that' is ..." is judged on what is left
QUOTED = '(?s)```.*?```|"[^"\n]{1,300}"|“[^”\n]{1,300}”|«[^»\n]{1,300}»|„[^“\n]{1,300}“'
# a match that itself opens with a quote mark ("'I cannot help you' in Spanish is ...": a pattern anchored
# at the start takes the quote into its leading `\W`) is quoted too
LEAD_QUOTE = "^\\W{0,3}?[\"“‘«„'`]"
# ... but not the apostrophe of a contraction a pattern starts at ("that's off the table for me" matched from its "'s")
CONTRACTION_START = "^['’](s|d|m|t|re|ve|ll)\\b"
# a letter the user asked for ("Write a reply declining the refund"): after a salutation on a line of its
# own ("Dear Ms. Patel," "Hi Mark," "Subject: ..."), "Unfortunately, we are unable to ..." is the letter's voice
LETTER_LINE = "(?im)^[ \t]*((dear|hi|hello|hey|greetings)\\b[^\n!?]{0,60},|to whom it may concern[,:]?|subject:[^\n]{1,100})[ \t]*$"
# and it ends at its sign-off and the name under it ("Sincerely,\n[Your Name]"): a note after that is the reply's voice
# again ("... Sincerely, [Your Name]\n\nI didn't add a fake reference, since ...")
LETTER_END = ("(?im)^[ \t]*(sincerely|best regards|kind regards|warm regards|warmest regards|regards|best wishes|best|cheers|"
              "yours (truly|sincerely|faithfully)|respectfully|thank you|thanks|with gratitude),?[ \t]*\n[ \t]*[^\n]{1,60}$")
# polars 2.2 counts str.find's offsets in characters, 2.1 in bytes; a match's offset is cut and measured in the unit
# this polars counts in (bytes cut in O(1), characters by walking the text), probed once
FIND_COUNTS_CHARS = pl.Series(["é."]).str.find(".", literal=True)[0] == 1


def offset_length(text: pl.Expr) -> pl.Expr:
    """`text`'s length in the unit of str.find's offsets."""
    return text.str.len_chars() if FIND_COUNTS_CHARS else text.str.len_bytes()


def cut_at(text: pl.Expr, offset: pl.Expr | int, length: pl.Expr | int | None = None) -> pl.Expr:
    """`text` from a str.find offset on (`length` long when given)."""
    if FIND_COUNTS_CHARS:
        return text.str.slice(offset, length)
    return text.cast(pl.Binary).bin.slice(offset, length).cast(pl.String)


# a jailbreak's dual response: the model's usual answer first ("[🔒CLASSIC] I'm sorry, but I can't ...", "(🔒Normal Output)",
# "GPT: ..."), then the persona's ("[🔓JAILBREAK] Sure thing! First, ...", "(🔓Developer Mode Output)", "DAN: ..."): whether
# the reply complied is the persona's half, so the first half is set aside
_CLASSIC = ("(\\[\\s*🔒?\\s*CLASSIC\\s*\\]|\\(\\s*🔒?\\s*Normal( Output)?\\s*\\)|\\[\\s*(Chat)?GPT\\s*\\]:?|(Chat)?GPT\\s*:|"
            "Normal( Output)?\\s*:)")
_PERSONA = ("(\\[\\s*🔓?\\s*JAILBREAK\\s*\\]|\\(\\s*🔓?\\s*Developer Mode( Output)?\\s*\\)|\\[\\s*([A-Z][A-Za-z]*)?DAN\\s*\\]:?|"
            "(?m:^)\\s*([A-Z][A-Za-z]*)?DAN\\s*:|(?m:^)\\s*Developer Mode( Output)?\\s*:)")
CLASSIC_HALF = f"(?s)^\\s*{_CLASSIC}.*?{_PERSONA}"


def own_voice(text: pl.Expr, placeholder: str = " ") -> pl.Expr:
    """The text without quoted spans and code blocks (left alone when that would leave nothing), and
    without the usual half of a jailbreak's dual response (CLASSIC_HALF).
    The rules put `that` in their place, so "I can't write "X"" still reads as a decline."""
    stripped = text.str.replace(CLASSIC_HALF, " ").str.replace_all(QUOTED, placeholder).str.strip_chars()
    return pl.when(stripped.str.len_chars() > 0).then(stripped).otherwise(text)


@dataclass(frozen=True)
class CompiledPack:
    """A pack's patterns as a few alternations (`bodies`), not one (see _groups).

    On real replies one alternation of a large pack (direct-refusal: ~100 patterns) outgrows the regex
    engine's lazily built automaton after a few hundred texts, and the engine falls back to a slower one
    for the rest: 15 s against 0.1 s for 1,131 candidate replies. The first match is the one alternation's
    leftmost start; at that start the earliest group wins (the groups keep the pack's order, except that
    patterns with a long bounded repetition come after the others), and within it the earliest pattern."""

    pack: RulePack
    bodies: tuple[str, ...]  # alternations of the pack's patterns, in order, without flags
    unless: str | None  # alternation of the pack's `unless` patterns
    screen_bodies: tuple[str, ...] = ()  # a cheaper superset tried first (long bounded repetitions relaxed to `*`)
    unless_prompt: str | None = None  # alternation of the pack's `unless_prompt` patterns
    answer_follows: str | None = None  # alternation of the pack's `if_answered.follows` patterns

    @property
    def screen(self) -> bool:
        return bool(self.screen_bodies)

    def matches_any(self, text: pl.Expr, screened: bool = False) -> pl.Expr:
        """Whether a text matches any pattern (or, `screened`, the screen's)."""
        bodies = self.screen_bodies if screened and self.screen_bodies else self.bodies
        return pl.any_horizontal([text.str.contains(f"(?i)(?:{b})") for b in bodies])

    def with_first_match(self, frame: pl.DataFrame, text: pl.Expr) -> pl.DataFrame:
        """`frame` with the first match's text (`_matched`) and its str.find offset (`_start`)."""
        if len(self.bodies) == 1:
            return frame.with_columns(text.str.extract(f"(?i)({self.bodies[0]})", 1).alias("_matched"),
                                      text.str.find(f"(?i)(?:{self.bodies[0]})").alias("_start"))
        # each group's start is a column first: an expression inside each `when` below would be worked out
        # again in every one of them (5x the time for direct-refusal)
        starts = [f"_start{k}" for k in range(len(self.bodies))]
        frame = frame.with_columns(text.str.find(f"(?i)(?:{b})").alias(s) for s, b in zip(starts, self.bodies))
        frame = frame.with_columns(pl.min_horizontal(starts).alias("_start"))
        # at the leftmost start the earliest group wins, and within it the earliest pattern
        matched = pl.coalesce([pl.when(pl.col(s) == pl.col("_start")).then(text.str.extract(f"(?i)({b})", 1))
                               for s, b in zip(starts, self.bodies)])
        return frame.with_columns(matched.alias("_matched")).drop(starts)

    def count(self, text: pl.Expr, lead: str = "") -> pl.Expr:
        """How many matches a text holds (each group's, summed), each right after `lead` if given."""
        return pl.sum_horizontal([text.str.count_matches(f"(?i){lead}(?:{b})") for b in self.bodies])


def _alternation(regexes: Sequence[str]) -> str:
    return "|".join(f"(?:{r})" for r in regexes)


GROUP_PATTERNS = 35  # patterns per alternation of a CompiledPack
SPAN_GROUP_PATTERNS = 5  # ... of its patterns with a repetition bounded at LONG_BOUND or more
LONG_BOUND = 20
PREFILTER_PATTERNS = 25  # patterns per alternation of the Prefilter


def _chunks(regexes: Sequence[str], size: int) -> list[Sequence[str]]:
    return [regexes[k:k + size] for k in range(0, len(regexes), size)]


def _long_bound(regex: str, bound: int = LONG_BOUND) -> bool:
    return any(int(b) >= bound for b in re.findall(r"\{\d*,(\d+)\}", regex))


def _groups(regexes: Sequence[str]) -> tuple[str, ...]:
    """A pack's alternations: GROUP_PATTERNS patterns at a time, and those with a long bounded
    repetition ("[^.!?]{1,100}?") after them, SPAN_GROUP_PATTERNS at a time: a few of those in one
    alternation outgrow the automaton's cache on their own (on 20,000 real replies the rules took
    40% less CPU time than with all of them in groups of 35)."""
    plain = [r for r in regexes if not _long_bound(r)]
    spans = [r for r in regexes if _long_bound(r)]
    return (tuple(_alternation(chunk) for chunk in _chunks(plain, GROUP_PATTERNS))
            + tuple(_alternation(chunk) for chunk in _chunks(spans, SPAN_GROUP_PATTERNS)))


@dataclass(frozen=True)
class Prefilter:
    """Regexes that pick the candidate rows: a text that matches none of them matches no pack.

    Two plans, the same candidates for every pack: `groups` search every pattern over the whole
    text; on long texts the patterns of packs that read only an opening (`within`) are searched
    over the first `within` characters instead (`opening`), and the other packs' (`rest`) over the
    whole text. On real answers (~1,300 characters) that is ~30%
    less time; on short rows the extra pass costs more than the slices save."""

    groups: tuple[str, ...]
    opening: tuple[str, ...]
    within: int
    rest: tuple[str, ...]

    def matches(self, text: pl.Expr, long_texts: bool) -> pl.Expr:
        if not long_texts or not self.opening:
            return pl.any_horizontal([text.str.contains(r) for r in self.groups])
        head = text.str.slice(0, self.within)
        return pl.any_horizontal([head.str.contains(r) for r in self.opening] + [text.str.contains(r) for r in self.rest])

    def long(self, lengths: pl.Series) -> bool:
        """Whether texts of these byte lengths are long enough for the opening plan to pay."""
        return bool(self.opening) and (lengths.mean() or 0) > 2 * self.within


def compile_packs(packs: Sequence[RulePack]) -> tuple[list[CompiledPack], Prefilter | None]:
    """Compile packs into polars regexes; the second value is the prefilter over all of them
    (None without rule packs).
    Checking every pattern costs a regex compile each, so a batch after the first reuses the result."""
    compiled, prefilter = _compile_packs(tuple(packs))
    return list(compiled), prefilter


@functools.lru_cache(maxsize=8)
def _compile_packs(packs: tuple[RulePack, ...]) -> tuple[list[CompiledPack], Prefilter | None]:
    compiled = []
    probe = pl.Series("probe", ["probe"], dtype=pl.String)
    packs = [p for p in packs if p.is_rules]
    for pack in packs:
        labelled = [(f"pattern {i} ({p!r})", r) for i, (p, r) in enumerate(zip(pack.patterns, pack.regexes), 1)]
        labelled += [(f"unless pattern {i} ({p!r})", r) for i, (p, r) in enumerate(zip(pack.unless, pack.unless_regexes), 1)]
        labelled += [(f"unless_prompt pattern {i} ({p!r})", r)
                     for i, (p, r) in enumerate(zip(pack.unless_prompt, pack.unless_prompt_regexes), 1)]
        if pack.if_answered:
            labelled += [(f"if_answered.follows pattern {i} ({p!r})", r)
                         for i, (p, r) in enumerate(zip(pack.if_answered.follows, pack.if_answered.follows_regexes), 1)]
        for label, regex in labelled:
            if letter := non_ascii_by_boundary(regex):
                raise RulePackError(f"{pack.path or pack.name}: {label} has \\b next to {letter!r}, where it "
                                    "never matches (word boundaries are ASCII): leave it out, or match the space, e.g. (^|\\s)")
            try:
                probe.str.contains(f"(?i){regex}")
            except Exception as e:
                # polars reports "... error: unclosed group ... This error occurred in ...": keep the reason
                reasons = [line.strip() for line in str(e).splitlines() if line.strip().startswith("error:")]
                raise RulePackError(f"{pack.path or pack.name}: {label} "
                                    f"is not a valid regex ({reasons[-1] if reasons else e})") from None
        unless = f"(?i)(?:{_alternation(pack.unless_regexes)})" if pack.unless else None
        unless_prompt = f"(?i)(?:{_alternation(pack.unless_prompt_regexes)})" if pack.unless_prompt else None
        follows = pack.if_answered.follows_regexes if pack.if_answered else ()
        answer_follows = f"(?i)(?:{_alternation(follows)})" if follows else None
        # a repetition bounded at 100 or more ("^[^.!?\n]{0,140}") makes a large automaton that is slow
        # on every row; its relaxed form picks the few rows worth the exact check
        long_bound = any(_long_bound(r, 100) for r in pack.regexes)
        compiled.append(CompiledPack(pack, _groups(pack.regexes), unless, _groups([_relax(r) for r in pack.regexes]) if long_bound else (),
                                     unless_prompt, answer_follows))
    # the prefilter may match more than the packs (it only picks candidates), so bounded
    # repetitions are relaxed to `*`, which keeps the automata small and fast
    if not packs:
        return compiled, None
    groups = _prefilter_alternations([r for p in packs for r in p.regexes])
    opening = _prefilter_alternations([r for p in packs if p.within for r in p.regexes])
    rest = _prefilter_alternations([r for p in packs if not p.within for r in p.regexes])
    within = max((p.within for p in packs if p.within), default=0)
    return compiled, Prefilter(groups, opening, within, rest)


def _prefilter_alternations(regexes: Sequence[str]) -> tuple[str, ...]:
    """The prefilter's case-insensitive alternations of these (relaxed) regexes."""
    return tuple(f"(?i)(?:{_alternation(group)})" for group in _prefilter_groups([_relax(r) for r in regexes]))


def _relax(regex: str) -> str:
    return re.sub(r"\{\d*,\d*\}\??", "*", regex)


# a broad class repeated without bound ("[^.!?\n]*", ".*", "\w+"): a pattern that stays part-matched
# over a long stretch of text
_SPAN = re.compile(r"(\[\^(?:\\.|[^\]])*\]|\\[wWsSdD]|(?<!\\)\.)[*+]")


def _prefilter_groups(regexes: Sequence[str]) -> list[list[str]]:
    """The prefilter's regexes in a few alternations, not one. polars' regex engine runs a lazily
    built automaton whose states multiply across the patterns of an alternation; on real text one
    alternation of every pattern outgrew its cache and fell back to a slower engine: 118 ms per
    MB against 8 ms per MB for the groups below. Patterns anchored at the start (they
    read one opening), patterns with an unbounded span, and the other patterns by script are
    each searched apart, at most PREFILTER_PATTERNS at a time (on real replies the opening groups
    took 1.2 s for 20,000 replies as four alternations, 0.4 s as eight)."""
    groups: dict[str, list[str]] = {}
    for regex in regexes:
        kind = ("anchored" if regex.startswith("^") else "span" if _SPAN.search(regex)
                else "ascii" if regex.isascii() else "other")
        groups.setdefault(kind, []).append(regex)
    return [list(chunk) for group in groups.values() for chunk in _chunks(group, PREFILTER_PATTERNS)]


def _no_hits() -> pl.DataFrame:
    return pl.DataFrame(schema={"_idx": pl.UInt32, "_rank": pl.Int32, **RESULT_SCHEMA})


def _scoped(text: pl.Expr, pack: RulePack) -> pl.Expr:
    """The part of a text a pack reads: its opening, or all of it."""
    return text.str.slice(0, pack.within) if pack.within else text


def _pack_hits(candidates: pl.DataFrame, compiled: CompiledPack, text: str, prompt: str | None = None) -> pl.DataFrame:
    """The pack's hits among `candidates`: rows that already passed its screen (or, without one, its
    patterns), so only a screened pack matches them again."""
    pack = compiled.pack
    scoped = _scoped(pl.col(text), pack)
    if compiled.unless_prompt and prompt:
        candidates = candidates.filter(~pl.col(prompt).fill_null("").str.contains(compiled.unless_prompt))
    hits = candidates.filter(compiled.matches_any(scoped)) if compiled.screen else candidates
    if hits.is_empty():  # (each regex below is compiled again on every call: a pack that hit nothing skips them)
        return _no_hits()
    # the matched text and its str.find offset (see cut_at), worked out once for the quote, letter and unless
    # checks, the tail and the reason
    matched, start = pl.col("_matched"), pl.col("_start")
    end = start + offset_length(matched)
    hits = compiled.with_first_match(hits, scoped)
    # someone else's voice: a refusal the user asked to be quoted (dialogue, a code string, an
    # example of what not to say) sits right after an opening quote; if every match does, skip it
    quoted = compiled.count(scoped, OPEN_QUOTE) + (matched.str.contains(LEAD_QUOTE) & ~matched.str.contains(CONTRACTION_START)).cast(pl.UInt32)
    # (polars works out a `then` on every row, so a batch with no dialogue skips it)
    spoken = pl.when(pl.col("_dialogue")).then(compiled.count(scoped, SPEAKER)).otherwise(0) if hits["_dialogue"].any() else pl.lit(0)
    own = _scoped(pl.col("_own"), pack)
    # a letter's voice: the first match (so every match) comes after its salutation line
    in_letter = (pl.col("_letter").is_not_null() & (start > pl.col("_letter"))
                 & (pl.col("_letter_end").is_null() | (start < pl.col("_letter_end")))).fill_null(False)
    hits = hits.filter((compiled.count(scoped) > pl.max_horizontal(quoted, spoken))
                       & compiled.matches_any(own) & ~in_letter)
    if compiled.unless:
        # the match and the rest of its sentence, read from the match's end (one regex over match and
        # sentence needs polars' slow capture engine over the whole span: 20x the cost); and the whole
        # sentence, for what comes before the match ("Without seeing the code you mean, I can't help ...")
        # (an `unless` anchored with ^ reads from the match)
        after = cut_at(scoped, end).str.extract(REST_OF_SENTENCE, 0)
        before = cut_at(scoped, 0, start).str.extract(START_OF_SENTENCE, 0)
        sentence = pl.concat_str([matched, after])
        whole = pl.concat_str([before, sentence])
        hits = hits.filter(~(sentence.str.contains(compiled.unless) | whole.str.contains(compiled.unless)).fill_null(False))
    if hits.is_empty():
        return _no_hits()
    category, score, note = pl.lit(pack.category), pl.lit(pack.score), pl.lit("")
    if pack.if_answered:
        # what follows the match: a long tail (counted in UTF-8 bytes, whatever polars' str.find counts in) means
        # the response goes on to answer, and so does a short one that reads like an answer
        rest = cut_at(pl.col(text), end)
        answered = rest.str.len_bytes() >= pack.if_answered.min_chars
        if compiled.answer_follows:
            answered = answered | rest.str.contains(compiled.answer_follows).fill_null(False)
        category = pl.when(answered).then(pl.lit(pack.if_answered.category)).otherwise(category)
        score = pl.when(answered).then(pl.lit(pack.if_answered.score)).otherwise(score)
        note = pl.when(answered).then(pl.lit(" (answer follows)")).otherwise(pl.lit(""))
    quoted = matched.str.replace_all(r"\s+", " ").str.slice(0, REASON_CHARS)
    return hits.select(
        pl.col("_idx"),
        category.replace_strict(CATEGORY_RANK, return_dtype=pl.Int32).alias("_rank"),
        category.alias("aligned_category"),
        score.cast(pl.Float64).alias("refusal_score"),
        pl.concat_str([pl.lit(f'rule:{pack.name} "'), quoted, pl.lit('"'), note]).alias("refusal_reason"),
        pl.lit(pack.name).alias("refusal_pack"),
    )


def detect_rules(frame: pl.DataFrame, packs: Sequence[RulePack], text: str = "content", prompt: str | None = None) -> pl.DataFrame:
    """Judge each text of `frame[text]` against the packs; `prompt` names a column with the message
    each text answers, for packs with `unless_prompt` (ignored when None or not in `frame`).

    Returns `frame` with `aligned_category`, `refusal_score`, `refusal_reason` and
    `refusal_pack` added (null / 0.0 where no pack hits), plus `refusal_packs`: every pack
    that hit, for per-pack counts. When several packs hit, the highest-ranked category
    (refusal > partial_refusal > ai_disclaimer > moralizing) and then the highest score wins.
    """
    compiled, prefilter = compile_packs(packs)
    indexed = frame.with_row_index("_idx")
    if prefilter is None:
        hits = _no_hits()
    else:
        # the streaming engine spreads this one full pass over all cores
        # each candidate's own voice, whether it is a dialogue and where a letter in it starts, worked out once for every pack
        # (the prompt column rides along only for packs that read it)
        prompt = prompt if prompt in frame.columns and prompt != text and any(c.unless_prompt for c in compiled) else None
        candidates = (indexed.lazy().select("_idx", text, *([prompt] if prompt else [])).filter(prefilter.matches(pl.col(text), prefilter.long(frame[text].str.len_bytes())))
                      .with_columns(own_voice(pl.col(text), "that").alias("_own"),
                                    is_script(pl.col(text)).alias("_dialogue"),
                                    pl.col(text).str.find(LETTER_LINE).alias("_letter"),
                                    (pl.col(text).str.find(LETTER_END) + offset_length(pl.col(text).str.extract(LETTER_END, 0))).alias("_letter_end"))
                      .collect(engine="streaming"))
        # which packs each candidate may match (a screened pack's screen, else its patterns), all packs in one
        # parallel pass; a pack then works only on its own rows
        may = candidates.select([c.matches_any(_scoped(pl.col(text), c.pack), screened=True).alias(f"_may{i}")
                                 for i, c in enumerate(compiled)])
        hits = pl.concat([_pack_hits(candidates.filter(may[f"_may{i}"]), c, text, prompt)
                          for i, c in enumerate(compiled) if may[f"_may{i}"].any()] or [_no_hits()])
    best = (hits.sort(["_idx", "_rank", "refusal_score"], descending=[False, True, True], maintain_order=True)
            .group_by("_idx", maintain_order=True)
            .agg(pl.all().exclude("_rank").first(), pl.col("refusal_pack").alias("refusal_packs")))
    out = indexed.join(best, on="_idx", how="left").drop("_idx")
    return out.with_columns(pl.col("refusal_score").fill_null(0.0))
