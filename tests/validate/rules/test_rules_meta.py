"""The rules' metadata, checked by tests rather than by a metaclass (sqlfluff's way):
codes unique and well formed, names kebab-case, every rule documented and covered by cases."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re

import pytest

from newspost.validate import LintRule, Severity
from rule_support import builtin_rules, load_cases

# ``newspost.validate`` is the function; the package itself is in sys.modules.
rules_package = importlib.import_module("newspost.validate.rules")

RULES = builtin_rules()
GROUPS = {
    "1": "front_matter",
    "2": "structure",
    "3": "links",
    "4": "images",
    "5": "unsafe_html",
    "6": "text",
}


def test_there_are_enough_rules() -> None:
    assert len(RULES) >= 38


def test_importing_the_package_registers_every_group() -> None:
    modules = {
        m.name for m in pkgutil.iter_modules(rules_package.__path__) if not m.name.startswith("_")
    }
    assert modules == set(GROUPS.values())
    for name in modules:
        assert hasattr(rules_package, name), f"newspost.validate.rules does not import {name}"
    registered = {type(rule) for rule in RULES.values()}
    for name in modules:
        module = importlib.import_module(f"newspost.validate.rules.{name}")
        classes = {
            obj
            for obj in vars(module).values()
            if inspect.isclass(obj)
            and issubclass(obj, LintRule)
            and obj.__module__ == module.__name__
        }
        assert classes <= registered, f"{name}: not registered: {classes - registered}"
        assert sorted(cls.__name__ for cls in classes) == sorted(module.__all__)


@pytest.mark.parametrize("code", sorted(RULES))
def test_metadata(code: str) -> None:
    rule = RULES[code]
    cls = type(rule)
    assert re.fullmatch(r"NP\d{3}", cls.code)
    assert cls.code == code
    assert type(rule).__module__ == f"newspost.validate.rules.{GROUPS[code[2]]}", (
        "code in the wrong group"
    )
    assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", cls.name)
    assert isinstance(cls.severity, Severity)
    assert cls.summary and "\n" not in cls.summary and cls.summary == cls.summary.strip()
    # Named for what it finds, never for its code.
    assert re.fullmatch(r"[A-Z][A-Za-z0-9]+", cls.__name__) and code not in cls.__name__
    doc = cls.documentation()
    lines = [line.strip() for line in doc.splitlines()]
    assert len(lines[0]) > 10, "the first line says what the rule finds"
    assert any(line.startswith("Bad:") for line in lines), "a line 'Bad: ...'"
    assert any(line.startswith("Good:") for line in lines), "a line 'Good: ...'"
    bad = next(i for i, line in enumerate(lines) if line.startswith("Bad:"))
    assert any(line for line in lines[1:bad] if not line.startswith("Bad:")), (
        "why it matters, before Bad:"
    )


def test_codes_and_names_are_unique() -> None:
    names = [type(rule).name for rule in RULES.values()]
    assert len(names) == len(set(names))
    classes = [type(rule).__name__ for rule in RULES.values()]
    assert len(classes) == len(set(classes))


def test_every_rule_has_failing_and_passing_cases() -> None:
    cases = load_cases()
    failing = {case.code for case in cases if not case.passes}
    passing = {case.code for case in cases if case.passes}
    assert set(RULES) - failing == set(), "rules without a failing case"
    assert set(RULES) - passing == set(), "rules without a passing case"
    assert {case.code for case in cases} <= set(RULES), "cases of unknown codes"


def test_fixable_rules_say_so_and_have_a_fix_case() -> None:
    """``fixable = True`` (read by the docs) exactly on the rules with a ``fix: true`` case."""
    declared = {code for code, rule in RULES.items() if getattr(rule, "fixable", False)}
    with_fix_cases = {case.code for case in load_cases() if case.fix}
    assert declared == with_fix_cases
