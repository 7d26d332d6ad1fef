"""The rules' documentation, rendered from the registry: the one source of docs/rules.md.

A rule's class docstring is its documentation (why it matters, then ``Bad:``
and ``Good:``); its attributes give the code, name, severity and summary.
"""

from __future__ import annotations

from newspost.validate._registry import load_builtin_rules, rule_for
from newspost.validate._rule import LintRule

__all__ = ["anchor", "render_rule_text", "render_rules_markdown", "rule_description"]

REGENERATE = "newspost rules --format markdown > docs/rules.md"
"""The command that rewrites docs/rules.md."""


def anchor(rule: LintRule) -> str:
    """The Markdown heading anchor of a rule in docs/rules.md (GitHub's slug of ``NP102 name``)."""
    return f"{rule.code.lower()}-{rule.name}"


def _fixable(rule: LintRule) -> bool:
    return rule.fixable


def rule_description(rule: LintRule) -> tuple[str, str]:
    """The first line and the first paragraph of a rule's documentation (its summary if none)."""
    documentation = rule.documentation()
    if not documentation:
        return rule.summary, rule.summary
    paragraph = documentation.split("\n\n", 1)[0]
    return paragraph.splitlines()[0].strip(), " ".join(paragraph.split())


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_rules_markdown() -> str:
    """docs/rules.md: a table of every registered rule, then each rule's documentation.

    Rules come in code order; the page says how to regenerate it, and a test
    keeps the file equal to this function's output.

    Examples:
        >>> from newspost.validate import render_rules_markdown
        >>> page = render_rules_markdown()
        >>> page.startswith("# Rules"), "## NP100 front-matter-invalid" in page
        (True, True)
    """
    rules = [rule for _, rule in sorted(load_builtin_rules().items())]
    out = [
        "# Rules",
        "",
        f"<!-- Generated from the rule registry; do not edit. Regenerate with: {REGENERATE} -->",
        "",
        "Every rule newspost checks, by code. Select or ignore them by code or by prefix",
        '(`"NP1"`) in [the configuration](configuration.md), and turn one off in a post with',
        "`<!-- newspost: disable NP102 -->` (the whole file) or",
        "`<!-- newspost: disable-next-line NP102 -->` (the next line only).",
        "",
        "| Code | Name | Severity | Fixable | Summary |",
        "| --- | --- | --- | --- | --- |",
    ]
    for rule in rules:
        short, _ = rule_description(rule)
        out.append(
            f"| [{rule.code}](#{anchor(rule)}) | {rule.name} | {rule.severity.value} "
            f"| {'yes' if _fixable(rule) else 'no'} | {_cell(short)} |"
        )
    for rule in rules:
        out += [
            "",
            f"## {rule.code} {rule.name}",
            "",
            f"Severity: {rule.severity.value}. Fixable: {'yes' if _fixable(rule) else 'no'}. "
            f"Message: “{rule.summary}”.",
            "",
            rule.documentation() or rule.summary,
        ]
    return "\n".join(out) + "\n"


def render_rule_text(code: str) -> str | None:
    """One rule's documentation for a terminal (``newspost rules NP102``), or None if unknown.

    Examples:
        >>> from newspost.validate import render_rule_text
        >>> print(render_rule_text("np101").splitlines()[0])
        NP101 not-utf8 (error, not fixable)
    """
    rule = rule_for(code)
    if rule is None:
        return None
    head = (
        f"{rule.code} {rule.name} ({rule.severity.value}, "
        f"{'fixable' if _fixable(rule) else 'not fixable'})"
    )
    return f"{head}\nMessage: {rule.summary}\n\n{rule.documentation() or rule.summary}\n"
