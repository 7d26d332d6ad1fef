"""URL helpers shared by the HTML pass and the Markdown pass: scheme checks and typo repair."""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

__all__ = ["URL_ATTRIBUTES", "is_external", "repair_url_scheme", "url_scheme"]

# Attributes whose value is a URL (what bleach and ammonia check, and a few more).
URL_ATTRIBUTES: frozenset[str] = frozenset(
    {"href", "src", "cite", "action", "formaction", "poster", "background", "longdesc",
     "xlink:href", "data", "codebase", "usemap", "ping", "lowsrc", "dynsrc", "manifest"}
)  # fmt: skip

# Browsers ignore ASCII tab/newline anywhere in a URL and strip leading C0
# controls and spaces, so "java\tscript:" is "javascript:". Remove the same
# (and the other invisible characters used to split a scheme) before reading it.
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\xa0\u00ad\u200b-\u200f\u2028\u2029\u2060\ufeff]+")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")

# The scheme typos found in real posts: httpss://, htps://, htttp://, http:/x,
# http:///x and https//x. Only the http family is touched; the colon may be
# missing only when exactly two slashes follow ("https//x").
_TYPO = re.compile(
    r"^(?P<scheme>h{1,2}t{1,3}p{1,2}(?P<s>s*))(?:(?P<colon>:)(?P<slashes>/{1,3})|(?P<bare>//))"
    r"(?=[^/\s])",
    re.IGNORECASE,
)


def url_scheme(value: str) -> str | None:
    """The lowercased scheme of a URL as a browser reads it, or None for a relative URL.

    Character references are decoded and invisible characters removed first,
    so obfuscated schemes are found.

    Example:
        >>> url_scheme(" JaVa&#x09;script:alert(1)"), url_scheme("/news/1"), url_scheme("https://x")
        ('javascript', None, 'https')
    """
    decoded = value
    # Decode until stable: "&amp;#106;" style double encoding is decoded by some
    # pipelines (ours included, once per pass), so judge the worst case.
    for _ in range(3):
        unescaped = html.unescape(decoded)
        if unescaped == decoded:
            break
        decoded = unescaped
    found = _SCHEME.match(_INVISIBLE.sub("", decoded))
    return found.group(1).lower() if found else None


def repair_url_scheme(value: str) -> str:
    """Fix a mistyped http(s) scheme; anything else is returned unchanged (minus outer spaces).

    Example:
        >>> [repair_url_scheme(u) for u in ("httpss://a.kr", "htps://a.kr", "htttp://a.kr",
        ...                                 "http:/a.kr", "https//a.kr", "https://a.kr")]
        ['https://a.kr', 'https://a.kr', 'http://a.kr', 'http://a.kr', 'https://a.kr', 'https://a.kr']
    """
    stripped = value.strip()
    found = _TYPO.match(stripped)
    if not found:
        return stripped
    scheme = "https" if found.group("s") else "http"
    return f"{scheme}://{stripped[found.end() :]}"


def is_external(value: str, internal_hosts: frozenset[str]) -> bool:
    """Whether an absolute http(s) URL points to a host not in ``internal_hosts``.

    Relative URLs are internal; a host's subdomains count as that host.

    Example:
        >>> is_external("https://news.example.com/x", frozenset({"example.com"}))
        False
        >>> is_external("https://other.org/", frozenset({"example.com"}))
        True
        >>> is_external("/a", frozenset())
        False
    """
    try:
        parts = urlsplit(value.strip())
    except ValueError:
        return True
    if parts.scheme.lower() not in ("http", "https") and not (
        not parts.scheme and value.strip().startswith("//")
    ):
        return False
    host = (parts.hostname or "").rstrip(".")
    if not host:
        return False
    return not any(host == h or host.endswith("." + h) for h in internal_hosts)
