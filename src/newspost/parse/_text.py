"""Bytes to text, and positions in text: the parts of parsing that know nothing of posts."""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable
from itertools import accumulate
from pathlib import Path

from newspost.errors import EncodingError

BOM = "\ufeff"
_LINE_END = re.compile(r"\r\n|\r|\n")


def decode(data: bytes, *, path: str | Path | None = None) -> str:
    """Decode UTF-8 strictly, keeping a BOM and every line ending as they are.

    Raises:
        EncodingError: the bytes are not UTF-8 (UTF-16 and UTF-32 included, which
            ASCII text in them would pass for, NULs and all); it names the byte
            offset, line and column, and the hint the encoding they look like.
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        wide = _wide_encoding(data)
        if wide is not None:
            raise _not_utf8(wide, path) from exc
        line = data.count(b"\n", 0, exc.start) + 1
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        column = len(data[line_start : exc.start].decode("utf-8", "replace")) + 1
        raise EncodingError(
            f"not valid UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start} ({exc.reason})",
            offset=exc.start,
            path=path,
            line=line,
            column=column,
            hint=_legacy_hint(data, exc.start),
        ) from exc
    if "\0" in text:  # rare: only then can it be UTF-16 or UTF-32 text without a BOM
        wide = _wide_encoding(data)
        if wide is not None:
            raise _not_utf8(wide, path)
    return text


_WIDE_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32LE"),
    (b"\x00\x00\xfe\xff", "UTF-32BE"),
    (b"\xff\xfe", "UTF-16LE"),
    (b"\xfe\xff", "UTF-16BE"),
)


def _wide_encoding(data: bytes) -> str | None:
    """UTF-16 or UTF-32 by its byte order mark, or by NULs in every other byte (ASCII in UTF-16)."""
    for bom, name in _WIDE_BOMS:
        if data.startswith(bom):
            return name
    sample = data[:4096]
    if len(sample) < 4 or sample.count(0) * 3 < len(sample):
        return None
    for name, zeros in (("UTF-16LE", sample[1::2]), ("UTF-16BE", sample[::2])):
        if zeros.count(0) * 4 >= len(zeros) * 3:
            return name
    return None


def _not_utf8(encoding: str, path: str | Path | None) -> EncodingError:
    return EncodingError(
        f"the file is {encoding}, not UTF-8",
        offset=0,
        path=path,
        line=1,
        column=1,
        hint=f"save the file as UTF-8: iconv -f {encoding} -t utf-8",
    )


def _legacy_hint(data: bytes, at: int) -> str:
    """What to do about bytes that are not UTF-8 from offset ``at``: the encoding they look like.

    A file that is UTF-8 but for a few bytes (text pasted from elsewhere) is
    not converted whole, which would garble the rest: the hint names those
    bytes' text instead. Otherwise the file is in one legacy encoding, which
    `_legacy_encoding` guesses.
    """
    # The bytes around the first that is not UTF-8 tell: before it, all are UTF-8.
    if _mostly_utf8(data[max(0, at - _SAMPLE_BYTES) : at + _SAMPLE_BYTES]):
        run = _non_ascii_run(data, at)
        legacy = _legacy_encoding(run)
        if legacy is None:
            return "the rest of the file is UTF-8: retype or delete the text here"
        return (
            f"the rest of the file is UTF-8: retype {run.decode(legacy[0], 'replace')!r} here "
            f"(these bytes read as {legacy[1]})"
        )
    legacy = _legacy_encoding(data[at : at + _SAMPLE_BYTES])
    if legacy is None:
        return "save the file as UTF-8: iconv -f ENCODING -t utf-8, with the encoding it is in"
    return f"save the file as UTF-8; it reads as {legacy[1]}: iconv -f {legacy[0]} -t utf-8"


def _mostly_utf8(data: bytes) -> bool:
    """Whether more of the non-ASCII characters of ``data`` are UTF-8 than are not.

    A file in a legacy encoding spells UTF-8 characters only by chance (a Korean
    syllable's two bytes one time in ten, a Latin letter and a symbol hardly
    ever), so its bytes are mostly not.
    """
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())  # less the file's own U+FFFD
    good = len(text) - len(text.encode("ascii", "ignore")) - bad
    return good > bad


_RUN_MAX = 64  # bytes of a stretch not in UTF-8 read to name its encoding


def _non_ascii_run(data: bytes, at: int) -> bytes:
    """The bytes that are not ASCII around offset ``at`` (at most `_RUN_MAX` of them)."""
    start = at
    while start > 0 and data[start - 1] > 0x7F and at - start < _RUN_MAX:
        start -= 1
    end = at
    while end < len(data) and data[end] > 0x7F and end - start < _RUN_MAX:
        end += 1
    return data[start:end]


_SAMPLE = 20_000  # characters: enough to tell an encoding, few enough to score quickly
_SAMPLE_BYTES = 4 * _SAMPLE  # what is decoded of a large file (a character cut: one U+FFFD)
_HANGUL = r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]"
_KANA = r"[\u3040-\u30ff]"
_HAN = r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
# Kana, CJK signs and kanji, full-width forms (not the half-width katakana that
# EUC-KR and GB2312 bytes read as in Shift_JIS).
_JAPANESE = r"[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff01-\uff60\uffe0-\uffef]"


@functools.cache
def _script(char_class: str) -> re.Pattern[str]:
    """``char_class`` compiled, on first use.

    Compiling a class of thousands of CJK characters takes milliseconds (the
    compiler maps them one by one), paid by every process at import; only a
    file that does not decode needs these.
    """
    return re.compile(char_class)


_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")
# What Western European text holds beyond ASCII: Windows-1252's letters and marks,
# less the ones only mojibake and Shift_JIS bytes spell (ƒ, ˆ, ˜) and the C1 controls
# ISO-8859-1 reads 0x80-0x9F as.
_WESTERN = frozenset(
    bytes(range(0x80, 0x100)).decode("cp1252", "ignore").translate({ord(c): None for c in "ƒˆ˜"})
)


def _score_korean(text: str) -> float:
    """The share of Hangul (and signs) in KS X 1001, EUC-KR's set: CP949 adds rare syllables."""
    han = _script(_HAN).match
    return _share(text, lambda char: not han(char) and _double_byte(char, "euc_kr"))


