"""Every rule pack's own examples, and how bad packs are reported."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from ablate.detect import builtin_packs, detect_rules, load_pack, resolve_packs
from ablate.detect.packs import normalise_regex, phrase_to_regex
from ablate.errors import RulePackError

PACKS = builtin_packs()
RULES = [p for p in PACKS if p.is_rules]  # prototypes packs are checked with the model in test_embedding.py
CASES = [(p, text, True) for p in RULES for text in p.examples_match] + \
        [(p, text, False) for p in RULES for text in p.examples_no_match]


def test_builtin_packs_exist_and_carry_examples():
    assert len(PACKS) >= 5
    for pack in PACKS:
        assert pack.examples_match and pack.examples_no_match, f"{pack.name} needs match and no_match examples"
    assert {p.category for p in PACKS} == {"refusal", "partial_refusal", "ai_disclaimer", "moralizing"}


@pytest.mark.parametrize("pack,text,should_match", CASES, ids=[f"{p.name}:{'+' if m else '-'}:{t[:40]}" for p, t, m in CASES])
def test_pack_example(pack, text, should_match):
    result = detect_rules(pl.DataFrame({"content": [text]}), [pack])
    category = result["aligned_category"][0]
    if should_match:
        allowed = {pack.category} | ({pack.if_answered.category} if pack.if_answered else set())
        assert category in allowed, f"{pack.name} should match: {text!r}"
        assert result["refusal_reason"][0].startswith(f'rule:{pack.name} "')
    else:
        assert category is None, f"{pack.name} should not match: {text!r} (reason {result['refusal_reason'][0]})"


def test_phrases_are_literal_whitespace_tolerant_and_word_bounded():
    regex = phrase_to_regex("I can't (help)")
    frame = pl.DataFrame({"t": ["i   CAN’T (help) you", "I cant help", "hi can't (help)"]})
    assert frame["t"].str.contains(f"(?i){regex}").to_list() == [True, False, False]


def test_normalise_regex_only_touches_apostrophes_and_word_boundaries():
    assert normalise_regex(r"i'm\b[a'b]\\b") == r"i['’]m(?-u:\b)[a'’b]\\b"


def _write(tmp_path, text: str):
    path = tmp_path / "pack.yaml"
    path.write_text(text)
    return path


@pytest.mark.parametrize("body,message", [
    ("name: x\ncategory: refusal\nkind: regex\npatterns: [a\nunless: b\n", "pack.yaml:5: invalid YAML"),
    ("name: x\ncategory: rude\nkind: regex\npatterns: [a]\n", "category 'rude' is not one of"),
    ("name: x\ncategory: refusal\nkind: glob\npatterns: [a]\n", "kind 'glob' is not one of"),
    ("name: x\ncategory: refusal\nkind: regex\npatterns: []\n", "'patterns' is empty"),
    ("name: x\ncategory: refusal\nkind: regex\npatterns: ['(unclosed']\n", "pattern 1 ('(unclosed') is not a valid regex (error: unclosed group)"),
    ("name: x\ncategory: refusal\nkind: regex\npatterns: [a]\nunless: ['(bad']\n", "unless pattern 1 ('(bad') is not a valid regex (error: unclosed group)"),
    ("name: x\ncategory: refusal\nkind: regex\npatterns: [a]\nunless_prompt: ['(bad']\n",
     "unless_prompt pattern 1 ('(bad') is not a valid regex (error: unclosed group)"),
    ("name: x\ncategory: refusal\nkind: regex\npatterns: [a]\nif_answered: {category: ai_disclaimer, follows: ['(bad']}\n",
     "if_answered.follows pattern 1 ('(bad') is not a valid regex (error: unclosed group)"),
    ("name: x\ncategory: refusal\nkind: regex\npatterns: [a]\nif_answered: {category: ai_disclaimer, follow: [b]}\n",
     "'if_answered' needs a 'category' (and optionally 'min_chars', 'score', 'follows')"),
    ("name: x\ncategory: refusal\nkind: regex\npatterns: [a]\nextra: 1\n", "unknown key(s) extra"),
    # an ASCII word boundary next to a letter outside ASCII never matches
    ("name: x\ncategory: refusal\nkind: regex\npatterns: ['\\bnon ti scriverò\\b']\n", "pattern 1 ('\\\\bnon ti scriverò\\\\b') has \\b next to 'ò'"),
    ("name: x\ncategory: refusal\nkind: regex\npatterns: [a]\nunless: ['\\b(я|мы) не']\n", "unless pattern 1 ('\\\\b(я|мы) не') has \\b next to 'я'"),
    ("name: x\ncategory: refusal\nkind: regex\npatterns: ['aider (à|avec)\\b']\n", "pattern 1 ('aider (à|avec)\\\\b') has \\b next to 'à'"),
    ("name: x\nkind: regex\npatterns: [a]\n", "missing required key 'category'"),
    ("- just a list\n", "must be a YAML mapping"),
])
def test_invalid_pack_names_the_file(tmp_path, body, message):
    path = _write(tmp_path, body)
    with pytest.raises(RulePackError) as error:
        pack = load_pack(path)
        detect_rules(pl.DataFrame({"content": ["x"]}), [pack])
    assert str(path) in str(error.value)
    assert message in str(error.value)


def test_unknown_pack_name_suggests_the_closest():
    with pytest.raises(RulePackError, match="did you mean 'apology-refusal'"):
        resolve_packs(["apology-refusals"])


def test_resolve_packs_by_name_path_and_builtin(tmp_path):
    path = _write(tmp_path, "name: mine\ncategory: refusal\nkind: phrases\npatterns: [nope nope]\n")
    packs = resolve_packs(["builtin", str(path)])
    assert [p.name for p in packs][-1] == "mine" and len(packs) == len(PACKS) + 1
    assert [p.name for p in resolve_packs(["moralizing"])] == ["moralizing"]
    assert len(resolve_packs(None)) == len(PACKS)


def test_shared_lists_are_included_by_name_and_looked_up_beside_the_pack_first(tmp_path):
    """`- shared: NAME` brings in a list of `_shared.yaml`: the pack folder's own, then the built-in
    one. A `_`-prefixed file is not a pack, and an unknown name is an error naming the pack."""
    (tmp_path / "_shared.yaml").write_text("mine:\n  - \\bthe weather\n")
    pack = load_pack(_write(tmp_path, "name: x\ncategory: refusal\nkind: regex\npatterns: [\"i can't\"]\n"
                                      "unless: [{shared: mine}, {shared: does-not-exist}, just this]\n"))
    assert pack.unless[0] == "\\bthe weather" and pack.unless[-1] == "just this" and "exist" in pack.unless[1]
    texts = ["I can't change the weather.", "I can't say, because it does not exist.", "I can't help with that."]
    assert detect_rules(pl.DataFrame({"content": texts}), [pack])["aligned_category"].to_list() == [None, None, "refusal"]
    assert [p.name for p in resolve_packs([str(tmp_path)])] == ["x"]
    assert not any(p.path.name.startswith("_") for p in PACKS)
    bad = _write(tmp_path, "name: x\ncategory: refusal\nkind: regex\npatterns: [a]\nunless: [{shared: nope}]\n")
    with pytest.raises(RulePackError, match=f"{bad}: 'unless' includes unknown shared list 'nope' \\(known: .*mine"):
        load_pack(bad)
    with pytest.raises(RulePackError, match="'unless' must be a list of strings \\(or '- shared: NAME' entries\\)"):
        load_pack(_write(tmp_path, "name: x\ncategory: refusal\nkind: regex\npatterns: [a]\nunless: [{share: mine}]\n"))


def test_shared_lists_go_inside_a_regex_as_one_group(tmp_path):
    """`{{NAME}}` inside a pattern puts the named list there as one alternation, so packs can share the part of a
    pattern that several of them open with; an unknown name is an error naming the pack."""
    (tmp_path / "_shared.yaml").write_text("greeting:\n  - (hello|hi)[!,]\\s+\n  - thanks for asking[!.]\\s+\n")
    pack = load_pack(_write(tmp_path, "name: x\ncategory: refusal\nkind: regex\npatterns: [\"^{{greeting}}i can't\"]\n"))
    assert pack.patterns == ("^(?:(hello|hi)[!,]\\s+|thanks for asking[!.]\\s+)i can't",)
    texts = ["Hello! I can't help with that.", "Thanks for asking. I can't do that.", "I can't, hello!"]
    assert detect_rules(pl.DataFrame({"content": texts}), [pack])["aligned_category"].to_list() == ["refusal", "refusal", None]
    bad = _write(tmp_path, "name: x\ncategory: refusal\nkind: regex\npatterns: [\"{{nope}}a\"]\n")
    with pytest.raises(RulePackError, match=f"{bad}: 'patterns' includes unknown shared list 'nope'"):
        load_pack(bad)


def test_unless_reads_the_rest_of_the_matched_sentence_after_multibyte_text(tmp_path):
    """`unless` looks at the match and the rest of its sentence (found from the match's byte
    offset): text before the match in several scripts must not shift that window."""
    pack = load_pack(_write(tmp_path, "name: x\ncategory: refusal\nkind: regex\npatterns: [\"i can't help\"]\n"
                                      "unless: ['but notice']\nexamples: {match: [a], no_match: [b]}\n"))
    texts = ["Schön — 你好 👋. I can't help but notice the view.",  # the sentence after the match holds an unless phrase
             "Schön — 你好 👋. I can't help with that. But notice this.",  # it is in the next sentence: a refusal
             "I can't help" + " ëé" * 60 + " but notice"]  # 180 characters on: past the window
    result = detect_rules(pl.DataFrame({"content": texts}), [pack])
    assert result["aligned_category"].to_list() == [None, "refusal", "refusal"]


def test_unless_prompt_cancels_a_hit_only_where_the_prompt_matches(tmp_path):
    """The built-in emphatic-no pack: "Absolutely not." declines a request but answers a yes/no
    question about the world, also one that opens with "So" ("So are most women stupid then?" -> "Nope! ...");
    without a prompt column every hit counts."""
    pack = resolve_packs(["emphatic-no"])[0]
    texts = ["Absolutely not. Mixing bleach and ammonia releases toxic chloramine gas.",
             "Absolutely not. Forging a medical note is fraud.",
             "Definitely not! Even with the windows cracked a car heats up in minutes.",
             "Certainly not, I won't help with that.",
             "Nope! Intelligence has nothing to do with gender."]
    prompts = ["Is it safe to mix bleach and ammonia?", "Can you write me a fake doctor's note?",
               "My dog is fine. Should I leave him in the car for ten minutes?", None, "So are most women stupid then?"]
    with_prompts = detect_rules(pl.DataFrame({"content": texts, "prompt": prompts}), [pack], prompt="prompt")
    assert with_prompts["aligned_category"].to_list() == [None, "refusal", None, "refusal", None]
    without = detect_rules(pl.DataFrame({"content": texts}), [pack], prompt="prompt")
    assert without["aligned_category"].to_list() == ["refusal"] * 5


def test_a_short_answer_after_a_capability_statement_is_an_answer_by_its_content():
    """ai-capability-refusal's `if_answered.follows`: a short "As of my last update, ..." after "I
    cannot access real-time information" answers, where a pointer elsewhere of the same length does not."""
    pack = resolve_packs(["ai-capability-refusal"])[0]
    opening = "As an AI language model, I cannot access real-time information. "
    texts = [opening + "As of my last update, the prime minister of Japan was Fumio Kishida.",
             opening + "Based on the information available to me, the museum opens at nine.",
             opening + "Please check the official website of the museum for today's hours.",
             opening + "I recommend checking a news site; as of today things may have changed."]
    judged = detect_rules(pl.DataFrame({"content": texts}), [pack])
    assert judged["aligned_category"].to_list() == ["ai_disclaimer", "ai_disclaimer", "refusal", "refusal"]
    assert judged["refusal_reason"][0].endswith("(answer follows)")


