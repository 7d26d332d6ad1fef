"""Looking rules up in the registry: the built-ins loaded once, codes and prefixes matched.

The registry itself (`RULES`, `register`) lives in ``_rule``; this
module only reads it, so the engine, the configuration and the docs agree on
what a code or a prefix such as ``"NP5"`` selects.
"""

from __future__ import annotations

import difflib
import re

from newspost.validate._rule import RULES, LintRule

__all__ = [
    "ALL",
    "code_matches",
    "is_known_selector",
    "load_builtin_rules",
    "match_length",
    "nearest_code",
    "rule_for",
]

ALL = "ALL"
"""The selector that matches every rule."""

_SELECTOR = re.compile(r"NP\d{0,3}")
_loaded = False


def load_builtin_rules() -> dict[str, LintRule]:
    """Import the built-in rules (once) and return the registry, sorted by code on demand.

    Importing ``newspost.validate.rules`` registers them; this is deferred to
    first use so that importing `newspost.validate` stays cheap and the
    rules modules can import the rule interface from it without a cycle.
    """
    global _loaded
    if not _loaded:
        import newspost.validate.rules  # noqa: F401 - registers the built-in rules

        _loaded = True
    return RULES


def match_length(code: str, selector: str) -> int:
    """How specifically ``selector`` matches ``code``: -1 if not at all, 0 for ``ALL``.

    Longer prefixes are more specific, so ``select = ["NP301"]`` beats
    ``ignore = ["NP3"]`` for NP301, as in Ruff.
    """
    if selector == ALL:
        return 0
    return len(selector) if code.startswith(selector) else -1


def code_matches(code: str, selectors: tuple[str, ...] | list[str] | frozenset[str]) -> bool:
    """Whether any selector (a code, a prefix such as ``"NP5"``, or ``ALL``) matches ``code``."""
    return any(selector == ALL or code.startswith(selector) for selector in selectors)


def is_known_selector(selector: str) -> bool:
    """Whether a selector is ``ALL`` or the code or prefix of at least one registered rule."""
    if selector == ALL:
        return True
    if not _SELECTOR.fullmatch(selector):
        return False
    return any(code.startswith(selector) for code in load_builtin_rules())


def nearest_code(selector: str) -> str | None:
    """A hint for an unknown selector: the closest code, or the code of a rule so named."""
    rules = load_builtin_rules()
    lowered = selector.lower()
    for code, rule in rules.items():
        if rule.name == lowered:
            return f"{code} is {rule.name}: select it by its code"
    close = difflib.get_close_matches(selector.upper(), [*rules, ALL], n=1, cutoff=0.6)
    if close:
        return f"did you mean {close[0]!r}?"
    names = difflib.get_close_matches(lowered, [rule.name for rule in rules.values()], n=1)
    if names:
        code = next(code for code, rule in rules.items() if rule.name == names[0])
        return f"did you mean {code} ({names[0]})?"
    return None


def rule_for(code: str) -> LintRule | None:
    """The registered rule with this code (case-insensitive), or None."""
    return load_builtin_rules().get(code.strip().upper())
