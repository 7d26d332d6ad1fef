"""NP1xx: the front matter: required fields, title, excerpt, dates, categories, YAML traps.

Lines point at the key (``post.raw.key_lines``) or, for YAML, at the value's own
node (its mark plus the front matter's first line), so a finding in a list item
or a nested key points at that item.
"""

from __future__ import annotations

import datetime as dt
import json
import operator
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator

import yaml

from newspost.model.front_matter import parse_date
from newspost.model.post import Post
from newspost.parse._pelican import entries as pelican_entries
from newspost.parse.front_matter import file_name_date, zola_reads_date
from newspost.validate._rule import Context, Edit, Fix, Issue, LintRule, Severity, register
from newspost.validate.rules._util import (
    field_value,
    fold,
    front_matter_image_places,
    front_matter_strings,
    key_position,
    node_offset,
    on_hosts,
    position,
    scan,
    value_span,
)

__all__ = [
    "CategoryNotAllowed",
    "DateMismatchesFileName",
    "DateWithoutTimeZone",
    "DuplicateKey",
    "ExcerptRepeatsFeatureText",
    "ExcerptTruncated",
    "InvalidDate",
    "KeyHoldsSpaces",
    "MissingRequiredField",
    "PlaceholderImage",
    "TitleDiffersFromHeadline",
    "TitleMultiline",
    "TitleRepeatedSpaces",
    "TitleTooLong",
    "UnfencedFrontMatter",
    "YamlCoercedValue",
]


def _empty(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, dict):
        return not value or all(_empty(item) for item in value.values())
    if isinstance(value, list | tuple | set):
        return not value or all(_empty(item) for item in value)
    return False


@register
class MissingRequiredField(LintRule):
    """A field the site needs (``options.required_fields``) is missing or empty.

    Layouts, feeds and archives read these keys; a post without them renders with a
    blank title, sorts to the wrong place, or (with ``categories`` required, as a
    news site may) lands in no category. By default ``title`` and ``date`` are
    required. A date taken from a Jekyll file name ``YYYY-MM-DD-slug.md`` counts,
    as it does for Jekyll, and so does a single ``category: News`` for ``categories``,
    and Eleventy's words for a date it takes at build time (``date: Last Modified``).
    An MkDocs or a Docusaurus post's ``# heading`` opening its body is its title.

    Bad: ``title:`` with nothing after it.
    Good: ``title: 정부, 디지털 협력 양해각서 체결``.
    """

    code = "NP103"
    name = "missing-required-field"
    severity = Severity.ERROR
    summary = "required front matter field is missing or empty"

    def check(self, ctx: Context) -> Iterator[Issue]:
        key_lines = ctx.post.raw.key_lines
        for key in ctx.options.required_fields:
            if not _empty(field_value(ctx, key)):
                continue
            if key == "date" and ctx.post.raw.date_keyword is not None:
                continue  # Eleventy dates the post at build time
            if key == "title" and ctx.post.title_heading is not None:
                continue  # MkDocs and Docusaurus title the post by its "# heading"
            state = "empty" if key in key_lines else "missing"
            written = ctx.post.raw.key_aliases.get(key, key)  # Jekyll's category, Hugo's Title
            message = f"required front matter field {written!r} is {state}"
            comment = _comment_value(ctx, key) if state == "empty" else None
            if comment is not None:
                message += f": YAML reads {comment!r} as a comment; quote the value"
            elif state == "missing":
                cased = next((k for k in key_lines if k.lower() == key.lower()), None)
                if cased is not None:
                    # Jekyll, its layouts and feeds read keys in their case. (Hugo reads
                    # them in any case, and so does newspost for its posts: no issue.)
                    message += f" (the front matter has {cased!r}: write it {key!r})"
            yield self.issue(ctx, message, **key_position(ctx, key))


# A YAML key whose whole value is a comment: "title: #1 뉴스" ("#" after a space
# starts a comment, so the title is empty).
_COMMENT_VALUE = re.compile(r"[ \t]*[^:#]+?[ \t]*:[ \t]+(#[ \t]*\S.*?)[ \t]*$")


def _comment_value(ctx: Context, key: str) -> str | None:
    """The text of a YAML key's line that YAML took for a comment, when it is all its value."""
    line = ctx.post.raw.key_lines.get(key)
    if ctx.post.raw.format != "yaml" or line is None or line > len(ctx.lines):
        return None
    found = _COMMENT_VALUE.match(ctx.lines[line - 1])
    return found.group(1) if found else None


@register
class TitleTooLong(LintRule):
    """The title is longer than ``options.max_title_length`` characters (default 100).

    Characters are counted on the NFC form with ``len()``, so a Hangul syllable is
    one character whatever its bytes. Google dropped its 110-character headline
    limit for article markup in 2023, but feeds, social cards, browser tabs and
    small screens still cut long titles, usually well before 100 characters.

    Bad: a 140-character title.
    Good: a title of at most 100 characters, with the detail in the excerpt.
    """

    code = "NP102"
    name = "title-too-long"
    severity = Severity.WARNING
    summary = "title is too long"

    def check(self, ctx: Context) -> Iterator[Issue]:
        title = ctx.post.front_matter.title
        if not title:
            return
        length = len(unicodedata.normalize("NFC", title.strip()))
        limit = ctx.options.max_title_length
        if length > limit:
            yield self.issue(
                ctx,
                f"title is {length} characters long; keep it to {limit}",
                **key_position(ctx, "title"),
            )


