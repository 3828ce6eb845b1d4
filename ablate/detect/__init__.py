"""Refusal detectors. A detector takes a frame of texts and adds `aligned_category`,
`refusal_score` and `refusal_reason`; it never drops a row."""

from .packs import CATEGORIES, REFUSAL_CATEGORIES, RulePack, builtin_packs, load_pack, resolve_packs
from .rules import compile_packs, detect_rules

__all__ = ["CATEGORIES", "REFUSAL_CATEGORIES", "RulePack", "builtin_packs", "compile_packs", "detect_rules",
           "load_pack", "resolve_packs"]
