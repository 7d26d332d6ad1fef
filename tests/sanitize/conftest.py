"""Shared fixtures and checkers for the sanitize tests."""

from __future__ import annotations

import html as _html
import importlib.util
import re
import sys
import unicodedata
import warnings
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from xml.dom.minidom import Element, Node

import html5lib
import pytest
from lxml import etree

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT / "src") not in sys.path:  # the package may not be installed yet
    sys.path.insert(0, str(ROOT / "src"))
if str(Path(__file__).parent) not in sys.path:
    sys.path.insert(0, str(Path(__file__).parent))

from newspost.sanitize._policy import DROP_WITH_CONTENT  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
POLICIES = ("strict", "standard", "permissive")
HAVE_NH3 = importlib.util.find_spec("nh3") is not None
ENGINES = [
    "bleach",
    pytest.param("nh3", marks=pytest.mark.skipif(not HAVE_NH3, reason="nh3 is not installed")),
]


@pytest.fixture(params=ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    """Each test using it runs once per engine."""
    return str(request.param)


@pytest.fixture(params=POLICIES)
def policy(request: pytest.FixtureRequest) -> str:
    """Each test using it runs once per built-in policy."""
    return str(request.param)


# -- the corpus ----------------------------------------------------------------


def split_body(text: str) -> str:
    """The body of a post: after the second ``---`` (YAML) or ``+++`` (TOML) line."""
    text = text.lstrip("\ufeff")
    for fence in ("---", "+++"):
        if text.startswith(fence + "\n") or text.startswith(fence + "\r\n"):
            lines = text.splitlines(keepends=True)
            for number, line in enumerate(lines[1:], start=1):
                if line.rstrip("\r\n") == fence:
                    return "".join(lines[number + 1 :])
    return text


@lru_cache(maxsize=1)
def corpus_files() -> tuple[Path, ...]:
    if not CORPUS.is_dir():
        return ()
    return tuple(
        sorted(p for p in CORPUS.rglob("*") if p.is_file() and p.suffix in (".md", ".html"))
    )


def corpus_bodies() -> Iterator[tuple[str, str]]:
    for path in corpus_files():
        yield str(path.relative_to(CORPUS)), split_body(path.read_text(encoding="utf-8"))


def need_corpus() -> None:
    if not corpus_files():
        pytest.skip(f"the real posts are not there: {CORPUS} is missing")


# -- checkers --------------------------------------------------------------------

# Elements that must never appear in sanitized output, in any namespace.
BANNED_ELEMENTS = frozenset(
    {"script", "svg", "math", "iframe", "object", "embed", "base", "meta", "form", "style",
     "link", "frame", "frameset", "applet", "template", "noscript", "input", "button",
     "textarea", "select", "xmp", "plaintext", "noembed", "noframes", "portal", "title"}
)  # fmt: skip
URL_ATTRIBUTES = frozenset(
    {"href", "src", "action", "formaction", "xlink:href", "data", "srcdoc", "poster",
     "background", "cite", "codebase", "ping", "srcset", "to", "values", "from"}
)  # fmt: skip
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\xa0\u00ad\u200b-\u200f\u2028\u2029\u2060\ufeff]+")
_DANGEROUS = re.compile(r"(javascript|vbscript|livescript|data):", re.IGNORECASE)


def _decoded(value: str) -> str:
    for _ in range(3):
        value = _html.unescape(value)
    return _INVISIBLE.sub("", value)


def parse(fragment: str) -> Node:
    """A fragment as a browser reads it (html5lib, into a DOM).

    The DOM tree builder, not the etree or lxml ones: those lose text that
    HTML5 moves out of tables ("foster parenting") in fragments.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        tree: Node = html5lib.parseFragment(fragment, treebuilder="dom")
    return tree


def _elements(node: Node) -> Iterator[Element]:
    for child in node.childNodes:
        if child.nodeType == Node.ELEMENT_NODE:
            assert isinstance(child, Element)
            yield child
            yield from _elements(child)


def problems(output: str, *, deep: bool = True) -> list[str]:
    """Everything executable in ``output``, as a browser (html5lib) and lxml read it.

    ``deep`` also reads it with lxml, and parses the browser's serialization
    once more, to catch output that turns dangerous on a second parse.
    """
    return problems_in(output, parse(output), deep=deep)


def problems_in(output: str, browser: Node, *, deep: bool = True) -> list[str]:
    found: list[str] = []
    if re.search(r"<\s*script", output, re.IGNORECASE):
        found.append("a <script tag")
    readings: list[list[tuple[str, str, dict[str, str]]]] = [_dom_reading(browser)]
    if deep:
        tree = etree.fromstring("<html><body>" + (output or " "), etree.HTMLParser())
        readings.append(
            [
                (str(el.tag).lower(), "", {str(k): str(v) for k, v in el.attrib.items()})
                for el in tree.iter()
                if isinstance(el.tag, str)
            ]
        )
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reparsed = html5lib.serialize(browser, tree="dom")
        readings.append(_dom_reading(parse(reparsed)))
    for reading in readings:
        for tag, namespace, attributes in reading:
            if tag in BANNED_ELEMENTS or "svg" in namespace or "MathML" in namespace:
                found.append(f"<{tag}> element")
            for name, value in attributes.items():
                attribute = (
                    name.lower().rsplit(":", 1)[-1] if name.startswith("xlink") else name.lower()
                )
                if attribute.startswith("on"):
                    found.append(f"{attribute}= on <{tag}>")
                if attribute in ("style", "srcdoc", "srcset", "http-equiv", "formaction"):
                    found.append(f"{attribute}= on <{tag}>")
                if (attribute in URL_ATTRIBUTES or ":" in name) and _DANGEROUS.match(
                    _decoded(value)
                ):
                    found.append(f"dangerous URL in {name}= on <{tag}>")
    return found


def _dom_reading(tree: Node) -> list[tuple[str, str, dict[str, str]]]:
    return [
        (el.tagName.lower(), el.namespaceURI or "", dict(el.attributes.items()))
        for el in _elements(tree)
    ]


def assert_inert(output: str, context: str = "") -> None:
    found = problems(output)
    assert not found, f"{context}: {found} in {output!r}"


_ZERO_WIDTH = re.compile(r"[\u200b-\u200d\u2060\ufeff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufffd]")
_WHITESPACE = re.compile(r"\s+")


def visible_text(fragment: str | Node) -> str:
    """The text a browser shows: html5lib's reading, minus dropped elements' content.

    Normalised for comparison: NFC, no zero-width or control characters, and no
    whitespace at all (unwrapping a block puts a line break between words).
    """
    tree = parse(fragment) if isinstance(fragment, str) else fragment
    parts: list[str] = []

    def walk(node: Node) -> None:
        for child in node.childNodes:
            if child.nodeType == Node.TEXT_NODE:
                parts.append(child.data)
            elif (
                child.nodeType == Node.ELEMENT_NODE
                and child.tagName.lower() not in DROP_WITH_CONTENT
            ):
                walk(child)

    walk(tree)
    text = unicodedata.normalize("NFC", "".join(parts))
    return _WHITESPACE.sub("", _CONTROL.sub("", _ZERO_WIDTH.sub("", text)))
