"""The format registry: one name per output format, each a writer ``(post, **options) -> str``.

The built-in formats (``markdown``, ``html``, ``json``, ``jsonld``, ``text``)
are listed here by module and imported on first use, so ``import newspost``
does not pay for writers it never calls. `register_format` adds a
user's own; `get_format` finds one by name, and an unknown name is a
`FormatError` whose hint lists the names there are.
"""

from __future__ import annotations

import difflib
import importlib
import inspect
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, cast

from newspost.errors import FormatError, NewsPostError
from newspost.model.post import Post

__all__ = ["Format", "Writer", "format_names", "get_format", "register_format"]


Writer = Callable[..., str]
"""What a format is: a callable ``(post, **options) -> str``.

A plain function is a writer; so is an instance of a small class with a
``__call__`` of that shape (register the class itself and newspost makes the
instance). Options are keyword-only: newspost checks them against the
writer's signature and raises `FormatError` for an option the
format does not take, unless the writer accepts ``**options``.
"""


@dataclass(frozen=True)
class Format:
    """A registered format: its name, writer, file suffix and the options it takes.

    Attributes:
        name: The name given to `newspost.dumps` (``format="html"``).
        writer: The callable that writes a post.
        suffix: The file ending ``newspost convert`` gives its output (``".html"``).
        options: The keyword options the writer takes, or None when it takes any.
    """

    name: str
    writer: Writer
    suffix: str
    options: frozenset[str] | None = field(default=None)

    def check_options(self, options: Mapping[str, object]) -> None:
        """Raise `FormatError` for any option this format does not take.

        Examples:
            >>> from newspost.serialize import get_format
            >>> get_format("text").check_options({"standalone": True})
            Traceback (most recent call last):
            ...
            newspost.errors.FormatError: <string>: format 'text' has no option 'standalone' (...)
        """
        if self.options is None:
            return
        for key in options:
            if key not in self.options:
                known = sorted(self.options)
                near = difflib.get_close_matches(key, known, n=1)
                if near:
                    hint = f"did you mean {near[0]!r}?"
                elif known:
                    hint = f"its options: {', '.join(known)}"
                else:
                    hint = "it takes no options"
                raise FormatError(f"format {self.name!r} has no option {key!r}", hint=hint)

    def check(self, options: Mapping[str, Any]) -> None:
        """Check options before a batch: their names, then their values on an empty post.

        A value the writer refuses with a `NewsPostError`
        (an unknown sanitizing policy, a site URL without its scheme) is found
        here, once, instead of once per file. Other exceptions from the empty
        post are ignored: a writer may fairly need a title to work on.

        Examples:
            >>> from newspost.serialize import get_format
            >>> get_format("html").check({"policy": "strickt"})
            Traceback (most recent call last):
            ...
            newspost.errors.PolicyError: <string>: unknown sanitizing policy 'strickt' (...)
        """
        from newspost.parse import loads

        self.check_options(options)
        try:
            self.writer(loads(""), **options)
        except NewsPostError:
            raise
        except Exception:  # see the docstring: only our own errors are about the options
            return

    def write(self, post: Post, **options: Any) -> str:
        """Write ``post`` after checking the options; a writer's failure becomes a FormatError."""
        self.check_options(options)
        try:
            text = self.writer(post, **options)
        except NewsPostError:
            raise  # already ours: a PolicyError for an unknown policy, say
        except Exception as exc:
            # A user's writer is foreign code: its failures reach callers as ours.
            raise FormatError(
                f"the {self.name!r} writer failed: {type(exc).__name__}: {exc}",
                path=post.path,
                hint="this is a bug in the writer or an option value it cannot use",
            ) from exc
        if not isinstance(text, str):
            raise FormatError(
                f"the {self.name!r} writer returned {type(text).__name__}, not str", path=post.path
            )
        return text


# name -> (module, function, suffix): imported on first use.
_BUILTINS: dict[str, tuple[str, str, str]] = {
    "markdown": ("newspost.serialize.markdown", "dumps_markdown", ".md"),
    "html": ("newspost.serialize.html", "dumps_html", ".html"),
    "json": ("newspost.serialize.json", "dumps_json", ".json"),
    "jsonld": ("newspost.serialize.jsonld", "dumps_jsonld", ".jsonld"),
    "text": ("newspost.serialize.text", "dumps_text", ".txt"),
}

