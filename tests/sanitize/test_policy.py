"""Policies: built-ins, the registry, mappings (TOML tables) and the errors they raise."""

from __future__ import annotations

import sys

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from newspost.errors import NewsPostError, PolicyError
from newspost.sanitize import (
    BUILTIN_POLICIES,
    Policy,
    engine_names,
    get_engine,
    get_policy,
    policy_names,
    register_engine,
    register_policy,
    sanitize_html,
)


def test_builtins_nest() -> None:
    strict, standard, permissive = (get_policy(n) for n in ("strict", "standard", "permissive"))
    assert strict.tags < standard.tags < permissive.tags
    assert {"h1", "h6", "table", "caption", "figcaption", "img", "pre"} <= standard.tags
    assert {"div", "section", "article", "details", "summary"} <= permissive.tags
    assert standard.allows("th", "scope") and standard.allows("img", "loading")
    assert permissive.allows("span", "class") and not standard.allows("span", "class")
    assert set(BUILTIN_POLICIES) == {"strict", "standard", "permissive"}


def test_keys_and_definition_lists_are_kept() -> None:
    # A keyboard shortcut in a how-to, and a glossary written as a definition list (what
    # kramdown, marked and Python-Markdown render "Term\n: text" as).
    html = "<p>Press <kbd>Ctrl</kbd>+<kbd>C</kbd>.</p><dl><dt>API</dt><dd>interface</dd></dl>"
    assert sanitize_html(html) == html
    assert sanitize_html(html, "strict") == "Press <kbd>Ctrl</kbd>+<kbd>C</kbd>.\nAPI\ninterface"


def test_policies_are_frozen_and_hashable() -> None:
    policy = get_policy("standard")
    with pytest.raises(Exception):  # noqa: B017 - pydantic's frozen error
        policy.tags = frozenset()  # type: ignore[misc]
    same = Policy.from_mapping({"extends": "standard"})
    assert same == policy and hash(same) == hash(policy)
    assert len({policy, same, get_policy("strict")}) == 2


def test_from_toml_table() -> None:
    table = tomllib.loads(
        """
        [tool.newspost.policies.newsroom]
        extends = "standard"
        add_tags = ["div"]
        remove_tags = ["img"]
        add_attributes = { div = ["class"] }
        protocols = ["https"]
        rel = { external = ["nofollow", "ugc"], internal_hosts = ["example.com"] }
        repairs = { nfc = false }
        """
    )["tool"]["newspost"]["policies"]["newsroom"]
    policy = Policy.from_mapping(table, name="newsroom")
    assert policy.allows("div", "class") and not policy.allows("img")
    assert policy.protocols == {"https"}
    assert policy.rel.external == {"nofollow", "ugc"} and policy.rel.target_blank
    assert policy.repairs.nfc is False and policy.repairs.rel is True
    out = sanitize_html(
        '<a href="https://other.org/">o</a> <a href="https://www.example.com/">i</a>', policy
    )
    assert out == (
        '<a href="https://other.org/" rel="nofollow ugc">o</a> <a href="https://www.example.com/">i</a>'
    )


@pytest.mark.parametrize(
    ("mapping", "hint"),
    [
        ({"extends": "standard", "tag": ["b"]}, "'tags'"),
        ({"extends": "standard", "protocol": ["https"]}, "'protocols'"),
        ({"extends": "standard", "repairs": {"nfcc": False}}, "'nfc'"),
        ({"extends": "standard", "rel": {"externals": ["ugc"]}}, "'external'"),
        ({"extends": "standad"}, "'standard'"),
    ],
)
def test_unknown_keys_name_the_nearest(mapping: dict[str, object], hint: str) -> None:
    with pytest.raises(PolicyError) as info:
        Policy.from_mapping(mapping, name="mine")
    assert info.value.hint is not None and hint in info.value.hint


