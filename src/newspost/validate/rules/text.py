"""NP6xx: the text itself, from its Unicode form to a generator's leftovers.

Unicode form, invisible and control characters, broken encoding, repeated
paragraphs, placeholders and generator leftovers.

Character-level rules read the whole original text (front matter included),
since a zero-width space in a title is as broken as one in the body.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice

from newspost.model.blocks import Paragraph, Quote
from newspost.validate._rule import Context, Edit, Fix, Issue, LintRule, Severity, register
from newspost.validate.rules._util import line_bounds, scan

__all__ = [
    "BidiControlCharacter",
    "BrokenEncoding",
    "ControlCharacter",
    "DuplicateParagraph",
    "GeneratorArtifact",
    "NotNfc",
    "PlaceholderText",
    "ZeroWidthCharacter",
]

_MAX_REPORTS = 20


@register
class NotNfc(LintRule):
    """The text is not in Unicode NFC form (decomposed Hangul or accents).

    Text pasted from macOS (NFD) stores "한" as three jamo and "é" as e + accent:
    it looks the same but search, sorting, length limits and string comparison
    all fail on it. The fix replaces each affected line with its NFC form; one
    finding, at the first such line.

    Bad: "한국" written as U+1112 U+1161 U+11AB U+1100 U+116E U+11A8.
    Good: "한국" as U+D55C U+AD6D.
    """

    code = "NP601"
    name = "not-nfc"
    severity = Severity.WARNING
    summary = "text is not NFC-normalised"
    fixable = True

    def check(self, ctx: Context) -> Iterator[Issue]:
        text = ctx.post.raw.text
        if text.isascii() or unicodedata.is_normalized("NFC", text):
            return
        edits: list[Edit] = []
        first: tuple[int, int] | None = None
        for number, line in enumerate(text.split("\n"), start=1):
            if line.isascii() or unicodedata.is_normalized("NFC", line):
                continue
            start, _ = line_bounds(ctx, number)
            edits.append(
                Edit(
                    start=start,
                    end=start + len(line),
                    replacement=unicodedata.normalize("NFC", line),
                )
            )
            if first is None:
                column = next(
                    (
                        i
                        for i, ch in enumerate(line)
                        if unicodedata.combining(ch) or "\u1100" <= ch <= "\u11ff"
                    ),
                    0,
                )
                first = (number, column + 1)
        if first is None:
            return
        fix = Fix(description="normalise the text to NFC", edits=edits)
        yield self.issue(
            ctx,
            f"text is not NFC-normalised on {len(edits)} line(s)",
            fix=fix,
            line=first[0],
            column=first[1],
        )


_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
_DELETABLE = frozenset("\u200b\u2060\ufeff")
_ZW_SET = frozenset("\u200b\u200c\u200d\u2060\ufeff")
_NAMES = {
    "\u200b": "ZERO WIDTH SPACE (U+200B)",
    "\u200c": "ZERO WIDTH NON-JOINER (U+200C)",
    "\u200d": "ZERO WIDTH JOINER (U+200D)",
    "\u2060": "WORD JOINER (U+2060)",
    "\ufeff": "BYTE ORDER MARK (U+FEFF)",
}


def _joining_script(ch: str) -> bool:
    """Scripts and emoji where joiners (U+200C, U+200D) do real work."""
    code = ord(ch)
    return (
        0x0590 <= code <= 0x0DFF  # Hebrew, Arabic, Syriac, Indic scripts
        or 0x0F00 <= code <= 0x109F  # Tibetan, Myanmar
        or 0x1780 <= code <= 0x18AF  # Khmer, Mongolian
        or 0x2600 <= code <= 0x27BF  # dingbats and symbols used in emoji
        or code == 0xFE0F
        or code >= 0x1F000  # emoji
    )


@register
class ZeroWidthCharacter(LintRule):
    r"""The text holds invisible zero-width characters.

    These are U+200B-U+200D, U+2060, and a U+FEFF that is not the file's byte
    order mark. They split words for search and spell checking, break URLs and
    slugs when copied, and make equal-looking titles differ. Not reported: joiners
    (U+200C, U+200D) inside emoji sequences and in scripts that need them, and a
    U+200B next to a Markdown ``*``/``_``, the usual workaround for CommonMark's
    emphasis rules around CJK punctuation (``**굵게：**``). The fix deletes U+200B,
    U+2060 and U+FEFF; joiners are left to a person. One finding per line.

    Bad: ``title: \ufeffopenSUSE KDE Team Meeting``.
    Good: ``title: openSUSE KDE Team Meeting``.
    """

    code = "NP602"
    name = "zero-width-character"
    severity = Severity.WARNING
    summary = "invisible zero-width character"
    fixable = True

    def check(self, ctx: Context) -> Iterator[Issue]:
        if not scan(ctx).odd_chars:
            return
        text = ctx.post.raw.text
        if text.isascii():
            return
        by_line: dict[int, list[re.Match[str]]] = {}
        for found in _ZERO_WIDTH.finditer(text):
            at = found.start()
            ch = found.group()
            if at == 0 and ch == "\ufeff":
                continue
            # Neighbours past any other zero-width characters ("\u200b\u200b**").
            left = at - 1
            while left >= 0 and text[left] in _ZW_SET:
                left -= 1
            right = at + 1
            while right < len(text) and text[right] in _ZW_SET:
                right += 1
            before = text[left] if left >= 0 else ""
            after = text[right] if right < len(text) else ""
            if ch == "\u200b" and ({before, after} & {"*", "_"}):
                continue
            if ch in "\u200c\u200d" and (
                (before and _joining_script(before)) or (after and _joining_script(after))
            ):
                continue
            line, _ = ctx.index.position(at)
            by_line.setdefault(line, []).append(found)
        for found_on_line in islice(by_line.values(), _MAX_REPORTS):
            edits = [
                Edit(start=m.start(), end=m.end(), replacement="")
                for m in found_on_line
                if m.group() in _DELETABLE
            ]
            fix = Fix(description="delete the invisible characters", edits=edits) if edits else None
            first = found_on_line[0]
            yield self.issue_at(ctx, first.start(), f"invisible {_NAMES[first.group()]}", fix=fix)


_BIDI_ALWAYS = re.compile("[\u202a-\u202e\u2066-\u2069]")
_BIDI_MARKS = re.compile("[\u200e\u200f\u061c]")
# Hebrew, Arabic and their neighbours, less U+061C ARABIC LETTER MARK, which is a mark.
_RTL_LETTER = re.compile("[\u0590-\u061b\u061d-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")


@register
class BidiControlCharacter(LintRule):
    r"""The text holds bidirectional control characters.

    These are U+202A-U+202E and U+2066-U+2069, and U+200E/U+200F/U+061C in text
    with no right-to-left letters. They reorder how text displays without changing
    what it is, so a title, a URL or a code sample can show something other than
    what it says ("Trojan Source"); pasted from chat apps they also garble
    punctuation. Direction marks are legitimate in Arabic or Hebrew text, so they
    are reported only where there is none. The fix deletes them when the post has
    no right-to-left letters.

    Bad: ``title: "\u202eGNP.exe"``.
    Good: ``title: "exe.PNG"`` written as it should read.
    """

    code = "NP603"
    name = "bidi-control-character"
    severity = Severity.WARNING
    summary = "bidirectional control character"
    fixable = True

    def check(self, ctx: Context) -> Iterator[Issue]:
        if not scan(ctx).odd_chars:
            return
        text = ctx.post.raw.text
        if text.isascii():
            return
        has_rtl = bool(_RTL_LETTER.search(text))
        found = list(_BIDI_ALWAYS.finditer(text))
        if not has_rtl:
            found += list(_BIDI_MARKS.finditer(text))
            found.sort(key=lambda m: m.start())
        for match in found[:_MAX_REPORTS]:
            fix = None
            if not has_rtl:
                fix = Fix(
                    description="delete the direction control",
                    edits=[Edit(start=match.start(), end=match.end(), replacement="")],
                )
            yield self.issue_at(
                ctx, match.start(), f"bidirectional control U+{ord(match.group()):04X}", fix=fix
            )


# Continuation bytes 0x80-0xBF as Latin-1 or Windows-1252 show them.
_CONT = (
    "[\u0080-\u00bf\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u017d"
    "\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u017e\u0178]"
)
_MOJIBAKE = re.compile(
    f"\ufffd|[\u00c2\u00c3\u00c5]{_CONT}|[\u00e0-\u00ef]{_CONT}{_CONT}|\u00f0[\u0178\u009f]{_CONT}{_CONT}"
)


@register
class BrokenEncoding(LintRule):
    r"""The text holds U+FFFD (�) or mojibake: UTF-8 read as Latin-1 or Windows-1252.

    Mojibake looks like "Ã©" for "é", "â€™" for "’", "ì•ˆ" for "안". Both mean the
    text went through a wrong decoding on its way here and the original
    characters are lost; the reader sees garbage. Sequences are matched
    as the bytes of a UTF-8 character shown in Windows-1252, which ordinary
    Latin text does not produce.

    Bad: "ì•ˆë…•í•˜ì„¸ìš”", "caf\ufffd".
    Good: "안녕하세요", "café".
    """

    code = "NP604"
    name = "broken-encoding"
    severity = Severity.ERROR
    summary = "broken character encoding"

    def check(self, ctx: Context) -> Iterator[Issue]:
        if not scan(ctx).odd_chars:
            return
        text = ctx.post.raw.text
        if text.isascii():
            return
        for count, found in enumerate(_MOJIBAKE.finditer(text)):
            if count >= _MAX_REPORTS:
                return
            what = (
                "replacement character U+FFFD"
                if found.group() == "\ufffd"
                else f"mojibake {found.group()!r}"
            )
            yield self.issue_at(ctx, found.start(), f"broken encoding: {what}")


_MIN_DUPLICATE = 30


@register
class DuplicateParagraph(LintRule):
    """The same paragraph (30 characters or more, whitespace aside) appears twice.

    A repeated paragraph is a copy-paste or generator slip; readers notice, and
    search engines rank duplicated text lower. The later copy is reported.

    Bad: a paragraph "양해각서를 통해 한국과 영국은..." at lines 22 and 41.
    Good: each paragraph once.
    """

    code = "NP605"
    name = "duplicate-paragraph"
    severity = Severity.WARNING
    summary = "paragraph is repeated"

    def check(self, ctx: Context) -> Iterator[Issue]:
        post = ctx.post
        seen: dict[str, int | None] = {}
        blocks = list(post.lead)
        for section in scan(ctx).sections:
            blocks.extend(section.blocks)
        for block in blocks:
            if not isinstance(block, Paragraph | Quote):
                continue
            key = block.text  # already whitespace-collapsed by the parser
            if len(key) < _MIN_DUPLICATE:
                continue
            if key in seen:
                yield self.issue(
                    ctx,
                    f"paragraph repeats the one on line {seen[key]}: {key[:50]}...",
                    line=block.line,
                )
            else:
                seen[key] = block.line


@dataclass(frozen=True)
class _Trigger:
    """The keywords of a group of patterns, and one pattern finding any of them."""

    keywords: tuple[str, ...]
    pattern: re.Pattern[str]


def _search(
    rule: LintRule,
    ctx: Context,
    trigger: _Trigger,
    patterns: tuple[tuple[tuple[str, ...], re.Pattern[str]], ...],
    what: str,
) -> Iterator[Issue]:
    """Findings for each match in the front matter and the (code-free) body, in file order.

    ``trigger`` finds the keywords in the lower-cased text; only the patterns whose
    keywords are there run, and those without keywords (their pattern starts with a
    literal, which the regex engine finds fast) always run.
    """
    sc = scan(ctx)
    lower = sc.masked_lower
    # A substring test per keyword is cheaper than the trigger's pass. With no keyword
    # or a single one in the text, it also says what the trigger would find; with more,
    # one match may overlap another's, and the trigger decides.
    present = {keyword for keyword in trigger.keywords if keyword in lower}
    if len(present) > 1:
        present = set(trigger.pattern.findall(lower))
    text = sc.masked_text
    found: list[tuple[int, str]] = []
    for keywords, pattern in patterns:
        if not keywords or not present.isdisjoint(keywords):
            found.extend((m.start(), m.group()) for m in pattern.finditer(text))
    for offset, snippet in sorted(found)[:_MAX_REPORTS]:
        yield rule.issue_at(ctx, offset, f"{what}: {snippet.strip()[:60]}")


def _trigger(patterns: tuple[tuple[tuple[str, ...], re.Pattern[str]], ...]) -> _Trigger:
    keywords = sorted({k for keys, _ in patterns for k in keys}, key=len, reverse=True)
    return _Trigger(tuple(keywords), re.compile("|".join(re.escape(k) for k in keywords)))


# Each pattern runs only when its keyword is in the lower-cased text: most posts
# have none of them, and a substring test is far cheaper than a pattern.
_PLACEHOLDERS = (
    (
        ("lorem", "dolor sit"),
        re.compile(r"lorem\s+ipsum(?:\s+dolor\s+sit\s+amet)?|dolor\s+sit\s+amet", re.IGNORECASE),
    ),
    (
        ("todo", "tbd", "fixme", "xxx", "placeholder"),
        # A marker in brackets, but not a Markdown link's text ("[ToDo](...)").
        re.compile(
            r"[\[({<]\s*(?:TODO|TBD|FIXME|XXX|placeholder)\b[^\])}>\n]{0,40}[\])}>](?![(\[:])",
            re.IGNORECASE,
        ),
    ),
    (
        ("here",),
        re.compile(
            r"\b(?:insert|add|your)\s+(?:text|content|image|link|caption|title)\s+here\b",
            re.IGNORECASE,
        ),
    ),
    (
        ("입력",),
        re.compile(
            r"(?:내용|본문|텍스트|제목|설명|문구)(?:을|를)?\s*입력(?:하세요|해\s*주세요|하십시오)"
        ),
    ),
    (
        ("여기에",),
        re.compile(
            r"여기에\s+\S+(?:을|를)?\s*(?:입력|삽입|작성)(?:하세요|해\s*주세요)?|"
            # A template's slot for the author's own words, published unfilled: "여기에 이
            # 주제와 관련된 실제 경험, 확인 과정, 시행착오를 직접 적어주세요."
            r"여기에\s[^.!?\n]{0,80}?직접\s*(?:적어|써|작성해)\s*주세요"
        ),
    ),
)


_PLACEHOLDER_TRIGGER = _trigger(_PLACEHOLDERS)


@register
class PlaceholderText(LintRule):
    """Placeholder text was left in: "Lorem ipsum", "[TODO]", "(TBD)" and the like.

    Korean templates' "내용을 입력하세요", "여기에 링크 삽입" and "여기에 … 실제 경험을
    직접 적어주세요" count too. Template filler published as is. Only marked forms
    are matched: a TODO in brackets or parentheses, not the word TODO in prose (a
    weekly news post may well quote a developer's TODO list).

    Bad: ``<p>Lorem ipsum dolor sit amet.</p>``, ``[TODO: 사진 추가]``.
    Good: the real text.
    """

    code = "NP606"
    name = "placeholder-text"
    severity = Severity.WARNING
    summary = "placeholder text left in"

    def check(self, ctx: Context) -> Iterator[Issue]:
        yield from _search(self, ctx, _PLACEHOLDER_TRIGGER, _PLACEHOLDERS, "placeholder text")


_ARTIFACTS = (
    (
        (),  # starts with "(": cheap to run on every post
        re.compile(
            r"\((?:(?:공백\s*(?:포함|제외)\s*)?(?:단어|글자|문자|어절)\s*수\s*[:：]?\s*\d[^)\n]{0,40}|"
            r"\s*\d{2,5}\s*(?:자|단어|words?|characters?|chars?)\s*(?:내외|이내|이상|정도)?\s*)\)",
            re.IGNORECASE,
        ),
    ),
    (
        ("글자", "단어", "문자", "요구"),
        # Every alternative starts with a literal, so the engine jumps from one candidate
        # syllable to the next; a leading group such as (?:전체|총) would make it try the
        # pattern at every character.
        re.compile(
            r"전체\s*(?:글자|단어|문자)\s*수(?:는|가)?\s*(?:약\s*)?\d|"
            r"총\s*(?:글자|단어|문자)\s*수(?:는|가)?\s*(?:약\s*)?\d|"
            r"글자\s*수를\s*(?:보충|맞추|채우|늘리|충족)|단어\s*수를\s*(?:보충|맞추|채우|늘리|충족)|"
            r"문자\s*수를\s*(?:보충|맞추|채우|늘리|충족)|요구\s*사항을\s*충족|요구된\s*형식을"
        ),
    ),
    (
        ("language model", "word count", "character count", "here is"),
        re.compile(
            r"\bas an ai(?:\s+language)?\s+model\b|\b(?:word|character)\s+count\s*[:：]\s*\d|"
            r"\bhere\s+is\s+(?:the|a|your)\s+(?:rewritten|revised|requested)\s+(?:article|text|post|version)\b",
            re.IGNORECASE,
        ),
    ),
)


_ARTIFACT_TRIGGER = _trigger(_ARTIFACTS)


@register
class GeneratorArtifact(LintRule):
    """A text generator's notes to its operator were published.

    Such notes are word or character counts ("(150자)", "(단어 수: 85)"), remarks
    about the request ("요구사항을 충족시키며 ... 글자 수를 보충하였습니다"), "As an
    AI language model", or the alt text meant for an image, written as a line of
    the body ("alt: 검증 흐름 도식").

    Readers see the seams of an automated pipeline, and the post loses all
    credibility; found in excerpts and bodies alike.

    Bad: ``excerpt: ... 추가 조사가 이어질 예정이다. (단어 수: 95)``.
    Good: ``excerpt: ... 추가 조사가 이어질 예정이다.``
    """

    code = "NP607"
    name = "generator-artifact"
    severity = Severity.WARNING
    summary = "text generator's note left in"

    def check(self, ctx: Context) -> Iterator[Issue]:
        yield from _search(self, ctx, _ARTIFACT_TRIGGER, _ARTIFACTS, "generator's note")
        sc = scan(ctx)
        if "\nalt" in sc.lower:
            for found in islice(_ALT_LINE.finditer(sc.body), _MAX_REPORTS):
                yield self.issue_at(
                    ctx,
                    sc.body_start + found.start(),
                    f"an image's alt text is a line of the body: {found.group()[:60]}",
                )


# The alt text a generator meant for the image above, written out as a paragraph of its
# own: "![…](image-1.webp)⏎이미지 출처: AI 생성 이미지⏎⏎alt: 입력 값에 대한 … 도식".
_ALT_LINE = re.compile(r"^alt[ \t]*[:：][ \t]*\S[^\n]*", re.MULTILINE | re.IGNORECASE)


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


@register
class ControlCharacter(LintRule):
    r"""The text holds control characters (other than tab and line breaks).

    They are invisible, have no meaning in a post, and XML forbids most of them,
    so one stray backspace makes the whole RSS or Atom feed invalid and readers
    drop it. The fix deletes them.

    Bad: "발표했다\x08." (a backspace from a terminal paste).
    Good: "발표했다."
    """

    code = "NP608"
    name = "control-character"
    severity = Severity.ERROR
    summary = "control character"
    fixable = True

    def check(self, ctx: Context) -> Iterator[Issue]:
        if not scan(ctx).odd_chars:
            return
        text = ctx.post.raw.text
        for count, found in enumerate(_CONTROL.finditer(text)):
            if count >= _MAX_REPORTS:
                return
            fix = Fix(
                description="delete the control character",
                edits=[Edit(start=found.start(), end=found.end(), replacement="")],
            )
            yield self.issue_at(
                ctx, found.start(), f"control character U+{ord(found.group()):04X}", fix=fix
            )
