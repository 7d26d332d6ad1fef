"""Every hostile input comes out inert, under every built-in policy and both engines."""

from __future__ import annotations

import pytest
from xss_vectors import VECTORS

from conftest import POLICIES, assert_inert, problems
from newspost.sanitize import Policy, get_policy, sanitize_html


@pytest.mark.parametrize(
    ("technique", "hostile"), VECTORS, ids=[f"{t}-{i}" for i, (t, _) in enumerate(VECTORS)]
)
def test_hostile_input_is_inert(technique: str, hostile: str, engine: str) -> None:
    for name in POLICIES:
        once = sanitize_html(hostile, name, engine=engine)
        assert_inert(once, f"{technique} / {name} / {engine}")
        # Sanitizing is stable, so a second pass cannot expose anything either.
        assert sanitize_html(once, name, engine=engine) == once


def test_checker_catches_what_it_should() -> None:
    # The checker itself must see danger, or every test above proves nothing.
    assert problems("<script>alert(1)</script>")
    assert problems('<a href="jav&#x09;ascript:alert(1)">x</a>')
    assert problems("<img src=x onerror=alert(1)>")
    assert problems("<svg><a>x</a></svg>")
    assert problems('<p style="x">x</p>')
    assert not problems("<p>javascript:alert(1) as text is fine</p>")


def test_comments_kept_by_a_custom_policy_stay_inert(engine: str) -> None:
    keeping = Policy.from_mapping({"extends": "standard", "strip_comments": False})
    for hostile in (
        "<!--><img src=x onerror=alert(1)>-->",
        "<!-- --!><img src=x onerror=alert(1)>-->",
        "<p><!-- </p><img src=x onerror=alert(1)> --></p>",
        "<!-- a -- b --><b>x</b>",
    ):
        once = sanitize_html(hostile, keeping, engine=engine)
        assert_inert(once, f"comment {hostile!r}")
        assert sanitize_html(once, keeping, engine=engine) == once


def test_markdown_looking_text_stays_text(engine: str) -> None:
    out = sanitize_html("[x](javascript:alert(1)) <javascript:alert(1)>", engine=engine)
    assert "<a" not in out
    assert "[x](javascript:alert(1))" in out


def test_target_blank_gets_noopener(engine: str) -> None:
    out = sanitize_html('<a href="https://x.org" target="_blank">x</a>', engine=engine)
    assert 'rel="noopener noreferrer"' in out


def test_without_rel_repair_no_new_windows(engine: str) -> None:
    plain = Policy.from_mapping({"extends": "standard", "repairs": {"rel": False}})
    out = sanitize_html(
        '<a href="https://x.org" target="_blank" rel="dofollow">x</a>', plain, engine=engine
    )
    assert "target" not in out


@pytest.mark.parametrize("name", POLICIES)
def test_builtin_policies_keep_dangerous_things_out(name: str) -> None:
    policy = get_policy(name)
    for tag in (
        "script",
        "style",
        "iframe",
        "object",
        "embed",
        "svg",
        "math",
        "form",
        "base",
        "meta",
        "template",
        "noscript",
        "textarea",
    ):
        assert not policy.allows(tag)
    assert not {"javascript", "vbscript", "data"} & policy.protocols
