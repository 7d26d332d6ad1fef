"""Sanitizing policies: what HTML may stay, how links get their ``rel``, which repairs run.

A :class:`Policy` is a frozen pydantic model, so it can be hashed: engines build
their cleaner once per policy and cache it. Three are built in (``strict``,
``standard``, ``permissive``); :func:`register_policy` adds more, and
:meth:`Policy.from_mapping` reads one from a ``[tool.newspost.policies.NAME]``
TOML table.

Some things no policy may allow, whatever it says: elements that run code or
embed other documents (``script``, ``iframe``, ``object``...), foreign content
(``svg``, ``math``: the root of most mutation XSS), raw-text elements
(``style``, ``xmp``, ``textarea``...), event handler and ``style``
attributes, and ``javascript:``-like URL schemes. A policy naming one raises
:class:`~newspost.PolicyError`.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from functools import cached_property
from typing import Any

from pydantic import Field, ValidationError, field_validator, model_validator

from newspost.errors import PolicyError
from newspost.model._base import Frozen

__all__ = [
    "BUILTIN_POLICIES",
    "DROP_WITH_CONTENT",
    "FORBIDDEN_ATTRIBUTES",
    "FORBIDDEN_SCHEMES",
    "FORBIDDEN_TAGS",
    "Policy",
    "RelPolicy",
    "Repairs",
    "get_policy",
    "policy_names",
    "register_policy",
]

# Elements removed together with everything inside them, before any engine
# runs. Their content is code, an embedded document, foreign (SVG/MathML)
# markup or invisible metadata: never article text.
DROP_WITH_CONTENT: frozenset[str] = frozenset(
    {
        "script", "style", "template", "noscript", "noembed", "noframes",
        "iframe", "frame", "frameset", "object", "embed", "applet", "portal",
        "fencedframe", "svg", "math", "head", "title", "meta", "link", "base",
        "param", "select", "datalist", "audio", "video", "canvas", "map",
    }
)  # fmt: skip

# Tags no policy may allow. The ones not dropped with their content above are
# unwrapped (tag removed, text kept): raw-text elements such as xmp/textarea
# become plain escaped text, and form controls lose their behaviour.
FORBIDDEN_TAGS: frozenset[str] = DROP_WITH_CONTENT | frozenset(
    {
        "html", "body", "form", "input", "button", "textarea", "option",
        "optgroup", "xmp", "plaintext", "listing", "image", "isindex",
        "keygen", "dialog", "slot", "marquee", "blink", "track", "source",
        "picture", "area", "foreignobject", "annotation-xml",
    }
)  # fmt: skip

# Attributes no policy may allow (any name starting with "on" is refused too).
# ``style`` needs a CSS sanitizer to be safe and neither engine is given one.
FORBIDDEN_ATTRIBUTES: frozenset[str] = frozenset(
    {
        "style", "srcdoc", "srcset", "formaction", "action", "xmlns", "http-equiv",
        "is", "background", "dynsrc", "lowsrc", "ping", "data", "codebase",
        "manifest", "attributename", "values", "from", "to", "by",
    }
)  # fmt: skip

# URL schemes that run code or smuggle a document; no policy may allow them.
FORBIDDEN_SCHEMES: frozenset[str] = frozenset(
    {"javascript", "vbscript", "data", "livescript", "mocha", "jar", "view-source", "blob"}
)

_NAME = re.compile(r"^[a-z][a-z0-9-]*$")
_ATTR_NAME = re.compile(r"^[a-z][a-z0-9_.:-]*$")
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*$")


def _lower_set(values: Any) -> frozenset[str]:
    if isinstance(values, str):
        values = [values]
    if isinstance(values, Mapping) or not isinstance(values, Iterable):
        raise PolicyError(
            f"expected a list of names, not {type(values).__name__}",
            hint='write a list, e.g. tags = ["p", "b"]',
        )
    return frozenset(str(v).strip().lower() for v in values)


class RelPolicy(Frozen):
    """How the ``rel`` of links is rewritten (the ``rel`` repair).

    Example:
        >>> sorted(RelPolicy(external=["UGC", "nofollow"]).external)
        ['nofollow', 'ugc']
    """

    drop: frozenset[str] = Field(
        default=frozenset({"dofollow"}),
        description="rel values removed: 'dofollow' is not a real value, SEO tools invent it.",
    )
    target_blank: frozenset[str] = Field(
        default=frozenset({"noopener", "noreferrer"}),
        description="rel values added to links that open a new window (target=_blank).",
    )
    external: frozenset[str] = Field(
        default=frozenset(),
        description="rel values added to links to other sites, e.g. nofollow and ugc.",
    )
    internal_hosts: frozenset[str] = Field(
        default=frozenset(),
        description="Hosts that are not 'other sites' (their subdomains count too).",
    )

    @field_validator("drop", "target_blank", "external", "internal_hosts", mode="before")
    @classmethod
    def _lower(cls, value: Any) -> frozenset[str]:
        return _lower_set(value)


class Repairs(Frozen):
    """Which repairs run before the allowlist engine (all on by default).

    Example:
        >>> Repairs(nfc=False).nfc, Repairs().table_headers
        (False, True)
    """

    url_schemes: bool = Field(True, description="httpss://, htps://, http:/x, https//x -> fixed.")
    rel: bool = Field(True, description="Rewrite rel (see RelPolicy); when off, drop target.")
    editor_attributes: bool = Field(
        True, description="Drop Policy.drop_attributes (data-ke-*...); unwrap bare <span>."
    )
    empty_paragraphs: bool = Field(True, description="Remove <p> holding only spaces/&nbsp;/<br>.")
    table_headers: bool = Field(True, description="A first row of bold cells becomes <thead><th>.")
    heading_bold: bool = Field(True, description="Unwrap <b>/<strong> inside headings.")
    lazy_images: bool = Field(
        True,
        description=(
            "An <img> loaded lazily (data-src, data-lazy-src, data-original, data-srcset) "
            "gets that image as its src: without the page's script, its placeholder would show."
        ),
    )
    placeholder_scripts: bool = Field(
        True, description="Remove the wrapper left empty by a removed <script>/<noscript>."
    )
    nfc: bool = Field(True, description="Unicode NFC normalization of text and attribute values.")
    zero_width: bool = Field(
        True, description="Remove U+200B..U+200D, U+2060, U+FEFF from text (ZWJ kept inside emoji)."
    )


class Policy(Frozen):
    """An allowlist of HTML, plus the repairs to run before it is applied.

    Build one directly, from a mapping (:meth:`from_mapping`, e.g. a TOML
    table), or take a built-in with :func:`get_policy`. Policies are frozen
    and hashable; invalid or unsafe ones raise :class:`~newspost.PolicyError`.

    Example:
        >>> from newspost.sanitize import Policy, sanitize_html
        >>> tiny = Policy(tags={"b", "i"})
        >>> sanitize_html('<p onclick="x()">Hi <b>there</b></p>', tiny)
        'Hi <b>there</b>'
    """

    tags: frozenset[str] = Field(description="Allowed element names (lowercase).")
    attributes: dict[str, frozenset[str]] = Field(
        default_factory=dict,
        description='Allowed attributes per tag; the key "*" applies to every allowed tag.',
    )
    protocols: frozenset[str] = Field(
        default=frozenset({"http", "https", "mailto", "tel", "ftp", "irc", "ircs", "xmpp"}),
        description="URL schemes allowed in href/src/cite; relative URLs are always allowed.",
    )
    strip_comments: bool = Field(True, description="Remove HTML comments.")
    drop_attributes: frozenset[str] = Field(
        default=frozenset({"data-ke-*", "style"}),
        description="Editor attributes (glob patterns) removed by the editor_attributes repair.",
    )
    rel: RelPolicy = Field(default_factory=RelPolicy, description="Link rel rewriting.")
    repairs: Repairs = Field(default_factory=Repairs, description="Which repairs run.")

    def __init__(self, **data: Any) -> None:
        # Callers catch NewsPostError only: pydantic's errors become PolicyError here.
        try:
            super().__init__(**data)
        except ValidationError as exc:
            raise _policy_error(exc) from exc

    # -- validation ----------------------------------------------------------

    @field_validator("tags", "protocols", "drop_attributes", mode="before")
    @classmethod
    def _lower(cls, value: Any) -> frozenset[str]:
        return _lower_set(value)

    @field_validator("attributes", mode="before")
    @classmethod
    def _lower_attributes(cls, value: Any) -> dict[str, frozenset[str]]:
        if not isinstance(value, Mapping):
            raise PolicyError(
                "attributes must map a tag name to a list of attribute names",
                hint='e.g. attributes = {a = ["href", "title"], "*" = ["class"]}',
            )
        return {str(tag).strip().lower(): _lower_set(names) for tag, names in value.items()}

    @model_validator(mode="after")
    def _check_safe(self) -> Policy:
        for tag in sorted(self.tags):
            if not _NAME.match(tag):
                raise PolicyError(f"invalid tag name {tag!r} in policy")
            if tag in FORBIDDEN_TAGS:
                raise PolicyError(
                    f"tag <{tag}> can never be allowed: it runs code, embeds content or "
                    "enables mutation XSS",
                    hint="remove it from tags",
                )
        for tag, names in self.attributes.items():
            if tag != "*" and not _NAME.match(tag):
                raise PolicyError(f"invalid tag name {tag!r} in attributes")
            for name in sorted(names):
                if not _ATTR_NAME.match(name):
                    raise PolicyError(f"invalid attribute name {name!r} for {tag!r}")
                if name.startswith("on") or name in FORBIDDEN_ATTRIBUTES or ":" in name:
                    raise PolicyError(
                        f"attribute {name!r} can never be allowed (on {tag!r})",
                        hint="event handlers, style, srcdoc, srcset and namespaced "
                        "attributes are refused by every policy",
                    )
        for scheme in sorted(self.protocols):
            if not _SCHEME.match(scheme):
                raise PolicyError(f"invalid URL scheme {scheme!r} in protocols")
            if scheme in FORBIDDEN_SCHEMES:
                raise PolicyError(
                    f"URL scheme {scheme!r}: can never be allowed", hint="remove it from protocols"
                )
        if self.allows("a", "target") and not self.allows("a", "rel"):
            # target=_blank without rel=noopener lets the opened page navigate ours.
            raise PolicyError(
                "a policy allowing target on <a> must allow rel too",
                hint='add "rel" to attributes.a',
            )
        return self

    # -- queries -------------------------------------------------------------

    def allows(self, tag: str, attribute: str | None = None) -> bool:
        """Whether the tag (and, if given, that attribute on it) is allowed.

        Example:
            >>> from newspost.sanitize import get_policy
            >>> get_policy("standard").allows("img", "src"), get_policy("strict").allows("img")
            (True, False)
        """
        if tag not in self.tags:
            return False
        if attribute is None:
            return True
        return attribute in self.attributes.get(tag, ()) or attribute in self.attributes.get(
            "*", ()
        )

    @cached_property
    def _key(self) -> tuple[object, ...]:
        # A canonical, hashable form: the attributes dict is what stops the default hash.
        return (
            tuple(sorted(self.tags)),
            tuple(sorted((tag, tuple(sorted(names))) for tag, names in self.attributes.items())),
            tuple(sorted(self.protocols)),
            self.strip_comments,
            tuple(sorted(self.drop_attributes)),
            self.rel,
            self.repairs,
        )

    def __hash__(self) -> int:
        return hash(self._key)

    # -- construction from data ------------------------------------------------

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], *, name: str | None = None) -> Policy:
        """Build a policy from plain data, such as a ``[tool.newspost.policies.NAME]`` table.

        Keys are the field names (``tags``, ``attributes``, ``protocols``,
        ``strip_comments``, ``drop_attributes``, ``rel``, ``repairs``) plus:

        - ``extends``: a registered policy name to start from (fields given
          replace the base's);
        - ``add_tags`` / ``remove_tags``: lists of tags to add to or remove
          from the base;
        - ``add_attributes`` / ``remove_attributes``: tables ``tag -> [names]``;
        - ``rel`` and ``repairs`` tables are merged into the base's, key by key.

        Args:
            data: The mapping.
            name: The policy's name, used in error messages.

        Raises:
            PolicyError: an unknown key (the hint names the nearest valid one),
                an unknown base, a wrong type or an unsafe setting.

        Example:
            >>> mine = Policy.from_mapping({"extends": "standard", "add_tags": ["div"],
            ...                             "rel": {"external": ["nofollow"]}})
            >>> mine.allows("div"), mine.allows("h2"), sorted(mine.rel.external)
            (True, True, ['nofollow'])
        """
        where = f"policy {name!r}" if name else "policy"
        if not isinstance(data, Mapping):
            raise PolicyError(f"{where} must be a table (mapping), not {type(data).__name__}")
        data = dict(data)
        _check_keys(data, _MAPPING_KEYS, where)
        for sub, model in (("rel", RelPolicy), ("repairs", Repairs)):
            if sub in data:
                if not isinstance(data[sub], Mapping):
                    raise PolicyError(f"{where}: {sub} must be a table")
                _check_keys(dict(data[sub]), frozenset(model.model_fields), f"{where}.{sub}")

        base_name = data.pop("extends", None)
        if base_name is not None:
            if not isinstance(base_name, str):
                raise PolicyError(f"{where}: extends must be a policy name")
            merged: dict[str, Any] = get_policy(base_name).model_dump()
        else:
            merged = {}
        for sub in ("rel", "repairs"):
            if sub in data:
                merged[sub] = {**merged.get(sub, {}), **dict(data.pop(sub))}

        add_tags = _lower_set(data.pop("add_tags", ()))
        remove_tags = _lower_set(data.pop("remove_tags", ()))
        add_attributes = data.pop("add_attributes", {})
        remove_attributes = data.pop("remove_attributes", {})
        merged.update(data)
        if "tags" not in merged and not add_tags:
            raise PolicyError(f"{where} allows no tags", hint='set tags or extends = "standard"')
        merged["tags"] = (_lower_set(merged.get("tags", ())) | add_tags) - remove_tags
        given = merged.get("attributes", {})
        if not isinstance(given, Mapping):
            raise PolicyError(f"{where}: attributes must be a table of tag -> [names]")
        attributes = {str(tag).lower(): set(_lower_set(names)) for tag, names in given.items()}
        for table, adding in ((add_attributes, True), (remove_attributes, False)):
            if not isinstance(table, Mapping):
                raise PolicyError(f"{where}: add_attributes/remove_attributes must be tables")
            for tag, names in table.items():
                current = attributes.setdefault(str(tag).lower(), set())
                if adding:
                    current |= _lower_set(names)
                else:
                    current -= _lower_set(names)
        merged["attributes"] = {tag: names for tag, names in attributes.items() if names}
        try:
            return cls(**merged)
        except PolicyError as exc:
            if name is None:
                raise
            raise PolicyError(f"{where}: {exc.message}", hint=exc.hint) from exc


_MAPPING_KEYS = frozenset(Policy.model_fields) | {
    "extends",
    "add_tags",
    "remove_tags",
    "add_attributes",
    "remove_attributes",
}


def _check_keys(data: Mapping[str, Any], valid: frozenset[str], where: str) -> None:
    for key in data:
        if key not in valid:
            near = difflib.get_close_matches(str(key), sorted(valid), n=1)
            hint = (
                f"did you mean {near[0]!r}?" if near else f"valid keys: {', '.join(sorted(valid))}"
            )
            raise PolicyError(f"{where}: unknown key {key!r}", hint=hint)


def _policy_error(exc: ValidationError) -> PolicyError:
    first = exc.errors()[0]
    where = ".".join(str(part) for part in first["loc"]) or "policy"
    valid = frozenset(Policy.model_fields)
    hint = None
    if first["type"] == "extra_forbidden":
        near = difflib.get_close_matches(str(first["loc"][-1]), sorted(valid), n=1)
        hint = f"did you mean {near[0]!r}?" if near else None
    return PolicyError(f"invalid policy field {where}: {first['msg']}", hint=hint)


# -- built-in policies ---------------------------------------------------------

_INLINE = frozenset(
    {
        "b", "strong", "i", "em", "u", "s", "del", "ins", "mark", "small", "sub", "sup",
        "code", "kbd", "br", "a", "span", "abbr", "q", "cite",
    }
)  # fmt: skip
_LINK_ATTRIBUTES = frozenset({"href", "title", "rel", "target"})

_STRICT = Policy(tags=_INLINE, attributes={"a": _LINK_ATTRIBUTES, "abbr": {"title"}})

_STANDARD = Policy(
    tags=_INLINE
    | {
        "h1", "h2", "h3", "h4", "h5", "h6", "p", "hr", "ul", "ol", "li",
        "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
        "img", "figure", "figcaption", "blockquote", "pre",
        # Definition lists: what kramdown, marked and Python-Markdown make of "Term\n: text".
        "dl", "dt", "dd",
    },
    attributes={
        "a": _LINK_ATTRIBUTES,
        "abbr": {"title"},
        "img": {"src", "alt", "title", "width", "height", "loading"},
        "th": {"colspan", "rowspan", "scope"},
        "td": {"colspan", "rowspan"},
        "ol": {"start"},
    },
)  # fmt: skip

_PERMISSIVE = Policy(
    tags=_STANDARD.tags | {"div", "section", "article", "details", "summary"},
    attributes={**_STANDARD.attributes, "*": frozenset({"class"})},
)

BUILTIN_POLICIES: Mapping[str, Policy] = {
    "strict": _STRICT,
    "standard": _STANDARD,
    "permissive": _PERMISSIVE,
}
"""The built-in policies by name: ``strict``, ``standard`` (the default) and ``permissive``."""

_REGISTRY: dict[str, Policy] = dict(BUILTIN_POLICIES)


def register_policy(name: str, policy: Policy | Mapping[str, Any]) -> Policy:
    """Register a policy under a name, so ``sanitize_html(html, "name")`` finds it.

    A mapping is read with :meth:`Policy.from_mapping`. Built-in names cannot be
    replaced: extend them instead.

    Returns:
        The registered policy.

    Raises:
        PolicyError: the name is a built-in one, or the mapping is invalid.

    Example:
        >>> from newspost.sanitize import get_policy, register_policy
        >>> _ = register_policy("docs-demo", {"extends": "strict", "remove_tags": ["a"]})
        >>> get_policy("docs-demo").allows("a")
        False
    """
    key = name.strip().lower()
    if key in BUILTIN_POLICIES:
        raise PolicyError(
            f"the built-in policy {key!r} cannot be replaced",
            hint=f'register it under another name with {{"extends": "{key}"}}',
        )
    if not isinstance(policy, Policy):
        policy = Policy.from_mapping(policy, name=key)
    _REGISTRY[key] = policy
    return policy


def get_policy(name: str | Policy) -> Policy:
    """The registered policy of that name (a :class:`Policy` is returned as it is).

    Raises:
        PolicyError: no policy has that name; the hint names the nearest one.

    Example:
        >>> get_policy("standard").allows("table")
        True
    """
    if isinstance(name, Policy):
        return name
    key = str(name).strip().lower()
    try:
        return _REGISTRY[key]
    except KeyError:
        near = difflib.get_close_matches(key, sorted(_REGISTRY), n=1)
        hint = f"did you mean {near[0]!r}?" if near else f"known: {', '.join(policy_names())}"
        raise PolicyError(f"unknown sanitizing policy {name!r}", hint=hint) from None


def policy_names() -> list[str]:
    """The registered policy names, sorted."""
    return sorted(_REGISTRY)
