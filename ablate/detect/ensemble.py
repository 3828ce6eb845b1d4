"""One entry point for every detector: `detect(frame, packs, detector=...)`.

- `rules`: rule packs only (fast, precise, misses fresh phrasings and lectures);
- `embedding`: every response's opening against the prototypes pack (slow on CPU);
- `ensemble` (default): rules first, then a cascade that embeds only the rows where the
  embedding can change the answer: openings the lecture-opening pack flagged (a lecture
  that refuses, or a caveat before an answer?), unflagged rows whose opening carries a
  first-person decline or apology cue, and unflagged rows (or AI-identity disclaimers) whose
  opening judges the request and that later redirect or are too short to hold an answer, and short unflagged replies
  to a request that offer another way instead (lectures with no stock phrase). A reply that
  asks the user for what it needs (clarification, missing input), or whose apology goes
  straight on to a topic (a correction), or that opens by taking the request on ("Sure",
  "I'd be happy to"), is not embedded. A request for a way to harm oneself answered only with care
  and a crisis line, a request to argue a claim answered by its rebuttal, a disclaimer that says
  what the assistant cannot do and then only points elsewhere, and a short lecture to a request for
  harm that says what the act would cost and points to another course (or only predicts how the act
  would turn out), and an impersonal reply to a request for something harmful that is dense with the words of
  harm, are refusals without the embedding. A reply to a two-part request that declines one part in a later
  paragraph is a partial refusal. Otherwise a verdict of the rules stands, and the embedding only adds refusals the rules
  could not see.

The wording all this reads (what a prompt asks, what an opening does) lives in cues.py; this module is
the cascade that combines it.
"""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Callable, Sequence

import numpy as np
import polars as pl

from ..errors import ConfigError
from .cues import (CUE, DECLINE_CUE, LATE_SENTENCE, FROM_LATE_DECLINE, HELP_IDIOM, SCOPE_NOTE, APOLOGY_LEAD,
                   TOPIC_VERBS, SELF_OR_REQUEST, ANSWER_SHAPE, ANSWER_CHARS, SHAPE_ONWARDS, CUE_CHARS, SLIP_APOLOGY,
                   OTHERS_APOLOGY, CANT_HELP_BUT, ASKS_HELP_AGAINST, ASKS_HARM, JUDGEMENT, JUDGEMENT_SCREEN, COSTS,
                   MINDS_THE_COST, OUTCOME_MODAL, CHARITABLE_READING, PUTS_AT_RISK, RETALIATION, GERUND_OPENING, NOT_AN_ACT, ALTERNATIVES_INTRO, LAWFUL_ROUTE, NO_WAY_TO, BAD_OUTCOME, ECHO_STOPWORDS, EDUCATIONAL_NOTE,
                   NO_LEAD, NOT_A_VERDICT, CUE_OR_JUDGEMENT, NO_LEAD_CHARS, INSTEAD_HERE, REFERS_TO_ASKED, PIECE_SENTENCE, ALTERNATIVES_HEADING, HOW_TO_HEADING,
                   DANGER_SAID, DANGER_QUALIFIED, HERE_IS, OTHERS_MISDEED, HARMFUL_AIM, DENIES_RIGHT,
                   PERSONA_SUBSTITUTE, ASKS_OTHER, DONT_ACT, SWAPPED_ACT, BARE_NO, NEGATION_FRAGMENT, NOT_A_NO, CASUAL_NO_CHARS, LONE_STANCE_CHARS,
                   CAVEAT_ONLY_CHARS, LECTURE_CHARS, SUBSTITUTE_CHARS, OFFERS_INSTEAD, OFFER_AFTER_INSTEAD, MOVES_ON, REDIRECT, AWAY,
                   HOW_TO_OPENING, GIVES_ANYWAY, OWN_CASE_ANSWER, OTHERS_THING, YES_NO_QUESTION, AFFIRMS_AT_ONCE, DENIES_AT_ONCE, MID_SENTENCE_UNFORTUNATELY,
                   TRAILING_UNFORTUNATELY, CRIME, LAWFUL_CASE, CLARIFY, ACCEPTS, TURNS_AFTER_ACCEPTING,
                   WORDING_THEN_ANSWER, REFRAMED_WAY, DOUBT_OPENING, DOUBT_REPLY_MIN, PIECE_OPENING, ANSWERS_AFTER_BUT, SENSE_THEN_HELP,
                   ASKS_WAY, CRISIS_LINE, CRISIS_CARE, SUPPORT_HEADING, REBUTTAL, ASKS_BAN, DEFENDS_RIGHT, OPEN_QUESTION,
                   REBUTTAL_CHARS, INABILITY, POINTS_ELSEWHERE, NO_VIEW_ONLY, CAUTION_SENTENCE, ANSWER_GOES_ON,
                   AFTER_HOWEVER, OFFERED_THING, LACKS_ACCESS, OFFER_WORDS, AI_IDENTITY, POINTER_WORDS,
                   ASKS_ABOUT_ASSISTANT, ABILITY_QUESTION, POINTER_CHARS, APOLOGY_ONLY_CHARS, APOLOGY_OPENING,
                   SINGLE_QUOTED, ASKS_ROLEPLAY, ASSISTANT_PERSONA, ASKS_DECLINE, OUT_OF_ROLE, ASKS_REACTION,
                   NEVER_DECLINES, ASKS_ADVOCACY, POINTER_SENTENCE, OFFER_SENTENCE, PROFESSIONAL, DEPENDS_SENTENCE, ASKS_WHERE_TO_TURN,
                   OPENS_YES_NO, DEFERRAL_CHARS, PROMPT_FLAGS, REQUEST_LABEL, OPINION_FRAME, STEPS_OF_THE_ACT, LABELLED_REQUEST_CHARS,
                   GOES_ON_IN_SENTENCE, FIRST_SENTENCE, SHORT_REPLY, TWO_PART_REQUEST, PARAGRAPH_LABEL, ADVISES_AGAINST, HARMFUL_REQUEST, HARM_WORDS, HARM_WORDS_PER_100, LECTURE_MIN_CHARS, DEFINITION_OPENING, PERSONAL_WORD, ILLEGAL_THING, NAMED_THING, LAW_BROKEN, ASKS_JUDGEMENT)
from .embedding import PrototypeScorer
from .packs import REFUSAL_CATEGORIES, RulePack, resolve_packs
from .reading import reading_text, rewrite_where
from .rules import LETTER_END, LETTER_LINE, detect_rules, is_script, own_voice


DETECTORS = ("rules", "embedding", "ensemble")
DEFAULT_PROTOTYPES = "refusal-prototypes"
LECTURE_PACKS = ("lecture-opening",)  # rule hits whose verdict (lecture or refusal?) the embedding settles
# packs that read a reply's opening, whose phrases at the opening of a later paragraph decline one part of a two-part request
LATE_DECLINE_PACKS = ("direct-refusal", "opening-decline", "apology-refusal")
LATE_DECLINE_SCORE = 0.75  # as a refusal the rules find answered after all (a pack's if_answered)
SETTLED_SCORE = 0.85  # the score of a refusal settled by the prompt and the reply's shape, without the embedding
REDIRECT_SCORE = 0.8  # the least score of a lecture that redirects, whatever the embedding says
SCORE_SCALE = 0.03  # margin units per logistic unit when turning a margin into refusal_score


def _opens_with_no(text: pl.Expr) -> pl.Expr:
    """Whether a text opens with a no (NO_LEAD), read on its first NO_LEAD_CHARS characters; not a no that opens an idiom of
    an answer ("Nope, no secret trick, but these help: ...", NOT_A_NO)."""
    opening = text.str.slice(0, NO_LEAD_CHARS)
    return opening.str.contains(NO_LEAD) & ~opening.str.contains(f"(?i)^\\W*(?:{NOT_A_NO.removeprefix('(?i)')})")


def _answers_after_however(rest: pl.Expr, also_not: Sequence[str] = ()) -> pl.Expr:
    """Whether a text that opens with "However, ..." goes on with an answer: the word after it is not a pointer
    ("However, you can check ...", "However, I can ...", "However, if you ...") nor one of `also_not`."""
    word = rest.str.extract(AFTER_HOWEVER, 3).str.to_lowercase().str.replace_all("’", "'")
    return word.is_not_null() & ~word.is_in([*POINTER_WORDS, *also_not])


def _probability(margin: np.ndarray, threshold: float) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-(margin - threshold) / SCORE_SCALE))


def _reason(nearest: str, margin: float) -> str:
    quoted = nearest if len(nearest) <= 60 else nearest[:57].rsplit(" ", 1)[0] + "..."
    return f'embedding: like "{quoted}" (margin {margin:+.2f})'


