"""Lint rules for posts: the rule interface and registry, the engine, its configuration.

>>> from newspost import load
>>> from newspost.validate import validate
>>> report = validate(load("examples/seed.md"))
>>> report.path
'examples/seed.md'
"""

from newspost.validate._docs import render_rule_text, render_rules_markdown
from newspost.validate._engine import (
    CHUNK_SIZE,
    FrontMatterInvalid,
    NotUtf8,
    OverSafetyLimit,
    PostPaths,
    Report,
    check_file,
    check_paths,
    collect_paths,
    default_jobs,
    validate,
)
from newspost.validate._formats import FORMATS, format_reports, styled_text
from newspost.validate._registry import load_builtin_rules
from newspost.validate._rule import (
    RULES,
    Context,
    Edit,
    Fix,
    Issue,
    LintRule,
    Options,
    Severity,
    register,
)
from newspost.validate.config import Config

__all__ = [
    "CHUNK_SIZE",
    "FORMATS",
    "RULES",
    "Config",
    "Context",
    "Edit",
    "Fix",
    "FrontMatterInvalid",
    "Issue",
    "LintRule",
    "NotUtf8",
    "Options",
    "OverSafetyLimit",
    "PostPaths",
    "Report",
    "Severity",
    "check_file",
    "check_paths",
    "collect_paths",
    "default_jobs",
    "format_reports",
    "load_builtin_rules",
    "register",
    "render_rule_text",
    "render_rules_markdown",
    "styled_text",
    "validate",
]