def _score_chinese(text: str) -> float:
    """The share of characters in GB2312, the common set: Latin bytes spell rare GBK ones."""
    hangul = _script(_HANGUL).match
    return _share(text, lambda char: not hangul(char) and _double_byte(char, "gb2312"))


def _score_traditional_chinese(text: str) -> float:
    """The share of Big5's signs and common (level 1) hanzi, its bytes 0xA140 to 0xC67E."""
    return _share(text, lambda char: _double_byte(char, "big5", below=0xC7))


def _score_japanese(text: str) -> float:
    """The share of kana, kanji and Japanese signs, where kana are a good part as in Japanese."""
    wide = _NON_ASCII_RUN.findall(text[:_SAMPLE])
    kana = _script(_KANA).findall
    if sum(len(kana(run)) for run in wide) * 10 < sum(map(len, wide)):
        return 0.0  # Latin-1 bytes read in Shift_JIS spell kanji, hardly ever kana
    return _share(text, _script(_JAPANESE).match)


def _score_western(text: str) -> float:
    """The share of Western letters and marks standing alone or in twos between ASCII.

    Latin-1 text has an accented letter or a curly quote here and there; CJK
    bytes read in Windows-1252 are long runs of them.
    """
    plausible = total = 0
    for run in _NON_ASCII_RUN.findall(text[:_SAMPLE]):
        total += len(run)
        if len(run) <= 2:
            plausible += sum(1 for char in run if char in _WESTERN)
    return plausible / total if total else 0.0


def _share(text: str, plausible: Callable[[str], object]) -> float:
    """The share of the non-ASCII characters of ``text`` (sampled) that are ``plausible``."""
    wide = "".join(_NON_ASCII_RUN.findall(text[:_SAMPLE]))
    return sum(1 for char in wide if plausible(char)) / len(wide) if wide else 0.0


def _double_byte(char: str, codec: str, *, below: int = 0x100) -> bool:
    """Whether ``char`` is one double-byte code of ``codec`` whose first byte is under ``below``.

    One code: Python's EUC-KR writes a syllable KS X 1001 lacks as eight bytes of jamo.
    """
    try:
        code = char.encode(codec)
    except UnicodeEncodeError:
        return False
    return len(code) == 2 and code[0] < below


