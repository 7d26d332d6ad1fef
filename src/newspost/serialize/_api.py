"""``dumps`` and ``dump``: the only writers; ``dump`` writes files atomically."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import IO, Any, cast

from newspost.errors import ReadError
from newspost.model.post import Post
from newspost.serialize._registry import get_format

__all__ = ["atomic_write", "dump", "dumps"]


def dumps(post: Post, *, format: str = "markdown", **options: Any) -> str:
    r"""The post as text in a registered format; by default Markdown with front matter, losslessly.

    Args:
        post: A parsed post.
        format: ``"markdown"`` (the Jekyll file: ``dumps(load(path))`` is the
            file byte for byte; after `Post.with_front_matter`, only the
            changed keys' lines differ), ``"html"``, ``"json"``, ``"jsonld"``,
            ``"text"``, or a name added with `newspost.serialize.register_format`.
        **options: The format's own options (``standalone=True`` for html,
            ``site_url=...`` for jsonld...).

    Raises:
        FormatError: the format is unknown, does not take one of the options,
            or its writer fails.

    Examples:
        >>> from newspost import dumps, loads
        >>> text = "---\ntitle: Hi\n---\nBody\n"
        >>> dumps(loads(text)) == text
        True
        >>> print(dumps(loads(text), format="text"))
        # Hi
        <BLANKLINE>
        Body
        <BLANKLINE>
    """
    return get_format(format).write(post, **options)


def dump(
    post: Post,
    target: str | os.PathLike[str] | IO[str] | IO[bytes],
    *,
    format: str = "markdown",
    **options: Any,
) -> None:
    """Write a post in a format to a path (atomically) or to a text or binary file object.

    A path is written through a temporary file in the same folder, flushed to
    disk and renamed over the target, so a crash leaves either the old file or
    the new one, never half of one. The target's permissions are kept.
    Arguments after ``target`` are those of `dumps`.

    Raises:
        FormatError: as `dumps`.
        ReadError: the file cannot be written.
    """
    text = dumps(post, format=format, **options)
    if isinstance(target, str | os.PathLike):
        atomic_write(Path(target), text.encode("utf-8"))
        return
    try:
        cast(IO[str], target).write(text)
    except TypeError:  # a binary file object
        cast(IO[bytes], target).write(text.encode("utf-8"))


def atomic_write(path: Path, data: bytes) -> None:
    """Replace ``path``'s content with ``data`` atomically, keeping its mode.

    Raises:
        ReadError: the folder is not writable or the disk is full.
    """
    try:
        mode = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = None
    try:
        handle, temporary = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or "."
        )
    except OSError as exc:
        raise ReadError(f"cannot write next to the file: {exc.strerror}", path=path) from exc
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if mode is not None:
            os.chmod(temporary, mode)
        os.replace(temporary, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise ReadError(f"cannot write the file: {exc.strerror}", path=path) from exc
