"""ablate: measure the alignment tax of instruction-tuning data.

The public API mirrors the CLI: every `ablate <command>` is a function here.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("ablate")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"

from .dataset import Dataset, read_dataset, write_dataset  # noqa: E402
from .detect import RulePack, detect_rules, load_pack, resolve_packs  # noqa: E402
from .dedup import DedupConfig, DedupReport, dedup_dataset  # noqa: E402
from .evaluate import evaluate_models  # noqa: E402
from .report import build_report  # noqa: E402
from .pipeline import run_experiment  # noqa: E402
from .safety import SafetyConfig, audit  # noqa: E402
from .train import TrainConfig, train_variants  # noqa: E402
from .variants import VariantsConfig, build_variants  # noqa: E402
from .errors import AblateError, ConfigError, InputError, RulePackError  # noqa: E402
from .filtering import FilterConfig, FilterReport, filter_dataset  # noqa: E402

filter = filter_dataset  # `ablate.filter(...)`, as on the command line
# (dedup, variants, train and evaluate are module names, so their functions keep distinct names)

__all__ = [
    "AblateError", "ConfigError", "Dataset", "DedupConfig", "DedupReport", "SafetyConfig", "TrainConfig", "VariantsConfig",
    "audit", "run_experiment", "build_report", "build_variants", "dedup_dataset", "evaluate_models", "train_variants", "FilterConfig", "FilterReport", "InputError", "RulePack",
    "RulePackError", "detect_rules", "filter", "filter_dataset", "load_pack", "read_dataset", "resolve_packs",
    "write_dataset", "__version__",
]
