"""The exceptions newspost raises, all under one root.

Every error a caller can see is a `NewsPostError`; exceptions from the
libraries newspost uses (PyYAML, tomllib, pydantic, lxml, codecs, the OS) are
caught where newspost calls them and re-raised as one of these ``from`` the
original, so ``except NewsPostError`` is always enough:

    NewsPostError                 any failure newspost reports
    ├── ReadError                 a file or folder cannot be read or written
    ├── EncodingError             the bytes are not UTF-8
    ├── FrontMatterError          front matter cannot be split or parsed
    ├── LimitError                input exceeds a configured safety limit
    ├── ConfigError               newspost's own configuration is invalid
    ├── PolicyError               a sanitizing policy is invalid
    └── FormatError               a format is unknown, a writer fails, or text is not a post

Lint findings are not exceptions: `newspost.validate` returns them as
values.
"""

from __future__ import annotations

import os

__all__ = [
    "ConfigError",
    "EncodingError",
    "FormatError",
    "FrontMatterError",
    "LimitError",
    "NewsPostError",
    "PolicyError",
    "ReadError",
]


class NewsPostError(Exception):
    r"""Base class of every error newspost raises.

    Attributes:
        message: What went wrong, in one sentence.
        path: The file concerned, if any.
        line: 1-based line in that file, if known.
        column: 1-based column in that line, if known.
        hint: What the user can do about it, if newspost knows.

    Examples:
        >>> from newspost import NewsPostError, loads
        >>> try:
        ...     loads("---\ntitle: [broken\n---\nbody\n", path="post.md")
        ... except NewsPostError as exc:
        ...     print(exc.path, exc.line, type(exc).__name__)
        post.md 2 FrontMatterError
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | os.PathLike[str] | None = None,
        line: int | None = None,
        column: int | None = None,
        hint: str | None = None,
    ) -> None:
        self.message = message
        self.path = os.fspath(path) if path is not None else None
        self.line = line
        self.column = column
        self.hint = hint
        super().__init__(self.__str__())

    @property
    def location(self) -> str:
        """``path:line:column`` with whatever parts are known (``<string>`` for no path)."""
        where = self.path or "<string>"
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return where

    def __str__(self) -> str:
        text = f"{self.location}: {self.message}"
        if self.hint:
            text += f" (hint: {self.hint})"
        return text

    def __reduce__(self) -> tuple[object, ...]:
        # Keyword-only constructor: teach pickle (multiprocessing) how to rebuild us.
        return (_rebuild, (type(self), self.message, self.path, self.line, self.column, self.hint))


def _rebuild(
    cls: type[NewsPostError],
    message: str,
    path: str | None,
    line: int | None,
    column: int | None,
    hint: str | None,
) -> NewsPostError:
    return cls(message, path=path, line=line, column=column, hint=hint)


class ReadError(NewsPostError):
    """Raised when a file or folder cannot be read or written (missing, a folder, no permission)."""


class EncodingError(NewsPostError):
    """Raised when a post's bytes are not valid UTF-8.

    ``offset`` is the 0-based byte offset of the first bad byte; ``line`` and
    ``column`` locate it too.
    """

    def __init__(
        self,
        message: str,
        *,
        offset: int | None = None,
        path: str | os.PathLike[str] | None = None,
        line: int | None = None,
        column: int | None = None,
        hint: str | None = None,
    ) -> None:
        self.offset = offset
        super().__init__(message, path=path, line=line, column=column, hint=hint)

    def __reduce__(self) -> tuple[object, ...]:
        return (
            _rebuild_encoding,
            (self.message, self.offset, self.path, self.line, self.column, self.hint),
        )


def _rebuild_encoding(
    message: str,
    offset: int | None,
    path: str | None,
    line: int | None,
    column: int | None,
    hint: str | None,
) -> EncodingError:
    return EncodingError(message, offset=offset, path=path, line=line, column=column, hint=hint)


class FrontMatterError(NewsPostError):
    """Raised when front matter cannot be split from the body or does not parse.

    Examples: an opening ``---`` with no closing one, invalid YAML (an unquoted
    value starting with ``[``, a title spread over several lines), a YAML tag
    such as ``!!python/object`` (never executed), or a mapping expected where a
    list was written.
    """


class LimitError(NewsPostError):
    """Raised when input exceeds a safety limit (size, nesting, element count, YAML aliases).

    ``limit`` names the limit, so the message can say how to raise it.
    """

    def __init__(
        self,
        message: str,
        *,
        limit: str,
        path: str | os.PathLike[str] | None = None,
        line: int | None = None,
        column: int | None = None,
        hint: str | None = None,
    ) -> None:
        self.limit = limit
        super().__init__(message, path=path, line=line, column=column, hint=hint)

    def __reduce__(self) -> tuple[object, ...]:
        return (
            _rebuild_limit,
            (self.message, self.limit, self.path, self.line, self.column, self.hint),
        )


def _rebuild_limit(
    message: str,
    limit: str,
    path: str | None,
    line: int | None,
    column: int | None,
    hint: str | None,
) -> LimitError:
    return LimitError(message, limit=limit, path=path, line=line, column=column, hint=hint)


class ConfigError(NewsPostError):
    """Raised when newspost's configuration (``[tool.newspost]``, ``newspost.toml``) is invalid.

    Unknown keys, unknown rule codes and values of the wrong type all raise it,
    with a hint naming the nearest valid spelling where there is one.
    """


class PolicyError(NewsPostError):
    """Raised when a sanitizing policy is unknown or invalid, or an engine is unavailable."""


class FormatError(NewsPostError):
    """Raised when a format is unknown, a post cannot be written in it, or text is not a post.

    The last is text read back as a post that is not one: JSON that is not a post's, say.
    """