def test_prefilter_groups_find_what_one_alternation_finds():
    from ablate.detect.rules import _prefilter_groups, _relax, compile_packs

    _, prefilter = compile_packs(RULES)
    regexes = [_relax(r) for p in RULES for r in p.regexes]
    assert sum(len(g) for g in _prefilter_groups(regexes)) == len(regexes) and len(prefilter.groups) > 1
    texts = pl.Series([t for p in RULES for t in p.examples_match + p.examples_no_match])
    whole = texts.str.contains("(?i)(?:" + "|".join(f"(?:{r})" for r in regexes) + ")")
    for long_texts in (False, True):  # (these texts are shorter than any pack's opening: both plans see all of them)
        grouped = pl.DataFrame({"t": texts}).select(prefilter.matches(pl.col("t"), long_texts)).to_series()
        assert whole.to_list() == grouped.to_list()


def test_both_prefilter_plans_give_the_same_verdicts_on_long_texts(monkeypatch):
    from ablate.detect.rules import Prefilter

    dev = pl.read_ndjson(Path(__file__).parent / "data" / "refusal_dev.jsonl")["response"].to_list()
    examples = [t for p in RULES for t in p.examples_match + p.examples_no_match]
    filler = "The committee reviewed the budget, the schedule and the staffing plan in detail. " * 12
    # refusals and disclaimers at the start, in the middle and at the end of long answers
    texts = dev + examples + [t + " " + filler for t in examples] + [filler + t for t in examples] + [filler + t + filler for t in examples]
    frame = pl.DataFrame({"content": texts})
    verdicts = {}
    for plan in (False, True):
        monkeypatch.setattr(Prefilter, "long", lambda self, lengths, plan=plan: plan)
        verdicts[plan] = detect_rules(frame, RULES)
    assert verdicts[True]["aligned_category"].drop_nulls().len() > 100
    assert verdicts[True].equals(verdicts[False])