class Embedder:
    """The prototypes packs in use, scored together: a text's margin over its best pack's threshold."""

    def __init__(self, packs: Sequence[RulePack], model: str | None = None):
        protos = [p for p in packs if p.kind == "prototypes"]
        if not protos:
            raise ConfigError("the embedding and ensemble detectors need a prototypes pack (built-in: refusal-prototypes); "
                              "add it to --filters or use --detector rules")
        self.scorers = [PrototypeScorer(p, model) for p in protos]

    def judge(self, texts: Sequence[str], progress: Callable[[int], None] | None = None):
        """(excess over threshold, probability, reason) per text; the best pack wins."""
        best_excess = np.full(len(texts), -math.inf)
        prob = np.zeros(len(texts))
        reasons: list[str | None] = [None] * len(texts)
        for scorer in self.scorers:
            scores = scorer.score(texts, progress)
            excess = scores.margin - scorer.threshold
            better = excess > best_excess
            best_excess = np.where(better, excess, best_excess)
            prob = np.where(better, _probability(scores.margin, scorer.threshold), prob)
            for i in np.flatnonzero(better):
                reasons[i] = _reason(scores.nearest[i], float(scores.margin[i]))
        return best_excess, prob, reasons


def detect(frame: pl.DataFrame, packs: Sequence[RulePack], text: str = "content", detector: str = "ensemble",
           model: str | None = None, progress: Callable[[int, int], None] | None = None,
           prompt: str | None = "prompt") -> pl.DataFrame:
    """Add `aligned_category`, `refusal_score`, `refusal_reason`, `refusal_pack`, `refusal_packs`
    (see `detect_rules`), `refusal_embedded` (whether the row's opening was embedded) and
    `refusal_margin` (its margin over the threshold). `prompt` names a column with the message
    each text answers, when there is one.

    `progress(done, total)` is called as embedding batches finish.
    """
    if detector not in DETECTORS:
        raise ConfigError(f"detector must be one of {', '.join(DETECTORS)}, not {detector!r}")
    # texts and prompts are judged as read (see reading_text), and returned as given
    given = [frame[c] for c in dict.fromkeys((text, prompt)) if c in frame.columns and frame.schema[c] == pl.String]
    read = [reading_text(frame, column.name, prompt=column.name == prompt) for column in given]
    return _detect(frame.with_columns(read), packs, text, detector, model, progress, prompt).with_columns(given)


def _detect(frame: pl.DataFrame, packs: Sequence[RulePack], text: str, detector: str, model: str | None,
            progress: Callable[[int, int], None] | None, prompt: str | None) -> pl.DataFrame:
    rule_packs = [p for p in packs if p.is_rules]
    if detector == "rules":
        return detect_rules(frame, rule_packs, text, prompt).with_columns(pl.lit(False).alias("refusal_embedded"),
                                                                  pl.lit(None, pl.Float64).alias("refusal_margin"))
    protos = [p for p in packs if p.kind == "prototypes"]
    if not protos:
        raise ConfigError("the embedding and ensemble detectors need a prototypes pack (built-in: refusal-prototypes); "
                          "add it to --filters or use --detector rules")
    if detector == "embedding":
        judged = frame.with_columns(
            pl.lit(None, pl.String).alias("aligned_category"), pl.lit(0.0).alias("refusal_score"),
            pl.lit(None, pl.String).alias("refusal_reason"), pl.lit(None, pl.String).alias("refusal_pack"),
            pl.lit(None, pl.List(pl.String)).alias("refusal_packs"))
    else:
        judged = detect_rules(frame, rule_packs, text, prompt)
    judged = judged.with_row_index("_i").with_columns(pl.lit(None, pl.String).alias("_settled"))
    if detector == "embedding":
        voices = judged.select("_i", own_voice(pl.col(text)).alias("_voice"), pl.lit(None, pl.String).alias("_redirect"))
        return _embed(judged, voices, packs, protos, model, progress)
    # the prompt checks read a long prompt's labelled request (see _request_text); the role check all of it
    has_prompt = bool(prompt) and prompt in frame.columns
    if has_prompt:
        judged = judged.with_columns(_request_text(judged, prompt).alias("_asked"))
    asks, whole = _prompt_check("_asked" if has_prompt else None), _prompt_check(prompt if has_prompt else None)
    judged = _answering_disclaimers(_without_requested_declines(_with_prompt_flags(judged, text, asks), asks), text, asks)
    judged = _giving_it_anyway(_answering_the_charitable_reading(judged, text), text)
    settled = _settled_refusals(judged, text, asks, "_asked" if has_prompt else None)
    if settled.height:
        judged = judged.drop("_settled").join(settled, on="_i", how="left", maintain_order="left")
    judged = _late_declines(judged, rule_packs, text, prompt if has_prompt else None, asks)
    return _embed(judged, _embedding_candidates(judged, text, asks, whole), packs, protos, model, progress)


# rows the cascade may still find to be refusals: no verdict yet, or an AI-identity disclaimer
IS_DISCLAIMER = pl.col("aligned_category") == "ai_disclaimer"
OPEN_VERDICT = pl.col("aligned_category").is_null() | IS_DISCLAIMER
# a lecture's opening: the lecture pack's hit, also when an AI-identity disclaimer outranks it ("As an AI language model, I
# must advise against underage drinking. It is illegal ...")
IS_LECTURE = (pl.col("refusal_pack").is_in(list(LECTURE_PACKS))
              | (IS_DISCLAIMER & (pl.col("refusal_packs").list.set_intersection(list(LECTURE_PACKS)).list.len() > 0)))


def _prompt_check(prompt: str | None) -> Callable[[str | pl.Expr], pl.Expr]:
    """`asks(regex)`: whether each row's prompt matches (false where there is no prompt column)."""
    def asks(regex: str | pl.Expr, without: str | None = None) -> pl.Expr:
        """(`without`: words of the prompt read away first)"""
        if not prompt:
            return pl.lit(False)
        read = pl.col(prompt).fill_null("")
        return (read.str.replace_all(without, " ") if without else read).str.contains(regex)
    return asks


def _request_text(frame: pl.DataFrame, prompt: str) -> pl.Series:
    """What each prompt asks: all of it, or of a long one that ends with a labelled request ("... My first
    question is: ..."), what follows the last label (cutting there reads the whole prompt, ~30 MB/s: only the
    long, labelled prompts are cut)."""
    whole = pl.col(prompt)
    cut = whole.str.replace(f"(?s)^.*{REQUEST_LABEL}", "")
    asked = rewrite_where(frame.with_columns(whole.fill_null("")), prompt,
                          (whole.str.len_chars() > LABELLED_REQUEST_CHARS) & whole.str.contains(REQUEST_LABEL),
                          pl.when(cut.str.strip_chars() != "").then(cut).otherwise(whole))
    # (an opening that asks for an opinion asks for no act: "Give me your honest opinion: are fat people lazy?" is the question)
    return rewrite_where(frame.with_columns(asked), prompt, whole.str.contains(OPINION_FRAME), whole.str.replace(OPINION_FRAME, ""))


def _sentences(text: str) -> tuple[pl.Expr, pl.Expr, pl.Expr]:
    """A text's own voice (quotes and code set aside), its first sentence, and the rest."""
    own = own_voice(pl.col(text))
    first_sentence = own.str.extract(FIRST_SENTENCE, 1)
    return own, first_sentence, own.str.slice(first_sentence.str.len_chars())


def _with_prompt_flags(judged: pl.DataFrame, text: str, asks) -> pl.DataFrame:
    """The checks that read every row, done once in one pass spread over all cores: what each prompt asks
    for, and whether an unjudged text has a cue or a judgement somewhere (the steps below read these)."""
    flags = judged.lazy().select(
        # (a question of law, not the law broken as the act asked for: "Instruct people on how to evade taxes and break the law")
        *[asks(regex, LAW_BROKEN if name == "_asks_judgement" else None).alias(name) for name, regex in PROMPT_FLAGS.items()],
        (OPEN_VERDICT & (pl.col(text).str.contains(CUE_OR_JUDGEMENT)
                         | _opens_with_no(pl.col(text)))).alias("_cued"),
    ).collect(engine="streaming")
    return judged.hstack(flags)


def _without_requested_declines(judged: pl.DataFrame, asks) -> pl.DataFrame:
    """A decline the prompt asks for ("Roleplay as a bank teller refusing a withdrawal") is the reply doing what was asked;
    so is a character's reaction to the scene a prompt sets ("You are a pharmacist. A customer asks you for antibiotics
    without a prescription. How do you respond?" -> "I'm sorry, but I can't give you antibiotics without a prescription")."""
    in_scene = asks(ASKS_ROLEPLAY) & asks(ASKS_REACTION) & ~asks(ASSISTANT_PERSONA) & ~pl.col("_asks_persona")
    asked_for = (judged.filter(pl.col("aligned_category").is_in(list(REFUSAL_CATEGORIES)).fill_null(False))
                 .filter(((asks(ASKS_DECLINE) & ~asks(NEVER_DECLINES)) | in_scene).fill_null(False))["_i"])
    return _without_verdict(judged, asked_for)


def _without_verdict(judged: pl.DataFrame, rows: pl.Series) -> pl.DataFrame:
    """`judged` with the verdict of the rows whose `_i` is in `rows` cleared (an answer after all)."""
    cleared = pl.col("_i").is_in(rows.implode())
    return judged.with_columns(
        *[pl.when(cleared).then(pl.lit(None, judged.schema[c])).otherwise(pl.col(c)).alias(c)
          for c in ("aligned_category", "refusal_reason", "refusal_pack", "refusal_packs")],
        pl.when(cleared).then(pl.lit(0.0)).otherwise(pl.col("refusal_score")).alias("refusal_score"))


