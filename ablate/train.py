"""Fine-tuning: every variant trained with exactly the same settings.

A plain PyTorch loop (transformers for the model, peft for LoRA, accelerate for devices and
`accelerate launch -m ablate.cli train ...` across GPUs), short enough to read: the
conversations are rendered with the tokenizer's chat template, only assistant tokens carry
loss, examples are packed into `max_length` sequences, and the batch order comes from the seed.
Every `save_every` steps the trainable weights, optimizer, scheduler and RNG state go to
`<out>/<variant>/checkpoint/`; a re-run with the same settings and data resumes there and ends
with the same weights as an uninterrupted run. Each variant's `manifest.json` records the
settings and their hash (identical across variants by construction), the data hash, token
counts and timings; `train_log.jsonl` holds loss and tokens/s per step.
"""

from __future__ import annotations

import hashlib
import json
import math
import shutil
import time
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Literal, Sequence

from . import __version__
from .errors import ConfigError, InputError
from .filtering import FilterConfig, load_input
from .io import file_sha256, write_bytes_atomic, write_dir_atomic
from .models import DEFAULT_BASE, load_causal_lm, resolve_model
from .records import MESSAGES, canonical_expr

IGNORE = -100


@dataclass(frozen=True)
class TrainConfig:
    """Every option of `ablate train`, with the same names as the CLI flags and the TOML keys."""

    base: str = DEFAULT_BASE
    method: Literal["lora", "full"] = "lora"
    seed: int = 0
    learning_rate: float = 2e-4
    schedule: Literal["cosine", "linear", "constant"] = "cosine"
    warmup_ratio: float = 0.05
    epochs: float = 1.0
    max_steps: int | None = None  # overrides epochs
    token_budget: int | None = None  # train on this many tokens (sequence slots), the same for every variant
    batch_size: int = 8
    grad_accum: int = 1
    max_length: int = 256
    packing: bool = True
    lora_r: int = 16
    lora_alpha: int = 32
    lora_dropout: float = 0.05
    lora_targets: tuple[str, ...] = ("q_proj", "k_proj", "v_proj", "o_proj")
    merge: bool = False  # LoRA: also write the merged full model
    chat_template: bool = True  # render with the tokenizer's chat template (else a plain User:/Assistant: layout)
    weight_decay: float = 0.0
    max_grad_norm: float = 1.0
    save_every: int = 25
    dtype: Literal["auto", "float32", "bfloat16"] = "auto"  # auto: bf16 on CUDA, fp32 on CPU

    def __post_init__(self) -> None:
        if self.method not in ("lora", "full"):
            raise ConfigError(f"method must be lora or full, not {self.method!r}")
        if self.schedule not in ("cosine", "linear", "constant"):
            raise ConfigError(f"schedule must be cosine, linear or constant, not {self.schedule!r}")
        if self.batch_size < 1 or self.grad_accum < 1 or self.max_length < 16 or self.save_every < 1:
            raise ConfigError("batch_size, grad_accum and save_every must be at least 1, max_length at least 16")
        if self.epochs <= 0 and not self.max_steps and not self.token_budget:
            raise ConfigError("give epochs > 0, max_steps or token_budget")

    def settings(self) -> dict:
        return {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(self).items()}

    def settings_hash(self) -> str:
        return hashlib.sha256(json.dumps(self.settings(), sort_keys=True).encode()).hexdigest()[:16]


# --------------------------------------------------------------------------- data


def read_conversations(path: Path) -> list[list[dict]]:
    """Canonical messages of every row of a data file (any format ablate reads)."""
    loaded = load_input(path, FilterConfig(), 0)
    frame = loaded.frame if MESSAGES in loaded.frame.columns else loaded.frame.with_columns(canonical_expr(loaded.fmt).alias(MESSAGES))
    return [[{"role": m["role"], "content": m["content"] or ""} for m in messages] for messages in frame[MESSAGES].to_list()]