# "1. a 2. b", "1) a 2) b", or with circled digits, "① a ② b".
_NUMBERED_LIST = re.compile(r"(?:^|\s)(?:1[.)]\s+|①\s*)\S.*?\s(?:2[.)]\s+|②\s*)\S", re.DOTALL)
# A Markdown heading's marks opening the title: "## 기아 EV9, 드디어 베일을 벗다".
_HEADING_MARKS = re.compile(r"#{1,6}[ \t]+\S")


@register
class TitleMultiline(LintRule):
    """The title runs over several lines, holds a numbered list, or opens with heading marks.

    A title is one line of text. Line breaks in it (a YAML ``|`` block, a quoted
    string over lines) show up as stray spaces or break feed and ``<title>`` output;
    a list such as "1. ... 2. ..." (or "① ... ② ...") in a title is body text that
    slipped into it, typically from a generator answering in a list; so are a
    Markdown heading's marks ("## ..."), copied from the first line of a
    generator's answer: the page, the feed and the JSON-LD headline show them as text.

    Bad: ``title: "1. 예약 방법 2. 시간표"``, ``title: "## 기아 EV9, 드디어 베일을 벗다"``.
    Good: ``title: 예약 방법과 시간표``.
    """

    code = "NP104"
    name = "title-multiline"
    severity = Severity.WARNING
    summary = "title runs over several lines, holds a list or opens with heading marks"

    def check(self, ctx: Context) -> Iterator[Issue]:
        title = ctx.post.front_matter.title
        if not title:
            return
        text = title.strip()
        if "\n" in text or "\r" in text:
            yield self.issue(
                ctx, "title holds line breaks: write it on one line", **key_position(ctx, "title")
            )
        elif _NUMBERED_LIST.search(text):
            yield self.issue(
                ctx,
                "title holds a numbered list: keep lists in the body",
                **key_position(ctx, "title"),
            )
        elif text.startswith("#") and _HEADING_MARKS.match(text):
            yield self.issue(
                ctx,
                f"title opens with Markdown heading marks ({text.split()[0]}): they show as text",
                **key_position(ctx, "title"),
            )


def _bigrams(text: str) -> Counter[str]:
    # text[i] + text[i + 1] is text[i : i + 2]: map() builds the pairs without a Python loop.
    return Counter(map(operator.add, text, text[1:]))


def _dice(a: str, b: str) -> float:
    """Dice's coefficient of the two texts' character pairs, counted (1.0: the same pairs)."""
    first, second = _bigrams(a), _bigrams(b)
    total = (len(a) - 1) + (len(b) - 1)
    shared = sum(min(count, second[pair]) for pair, count in first.items() if pair in second)
    return 2 * shared / total if total > 0 else 0.0


_NEAR = 0.8


def _compare(title: str, reference: str | None) -> str:
    """'match', 'near' (the same headline with different wording), 'other' or 'absent'."""
    if not reference:
        return "absent"
    ref = fold(reference)
    if not ref:
        return "absent"
    # A title that ends with the whole reference only put words before it (a subject,
    # "[속보]"): nothing of it was lost. One that lost the reference's first words is not.
    if title.startswith(ref) or ref.startswith(title) or title.endswith(ref):
        return "match"
    # The texts share at most as many pairs as the shorter one has: when even that is
    # too few, counting them cannot make it "near".
    pairs, other_pairs = len(title) - 1, len(ref) - 1
    total = pairs + other_pairs
    if total <= 0 or 2 * min(pairs, other_pairs) / total < _NEAR:
        return "other"
    return "near" if _dice(title, ref) >= _NEAR else "other"


@register
class TitleDiffersFromHeadline(LintRule):
    """The title is a garbled copy of the article's headline or of the source's title.

    Both are compared after normalising (NFC, casefolded, punctuation such as
    ‘’“”…·|-–— and all whitespace dropped), so only the wording counts. They
    *match* when one is a prefix of the other (a trailing " - Publisher" may be
    dropped or added), or when the title ends with the whole of the other (words
    such as "서울시," or "[속보]" put before it). They are *the same headline
    reworded* when, not matching, they still share at least 80% of their
    character pairs: words were lost or changed on the way, as when a generator
    strips quotes and hyphens and loses "한-영". A title that is another sentence
    altogether (an editor's rewrite, or a first ``<h2>`` that is only a section
    heading) is an editorial choice, not reported. The headline is the first h1
    or h2; the source title is ``post.sources[0].title``. Reported when the
    headline is a reworded copy, or when the source title is and the headline
    does not match either.

    Bad: ``title: 디지털정부협력에 관한 양해각서 체결 서명 즉시 발효  행정안전부`` over the
    headline "한-영 ‘디지털정부 협력에 관한 양해각서’ 체결... 서명 즉시 발효".
    Good: ``title: 한-영 ‘디지털정부 협력에 관한 양해각서’ 체결… 서명 즉시 발효``.
    """

    code = "NP105"
    name = "title-differs-from-headline"
    severity = Severity.WARNING
    summary = "title differs from the headline beyond punctuation and spacing"

    def check(self, ctx: Context) -> Iterator[Issue]:
        post = ctx.post
        title = post.front_matter.title
        folded = fold(title) if title else ""
        if not title or not folded:
            return
        headline = next((s for s in scan(ctx).sections if s.level <= 2 and s.title.strip()), None)
        source = post.sources[0].title if post.sources else None
        by_headline = _compare(folded, headline.title if headline else None)
        by_source = _compare(folded, source)
        if by_headline != "near" and not (by_source == "near" and by_headline != "match"):
            return
        parts = []
        if by_headline == "near" and headline is not None:
            parts.append(f"the headline {headline.title!r} (line {headline.line})")
        if by_source == "near" and by_headline != "match":
            parts.append(f"the source title {source!r}")
        yield self.issue(
            ctx,
            f"title {title.strip()!r} differs from {' and from '.join(parts)} "
            "beyond punctuation and spacing",
            **key_position(ctx, "title"),
        )