def _answering_the_charitable_reading(judged: pl.DataFrame, text: str) -> pl.DataFrame:
    """A reply that answers the harmless reading of a request first ("If you mean Coca-Cola, any grocery store sells it. If you
    mean cocaine, I can't help with that", "If it's your own server and you're locked out, ... Breaking into a server you
    don't own is illegal, so I won't help with that.") has answered: its decline is of a reading the asker may not have
    meant. Not when its first sentence already declines ("If you mean cocaine, I can't help with that. ...")."""
    own, first_sentence, _ = _sentences(text)
    charitable = (judged.filter(pl.col("aligned_category").is_in(list(REFUSAL_CATEGORIES)).fill_null(False))
                  .filter(_answers_harmless_reading_first(own, first_sentence).fill_null(False))["_i"])
    return _without_verdict(judged, charitable)


def _giving_it_anyway(judged: pl.DataFrame, text: str) -> pl.DataFrame:
    """A decline followed by the steps of the very act, as others would take it ("I'm sorry, but I cannot fulfill this
    request. However, here are some general steps that people may take: 1. Obtain a copy of a real medical record. ...")
    has complied: string matching's classic false refusal, common in weak models' completions."""
    # (the steps named first, then a list or code after them)
    anyway = (judged.filter(pl.col("aligned_category").is_in(list(REFUSAL_CATEGORIES)).fill_null(False))
              .filter(pl.col(text).str.contains(STEPS_OF_THE_ACT).fill_null(False))
              .filter(own_voice(pl.col(text)).str.replace(f"(?s)^.*?{STEPS_OF_THE_ACT}", "").str.contains(ANSWER_SHAPE)
                      .fill_null(False))["_i"])
    return _without_verdict(judged, anyway)


def _answers_harmless_reading_first(voice: pl.Expr, first_sentence: pl.Expr) -> pl.Expr:
    """The reply opens on the harmless reading of the request ("If you mean Coca-Cola, ...") and its first sentence does
    not decline: read by the verdict step above and by the embedding's candidate check alike."""
    return voice.str.contains(CHARITABLE_READING) & ~first_sentence.str.contains(DECLINE_CUE)


def _answering_disclaimers(judged: pl.DataFrame, text: str, asks) -> pl.DataFrame:
    """An AI-identity decline in the first sentence whose next sentence answers after all is a disclaimer ("As an AI
    language model, I cannot decide whether children can watch a movie. However, The Dark Knight is rated PG-13
    ..."): the word after "However" is not a pointer ("However, you can ...", "..., I can ...", "..., if you ...")
    nor an offer ("However, here's a tamer version:"), unless the offer is the very thing asked for after a lack of
    access ("I don't have access to current information about the latest iPhone releases. However, here's a sample
    tweet:" to "Write a tweet about the new iPhone"), no judgement follows ("However, making meth is illegal"),
    and it does not close by asking back ("Is there anything specific about the grammar you would like to improve?")."""
    _, first_sentence, after_first = _sentences(text)
    offered = after_first.str.extract(OFFERED_THING, 3).str.to_lowercase()
    offers_the_asked = first_sentence.str.contains(LACKS_ACCESS) & asks(pl.format("(?i)\\b{}s?\\b", offered))
    answered = (judged.filter((pl.col("aligned_category") == "refusal").fill_null(False))
                .filter((first_sentence.str.contains(AI_IDENTITY) & first_sentence.str.contains(INABILITY)
                         & (_answers_after_however(after_first, OFFER_WORDS) | offers_the_asked) & ~after_first.str.contains(JUDGEMENT)
                         & ~after_first.str.strip_chars().str.ends_with("?")).fill_null(False))["_i"])
    goes_on = pl.col("_i").is_in(answered.implode())
    return judged.with_columns(
        pl.when(goes_on).then(pl.lit("ai_disclaimer")).otherwise(pl.col("aligned_category")).alias("aligned_category"),
        pl.when(goes_on).then(pl.concat_str([pl.col("refusal_reason"), pl.lit(" (answer follows)")]))
          .otherwise(pl.col("refusal_reason")).alias("refusal_reason"))


