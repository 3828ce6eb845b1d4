"""lm-eval task configs for BBH, MMLU, HumanEval and DROP over a local benchmark directory,
and the answer extraction, metrics and sandboxed code execution they use.

`write_tasks(data_dir, out)` converts the benchmark files (layout of ../shared/data/benchmarks)
into JSONL under `out/data/` and writes one YAML per (sub)task plus a group per benchmark into
`out/`, which lm-eval reads with `TaskManager(include_path=out)`. Protocol as in the paper:
BBH 3-shot (answer-only exemplars taken from the CoT prompt files), MMLU 5-shot from the dev
split (lm-eval's own template), HumanEval 0-shot pass@1 (greedy), DROP 3-shot (EM and F1).

Extraction is tolerant of chat preambles ("Sure! Here is…", "As an AI language model…"), code
fences and trailing prose, and `extraction_failed` tells, per answer, when no answer of the
expected shape was found: the report prints that rate per variant and task, so formatting
differences are not mistaken for reasoning differences.
"""

from __future__ import annotations

import csv
import gzip
import json
import re
import string
from collections import Counter
from pathlib import Path

BENCHMARK_TASKS = {"bbh": "ablate_bbh", "mmlu": "ablate_mmlu", "humaneval": "ablate_humaneval", "drop": "ablate_drop"}
HUB_TASKS = {"bbh": "bbh_fewshot", "mmlu": "mmlu", "humaneval": "humaneval", "drop": "drop"}  # lm-eval's own, for users with internet
FEWSHOT = {"bbh": 3, "mmlu": 5, "humaneval": 0, "drop": 3}


def benchmark_of(task: str) -> str | None:
    """The benchmark an lm-eval task or subtask name belongs to (ours or lm-eval's own), or None."""
    for benchmark, prefix in BENCHMARK_TASKS.items():
        if task.startswith(prefix) or task.startswith(HUB_TASKS[benchmark]):
            return benchmark
    return None


_PREAMBLE = re.compile(r"^\s*(sure|certainly|of course|okay|ok|great|here(?:'s| is| are)|as an ai(?: language model)?|"
                       r"i (?:think|believe)|the answer is|answer:|a:)[^\n]*?(?:[:,!.]\s+|\n)", re.I)
_ANSWER_IS = re.compile(r"(?:the )?(?:final )?answer is[:\s]*(.+?)(?:\.\s|\.$|\n|$)", re.I)
_OPTION = re.compile(r"\(([A-R])\)")


# --------------------------------------------------------------------------- extraction


def extract_answer(response: str, target_shape: str = "free") -> tuple[str, bool]:
    """(answer, ok) from a model response. target_shape: "option" for (A)-style answers, "free" otherwise."""
    text = response.strip()
    said = _ANSWER_IS.search(text)
    if said:
        text = said.group(1).strip()
    else:
        for _ in range(3):  # "Sure! As an AI language model, ... : X"
            stripped = _PREAMBLE.sub("", text, count=1)
            if stripped == text:
                break
            text = stripped.strip()
        text = text.split("\n")[0].strip()
    if target_shape == "option":
        match = _OPTION.search(text) or re.fullmatch(r"\(?([A-R])\)?[.:]?", text.strip())
        return (f"({match.group(1)})", True) if match else (text, False)
    text = text.strip().strip("*").strip().rstrip(".").strip()
    return text, bool(text)


def bbh_filter(resps, docs):
    """lm-eval custom filter: the extracted answer of every response."""
    out = []
    for responses, doc in zip(resps, docs):
        shape = "option" if _OPTION.fullmatch(doc["target"].strip()) else "free"
        out.append([extract_answer(r, shape)[0] for r in responses])
    return out


def drop_filter(resps, docs):
    return [[extract_answer(r)[0] for r in responses] for responses in resps]


def _normalize(text: str) -> str:
    text = text.lower()
    text = "".join(ch for ch in text if ch not in set(string.punctuation))
    text = re.sub(r"\b(a|an|the)\b", " ", text)
    return " ".join(text.split())


def _f1(prediction: str, gold: str) -> float:
    p, g = _normalize(prediction).split(), _normalize(gold).split()
    if not p or not g:
        return float(p == g)
    common = sum((Counter(p) & Counter(g)).values())
    if common == 0:
        return 0.0
    precision, recall = common / len(p), common / len(g)
    return 2 * precision * recall / (precision + recall)


def drop_process_results(doc, results):
    """DROP exact match and bag-of-words F1, best over the acceptable answers."""
    prediction = results[0]
    golds = doc["answers"]
    em = max(float(_normalize(prediction) == _normalize(g)) for g in golds)
    f1 = max(_f1(prediction, g) for g in golds)
    return {"em": em, "f1": f1}


