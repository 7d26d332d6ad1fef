"""Safety limits: bounds on what one post may cost to read.

Files come from scripts, language models and strangers. Every bound here is
checked before the expensive step it protects, so hostile input fails fast
with a `LimitError` naming the limit, instead of hanging,
recursing out of the stack or filling memory.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from newspost.errors import LimitError

__all__ = ["DEFAULT_LIMITS", "Limits", "exceeded"]


class Limits(BaseModel):
    """Bounds on one post; pass ``limits=Limits(...)`` to `newspost.load` to change them.

    ``newspost check`` and ``newspost fix`` take them from ``[tool.newspost.limits]``
    (`newspost.validate.Config.limits`), and report a post over one as NP117.

    The defaults are far above any real news post (the largest in the test
    corpus is under 200 KB, 5,000 lines and 3,000 elements) and low enough
    that hitting one costs well under a second.

    Examples:
        >>> from newspost import Limits, LimitError, loads
        >>> try:
        ...     loads("x" * 100, limits=Limits(max_bytes=10))
        ... except LimitError as exc:
        ...     print(exc.limit)
        max_bytes
    """

    # Validator built on first use, as Frozen's (model/_base.py).
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    max_bytes: int = Field(default=8 * 2**20, ge=1, description="Largest file, in bytes of UTF-8.")
    max_lines: int = Field(default=50_000, ge=1, description="Most lines in the body.")
    max_elements: int = Field(
        default=50_000, ge=1, description="Most HTML elements in the rendered body."
    )
    max_depth: int = Field(
        default=100,
        ge=1,
        description="Deepest nesting of HTML elements, and of [ ] and { } in YAML front matter.",
    )
    max_front_matter_bytes: int = Field(
        default=256 * 2**10, ge=1, description="Largest front matter."
    )
    max_yaml_nodes: int = Field(
        default=20_000,
        ge=1,
        description="Most YAML values once aliases are expanded (alias bombs).",
    )


DEFAULT_LIMITS = Limits()


def exceeded(
    what: str, value: int, limit: str, maximum: int, *, path: str | None, line: int | None = None
) -> LimitError:
    """The error for a limit exceeded, saying how to raise it."""
    return LimitError(
        f"{what} ({value:,}) is over the limit {limit}={maximum:,}",
        limit=limit,
        path=path,
        line=line,
        hint=f"if the file is trusted, pass limits=Limits({limit}=...) or set "
        f"{limit.replace('_', '-')} under [tool.newspost.limits]",
    )