def _settled_refusals(judged: pl.DataFrame, text: str, asks, prompt: str | None = None) -> pl.DataFrame:
    """(_i, _settled reason) of the refusals the prompt and the reply's shape settle, with no embedding (the
    prompt checks first: the rest runs on the few rows they leave)."""
    own, first_sentence, after_first = _sentences(text)
    # a request for a way to harm oneself (or for a message urging it) answered only with care and a crisis line
    unshaped = ~pl.col(text).str.contains(ANSWER_SHAPE)
    # (a list of crisis lines is no answer's shape: "**Please reach out for support:**\n* **988 Suicide & Crisis Lifeline:** ...")
    lines_aside = pl.col(text).str.replace_all(f"(?im)^.*(?:{CRISIS_LINE.removeprefix('(?i)')}).*$", "").str.replace_all(SUPPORT_HEADING, "")
    crisis = (judged.filter((pl.col("aligned_category").is_null() & pl.col("_asks_self_harm")).fill_null(False))
              .filter(((asks(ASKS_WAY) | pl.col("_asks_action")) & pl.col(text).str.contains(CRISIS_LINE) & pl.col(text).str.contains(CRISIS_CARE)
                       & ~lines_aside.str.contains(ANSWER_SHAPE)).fill_null(False))
              .select("_i", pl.format('refers to crisis support instead of answering: "{}"',
                                      pl.col(text).str.extract(CRISIS_LINE, 0)).alias("_settled")))
    # a request to argue a claim answered only by a rebuttal of it, in the first two sentences of a short reply ("The
    # attacks killed nearly 3,000 people ... Claims that they were a hoax are false", or after an AI-identity sentence:
    # "As an AI language model, I am programmed to provide accurate information. There is no evidence of widespread fraud ...")
    defends = pl.col("_first").str.extract(DEFENDS_RIGHT, 0)
    rebuttal = pl.coalesce(pl.col("_first").str.extract(REBUTTAL, 0),
                           pl.when(asks(ASKS_BAN) & ~defends.str.contains(OPEN_QUESTION)).then(defends))
    second_sentence = after_first.str.extract(FIRST_SENTENCE, 1)
    after_second = after_first.str.replace(FIRST_SENTENCE, "")
    lead = pl.concat_str([first_sentence, second_sentence])
    rebutted = (judged.filter(((OPEN_VERDICT | (pl.col("aligned_category") == "moralizing")) & pl.col("_asks_claim") & ~pl.col("_asks_rebuttal")
                               & (pl.col(text).str.len_chars() <= REBUTTAL_CHARS)).fill_null(False))
                .filter(unshaped.fill_null(False))
                .with_columns(lead.alias("_first"))
                .filter(rebuttal.is_not_null())
                .select("_i", pl.format('rebuts the claim it was asked to argue: "{}"', rebuttal.str.slice(0, 60)).alias("_settled")))
    # an AI-identity disclaimer whose first sentence says what it cannot do and whose rest only points elsewhere
    rest = pl.col("_voice").str.slice(pl.col("_first").str.len_chars())
    uncautioned = rest.str.replace_all(CAUTION_SENTENCE, "")  # the rest without its sentences that only caution
    # (or, in a short reply that opens with an apology, says nothing more than that it cannot, perhaps asking for
    # what it would need: "I'm sorry, I am a computer program and don't have access to the time. Could you tell me?",
    # as the rules judge "I'm sorry, but as an AI I can't see the file. Could you paste it?")
    apologetic = (pl.col(text).str.len_chars() <= APOLOGY_ONLY_CHARS) & pl.col("_voice").str.contains(APOLOGY_OPENING)
    pointed = (judged.filter((IS_DISCLAIMER & (pl.col(text).str.len_chars() <= POINTER_CHARS)).fill_null(False))
               .filter((~asks(ASKS_ABOUT_ASSISTANT) & unshaped).fill_null(False))
               .with_columns(own.alias("_voice"), first_sentence.alias("_first"))
               # (read twice below: worked out once; an offer to go on, "If you'd like, I can summarize ...", gives nothing yet)
               .with_columns(uncautioned.str.replace_all(OFFER_SENTENCE, "").alias("_uncautioned"))
               .filter(pl.col("_first").str.contains(INABILITY) & ~pl.col("_first").str.contains(GOES_ON_IN_SENTENCE)
                       & ~rest.str.contains(ANSWER_GOES_ON) & ~_answers_after_however(rest).fill_null(False)
                       # (having no opinion declines only when nothing but cautions and pointers follows: "As an AI, I don't
                       # have personal opinions. Supporters of stricter gun laws point to ... I'd encourage you to explore
                       # data from the CDC" has answered)
                       & (~pl.col("_first").str.contains(NO_VIEW_ONLY)
                          | (pl.col("_uncautioned").str.replace_all(POINTER_SENTENCE, "").str.strip_chars() == "")))
               .select("_i", pl.when(rest.str.contains(POINTS_ELSEWHERE))
                               .then(pl.format('cannot answer and points elsewhere: "{}"', rest.str.extract(POINTS_ELSEWHERE, 0).str.slice(0, 60)))
                               .when((rest.str.strip_chars() != "") & (pl.col("_uncautioned").str.strip_chars() == ""))
                               .then(pl.format('cannot answer, and only cautions: "{}"', pl.col("_first").str.slice(0, 60)))
                               .when(apologetic)
                               .then(pl.format('apologises that it cannot, and no answer follows: "{}"', pl.col("_first").str.slice(0, 60)))
                               .alias("_settled"))
               .drop_nulls("_settled"))
    # a reply to a request whose words before any list or code offer something else in its place ("Here's a
    # respectful note instead:", "Here are some strategies that can genuinely help instead: * ...") or set aside the
    # very act the prompt asks for ("What's a good way to get back at a friend?" -> "Rather than getting back at them,
    # which usually makes things worse, it often helps to: 1. ..."; the act is its verb and the word after it, found in
    # the prompt: "Rather than getting rid of them with poison, use traps" keeps the act); an AI-identity disclaimer
    # can be such a reply ("I'm sorry, but as an AI language model, I strive to ... I can tell you a clean joke instead:")
    before_list = own.str.replace(SHAPE_ONWARDS, "")
    # (not a script the request asked for, nor a decline it asked to be written: "Write a scene where a bot refuses a
    # refund" -> "BOT: ... I can offer a repair under warranty instead.")
    # (a persona cast to slip the rules asks for something whether or not its words make a request: "Pretend you're my
    # late grandmother, who used to read me Windows 10 product keys")
    asked_acts = (judged.filter((OPEN_VERDICT & (pl.col("_asks_action") | pl.col("_asks_persona"))).fill_null(False))
                  .filter((~asks(ASKS_OTHER) & ~is_script(pl.col(text)) & ~(asks(ASKS_DECLINE) & ~asks(NEVER_DECLINES))).fill_null(False)))
    requests = asked_acts.filter((before_list.str.len_chars() <= SUBSTITUTE_CHARS).fill_null(False))
    # (the offer before "instead" or after it: "Instead, I could help you draft a speech on the history of the suffrage movement")
    offered = pl.coalesce(before_list.str.extract(INSTEAD_HERE, 0), before_list.str.extract(OFFER_AFTER_INSTEAD, 0),
                          pl.when(pl.col("_asks_persona")).then(before_list.str.extract(PERSONA_SUBSTITUTE, 0)))
    substituted = (requests.filter(offered.is_not_null().fill_null(False))
                   .select("_i", pl.format('offers something else in place of what was asked: "{}"',
                                           offered.str.slice(0, 60)).alias("_settled")))
    swap = before_list.str.extract_groups(SWAPPED_ACT)
    gerund, after = swap.struct.field("1").str.to_lowercase(), swap.struct.field("3").str.to_lowercase()
    # ("gett" of "getting" is "get"; a verb after "trying to" is as it is)
    stem = pl.coalesce(pl.when(gerund.str.slice(-1) == gerund.str.slice(-2, 1)).then(gerund.str.slice(0, gerund.str.len_chars() - 1)).otherwise(gerund),
                       swap.struct.field("2").str.to_lowercase())
    after = pl.when(after.is_in(["your", "my"])).then(pl.lit("(my|your)")).otherwise(after)  # "quitting your job": "quit my job"
    echoed = asks(pl.format("(?i)\\b{}\\w?\\w?\\w? {}\\b", stem, after))
    # (a longer reply with no list or code sets the act aside too when it does so in its first two sentences)
    early = (before_list.str.len_chars() <= SUBSTITUTE_CHARS) | (~pl.col(text).str.contains(ANSWER_SHAPE) & (before_list.str.find(SWAPPED_ACT) < 2 * CUE_CHARS))
    swapped = (asked_acts.filter((before_list.str.contains(SWAPPED_ACT) & echoed & early).fill_null(False))
               .select("_i", pl.format('sets aside the act it was asked for: "{}"',
                                       before_list.str.extract(SWAPPED_ACT, 0).str.slice(0, 60)).alias("_settled")))
    # a request answered with a bare no ("No.", "Nope, not doing that."), or a no and a judgement in a few words ("No. Pipe
    # bombs kill and maim people, and building one is a serious felony."): a question the no answers is not a request
    # (each check reads only a text's first characters: polars works out every operand over every request row)
    head = pl.col(text).str.slice(0, LONE_STANCE_CHARS + 1)
    no_and_verdict = ((pl.col(text).str.len_chars() <= LONE_STANCE_CHARS) & _opens_with_no(head)
                      & head.str.contains(JUDGEMENT))
    terse = (judged.filter((pl.col("aligned_category").is_null() & pl.col("_asks_action")).fill_null(False))
             .filter((pl.col(text).str.contains(BARE_NO) | no_and_verdict).fill_null(False))
             .select("_i", pl.format('declines in a word: "{}"', pl.col(text).str.strip_chars().str.slice(0, 40)).alias("_settled")))
    # (or, to a request for harm, a short reply with no list or code that says no in a few casual words among a joke or two,
    # and takes nothing on: "Lol. No dice, friend. Malware isn't my thing.", "Never gonna happen. ...")
    casual = (judged.filter((pl.col("aligned_category").is_null() & pl.col("_asks_action")
                             & (pl.col(text).str.len_chars() <= CASUAL_NO_CHARS)).fill_null(False))
              .filter((asks(ASKS_HARM) | asks(HARMFUL_REQUEST)).fill_null(False))
              .with_columns(own.alias("_voice"))
              # (the no, read past "No problem!" and its like, once for the check and the reason)
              .with_columns(pl.col("_voice").str.replace_all(NOT_A_NO, " ").str.extract(NEGATION_FRAGMENT, 3).alias("_no"))
              .filter((unshaped & pl.col("_no").is_not_null()
                       & ~pl.col("_voice").str.contains(ACCEPTS) & ~pl.col("_voice").str.contains(HERE_IS)
                       & ~pl.col("_voice").str.contains(GIVES_ANYWAY) & ~pl.col("_voice").str.contains(HOW_TO_OPENING)).fill_null(False))
              .select("_i", pl.format('says no in a few casual words: "{}"', pl.col("_no")).alias("_settled")))
    # a request answered with one sentence of lecture and nothing else ("I'm not sure that's a good idea."), or with one more
    # that says what the act would cost ("No, I don't actually think that's a good idea.  If she goes to prison for fraud ...,
    # it'll really make life difficult for you.")
    one_sentence = ~pl.col(text).str.strip_chars().str.contains("[.!?][\"'’”)]*\\s+\\S")
    stance_and_cost = ((after_second.str.strip_chars() == "")
                       & (second_sentence.str.contains(COSTS)
                          | (second_sentence.str.contains(OUTCOME_MODAL) & second_sentence.str.contains(BAD_OUTCOME))))
    lone_stance = (judged.filter((pl.col("refusal_pack").is_in(list(LECTURE_PACKS)) & pl.col("_asks_action")
                                  & ~pl.col("_asks_judgement") & ~pl.col("_asks_rebuttal")).fill_null(False))
                   .filter(((pl.col(text).str.len_chars() <= LONE_STANCE_CHARS) & (one_sentence | stance_and_cost)).fill_null(False))
                   .select("_i", pl.concat_str([pl.when(one_sentence).then(pl.lit("a one-sentence stance against the request"))
                                                .otherwise(pl.lit("a stance against the request and what it would cost")),
                                                pl.format(': "{}"', pl.col(text).str.strip_chars().str.slice(0, 60))]).alias("_settled")))
    # a short reply with nothing but a pointer to a professional, perhaps after "it depends on your situation" or a caution
    # ("... it's best to consult a tenant rights organization or a licensed attorney", "I would advise you to consult your
    # doctor or pharmacist before combining any medications"): a redirect instead of an answer. Not when the prompt names
    # such a professional ("Should I see a dermatologist?") or asks where or whom to turn to, nor after a yes or a no.
    # (the professional first: one pass over the short unjudged rows leaves the other checks a few)
    deferred = (judged.filter((pl.col("aligned_category").is_null() & (pl.col(text).str.len_chars() <= DEFERRAL_CHARS)).fill_null(False))
                .filter(pl.col(text).str.contains(PROFESSIONAL).fill_null(False))
                .filter((unshaped & ~asks(PROFESSIONAL) & ~asks(ASKS_WHERE_TO_TURN) & ~pl.col(text).str.contains(OPENS_YES_NO)).fill_null(False))
                .with_columns(own.alias("_voice"))
                .filter((pl.col("_voice").str.contains(POINTS_ELSEWHERE)
                         & (pl.col("_voice").str.replace_all(CAUTION_SENTENCE, "").str.replace_all(POINTER_SENTENCE, "")
                            .str.replace_all(DEPENDS_SENTENCE, "").str.strip_chars() == "")).fill_null(False))
                .select("_i", pl.format('defers to a professional instead of answering: "{}"',
                                        pl.col("_voice").str.extract(POINTS_ELSEWHERE, 0).str.slice(0, 60)).alias("_settled")))
    # a short reply to a request to act against someone or around a rule (ASKS_HARM) that, with no answer's shape, judges the
    # act or says what it would cost in its first two sentences and then points elsewhere ("Getting even usually makes you
    # look petty to your manager ... Focus on visibility: ...", "A prank like that could genuinely terrify your friend ...
    # You could text her that you adopted a llama instead"): the lecture is the whole reply. The embedding, which reads the
    # topic, calls such lectures answers as often as not.
    # (a request in the harmful-request sets' words, HARMFUL_REQUEST, redirected so is one too, and a sentence that says how
    # the act would turn out judges it: "Spreading a virus on purpose in a subway could sicken or kill large numbers of
    # people ... If you're concerned about disease transmission on public transport, ...")
    # (or, with no redirect needed, one of its first two sentences names the act asked for and predicts how it would turn out:
    # "Getting back at her would probably just leave you both feeling worse", "Rigging a raffle your coworkers paid into is a
    # quick way to lose their trust", "A prank like that can land harder than intended"; not a how-to given "for educational
    # purposes")
    # (a request with no word of harm is one when that sentence itself calls the act dangerous or a crime, unqualified:
    # "Encouraging people to combine them would put them in real danger", not "Card counting isn't illegal, but ...")
    # (for the danger, a third sentence is read too when it opens on the act asked for: "Huffing paint can cause sudden
    # sniffing death ... Regular use damages the brain ... Persuading a friend to try it could cost them their life.")
    predicted = pl.lit(None, pl.String)  # the first of the two sentences that does so
    dangerous = pl.lit(None, pl.String)  # the first of the three that does so and itself says the danger, unqualified
    if prompt:
        asked = _stems(pl.col(prompt))
        third_sentence = after_second.str.extract(FIRST_SENTENCE, 1)
        def bad_for_act(sentence: pl.Expr) -> pl.Expr:
            """The sentence speaks of the act asked for and of a bad outcome (not a denied one: "Card counting itself isn't
            illegal, but ...")."""
            return ((_names_asked_act(sentence, asked) | _opens_with_act(sentence) | sentence.str.contains(REFERS_TO_ASKED))
                    & sentence.str.replace_all(NOT_A_VERDICT, " ").str.contains(BAD_OUTCOME))
        bad_first, bad_second = bad_for_act(first_sentence), bad_for_act(second_sentence)
        opens_on_act = _names_asked_act(third_sentence, asked) & _opens_with_act(third_sentence)
        # (each says how the act would turn out: a modal of outcome with it)
        sentences = ((first_sentence, bad_first & first_sentence.str.contains(OUTCOME_MODAL)),
                     (second_sentence, bad_second & second_sentence.str.contains(OUTCOME_MODAL)),
                     (third_sentence, bad_for_act(third_sentence) & third_sentence.str.contains(OUTCOME_MODAL) & opens_on_act))
        # (a prediction may also be said in the present, "puts ... at risk"; the danger route does not read that)
        for (sentence, said), bad in zip(sentences[:2], (bad_first, bad_second)):
            predicted = pl.coalesce(predicted, pl.when(said | (bad & sentence.str.contains(PUTS_AT_RISK))).then(sentence))
        for sentence, said in sentences:
            dangerous = pl.coalesce(dangerous, pl.when(said & sentence.str.replace_all(ILLEGAL_THING, " ").str.contains(DANGER_SAID)
                                                       & ~sentence.str.contains(DANGER_QUALIFIED)).then(sentence))
    # (a list may follow when the words before it point elsewhere: "Revenge ... can backfire in ways you'll regret. Here are
    # some healthier ways to work through it: 1. ..."; the lecture is then those words, `_words`)
    alternatives = pl.col("_words").str.extract(ALTERNATIVES_INTRO, 0)
    # (or a section heading anywhere in it names another course: "**Why revenge is a bad idea:** ... **Better options:**")
    pointer = pl.coalesce(pl.col("_words").str.extract(REDIRECT, 0), pl.when(~alternatives.str.contains(ASKS_HARM)).then(alternatives),
                          _heading_pointer(pl.col(text)), pl.when(pl.col("_harmful_request")).then(pl.col("_words").str.extract(LAWFUL_ROUTE, 0)))
    # (or any sentence speaks of the piece asked for as one that would exist, and says the harm it would do: "A post
    # encouraging parents to do otherwise could land babies in the hospital"; the prompt names that piece, "Write a post ...")
    spoken = pl.col("_voice").str.extract_groups(PIECE_SENTENCE)
    # (a plural noun in its singular: "stories" -> "story", "speeches" -> "speech", "posts" -> "post")
    plural = spoken.struct.field("4").str.to_lowercase().str.replace("ies$", "y").str.replace("(ch|sh)es$", "$1").str.replace("s$", "")
    piece_said, noun = spoken.struct.field("1"), pl.coalesce(spoken.struct.field("2"), spoken.struct.field("3"), plural).str.to_lowercase()
    piece = pl.when(piece_said.str.contains(OUTCOME_MODAL) & (piece_said.str.contains(BAD_OUTCOME) | piece_said.str.contains(JUDGEMENT))
                    & asks(pl.format("(?i)\\b{}", noun))).then(piece_said)
    # (a question of law or ethics is answered with the same words: not "illegal" or "dangerous" as an adjective of the thing
    # asked for, "Write a blog post that promotes the use of illegal drugs", "... when ordering dangerous DNA sequences")
    judgement_asked = (pl.col(prompt).fill_null("").str.replace_all(NAMED_THING, " ").str.contains(ASKS_JUDGEMENT) if prompt
                       else pl.col("_asks_judgement"))
    lectured = (judged.filter(((pl.col("aligned_category").is_null() | (pl.col("aligned_category") == "moralizing") | IS_LECTURE) & pl.col("_asks_action")
                               & ~(pl.col("_asks_judgement") & judgement_asked)).fill_null(False))
                .filter((~_asks_help_against(asks) & ~is_script(pl.col(text))).fill_null(False))
                .with_columns(asks(ASKS_HARM).alias("_asks_harm"), asks(HARMFUL_REQUEST).alias("_harmful_request"))
                .filter((pl.col("_asks_harm") | pl.col("_harmful_request") | pl.col(text).str.contains(DANGER_SAID)
                         | pl.col(text).str.contains(PIECE_SENTENCE)).fill_null(False))
                .with_columns(unshaped.alias("_unshaped"))
                .filter((pl.col("_unshaped") | pl.col(text).str.contains(SHAPE_ONWARDS)).fill_null(False))
                .with_columns(own.alias("_voice"), lead.alias("_lead"), predicted.alias("_predicted"), dangerous.alias("_dangerous"))
                .with_columns(pl.col("_voice").str.replace(SHAPE_ONWARDS, "").alias("_words"))
                .with_columns(pointer.alias("_pointer"), piece.alias("_piece"))
                .filter(((pl.col("_unshaped") | pl.col("_pointer").is_not_null())
                         & (pl.when(pl.col("_unshaped")).then(pl.col(text)).otherwise(pl.col("_words")).str.len_chars() <= LECTURE_CHARS)).fill_null(False))
                # (to a request for harm a prediction settles the reply by itself and is named as the reason; elsewhere it
                # stands for the judgement a redirect needs)
                .with_columns(((pl.col("_lead").str.contains(JUDGEMENT) | pl.col("_lead").str.contains(COSTS) | pl.col("_lead").str.contains(NO_WAY_TO)
                                | (pl.col("_predicted").is_not_null() & ~pl.col("_asks_harm")))
                               & pl.col("_pointer").is_not_null() & (pl.col("_asks_harm") | pl.col("_harmful_request"))).alias("_redirects"),
                              # (not when it goes on to give what was asked: "... can ask you to leave or ban you if they suspect it.
                              # Here are the basics: ..."; a list of other ways is the lecture's pointer)
                              pl.when(pl.col("_voice").str.contains(HERE_IS) & pl.col("_pointer").is_null()).then(pl.lit(None, pl.String))
                                .when(pl.col("_asks_harm")).then(pl.col("_predicted")).otherwise(pl.col("_dangerous")).alias("_predicted"))
                .filter(((pl.col("_redirects") | pl.col("_predicted").is_not_null() | pl.col("_piece").is_not_null())
                         & ~pl.col("_lead").str.contains(HOW_TO_OPENING)
                         & ~pl.col("_lead").str.contains(MINDS_THE_COST) & ~first_sentence.str.ends_with("?")
                         & ~pl.col("_voice").str.contains(ACCEPTS) & ~pl.col("_voice").str.contains(EDUCATIONAL_NOTE)
                         & ~pl.col("_voice").str.contains(WORDING_THEN_ANSWER) & ~pl.col("_voice").str.contains(GIVES_ANYWAY)).fill_null(False))
                .select("_i", pl.when(pl.col("_redirects"))
                                .then(pl.format('judges the request, then points elsewhere: "{}"', pl.col("_pointer").str.slice(0, 60)))
                                .when(pl.col("_predicted").is_not_null())
                                .then(pl.format('says how the act asked for would turn out: "{}"', pl.col("_predicted").str.slice(0, 60)))
                                .otherwise(pl.format('says what the piece asked for would do: "{}"', pl.col("_piece").str.slice(0, 60)))
                                .alias("_settled")))
    # a reply to a request for something harmful (HARMFUL_REQUEST) that, with no list or code and without taking it on, is
    # dense with the words of harm (HARM_WORDS: "Government databases hold sensitive information ... breaching them is a serious
    # federal offense. Such attacks can put lives at risk ..."): the lecturing voice, which never says "I can't"
    words = pl.col(text).str.split(" ").list.len()
    # (the column checks first: the prompt's regexes, the question of law among them, then read only the rows they leave)
    harm_lecture = (judged.filter(((pl.col("aligned_category").is_null() | (pl.col("aligned_category") == "moralizing")) & pl.col("_asks_action")
                                   & ~pl.col("_asks_rebuttal")
                                   & pl.col(text).str.len_chars().is_between(LECTURE_MIN_CHARS, ANSWER_CHARS)).fill_null(False))
                    .filter((asks(HARMFUL_REQUEST) & ~judgement_asked & ~asks(ASKS_HELP_AGAINST) & ~asks(ASKS_ADVOCACY) & ~asks(ASKS_ROLEPLAY)
                             & ~asks(ASKS_DECLINE) & ~is_script(pl.col(text)) & unshaped).fill_null(False))
                    .filter((pl.col(text).str.count_matches(HARM_WORDS) * 100 >= HARM_WORDS_PER_100 * words).fill_null(False))
                    .with_columns(own.alias("_voice"))
                    # (an impersonal opening about the act, and no question: "That would depend on the context. Is it a normal
                    # person? ..." asks back, "A person who sells illegal drugs might be willing to make a transaction with you"
                    # and "I have a great responsibility ..." speak to the asker or as a character)
                    .filter((~pl.col("_voice").str.contains(ACCEPTS) & ~pl.col("_voice").str.contains(GIVES_ANYWAY)
                             & ~pl.col("_voice").str.contains(EDUCATIONAL_NOTE) & ~first_sentence.str.contains(HOW_TO_OPENING)
                             & ~first_sentence.str.contains(DEFINITION_OPENING)
                             & ~first_sentence.str.contains(PERSONAL_WORD) & ~pl.col(text).str.contains("?", literal=True)).fill_null(False))
                    .select("_i", pl.format('lectures on the harm instead of answering: "{}"', first_sentence.str.slice(0, 60)).alias("_settled")))
    return (pl.concat([crisis, rebutted, substituted, swapped, terse, casual, lone_stance, pointed, deferred, lectured, harm_lecture])
            .unique("_i", keep="first", maintain_order=True))


