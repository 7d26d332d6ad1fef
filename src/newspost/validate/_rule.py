"""What a lint rule is: metadata as plain attributes, a ``check`` that yields findings.

A rule is one small class registered with `register`; findings are
`Issue` values (never exceptions, never prints), and a repair is data:
a `Fix` of `Edit` spans on the original text, applied by the
engine (``newspost fix``), so every byte outside the spans stays as it was.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterator
from typing import Any, ClassVar

import yaml
from pydantic import BaseModel, ConfigDict, Field

from newspost._compat import cached_property
from newspost.model._base import assemble, reduce_to_fields
from newspost.model.post import Post
from newspost.parse._text import LineIndex, line_number
from newspost.parse.front_matter import composed_yaml

try:  # libyaml composes the same nodes, with the same marks, many times faster
    from yaml import CSafeLoader as _YamlLoader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _YamlLoader  # type: ignore[assignment]

_LINE_BREAK = re.compile(r"\r\n|\r|\n")

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


class Severity(str, enum.Enum):
    """How much a finding matters; ordered ``info < warning < error``."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        """0 for info, 1 for warning, 2 for error."""
        return ("info", "warning", "error").index(self.value)


class Edit(BaseModel):
    """Replace ``text[start:end]`` of the post's original text (``post.raw.text``)."""

    # Validator built on first use, as Frozen's (model/_base.py).
    model_config = ConfigDict(frozen=True, defer_build=True)
    __reduce__ = reduce_to_fields  # findings come back from worker processes

    start: int = Field(ge=0, description="Offset of the first character replaced.")
    end: int = Field(ge=0, description="Offset just past the last character replaced.")
    replacement: str = Field(description="The new text for the span.")


class Fix(BaseModel):
    """A safe repair: what it does, and the edits that do it."""

    # Validator built on first use, as Frozen's (model/_base.py).
    model_config = ConfigDict(frozen=True, defer_build=True)
    __reduce__ = reduce_to_fields  # findings come back from worker processes

    description: str
    edits: list[Edit]


class Issue(BaseModel):
    """One finding: which rule, how bad, what, and where in the original file."""

    # Validator built on first use, as Frozen's (model/_base.py).
    model_config = ConfigDict(frozen=True, defer_build=True)
    __reduce__ = reduce_to_fields  # findings come back from worker processes

    code: str = Field(description='The rule code, "NP" and three digits.')
    name: str = Field(description="The rule's kebab-case name.")
    severity: Severity
    message: str
    path: str | None = None
    line: int | None = Field(default=None, description="1-based line in the original file.")
    column: int | None = Field(default=None, description="1-based column in that line.")
    fixable: bool = False
    fix: Fix | None = Field(default=None, exclude=True, description="The repair, if any.")


_ISSUE_FIELDS = frozenset(Issue.model_fields)
_INT_OR_NONE = (int, type(None))
_STR_OR_NONE = (str, type(None))


class Options(BaseModel):
    """Options the rules read; set in ``[tool.newspost]`` or passed to `validate`."""

    # Validator built on first use, as Frozen's (model/_base.py).
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    required_fields: list[str] = Field(
        # Every generator, feed and archive needs these two; categories, tags or an
        # author are one site's choice, so a site that needs them lists them.
        default_factory=lambda: ["title", "date"],
        description="Front matter keys that must be present and not empty.",
    )
    allowed_categories: list[str] | None = Field(
        default=None, description="If set, every category must be one of these."
    )
    max_title_length: int = Field(
        default=100,
        description=(
            "Longest title, in characters (not bytes or words). Google dropped its "
            "110-character headline limit in 2023, but feeds and small screens still cut "
            "long titles."
        ),
    )
    min_body_length: int = Field(
        default=200, description="Shortest visible body text, in characters."
    )
    placeholder_hosts: list[str] = Field(
        default_factory=lambda: [
            "picsum.photos",
            "placehold.it",
            "placehold.co",
            "placeholder.com",
            "via.placeholder.com",
            "dummyimage.com",
            "example.com",
            "example.org",
            "example.net",
        ],
        description="Hosts whose URLs are placeholders, not real content.",
    )
    site_url: str | None = Field(
        default=None, description="The site's own URL, to tell internal links."
    )


class Context:
    """What a rule sees: the post, the options, and derived views computed once per post."""

    def __init__(self, post: Post, options: Options) -> None:
        self.post = post
        self.options = options

    @cached_property
    def lines(self) -> list[str]:
        r"""The original file's lines (1-based line n is ``lines[n - 1]``), line endings removed.

        Lines end at ``\n``, ``\r\n`` or a lone ``\r``, as for the parser; not at the
        other characters `str.splitlines` breaks on (form feed, U+2028...).
        """
        return _LINE_BREAK.split(self.post.raw.text)

    @cached_property
    def index(self) -> LineIndex:
        """Offsets to (line, column) in the original text, and back."""
        return LineIndex(self.post.raw.text)

    @cached_property
    def yaml_root(self) -> yaml.Node | None:
        """The front matter's YAML node tree (marks relative to the front matter), or None.

        The nodes may be shared with other posts of the same front matter: read them only.
        """
        if self.post.raw.format != "yaml":
            return None
        text = self.post.raw.front_matter_text
        kept = composed_yaml(text)  # the tree the parser composed, when it just read this post
        if kept is not None:
            return kept
        try:
            return yaml.compose(text, Loader=_YamlLoader)
        except yaml.YAMLError:
            return None

    @cached_property
    def front_matter_first_line(self) -> int:
        """1-based line where the front matter's content starts."""
        return line_number(self.post.raw.text, self.post.raw.front_matter_start)

    def column_of(self, line: int | None, needle: str, *, start: int = 0) -> int | None:
        """1-based column of ``needle`` in a 1-based line, or None if absent."""
        if line is None or not 1 <= line <= len(self.lines):
            return None
        found = self.lines[line - 1].find(needle, start)
        return found + 1 if found >= 0 else None

    def find_line(
        self, needle: str, *, from_line: int = 1, regex: bool = False
    ) -> tuple[int, int] | None:
        """(line, column) of the first occurrence of ``needle`` at or after ``from_line``."""
        pattern = re.compile(needle) if regex else None
        for number in range(max(from_line, 1), len(self.lines) + 1):
            text = self.lines[number - 1]
            if pattern is not None:
                found = pattern.search(text)
                if found:
                    return number, found.start() + 1
            else:
                column = text.find(needle)
                if column >= 0:
                    return number, column + 1
        return None


