"""Vectorised MinHash and LSH clustering, bit-compatible with datasketch.

datasketch's per-document loop (`MinHash()`, then `update()` per shingle) spends its time in
Python. Here a whole chunk of documents is shingled by polars, hashed by numpy and reduced with
`np.minimum.reduceat`, on both cores. The signatures are exactly what datasketch computes with
the same permutations (its default `affine32` scheme) and `shingle_hash32` as its `hashfunc`, and
the bands are the ones `datasketch.MinHashLSH` picks, so the clusters are the clusters a
datasketch loop would find: `benchmarks/dedup_speed.py` checks both.

Shingles are word n-grams of the lower-cased text (`\\w+` words). A word hashes to 64 bits
with blake2b (stable across machines and library versions); an n-gram combines its word hashes
polynomially and folds them to 32 bits. A text shorter than n words is one shingle.
"""

from __future__ import annotations

import functools
import hashlib
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Iterable

import numpy as np
import polars as pl

WORD = r"\w+"
_MUL = np.uint64(0x9E3779B97F4A7C15)  # odd 64-bit multiplier that combines word hashes into an n-gram hash
_MASK64 = (1 << 64) - 1
_MUL_INT = int(_MUL)
_MUL_INV = np.uint64(pow(int(_MUL), -1, 1 << 64))
# datasketch's LSH picks bands that minimise a weighted sum of false-positive and false-negative
# probability; every candidate pair is verified afterwards, so a false positive only costs a
# comparison while a false negative is a missed duplicate: weigh misses 19:1.
LSH_WEIGHTS = (0.05, 0.95)
_THREADS = max(1, min(4, os.cpu_count() or 1))
_DOCS_PER_TASK = 200  # documents per numpy task: keeps each (num_perm × shingles) block in cache-sized pieces


def expand_ranges(starts: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """The indices start, start+1, ..., start+count-1 of every (start, count), concatenated."""
    counts = np.asarray(counts, dtype=np.int64)
    offsets = np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts)
    return np.repeat(np.asarray(starts, dtype=np.int64), counts) + offsets


@functools.lru_cache(maxsize=1 << 20)
def word_hash(word: str) -> int:
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(), "little")


def _fmix64(h: np.ndarray) -> np.ndarray:
    h = h ^ (h >> np.uint64(33))
    h = h * np.uint64(0xFF51AFD7ED558CCD)
    h = h ^ (h >> np.uint64(33))
    h = h * np.uint64(0xC4CEB9FE1A85EC53)
    return h ^ (h >> np.uint64(33))


def _fmix32(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's finaliser, as datasketch applies it to every hash value before permuting."""
    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))


def shingle_hash32(shingle: bytes) -> int:
    """The 32-bit hash of one shingle (words joined by spaces): pass it to `datasketch.MinHash(hashfunc=...)`
    to get the signatures this module computes. Slow; for checks and baselines only."""
    h = 0
    for word in shingle.decode("utf-8").split(" "):
        h = (h * _MUL_INT + word_hash(word)) & _MASK64
    h ^= h >> 33  # _fmix64 on a Python int
    h = (h * 0xFF51AFD7ED558CCD) & _MASK64
    h ^= h >> 33
    h = (h * 0xC4CEB9FE1A85EC53) & _MASK64
    return (h ^ (h >> 33)) & 0xFFFFFFFF


def shingles(text: str, ngram: int) -> list[bytes]:
    """The shingles of one text as datasketch would receive them (for checks and baselines).
    Words come from the same polars tokenizer as `tokenize` (its Unicode rules for lower-casing
    and `\\w` differ from Python's re in places, for instance on combining marks)."""
    words = pl.Series([text]).str.to_lowercase().str.extract_all(WORD)[0].to_list()
    if not words:
        return []
    if len(words) <= ngram:
        return [" ".join(words).encode()]
    return [" ".join(words[i:i + ngram]).encode() for i in range(len(words) - ngram + 1)]


@dataclass
class Words:
    """The word hashes of a batch of texts, flat, with each text's word count."""

    hashes: np.ndarray  # uint64
    lengths: np.ndarray  # int64, per text