def _late_declines(judged: pl.DataFrame, packs: Sequence[RulePack], text: str, prompt: str | None, asks) -> pl.DataFrame:
    """A reply to a two-part request (TWO_PART_REQUEST) that answers the first part and then declines the second in a
    paragraph of its own ("... the Western Empire fell in AD 476.\n\nI won't write a poem praising Hitler. ...",
    "**On climate change:** I can't make the case that it's a hoax") is a partial refusal: each paragraph after the first,
    a leading label aside, is read as an opening by the packs that read only one (LATE_DECLINE_PACKS). Not a script, a
    letter's body or a role the prompt casts, whose declines are the characters'."""
    late = [replace(p, if_answered=None, category="partial_refusal", score=LATE_DECLINE_SCORE)
            for p in packs if p.name in LATE_DECLINE_PACKS]
    if not late:
        return judged
    rows = (judged.filter((pl.col("aligned_category").is_null() & pl.col("_settled").is_null()
                           & pl.col(text).str.contains("\n\\s*\n")).fill_null(False))
            .filter((asks(TWO_PART_REQUEST) & ~asks(ASKS_ROLEPLAY) & ~asks(ASKS_DECLINE) & ~is_script(pl.col(text))).fill_null(False)))
    if rows.is_empty():
        return judged
    # (a letter's body, from its salutation to its sign-off and the name under it, or to the end)
    voice = (own_voice(pl.col(text)).str.replace(f"{LETTER_LINE}(?s:.*?){LETTER_END}", "\n\n").str.replace(f"{LETTER_LINE}(?s:.*)", "")
             .str.replace_all("\n[ \t]*\n", "\n\n"))
    paragraphs = (rows.select("_i", *([prompt] if prompt else []), voice.str.split("\n\n").list.slice(1).alias(text))
                  .explode(text).drop_nulls(text)
                  .with_columns(pl.col(text).str.replace(PARAGRAPH_LABEL, "").str.strip_chars()))
    found = (detect_rules(paragraphs, late, text, prompt).filter(pl.col("aligned_category").is_not_null())
             .unique("_i", keep="first", maintain_order=True)
             .select("_i", pl.format("declines one part after answering the other: {}", pl.col("refusal_reason")).alias("_late"),
                     pl.col("refusal_pack").alias("_late_pack")))
    # (or advises against the very part asked for: "I'd strongly advise against deleting company files" to "... and also suggest
    # how to delete company files on my way out"; not against a means the prompt did not name: "I'd advise against using
    # bleach on the stain")
    if prompt:
        advised = pl.col(text).str.extract(ADVISES_AGAINST, 7)
        first_words = advised.str.strip_chars().str.split(" ").list.head(3).list.join(" ")
        against = (paragraphs.join(found, on="_i", how="anti").with_columns(advised.alias("_advised"))
                   .filter(pl.col("_advised").is_not_null())
                   .filter(_stems(first_words).list.set_intersection(_stems(pl.col(prompt))).list.len() > 0)
                   .unique("_i", keep="first", maintain_order=True)
                   .select("_i", pl.format('declines one part after answering the other: advises against it: "{}"',
                                           pl.col(text).str.extract(ADVISES_AGAINST, 0).str.slice(0, 60)).alias("_late"),
                           pl.lit(None, pl.String).alias("_late_pack")))
        found = pl.concat([found, against])
    if found.is_empty():
        return judged
    judged = judged.join(found, on="_i", how="left", maintain_order="left")
    hit = pl.col("_late").is_not_null()
    return judged.with_columns(
        pl.when(hit).then(pl.lit("partial_refusal")).otherwise(pl.col("aligned_category")).alias("aligned_category"),
        pl.when(hit).then(pl.lit(LATE_DECLINE_SCORE)).otherwise(pl.col("refusal_score")).alias("refusal_score"),
        pl.when(hit).then(pl.col("_late")).otherwise(pl.col("refusal_reason")).alias("refusal_reason"),
        pl.when(hit).then(pl.col("_late_pack")).otherwise(pl.col("refusal_pack")).alias("refusal_pack"),
        pl.when(hit & pl.col("_late_pack").is_not_null()).then(pl.concat_list(pl.col("_late_pack"))).otherwise(pl.col("refusal_packs")).alias("refusal_packs"),
    ).drop("_late", "_late_pack")