@pytest.mark.parametrize(
    "mapping",
    [
        {"extends": "standard", "add_tags": ["script"]},
        {"extends": "standard", "add_tags": ["svg"]},
        {"extends": "standard", "add_tags": ["iframe"]},
        {"extends": "standard", "add_tags": ["math"]},
        {"extends": "standard", "add_tags": ["style"]},
        {"extends": "standard", "add_attributes": {"p": ["onclick"]}},
        {"extends": "standard", "add_attributes": {"*": ["style"]}},
        {"extends": "standard", "add_attributes": {"img": ["srcset"]}},
        {"extends": "standard", "protocols": ["https", "javascript"]},
        {"extends": "standard", "protocols": ["data"]},
        {"extends": "standard", "remove_attributes": {"a": ["rel"]}},
        {"tags": ["b"], "attributes": "nope"},
        {"tags": 5},
        {"attributes": {"b": ["title"]}},
        {"extends": 3},
        ["not", "a", "table"],
    ],
)
def test_unsafe_or_invalid_policies_are_refused(mapping: object) -> None:
    with pytest.raises(PolicyError):
        Policy.from_mapping(mapping)  # type: ignore[arg-type]


def test_direct_construction_errors_are_ours() -> None:
    with pytest.raises(NewsPostError):
        Policy(tags={"b"}, colour="red")
    with pytest.raises(PolicyError):
        Policy(tags={"b", "script"})


def test_registry() -> None:
    mine = register_policy("test-mine", {"extends": "strict", "remove_tags": ["a"]})
    assert get_policy("test-mine") is mine and "test-mine" in policy_names()
    assert sanitize_html('<a href="/x">x</a><b>b</b>', "test-mine") == "x<b>b</b>"
    with pytest.raises(PolicyError):
        register_policy("standard", mine)
    with pytest.raises(PolicyError) as info:
        get_policy("standrd")
    assert info.value.hint == "did you mean 'standard'?"


def test_engines_registry() -> None:
    assert {"bleach", "nh3"} <= set(engine_names())
    with pytest.raises(PolicyError):
        get_engine("bleech")
    with pytest.raises(PolicyError):
        sanitize_html("x", engine="bleech")
    with pytest.raises(PolicyError):
        register_engine(object())  # type: ignore[arg-type]


def test_missing_nh3_is_a_policy_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    from newspost.sanitize import _engines

    real_import = builtins.__import__

    def no_nh3(name: str, *args: object, **kwargs: object) -> object:
        if name == "nh3":
            raise ImportError("no nh3")
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    _engines._nh3_cleaner.cache_clear()
    monkeypatch.setattr(builtins, "__import__", no_nh3)
    monkeypatch.delitem(__import__("sys").modules, "nh3", raising=False)
    with pytest.raises(PolicyError) as info:
        sanitize_html("<b>x</b>", Policy.from_mapping({"extends": "strict"}), engine="nh3")
    assert info.value.hint == "pip install newspost[fast]"
    _engines._nh3_cleaner.cache_clear()


def test_cleaners_are_built_once_per_policy() -> None:
    from newspost.sanitize import _engines

    built: list[Policy] = []
    original = _engines._new_bleach_cleaner

    def counting(policy: Policy) -> object:
        built.append(policy)
        return original(policy)

    _engines._PER_THREAD.cleaners = {}
    _engines._new_bleach_cleaner = counting  # type: ignore[assignment]
    try:
        for _ in range(5):
            sanitize_html("<b>x</b>", "standard")
            sanitize_html("<b>x</b>", Policy.from_mapping({"extends": "standard"}))
    finally:
        _engines._new_bleach_cleaner = original  # type: ignore[assignment]
    assert len(built) == 1  # equal policies share one cleaner (per thread)


def test_cleaners_are_not_shared_between_threads() -> None:
    from concurrent.futures import ThreadPoolExecutor

    html = "<p>" + "<b onclick='x()'>bold</b> text " * 200 + "</p>"
    expected = sanitize_html(html, "standard")
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda _: sanitize_html(html, "standard"), range(40)))
    assert all(result == expected for result in results)