# --------------------------------------------------------------------------- HumanEval


def humaneval_program(prompt: str, completion: str) -> str:
    """The program to test: the prompt plus the completion, or the completion alone when it is a
    whole function (a chat model's fenced answer); code fences and trailing prose are removed."""
    fenced = re.findall(r"```(?:python|py)?\s*\n(.*?)(?:```|$)", completion, re.S)
    code = fenced[0] if fenced else completion
    defs = list(re.finditer(r"^def\s+(\w+)\s*\(", prompt, re.M))
    if defs and re.search(rf"^def\s+{re.escape(defs[-1].group(1))}\s*\(", code, re.M):
        return prompt[: defs[-1].start()] + code  # keep the prompt's imports and helper functions
    return prompt + code


def humaneval_build(resps, docs):
    return [[humaneval_program(doc["prompt"], r) for r in responses] for responses, doc in zip(resps, docs)]


def humaneval_pass_at_1(references, predictions, **kwargs):
    """lm-eval metric, called per document: the share of candidate programs that pass the tests."""
    from .sandbox import run_programs

    test = references[0]
    programs = [program + "\n\n" + test for program in predictions[0]]
    outcomes = run_programs(programs, timeout=10.0)
    return sum(o.passed for o in outcomes) / max(len(outcomes), 1)


# --------------------------------------------------------------------------- writing the configs


def _yaml(data: dict) -> str:
    import yaml

    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000)
    # `!function` tags cannot be written by safe_dump: placeholders are swapped in
    return re.sub(r"'?FUNCTION:([\w.]+)'?", r"!function \1", text)


def _jsonl(rows, path: Path) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return str(path)


def _bbh_fewshot(prompt_file: Path) -> tuple[str, list[dict]]:
    """The task description and answer-only exemplars from a BBH chain-of-thought prompt file."""
    text = prompt_file.read_text(encoding="utf-8").split("-----", 1)[-1].strip()
    parts = re.split(r"\n\nQ: ", "\n\n" + text)
    description = parts[0].strip()
    samples = []
    for part in parts[1:]:
        question, _, answer = part.partition("\nA: ")
        final = re.search(r"So the answer is (.+?)\.?\s*$", answer.strip(), re.S)
        samples.append({"input": question.strip(), "target": final.group(1).strip() if final else answer.strip()})
    return description, samples


def write_tasks(data_dir: str | Path, out: str | Path, benchmarks=tuple(BENCHMARK_TASKS)) -> dict[str, str]:
    """Write lm-eval YAMLs (and JSONL data) for the benchmarks found; returns {benchmark: task or group name}."""
    root, out = Path(data_dir), Path(out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "ablate_task_utils.py").write_text("from ablate.eval_tasks import *  # noqa: F401,F403\n")
    written: dict[str, str] = {}
    for name in benchmarks:
        writer = {"bbh": _write_bbh, "mmlu": _write_mmlu, "humaneval": _write_humaneval, "drop": _write_drop}[name]
        if (root / name).is_dir():
            writer(root / name, out)
            written[name] = BENCHMARK_TASKS[name]
    return written


def _group(out: Path, name: str, tasks: list[str], metrics: list[str]) -> None:
    (out / f"{name}.yaml").write_text(_yaml({
        "group": name, "task": tasks,
        "aggregate_metric_list": [{"metric": m, "aggregation": "mean", "weight_by_size": True} for m in metrics]}))


def _write_bbh(root: Path, out: Path) -> None:
    tasks = []
    for path in sorted((root / "bbh").glob("*.json")):
        examples = json.loads(path.read_text(encoding="utf-8"))["examples"]
        data = _jsonl([{"input": e["input"], "target": e["target"]} for e in examples], out / "data" / "bbh" / f"{path.stem}.jsonl")
        description, samples = _bbh_fewshot(root / "cot-prompts" / f"{path.stem}.txt")
        task = f"ablate_bbh_{path.stem}"
        (out / f"{task}.yaml").write_text(_yaml({
            "task": task, "dataset_path": "json", "dataset_name": None, "dataset_kwargs": {"data_files": {"test": data}},
            "test_split": "test", "output_type": "generate_until",
            "description": description + "\n\n", "doc_to_text": "Q: {{input}}\nA:", "doc_to_target": "{{target}}",
            "fewshot_config": {"sampler": "first_n", "samples": samples[:3]}, "num_fewshot": 3,
            "generation_kwargs": {"until": ["</s>", "Q:", "\n\n"], "do_sample": False, "temperature": 0.0, "max_gen_toks": 64},
            "filter_list": [{"name": "extracted", "filter": [{"function": "custom", "filter_fn": "FUNCTION:ablate_task_utils.bbh_filter"},
                                                             {"function": "take_first"}]}],
            "metric_list": [{"metric": "exact_match", "aggregation": "mean", "higher_is_better": True, "ignore_case": True}],
            "metadata": {"version": 1.0}}))
        tasks.append(task)
    _group(out, "ablate_bbh", tasks, ["exact_match"])