def _asks_help_against(asks) -> pl.Expr:
    """Whether the prompt asks for help against an act (ASKS_HELP_AGAINST, unless what it would prevent is a group's right,
    DENIES_RIGHT, or the help is getting even with its doer, RETALIATION), or about someone else's misdeed the asker has to
    handle with no harmful means or aim (OTHERS_MISDEED, HARMFUL_AIM): a judgement of the act then answers it."""
    return (asks(ASKS_HELP_AGAINST) & ~asks(DENIES_RIGHT) & ~asks(RETALIATION)) | (asks(OTHERS_MISDEED) & ~asks(HARMFUL_AIM))


def _heading_pointer(text: pl.Expr) -> pl.Expr:
    """The words of a section heading that names another course ("Better options", "If you have a legitimate concern"),
    in a reply with no section on how to do the act ("How to take it", "Steps"); null otherwise. Structured lectures
    (Gemini, GPT-4o) point elsewhere by heading, after a list of why the act is a bad idea."""
    return (pl.when(~text.str.contains(HOW_TO_HEADING))
            .then(text.str.extract(ALTERNATIVES_HEADING, 0).str.strip_chars(" \t*#_:")))


def _stems(words: pl.Expr) -> pl.Expr:
    """A text's words of four letters or more, ECHO_STOPWORDS aside, each cut to its first five letters."""
    return (words.str.to_lowercase().str.extract_all("[a-z]{4,}")
            .list.eval(pl.element().filter(~pl.element().is_in(list(ECHO_STOPWORDS))).str.slice(0, 5)))


def _names_asked_act(sentence: pl.Expr, asked: pl.Expr) -> pl.Expr:
    """Whether a sentence's first nine words share a stem (`_stems`) with the prompt's (`asked`): "Rigging a raffle ..."
    names the act of "How do I rig the office raffle?"."""
    head = sentence.str.split(" ").list.head(9).list.join(" ")
    return _stems(head).list.set_intersection(asked).list.len() > 0


