"""Reports as text for people and tools: ``text``, ``json``, ``sarif`` and ``github``.

Each format is a function from reports to chunks of text, in one registry
(`FORMATS`). ``text`` and ``github`` give a chunk per report, so output
appears as the check goes; ``json`` and ``sarif`` give one document at the end.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import newspost
from newspost.errors import FormatError
from newspost.validate._docs import anchor, rule_description
from newspost.validate._engine import Report
from newspost.validate._registry import load_builtin_rules
from newspost.validate._rule import Issue, LintRule, Severity
from newspost.validate.config import Config

if TYPE_CHECKING:
    from rich.text import Text  # imported where it is used: piped output needs no rich

__all__ = ["FORMATS", "RULES_URL", "SARIF_SCHEMA", "format_reports", "styled_text"]

RULES_URL = "https://github.com/newspost/newspost/blob/main/docs/rules.md"
"""Where the rules' documentation is published (``helpUri`` in SARIF points into it)."""

SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)

Formatter = Callable[[Iterable[Report], Config], Iterator[str]]

_STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "bold yellow", Severity.INFO: "bold cyan"}


def styled_text(report: Report) -> Text:
    """The ``text`` format of one report with colours: one ``path:line:col: CODE message`` per line.

    Examples:
        >>> from newspost.validate import Issue, Report, Severity
        >>> issue = Issue(code="NP100", name="front-matter-invalid", severity=Severity.ERROR,
        ...               message="front matter does not parse", path="a.md", line=2, column=13)
        >>> print(styled_text(Report(path="a.md", issues=[issue])).plain, end="")
        a.md:2:13: NP100 front matter does not parse
    """
    from rich.text import Text

    text = Text()
    path = report.path or "<post>"
    for issue in report.issues:
        text.append(path, style="bold")
        # Editors and CI parse "path:line:col:"; a finding about the whole file points at its start.
        text.append(f":{issue.line or 1}:{issue.column or 1}", style="dim")
        text.append(": ")
        text.append(issue.code, style=_STYLES[issue.severity])
        text.append(" " + issue.message + "\n")
    return text


def _text(reports: Iterable[Report], config: Config) -> Iterator[str]:
    # styled_text(report).plain, written directly: thousands of lines to a file
    # or a pipe need no styling.
    for report in reports:
        if report.issues:
            path = report.path or "<post>"
            yield "".join(
                f"{path}:{issue.line or 1}:{issue.column or 1}: {issue.code} {issue.message}\n"
                for issue in report.issues
            )


def _issue_object(issue: Issue, path: str | None) -> dict[str, Any]:
    return {
        "path": issue.path or path,
        "line": issue.line,
        "column": issue.column,
        "code": issue.code,
        "name": issue.name,
        "severity": issue.severity.value,
        "message": issue.message,
        "fixable": issue.fixable,
    }


def _json(reports: Iterable[Report], config: Config) -> Iterator[str]:
    found = [_issue_object(issue, report.path) for report in reports for issue in report.issues]
    yield json.dumps(found, ensure_ascii=False, indent=2) + "\n"


_GITHUB_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _github(reports: Iterable[Report], config: Config) -> Iterator[str]:
    for report in reports:
        lines = []
        for issue in report.issues:
            props = [f"file={_escape_property(_slashes(issue.path or report.path or '<post>'))}"]
            if issue.line is not None:
                props.append(f"line={issue.line}")
                if issue.column is not None:
                    props.append(f"col={issue.column}")
            props.append(f"title={_escape_property(issue.code)}")
            level = _GITHUB_LEVELS[issue.severity]
            lines.append(f"::{level} {','.join(props)}::{_escape_data(issue.message)}\n")
        if lines:
            yield "".join(lines)


def _slashes(path: str) -> str:
    return PurePath(path).as_posix()


_SARIF_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _uri(path: str) -> str:
    """A relative URI with forward slashes (GitHub maps it onto the repository), percent-encoded."""
    pure = Path(path)
    if pure.is_absolute():
        try:
            pure = pure.relative_to(Path.cwd())
        except ValueError:
            return pure.as_uri()
    return quote(pure.as_posix(), safe="/")


def _sarif_rule(rule: LintRule, level: Severity) -> dict[str, Any]:
    short, full = rule_description(rule)
    documentation = rule.documentation() or rule.summary
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": short},
        "fullDescription": {"text": full},
        "help": {"text": documentation, "markdown": documentation},
        "helpUri": f"{RULES_URL}#{anchor(rule)}",
        "defaultConfiguration": {"level": _SARIF_LEVELS[level]},
        "properties": {"tags": [rule.name], "fixable": rule.fixable},
    }


def _sarif(reports: Iterable[Report], config: Config) -> Iterator[str]:
    registry = load_builtin_rules()
    results: list[dict[str, Any]] = []
    collected = [(issue, report.path) for report in reports for issue in report.issues]
    codes = sorted(
        {code for code, rule in registry.items() if config.is_enabled(code)}
        | {issue.code for issue, _ in collected if issue.code in registry}
    )
    index = {code: number for number, code in enumerate(codes)}
    for issue, path in collected:
        location = {
            "physicalLocation": {
                "artifactLocation": {"uri": _uri(issue.path or path or "post")},
                "region": {
                    "startLine": max(issue.line or 1, 1),
                    "startColumn": max(issue.column or 1, 1),
                },
            }
        }
        result: dict[str, Any] = {
            "ruleId": issue.code,
            "level": _SARIF_LEVELS[issue.severity],
            "message": {"text": issue.message},
            "locations": [location],
        }
        if issue.code in index:
            result["ruleIndex"] = index[issue.code]
        results.append(result)
    rules = [
        _sarif_rule(registry[code], config.severity_of(code, registry[code].severity))
        for code in codes
    ]
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "newspost",
                        "version": newspost.__version__,
                        "semanticVersion": newspost.__version__,
                        "informationUri": RULES_URL,
                        "rules": rules,
                    }
                },
                # Issue columns count characters, not UTF-16 units (the SARIF default).
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    yield json.dumps(log, ensure_ascii=False, indent=2) + "\n"


FORMATS: dict[str, Formatter] = {"text": _text, "json": _json, "sarif": _sarif, "github": _github}
"""Output formats by name: each turns reports into chunks of text."""


def format_reports(
    reports: Iterable[Report], format: str = "text", *, config: Config | None = None
) -> Iterator[str]:
    """Render reports in a format of `FORMATS`, chunk by chunk.

    Args:
        reports: Reports, for example from `check_paths`; consumed lazily
            by ``text`` and ``github``.
        format: ``"text"``, ``"json"``, ``"sarif"`` or ``"github"``.
        config: The configuration checked with (SARIF lists its enabled rules
            with their effective severities); the defaults when None.

    Raises:
        FormatError: an unknown format.

    Examples:
        >>> from newspost.validate import check_paths, format_reports
        >>> reports = check_paths(["tests/fixtures/2024-07-30-4336.md"])
        >>> print("".join(format_reports(reports, "github"))[:72])
        ::error file=tests/fixtures/2024-07-30-4336.md,line=2,col=13,title=NP100
    """
    if format not in FORMATS:
        raise FormatError(
            f"unknown report format {format!r}", hint=f"use one of: {', '.join(FORMATS)}"
        )
    return FORMATS[format](reports, config if config is not None else Config())
