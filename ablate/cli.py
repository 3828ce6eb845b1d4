"""The `ablate` command line: thin click wrappers over the Python API.

Any `AblateError` becomes one line on stderr and exit code 2, never a traceback.
"""

from __future__ import annotations

import functools
import sys

import click
from rich.console import Console
from rich.table import Table

from . import __version__
from .detect.packs import CATEGORIES, REFUSAL_CATEGORIES
from .errors import AblateError
from .filtering import FilterConfig, FilterReport, filter_dataset
from .records import FORMATS

console = Console(stderr=True, highlight=False)


class UserError(click.ClickException):
    exit_code = 2


def user_errors(command):
    """Turn AblateError (and a vanished stdout) into a one-line message with exit code 2."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except AblateError as e:
            raise UserError(str(e)) from None
        except KeyboardInterrupt:
            raise UserError("interrupted; outputs are written atomically, so nothing half-written was left") from None

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="ablate")
def main() -> None:
    """Measure the alignment tax of instruction-tuning data: filter refusal-style answers,
    build matched variants, fine-tune, evaluate and report."""


def _categories(_ctx, _param, values: tuple[str, ...]) -> tuple[str, ...]:
    names = [n.strip() for v in values for n in v.split(",") if n.strip()]
    if not names:
        return REFUSAL_CATEGORIES
    if "all" in names:
        return CATEGORIES
    unknown = [n for n in names if n not in CATEGORIES]
    if unknown:
        raise click.BadParameter(f"unknown {', '.join(unknown)}; choose from {', '.join(CATEGORIES)} or all")
    return tuple(dict.fromkeys(names))


@main.command(name="filter")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="Kept rows; the extension picks the container (.jsonl, .json, .parquet, .csv, + .gz).")
@click.option("--refusals", type=click.Choice(["drop", "keep", "only"]), default="drop", show_default=True,
              help="drop: remove refusals; keep: keep every row and annotate; only: keep just the refusals.")
@click.option("--filters", "filters", multiple=True, metavar="PACK",
              help="Rule pack: a built-in name, a .yaml path or a folder; repeatable. 'builtin' means all built-in packs (the default).")
@click.option("--turns", type=click.Choice(["conversation", "truncate", "turn"]), default="conversation", show_default=True,
              help="Multi-turn data: drop the whole conversation, cut it before the first refusing exchange, or remove only refusing exchanges.")
@click.option("--categories", multiple=True, callback=_categories, metavar="CATS",
              help=f"Categories the policy acts on, comma-separated: {', '.join(CATEGORIES)} or all. [default: refusal,partial_refusal]")
@click.option("--format", "format_", type=click.Choice(FORMATS), help="Force the input format instead of detecting it.")
@click.option("--output-format", type=click.Choice(FORMATS), help="Write another format than the input's.")
@click.option("--on-bad-row", type=click.Choice(["error", "skip"]), default="error", show_default=True,
              help="skip: write bad rows to <output>.rejects.jsonl and go on.")
@click.option("--report", type=click.Path(dir_okay=False), help="Report JSON path. [default: <output>.report.json]")
@click.option("--annotate/--no-annotate", default=None, help="Add refusal columns to the kept rows. [default: with keep and only, not with drop]")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
@user_errors
def filter_command(inputs, output, refusals, filters, turns, categories, format_, output_format, on_bad_row, report, annotate, quiet):
    """Find refusal-style responses and drop, keep (annotated) or isolate them.

    Removed rows go to <output>.removed.<ext> with their reasons; bad rows (with
    --on-bad-row skip) to <output>.rejects.jsonl; counts to <output>.report.json.

    \b
    Example:
        ablate filter data.jsonl -o clean.jsonl --refusals drop
        ablate filter sharegpt.json -o clean.json --turns truncate --categories all
    """
    config = FilterConfig(refusals=refusals, filters=filters, turns=turns, categories=categories, format=format_,
                          output_format=output_format, on_bad_row=on_bad_row, annotate=annotate)
    if quiet or not sys.stderr.isatty():
        result = filter_dataset(inputs, output, config=config, report=report)
    else:
        with console.status("filtering") as status:
            result = filter_dataset(inputs, output, config=config, report=report,
                                    on_stage=lambda label: status.update(label))
    if not quiet:
        print_filter_summary(result)


def print_filter_summary(result: FilterReport) -> None:
    counts = result.counts
    table = Table(title="ablate filter", show_header=True, header_style="bold")
    table.add_column("")
    table.add_column("rows", justify="right")
    table.add_row("rows in", f"{counts['rows_in']:,}")
    for name, info in result.packs.items():
        table.add_row(f"  hit by {name} ({info['category']})", f"{info['rows_hit']:,}")
    for name, count in result.categories.items():
        table.add_row(f"  judged {name}", f"{count:,}")
    table.add_row("kept", f"{counts['kept']:,}" + (f" ({counts['modified']:,} with turns cut)" if counts["modified"] else ""))
    table.add_row("removed", f"{counts['removed']:,}")
    table.add_row("rejected", f"{counts['rejected']:,}")
    console.print(table)
    outputs = result.outputs
    console.print(f"kept      → {outputs['kept']}")
    for key in ("removed", "rejects", "report"):
        if outputs[key]:
            console.print(f"{key:<9} → {outputs[key]}")
    console.print(f"[dim]{result.timings['total']:.1f} s[/dim]")


if __name__ == "__main__":
    main()
