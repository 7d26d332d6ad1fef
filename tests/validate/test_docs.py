"""The docs cannot drift: docs/rules.md is generated, the others are checked against the code."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from helpers import ROOT
from newspost import Limits
from newspost.validate import (
    RULES,
    Config,
    Options,
    load_builtin_rules,
    render_rule_text,
    render_rules_markdown,
)
from newspost.validate._docs import REGENERATE, anchor

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

DOCS = ROOT / "docs"


def fenced(path: Path, language: str) -> list[str]:
    text = path.read_text(encoding="utf-8")
    return re.findall(rf"^```{language}\n(.*?)^```", text, flags=re.MULTILINE | re.DOTALL)


def test_rules_md_is_generated_from_the_registry() -> None:
    expected = render_rules_markdown()
    actual = (DOCS / "rules.md").read_text(encoding="utf-8")
    assert actual == expected, f"docs/rules.md is out of date: run `{REGENERATE}`"


def test_every_rule_is_documented_with_bad_and_good() -> None:
    missing = [
        code
        for code, rule in load_builtin_rules().items()
        if not ("Bad" in rule.documentation() and "Good" in rule.documentation())
    ]
    assert missing == [], "rules whose docstring lacks a Bad: and a Good: example"


def test_rule_anchors_are_unique_and_present() -> None:
    page = render_rules_markdown()
    anchors = [anchor(rule) for rule in load_builtin_rules().values()]
    assert len(anchors) == len(set(anchors))
    for rule in RULES.values():
        assert f"## {rule.code} {rule.name}\n" in page
        assert f"(#{anchor(rule)})" in page


def test_render_rule_text() -> None:
    text = render_rule_text("np100")
    assert text is not None and text.startswith("NP100 front-matter-invalid (error, not fixable)\n")
    assert "Bad:" in text and "Good:" in text
    assert render_rule_text("NP000") is None


def test_configuration_md_documents_every_key() -> None:
    page = (DOCS / "configuration.md").read_text(encoding="utf-8")
    keys = ["select", "ignore", "severity", "per-file-ignores", "fail-on"]
    keys += [name.replace("_", "-") for name in Options.model_fields]
    undocumented = [key for key in keys if f"| `{key}` |" not in page]
    assert undocumented == []


def test_configuration_md_examples_are_valid() -> None:
    example, limits = fenced(DOCS / "configuration.md", "toml")
    table: dict[str, Any] = tomllib.loads(example)["tool"]["newspost"]
    config = Config.from_mapping(table)
    assert config.per_file_ignores and config.severity and config.options.site_url
    # The limits example lists every limit at its default.
    table = tomllib.loads(limits)["tool"]["newspost"]
    assert Config.from_mapping(table).limits == Limits()
    assert len(table["limits"]) == len(Limits.model_fields)


def test_ci_guide_workflow_uploads_the_sarif_it_writes() -> None:
    workflow = yaml.safe_load(fenced(DOCS / "guides" / "ci.md", "yaml")[0])
    job = workflow["jobs"]["newspost"]
    assert job["permissions"]["security-events"] == "write"
    steps = job["steps"]
    runs = [step.get("run", "") for step in steps]
    assert any("newspost check --format github" in run for run in runs)
    (sarif_run,) = [run for run in runs if "--format sarif" in run]
    written = re.search(r"--output (\S+)", sarif_run)
    upload = next(
        step
        for step in steps
        if step.get("uses", "").startswith("github/codeql-action/upload-sarif@")
    )
    assert written is not None and upload["with"]["sarif_file"] == written.group(1)


def test_ci_guide_pytest_options_exist(pytestconfig: pytest.Config) -> None:
    page = (DOCS / "guides" / "ci.md").read_text(encoding="utf-8")
    for option in re.findall(r"\b(newspost_\w+)\b", page):
        pytestconfig.getini(option)  # raises ValueError for an unknown ini option


def test_pre_commit_hook() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(hook for hook in hooks if hook["id"] == "newspost-check")
    assert hook["entry"] == "newspost check" and hook["language"] == "python"
    assert {"markdown", "html"} <= set(hook["types_or"])
    pattern = re.compile(hook["files"])
    for name in ("a.md", "b.markdown", "c.html", "d.htm", "e.txt"):
        assert pattern.search(f"_posts/{name}")
    assert not pattern.search("src/app.py")