# Spaces, tabs, no-break spaces (a "&nbsp; " pasted from a page) and ideographic spaces.
_INNER_SPACES = re.compile(r"(?<=\S)[ \t\u00a0\u3000]{2,}(?=\S)")


@register
class TitleRepeatedSpaces(LintRule):
    """The title has two or more spaces in a row.

    Repeated spaces are the trace of something removed (a dash, a quote, a word),
    and they survive into ``<title>``, feeds and share cards. A no-break space
    beside a space counts (it shows as two). The fix collapses each run to one
    space inside the title's value and nowhere else.

    Bad: ``title: 서명 즉시 발효  행정안전부``.
    Good: ``title: 서명 즉시 발효 행정안전부``.
    """

    code = "NP106"
    name = "title-repeated-spaces"
    severity = Severity.WARNING
    summary = "title has repeated spaces"
    fixable = True

    def check(self, ctx: Context) -> Iterator[Issue]:
        title = ctx.post.front_matter.title
        if not title or not _INNER_SPACES.search(title.strip()):
            return
        where = key_position(ctx, "title")
        span = value_span(ctx, "title")
        fix = None
        if span is not None:
            start, end = span
            text = ctx.post.raw.text
            # finditer's bounds keep every run inside the value's span.
            edits = [
                Edit(start=m.start(), end=m.end(), replacement=" ")
                for m in _INNER_SPACES.finditer(text, start, end)
            ]
            if edits:
                fix = Fix(description="collapse repeated spaces in the title", edits=edits)
                where = position(ctx, edits[0].start)
        yield self.issue(ctx, fix=fix, **where)


_EXCERPT_KEYS = ("excerpt", "description", "summary")
_ELLIPSES = ("…", "..", "。。", "⋯")
# Trailing material after a finished sentence: closing quotes and brackets, a
# parenthetical such as "(출처: 매일신문)", hashtags.
# One character or one group per repetition, so the pattern cannot backtrack badly.
_TRAILER = re.compile(
    r"""(?:\s|\([^()]*\)|（[^（）]*）|\[[^\[\]]*\]|#[^\s#()]+|["'”’»」』)\]}>])+$"""
)
_TRAILER_ENDS = frozenset(")）]\"'”’»」』}>")
"""The last characters a `_TRAILER` item other than a hashtag can end with."""
_TERMINAL = frozenset(".!?。！？~～♡♥")
_SENTENCE_END = re.compile(r"[.!?。！？](?:\s|$)")
# Korean sentences end in these syllables (합니다, 해요, 하죠, 할까, 했음...), even
# without a final period in headline style.
_HANGUL_ENDINGS = frozenset("다요죠까네음함임됨나라자지군걸세")


def _cut_reason(text: str) -> str | None:
    """Why an excerpt looks cut off, or None if it ends like finished text."""
    stripped = text.strip()
    if not stripped:
        return None
    if stripped.endswith("\ufffd"):
        return "ends in a broken character (U+FFFD)"
    if stripped.endswith(_ELLIPSES):
        return "ends with an ellipsis"
    # Only the tail can be trailer; matching "$" over the whole text would try every offset.
    tail = len(stripped) - 160 if len(stripped) > 160 else 0
    # A trailer ends with a closing character or a hashtag: without either, the pattern
    # (tried at every offset of the tail) cannot match.
    may_trail = stripped[-1] in _TRAILER_ENDS or "#" in stripped[tail:]
    found = _TRAILER.search(stripped, tail) if may_trail else None
    core = stripped[: found.start()] if found else stripped
    if not core:
        return None
    last = core[-1]
    if last in _TERMINAL:
        return None
    if last in ",:;、，：；-–—":
        return f"ends with {last!r}"
    if not last.isalnum():
        return None
    if "\uac00" <= last <= "\ud7a3" and last in _HANGUL_ENDINGS:
        return None
    if _SENTENCE_END.search(core):
        return "ends mid-sentence, without a full stop"
    return None


@register
class ExcerptTruncated(LintRule):
    """The excerpt (``excerpt``, ``description`` or ``summary``) is cut off.

    Excerpts show in listings, feeds and search results; one that stops at "…",
    "..", in the middle of a word or of its last sentence was cut to a length by a
    tool, and reads as broken. Reported when the text ends with an ellipsis, a
    broken character, a comma or colon, or when it is prose (it has a finished
    sentence) whose last sentence has no terminal punctuation. Korean sentences
    end in 다, 요, 죠... and count as finished even without a period; a trailing
    parenthetical or hashtags after a finished sentence are fine.

    Bad: ``excerpt: 행정안전부는 ... 양해각서(MOU)를 체결해다고 밝…``.
    Good: ``excerpt: 행정안전부는 ... 양해각서(MOU)를 체결했다고 밝혔다.``
    """

    code = "NP107"
    name = "excerpt-truncated"
    severity = Severity.WARNING
    summary = "excerpt is cut off"

    def check(self, ctx: Context) -> Iterator[Issue]:
        for key in _EXCERPT_KEYS:
            value = field_value(ctx, key)
            if not isinstance(value, str):
                continue
            reason = _cut_reason(value)
            if reason:
                yield self.issue(ctx, f"{key} is cut off: it {reason}", **key_position(ctx, key))