_FORMATS: dict[str, Format] = {}
_LOCK = threading.Lock()


def _accepted_options(writer: Writer) -> frozenset[str] | None:
    try:
        signature = inspect.signature(writer)
    except (TypeError, ValueError):  # a builtin without a signature: let it decide
        return None
    names = []
    for index, parameter in enumerate(signature.parameters.values()):
        if parameter.kind is inspect.Parameter.VAR_KEYWORD:
            return None
        if index == 0 or parameter.kind in (
            inspect.Parameter.POSITIONAL_ONLY,
            inspect.Parameter.VAR_POSITIONAL,
        ):
            continue  # the post
        names.append(parameter.name)
    return frozenset(names)


def _make(name: str, writer: Writer | type[Any], suffix: str | None) -> Format:
    made: object = writer() if inspect.isclass(writer) else writer
    if not callable(made):
        raise FormatError(
            f"the writer for {name!r} is not callable",
            hint="pass a function or a class with __call__(self, post, **options) -> str",
        )
    callable_writer = cast(Writer, made)
    ending = suffix if suffix is not None else f".{name}"
    if not ending.startswith("."):
        ending = "." + ending
    return Format(
        name=name, writer=callable_writer, suffix=ending, options=_accepted_options(callable_writer)
    )


def register_format(
    name: str,
    writer: Writer | type[Any],
    *,
    suffix: str | None = None,
    replace: bool = False,
) -> Format:
    r"""Register a format, so ``dumps``, ``dump`` and ``convert_paths`` write posts in it.

    Args:
        name: The format's name (lower case; letters, digits, ``-`` and ``_``).
        writer: A function ``(post, **options) -> str``, or a class whose
            instances are such callables (it is instantiated without arguments).
        suffix: The file ending ``newspost convert`` gives its output; ``.<name>`` by default.
        replace: Replace a format already registered under that name (built-ins included).

    Returns:
        The registered `Format`.

    Raises:
        FormatError: the name is taken (and ``replace`` is false) or invalid,
            or the writer is not callable.

    Examples:
        >>> from newspost import dumps, load
        >>> from newspost.serialize import register_format
        >>> def titles(post, *, separator="\n"):
        ...     return separator.join(s.title for s in post.walk_sections())
        >>> _ = register_format("titles", titles, suffix=".txt", replace=True)
        >>> dumps(load("examples/seed.md"), format="titles", separator=" / ").split(" / ")[1]
        '양해각서 내용'
    """
    key = name.strip().lower()
    if not key or not all(ch.isalnum() or ch in "-_" for ch in key):
        raise FormatError(f"invalid format name {name!r}", hint="use letters, digits, '-' and '_'")
    with _LOCK:
        if not replace and (key in _FORMATS or key in _BUILTINS):
            raise FormatError(
                f"a format named {key!r} is already registered",
                hint="choose another name, or pass replace=True to replace it",
            )
        made = _make(key, writer, suffix)
        _FORMATS[key] = made
        return made


def get_format(name: str) -> Format:
    """The format registered under ``name`` (case-insensitive).

    Raises:
        FormatError: no format has that name; the hint lists the names there are.

    Examples:
        >>> from newspost.serialize import get_format
        >>> get_format("html").suffix
        '.html'
        >>> get_format("yaml")
        Traceback (most recent call last):
        ...
        newspost.errors.FormatError: <string>: unknown format 'yaml' (hint: known formats: ...)
    """
    key = str(name).strip().lower()
    found = _FORMATS.get(key)
    if found is not None:
        return found
    builtin = _BUILTINS.get(key)
    if builtin is None:
        names = format_names()
        near = difflib.get_close_matches(key, names, n=1)
        hint = f"known formats: {', '.join(names)}"
        if near:
            hint = f"did you mean {near[0]!r}? {hint}"
        raise FormatError(f"unknown format {name!r}", hint=hint)
    module, function, suffix = builtin
    writer = getattr(importlib.import_module(module), function)
    with _LOCK:
        return _FORMATS.setdefault(key, _make(key, writer, suffix))


def format_names() -> list[str]:
    """Every registered format name, sorted.

    Examples:
        >>> from newspost.serialize import format_names
        >>> {"html", "json", "jsonld", "markdown", "text"} <= set(format_names())
        True
    """
    return sorted(set(_BUILTINS) | set(_FORMATS))