class LintRule:
    """Base of every lint rule. Subclass, set the attributes, write ``check``, and ``@register``.

    The class docstring is the rule's documentation: why it matters, then a
    ``Bad:`` and a ``Good:`` example.

    Examples:
        >>> from newspost.validate import LintRule, Severity, register
        >>> class NoShouting(LintRule):
        ...     '''Titles in capitals read as shouting.
        ...
        ...     Bad: ``title: BREAKING NEWS``.  Good: ``title: Breaking news``.
        ...     '''
        ...     code = "NP990"
        ...     name = "title-shouting"
        ...     severity = Severity.WARNING
        ...     summary = "title is in capitals"
        ...     def check(self, ctx):
        ...         title = ctx.post.front_matter.title or ""
        ...         if title.isupper():
        ...             yield self.issue(ctx, line=ctx.post.raw.key_lines.get("title"))
    """

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity]
    summary: ClassVar[str]
    """The one-line message, used when a finding gives none of its own."""
    fixable: ClassVar[bool] = False
    """Whether the rule's findings can carry a safe `Fix`."""

    def check(self, ctx: Context) -> Iterator[Issue]:
        """Yield the findings of this rule on one post."""
        raise NotImplementedError

    def issue(
        self,
        ctx: Context,
        message: str | None = None,
        *,
        line: int | None = None,
        column: int | None = None,
        fix: Fix | None = None,
        **details: Any,
    ) -> Issue:
        """Build a finding of this rule; ``details`` format into the summary if no message."""
        return self._new_issue(
            ctx,
            message or self.summary.format(**details),
            line,
            column if column is not None else (1 if line is not None else None),
            fix,
        )

    def issue_at(
        self, ctx: Context, offset: int, message: str | None = None, *, fix: Fix | None = None
    ) -> Issue:
        """Build a finding at an offset of the original text (``post.raw.text``).

        The same as ``issue(ctx, message, line=..., column=..., fix=fix)`` with the
        line and column of ``offset``.
        """
        line, column = ctx.index.position(offset)
        return self._new_issue(ctx, message or self.summary.format(), line, column, fix)

    def _new_issue(
        self, ctx: Context, message: str, line: int | None, column: int | None, fix: Fix | None
    ) -> Issue:
        code, name, severity, path = self.code, self.name, self.severity, ctx.post.path
        values = {
            "code": code,
            "name": name,
            "severity": severity,
            "message": message,
            "path": path,
            "line": line,
            "column": column,
            "fixable": fix is not None,
            "fix": fix,
        }
        if (
            type(message) is str
            and type(line) in _INT_OR_NONE
            and type(column) in _INT_OR_NONE
            and type(path) in _STR_OR_NONE
            and (fix is None or type(fix) is Fix)
            and type(code) is str
            and type(name) is str
            and type(severity) is Severity
        ):
            # Posts have dozens of findings. When every value already has its field's
            # exact type, the model's validator would keep each one as it is and set
            # every field as given: build that same model directly, at two thirds of
            # the cost. Any other value (a str subclass, a bool line...) goes through
            # the validator, which converts it or raises as Issue(...) would.
            return assemble(Issue, values, set(_ISSUE_FIELDS))
        validated: Issue = Issue.__pydantic_validator__.validate_python(values)
        return validated

    @classmethod
    def documentation(cls) -> str:
        """The rule's documentation (its class docstring, dedented)."""
        import inspect

        return inspect.cleandoc(cls.__doc__ or "")


RULES: dict[str, LintRule] = {}
"""Every registered rule by code, in registration order."""


def _same_rule(old: type[LintRule], new: type[LintRule]) -> bool:
    # One module executed twice (doctest collection imports modules under a
    # second name) defines the same rule again: let it replace itself.
    return old.__qualname__ == new.__qualname__ and (
        old.__module__.rsplit(".", 1)[-1] == new.__module__.rsplit(".", 1)[-1]
    )


def register(cls: type[LintRule]) -> type[LintRule]:
    """Class decorator adding a rule to `RULES` (codes and names must be unique).

    Raises:
        ValueError: the code or the name is taken, or the code is not ``NP`` + three digits.
    """
    if not re.fullmatch(r"NP\d{3}", cls.code):
        raise ValueError(f"rule code {cls.code!r} is not 'NP' and three digits")
    taken = RULES.get(cls.code)
    if taken is not None and type(taken) is not cls and not _same_rule(type(taken), cls):
        raise ValueError(f"rule code {cls.code} is already taken by {type(taken).__name__}")
    if any(rule.name == cls.name and rule.code != cls.code for rule in RULES.values()):
        raise ValueError(f"rule name {cls.name!r} is already taken")
    RULES[cls.code] = cls()
    return cls