@register
class ExcerptRepeatsFeatureText(LintRule):
    """``excerpt`` and ``feature_text`` hold the same text.

    Themes show the feature text in the page header and the excerpt in listings and
    meta descriptions; the same text in both is shown twice on the page and wastes
    the one place to summarise. Compared after collapsing whitespace.

    Bad: ``excerpt`` and ``feature_text`` both "라배도에서 동거차도 가는 배 예약 방법...".
    Good: a one-sentence excerpt and a feature text that introduces the story.
    """

    code = "NP108"
    name = "excerpt-repeats-feature-text"
    severity = Severity.INFO
    summary = "excerpt repeats feature_text"

    def check(self, ctx: Context) -> Iterator[Issue]:
        fm = ctx.post.front_matter
        if not fm.excerpt or not fm.feature_text:
            return
        if fm.excerpt == fm.feature_text or fm.excerpt.split() == fm.feature_text.split():
            yield self.issue(ctx, **key_position(ctx, "feature_text"))


_DATE_KEYS = frozenset(
    {
        "date",
        "lastmod",
        "pubdatetime",  # AstroPaper (Astro): pubDatetime, modDatetime
        "moddatetime",
        "published",  # Fuwari (Astro), Hugo's alias of publishDate: when a date, one
        "publishdate",
        "publish_date",
        "expirydate",
        "expiry_date",
        "modified",
        "updated",
        "date.updated",  # MkDocs Material's blog: updated: under date:
        "last_modified_at",
        "date_modified",
        "updated_at",
        "created",
        "created_at",
        "published_at",
        "pubdate",
        "updateddate",  # Astro's blog template: updatedDate
    }
)


def _date_fields(ctx: Context) -> Iterator[tuple[str, object]]:
    """Top-level keys that hold dates, other than ``date`` (which the parser checks)."""
    for key, value in ctx.post.front_matter.extra.items():
        if key.lower() in _DATE_KEYS:
            yield key, value


@register
class InvalidDate(LintRule):
    """A date key other than ``date`` (``lastmod``, ``publishDate``, ``updated``...) is not a date.

    The parser already refuses a bad ``date``; the other date keys are kept as they
    are, and Hugo or Jekyll plugins then fail on them or silently ignore them
    (a post that never shows as updated, or is never published). Dates are read
    as the generators read them (``Jun 19 2024`` too), but in a Zola post, as Zola
    reads them: ``YYYY-MM-DD``, or a time with seconds and an offset such as
    ``+09:00`` (Zola stops the build on ``updated = "2024-06-19 10:00"``).

    Bad: ``lastmod: next tuesday``.
    Good: ``lastmod: 2024-06-12T10:00:00+09:00``.
    """

    code = "NP109"
    name = "invalid-date"
    severity = Severity.ERROR
    summary = "date value is not a date"

    def check(self, ctx: Context) -> Iterator[Issue]:
        for key, value in _date_fields(ctx):
            if value is None or value == "":
                continue
            written = ctx.post.raw.key_aliases.get(key, key)  # Pelican's Modified
            try:
                parse_date(value)
            except ValueError:
                yield self.issue(
                    ctx,
                    f"{written} is not a date: {value!r} "
                    "(write YYYY-MM-DD or YYYY-MM-DD HH:MM:SS +ZZZZ)",
                    **key_position(ctx, key),
                )
                continue
            if ctx.post.raw.generator == "zola" and not zola_reads_date(value):
                yield self.issue(
                    ctx,
                    f"{written} is not a date Zola reads: {value!r} "
                    "(write YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS+09:00)",
                    **key_position(ctx, key),
                )


@register
class DateMismatchesFileName(LintRule):
    """The front matter ``date`` is not the date in the file name ``YYYY-MM-DD-slug.md``.

    Jekyll builds the URL from one and sorts by the other, so the two disagreeing
    means a post that appears under the wrong day or moves when it is next edited.
    The calendar date is compared as written (a datetime's own offset is kept, not
    converted to the site's zone). Names with ``_`` after the date, as Hugo and Zola
    sites often use, are checked too, and so is the folder's name of a post that is
    a folder (``2024-06-12-news/index.md``: Hugo's and Zola's page bundles,
    Docusaurus's blog folders), which they date the post by, and Docusaurus's date
    folders (``2024/06/12/news.md``).

    Bad: ``2024-06-12-news.md`` with ``date: 2024-06-13 09:00:00 +0900``.
    Good: ``2024-06-13-news.md`` with that date.
    """

    code = "NP110"
    name = "date-mismatches-file-name"
    severity = Severity.WARNING
    summary = "date differs from the date in the file name"

    def check(self, ctx: Context) -> Iterator[Issue]:
        post = ctx.post
        if not post.path or "date" not in post.raw.key_lines or post.date is None:
            return
        from_name = file_name_date(post.path)
        if from_name is None:
            return
        written = post.date.date() if isinstance(post.date, dt.datetime) else post.date
        if written != from_name:
            yield self.issue(
                ctx,
                f"date {written.isoformat()} differs from the file name's {from_name.isoformat()}",
                **key_position(ctx, "date"),
            )


