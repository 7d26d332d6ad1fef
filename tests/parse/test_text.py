"""Bytes to text: what is not UTF-8 is an `EncodingError` whose hint names what it is."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newspost import EncodingError, loads
from newspost.parse._text import decode

_POST = "---\ntitle: {title}\n---\n\n{body}\n"


@pytest.mark.parametrize(
    ("codec", "title", "name"),
    [
        ("utf-16", "UTF-16 with its BOM", "UTF-16LE"),
        ("utf-16-le", "ASCII in UTF-16 without a BOM", "UTF-16LE"),
        ("utf-16-be", "한국어 제목", "UTF-16BE"),
        ("utf-32", "UTF-32", "UTF-32LE"),
    ],
)
def test_wide_encodings_are_named(codec: str, title: str, name: str) -> None:
    data = _POST.format(title=title, body="Body text.").encode(codec)
    with pytest.raises(EncodingError) as caught:
        loads(data, path="wide.md")
    assert name in caught.value.message
    assert (caught.value.line, caught.value.column) == (1, 1)
    assert caught.value.hint == f"save the file as UTF-8: iconv -f {name} -t utf-8"


@pytest.mark.parametrize(
    ("codec", "title", "body"),
    [
        ("cp949", "한국어 제목", "본문입니다."),
        ("cp932", "日本語のタイトル", "本文です。"),
        ("gb18030", "中文标题", "正文内容。"),
        ("cp1252", "Café “quotes”", "Body — with a dash, naïve."),
    ],
)
def test_legacy_encodings_are_named_in_the_hint(codec: str, title: str, body: str) -> None:
    data = _POST.format(title=title, body=body).encode(codec)
    with pytest.raises(EncodingError) as caught:
        loads(data, path="legacy.md")
    assert caught.value.line == 2
    assert f"iconv -f {codec} -t utf-8" in (caught.value.hint or "")


def test_a_nul_in_utf8_text_is_not_utf16() -> None:
    assert decode(b"---\ntitle: T\n---\nBody\x00 text\n") == "---\ntitle: T\n---\nBody\x00 text\n"


@given(st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00")))
def test_utf8_without_nuls_always_decodes(text: str) -> None:
    assert decode(text.encode("utf-8")) == text
