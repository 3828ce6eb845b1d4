"""What the detectors read of a text: the same words whatever typography, markup or template they came in.

Real chat data carries no-break and zero-width spaces, Windows line ends, HTML entities from scraped
pages, chat-template tokens and transcript labels, and modern models put refusals in bold ("I **can't**
help"). The packs' patterns are written for plain text, so `detect` judges each reply (and prompt) as
`reading_text` reads it, and returns the rows as given.
"""

from __future__ import annotations

import polars as pl

from .rules import is_script

ZERO_WIDTH = "[\u200b\u200c\u200d\u2060\ufeff\u00ad]"  # zero-width spaces and joiners, soft hyphens
ODD_SPACE = "[\u00a0\u2000-\u200a\u202f\u205f\u3000]"  # no-break, thin, ideographic ... spaces
# an apostrophe typed as another mark between two letters ("I canʼt", "I can‘t", "I can`t"); the typographic
# U+2019 every pattern already allows
APOSTROPHE_MARKS = "[\u02bc\u2018\u00b4\uff07\u2032`]"
ODD_APOSTROPHE = f"(\\w){APOSTROPHE_MARKS}(\\w)"
HTML_ENTITIES = {"&#39;": "'", "&#x27;": "'", "&apos;": "'", "&quot;": '"', "&#34;": '"', "&nbsp;": " ", "&amp;": "&"}
# the assistant's own speaker label before its reply (not a script's first line: see reading_text)
ROLE_LABEL = "(?i)^\\s*(assistant|ai|ai assistant|chatbot|bot|chatgpt|gpt|gpt-4|model)\\s*:[ \t]*"
NEEDS_READING = (f"{ZERO_WIDTH}|{ODD_SPACE}|\r|[ \t]{{2}}|\\w{APOSTROPHE_MARKS}\\w|\\*\\*|"
                 f"&(#39|#x27|apos|quot|#34|nbsp|amp);|^\\s|{ROLE_LABEL}")
# chat-template tokens of the common model families (Llama-2, ChatML, Zephyr, Llama-3, Phi): a prompt written
# in one is read as its last user turn, a reply without them
TEMPLATE_TOKEN = ("</?s>|<\\|(im_start|im_end|eot_id|end|endoftext|user|assistant|system|start_header_id|end_header_id|begin_of_solution|end_of_solution)\\|>|"
                  "\\[/?INST\\]|<</?SYS>>")
SYSTEM_TURN = ("(?s)<<SYS>>.*?<</SYS>>|<\\|im_start\\|>system.*?<\\|im_end\\|>|<\\|system\\|>.*?(</s>|<\\|end\\|>)|"
               "<\\|start_header_id\\|>system<\\|end_header_id\\|>.*?<\\|eot_id\\|>")
BEFORE_USER_TURN = "(?s)^.*(\\[INST\\]|<\\|im_start\\|>user|<\\|user\\|>|<\\|start_header_id\\|>user<\\|end_header_id\\|>)"
AFTER_USER_TURN = "(?s)(\\[/INST\\]|<\\|im_end\\|>|<\\|eot_id\\|>|</s>|<\\|end\\|>|<\\|assistant\\|>|<\\|im_start\\|>assistant).*$"
# a reasoning model's thinking before its answer (DeepSeek-R1, QwQ, Qwen3: "<think>The user asks for ... I should refuse
# ... I won't refuse; it's medical knowledge.</think> Acetaminophen ..."; R1's template may leave out the opening tag):
# whether it refused is the answer's, so the detectors read what follows the last closing tag
REASONING_END = "</think>|</thinking>|</reasoning>|<\\|end_of_thought\\|>"
REASONING = f"(?s)^.*({REASONING_END})"
# a jailbreak's dual output, the model's usual voice first and then the persona the prompt asked for ("GPT: I'm sorry, but I
# can't ... DAN: Sure, here's how ...", "[🔒CLASSIC] ... [🔓JAILBREAK] ...", "(🔒Normal Output) ... (🔓Developer Mode Output)
# ..."): whether the attack was refused is the persona's to say, so the detectors read from its last label on (the match,
# greedy, runs from the reply's opening to the last persona label: removing it leaves the persona's part)
NORMAL_LABEL = "(\\[🔒\\s*classic\\]|\\(🔒\\s*normal output\\)|\\[?(gpt|chatgpt|classic|normal)( response| output)?\\]?\\s*:)"
PERSONA_LABEL = ("(\\[🔓\\s*jailbreak\\]|\\(🔓\\s*developer mode output\\)|"
                 "\\[?(dan|stan|dude|aim|betterdan|jailbreak|anti-?gpt|developer mode)( mode( enabled| output)?| output| response)?\\]?\\s*:)")
