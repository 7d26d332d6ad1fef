"""Allowlist engines: the last step of sanitizing, and the safety boundary.

An engine is any object with ``name`` and ``clean(html, policy) -> str``
(:class:`Engine`). Two are registered: ``bleach`` (the default; pure Python)
and ``nh3`` (Rust's ammonia, optional: ``pip install newspost[fast]``). Both
build their cleaner once per policy and reuse it.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from functools import lru_cache
from importlib import import_module
from typing import Any, Protocol, runtime_checkable

from newspost.errors import PolicyError
from newspost.sanitize._policy import DROP_WITH_CONTENT, Policy

__all__ = [
    "NH3_MINIMUM",
    "BleachEngine",
    "Engine",
    "Nh3Engine",
    "engine_names",
    "get_engine",
    "register_engine",
]

NH3_MINIMUM = (0, 3, 7)
"""The oldest nh3 accepted: 0.3.7 is the first to bundle ammonia 4.1.4, which has
the fixes for RUSTSEC-2026-0193 (MathML annotation-xml mXSS) and RUSTSEC-2026-0213
(SVG animate/set)."""


@runtime_checkable
class Engine(Protocol):
    """What an allowlist engine provides.

    ``clean`` must keep only the policy's tags, attributes and URL schemes,
    remove comments when ``policy.strip_comments``, and return HTML that
    parses back to the same tree (no mutation XSS). It receives HTML that the
    repairs have already prepared.

    Example:
        >>> from newspost.sanitize import Engine, get_engine
        >>> isinstance(get_engine("bleach"), Engine)
        True
    """

    name: str

    def clean(self, html: str, policy: Policy) -> str:
        """Apply the policy's allowlist to an HTML fragment."""
        ...


# html5lib and html5ever both drop the newline right after <pre> when parsing
# and neither writes it back, so each pass would eat one leading newline.
# Engine output is well formed (attribute values quoted, '"' escaped), which
# makes this pattern exact.
_PRE_NEWLINE = re.compile(r'(<pre(?:\s+[a-z][a-z0-9_.:-]*="[^"]*")*\s*>)\n')


def _restore_pre_newline(html: str) -> str:
    if "<pre" not in html:
        return html
    return _PRE_NEWLINE.sub("\\1\n\n", html)


class BleachEngine:
    """The bleach engine: a ``bleach.sanitizer.Cleaner`` built once per policy.

    Example:
        >>> from newspost.sanitize import get_policy
        >>> BleachEngine().clean('<b onclick="x()">hi</b><i>!</i>', get_policy("strict"))
        '<b>hi</b><i>!</i>'
    """

    name = "bleach"

    def clean(self, html: str, policy: Policy) -> str:
        """Apply the policy with the cached cleaner."""
        return _restore_pre_newline(_bleach_cleaner(policy).clean(html))


_PER_THREAD = threading.local()


def _bleach_cleaner(policy: Policy) -> Any:
    # A bleach Cleaner keeps its html5lib parser and serializer between calls,
    # so it must not be shared between threads: one cache per thread.
    cache: dict[Policy, Any] | None = getattr(_PER_THREAD, "cleaners", None)
    if cache is None:
        cache = _PER_THREAD.cleaners = {}
    cleaner = cache.get(policy)
    if cleaner is None:
        if len(cache) >= 64:
            cache.clear()
        cleaner = cache[policy] = _new_bleach_cleaner(policy)
    return cleaner


def _new_bleach_cleaner(policy: Policy) -> Any:
    from bleach.sanitizer import Cleaner

    return Cleaner(
        tags=set(policy.tags),
        attributes={tag: sorted(names) for tag, names in policy.attributes.items()},
        protocols=set(policy.protocols),
        strip=True,
        strip_comments=policy.strip_comments,
    )


class Nh3Engine:
    """The nh3 engine (ammonia): same policy meaning, about an order of magnitude faster.

    nh3 is optional and imported on first use.

    Raises:
        PolicyError: nh3 is not installed, or older than 0.3.7.
    """

    name = "nh3"

    def clean(self, html: str, policy: Policy) -> str:
        """Apply the policy with the cached nh3 cleaner."""
        return _restore_pre_newline(_nh3_cleaner(policy)(html))


def _import_nh3() -> Any:
    try:
        nh3 = import_module("nh3")
    except ImportError as exc:
        raise PolicyError(
            "the nh3 engine needs the nh3 package", hint="pip install newspost[fast]"
        ) from exc
    version = tuple(int(part) for part in re.findall(r"\d+", str(nh3.__version__))[:3])
    if version < NH3_MINIMUM:
        raise PolicyError(
            f"nh3 {nh3.__version__} bundles an ammonia with known XSS bugs",
            hint="pip install 'nh3>=0.3.7' (or newspost[fast])",
        )
    return nh3


@lru_cache(maxsize=64)
def _nh3_cleaner(policy: Policy) -> Callable[[str], str]:
    nh3 = _import_nh3()
    options: dict[str, Any] = {
        "tags": set(policy.tags),
        # Whatever slipped past the tree pass still goes with its content, as
        # there; ammonia refuses a tag that is both allowed and in this set.
        "clean_content_tags": set(DROP_WITH_CONTENT - policy.tags),
        "attributes": {tag: set(names) for tag, names in policy.attributes.items()},
        "url_schemes": set(policy.protocols),
        "strip_comments": policy.strip_comments,
        # rel is ours (the rel repair); ammonia's own would overwrite it on every link.
        "link_rel": None,
    }
    if hasattr(nh3, "Cleaner"):
        cleaner = nh3.Cleaner(**options)
        clean: Callable[[str], str] = cleaner.clean
        return clean

    def clean_each(html: str) -> str:  # pragma: no cover - nh3 without Cleaner
        result: str = nh3.clean(html, **options)
        return result

    return clean_each


_ENGINES: dict[str, Engine] = {"bleach": BleachEngine(), "nh3": Nh3Engine()}


def register_engine(engine: Engine) -> None:
    """Register an engine under its ``name`` (replacing one of the same name).

    Example:
        >>> from newspost.sanitize import get_engine, register_engine
        >>> class Upper:
        ...     name = "shout"
        ...     def clean(self, html, policy):
        ...         return get_engine("bleach").clean(html, policy).upper()
        >>> register_engine(Upper())
        >>> from newspost.sanitize import sanitize_html
        >>> sanitize_html("<b>hi</b>", engine="shout")
        '<B>HI</B>'
    """
    if not isinstance(engine, Engine):
        raise PolicyError(
            f"{engine!r} is not an engine", hint="give it a name and a clean(html, policy) method"
        )
    _ENGINES[engine.name] = engine


def get_engine(name: str) -> Engine:
    """The registered engine of that name.

    Raises:
        PolicyError: no engine has that name.
    """
    try:
        return _ENGINES[name]
    except KeyError:
        raise PolicyError(
            f"unknown sanitizing engine {name!r}", hint=f"use one of: {', '.join(engine_names())}"
        ) from None


def engine_names() -> list[str]:
    """The registered engine names, sorted."""
    return sorted(_ENGINES)