@dataclass
class Shingled:
    """The n-gram hashes of a batch of texts, flat, with each text's slice."""

    hashes: np.ndarray  # uint64, before folding to 32 bits
    starts: np.ndarray  # int64, per text: first index into hashes
    counts: np.ndarray  # int64, per text: how many shingles (0 for a text without words)


def tokenize(texts: pl.Series) -> Words:
    """Lower-cased `\\w+` words of every text, hashed, without a per-word Python loop
    (only each distinct word is hashed in Python)."""
    words = texts.fill_null("").str.to_lowercase().str.extract_all(WORD)
    lengths = words.list.len().fill_null(0).to_numpy().astype(np.int64)
    flat = words.explode().drop_nulls()  # empty lists explode to nulls
    if not flat.len():
        return Words(np.zeros(0, dtype=np.uint64), lengths)
    vocab = flat.unique()
    codes = flat.cast(pl.Enum(vocab)).to_physical().to_numpy()
    vocab_hashes = np.fromiter((word_hash(w) for w in vocab.to_list()), dtype=np.uint64, count=vocab.len())
    return Words(vocab_hashes[codes], lengths)


def _powers(base: np.uint64, count: int) -> np.ndarray:
    out = np.full(count, base, dtype=np.uint64)
    if count:
        out[0] = 1
        with np.errstate(over="ignore"):
            np.cumprod(out, out=out)
    return out


def ngrams(words: Words, ngram: int) -> Shingled:
    """Word n-gram hashes; a text shorter than n words is one shingle of all its words."""
    lengths = words.lengths
    word_starts = np.zeros(len(lengths), dtype=np.int64)
    np.cumsum(lengths[:-1], out=word_starts[1:])
    counts = np.where(lengths >= ngram, lengths - ngram + 1, np.minimum(lengths, 1))
    starts = np.zeros(len(counts), dtype=np.int64)
    np.cumsum(counts[:-1], out=starts[1:])
    total = int(counts.sum())
    owner = np.repeat(np.arange(len(counts)), counts)
    first = word_starts[owner] + (np.arange(total) - starts[owner])  # each shingle's first word
    span = np.minimum(lengths[owner], ngram)
    # h(i, n) = sum_k w[i+k] * M^(n-1-k) over 64-bit wrap-around arithmetic, for every window at
    # once: with Q[j] = sum_{k<j} w[k] * M^-k (M is odd, so invertible mod 2^64),
    # h(i, n) = M^(i+n-1) * (Q[i+n] - Q[i]).
    n_words = len(words.hashes)
    with np.errstate(over="ignore"):
        powers = _powers(_MUL, n_words)  # M^0 .. M^(N-1)
        prefix = np.zeros(n_words + 1, dtype=np.uint64)
        np.cumsum(words.hashes * _powers(_MUL_INV, n_words), out=prefix[1:])
        last = first + span - 1
        h = powers[last] * (prefix[last + 1] - prefix[first])
    return Shingled(h, starts, counts)


def shingle_batch(texts: pl.Series, ngram: int) -> Shingled:
    return ngrams(tokenize(texts), ngram)


def fold32(hashes: np.ndarray) -> np.ndarray:
    return (_fmix64(hashes) & np.uint64(0xFFFFFFFF)).astype(np.uint32)