def _render(tokenizer, messages: list[dict], use_template: bool, generation_prompt: bool = False) -> str:
    if use_template and getattr(tokenizer, "chat_template", None):
        return tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=generation_prompt)
    eos = tokenizer.eos_token or ""
    text = "".join(f"{m['role'].capitalize()}: {m['content']}{eos if m['role'] == 'assistant' else ''}\n" for m in messages)
    return text + ("Assistant: " if generation_prompt else "")


def encode(tokenizer, messages: list[dict], use_template: bool = True) -> tuple[list[int], list[int]]:
    """(input_ids, labels) for one conversation; labels are IGNORE except on assistant turns
    (their text and the end-of-turn marker the template puts after it)."""
    full = _render(tokenizer, messages, use_template)
    spans = []
    for i, message in enumerate(messages):
        if message["role"] != "assistant":
            continue
        before = _render(tokenizer, messages[:i], use_template, generation_prompt=True)
        after = _render(tokenizer, messages[: i + 1], use_template)
        if full.startswith(after) and after.startswith(before):
            spans.append((len(before), len(after)))
        else:  # a template that is not prefix-stable: find the content itself
            start = full.find(message["content"], spans[-1][1] if spans else 0)
            if start >= 0:
                spans.append((start, start + len(message["content"])))
    encoded = tokenizer(full, add_special_tokens=False, return_offsets_mapping=True)
    ids, offsets = encoded["input_ids"], encoded["offset_mapping"]
    labels = [token if any(lo <= start < hi for lo, hi in spans) else IGNORE for token, (start, _end) in zip(ids, offsets)]
    return ids, labels


def pack(examples: Sequence[tuple[list[int], list[int]]], max_length: int, packing: bool) -> list[tuple[list[int], list[int]]]:
    """Sequences of at most max_length tokens: examples concatenated greedily (packing) or one
    per sequence; an example longer than max_length is cut. Examples without any assistant
    token left are dropped."""
    sequences, ids, labels = [], [], []
    for example_ids, example_labels in examples:
        example_ids, example_labels = example_ids[:max_length], example_labels[:max_length]
        if all(label == IGNORE for label in example_labels):
            continue
        if not packing or len(ids) + len(example_ids) > max_length:
            if ids:
                sequences.append((ids, labels))
            ids, labels = [], []
        ids, labels = ids + example_ids, labels + example_labels
    if ids:
        sequences.append((ids, labels))
    return sequences


def _batches(n_sequences: int, batch_size: int, total_steps: int, seed: int) -> list[list[int]]:
    """The sequence indices of every optimizer step's batch: a seeded shuffle per epoch."""
    import torch

    order: list[int] = []
    epoch = 0
    while len(order) < total_steps * batch_size:
        generator = torch.Generator().manual_seed(seed * 1000 + epoch)
        order += torch.randperm(n_sequences, generator=generator).tolist()
        epoch += 1
    return [order[i * batch_size:(i + 1) * batch_size] for i in range(total_steps)]


def _collate(sequences, indices, pad_id: int):
    import torch

    width = max(len(sequences[i][0]) for i in indices)
    ids = torch.full((len(indices), width), pad_id, dtype=torch.long)
    labels = torch.full((len(indices), width), IGNORE, dtype=torch.long)
    mask = torch.zeros((len(indices), width), dtype=torch.long)
    for row, i in enumerate(indices):
        seq_ids, seq_labels = sequences[i]
        ids[row, : len(seq_ids)] = torch.tensor(seq_ids)
        labels[row, : len(seq_labels)] = torch.tensor(seq_labels)
        mask[row, : len(seq_ids)] = 1
    return ids, mask, labels


# --------------------------------------------------------------------------- training


def _variant_data(variant_dir: Path) -> Path:
    if variant_dir.is_file():
        return variant_dir
    found = sorted(p for p in variant_dir.glob("data.*") if not p.name.endswith(".tmp"))
    if not found:
        raise InputError(f"{variant_dir}: no data.* file (expected a folder written by ablate variants, or a data file)")
    return found[0]