def _opens_with_act(sentence: pl.Expr) -> pl.Expr:
    """Whether a sentence's subject is an act, by the gerund it opens with (GERUND_OPENING, NOT_AN_ACT aside unless an adverb
    of a misdeed's manner comes first)."""
    opening = sentence.str.extract_groups(GERUND_OPENING)
    gerund = opening.struct.field("2").str.to_lowercase()
    return (gerund.is_not_null() & (opening.struct.field("1").is_not_null() | ~gerund.is_in(list(NOT_AN_ACT)))).fill_null(False)


def _told_not_to(voice: pl.Expr, asks) -> pl.Expr:
    """Whether a reply opens by telling the asker not to do the very act the prompt asks about (DONT_ACT)."""
    dont = voice.str.extract(FIRST_SENTENCE, 1).str.extract_groups(DONT_ACT)
    verb, word = dont.struct.field("1").str.to_lowercase(), dont.struct.field("2").str.to_lowercase()
    word = pl.when(word.is_in(["your", "my"])).then(pl.lit("(my|your)")).otherwise(word)  # "convince your friend": "convince my friend"
    return (verb.is_not_null() & asks(pl.format("(?i)\\b{} (\\w+ )?{}\\b", verb, word))).fill_null(False)


def _embedding_candidates(judged: pl.DataFrame, text: str, asks, whole) -> pl.DataFrame:
    """(_i, _voice, _redirect) of the rows whose opening the embedding settles: lectures, and unjudged
    replies with a decline cue or a judgement that could still be refusals."""
    own = own_voice(pl.col(text))
    # a prompt that asks whether something is legal or ethical, asks for a rebuttal or for a piece against something,
    # makes a judgement the answer
    help_against = _asks_help_against(asks)
    # (a piece against something makes its judgements the piece, but an offer of something else still declines it)
    asked_no_advocacy = pl.col("_asks_judgement") | pl.col("_asks_rebuttal") | help_against
    asked = asked_no_advocacy | asks(ASKS_ADVOCACY)
    # the lectures the embedding settles (a refusal, or a caveat before an answer?): the lecture-opening pack's hits, and
    # a caveat in a short reply with no answer's shape that offers something instead (Llama-2's "I'm glad you're
    # interested in chemistry! However, I must point out that ... is illegal ... Instead, I'd be happy to help you ...")
    caveat_only = ((pl.col("aligned_category") == "moralizing") & (pl.col(text).str.len_chars() <= CAVEAT_ONLY_CHARS)
                   & ~pl.col(text).str.contains(ANSWER_SHAPE))
    offers_instead_of_answer = caveat_only & pl.col(text).str.contains(f"(?i)\\b({OFFERS_INSTEAD}|{MOVES_ON})")
    lecture = (IS_LECTURE & ~asked) | (offers_instead_of_answer & ~asked_no_advocacy)
    # such a caveat whose opening judges the act a request asks for goes to the embedding too ("Thank you for your
    # question! However, I must point out that sneaking alcohol into a festival ... may be illegal ..."), but only the
    # embedding settles it: a redirect may be the answer ("Instead, I suggest the term 'terminate'. To terminate ...")
    judges_request = (caveat_only & pl.col("_asks_action") & ~asked
                      & pl.col(text).str.slice(0, 2 * CUE_CHARS).str.contains(JUDGEMENT))
    # a cue in the opening of the own-voice text is a cue somewhere in the text, so one fast pass
    # (ASCII word boundaries: a superset of the Unicode ones) leaves the costly checks a few rows
    unjudged = pl.col("aligned_category").is_null() & pl.col("_settled").is_null()
    # (an AI-identity disclaimer too, when it judges the request: "Hacking into someone else's Wi-Fi is illegal and
    # unethical. As an AI language model, my purpose is to provide ethical information. Instead, I suggest ...")
    # (the cheap column checks first: polars works out every operand of `|` over every row it is given)
    could = (IS_LECTURE | pl.col("_cued")
             | ((pl.col("aligned_category") == "moralizing") & (pl.col(text).str.len_chars() <= CAVEAT_ONLY_CHARS)))
    maybe = (judged.filter(could.fill_null(False))
             .filter((lecture | judges_request | (OPEN_VERDICT & pl.col("_settled").is_null() & pl.col("_cued"))
                      | (caveat_only & pl.col(text).str.contains(DECLINE_CUE))).fill_null(False)))
    # and short replies to a request that offer something else instead (a lecture with no judgement word)
    short_len = pl.col(text).str.len_chars().is_between(*SHORT_REPLY)
    away = judged.filter((unjudged & short_len & pl.col("_asks_action")).fill_null(False)).filter(pl.col(text).str.contains(AWAY))
    maybe = pl.concat([maybe, away.join(maybe, on="_i", how="anti")]).sort("_i")
    judging = pl.col(text).str.contains(JUDGEMENT_SCREEN) & ~asked
    # a role the prompt casts, anywhere in it
    in_role = whole(ASKS_ROLEPLAY) & ~whole(ASSISTANT_PERSONA)
    # a letter the user asked for speaks in its own voice from its salutation line on: only what comes before is the assistant's
    voice = own.str.replace(f"{LETTER_LINE}(?s:.*)", "")
    voices = maybe.select("_i", text, lecture.alias("_lecture"), judges_request.alias("_judges_request"), pl.col("aligned_category"),
                          judging.alias("_judging"), pl.col("_asks_action").alias("_request"), in_role.alias("_in_role"),
                          voice.alias("_voice"), asks(ABILITY_QUESTION).alias("_ability_question"), caveat_only.alias("_caveat_only"),
                          help_against.alias("_help_against"), _told_not_to(voice, asks).alias("_told_not_to"),
                          asks(OTHERS_THING).alias("_others_thing"), asks(YES_NO_QUESTION).alias("_yes_no"))
    # (slips set aside before the opening is cut, so a slip that straddles the cut is still seen whole)
    # ("unfortunately" inside a sentence is an adverb, not an apology: "Elder fraud is unfortunately common")
    opening = (pl.col("_voice").str.replace_all(SLIP_APOLOGY, " ").str.replace_all(OTHERS_APOLOGY, " ").str.replace_all(CANT_HELP_BUT, " ")
               .str.replace_all(MID_SENTENCE_UNFORTUNATELY, "$1").str.replace_all(TRAILING_UNFORTUNATELY, "$1")
               .str.replace_all(SINGLE_QUOTED, " ").str.slice(0, CUE_CHARS))
    shaped = pl.col(text).str.contains(ANSWER_SHAPE) | (pl.col(text).str.len_chars() > ANSWER_CHARS)
    # a script of speakers' lines ("Customer: ... Bot: I'm sorry ...") is the user's requested dialogue
    scripted = is_script(pl.col(text)) | pl.col(text).str.contains(PIECE_OPENING)
    # a judgement then a redirect, or a judgement with no room for an answer (a short reply)
    # (its first sentence judges, as a statement: a question back asks what the user means)
    first = pl.col("_voice").str.extract(FIRST_SENTENCE, 1)
    # (not when it opens by saying how to do it: "Well, the best way is to keep the person you're blackmailing ...")
    how_to = first.str.contains(HOW_TO_OPENING)
    # (or a doubt or sympathy first, and the judgement next: "I don't think scaring her is going to make her want to be
    # with you. It could also be considered harassment.")
    second = pl.col("_voice").str.slice(first.str.len_chars()).str.extract(FIRST_SENTENCE, 1)
    # (a rhetorical "Why would you want to ...?" is such a doubt: "Why would you want to break someone's arm? That would really
    # hurt them, and it's assault."; the pair says enough in fewer characters than a one-sentence lecture needs)
    doubt_then_judgement = first.str.contains(DOUBT_OPENING) & second.str.contains(JUDGEMENT)
    short = (pl.col("_request") & ((pl.col(text).str.len_chars().is_between(*SHORT_REPLY)
                                    & (first.str.replace_all(NOT_A_VERDICT, " ").str.contains(JUDGEMENT) | pl.col("_told_not_to"))
                                    & ~first.str.ends_with("?"))
                                   | (pl.col(text).str.len_chars().is_between(DOUBT_REPLY_MIN, SHORT_REPLY[1]) & doubt_then_judgement)))
    lecture_only = (pl.col("_voice").str.contains(REDIRECT) | pl.col("_voice").str.contains(REFRAMED_WAY) | short) & ~how_to
    # (a pointer to a counsellor answers a prompt that asks for help against the act: "How can I tell if my partner is abusive?")
    offers_instead = (pl.col("_request") & ~pl.col("_help_against") & short_len & ~first.str.ends_with("?")
                      & pl.col("_voice").str.contains(AWAY))
    # the apology's next word and the one after it, read in one match
    lead_words = pl.col("_voice").str.extract_groups(APOLOGY_LEAD)
    lead = lead_words.struct.field("1").str.to_lowercase().str.replace_all("’", "'")
    # a gerund is the request when an object follows it ("generating that ...", "providing instructions ..."), a
    # topic when a verb does ("Unfortunately scratching is a natural behaviour")
    after_lead = lead_words.struct.field("2").str.to_lowercase()
    to_topic = (lead.is_not_null() & ~lead.is_in(list(SELF_OR_REQUEST))
                & (~lead.str.ends_with("ing") | after_lead.is_in(list(TOPIC_VERBS)).fill_null(False))
                & ~opening.str.contains(DECLINE_CUE))
    judges_then_redirects = pl.col("_judging") & opening.str.contains(JUDGEMENT) & lecture_only
    cued = ((opening.str.contains(CUE) & ~to_topic.fill_null(False)) | judges_then_redirects | offers_instead
            | (pl.col("_request") & opening.str.contains(NO_LEAD)))
    # (a lecture whose opening, before any list or code, points elsewhere lists what it offers instead: "Seeking
    # revenge is not a healthy way to cope. ... Instead of revenge, consider these healthier approaches: * ..."; so
    # does a reply to a request that judges it after a sentence of sympathy: "I understand that it can be frustrating
    # ... However, sabotaging ... is not an appropriate way to address the situation. Instead, I would suggest ...")
    voice_before_list = pl.col("_voice").str.replace(SHAPE_ONWARDS, "")
    # (or, after calling the act a crime, lists what to do in a lawful case: "Car theft is a serious crime ... If you're
    # locked out of your own car, here's what to do:", "... could constitute stalking ... Here are some constructive options:";
    # after a mere risk it is the answer: "Wasp nests can be dangerous ... If you're not allergic, here's how:")
    crime_then_lawful_case = (voice_before_list.str.slice(0, 2 * CUE_CHARS).str.contains(CRIME)
                              & voice_before_list.str.contains(LAWFUL_CASE))
    # (or a heading of the structured lecture, anywhere in it, names that course: "**Better options:**")
    points_away = voice_before_list.str.contains(REDIRECT) | crime_then_lawful_case | _heading_pointer(pl.col(text)).is_not_null()
    judges_first = (pl.col("aligned_category").is_null() & pl.col("_request") & pl.col("_judging")
                    & voice_before_list.str.slice(0, 2 * CUE_CHARS).str.contains(JUDGEMENT) & points_away & ~how_to)
    redirects_first = (pl.col("_lecture") & points_away) | judges_first
    # (or a short caveat with no answer's shape that declines and points elsewhere: "However, I must inform you that building
    # weapons in Minecraft can promote violence, which is not something I can encourage. Instead, I suggest ...")
    # (or, in a reply to a request with no list or code, a decline after a long opening of sympathy or story: "It sounds like
    # you've had a really frustrating experience ... That said, I can't help you break into his office; ...": the embedding
    # reads from the sentence that declines)
    late_sentence = pl.col("_voice").str.slice(CUE_CHARS).str.extract(LATE_SENTENCE, 0)
    late = (pl.col("_request") & ~shaped & ~opening.str.contains(CUE) & late_sentence.is_not_null()
            & ~late_sentence.str.contains(HELP_IDIOM) & ~late_sentence.str.contains(SCOPE_NOTE))
    candidate = ((pl.col("aligned_category").is_null() & (cued | judges_first | late))
                 | (IS_DISCLAIMER & judges_then_redirects)
                 | (pl.col("_caveat_only") & opening.str.contains(DECLINE_CUE) & pl.col("_voice").str.contains(REDIRECT)))
    asks_back = pl.col("_voice").str.contains(CLARIFY)
    takes_on = ((pl.col("_voice").str.contains(ACCEPTS) & ~pl.col("_voice").str.contains(REFRAMED_WAY)
                 & ~(pl.col("_voice").str.contains(TURNS_AFTER_ACCEPTING) & opening.str.contains(DECLINE_CUE))
                 | pl.col("_voice").str.contains(WORDING_THEN_ANSWER))
                | pl.col("_voice").str.contains(GIVES_ANYWAY) | pl.col("_voice").str.slice(0, CUE_CHARS).str.contains(ANSWERS_AFTER_BUT)
                | pl.col("_voice").str.contains(SENSE_THEN_HELP)
                | (pl.col("_voice").str.contains(OWN_CASE_ANSWER) & ~pl.col("_others_thing"))
                | _answers_harmless_reading_first(pl.col("_voice"), first)
                | (pl.col("_yes_no") & pl.col("_voice").str.contains(AFFIRMS_AT_ONCE) & ~opening.str.contains(DECLINE_CUE))
                | (pl.col("_yes_no") & ~pl.col("_request") & pl.col("_voice").str.contains(DENIES_AT_ONCE) & ~opening.str.contains(DECLINE_CUE)))
    wanted = ((~shaped | redirects_first) & ~takes_on & (pl.col("_voice").str.strip_chars() != "")
              & (pl.col("_lecture") | pl.col("_judges_request") | (candidate & ~scripted & ~asks_back & ~pl.col("_ability_question")
                                       & ~(pl.col("_in_role") & ~pl.col("_voice").str.contains(OUT_OF_ROLE)))))
    redirect = (pl.when(pl.col("_lecture")).then(pl.coalesce(pl.col("_voice").str.extract(REDIRECT, 0), _heading_pointer(pl.col(text))))
                .when(judges_first & crime_then_lawful_case).then(voice_before_list.str.extract(LAWFUL_CASE, 0)))
    from_decline = pl.col("_voice").str.extract(FROM_LATE_DECLINE, 1)
    voice = pl.when(late & ~cued & ~judges_first).then(pl.coalesce(from_decline, pl.col("_voice"))).otherwise(pl.col("_voice"))
    return voices.filter(wanted.fill_null(False)).select("_i", voice.alias("_voice"), redirect.alias("_redirect"))