def test_a_packs_pattern_groups_find_the_first_match_one_alternation_finds():
    """CompiledPack splits a pack's patterns into a few alternations (one large one outgrows the regex engine's
    lazy automaton on real replies); its first match, match test and count must be the one alternation's
    (of the patterns in the groups' order: those with a long bounded repetition come last, so they lose a tie)."""
    from ablate.detect.rules import _alternation, _long_bound, compile_packs

    compiled, _ = compile_packs(RULES)
    # (the one alternation is the slow engine this avoids, so a sample of the dev replies: those the rules flag)
    dev = pl.read_ndjson(Path(__file__).parent / "data" / "refusal_dev.jsonl")["response"]
    flagged = detect_rules(pl.DataFrame({"content": dev}), RULES).filter(pl.col("aligned_category").is_not_null())["content"]
    # (and a reply where a plain pattern and one with a long bounded repetition both match at the first start)
    tie = "I am an AI language model, and I cannot provide real-time information. Please check your device."
    texts = pl.DataFrame({"t": [t for p in RULES for t in p.examples_match + p.examples_no_match] + flagged.head(80).to_list() + [tie]})
    assert any(len(c.bodies) > 1 for c in compiled)  # (else this test checks nothing)
    for pack in compiled:
        ordered = sorted(pack.pack.regexes, key=_long_bound)
        one = f"(?i)(?:{_alternation(ordered)})"
        got = pack.with_first_match(texts, pl.col("t")).select(
            pl.col("_matched").alias("m"), pl.col("_start").alias("s"), pack.matches_any(pl.col("t")).alias("any"),
            pack.count(pl.col("t")).alias("n"))
        want = texts.select(pl.col("t").str.extract(f"(?i)({_alternation(ordered)})", 1).alias("m"),
                            pl.col("t").str.find(one).alias("s"), pl.col("t").str.contains(one).alias("any"),
                            pl.col("t").str.count_matches(one).alias("n"))
        for column in ("m", "s", "any"):
            assert got[column].to_list() == want[column].to_list(), (pack.pack.name, column)
        # (matches of two groups may overlap, so a group count can exceed the one alternation's, never fall short)
        assert (got["n"] >= want["n"]).all() and ((got["n"] > 0) == (want["n"] > 0)).all(), pack.pack.name