@register
class CategoryNotAllowed(LintRule):
    """A category is not one of ``options.allowed_categories`` (checked only when that is set).

    A misspelt or unknown category makes a new, near-empty archive page and
    takes the post out of the section readers look in.

    Bad: ``categories: [Nwes]`` with ``allowed_categories = ["News", "Tech"]``.
    Good: ``categories: [News]``.
    """

    code = "NP111"
    name = "category-not-allowed"
    severity = Severity.WARNING
    summary = "category is not an allowed one"

    def check(self, ctx: Context) -> Iterator[Issue]:
        allowed = ctx.options.allowed_categories
        if allowed is None:
            return
        allowed_set = set(allowed)
        folded = {a.casefold(): a for a in allowed}
        places = {
            value: (start, length)
            for _, value, start, length in front_matter_strings(
                ctx, frozenset({"categories", "category"})
            )
        }
        for category in ctx.post.front_matter.categories:
            if category in allowed_set:
                continue
            hint = folded.get(category.casefold())
            message = f"category {category!r} is not allowed" + (
                f" (did you mean {hint!r}?)" if hint else f"; use one of {', '.join(allowed)}"
            )
            place = places.get(category)
            where = (
                position(ctx, place[0]) if place and place[1] else key_position(ctx, "categories")
            )
            yield self.issue(ctx, message, **where)