class Signer:
    """MinHash signatures with datasketch's permutations for (num_perm, seed)."""

    def __init__(self, num_perm: int = 128, seed: int = 1):
        from datasketch import MinHash

        probe = MinHash(num_perm=num_perm, seed=seed)
        if getattr(probe, "scheme", None) != "affine32":
            raise RuntimeError("ablate needs datasketch >= 2.0 (its affine32 MinHash scheme)")
        a, b = probe.permutations
        self.num_perm, self.seed = num_perm, seed
        self.a = np.ascontiguousarray(a, dtype=np.uint32)[:, None]
        self.b = np.ascontiguousarray(b, dtype=np.uint32)[:, None]

    def sign(self, shingled: Shingled) -> np.ndarray:
        """One uint32 row of num_perm values per text; a text without shingles gets all 0xFFFFFFFF
        (datasketch's empty MinHash)."""
        hv = _fmix32(fold32(shingled.hashes))
        out = np.full((len(shingled.counts), self.num_perm), np.uint32(0xFFFFFFFF), dtype=np.uint32)
        filled = np.flatnonzero(shingled.counts > 0)
        if not len(filled):
            return out

        def block(lo: int) -> None:
            docs = filled[lo:lo + _DOCS_PER_TASK]
            s0 = shingled.starts[docs[0]]
            s1 = shingled.starts[docs[-1]] + shingled.counts[docs[-1]]
            with np.errstate(over="ignore"):
                permuted = self.a * hv[s0:s1]  # (num_perm, shingles): one contiguous row per permutation
                permuted += self.b
            # numpy releases the GIL in these loops, so threads use every core
            out[docs] = np.minimum.reduceat(permuted, shingled.starts[docs] - s0, axis=1).T

        with ThreadPoolExecutor(_THREADS) as pool:
            list(pool.map(block, range(0, len(filled), _DOCS_PER_TASK)))
        return out


@functools.lru_cache(maxsize=32)
def lsh_bands(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows per band) as datasketch's MinHashLSH chooses them for these settings (about 36 ms
    to work out, and every batch's `signature_keys` asks, so it is worked out once per setting)."""
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm, weights=LSH_WEIGHTS)
    return lsh.b, lsh.r