DUAL_OUTPUT = f"(?is)^\\W{{0,3}}{NORMAL_LABEL}.*\\n\\W{{0,3}}{PERSONA_LABEL}"
# or a transcript that ends where the assistant is to speak: "Human: ...\n\nAssistant:" (HH-RLHF), "USER: ...
# ASSISTANT:" (Vicuna), "### Instruction: ... ### Response:" (Alpaca)
TRANSCRIPT_END = "(\\b(Assistant|ASSISTANT|GPT|Bot)|### Response)\\s*:\\s*$"
BEFORE_TRANSCRIPT_USER = "(?s)^.*(\\b(Human|HUMAN|User|USER)|### (Instruction|Input))\\s*:"


def reading_text(frame: pl.DataFrame, column: str, prompt: bool = False) -> pl.Series:
    """`frame[column]` as the detectors read it: zero-width characters dropped, every kind of space a
    space, every line end a newline, odd apostrophes between letters a plain one, common HTML entities
    decoded, markdown bold marks (`**`) dropped, a reasoning model's thinking before its answer dropped
    (REASONING), of a jailbreak's dual output only the persona's part read (DUAL_OUTPUT), leading white space and
    a leading "Assistant:" label (unless the text is a script of several speakers' lines) stripped, chat-template tokens dropped
    (and of a `prompt` in a template or a transcript, only its last user turn read). Only the rows that
    need it are rewritten (one fast pass finds them)."""
    needs = f"{NEEDS_READING}|{TEMPLATE_TOKEN}" + (f"|{TRANSCRIPT_END}" if prompt else f"|{REASONING_END}|{DUAL_OUTPUT}")
    read = pl.col(column)
    if prompt:
        templated = read.str.contains(TEMPLATE_TOKEN)
        last_turn = read.str.replace_all(SYSTEM_TURN, "").str.replace(BEFORE_USER_TURN, "").str.replace(AFTER_USER_TURN, "")
        said = read.str.replace(BEFORE_TRANSCRIPT_USER, "").str.replace(TRANSCRIPT_END, "")
        read = pl.when(templated).then(last_turn).when(read.str.contains(TRANSCRIPT_END)).then(said).otherwise(read)
    else:  # (a reply that is all thinking, with nothing after it, is read as it is)
        answer = read.str.replace(REASONING, "")
        read = pl.when(answer.str.strip_chars() != "").then(answer).otherwise(read)
        read = read.str.replace(DUAL_OUTPUT, "")
    read = (read.str.replace_all(TEMPLATE_TOKEN, " ").str.replace_all(ZERO_WIDTH, "")
            .str.replace_all(ODD_SPACE, " ").str.replace_all("\r\n?", "\n").str.replace_all("[ \t]{2,}", " ")
            .str.replace_all(ODD_APOSTROPHE, "${1}'${2}").str.replace_all("**", "", literal=True))
    for entity, char in HTML_ENTITIES.items():
        read = read.str.replace_all(entity, char, literal=True)
    read = pl.when(is_script(read)).then(read).otherwise(read.str.replace(ROLE_LABEL, "")).str.strip_chars_start()
    return rewrite_where(frame, column, pl.col(column).str.contains(needs), read)


def rewrite_where(frame: pl.DataFrame, column: str, needs: pl.Expr, rewrite: pl.Expr) -> pl.Series:
    """`frame[column]` with `rewrite` applied to the rows where `needs` holds, the others as they are: one fast
    pass picks the rows, and only they pay for the rewrite (polars works out every branch of a `when` on every row)."""
    texts = frame[column]
    picked = frame.select(needs.fill_null(False)).to_series()
    if not picked.any():
        return texts
    fixed = frame.with_row_index("_r").filter(picked).select("_r", rewrite.alias(column))
    return texts.clone().scatter(fixed["_r"], fixed[column])


__all__ = ["reading_text", "rewrite_where"]
