"""Benchmark decontamination: which training rows contain a benchmark item.

Two tests, as in the GPT-3 and Llama 2 contamination reports:

- **n-gram overlap**: the share of an item's word 13-grams that occur in the row. Items shorter
  than 13 words are matched as a whole (their full word sequence must occur), and items shorter
  than `min_words` are skipped: "What is 2 + 2?" is not evidence of leakage.
- **MinHash** on word 3-grams for light paraphrase (a few words changed, re-punctuated, wrapped
  in an instruction): how much of the item the row's prompt contains, estimated from the MinHash
  Jaccard similarity J and the shingle counts: |A ∩ B| = J (|A| + |B|) / (1 + J).

A row is contaminated by its best-matching item; the reason names benchmark and item id.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
import polars as pl

from .minhash import BandIndex, Shingled, Signer, expand_ranges, ngrams, tokenize

PARAPHRASE_NGRAM = 3


@dataclass(frozen=True)
class Index:
    """Benchmark items, ready to match: their n-gram hashes (sorted, unique) and which items hold each."""

    items: pl.DataFrame  # benchmark, item_id, text
    gram_hashes: np.ndarray  # uint64, sorted unique
    gram_items_start: np.ndarray  # CSR over gram_items, per gram
    gram_items: np.ndarray  # item index per (gram, item)
    item_grams: np.ndarray  # per item: how many distinct n-grams it has (0: too short, skipped)
    paraphrases: BandIndex  # per item: MinHash of its word 3-grams, banded for lookups
    shingles: np.ndarray  # per item: how many word 3-grams
    ngram: int
    bitmap: np.ndarray  # bool, 2^25: is some item n-gram hash congruent to this value

    @property
    def skipped(self) -> int:
        return int((self.item_grams == 0).sum())

    @functools.cached_property
    def benchmark_of(self) -> list[str]:
        return self.items["benchmark"].to_list()

    @functools.cached_property
    def item_ids(self) -> list[str]:
        return self.items["item_id"].to_list()


_BITMAP_BITS = 25  # a 32 MiB presence bitmap of item n-gram hashes screens out most row n-grams before the exact lookup


def build_index(items: pl.DataFrame, *, ngram: int = 13, min_words: int = 8, paraphrase: float = 0.6, signer: Signer) -> Index:
    """Index benchmark items for `match` with the same `ngram`, `paraphrase` threshold and signer."""
    words = tokenize(items["text"])
    grams = ngrams(words, ngram)
    owner = np.repeat(np.arange(items.height), grams.counts)
    usable = words.lengths[owner] >= min_words
    pairs = (pl.DataFrame({"gram": grams.hashes[usable], "item": owner[usable]})
             .unique().sort("gram", "item"))
    gram_column = pairs["gram"].to_numpy()
    gram_hashes, first = np.unique(gram_column, return_index=True)
    starts = np.append(first, len(pairs)).astype(np.int64)
    item_of = pairs["item"].to_numpy().astype(np.int64)
    item_grams = np.bincount(item_of, minlength=items.height)
    bitmap = np.zeros(1 << _BITMAP_BITS, dtype=bool)
    bitmap[(gram_hashes & np.uint64((1 << _BITMAP_BITS) - 1)).astype(np.int64)] = True
    paraphrase_grams = ngrams(words, PARAPHRASE_NGRAM)
    # candidates down to the Jaccard similarity of an item fully contained in a prompt 1.5x its size
    paraphrases = BandIndex(signer.sign(paraphrase_grams), paraphrase / 1.5)
    return Index(items, gram_hashes, starts, item_of, item_grams, paraphrases, paraphrase_grams.counts, ngram, bitmap)


@dataclass
class Matches:
    """Per row: its best-matching item (-1 for none), how, and how strongly."""

    item: np.ndarray  # int64
    overlap: np.ndarray  # float32: share of the item's n-grams in the row (0 when none)
    similarity: np.ndarray  # float32: estimated share of the item's 3-grams in the prompt (0 when below threshold)
    items_matched: np.ndarray  # int64: how many items the row matched in all


def match(index: Index, grams: Shingled, prompts: Shingled, signer: Signer, *, overlap: float, paraphrase: float) -> Matches:
    """Match one batch of rows against the index: `grams` are the rows' n-grams (`index.ngram`
    words, over prompt and response), `prompts` their prompts' word 3-grams."""
    n = len(grams.counts)
    best_item = np.full(n, -1, dtype=np.int64)
    best_overlap = np.zeros(n, dtype=np.float32)
    best_sim = np.zeros(n, dtype=np.float32)
    matched = np.zeros(n, dtype=np.int64)
    n_items = np.uint64(len(index.item_grams))
    row_item = []  # (row * n_items + item) of every match, to count distinct items per row

    if len(index.gram_hashes) and len(grams.hashes):
        maybe = np.flatnonzero(index.bitmap[(grams.hashes & np.uint64((1 << _BITMAP_BITS) - 1)).astype(np.int64)])
        position = np.searchsorted(index.gram_hashes, grams.hashes[maybe])
        position[position == len(index.gram_hashes)] = 0
        hit = index.gram_hashes[position] == grams.hashes[maybe]
        row = np.repeat(np.arange(n), grams.counts)[maybe[hit]]
        gram = position[hit]
        row_gram = np.unique(row.astype(np.uint64) * np.uint64(len(index.gram_hashes)) + gram.astype(np.uint64))
        row = (row_gram // np.uint64(len(index.gram_hashes))).astype(np.int64)
        gram = (row_gram % np.uint64(len(index.gram_hashes))).astype(np.int64)
        fan = index.gram_items_start[gram + 1] - index.gram_items_start[gram]
        rows = np.repeat(row, fan)
        items = index.gram_items[expand_ranges(index.gram_items_start[gram], fan)]
        keys, counts = np.unique(rows.astype(np.uint64) * n_items + items.astype(np.uint64), return_counts=True)
        key_row, key_item = (keys // n_items).astype(np.int64), (keys % n_items).astype(np.int64)
        share = (counts / index.item_grams[key_item]).astype(np.float32)
        good = share >= overlap
        key_row, key_item, share = key_row[good], key_item[good], share[good]
        row_item.append(keys[good])
        first = _best_per_row(key_row, share)
        best_item[key_row[first]] = key_item[first]
        best_overlap[key_row[first]] = share[first]

    query, item, jaccard = index.paraphrases.query(signer.sign(prompts))
    sizes_q, sizes_i = prompts.counts[query], index.shingles[item]
    sim = (jaccard * (sizes_q + sizes_i) / ((1 + jaccard) * np.maximum(sizes_i, 1))).clip(0, 1).astype(np.float32)
    good = sim >= paraphrase
    query, item, sim = query[good], item[good], sim[good]
    if len(query):
        row_item.append(query.astype(np.uint64) * n_items + item.astype(np.uint64))
        first = _best_per_row(query, sim)
        rows, items, sims = query[first], item[first], sim[first]
        unset = best_item[rows] < 0
        best_item[rows[unset]] = items[unset]
        same = best_item[rows] == items  # the similarity speaks for the reported item only
        best_sim[rows[same]] = sims[same]
    if row_item:
        distinct = np.unique(np.concatenate(row_item))
        np.add.at(matched, (distinct // n_items).astype(np.int64), 1)
    return Matches(best_item, best_overlap, best_sim, matched)


def _best_per_row(rows: np.ndarray, score: np.ndarray) -> np.ndarray:
    """Positions of the highest-scoring entry of each row."""
    order = np.lexsort((-score, rows))
    return order[np.r_[True, rows[order][1:] != rows[order][:-1]]] if len(order) else order


def reasons(index: Index, found: Matches) -> list[str | None]:
    """`benchmark mmlu item anatomy/test/12: 92% of its 13-grams (+2 more items)` per row, None when clean."""
    benchmarks, item_ids = index.benchmark_of, index.item_ids
    out: list[str | None] = []
    for item, share, sim, count in zip(found.item.tolist(), found.overlap.tolist(), found.similarity.tolist(),
                                       found.items_matched.tolist()):
        if item < 0:
            out.append(None)
            continue
        evidence = []
        if share > 0:
            evidence.append(f"{share:.0%} of its {index.ngram}-grams")
        if sim > 0:
            evidence.append(f"~{sim:.0%} of its 3-grams by MinHash")
        more = f" (+{count - 1} more item{'s' if count > 2 else ''})" if count > 1 else ""
        out.append(f"benchmark {benchmarks[item]} item {item_ids[item]}: {', '.join(evidence)}{more}")
    return out