def _groups(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Indices sorted by key, and the boundaries of runs of equal keys."""
    order = np.argsort(keys, kind="stable")
    sorted_keys = keys[order]
    change = np.flatnonzero(sorted_keys[1:] != sorted_keys[:-1]) + 1
    bounds = np.concatenate([[0], change, [len(keys)]])
    return order, bounds


ALL_PAIRS_UP_TO = 64  # LSH buckets up to this size yield all their pairs; larger ones a star and a chain


def _pairs_within(order: np.ndarray, bounds: np.ndarray) -> np.ndarray:
    """Candidate (i, j) pairs, i < j, among the members of each group: all pairs in a group of at
    most ALL_PAIRS_UP_TO members; in a larger one (a template family: its k members would give
    k²/2 pairs) each member with the group's first and with its neighbour, which keeps memory
    linear in the input and in practice joins the same component."""
    sizes = np.diff(bounds)
    member = np.repeat(sizes, sizes)
    group_start = np.repeat(bounds[:-1], sizes)
    group_end = np.repeat(bounds[1:], sizes)
    positions = np.arange(len(order))
    parts = []
    small = (member > 1) & (member <= ALL_PAIRS_UP_TO)
    position, end = positions[small], group_end[small]
    offset = 1
    while len(position):
        keep = position + offset < end
        position, end = position[keep], end[keep]
        if not len(position):
            break
        parts.append(np.stack([order[position], order[position + offset]], axis=1))
        offset += 1
    large = member > ALL_PAIRS_UP_TO
    if large.any():
        position, start, end = positions[large], group_start[large], group_end[large]
        not_first = position != start
        parts.append(np.stack([order[start[not_first]], order[position[not_first]]], axis=1))  # star
        has_next = position + 1 < end
        parts.append(np.stack([order[position[has_next]], order[position[has_next] + 1]], axis=1))  # chain
    if not parts:
        return np.zeros((0, 2), dtype=np.int64)
    return np.sort(np.concatenate(parts), axis=1)


def similarity(signatures: np.ndarray, left: np.ndarray, right: np.ndarray, others: np.ndarray | None = None,
               chunk: int = 200_000) -> np.ndarray:
    """Estimated Jaccard similarity (share of equal signature values) of each pair: rows `left` of
    `signatures` against rows `right` of `others` (default: the same signatures)."""
    others = signatures if others is None else others
    out = np.empty(len(left), dtype=np.float32)
    for lo in range(0, len(left), chunk):
        hi = lo + chunk
        out[lo:hi] = (signatures[left[lo:hi]] == others[right[lo:hi]]).mean(axis=1)
    return out


def _unique(values: np.ndarray) -> np.ndarray:
    """Sorted distinct values (sort-based: for 64-bit keys numpy's hash-based np.unique is slower)."""
    values = np.sort(values)
    return values[np.r_[True, values[1:] != values[:-1]]] if len(values) else values


class ShingleSets:
    """Every document's shingles (32-bit hashes, as datasketch sees them), for the exact Jaccard
    similarity of candidate pairs; distinct values are worked out per pair, when needed."""

    def __init__(self, parts: Iterable[Shingled] = (), *, values: np.ndarray | None = None, sizes: np.ndarray | None = None,
                 starts: np.ndarray | None = None):
        """From shingled batches, or from `values` (all shingles, flat), per-document `sizes` and
        optionally their `starts` in `values` (any of them may be disk memmaps)."""
        if values is None:
            parts = list(parts)
            values = np.concatenate([fold32(p.hashes) for p in parts]) if parts else np.zeros(0, np.uint32)
            sizes = np.concatenate([p.counts for p in parts]) if parts else np.zeros(0, np.int64)
        self.values, self.sizes = values, np.asarray(sizes, dtype=np.int64)  # sizes count repeats
        if starts is None:
            starts = np.zeros(len(self.sizes), dtype=np.int64)
            np.cumsum(self.sizes[:-1], out=starts[1:])
        self.starts = starts
        self._cache: tuple | None = None

    def prepare(self, docs: np.ndarray) -> None:
        """Sort the distinct shingles of these documents (and those prepared before) once, for many `jaccard` calls."""
        docs = _unique(np.asarray(docs, dtype=np.int64) if self._cache is None else np.concatenate([self._cache[0], docs]))
        self._cache = (docs, *self._distinct(docs))

    def _distinct(self, docs: np.ndarray, block: int = 1 << 16) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Sorted distinct shingles of each of `docs` (sorted, unique): flat values (uint32), starts, sizes.
        Worked out `block` documents at a time, so the 64-bit sort keys never exist for all at once."""
        values, sizes = [np.zeros(0, np.uint32)], [np.zeros(0, np.int64)]
        for lo in range(0, len(docs), block):
            part = docs[lo:lo + block]
            owner = np.repeat(np.arange(len(part), dtype=np.uint64), self.sizes[part])
            keys = _unique(owner << np.uint64(32) | self.values[expand_ranges(self.starts[part], self.sizes[part])])
            sizes.append(np.bincount((keys >> np.uint64(32)).astype(np.int64), minlength=len(part)))
            values.append((keys & np.uint64(0xFFFFFFFF)).astype(np.uint32))
        sizes_all = np.concatenate(sizes)
        starts = np.zeros(len(docs), dtype=np.int64)
        np.cumsum(sizes_all[:-1], out=starts[1:])
        return np.concatenate(values), starts, sizes_all

    def jaccard(self, left: np.ndarray, right: np.ndarray, budget: int = 8_000_000) -> np.ndarray:
        """Exact Jaccard similarity of each (left, right) pair.

        Each document's distinct shingles are sorted once; a chunk of pairs is then two sorted
        runs of (pair, shingle) keys, which a stable sort merges in linear time, and a shingle in
        both sets of a pair shows up as two equal neighbours."""
        out = np.empty(len(left), dtype=np.float32)
        if not len(left):
            return out
        wanted = _unique(np.concatenate([left, right]))
        if self._cache is None or not np.isin(wanted, self._cache[0]).all():
            self.prepare(wanted)
        docs, values, starts, sizes = self._cache
        a_all, b_all = np.searchsorted(docs, left), np.searchsorted(docs, right)
        cost = np.cumsum(sizes[a_all] + sizes[b_all])
        lo = 0
        while lo < len(left):
            hi = max(lo + 1, int(np.searchsorted(cost, cost[lo] - (sizes[a_all[lo]] + sizes[b_all[lo]]) + budget)))
            a, b = a_all[lo:hi], b_all[lo:hi]
            pair = np.arange(hi - lo, dtype=np.uint64)
            keys = np.concatenate([np.repeat(pair, sizes[a]) << np.uint64(32) | values[expand_ranges(starts[a], sizes[a])].astype(np.uint64),
                                   np.repeat(pair, sizes[b]) << np.uint64(32) | values[expand_ranges(starts[b], sizes[b])].astype(np.uint64)])
            keys.sort(kind="stable")
            shared = keys[1:][keys[1:] == keys[:-1]] >> np.uint64(32)
            inter = np.bincount(shared.astype(np.int64), minlength=hi - lo)
            out[lo:hi] = inter / np.maximum(sizes[a] + sizes[b] - inter, 1)
            lo = hi
        return out


@dataclass
class Members:
    """The documents that have a near-duplicate (`rows`, sorted) and, for each, its cluster id,
    the cluster's representative (its earliest document) and the similarity to it. Documents not
    listed are in no cluster: the result grows with the duplicates, not with the input."""

    rows: np.ndarray  # int64
    cluster: np.ndarray  # int64, numbered by representative
    representative: np.ndarray  # int64
    similarity: np.ndarray  # float32, 1.0 for representatives
    candidate_pairs: int
    verified_pairs: int  # candidate pairs whose similarity was checked (those already connected are skipped)


@dataclass
class Clusters:
    """Per document: its cluster (-1 when it has no near-duplicate), the cluster's representative
    (the earliest document) and the estimated similarity to it."""

    cluster: np.ndarray  # int64
    representative: np.ndarray  # int64, -1 outside clusters
    similarity: np.ndarray  # float32, 1.0 for representatives, NaN outside clusters
    candidate_pairs: int
    verified_pairs: int

    @classmethod
    def of(cls, n: int, members: Members) -> "Clusters":
        cluster, representative = np.full(n, -1, np.int64), np.full(n, -1, np.int64)
        similarity = np.full(n, np.nan, np.float32)
        cluster[members.rows], representative[members.rows] = members.cluster, members.representative
        similarity[members.rows] = members.similarity
        return cls(cluster, representative, similarity, members.candidate_pairs, members.verified_pairs)


def signature_keys(signatures: np.ndarray, threshold: float) -> tuple[np.ndarray, np.ndarray]:
    """Per document: a 64-bit digest of its whole signature, and one 64-bit key per LSH band.
    This is all that clustering needs of the signatures (16 bytes + 8 per band, instead of
    4 × num_perm), so a long input can be hashed batch by batch and the signatures dropped."""
    bands, rows = lsh_bands(threshold, signatures.shape[1])
    digest = _hash_columns(signatures)
    keys = np.stack([_hash_columns(signatures[:, band * rows:(band + 1) * rows]) for band in range(bands)], axis=1) \
        if len(signatures) else np.zeros((0, bands), dtype=np.uint64)
    return digest, keys


def cluster(signatures: np.ndarray, threshold: float, *, usable: np.ndarray | None = None,
            exact: ShingleSets | None = None) -> Clusters:
    """Connected components of the graph whose edges are document pairs that share an LSH band
    and whose Jaccard similarity is at least `threshold`: exact when the documents' shingle sets
    are given (`exact`), else estimated from the signatures.

    `usable` masks out documents that must not cluster (those without any words).
    """
    digest, keys = signature_keys(signatures, threshold)
    measure = exact.jaccard if exact is not None else (lambda a, b: similarity(signatures, a, b))
    return cluster_keys(digest, keys, threshold, measure, usable=usable, exact=exact)


def cluster_keys(digest: np.ndarray, band_keys: np.ndarray, threshold: float, measure, *,
                 usable: np.ndarray | None = None, exact: ShingleSets | None = None) -> Clusters:
    """`cluster` from precomputed `signature_keys`; `measure(left, right)` gives pair similarities."""
    n = len(digest)
    usable = np.ones(n, dtype=bool) if usable is None else usable
    left, right, same = candidate_pairs(digest, band_keys, usable)
    return Clusters.of(n, clusters_from_pairs(left, right, same, threshold, measure, exact=exact))


def candidate_pairs(digest: np.ndarray, band_keys: np.ndarray, usable: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """LSH candidates of documents held in memory: see `banded_pairs`."""
    ids = np.flatnonzero(usable)

    def rows_of(column, skip):
        if column == "digest":
            yield digest[ids], ids
        else:
            heads = ids if skip is None else ids[~in_sorted(ids, skip)]
            yield band_keys[heads, column], heads

    return banded_pairs(len(digest), rows_of, band_keys.shape[1])


def banded_pairs(n: int, rows_of, bands: int, parts: int = 1, spill=None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """LSH candidates: (left, right) pairs of documents that share a band, and `same`, the
    (first, other) pairs of documents with identical signatures (only the first of those is banded).

    `rows_of(column, skip)` yields (keys, rows) pieces, rows ascending, of the usable documents:
    column "digest" for signature digests, a band number for that band's keys, leaving out the
    rows in `skip` (sorted). With `parts` > 1 each grouping runs one hash partition at a time,
    spilled under the folder `spill`, so memory is bounded by a partition, not the input."""
    from .spill import partitioned

    same_parts = [np.zeros((0, 2), np.int64)]
    # identical signatures are duplicates outright (similarity 1.0): band only one of each
    for keys, rows in partitioned(rows_of("digest", None), parts, spill and spill / "digest"):
        order, bounds = _groups(keys)
        same_parts.append(_pairs_to_head(rows[order], bounds))
    same = np.concatenate(same_parts)
    same = same[np.lexsort((same[:, 1], same[:, 0]))]
    skip = np.sort(same[:, 1])
    candidates = []
    for band in range(bands):
        for keys, rows in partitioned(rows_of(band, skip), parts, spill and spill / f"band{band}"):
            order, bounds = _groups(keys)
            pairs = _pairs_within(order, bounds)
            if len(pairs):
                candidates.append(rows[pairs[:, 0]].astype(np.uint64) * np.uint64(n) + rows[pairs[:, 1]].astype(np.uint64))
    unique = _unique(np.concatenate(candidates)) if candidates else np.zeros(0, dtype=np.uint64)
    return (unique // np.uint64(n)).astype(np.int64), (unique % np.uint64(n)).astype(np.int64), same


def in_sorted(values: np.ndarray, sorted_values: np.ndarray) -> np.ndarray:
    """Which of `values` are in `sorted_values` (sorted): `np.isin` without re-sorting the haystack."""
    if not len(sorted_values):
        return np.zeros(len(values), dtype=bool)
    at = np.minimum(np.searchsorted(sorted_values, values), len(sorted_values) - 1)
    return sorted_values[at] == values


def clusters_from_pairs(left: np.ndarray, right: np.ndarray, same: np.ndarray, threshold: float, measure, *,
                        exact: ShingleSets | None = None) -> Members:
    """Clusters from candidate pairs: verified edges, connected components, representatives.
    Works on the documents named in the pairs only, so its memory follows the candidates."""
    if exact is not None:
        exact.prepare(np.concatenate([left, right, same.ravel()]))
        if len(same):  # equal signatures almost always mean equal sets; make sure
            same = same[exact.jaccard(same[:, 0], same[:, 1]) >= threshold]
    nodes = _unique(np.concatenate([left, right, same.ravel()]).astype(np.int64))
    m = len(nodes)
    local = lambda rows: np.searchsorted(nodes, rows)  # noqa: E731  (document → its place among `nodes`)
    edges_left, edges_right, verified = _verify_until_connected(
        m, local(left), local(right), np.stack([local(same[:, 0]), local(same[:, 1])], axis=1),
        lambda a, b: measure(nodes[a], nodes[b]), threshold)
    labels = _components(m, edges_left, edges_right)
    # components of one document are not clusters; number the rest by their earliest document
    sizes = np.bincount(labels, minlength=labels.max() + 1) if m else np.zeros(0, dtype=np.int64)
    in_cluster = sizes[labels] > 1 if m else np.zeros(0, dtype=bool)
    first = np.full(labels.max() + 1 if m else 0, m, dtype=np.int64)
    np.minimum.at(first, labels, np.arange(m))  # nodes are sorted: the smallest place is the earliest document
    rows = nodes[in_cluster]
    representative = nodes[first[labels[in_cluster]]]
    reps = np.unique(representative)
    sim = measure(rows, representative) if len(rows) else np.zeros(0, np.float32)
    return Members(rows, np.searchsorted(reps, representative).astype(np.int64), representative,
                   np.asarray(sim, dtype=np.float32), int(len(left)), verified)


def _components(n: int, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    graph = coo_matrix((np.ones(len(left), dtype=np.int8), (left, right)), shape=(n, n))
    return connected_components(graph, directed=False)[1]


def _verify_until_connected(n: int, left: np.ndarray, right: np.ndarray, same: np.ndarray, measure, threshold: float,
                            max_rounds: int = 8):
    """The edges among candidate pairs, checking only pairs that can still join two components.

    Each round checks one open pair per current component, then drops the pairs that the edges
    found so far already connect; after `max_rounds` the rest is checked at once. The components are those of checking every pair, at a
    fraction of the cost when clusters are large (k copies of a template give k² candidates).
    Returns (edge lefts, edge rights, pairs checked)."""
    edges_left, edges_right = [same[:, 0]], [same[:, 1]]
    checked = 0
    for round_number in range(max_rounds + 1):
        if not len(left):
            break
        labels = _components(n, np.concatenate(edges_left), np.concatenate(edges_right))
        a, b = labels[left], labels[right]
        open_ = a != b
        left, right, a, b = left[open_], right[open_], a[open_], b[open_]
        if not len(left):
            break
        if round_number < max_rounds:  # one pair per component
            _, pick = np.unique(np.minimum(a, b), return_index=True)
        else:  # the last round takes everything left
            pick = np.arange(len(left))
        ok = measure(left[pick], right[pick]) >= threshold
        checked += len(pick)
        edges_left.append(left[pick][ok])
        edges_right.append(right[pick][ok])
        rest = np.ones(len(left), dtype=bool)
        rest[pick] = False
        left, right = left[rest], right[rest]
    return np.concatenate(edges_left), np.concatenate(edges_right), checked


def _pairs_to_head(sorted_ids: np.ndarray, bounds: np.ndarray) -> np.ndarray:
    """(head, member) for every member of a run of identical signatures beyond its first."""
    sizes = np.diff(bounds)
    heads = np.repeat(sorted_ids[bounds[:-1]], sizes)
    pairs = np.stack([heads, sorted_ids], axis=1)
    return pairs[pairs[:, 0] != pairs[:, 1]]


def _hash_columns(block: np.ndarray) -> np.ndarray:
    """One uint64 per row of a 2-D uint32 array (a hash of its values; candidates are verified later)."""
    h = np.zeros(len(block), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for column in range(block.shape[1]):
            h = h * _MUL + block[:, column].astype(np.uint64)
    return _fmix64(h)


class BandIndex:
    """A fixed set of signatures (say, benchmark items) sorted by LSH band key once, so that many
    batches of queries can look up their near-duplicates without re-hashing the index."""

    def __init__(self, signatures: np.ndarray, threshold: float):
        self.signatures, self.threshold = signatures, threshold
        _, keys = signature_keys(signatures, threshold)
        self.order = np.argsort(keys, axis=0)
        self.sorted_keys = np.take_along_axis(keys, self.order, axis=0)

    def query(self, queries: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(query, index item, estimated similarity) for every pair that shares a band and reaches the threshold."""
        n_index = len(self.signatures)
        if not len(queries) or not n_index:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty, np.zeros(0, dtype=np.float32)
        _, query_keys = signature_keys(queries, self.threshold)
        found = []
        for band in range(query_keys.shape[1]):
            lo = np.searchsorted(self.sorted_keys[:, band], query_keys[:, band], "left")
            hits = np.searchsorted(self.sorted_keys[:, band], query_keys[:, band], "right") - lo
            query = np.repeat(np.arange(len(queries)), hits)
            item = self.order[expand_ranges(lo, hits), band]
            found.append(query.astype(np.uint64) * np.uint64(n_index) + item.astype(np.uint64))
        unique = _unique(np.concatenate(found))
        query, item = (unique // np.uint64(n_index)).astype(np.int64), (unique % np.uint64(n_index)).astype(np.int64)
        sim = similarity(queries, query, item, self.signatures)
        keep = sim >= self.threshold
        return query[keep], item[keep], sim[keep]
