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
        EncodingError: the bytes are not UTF-8; it names the byte offset, line and column.
    """
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        column = len(data[line_start : exc.start].decode("utf-8", "replace")) + 1
        raise EncodingError(
            f"not valid UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start} ({exc.reason})",
            offset=exc.start,
            path=path,
            line=line,
            column=column,
            hint="save the file as UTF-8 (for example: iconv -f cp949 -t utf-8)",
        ) from exc


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
