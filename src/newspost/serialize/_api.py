"""``dumps`` and ``dump``: the only writers; ``dump`` writes files atomically."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import IO

from newspost.errors import ReadError
from newspost.model.post import Post
from newspost.serialize.markdown import dumps_markdown

__all__ = ["atomic_write", "dump", "dumps"]


def dumps(post: Post) -> str:
    """The post as Markdown with front matter (the Jekyll form), losslessly.

    ``dumps(load(path))`` is the file byte for byte; after
    :meth:`Post.with_front_matter`, only the changed keys' lines differ.

    >>> from newspost import dumps, loads
    >>> text = "---\\ntitle: Hi\\n---\\nBody\\n"
    >>> dumps(loads(text)) == text
    True
    """
    return dumps_markdown(post)


def dump(post: Post, target: str | os.PathLike[str] | IO[str] | IO[bytes]) -> None:
    """Write a post to a path (atomically) or to a text or binary file object.

    A path is written through a temporary file in the same folder, flushed to
    disk and renamed over the target, so a crash leaves either the old file or
    the new one, never half of one. The target's permissions are kept.
    """
    text = dumps(post)
    if isinstance(target, str | os.PathLike):
        atomic_write(Path(target), text.encode("utf-8"))
        return
    try:
        target.write(text)  # type: ignore[arg-type]
    except TypeError:
        target.write(text.encode("utf-8"))  # type: ignore[arg-type]


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
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
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
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise ReadError(f"cannot write the file: {exc.strerror}", path=path) from exc
