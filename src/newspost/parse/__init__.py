"""Text to `Post`: ``loads`` for text, ``load`` for files, ``iter_load`` for many.

Only `load` and `iter_load` touch the file system; both wrap `loads`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from types import EllipsisType
from typing import IO, Literal

from newspost.errors import EncodingError, FormatError, NewsPostError, ReadError
from newspost.model._base import trusted
from newspost.model.post import Generator, Post, RawText
from newspost.parse import front_matter as _fm
from newspost.parse._limits import DEFAULT_LIMITS, Limits, exceeded
from newspost.parse._text import decode, holds_c0_controls, line_number
from newspost.parse.body import parse_body
from newspost.parse.flavors import FlavorName, flavor_and_generator, get_markdown

__all__ = ["POST_SUFFIXES", "Limits", "is_post_file", "iter_load", "iter_paths", "load", "loads"]

POST_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd", ".html", ".htm", ".txt"})
"""File endings newspost reads as posts (``.html``/``.txt`` only with front matter)."""

_ALWAYS_POSTS = frozenset({".md", ".markdown", ".mdown", ".mkd"})
_SKIPPED_DIRS = frozenset({"_site", "node_modules", "public", "resources", "__pycache__", "vendor"})

Source = str | os.PathLike[str] | bytes | IO[str] | IO[bytes]
# Tuples, for isinstance on every post: "A | B" would build a union at every call.
_BYTES = (bytes, bytearray)
_PATHS = (str, os.PathLike)


def loads(
    text: str | bytes,
    *,
    path: str | os.PathLike[str] | None = None,
    flavor: FlavorName | str | None = None,
    limits: Limits | None = None,
    format: Literal["markdown", "json"] = "markdown",
) -> Post:
    r"""Parse a post from its text.

    Args:
        text: The whole file: front matter (YAML ``---``, TOML ``+++``, JSON or
            none) and body. Bytes are decoded as UTF-8.
        path: Where it came from: used in errors, for the date of a Jekyll file
            name ``YYYY-MM-DD-slug.md`` and to detect the flavor.
        flavor: ``"kramdown"`` (Jekyll), ``"goldmark"`` (Hugo), ``"remark"``
            (Astro), ``"mdx"`` (Docusaurus), ``"marked"`` (Hexo),
            ``"markdown-it"`` (Eleventy), ``"pulldown-cmark"`` (Zola),
            ``"python-markdown"`` (MkDocs),
            ``"commonmark"`` or another registered flavor; detected from the file
            when None.
        limits: Safety bounds (size, lines, elements, nesting, YAML aliases);
            `Limits` defaults when None.
        format: ``"markdown"`` (a post file) or ``"json"`` (what
            ``dumps(post, format="json")`` wrote: read back exactly).

    Raises:
        EncodingError: bytes that are not UTF-8.
        FrontMatterError: front matter that cannot be split or parsed.
        LimitError: the post is over one of the ``limits``.

    Examples:
        >>> post = loads("---\ntitle: Hello\ncategories: News\n---\n# Hi\n\nText.\n")
        >>> post.front_matter.categories, post.sections[0].title
        (['News'], 'Hi')
    """
    return _loads(text, path=path, flavor=flavor, limits=limits, format=format)


def _loads(
    text: str | bytes,
    *,
    path: str | os.PathLike[str] | None,
    flavor: FlavorName | str | None,
    limits: Limits | None,
    format: Literal["markdown", "json"] = "markdown",
    generator: Generator | EllipsisType | None = ...,
) -> Post:
    """`loads`; a ``generator`` given (None too) is the post's, not detected from its text.

    `Post.with_body` keeps its post's generator: a new body (a sanitized one, without
    the comment or the shortcode that told the generator) is still the same site's,
    and its front matter is read as that site reads it (MkDocs' ``date: {created:}``).
    """
    name = os.fspath(path) if path is not None else None
    if format == "json":
        from newspost.serialize.json import loads_json

        return loads_json(text, path=name)
    if format != "markdown":
        raise FormatError(
            f"cannot read posts from {format!r}", path=name, hint="read 'markdown' or 'json'"
        )
    bounds = limits or DEFAULT_LIMITS
    # Whether the body may hold C0 controls, which its HTML cannot: a file's bytes
    # say so without the body being encoded again to look (any in the front matter
    # just send the body to the full check).
    c0_controls = True
    if isinstance(text, _BYTES):
        if len(text) > bounds.max_bytes:
            raise exceeded(
                "the file's size in bytes", len(text), "max_bytes", bounds.max_bytes, path=name
            )
        data = bytes(text)
        text = decode(data, path=name)
        c0_controls = holds_c0_controls(data)
    else:
        if len(text) * 4 > bounds.max_bytes:  # only then can it be over in UTF-8
            size = len(text.encode("utf-8", "surrogatepass"))
            if size > bounds.max_bytes:
                raise exceeded(
                    "the text's size in bytes", size, "max_bytes", bounds.max_bytes, path=name
                )
        # Bytes were decoded strictly above; only a str can hold a lone surrogate.
        if _has_surrogates(text):
            raise EncodingError(
                "the text holds a lone surrogate (U+D800-U+DFFF), which no file can encode",
                path=name,
                offset=None,
                hint="decode files with 'utf-8' and errors='strict', not 'surrogateescape'",
            )
    where = _fm.split(text, path=name, limits=bounds)
    body = text[where.body_start :]
    fm_text = text[where.content_start : where.content_end]
    chosen, detected = flavor_and_generator(
        body, flavor=flavor, path=name, front_matter_format=where.format, front_matter=fm_text
    )
    if generator is ...:
        generator = detected
    front_matter = _fm.read(text, where, path=name, limits=bounds, generator=generator)
    try:
        get_markdown(chosen)
    except KeyError:
        from newspost.parse.flavors import flavor_names

        raise NewsPostError(
            f"unknown Markdown flavor {chosen!r}",
            path=name,
            hint=f"use one of: {', '.join(flavor_names())}",
        ) from None
    body_line = line_number(text, where.body_start)
    parsed = parse_body(
        body,
        flavor=chosen,
        first_line=body_line,
        limits=bounds,
        path=name,
        c0_controls=c0_controls,
    )
    # Everything here was typed by the parser itself: no need to validate it again.
    return trusted(
        Post,
        path=name,
        front_matter=front_matter,
        lead=parsed.lead,
        sections=parsed.sections,
        sources=parsed.sources,
        footer=parsed.footer,
        flavor=chosen,
        raw=trusted(
            RawText,
            text=text,
            format=where.format,
            front_matter_start=where.content_start,
            front_matter_end=where.content_end,
            body_start=where.body_start,
            body_line=body_line,
            key_lines=where.key_lines,
            key_aliases=where.key_aliases,
            generator=generator,
            date_keyword=where.date_keyword,
        ),
    )


def _has_surrogates(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def load(
    source: Source,
    *,
    path: str | os.PathLike[str] | None = None,
    flavor: FlavorName | str | None = None,
    limits: Limits | None = None,
    format: Literal["markdown", "json"] = "markdown",
) -> Post:
    """Read a post from a path (str or Path), bytes, or a text or binary file object.

    ``path`` names the post when ``source`` is not a path (for errors, dates and
    flavor detection); for a file object it defaults to the object's ``name``.
    The other arguments are those of `loads`.

    Raises:
        ReadError: the file cannot be read.
        EncodingError: it is not UTF-8.
        FrontMatterError: its front matter cannot be split or parsed.
    """
    if isinstance(source, _BYTES):
        return loads(bytes(source), path=path, flavor=flavor, limits=limits, format=format)
    if isinstance(source, _PATHS):
        file_path = os.fspath(source)
        try:
            with open(file_path, "rb") as file:  # not Path.read_bytes: pathlib's cost shows
                data = file.read()
        except OSError as exc:
            raise ReadError(
                f"cannot read the file: {exc.strerror or exc}",
                path=file_path,
                hint="check the path and its permissions",
            ) from exc
        return loads(
            data,
            path=path if path is not None else file_path,
            flavor=flavor,
            limits=limits,
            format=format,
        )
    try:
        content = source.read()
    except OSError as exc:
        raise ReadError(f"cannot read the file object: {exc}", path=path) from exc
    name = path if path is not None else getattr(source, "name", None)
    if not isinstance(name, str | os.PathLike):
        name = None
    return loads(content, path=name, flavor=flavor, limits=limits, format=format)


def is_post_file(path: Path) -> bool:
    """Whether a file is a post by its name, and for ``.html``/``.txt`` by its first line.

    MDX files (``.mdx``, Docusaurus's and Astro's) are not: their ``import`` lines, JSX
    components and ``{expressions}`` are code, which only an MDX compiler reads. Named
    explicitly (`load`, a file given to ``newspost check``), one is read as Markdown.
    """
    if path.name.startswith(".") or path.suffix.lower() not in POST_SUFFIXES:
        return False
    if path.suffix.lower() in _ALWAYS_POSTS:
        return True
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError:
        return False
    return head.lstrip(b"\xef\xbb\xbf").startswith((b"---", b"+++", b"{\n", b"{\r", b'{"'))


def iter_paths(paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]]) -> Iterator[Path]:
    """The post files named or found (recursively, sorted) under the given paths.

    Named files are taken as they are; folders are walked, skipping hidden
    files and folders (``.git``, ``.DS_Store``), ``_site``, ``node_modules``
    and files that are not posts.
    """
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    for entry in paths:
        root = Path(entry)
        if not root.is_dir():
            yield root
            continue
        for folder, dirs, files in os.walk(root):
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in _SKIPPED_DIRS)
            for name in sorted(files):
                candidate = Path(folder, name)
                if is_post_file(candidate):
                    yield candidate


def iter_load(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    flavor: FlavorName | str | None = None,
    limits: Limits | None = None,
    on_error: Callable[[NewsPostError], None] | None = None,
) -> Iterator[Post]:
    """Load many posts lazily: one at a time, so memory stays flat however many there are.

    Args:
        paths: A file, a folder (walked recursively) or several of either.
        flavor: Force a Markdown flavor instead of detecting it per file.
        limits: Safety bounds for each post.
        on_error: Called with each `NewsPostError` instead of raising
            it, so one broken file does not stop the walk.

    Examples:
        >>> from newspost import iter_load
        >>> titles = [post.title for post in iter_load("examples")]
        >>> len(titles) > 3
        True
    """
    for path in iter_paths(paths):
        try:
            yield load(path, flavor=flavor, limits=limits)
        except NewsPostError as exc:
            if on_error is None:
                raise
            on_error(exc)
