"""Bytes to text, and positions in text: the parts of parsing that know nothing of posts."""

from __future__ import annotations

import bisect
import re
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
        legacy = _legacy_encoding(data)
        raise EncodingError(
            f"not valid UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start} ({exc.reason})",
            offset=exc.start,
            path=path,
            line=line,
            column=column,
            hint=(
                f"save the file as UTF-8; it reads as {legacy[1]}: iconv -f {legacy[0]} -t utf-8"
                if legacy
                else "save the file as UTF-8 (for example: iconv -f cp949 -t utf-8)"
            ),
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


# Legacy encodings a post is often saved in, each with the characters its text then holds.
_LEGACY = (
    ("cp949", "Korean (CP949/EUC-KR)", re.compile(r"[\uac00-\ud7a3]")),
    ("cp932", "Japanese (Shift_JIS)", re.compile(r"[\u3040-\u30ff]")),
    ("gb18030", "Chinese (GB18030)", re.compile(r"[\u4e00-\u9fff]")),
    ("cp1252", "Western (Windows-1252)", re.compile(r"[\u00c0-\u00ff\u2013-\u201e\u2026]")),
)


def _legacy_encoding(data: bytes) -> tuple[str, str] | None:
    """The legacy encoding bytes that are not UTF-8 decode in, with mostly its own script."""
    for codec, name, script in _LEGACY:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        wide = [char for char in text if ord(char) > 0x7F]
        if wide and len(script.findall("".join(wide))) * 2 > len(wide):
            return codec, name
    return None


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