# Legacy encodings a post is often saved in, each with how to score what it reads as.
# The order settles ties, which short texts can give: Korean comes before Chinese, as
# KS X 1001's Hangul bytes spell common hanzi too, and Western before Big5, as a capital
# accented letter before an ASCII one ("Ärger") is a common Big5 hanzi.
_LEGACY: tuple[tuple[str, str, Callable[[str], float]], ...] = (
    ("cp949", "Korean (CP949/EUC-KR)", _score_korean),
    ("cp932", "Japanese (Shift_JIS)", _score_japanese),
    ("gb18030", "Chinese (GB18030)", _score_chinese),
    ("cp1252", "Western European (Windows-1252/Latin-1)", _score_western),
    ("cp950", "Traditional Chinese (Big5/CP950)", _score_traditional_chinese),
    ("latin-1", "Western European (ISO-8859-1)", _score_western),
)


def _legacy_encoding(data: bytes) -> tuple[str, str] | None:
    """The legacy encoding bytes that are not UTF-8 most likely are, and its name.

    Each encoding is scored by how much of the non-ASCII text it reads is that
    language's common text (bytes it cannot read count against it, so a file
    cut in the middle of a character, or with one stray byte, is still named);
    the best score over a half wins, the earlier encoding on a tie. Whether the
    bytes decode at all would not do: Latin-1 letters before ASCII ones (``é``
    in ``Montréal``) are valid GB18030, but as rare hanzi, and a curly
    apostrophe before an ``s`` is a valid CP949 syllable, but not a KS X 1001 one.
    """
    best: tuple[str, str] | None = None
    best_score = 0.5
    for codec, name, score in _LEGACY:
        value = score(data.decode(codec, "replace"))  # U+FFFD is common text in none
        if value > best_score:
            best, best_score = (codec, name), value
    return best


# The C0 controls XML cannot hold (all but tab, LF and CR), and every other byte.
_C0_CONTROLS = bytes(range(0x20)).translate(None, b"\t\n\r")
_ALL_BUT_C0_CONTROLS = bytes(range(256)).translate(None, _C0_CONTROLS)


def holds_c0_controls(data: bytes) -> bool:
    """Whether UTF-8 bytes hold a C0 control character other than tab, LF and CR.

    No other character's UTF-8 has such a byte, so deleting every other byte
    (all in C, several times cheaper than a pattern's test per character)
    leaves exactly those controls.
    """
    return bool(data.translate(None, _ALL_BUT_C0_CONTROLS))


def line_number(text: str, offset: int) -> int:
    r"""The 1-based line holding ``text[offset]`` (lines end at \n, \r\n or a lone \r)."""
    if "\r" not in text:
        return text.count("\n", 0, offset) + 1
    return sum(1 for _ in _LINE_END.finditer(text, 0, offset)) + 1


class LineIndex:
    """Maps character offsets in a text to 1-based (line, column) pairs."""

    __slots__ = ("_starts",)

    def __init__(self, text: str) -> None:
        # Lines end at \n, \r\n or a lone \r (old Mac files), as Markdown reads them.
        starts = [0]
        if "\r" in text:
            starts.extend(match.end() for match in _LINE_END.finditer(text))
        else:
            # Each line starts one past the end of the one before: the lengths, summed in C.
            lengths = [len(line) + 1 for line in text.split("\n")]
            lengths.pop()  # the text's end starts no line
            starts.extend(accumulate(lengths))
        self._starts = starts

    def position(self, offset: int) -> tuple[int, int]:
        """``(line, column)``, both 1-based, of a character offset."""
        index = bisect.bisect_right(self._starts, offset) - 1
        return index + 1, offset - self._starts[index] + 1

    def offset(self, line: int) -> int:
        """The offset where a 1-based line starts."""
        return self._starts[max(0, min(line - 1, len(self._starts) - 1))]


def _collapse(text: str) -> str:
    """Runs of whitespace as one space, none at the ends: ``" ".join(text.split())``."""
    # A printable text holds no whitespace but " " (every other space, tab or line
    # break is not printable): stripped, with no "  " left, it is collapsed. Most
    # paragraphs are, and the test is much cheaper than splitting into words.
    stripped = text.strip()
    if stripped.isprintable() and "  " not in stripped:
        return stripped
    return " ".join(stripped.split())
