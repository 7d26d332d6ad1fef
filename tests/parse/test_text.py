"""Bytes to text: what is not UTF-8 is an `EncodingError` whose hint names what it is."""

from __future__ import annotations

import string

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
    ("saved_in", "title", "body", "codec"),
    [
        # Latin-1 letters before ASCII ones are valid GB18030 (rare hanzi): the hint said so.
        ("latin-1", "Crème brûlée à Montréal", "Le café était très délicieux.", "cp1252"),
        ("latin-1", "Über die Straße", "Grüße aus München, Ärger im Amt.", "cp1252"),
        ("latin-1", "Informação", "Não há previsão de solução; España mañana.", "cp1252"),
        ("latin-1", "Café", "", "cp1252"),
        # Curly apostrophes and dashes before letters are valid CP949 (rare syllables).
        ("cp1252", "It’s done—isn’t it", "A dog’s life.", "cp1252"),
        ("cp1252", "Café “quotes”", "Body — with a dash, naïve, €5…", "cp1252"),
        ("euc_kr", "한국어 제목", "본문입니다. 정부는 오늘 “발표”했다 · 끝.", "cp949"),
        ("cp949", "똠방각하", "햏 본문입니다.", "cp949"),
        ("shift_jis", "日本語のタイトル", "本文です。東京都は発表した。", "cp932"),
        ("cp932", "経済産業省発表", "政府は新しい政策を発表しました。", "cp932"),
        ("gb2312", "中文标题", "正文内容。上海市政府今天宣布。", "gb18030"),
        ("gb18030", "中文𠀀标题", "正文。", "gb18030"),
        ("big5", "中文標題", "正文內容，臺北市政府今天宣布。", "cp950"),
    ],
)
def test_legacy_encodings_are_named_in_the_hint(
    saved_in: str, title: str, body: str, codec: str
) -> None:
    data = _POST.format(title=title, body=body).encode(saved_in)
    with pytest.raises(EncodingError) as caught:
        loads(data, path="legacy.md")
    assert caught.value.line == 2
    hint = caught.value.hint or ""
    assert hint.startswith("save the file as UTF-8; it reads as ")
    assert hint.endswith(f"iconv -f {codec} -t utf-8")
    assert data.decode(codec) == _POST.format(title=title, body=body)  # the command is right


_LATIN_WORDS = st.lists(
    st.tuples(
        st.text(string.ascii_letters, min_size=1, max_size=6),
        st.sampled_from("àâçéèêëîïôûùüÿñæøåäößáíóúãõÀÇÉÈÊÔÜÄÖÑ"),
        st.text(string.ascii_letters, max_size=6),
    ).map("".join),
    min_size=1,
    max_size=12,
)


@given(_LATIN_WORDS, st.sampled_from([" ", ", ", ". ", "\n"]))
def test_western_european_text_is_named_as_such(words: list[str], gap: str) -> None:
    data = _POST.format(title="T", body=gap.join(words)).encode("latin-1")
    with pytest.raises(EncodingError) as caught:
        loads(data)
    assert (caught.value.hint or "").endswith("iconv -f cp1252 -t utf-8")


@pytest.mark.parametrize(
    ("data", "read"),
    [
        (
            "---\ntitle: 한국어\n---\n\n본문 café 입니다\n".encode().replace("é".encode(), b"\xe9"),
            "'é'",
        ),
        (
            "# 제목\n\n정부 발표 본문: ".encode() + "한글".encode("euc_kr") + " 끝\n".encode(),
            "'한글'",
        ),
    ],
)
def test_a_utf8_file_with_a_pasted_stretch_is_not_converted_whole(data: bytes, read: str) -> None:
    with pytest.raises(EncodingError) as caught:
        loads(data)
    hint = caught.value.hint or ""
    assert hint.startswith("the rest of the file is UTF-8: retype " + read)
    assert "iconv" not in hint  # converting the whole file would garble its UTF-8


def test_bytes_of_no_known_encoding_get_a_plain_hint() -> None:
    with pytest.raises(EncodingError) as caught:
        loads(bytes([0x80, 0x81, 0x8D, 0xFF, 0xFE, 0x90]) * 3)
    assert caught.value.hint == (
        "save the file as UTF-8: iconv -f ENCODING -t utf-8, with the encoding it is in"
    )


def test_a_nul_in_utf8_text_is_not_utf16() -> None:
    assert decode(b"---\ntitle: T\n---\nBody\x00 text\n") == "---\ntitle: T\n---\nBody\x00 text\n"


@given(st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00")))
def test_utf8_without_nuls_always_decodes(text: str) -> None:
    assert decode(text.encode("utf-8")) == text
