"""Helpers for the built-in rules' tests: run rules on a post, load the case files, apply fixes.

The rules are run directly (a :class:`Context` per post, every rule's ``check``),
so these tests depend only on the rule interface, not on the engine.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

import yaml

import newspost.validate.rules  # noqa: F401 - registers the built-in rules
from newspost.model.post import Post
from newspost.validate import RULES, Context, Edit, Issue, LintRule, Options

CASES = Path(__file__).resolve().parent / "validate" / "rules" / "cases"

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


def builtin_rules() -> dict[str, LintRule]:
    """The rules defined in ``newspost.validate.rules`` (not the engine's, not other packages')."""
    return {
        code: rule
        for code, rule in sorted(RULES.items())
        if type(rule).__module__.startswith("newspost.validate.rules.")
    }


def run(post: Post, **opts: Any) -> list[Issue]:
    """Every built-in rule's findings on a post, with the given options."""
    ctx = Context(post, Options(**opts))
    return [issue for rule in builtin_rules().values() for issue in rule.check(ctx)]


def run_rule(code: str, post: Post, **opts: Any) -> list[Issue]:
    """One rule's findings, sorted by line and column."""
    ctx = Context(post, Options(**opts))
    found = list(RULES[code].check(ctx))
    return sorted(found, key=lambda i: (i.line or 0, i.column or 0))


@dataclass
class Case:
    """One example from a case file: a post, and what the rule must find in it."""

    code: str
    name: str
    post: str
    path: str | None = None
    options: dict[str, Any] = field(default_factory=dict)
    fail: list[dict[str, Any]] = field(default_factory=list)
    """Expected findings in order of line and column: ``line``, optional ``column``
    and ``message`` (a substring)."""
    fix: bool = False
    """Whether the findings carry fixes that must repair the post."""

    @property
    def passes(self) -> bool:
        return not self.fail

    @property
    def id(self) -> str:
        return f"{self.code}-{re.sub(r'[^a-z0-9]+', '-', self.name.lower()).strip('-')}"


def load_cases() -> list[Case]:
    """Every case of every case file ``cases/NPxxx.yml``, in code order."""
    out: list[Case] = []
    for file in sorted(CASES.glob("NP*.yml")):
        data = yaml.load(file.read_text("utf-8"), Loader=_Loader)
        code = data["rule"]
        assert file.stem == code, f"{file.name} holds the cases of {code}"
        for raw in data["cases"]:
            assert bool(raw.get("pass")) != bool(raw.get("fail")), (
                f"{file.name}: {raw['name']}: pass or fail"
            )
            out.append(
                Case(
                    code=code,
                    name=raw["name"],
                    post=raw["post"],
                    path=raw.get("path"),
                    options=raw.get("options") or {},
                    fail=raw.get("fail") or [],
                    fix=bool(raw.get("fix")),
                )
            )
    return out


def apply_edits(text: str, edits: list[Edit]) -> str:
    """Splice edits into the text, last first, as the engine does; edits must not overlap."""
    ordered = sorted(edits, key=lambda e: (e.start, e.end), reverse=True)
    for later, earlier in pairwise(ordered):
        assert earlier.end <= later.start, f"overlapping edits {earlier} and {later}"
    for edit in ordered:
        text = text[: edit.start] + edit.replacement + text[edit.end :]
    return text


def untouched_outside(before: str, after: str, edits: list[Edit]) -> bool:
    """Whether every byte outside the edited spans is as it was, in order."""
    cursor_before = cursor_after = 0
    for edit in sorted(edits, key=lambda e: e.start):
        length = edit.start - cursor_before
        if before[cursor_before : edit.start] != after[cursor_after : cursor_after + length]:
            return False
        cursor_after += length + len(edit.replacement)
        cursor_before = edit.end
    return before[cursor_before:] == after[cursor_after:]
