"""Lint rules for posts: the rule interface, the registry, and (in the engine) ``validate``."""

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

__all__ = [
    "RULES",
    "Context",
    "Edit",
    "Fix",
    "Issue",
    "LintRule",
    "Options",
    "Severity",
    "register",
]
