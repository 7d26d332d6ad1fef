"""The ``json`` format: the model itself as JSON, read back exactly by `loads_json`.

The JSON is ``post.model_dump_json()``: every field, the original text
included, so ``loads_json(dumps(post, format="json")) == post`` and
``dumps(loads_json(...))`` still gives the original file back byte for byte.
``newspost schema`` prints its JSON Schema.

>>> from newspost import dumps, load
>>> from newspost.serialize import loads_json
>>> post = load("examples/seed.md")
>>> loads_json(dumps(post, format="json")) == post
True
"""

from __future__ import annotations

import json as _json
import os
from typing import IO

from pydantic import ValidationError

from newspost.errors import FormatError
from newspost.model.post import Post

__all__ = ["dumps_json", "load_json", "loads_json"]

_HINT = "expected the JSON newspost writes (`newspost convert --to json`; `newspost schema`)"


def dumps_json(post: Post, *, indent: int | None = None) -> str:
    r"""The post as JSON: ``post.model_dump_json()``, on one line unless ``indent`` is given.

    Examples:
        >>> from newspost import loads
        >>> dumps_json(loads("---\ntitle: Hi\n---\n"))[:40]
        '{"path":null,"front_matter":{"title":"Hi'
    """
    return post.model_dump_json(indent=indent)


def loads_json(text: str | bytes, *, path: str | os.PathLike[str] | None = None) -> Post:
    """Read a post back from its JSON (`dumps_json`), exactly as it was written.

    Args:
        text: The JSON text or UTF-8 bytes.
        path: Where the JSON came from, for error messages only (the post
            keeps the ``path`` recorded in the JSON).

    Raises:
        FormatError: the text is not JSON (with its line and column), or not
            the JSON of a post (naming the first field that is wrong).

    Examples:
        >>> loads_json('{"front_matter": {"title": 3}}')
        Traceback (most recent call last):
        ...
        newspost.errors.FormatError: <string>: not the JSON of a post: raw: Field required (...)
    """
    where = os.fspath(path) if path is not None else None
    try:
        return Post.model_validate_json(text)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        if first["type"] == "json_invalid":
            line = column = None
            try:
                _json.loads(text)
            except ValueError as decode:
                line = getattr(decode, "lineno", None)
                column = getattr(decode, "colno", None)
            raise FormatError(
                f"not JSON: {first['msg']}", path=where, line=line, column=column, hint=_HINT
            ) from exc
        field = ".".join(str(part) for part in first["loc"]) or "the top level"
        raise FormatError(
            f"not the JSON of a post: {field}: {first['msg']}", path=where, hint=_HINT
        ) from exc


def load_json(source: str | os.PathLike[str] | bytes | IO[str] | IO[bytes]) -> Post:
    """Read a post back from a JSON file (a path or a file object) or bytes.

    Raises:
        ReadError: the file cannot be read.
        FormatError: as `loads_json`.

    Examples:
        >>> import io
        >>> from newspost import dumps, load
        >>> load_json(io.StringIO(dumps(load("examples/seed.md"), format="json"))).title[:8]
        '디지털정부협력에'
    """
    # Reading files is load's job: one place for paths, file objects and their errors.
    from newspost.parse import load

    return load(source, format="json")