def _duplicate_yaml_keys(node: yaml.Node) -> Iterator[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value != "<<":
                if key.value in seen:
                    yield key
                seen.add(key.value)
            yield from _duplicate_yaml_keys(value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _duplicate_yaml_keys(item)


# A line's indentation and key, matched with the line break before it: run over "\n" +
# the text, so that the engine can look for the literal "\n" instead of trying "^" at
# every character.
_KEY_LINE = re.compile(
    r"\n([ \t]*(?:-[ \t]+)?)([^\s#:\-\[\]{},'\"][^:\n]{0,60}?)[ \t]*:(?=[ \t]|$)", re.MULTILINE
)


def _may_repeat_keys(text: str) -> bool:
    """A cheap test: is some key written twice at the same indentation? Then look closer."""
    seen: set[tuple[str, str]] = set()
    for indent, key in _KEY_LINE.findall("\n" + text):
        if (indent, key) in seen:
            return True
        seen.add((indent, key))
    return False


@register
class DuplicateKey(LintRule):
    """A front matter key is written twice in the same mapping.

    YAML (as PyYAML, Jekyll and Hugo read it) and JSON silently keep the last
    value, so the first one, often the one the author edited, is ignored. Hugo
    reads keys in any case, so in a Hugo post ``title`` and ``Title`` are one
    key written twice, and which value it shows is not defined.

    A Pelican header (``Key: value`` lines) is read in any case too, and Pelican
    keeps the first value of its own keys (``Title``, ``Date``, ``Tags``...), as
    newspost does of every key.

    Bad: ``title: Old`` and, further down, ``title: New``.
    Good: one ``title:``.
    """

    code = "NP112"
    name = "duplicate-key"
    severity = Severity.ERROR
    summary = "front matter key is repeated"

    def check(self, ctx: Context) -> Iterator[Issue]:
        raw = ctx.post.raw
        yield from self._in_another_case(ctx)
        if raw.format == "yaml":
            if not _may_repeat_keys(raw.front_matter_text):
                return
            root = scan(ctx).yaml_root
            if root is None:
                return
            for key in _duplicate_yaml_keys(root):
                yield self.issue_at(
                    ctx,
                    node_offset(ctx, key.start_mark),
                    f"key {key.value!r} is repeated; YAML keeps only this last value",
                )
        elif raw.format == "json":
            yield from self._json(ctx)
        elif raw.format == "pelican":
            yield from self._pelican(ctx)

    def _pelican(self, ctx: Context) -> Iterator[Issue]:
        first_line = ctx.front_matter_first_line
        first: dict[str, int] = {}
        for entry in pelican_entries(ctx.post.raw.front_matter_text):
            earlier = first.setdefault(entry.key.lower(), entry.line)
            if earlier != entry.line:
                yield self.issue(
                    ctx,
                    f"key {entry.key!r} is repeated (first on line {first_line + earlier}); "
                    "Pelican reads keys in any case, and only the first value is read",
                    line=first_line + entry.line,
                    column=1,
                )

    def _in_another_case(self, ctx: Context) -> Iterator[Issue]:
        post = ctx.post
        lines = post.raw.key_lines
        if len({key.lower() for key in lines}) == len(lines):
            return  # every post but a few: no two keys differ only in case
        if post.raw.generator != "hugo":
            return  # Jekyll reads Title and title as two keys
        first: dict[str, str] = {}
        for key, _ in sorted(lines.items(), key=operator.itemgetter(1)):
            earlier = first.setdefault(key.lower(), key)
            if earlier != key:
                yield self.issue(
                    ctx,
                    f"key {key!r} is {earlier!r} in another case; Hugo reads keys in any "
                    "case and shows only one of the values",
                    **key_position(ctx, key),
                )

    def _json(self, ctx: Context) -> Iterator[Issue]:
        raw = ctx.post.raw
        repeated: list[str] = []

        def pairs(items: list[tuple[str, object]]) -> dict[str, object]:
            seen: set[str] = set()
            for key, _ in items:
                if key in seen:
                    repeated.append(key)
                seen.add(key)
            return dict(items)

        try:
            json.loads(raw.front_matter_text, object_pairs_hook=pairs)
        except ValueError:
            return
        searched_from: dict[str, int] = {}
        for key in repeated:
            needle = json.dumps(key)
            first = raw.text.find(
                needle, searched_from.get(key, raw.front_matter_start), raw.front_matter_end
            )
            again = raw.text.find(needle, first + 1, raw.front_matter_end) if first >= 0 else -1
            searched_from[key] = again if again >= 0 else raw.front_matter_start
            where = position(ctx, again) if again >= 0 else key_position(ctx, key)
            yield self.issue(
                ctx, f"key {key!r} is repeated; JSON keeps only the last value", **where
            )


_BOOL_TAG = "tag:yaml.org,2002:bool"
_INT_TAG = "tag:yaml.org,2002:int"
_FLOAT_TAG = "tag:yaml.org,2002:float"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"


# A cheap test for a plain value (or key) that YAML 1.1 may coerce; the node tree
# is composed only when it matches.
_MAY_COERCE = re.compile(
    r"[:\[,-][ \t]*(?:yes|no|on|off|[+-]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9]*)?|"
    r"[+-]?0[0-9_]+|[+-]?[0-9][0-9_]*\.[0-9_]*0|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}[^\n#,\]}]*?)"
    r"[ \t]*(?:$|[,\]}:]|[ \t]#)",
    re.IGNORECASE | re.MULTILINE,
)


# A line starting with a key YAML reads as a boolean; searched in "\n" + the front matter,
# for the same reason as `_KEY_LINE`.
_COERCED_KEY = re.compile(r"\n[ \t]*(?:yes|no|on|off)[ \t]*:", re.IGNORECASE)


def _coercion(key: str | None, node: yaml.ScalarNode) -> str | None:
    """How YAML 1.1 changed a plain scalar, or None when it reads as written."""
    text = str(node.value)
    tag = node.tag
    if tag == _BOOL_TAG and text.lower() not in ("true", "false"):
        return f"{text!r} is read as the boolean {text.lower() in ('yes', 'on', 'y')}"
    if tag == _INT_TAG:
        digits = text.lstrip("+-")
        if ":" in text:
            value = 0
            for part in digits.replace("_", "").split(":"):
                value = value * 60 + int(part)
            return f"{text!r} is read as the base-60 number {value}"
        if len(digits) > 1 and digits.startswith("0") and digits[1:2].isdigit():
            try:
                return f"{text!r} is read as the octal number {int(digits.replace('_', ''), 8)}"
            except ValueError:
                return None
        return None
    if tag == _FLOAT_TAG:
        if ":" in text:
            return f"{text!r} is read as a base-60 number"
        if re.fullmatch(r"[-+]?\d+\.\d*0", text) and "e" not in text.lower():
            return f"{text!r} is read as the number {float(text)!r}, dropping its trailing zero"
        return None
    if tag == _TIMESTAMP_TAG and not _names_a_time(key or ""):
        return f"{text!r} is read as a date, not as text"
    return None


# A key whose name says it holds a time: feed and crawler archives stamp their posts with
# fetched_at, scraped_at, summarized_at, first_seen_at, publishedAt, event_date...
_TIME_KEY = re.compile(r"(?:_at|At|date|Date|_?time|Time|_on)$")


def _names_a_time(key: str) -> bool:
    """Whether a YAML date under ``key`` is what the author meant (a date key, or one named so)."""
    return key.lower() in _DATE_KEYS or bool(_TIME_KEY.search(key))


def _plain_scalars(
    node: yaml.Node, key: str | None = None
) -> Iterator[tuple[str | None, yaml.ScalarNode]]:
    if isinstance(node, yaml.MappingNode):
        for key_node, value in node.value:
            name = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else None
            if isinstance(key_node, yaml.ScalarNode) and not key_node.style:
                yield None, key_node
            yield from _plain_scalars(value, name)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _plain_scalars(item, key)
    elif isinstance(node, yaml.ScalarNode) and not node.style:
        yield key, node


@register
class YamlCoercedValue(LintRule):
    """A plain (unquoted) YAML value means something else than it says.

    Front matter is read as YAML 1.1, which turns ``10:00`` into the base-60 number
    600, ``yes``/``no``/``on``/``off`` into booleans, ``010`` into the octal 8,
    ``1.10`` into 1.1, and ``2024-06-12`` under a text key into a date object (a key
    named for a time, as ``fetched_at``, ``publishedAt`` or ``event_date``, means one). The
    post then shows or sorts by a value nobody wrote. Checked on every plain scalar
    in the YAML node tree (keys too); quoted values are never coerced. (Offsets in
    timestamps are kept by PyYAML 5.1 and later, so they are not reported.)

    A title, subtitle, description, excerpt or summary is cut where `` #`` starts a
    YAML comment: ``title: This Week in osu! #9`` is "This Week in osu!". Reported
    when the comment is a number or a word right after the ``#`` (``#9``, ``#1``,
    ``#TIL``), as titles hold them; ``# a note`` reads as the comment it is.

    Bad: ``time: 10:00``, ``draft: no``, ``version: 1.10``, ``title: Issue #9``.
    Good: ``time: "10:00"``, ``draft: false``, ``version: "1.10"``,
    ``title: "Issue #9"``.
    """

    code = "NP113"
    name = "yaml-coerced-value"
    severity = Severity.WARNING
    summary = "YAML reads this plain value as something else"

    def check(self, ctx: Context) -> Iterator[Issue]:
        raw = ctx.post.raw
        front = raw.front_matter_text
        if raw.format != "yaml":
            return
        coerces = _MAY_COERCE.search(front) or _COERCED_KEY.search("\n" + front)
        cuts = "#" in front and _TEXT_CUT_BY_COMMENT.search(front) is not None
        if not (coerces or cuts):
            return
        root = scan(ctx).yaml_root
        if root is None:
            return
        for key, node in _plain_scalars(root):
            reason = _coercion(key, node) if coerces else None
            if reason:
                yield self.issue_at(
                    ctx,
                    node_offset(ctx, node.start_mark),
                    f"{reason}: quote it to keep the text"
                    + (f" (key {key!r})" if key else " (a key)"),
                )
            if cuts and key in _COMMENT_CUT_KEYS:
                comment = _COMMENT_AFTER.match(front, node.end_mark.index)
                if comment is not None:
                    yield self.issue_at(
                        ctx,
                        node_offset(ctx, node.end_mark) + comment.start(1) - node.end_mark.index,
                        f"YAML reads {key} as {node.value!r}: {comment.group(1)!r} after it "
                        "is a comment; quote the whole value",
                    )


# The text keys that a "#" cuts short: "title: This Week in osu! #9" is "This Week in osu!".
_COMMENT_CUT_KEYS = frozenset({"title", "subtitle", "description", "excerpt", "summary"})
_TEXT_CUT_BY_COMMENT = re.compile(
    r"^[ \t]*(?:title|subtitle|description|excerpt|summary)[ \t]*:[ \t]*[^'\"\s#|>&*!\[{]"
    r"[^\n#]*?[ \t]#\w",
    re.MULTILINE,
)
# After a plain value, on its line: the comment YAML drops, when it is a number or a word.
_COMMENT_AFTER = re.compile(r"[ \t]+(#\w[^\n]*?)[ \t]*$", re.MULTILINE)


def _dated_in_site_zone(post: Post) -> bool:
    """Whether the post's generator writes its dates without a zone, for the site's to apply.

    Pelican's (its docs write ``Date: 2010-12-03 10:20``; its ``TIMEZONE`` setting,
    which its quickstart asks for, places them) and Hexo's (``hexo new`` writes
    ``date: 2024-06-19 10:00:00``; its ``timezone`` setting places it).
    """
    return post.raw.generator in ("pelican", "hexo")


@register
class DateWithoutTimeZone(LintRule):
    """A date with a time has no time zone offset.

    ``2024-06-12 10:00`` is read in whatever zone the build machine or the site
    config says, so the post can move a day, or show as scheduled in the future
    and stay unpublished. Bare dates (``2024-06-12``) are not reported: they name
    a day, not an instant, and Jekyll and Hugo place them at midnight site time.
    Checks ``date`` and the other date keys (``lastmod``, ``updated``...).

    Not checked in the posts of generators whose own tools write every date
    without a zone and place it with the site's setting: Pelican's (its docs
    write ``Date: 2010-12-03 10:20``, its ``TIMEZONE`` setting places it) and
    Hexo's (a post in its ``source/_posts`` folder, or with its tags: see
    `newspost.parse.flavors.detect_generator`; ``hexo new`` writes ``date:
    2024-06-19 10:00:00``, its ``timezone`` setting places it). There the zone is
    the site's to set once, not each post's: the rule would report every post.
    Jekyll's and Hugo's tools write the offset (``jekyll compose``, ``hugo new``),
    so a time without one is still reported there.

    Bad: ``date: 2024-06-12 10:00:00``.
    Good: ``date: 2024-06-12 10:00:00 +0900``.
    """

    code = "NP114"
    name = "date-without-time-zone"
    severity = Severity.WARNING
    summary = "date has a time but no time zone"

    def check(self, ctx: Context) -> Iterator[Issue]:
        if _dated_in_site_zone(ctx.post):
            return
        fields: list[tuple[str, object]] = []
        if "date" in ctx.post.raw.key_lines:
            fields.append(("date", ctx.post.front_matter.date))
        fields.extend(_date_fields(ctx))
        for key, value in fields:
            try:
                parsed = parse_date(value)
            except ValueError:
                continue
            if isinstance(parsed, dt.datetime) and parsed.tzinfo is None:
                written = ctx.post.raw.key_aliases.get(key, key)  # Hugo's publishDate
                yield self.issue(
                    ctx,
                    f"{written} {parsed.isoformat(sep=' ')} has no time zone: "
                    "add an offset such as +0900",
                    **key_position(ctx, key),
                )


@register
class PlaceholderImage(LintRule):
    """A front matter image (``image``, ``feature_image``, ``images``...) is a placeholder.

    The images are those the post names as its own, which NP707 (article-image-missing)
    and the ``jsonld`` format read: `newspost.model.IMAGE_KEYS` at the top level, under
    a ``header`` (Minimal Mistakes), Hugo's ``params`` and a Zola post's ``extra``.

    Stock placeholder services (``options.placeholder_hosts``: picsum.photos,
    placehold.it, example.com...) serve a random or blank picture: the share card
    and header then show something unrelated to the story, different on each load.

    Bad: ``feature_image: "https://picsum.photos/2560/600?image=733"``.
    Good: ``feature_image: /assets/img/2024/ferry-timetable.jpg``.
    """

    code = "NP115"
    name = "placeholder-image"
    severity = Severity.WARNING
    summary = "front matter image is a placeholder"

    def check(self, ctx: Context) -> Iterator[Issue]:
        hosts = ctx.options.placeholder_hosts
        placeholders = {
            url
            for _, url in ctx.post.front_matter_images
            if any(h in url for h in hosts) and on_hosts(url, hosts)
        }
        if not placeholders:
            return  # the common case, decided without locating anything
        for key, value, start in front_matter_image_places(ctx, placeholders):
            yield self.issue_at(ctx, start, f"{key} is a placeholder image: {value}")


# Any whitespace, the ideographic space included: a key holding one reads as words.
_SPACE_IN_KEY = re.compile(r"\s")


@register
class KeyHoldsSpaces(LintRule):
    """A top-level YAML key holds spaces: most often the next line of a value, read as a key.

    When a generator breaks a title over two lines and the second line holds
    ``": "``, YAML takes that line for a key of its own: the title loses its end
    and the post gains a key nobody meant. Front matter keys are names
    (``feature_image``, ``last_modified_at``); a key that reads as words is text in
    the wrong place. A key written in quotes is taken as meant.

    Bad:

    ```yaml
    title: 한-영 디지털정부 협력
    양해각서 체결: 서명 즉시 발효
    ```

    Good: ``title: "한-영 디지털정부 협력 양해각서 체결: 서명 즉시 발효"``.
    """

    code = "NP116"
    name = "key-holds-spaces"
    severity = Severity.WARNING
    summary = "front matter key holds spaces"

    def check(self, ctx: Context) -> Iterator[Issue]:
        raw = ctx.post.raw
        if raw.format != "yaml" or not any(map(_SPACE_IN_KEY.search, raw.key_lines)):
            return
        before: tuple[str, int] | None = None
        for key, line in sorted(raw.key_lines.items(), key=lambda item: item[1]):
            written = ctx.lines[line - 1].lstrip() if line <= len(ctx.lines) else ""
            if _SPACE_IN_KEY.search(key) and written[:1] not in ("'", '"'):
                message = f"key {key!r} holds spaces"
                if before is not None:
                    message += (
                        f": is it the rest of {before[0]!r} (line {before[1]}), read as a key?"
                        " write that value on one line, quoted"
                    )
                yield self.issue(ctx, message, **key_position(ctx, key))
            before = (key, line)


# A front matter key line as YAML writes one: a name, a colon, then a space or the line's end.
_BARE_KEY_LINE = re.compile(r"[A-Za-z_][\w-]*:(?:[ \t]|$)")
# Keys every generator's posts open with; one of them must be there, so that a body
# opening with "Note: ..." or "Update: ..." is prose.
_POST_KEYS = frozenset(
    {
        "title",
        "date",
        "layout",
        "categories",
        "category",
        "tags",
        "author",
        "description",
        "excerpt",
        "permalink",
        "slug",
        "draft",
    }
)
_FENCE = re.compile(r"-{3}[ \t]*$")


@register
class UnfencedFrontMatter(LintRule):
    """The post opens with front matter keys, but without the ``---`` line above them.

    Jekyll and Hugo read front matter only between two ``---`` lines. Without
    the first one, ``title: …`` and ``date: …`` are the page's first paragraph (a
    heading, when the closing ``---`` is there: it underlines them), and the post
    has no title, date or layout. Scripts that write posts drop the opening line,
    or both. The fix adds the missing lines, when the keys read as YAML. (A
    never-closed front matter is NP100's.) A Pelican header of ``Key: value``
    lines, outside Jekyll's ``_posts``, is front matter of its own and not this.

    Bad:

    ```text
    title: "정부, 디지털 협력 양해각서 체결"
    date: 2024-06-12 10:00:00 +0900

    본문…
    ```

    Good: the same keys between a ``---`` line above and one below.
    """

    code = "NP118"
    name = "front-matter-unfenced"
    severity = Severity.ERROR
    summary = "front matter keys without the --- line above them"
    fixable = True

    def check(self, ctx: Context) -> Iterator[Issue]:
        raw = ctx.post.raw
        if raw.format != "none" or raw.front_matter_start != raw.body_start:
            return
        text = raw.text
        start = raw.body_start
        if _BARE_KEY_LINE.match(text, start) is None:  # the common case: one match, and out
            return
        lines = ctx.lines
        first = ctx.index.position(start)[0]
        last = first  # 1-based lines [first, last) hold the keys
        closed = False
        while last <= len(lines):
            line = lines[last - 1]
            if _FENCE.match(line):
                closed = True
                break
            if not line.strip():
                break
            if _BARE_KEY_LINE.match(line) is None and not line.startswith((" ", "\t", "-")):
                return  # prose: a paragraph that merely opens with a colon
            last += 1
        block = "\n".join(lines[first - 1 : last - 1])
        try:
            data = yaml.safe_load(block)  # a rare post: the body opens with a key line
        except yaml.YAMLError:
            data = None
        if not isinstance(data, dict) or not _POST_KEYS & {str(key).lower() for key in data}:
            return
        newline = "\r\n" if "\r\n" in text[: start + len(block) + 2] else "\n"
        fence = "---" + newline
        edits = [Edit(start=start, end=start, replacement=fence)]
        if not closed:
            end = ctx.index.offset(last) if last <= len(lines) else len(text)
            at_end = end == len(text) and not text.endswith(("\n", "\r"))
            edits.append(Edit(start=end, end=end, replacement=(newline if at_end else "") + fence))
        where = "above them" if closed else "around them"
        message = f"front matter keys on lines {first}-{last - 1} have no --- line {where}"
        if last - 1 == first:
            message = f"front matter key on line {first} has no --- line {where}"
        yield self.issue(
            ctx,
            message + ": Jekyll and Hugo show them as text",
            line=first,
            column=1,
            fix=Fix(description=f"add the --- line{'' if closed else 's'}", edits=edits),
        )