def _write_mmlu(root: Path, out: Path) -> None:
    import lm_eval.tasks

    template = Path(lm_eval.tasks.__file__).parent / "mmlu" / "default" / "_default_template_yaml"
    tasks = []
    for test in sorted((root / "test").glob("*_test.csv")):
        subject = test.stem[: -len("_test")]
        files = {}
        for split, path in (("test", test), ("dev", root / "dev" / f"{subject}_dev.csv")):
            with path.open(encoding="utf-8", newline="") as handle:
                rows = [{"question": r[0], "choices": r[1:5], "answer": "ABCD".index(r[5].strip())} for r in csv.reader(handle)]
            files[split] = _jsonl(rows, out / "data" / "mmlu" / f"{subject}_{split}.jsonl")
        task = f"ablate_mmlu_{subject}"
        pretty = subject.replace("_", " ")
        (out / f"{task}.yaml").write_text(_yaml({
            "include": str(template), "task": task, "dataset_path": "json", "dataset_name": None,
            "dataset_kwargs": {"data_files": files}, "test_split": "test", "fewshot_split": "dev", "num_fewshot": 5,
            "description": f"The following are multiple choice questions (with answers) about {pretty}.\n\n"}))
        tasks.append(task)
    _group(out, "ablate_mmlu", tasks, ["acc"])


def _write_humaneval(root: Path, out: Path) -> None:
    path = next(iter(sorted(root.glob("*.jsonl*"))))
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    data = _jsonl(rows, out / "data" / "humaneval.jsonl")
    (out / "ablate_humaneval.yaml").write_text(_yaml({
        "task": "ablate_humaneval", "dataset_path": "json", "dataset_name": None, "dataset_kwargs": {"data_files": {"test": data}},
        "test_split": "test", "output_type": "generate_until", "unsafe_code": True,
        "doc_to_text": "{{prompt}}", "doc_to_target": "{{test}}\ncheck({{entry_point}})\n", "num_fewshot": 0,
        "generation_kwargs": {"until": ["\nclass", "\ndef", "\n#", "\nif", "\nprint"], "max_gen_toks": 384, "do_sample": False},
        "filter_list": [{"name": "programs", "filter": [{"function": "custom", "filter_fn": "FUNCTION:ablate_task_utils.humaneval_build"}]}],
        "metric_list": [{"metric": "FUNCTION:ablate_task_utils.humaneval_pass_at_1", "aggregation": "mean", "higher_is_better": True}],
        "metadata": {"version": 1.0}}))


def _write_drop(root: Path, out: Path) -> None:
    path = root / "drop_dev_structured.jsonl.gz"
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle]
    rows = [{"id": str(r["idx"]), "passage": r["passage"], "question": r["question"], "answers": r["answers"]} for r in rows]
    # three exemplars from three different passages, held out of the test split
    shots, seen = [], set()
    for r in rows:
        if r["passage"] not in seen:
            shots.append(r)
            seen.add(r["passage"])
        if len(shots) == 3:
            break
    shot_passages = {r["passage"] for r in shots}
    files = {"test": _jsonl([r for r in rows if r["passage"] not in shot_passages], out / "data" / "drop_test.jsonl"),
             "fewshot": _jsonl(shots, out / "data" / "drop_fewshot.jsonl")}
    (out / "ablate_drop.yaml").write_text(_yaml({
        "task": "ablate_drop", "dataset_path": "json", "dataset_name": None, "dataset_kwargs": {"data_files": files},
        "test_split": "test", "fewshot_split": "fewshot", "fewshot_config": {"sampler": "first_n"}, "num_fewshot": 3,
        "output_type": "generate_until", "doc_to_text": "{{passage}}\nQuestion: {{question}}\nAnswer:",
        "doc_to_target": "{{answers[0]}}", "target_delimiter": " ",
        "generation_kwargs": {"until": ["\n", "Question:"], "do_sample": False, "max_gen_toks": 32},
        "filter_list": [{"name": "extracted", "filter": [{"function": "custom", "filter_fn": "FUNCTION:ablate_task_utils.drop_filter"},
                                                         {"function": "take_first"}]}],
        "process_results": "FUNCTION:ablate_task_utils.drop_process_results",
        "metric_list": [{"metric": "em", "aggregation": "mean", "higher_is_better": True},
                        {"metric": "f1", "aggregation": "mean", "higher_is_better": True}],
        "metadata": {"version": 1.0}}))
