"""Fixtures for the engine's tests: a registry holding only small rules defined here.

The built-in rules are written elsewhere and change; the engine's tests must not
depend on them, so ``rules`` swaps the registry for the engine's own rules
(NP100, NP101, NP117) and the three below (NP901, NP902, NP911), and puts the real one
back afterwards.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from newspost.validate import (
    RULES,
    Context,
    FrontMatterInvalid,
    Issue,
    LintRule,
    NotUtf8,
    OverSafetyLimit,
    Severity,
    load_builtin_rules,
)


class TitleShouting(LintRule):
    """A title in capitals reads as shouting.

    Bad: `title: BREAKING`.  Good: `title: Breaking`.
    """

    code = "NP901"
    name = "test-title-shouting"
    severity = Severity.WARNING
    summary = "the title is in capitals"

    def check(self, ctx: Context) -> Iterator[Issue]:
        title = ctx.post.front_matter.title or ""
        if title.isupper():
            yield self.issue(ctx, line=ctx.post.raw.key_lines.get("title"))


class TodoLeft(LintRule):
    """A TODO left in the text is unfinished work.

    Bad: `TODO: add a quote`.  Good: the quote.
    """

    code = "NP902"
    name = "test-todo-left"
    severity = Severity.ERROR
    summary = "TODO left in the post"

    def check(self, ctx: Context) -> Iterator[Issue]:
        for number, line in enumerate(ctx.lines, start=1):
            column = line.find("TODO")
            if column >= 0:
                yield self.issue(ctx, line=number, column=column + 1)


class NoCategories(LintRule):
    """A post without categories is hard to find.

    Bad: no `categories`.  Good: `categories: [News]`.
    """

    code = "NP911"
    name = "test-no-categories"
    severity = Severity.INFO
    summary = "no categories"

    def check(self, ctx: Context) -> Iterator[Issue]:
        if not ctx.post.front_matter.categories:
            yield self.issue(ctx)  # about the whole file: no line


TEST_RULES = (TitleShouting, TodoLeft, NoCategories)


@pytest.fixture
def rules() -> Iterator[dict[str, LintRule]]:
    """The registry with only the engine's rules and the test rules, restored afterwards."""
    saved = dict(load_builtin_rules())
    RULES.clear()
    engine_rules = (FrontMatterInvalid, NotUtf8, OverSafetyLimit)
    RULES.update({cls.code: saved[cls.code] for cls in engine_rules})
    for cls in TEST_RULES:
        RULES[cls.code] = cls()
    try:
        yield RULES
    finally:
        RULES.clear()
        RULES.update(saved)
