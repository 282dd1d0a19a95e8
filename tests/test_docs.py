"""The documentation keeps up with the code: every command and every report field is documented."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

import reuse.cli
from reuse.cli import main
from reuse.report import SCHEMA_VERSION, report_dict

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
SCHEMA = ROOT / "docs" / "schema.md"

COMMANDS = sorted(main.commands)


@pytest.fixture(scope="session")
def readme() -> str:
    if not README.exists():
        pytest.fail(f"{README} does not exist: write it, and show every command in it, e.g. `reuse scan samples/`.")
    return README.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def schema() -> str:
    if not SCHEMA.exists():
        pytest.fail(f"{SCHEMA} does not exist: it documents every field of the JSON report.")
    return SCHEMA.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", COMMANDS, ids=str)
def test_command_in_readme(readme, name):
    assert re.search(rf"\breuse {re.escape(name)}\b", readme), f"README.md never shows `reuse {name}`"


@pytest.mark.parametrize("name", COMMANDS, ids=str)
def test_command_has_help_and_example(name):
    command = main.commands[name]
    assert command.help, f"`reuse {name}` has no help text"
    assert command.get_short_help_str(limit=200).strip(), f"`reuse {name}` has no one-line summary"
    assert re.search(rf"Examples?:\s*\n\s+reuse {re.escape(name)} ", command.help), (
        f"the help of `reuse {name}` has no example (a line `Example:` then `reuse {name} ...`)"
    )


@pytest.mark.parametrize("name", COMMANDS, ids=str)
def test_every_option_has_help(name):
    for param in main.commands[name].params:
        if isinstance(param, click.Option):
            assert param.help, f"`reuse {name} {param.opts[0]}` has no help text"


def test_module_docstring_documents_exit_codes():
    doc = reuse.cli.__doc__ or ""
    for code in ("0", "1", "2", "130"):
        assert re.search(rf"^{code}$", doc, re.MULTILINE), f"exit code {code} is not in the reuse.cli docstring"


def _keys(node):
    if isinstance(node, dict):
        for key, value in node.items():
            yield key
            yield from _keys(value)
    elif isinstance(node, list):
        for item in node:
            yield from _keys(item)


def test_schema_documents_every_report_field(schema, make_result):
    report = report_dict(make_result())
    report["config"] = {}  # config fields are documented in reuse/config.py, not field by field
    missing = sorted({key for key in _keys(report) if f"`{key}`" not in schema})
    assert not missing, f"docs/schema.md does not document: {', '.join(missing)}"


def test_schema_version_documented(schema):
    assert f"`schema_version` is `{SCHEMA_VERSION}`" in schema
    assert f"Version of this layout: `{SCHEMA_VERSION}`." in schema


def test_the_schema_example_is_what_the_code_writes(schema):
    """The example report names the current version and default settings, has the fields (and only those) that a
    report has, and its direction's confidence is what the code gives its evidence (it had gone stale: an old
    fingerprint, a confidence of 0.81 where the code gives 0.98, no containment signal)."""
    import json

    import reuse
    from reuse.config import ScanConfig
    from reuse.model import Article

    example = json.loads(re.search(r"## Example.*?```json\n(.*?)```", schema, re.S).group(1))
    assert example["generator"] == f"reuse {reuse.__version__}"
    assert example["config_fingerprint"] == ScanConfig().fingerprint()
    text = "Moscow said on Tuesday that the prisoner exchange with Washington remained on track despite the sanctions."
    a = Article("a.txt", text, "Daily News", url="https://daily.example/kremlin-swap", published="2025-05-27T09:00:00+00:00")
    b = Article("b.txt", "MOSCOW - " + text, "Wire Service", published="2025-05-27T11:30:00+00:00", canonical="https://daily.example/kremlin-swap")
    real = report_dict(reuse.scan_articles([a, b]))

    def keys(value):  # the nested field names, lists read through their first item
        if isinstance(value, dict):
            return {k: keys(v) for k, v in value.items() if k not in {"config", "skipped", "warnings"}}  # the last two: by hand
        return keys(value[0]) if isinstance(value, list) and value else None

    assert keys(example) == keys(real)
    (pair,), (written,) = real["pairs"], example["pairs"]
    assert [e["name"] for e in written["direction"]["evidence"]] == [e["name"] for e in pair["direction"]["evidence"]]
    assert written["direction"]["confidence"] == pair["direction"]["confidence"]


def _signal_names() -> set[str]:
    """Every signal name the code can give: ``Signal("name", ...)`` literals and the names the times are ordered under."""
    names: set[str] = set()
    for path in (ROOT / "reuse").rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        names |= set(re.findall(r'Signal\(\s*"([a-z-]+)"', source))
        names |= set(re.findall(r'_order\(.*?"([a-z-]+)", "[a-z ]+"\)$', source, re.M))
    return names


def test_every_signal_name_the_code_reads_is_one_it_gives():
    """A rule reads evidence by name (``s.name == "credit"``): a misspelt name there turns the rule off without an error."""
    given = _signal_names()
    read: dict[str, set[str]] = {}
    for path in (ROOT / "reuse").rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        for literal in re.findall(r'\.name\s*(?:==|!=)\s*"([a-z-]+)"', source):
            read.setdefault(literal, set()).add(path.name)
        for group in re.findall(r'\.name\s+(?:not\s+)?in\s+[{(]([^})]*)[})]', source):
            for literal in re.findall(r'"([a-z-]+)"', group):
                read.setdefault(literal, set()).add(path.name)
    assert {"credit", "same-page", "stemma", "containment"} <= set(read)  # the search finds them
    assert not {name: where for name, where in read.items() if name not in given}


def test_every_signal_name_is_documented(schema):
    """`agreed-readings` was given in reports and explained nowhere (found by a review)."""
    names = _signal_names()
    assert {"time", "modified", "stemma", "agreed-readings"} <= names  # the search finds them
    direction = (ROOT / "docs" / "direction.md").read_text(encoding="utf-8")
    row = next(line for line in schema.splitlines() if line.startswith("| `name` |"))
    assert not sorted(n for n in names if f"`{n}`" not in row), "docs/schema.md's signal names miss some"
    assert not sorted(n for n in names if f"`{n}`" not in direction), "docs/direction.md misses some signal names"