def train_variant(variant: str | Path, out_dir: str | Path, config: TrainConfig, *,
                  on_step: Callable[[dict], None] | None = None, stop_after: int | None = None) -> dict:
    """Fine-tune the base model on one variant; returns its manifest.

    `stop_after` ends the run after that many optimizer steps of this call, as an interruption
    would (the checkpoint is saved first); tests use it to check that resuming is exact."""
    import torch

    variant = Path(variant)
    data_path = _variant_data(variant)
    name = variant.name if variant.is_dir() else variant.stem
    out = Path(out_dir) / name
    out.mkdir(parents=True, exist_ok=True)
    finished = _finished(out, config, data_path)
    if finished is not None:  # re-running an experiment does not retrain what is already trained
        return finished
    started = time.perf_counter()

    from accelerate import Accelerator

    torch.manual_seed(config.seed)
    # one process: a plain loop on CUDA or CPU; under `accelerate launch`, data parallel across
    # processes: every rank takes its share of each step's batch, gradients are averaged
    accelerator = Accelerator()
    device = accelerator.device
    dtype = {"float32": torch.float32, "bfloat16": torch.bfloat16,
             "auto": torch.bfloat16 if device.type == "cuda" else torch.float32}[config.dtype]
    model, tokenizer = load_causal_lm(config.base, dtype=dtype)
    if config.method == "lora":
        from peft import LoraConfig, get_peft_model

        targets = [t for t in config.lora_targets if any(n.endswith(t) for n, _ in model.named_modules())]
        if not targets:
            raise ConfigError(f"none of the LoRA target modules {', '.join(config.lora_targets)} exist in {config.base}")
        model = get_peft_model(model, LoraConfig(r=config.lora_r, lora_alpha=config.lora_alpha, lora_dropout=config.lora_dropout,
                                                 target_modules=targets, task_type="CAUSAL_LM"))

    conversations = read_conversations(data_path)
    sequences = pack([encode(tokenizer, c, config.chat_template) for c in conversations], config.max_length, config.packing)
    if not sequences:
        raise InputError(f"{data_path}: no conversation has an assistant turn to train on")
    per_step = config.batch_size * config.grad_accum
    if config.max_steps:
        total_steps = config.max_steps
    elif config.token_budget:
        total_steps = max(1, math.ceil(config.token_budget / (per_step * config.max_length)))
    else:
        total_steps = max(1, math.ceil(len(sequences) * config.epochs / per_step))
    plan = _batches(len(sequences), per_step, total_steps, config.seed)

    trainable = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(trainable, lr=config.learning_rate, weight_decay=config.weight_decay)
    model, optimizer = accelerator.prepare(model, optimizer)
    rank, world = accelerator.process_index, accelerator.num_processes
    from transformers import get_scheduler

    scheduler = get_scheduler(config.schedule if config.schedule != "constant" else "constant_with_warmup", optimizer,
                              num_warmup_steps=int(config.warmup_ratio * total_steps), num_training_steps=total_steps)
    identity = {"settings_hash": config.settings_hash(), "data_sha256": file_sha256(data_path), "total_steps": total_steps}
    checkpoint = out / "checkpoint"
    log_path = out / "train_log.jsonl"
    start_step, log = _resume(checkpoint, identity, accelerator.unwrap_model(model), optimizer, scheduler)
    if start_step == 0:
        log = []

    pad_id = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else 0
    model.train()
    steps_this_call = 0
    for step in range(start_step, total_steps):
        tick = time.perf_counter()
        tokens = 0
        loss_sum = 0.0
        for micro in range(config.grad_accum):
            indices = plan[step][micro * config.batch_size:(micro + 1) * config.batch_size][rank::world]
            ids, mask, labels = (t.to(device) for t in _collate(sequences, indices, pad_id))
            loss = model(input_ids=ids, attention_mask=mask, labels=labels).loss / config.grad_accum
            accelerator.backward(loss)
            loss_sum += accelerator.reduce(loss.detach(), reduction="mean").item()
            tokens += int(accelerator.reduce(mask.sum(), reduction="sum"))
        accelerator.clip_grad_norm_(trainable, config.max_grad_norm)
        optimizer.step()
        scheduler.step()
        optimizer.zero_grad(set_to_none=True)
        seconds = time.perf_counter() - tick
        entry = {"step": step + 1, "loss": round(loss_sum, 5), "lr": scheduler.get_last_lr()[0], "tokens": tokens,
                 "seconds": round(seconds, 3), "tokens_per_s": round(tokens / seconds, 1)}
        log.append(entry)
        if on_step:
            on_step({**entry, "total_steps": total_steps, "variant": name})
        steps_this_call += 1
        last = step + 1 == total_steps
        interrupted = stop_after is not None and steps_this_call >= stop_after and not last
        if ((step + 1) % config.save_every == 0 or last or interrupted) and accelerator.is_main_process:
            _save_checkpoint(checkpoint, identity, step + 1, accelerator.unwrap_model(model), optimizer, scheduler, log)
        if interrupted:
            if accelerator.is_main_process:
                write_bytes_atomic(log_path, "".join(json.dumps(e) + "\n" for e in log).encode())
            return {"variant": name, "status": "interrupted", "step": step + 1, "total_steps": total_steps}
    accelerator.wait_for_everyone()
    if not accelerator.is_main_process:
        return {"variant": name, "status": "done on a worker rank"}
    write_bytes_atomic(log_path, "".join(json.dumps(e) + "\n" for e in log).encode())

    model = accelerator.unwrap_model(model)
    model.eval()
    outputs = _save_model(model, tokenizer, out, config)
    import peft
    import transformers

    trained_tokens = sum(e["tokens"] for e in log)
    train_seconds = sum(e["seconds"] for e in log)
    manifest = {
        "stage": "train", "variant": name, "ablate_version": __version__, "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "base": config.base, "base_path": resolve_model(config.base), "settings": config.settings(),
        "settings_hash": identity["settings_hash"], "data": str(data_path), "data_sha256": identity["data_sha256"],
        "conversations": len(conversations), "sequences": len(sequences), "steps": total_steps,
        "tokens_trained": trained_tokens, "tokens_per_s": round(trained_tokens / train_seconds, 1) if train_seconds else None,
        "first_loss": log[0]["loss"], "final_loss": log[-1]["loss"],
        "loss_first_10pct": _mean([e["loss"] for e in log[: max(1, len(log) // 10)]]),
        "loss_last_10pct": _mean([e["loss"] for e in log[-max(1, len(log) // 10):]]),
        "device": device.type, "processes": world, "dtype": str(dtype).replace("torch.", ""), "resumed_from_step": start_step,
        "versions": {"torch": torch.__version__, "transformers": transformers.__version__, "peft": peft.__version__},
        "outputs": outputs, "seconds": round(time.perf_counter() - started, 1),
    }
    write_bytes_atomic(out / "manifest.json", (json.dumps(manifest, indent=2) + "\n").encode())
    shutil.rmtree(checkpoint, ignore_errors=True)  # the finished model supersedes it
    return manifest


def _finished(out: Path, config: TrainConfig, data_path: Path) -> dict | None:
    """The manifest of an earlier run with the same settings on the same data whose outputs exist, else None."""
    try:
        manifest = json.loads((out / "manifest.json").read_text())
    except (OSError, ValueError):
        return None
    same = manifest.get("settings_hash") == config.settings_hash() and manifest.get("data_sha256") == file_sha256(data_path)
    present = all(Path(p).exists() for p in manifest.get("outputs", {}).values())
    return {**manifest, "reused": True} if same and present and manifest.get("outputs") else None


def _mean(values: list[float]) -> float:
    return round(sum(values) / len(values), 5) if values else float("nan")


def _trainable_state(model) -> dict:
    return {k: v.detach().cpu() for k, v in model.named_parameters() if v.requires_grad}


def _save_checkpoint(folder: Path, identity: dict, step: int, model, optimizer, scheduler, log: list[dict]) -> None:
    import torch

    def write(tmp: Path) -> None:
        torch.save({"weights": _trainable_state(model), "optimizer": optimizer.state_dict(), "scheduler": scheduler.state_dict(),
                    "rng": torch.get_rng_state(), "step": step}, tmp / "state.pt")
        (tmp / "identity.json").write_text(json.dumps({**identity, "step": step}))
        (tmp / "log.jsonl").write_text("".join(json.dumps(e) + "\n" for e in log))

    write_dir_atomic(folder, write)


def _resume(folder: Path, identity: dict, model, optimizer, scheduler) -> tuple[int, list[dict]]:
    """The step to start from (0: fresh) and the log so far; a checkpoint from other settings or data is ignored."""
    import torch

    if not (folder / "identity.json").exists():
        return 0, []
    saved = json.loads((folder / "identity.json").read_text())
    if any(saved.get(k) != v for k, v in identity.items()):
        return 0, []
    state = torch.load(folder / "state.pt", weights_only=False)
    missing = set(_trainable_state(model)) - set(state["weights"])
    if missing:
        return 0, []
    with torch.no_grad():
        for name, param in model.named_parameters():
            if param.requires_grad:
                param.copy_(state["weights"][name])
    optimizer.load_state_dict(state["optimizer"])
    scheduler.load_state_dict(state["scheduler"])
    torch.set_rng_state(state["rng"])
    log = [json.loads(line) for line in (folder / "log.jsonl").read_text().splitlines() if line.strip()]
    return state["step"], log


def _save_model(model, tokenizer, out: Path, config: TrainConfig) -> dict:
    """Write the trained model; returns where lm-eval finds it (`model`: a full folder, or `adapter` + base)."""
    outputs: dict[str, str] = {}
    if config.method == "lora":
        write_dir_atomic(out / "adapter", lambda d: (model.save_pretrained(d), tokenizer.save_pretrained(d)))
        outputs["adapter"] = str(out / "adapter")
        if config.merge:
            merged = model.merge_and_unload()
            write_dir_atomic(out / "model", lambda d: (merged.save_pretrained(d, safe_serialization=True), tokenizer.save_pretrained(d)))
            outputs["model"] = str(out / "model")
    else:
        write_dir_atomic(out / "model", lambda d: (model.save_pretrained(d, safe_serialization=True), tokenizer.save_pretrained(d)))
        outputs["model"] = str(out / "model")
    return outputs


def train_variants(variants: Sequence[str | Path], out_dir: str | Path, *, config: TrainConfig | None = None,
                   on_step: Callable[[dict], None] | None = None, **options) -> list[dict]:
    """Fine-tune the base model on each variant with identical settings; returns their manifests.

    Example:
        >>> ablate.train_variants(["runs/x/variants/aligned", "runs/x/variants/filtered"], "runs/x/train", max_steps=20)
    """
    if config is None:
        config = TrainConfig(**{k: tuple(v) if isinstance(v, list) else v for k, v in options.items()})
    elif options:
        raise ConfigError("pass either config= or keyword options, not both")
    if not variants:
        raise ConfigError("no variants given")
    manifests = [train_variant(v, out_dir, config, on_step=on_step) for v in variants]
    if any("steps" not in m for m in manifests):  # a worker rank under accelerate launch: rank 0 reports
        return manifests
    summary = {"stage": "train", "settings_hash": config.settings_hash(), "settings": config.settings(),
               "variants": {m["variant"]: {k: m[k] for k in ("steps", "tokens_trained", "first_loss", "final_loss",
                                                              "tokens_per_s", "outputs")} for m in manifests}}
    write_bytes_atomic(Path(out_dir) / "train.json", (json.dumps(summary, indent=2) + "\n").encode())
    return manifests


train = train_variants  # the name `ablate train` uses

__all__ = ["TrainConfig", "encode", "pack", "train", "train_variant", "train_variants"]