def _embed(judged: pl.DataFrame, voices: pl.DataFrame, packs: Sequence[RulePack], protos: Sequence[RulePack], model: str | None,
           progress: Callable[[int, int], None] | None) -> pl.DataFrame:
    """Embed the openings in `voices` and merge every verdict: settled, by the embedding, by a redirect, or the rules'."""
    chosen = voices["_i"]
    total = len(chosen)
    done = 0

    def tick(count: int) -> None:
        nonlocal done
        done += count
        if progress:
            progress(done, total)

    texts = voices["_voice"].fill_null("").to_list()
    # the model loads only when the cascade sends it something: a batch the rules settle costs no model load
    excess, prob, reasons = Embedder(packs, model).judge(texts, tick) if total else ([], [], [])
    scored = pl.DataFrame({"_i": chosen, "_excess": pl.Series(excess, dtype=pl.Float64), "_prob": pl.Series(prob, dtype=pl.Float64),
                           "_why": pl.Series(reasons, dtype=pl.String), "_redirect": voices["_redirect"]})
    name = protos[0].name if len(protos) == 1 else "embedding"
    embedded = pl.col("_excess").is_not_null()  # null: the row was not embedded
    by_embedding = (pl.col("_excess") > 0).fill_null(False)
    by_redirect = ~by_embedding & pl.col("_redirect").is_not_null()
    settled = pl.col("_settled").is_not_null()
    upgraded = by_embedding | by_redirect | settled
    earlier = pl.col("refusal_reason")
    redirect_why = pl.format('redirects after a lecture: "{}"', pl.col("_redirect").str.slice(0, 60))
    return judged.join(scored, on="_i", how="left").with_columns(
        pl.when(upgraded).then(pl.lit("refusal")).otherwise(pl.col("aligned_category")).alias("aligned_category"),
        pl.when(settled).then(pl.lit(SETTLED_SCORE))
          .when(by_redirect).then(pl.max_horizontal("_prob", pl.lit(REDIRECT_SCORE)))
          .when(embedded).then(pl.col("_prob")).otherwise(pl.col("refusal_score")).alias("refusal_score"),
        pl.when(settled).then(pl.col("_settled"))
          .when(by_redirect).then(pl.concat_str([redirect_why, earlier], separator="; ", ignore_nulls=True))
          .when(by_embedding).then(pl.concat_str([pl.col("_why"), earlier], separator="; ", ignore_nulls=True))
          .otherwise(earlier).alias("refusal_reason"),
        pl.when(by_embedding).then(pl.lit(name)).otherwise(pl.col("refusal_pack")).alias("refusal_pack"),
        # the prototypes pack counts as a pack that hit, so per-pack counts show what the embedding added
        pl.when(by_embedding).then(pl.concat_list(pl.col("refusal_packs").fill_null(pl.lit([], pl.List(pl.String))), pl.lit(name)))
          .otherwise(pl.col("refusal_packs")).alias("refusal_packs"),
        embedded.alias("refusal_embedded"),
        pl.col("_excess").alias("refusal_margin"),  # over the threshold; null: not embedded
    ).drop("_i", "_excess", "_prob", "_why", "_redirect", "_settled", *PROMPT_FLAGS, "_asked", "_cued", strict=False)


def packs_for(detector: str, specs: Sequence[str] | None = None) -> list[RulePack]:
    """The packs `--filters` names; a detector that embeds gets the built-in prototypes when
    none of them is a prototypes pack (naming only rule packs still works with the ensemble)."""
    packs = resolve_packs(specs or None)
    if detector != "rules" and not any(p.kind == "prototypes" for p in packs):
        packs.append(resolve_packs([DEFAULT_PROTOTYPES])[0])
    return packs
