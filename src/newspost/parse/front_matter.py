"""Split front matter from the body, and read it (YAML, TOML ``+++``, JSON or Pelican's).

The delimiters are python-frontmatter's (its handlers' boundary patterns and
loaders), but the split is done here by offset, so the original text can be
given back byte for byte and every key knows its line. Pelican's header of
``Key: value`` lines, which has no delimiters, is `_pelican`'s.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

import yaml
from frontmatter.default_handlers import JSONHandler, YAMLHandler
from pydantic import ValidationError

from newspost.errors import FrontMatterError, LimitError
from newspost.model.front_matter import FrontMatter, parse_date
from newspost.model.post import ELEVENTY_DATE_WORDS, Generator
from newspost.parse import _pelican
from newspost.parse._kept import Kept
from newspost.parse._limits import DEFAULT_LIMITS, Limits, exceeded
from newspost.parse._text import BOM, LineIndex, line_number

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

try:  # libyaml is several times faster; fall back to the pure-Python loader.
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]

Format = Literal["yaml", "toml", "json", "pelican", "none"]

_YAML_OPEN = re.compile(r"-{3}[ \t]*(?:\r?\n|\r)")
# A closing line is found from the newline before it (the opening line's own at the
# least): a pattern that starts with a literal is searched for quickly, where "^"
# would be tried at every position of the text.
_YAML_CLOSE = re.compile(r"\n(?:-{3}|\.{3})[ \t]*\r?$", re.MULTILINE)
_TOML_OPEN = re.compile(r"\+{3}[ \t]*(?:\r?\n|\r)")
_TOML_CLOSE = re.compile(r"\n\+{3}[ \t]*\r?$", re.MULTILINE)
# The same closing lines in a file whose lines end in a lone CR (classic Mac OS),
# which Markdown, YAML and the line numbers here all read as line breaks.
_YAML_CLOSE_CR = re.compile(r"\r(?:-{3}|\.{3})[ \t]*(?=[\r\n]|\Z)")
_TOML_CLOSE_CR = re.compile(r"\r\+{3}[ \t]*(?=[\r\n]|\Z)")
# Eleventy's (gray-matter's) opening line naming the front matter's language: "---json".
_LANGUAGE_OPEN = re.compile(r"-{3}[ \t]*([A-Za-z][\w-]*)[ \t]*(?:\r?\n|\r)")
_LANGUAGES: dict[str, Format] = {"yaml": "yaml", "yml": "yaml", "toml": "toml", "json": "json"}
# A post's date in its file name: Jekyll's "2024-06-19-slug.md" (month and day of one or
# two digits), Hugo's and Zola's "2024-06-19_slug.md" too.
_NAME_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[-_]|$)")
# Docusaurus's blog (and Eleventy, which takes a date anywhere in the path) also dates a
# post by the folders it is in: "2024/06/19/launch.md", "2024-06-19/launch.md".
# Docusaurus's own blog files its posts under the year: "2022/09-01-release/index.mdx",
# "2019/05-28-launch.md".
_FOLDER_DATE = re.compile(
    r"(?:^|/)(\d{4})[-/](\d{1,2})[-/](\d{1,2})/[^/]+$"
    r"|(?:^|/)(\d{4})/(\d{1,2})-(\d{1,2})(?:-[^/]*)?(?:/index\.[^/]+)?$"
)
_TOP_KEY = re.compile(
    r"^(?:\"([^\"]+)\"|'([^']+)'|([^\s#:\[\]{}=\"'][^:=]*?))\s*[:=]", re.MULTILINE
)
# A top-level key with its value right after the colon ("categories:News"), which YAML
# reads as text, not as a key: the line after it then fails to parse. Not "http://".
# A list item with no space after its dash ("-uniapp"); not "---" or "-1"-like dashes.
_UNSPACED_ITEM = re.compile(r"^(?P<indent>[ \t]*)-(?=[^\s\-\d])")
UNSPACED_KEY = re.compile(r"^(?P<key>[A-Za-z_][\w.-]*):(?P<value>[^\s/:].*)$")


class TOMLHandler(YAMLHandler):
    """python-frontmatter's TOML handler shape, reading with the standard library's tomllib."""

    START_DELIMITER = END_DELIMITER = "+++"

    def load(self, fm: str, **kwargs: object) -> Any:
        """Parse TOML front matter."""
        return tomllib.loads(fm)


HANDLERS = {"yaml": YAMLHandler(), "toml": TOMLHandler(), "json": JSONHandler()}


@dataclass
class Split:
    """Where the front matter and body are in a text (offsets, 0-based)."""

    format: Format
    content_start: int = 0
    content_end: int = 0
    body_start: int = 0
    opening_line: int = 1
    key_lines: dict[str, int] = field(default_factory=dict)
    # Keys read under a field's name, as the site's generator reads them (Hugo's "Title"
    # as title, "publishDate" as date; Jekyll's "category"): the field's name -> the key
    # as the file spells it.
    key_aliases: dict[str, str] = field(default_factory=dict)
    # Eleventy's word for a date it takes at build time ("Last Modified"), when the
    # front matter's date is one: the post then has no date of its own.
    date_keyword: str | None = None


def split(text: str, *, path: str | None = None, limits: Limits = DEFAULT_LIMITS) -> Split:
    """Find the front matter block of a text (which may start with a BOM).

    Raises:
        FrontMatterError: an opening delimiter has no closing one, or JSON front
            matter does not parse.
        LimitError: JSON front matter nests too deep to be read.
    """
    start = 1 if text.startswith(BOM) else 0
    if text[start : start + 1] in _BLANK and path:  # nearly every file opens otherwise
        start = _past_leading_blank_lines(text, start, path)
    for fmt, opener, closer, cr_closer in (
        ("yaml", _YAML_OPEN, _YAML_CLOSE, _YAML_CLOSE_CR),
        ("toml", _TOML_OPEN, _TOML_CLOSE, _TOML_CLOSE_CR),
        ("yaml", _LANGUAGE_OPEN, _YAML_CLOSE, _YAML_CLOSE_CR),
    ):
        opened = opener.match(text, start)
        if not opened:
            continue
        if opener is _LANGUAGE_OPEN:
            fmt = _language(opened.group(1), path=path)
        if text[opened.end() - 1] == "\r":  # lines end in a lone CR
            closer = cr_closer
        closed = closer.search(text, opened.end() - 1)  # from the opening line's "\n"
        if not closed:
            delimiter = "+++" if opener is _TOML_OPEN else "---"
            line = line_number(text, start)
            hint = f"add a line holding only {delimiter} after the last front matter key"
            # "blogger_orig_url: http://... ---": an export that wrote the closing
            # delimiter at the end of the last key's line.
            glued = re.compile(rf"\S[ \t]+{re.escape(delimiter)}[ \t]*\r?$", re.MULTILINE)
            found = glued.search(text, opened.end())
            if found is not None:
                hint = (
                    f"line {line_number(text, found.start())} ends with {delimiter}: "
                    "put it on a line of its own"
                )
            raise FrontMatterError(
                f"front matter opened with {delimiter} on line {line} is never closed",
                path=path,
                line=line,
                column=1,
                hint=hint,
            )
        body_start = _past_line_break(text, closed.end())
        content_end = closed.start() + 1  # past the newline: the closing line's start
        return Split(fmt, opened.end(), content_end, body_start)  # type: ignore[arg-type]
    if text.startswith("{", start) and _looks_like_json(text, start):
        try:
            _, end = json.JSONDecoder().raw_decode(text, start)
        except json.JSONDecodeError as exc:
            raise FrontMatterError(
                f"JSON front matter does not parse: {exc.msg}",
                path=path,
                line=exc.lineno,
                column=exc.colno,
                hint="check commas and quotes; JSON front matter is one object at the top",
            ) from exc
        except (RecursionError, ValueError) as exc:
            raise _unreadable_json(exc, text[start:], 1, path=path, limits=limits) from exc
        body_start = end
        while body_start < len(text) and text[body_start] in " \t":
            body_start += 1
        return Split("json", start, end, _past_line_break(text, body_start))
    if path and "_posts" in path and _TOP_KEY.match(text, start) and _is_hexo_posts(path):
        hexo = _hexo_split_without_opening(text, start, limits.max_front_matter_bytes)
        if hexo is not None:
            return hexo
    if text[start : start + 1].isascii():  # Pelican's keys are ASCII: not a Korean first line
        pelican = _pelican_split(text, start, path, limits.max_front_matter_bytes)
        if pelican is not None:
            return pelican
    return Split("none", start, start, start)


def _is_hexo_posts(path: str) -> bool:
    """Whether ``path`` is in a Hexo site's ``source/_posts`` (or ``_drafts``) folder."""
    parts = path.replace("\\", "/").split("/")
    return any(
        part in ("_posts", "_drafts") and index > 0 and parts[index - 1] == "source"
        for index, part in enumerate(parts)
    )


def _hexo_split_without_opening(text: str, start: int, limit: int) -> Split | None:
    r"""The YAML front matter of a Hexo post that has no opening ``---`` line, if it has one.

    Hexo (hexo-front-matter) reads the lines before the first ``---`` line as front
    matter when the text does not open with one, as the posts its early scaffolds
    wrote do ("title: MBTI\ndate: 2016-04-17\n---"); they must be a YAML mapping.
    """
    closed = _YAML_CLOSE.search(text, start)
    if closed is None or not text.startswith("---", closed.start() + 1):
        return None
    if closed.start() - start > limit:
        return None  # prose above a thematic break, most likely; not read as YAML
    content_end = closed.start() + 1
    try:
        data = yaml.safe_load(text[start:content_end])
    except yaml.YAMLError:
        return None
    if not isinstance(data, dict) or not data:
        return None
    return Split("yaml", start, content_end, _past_line_break(text, closed.end()))


_BLANK = (" ", "\t", "\n", "\r")
_LEADING_BLANK_LINES = re.compile(r"(?:[ \t]*(?:\r\n|\n|\r))+")


def _past_leading_blank_lines(text: str, start: int, path: str) -> int:
    """Where the front matter opens in a Hugo or Zola post that starts with blank lines.

    Hugo's page parser and Zola skip blank lines before the opening delimiter (news
    posts in gohugoio/hugoDocs open with one); Jekyll does not, so only a post in a
    ``content/`` folder, as theirs are, is read past them. ``start`` otherwise.
    """
    if "content" not in path.replace("\\", "/").split("/"):
        return start
    found = _LEADING_BLANK_LINES.match(text, start)
    if found is not None and text.startswith(("---", "+++", "{"), found.end()):
        return found.end()
    return start


def _pelican_split(text: str, start: int, path: str | None, limit: int) -> Split | None:
    """The `Split` of a Pelican header opening ``text``, if there is one that reads.

    A header whose values the model cannot take (a ``Date`` that is no date) is
    not taken for one: its lines may be prose that only looks like keys
    ("Date: early June"), and a post without a header still reads. One over
    ``limit`` characters is not read here: `read` refuses it, as it does any
    front matter that large.
    """
    found = _pelican.header(text, start, path, limit)
    if found is None:
        return None
    content_end, body_start = found
    if content_end - start > limit:
        return Split("pelican", start, content_end, body_start)
    data, _, _ = _pelican.read(text[start:content_end], 1)
    try:
        FrontMatter.from_mapping(data)
    except (ValidationError, ValueError):
        return None
    return Split("pelican", start, content_end, body_start)


def _past_line_break(text: str, at: int) -> int:
    """``at``, moved past the line break there if there is one (CRLF, LF or a lone CR)."""
    if text.startswith("\r\n", at):
        return at + 2
    if text.startswith(("\n", "\r"), at):
        return at + 1
    return at


def _language(name: str, *, path: str | None) -> Format:
    """The format of front matter opened by ``---name`` (Eleventy's way to name it)."""
    fmt = _LANGUAGES.get(name.lower())
    if fmt is None:
        raise FrontMatterError(
            f"front matter opened with ---{name} is {name} code, which newspost cannot run",
            path=path,
            line=1,
            column=4,
            hint="write the values as YAML (---) or JSON (---json) front matter",
        )
    return fmt


def _looks_like_json(text: str, start: int) -> bool:
    # A body may open with a Liquid tag "{% ... %}" or a shortcode "{{< ... >}}":
    # only "{" alone on its line or '{"' starts JSON front matter.
    rest = text[start + 1 : start + 64].lstrip(" \t")
    return rest.startswith(("\n", "\r", '"'))


def read(
    text: str,
    where: Split,
    *,
    path: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
    generator: Generator | None = None,
) -> FrontMatter:
    """Parse the front matter located by `split` into a `FrontMatter`.

    Keys are read as the post's ``generator`` reads them. Hugo reads them in any
    case (``Title`` is the title when there is no ``title``), and dates a post
    without a ``date`` by its ``publishDate`` (or ``lastmod``). Jekyll, and a
    post whose generator is not known, reads ``category`` as the one category
    (and ``tag`` as the one tag) when there is no ``categories`` (``tags``), and
    dates a post without a ``date`` by the key Astro's schemas name it with:
    ``pubDate``, ``pubDatetime``, ``publishDate``, or a ``published`` that is a
    date (Jekyll's is true or false). A YAML or JSON ``date`` that is one of
    Eleventy's words for a date it takes at build time (``Last Modified``,
    ``Created``, ``git Last Modified``, ``git Created``), whatever the generator
    seems to be, is kept in ``where.date_keyword``, and the post has no date (not
    even its file name's). The
    keys as the file spells them are kept in ``where.key_aliases`` (and
    ``where.key_lines`` names the fields), so that a change is written back
    under the key the file has. Zola keeps categories and tags in its
    ``[taxonomies]`` table: they are read from there, as ``taxonomies.categories``.
    A ``date`` that is a mapping with ``created`` (MkDocs Material's blog) dates
    the post by it; its ``updated`` is the extra key ``date.updated``.
    A Pelican header is read as Pelican reads it, whatever the generator (see
    `newspost.parse._pelican.read`): keys in lower case, ``Summary`` as the
    excerpt, ``Category`` as the one category.

    Raises:
        FrontMatterError: the front matter does not parse, is not a mapping, or
            a known key has a value of the wrong kind; with the line and column.
    """
    content = text[where.content_start : where.content_end]
    first_line = line_number(text, where.content_start)
    if len(content) > limits.max_front_matter_bytes:
        raise exceeded(
            "the front matter's size",
            len(content),
            "max_front_matter_bytes",
            limits.max_front_matter_bytes,
            path=path,
            line=first_line,
        )
    if where.format == "pelican":
        # Text lines: brackets there nest nothing, and keys are read as Pelican reads them.
        header, key_lines, key_aliases = _pelican.read(content, first_line)
        where.key_lines.update(key_lines)
        where.key_aliases.update(key_aliases)
        return _from_mapping(header, where, path=path, first_line=first_line)
    _check_flow_depth(content, first_line, path=path, limits=limits)
    if where.format == "none":
        data: Any = {}
    elif where.format == "yaml":
        data = _load_yaml(content, first_line, path=path, key_lines=where.key_lines, limits=limits)
    elif where.format == "toml":
        data = _load_toml(content, first_line, path=path, limits=limits)
        where.key_lines.update(_scan_key_lines(content, first_line))
    else:
        data = _load_json(content, first_line, path=path, limits=limits)
        where.key_lines.update(_scan_json_key_lines(content, first_line))
    if data is None:
        data = {}
    # Nesting that no bracket shows: YAML's indented blocks, TOML's dotted tables
    # ([a.b.c]), a YAML alias inside its own anchor (a: &a [*a], without end).
    depth = _nesting_depth(data, limits.max_depth)
    if depth > limits.max_depth:
        raise _too_deep("the front matter's nesting", depth, first_line, path=path, limits=limits)
    if not isinstance(data, dict):
        raise FrontMatterError(
            f"front matter must be a mapping of keys to values, not a {type(data).__name__}",
            path=path,
            line=first_line,
            column=1,
            hint="write one 'key: value' per line",
        )
    if generator == "hugo":
        data = _as_hugo_reads(data, where)
    elif generator == "zola":
        data = _as_zola_reads(data, where, content, first_line)
        if not zola_reads_date(data.get("date")):
            raise FrontMatterError(
                f"front matter key 'date': Zola cannot read {data['date']!r} as a date",
                path=path,
                line=where.key_lines.get("date", first_line),
                column=1,
                hint=_ZOLA_DATE_HINT,
            )
    else:
        if isinstance(data.get("date"), dict):
            data = _dated_by_created(data, where, content, first_line)
        data = _as_jekyll_reads(data, where)
    if where.format != "toml":
        data = _without_eleventy_date_word(data, where)
    return _from_mapping(data, where, path=path, first_line=first_line)


def _dated_by_created(
    data: dict[Any, Any], where: Split, content: str, first_line: int
) -> dict[Any, Any]:
    """``data`` dated by the ``created`` of a ``date`` mapping, as MkDocs Material's blog reads it.

    Its posts write ``date:`` with ``created:`` (the publication date) and
    ``updated:`` (the modification date) under it. The other keys of the mapping
    are extra keys named ``date.updated`` and the like, and ``where.key_aliases``
    names them all (``date.created`` for the date), so that a change is written
    back inside the mapping. A mapping without ``created`` is left as it is.
    """
    table = data["date"]
    if "created" not in table:
        return data
    read: dict[Any, Any] = {}
    # Every key's line in one pass over the mapping: a pass for each key took n² steps
    # for a mapping of n keys (seventeen seconds for 8,000).
    lines = _nested_key_lines(content, "date", {str(name) for name in table})
    for key, value in data.items():
        if key != "date":
            read[key] = value
            continue
        for name, entry in table.items():
            field_name = "date" if name == "created" else f"date.{name}"
            read[field_name] = entry
            where.key_aliases[field_name] = f"date.{name}"
            line = lines.get(str(name))
            if line is not None:
                where.key_lines[f"date.{name}"] = first_line + line
    return read


def _without_eleventy_date_word(data: dict[Any, Any], where: Split) -> dict[Any, Any]:
    """``data`` without its ``date`` when that is one of Eleventy's words, kept in ``where``.

    Whatever the generator seems to be: Eleventy's own starter keeps its posts in
    ``content/``, as Hugo does, and no other generator would build a post dated so.
    """
    written = data.get("date")
    if not isinstance(written, str) or written.strip().lower() not in ELEVENTY_DATE_WORDS:
        return data
    where.date_keyword = written
    return {key: value for key, value in data.items() if key != "date"}


def _from_mapping(
    data: dict[Any, Any], where: Split, *, path: str | None, first_line: int
) -> FrontMatter:
    """`FrontMatter.from_mapping`, dated by `file_name_date` when ``data`` has no date (or null)."""
    if data.get("date") is None and path and where.date_keyword is None:
        named = file_name_date(path)
        if named is not None:
            data = {**data, "date": named}
    try:
        return FrontMatter.from_mapping(data)
    except ValidationError as exc:
        problem = exc.errors()[0]
        key = str(problem["loc"][0]) if problem["loc"] else ""
        raise FrontMatterError(
            f"front matter key {where.key_aliases.get(key, key)!r}: "
            f"{problem['msg'].removeprefix('Value error, ')}",
            path=path,
            line=where.key_lines.get(key, first_line),
            column=1,
            hint=_type_hint(key),
        ) from exc


def file_name_date(path: str) -> dt.date | None:
    """The date a post's file name gives it, if it gives one that is a day.

    Jekyll's ``2024-06-19-slug.md``, Hugo's and Zola's ``2024-06-19_slug.md``;
    for a post that is a folder, ``2024-06-19-slug/index.md`` (Hugo's and Zola's
    page bundles, Docusaurus's blog folders, WordPress exporters' output), the
    folder's name; else the folders a post is in, as Docusaurus reads them:
    ``2024/06/19/slug.md``, ``2024-06-19/slug.md``, ``2024/06-19-slug.md`` and
    ``2024/06-19-slug/index.md`` (Docusaurus's own blog).

    Examples:
        >>> file_name_date("_posts/2024-6-19-launch.md")
        datetime.date(2024, 6, 19)
        >>> file_name_date("blog/2024-06-19_launch/index.md")
        datetime.date(2024, 6, 19)
        >>> file_name_date("_posts/2024-13-45-launch.md") is None
        True
    """
    name = os.path.basename(path)
    if name.startswith("index."):  # index.md, and a Hugo bundle's index.en.md
        name = os.path.basename(os.path.dirname(path))
    named = _NAME_DATE.match(name) or _FOLDER_DATE.search(path.replace("\\", "/"))
    return None if named is None else _calendar_day(named)


def _calendar_day(found: re.Match[str]) -> dt.date | None:
    """The day a match's (year, month, day) digit groups name; None if there is none (02-30).

    Groups of an alternative that did not match are skipped.
    """
    try:
        return dt.date(*(int(part) for part in found.groups() if part is not None))
    except ValueError:
        return None


# Hugo's .Date for a post without a date key: its publish date, else its last change
# (Hugo's default [frontmatter] date = ["date", "publishDate", "lastmod"], and their aliases).
# Last, AstroPaper's pubDatetime, for an Astro post taken for Hugo's (one in content/).
_HUGO_DATE_KEYS = ("publishdate", "pubdate", "published", "lastmod", "modified", "pubdatetime")


def _as_hugo_reads(data: dict[Any, Any], where: Split) -> dict[Any, Any]:
    """``data`` with its keys read as Hugo reads them, under the fields' names.

    Hugo reads keys in any case (``Title`` is the title), and dates a post
    without a ``date`` by its ``publishDate`` or ``lastmod``. A key written in
    lower case wins (``title`` beside ``Title`` leaves ``Title`` an extra key),
    and so does the first of two other spellings, as neither is more right.
    """
    lowered: dict[str, str] = {}
    for key in data:
        if isinstance(key, str):
            lowered.setdefault(key.lower(), key)
    aliases = where.key_aliases
    if "date" not in lowered:
        # One that is no date stays an extra key, for NP109 to name: a bad
        # publishDate should not make the whole post unreadable.
        for key in _HUGO_DATE_KEYS:
            spelling = lowered.get(key)
            if spelling is not None and _is_date(data[spelling]):
                aliases["date"] = spelling
                break
    taken = set(aliases.values())
    for name in FrontMatter.known_fields():
        spelling = lowered.get(name)
        if spelling is not None and name not in data and spelling not in taken:
            aliases[name] = spelling
    return _read_under_fields(data, where)


# Jekyll's singular keys: "category: Tech News" is one category, where "categories:
# Tech News" is two (Jekyll's Utils.pluralized_array_from_hash).
_SINGULAR_KEYS = {"categories": "category", "tags": "tag"}


# The keys that date a post without a date where Jekyll's reading is the default (YAML
# front matter): Astro's content collections name the date in their own schema, as
# pubDate (its blog template), pubDatetime (AstroPaper), publishDate or published
# (Fuwari; a date there, where Jekyll's published is true or false). The first that is
# a date wins.
_PUBLISHED_KEYS = ("pubDate", "pubDatetime", "publishDate", "published")


def _as_jekyll_reads(data: dict[Any, Any], where: Split) -> dict[Any, Any]:
    """``data`` with Jekyll's ``category`` and ``tag`` as the categories and tags.

    Only where the plural key is absent: beside ``categories``, a ``category``
    stays an extra key rather than replace what the file lists. A post without
    a ``date`` is dated by Astro's ``pubDate`` (``pubDatetime``, ``publishDate``
    or a ``published`` that is a date), as Astro sites name it.
    """
    for name, singular in _SINGULAR_KEYS.items():
        if singular in data and name not in data:
            where.key_aliases[name] = singular
    if "date" not in data:
        published = next((key for key in _PUBLISHED_KEYS if _is_date(data.get(key))), None)
        if published is not None:
            where.key_aliases["date"] = published
    if not where.key_aliases:
        return data
    data = _read_under_fields(data, where)
    for name in _SINGULAR_KEYS.keys() & where.key_aliases.keys():
        if isinstance(data[name], str):
            data[name] = [data[name]]  # one category, spaces and all
    return data


# The text Zola reads as a date (its front_matter/datetime.rs): a YAML 1.1 timestamp,
# with seconds if it has a time, and an offset written +9, +09 or +09:00.
_ZOLA_DATE = re.compile(
    r"(\d{4})-(\d\d?)-(\d\d?)(?:(?:[Tt]|[ \t]+)\d\d?:\d{2}:\d{2}(?:\.\d{0,9})?"
    r"[ \t]*(?:Z|[-+]\d\d?(?::\d\d)?)?)?"
)
_ZOLA_DATE_HINT = "Zola reads YYYY-MM-DD, or YYYY-MM-DDTHH:MM:SS with an offset such as +09:00"


def zola_reads_date(value: object) -> bool:
    """Whether Zola reads a front matter value as a date (or as none, when there is none).

    TOML's and YAML's own dates, and text in their forms: ``2024-06-19``,
    ``2024-06-19T10:00:00+09:00``. Zola refuses what other generators read, such
    as ``Jun 19 2024``, ``2024/06/19``, ``2024-06-19 10:00`` (no seconds) or an
    offset without its colon (``+0900``).

    Examples:
        >>> zola_reads_date("2024-06-19 10:00:00 +09:00"), zola_reads_date("Jun 19 2024")
        (True, False)
    """
    if not isinstance(value, str) or value == "":
        return True
    found = _ZOLA_DATE.fullmatch(value)
    return found is not None and _calendar_day(found) is not None  # not 2024-02-30


# The taxonomies Zola's themes use for a post's categories and tags.
_ZOLA_TAXONOMIES = ("categories", "tags")


def _as_zola_reads(
    data: dict[Any, Any], where: Split, content: str, first_line: int
) -> dict[Any, Any]:
    """``data`` with the categories and tags of Zola's ``[taxonomies]`` table as the fields.

    They leave the table, which stays (an extra key, with any other taxonomy);
    ``where.key_aliases`` names them ``taxonomies.categories`` and
    ``taxonomies.tags``, so that a change is written back into the table.
    """
    taxonomies = data.get("taxonomies")
    if not isinstance(taxonomies, dict):
        return data
    moved = [name for name in _ZOLA_TAXONOMIES if name in taxonomies and name not in data]
    if not moved:
        return data
    read: dict[Any, Any] = {}
    for key, value in data.items():
        if key != "taxonomies":
            read[key] = value
            continue
        read[key] = {name: terms for name, terms in taxonomies.items() if name not in moved}
        for name in moved:
            read[name] = taxonomies[name]
            where.key_aliases[name] = f"taxonomies.{name}"
            line = nested_key_line(content, "taxonomies", name)
            if line is not None:
                where.key_lines[name] = first_line + line
    return read


def _table_lines(content: str, table: str) -> Iterator[tuple[int, str]]:
    """The 0-based number and text of each line inside a TOML ``[table]`` or a YAML ``table:``."""
    toml: bool | None = None  # not inside the table yet
    for number, text in enumerate(content.splitlines()):
        if toml is None:
            if text.startswith((f"[{table}]", f"{table}:")):
                toml = text.startswith("[")
            continue
        # The table ends at TOML's next header, or at YAML's next top-level key (which
        # is still given: a key's line is looked at before the end is).
        yield number, text
        if text.startswith("[") if toml else text[:1] not in ("", " ", "\t", "#"):
            return


def nested_key_line(content: str, table: str, key: str) -> int | None:
    """The 0-based line of ``key`` in a TOML ``[table]`` or a YAML ``table:`` mapping."""
    entry = re.compile(rf"[ \t]*{re.escape(key)}[ \t]*[=:]")
    lines = _table_lines(content, table)
    return next((number for number, text in lines if entry.match(text)), None)


# The key a line of a mapping or table names: what comes before its first ":" or "=".
_ENTRY_KEY = re.compile(r"[ \t]*([^=:\n]*?)[ \t]*[=:]")


def _nested_key_lines(content: str, table: str, keys: set[str]) -> dict[str, int]:
    """The 0-based line of each of ``keys`` found in ``table``, as `nested_key_line` finds it."""
    found: dict[str, int] = {}
    # A key holding ":" or "=" is not the text before them: looked for on its own.
    plain = {key for key in keys if "=" not in key and ":" not in key and key.strip() == key}
    for key in keys - plain:
        line = nested_key_line(content, table, key)
        if line is not None:
            found[key] = line
    for number, text in _table_lines(content, table):
        entry = _ENTRY_KEY.match(text)
        if entry is not None and entry.group(1) in plain:
            found.setdefault(entry.group(1), number)
    return found


def _read_under_fields(data: dict[Any, Any], where: Split) -> dict[Any, Any]:
    """``data`` with the keys of ``where.key_aliases`` under their fields' names."""
    if not where.key_aliases:
        return data
    spelled = {spelling: name for name, spelling in where.key_aliases.items()}
    for spelling, name in spelled.items():
        if spelling in where.key_lines:
            where.key_lines[name] = where.key_lines.pop(spelling)
    return {spelled.get(key, key): value for key, value in data.items()}


def _is_date(value: object) -> bool:
    try:
        return parse_date(value) is not None
    except ValueError:
        return False


def _type_hint(key: str) -> str:
    if key == "published":
        return "write published as true or false (Hugo's publish date as publishDate)"
    if key in ("categories", "tags"):
        return f"write {key} as a word, a space-separated string or a list of words"
    if key == "date":
        return "write the date as YYYY-MM-DD or YYYY-MM-DD HH:MM:SS +ZZZZ"
    if key in ("image", "feature_image"):
        return f"write {key} as the image's address, or as a mapping with its path: (and alt:)"
    return f"write {key} as plain text, quoted if it contains ': ' or starts with [ {{ * & ! |"


_FLOW_BRACKET = re.compile(r"[\[\]{}]")


def _flow_depth(content: str, enough: int) -> int:
    """How deep ``[`` and ``{`` nest in YAML text, if that may be over ``enough``; else 0.

    A text with no more than ``enough`` opening brackets cannot nest deeper and is
    not scanned (0); otherwise brackets are counted until the depth passes
    ``enough``. Brackets inside quoted text count too, so this may overestimate.
    """
    # Counting walks every character; "in" finds a character much faster, and most
    # front matter has no bracket at all.
    if ("[" not in content and "{" not in content) or (
        content.count("[") + content.count("{") <= enough
    ):
        return 0
    depth = deepest = 0
    for bracket in _FLOW_BRACKET.finditer(content):
        depth = depth + 1 if bracket.group() in "[{" else max(depth - 1, 0)
        deepest = max(deepest, depth)
        if deepest > enough:
            break
    return deepest


def _check_flow_depth(content: str, first_line: int, *, path: str | None, limits: Limits) -> None:
    """Refuse front matter whose ``[ ]`` and ``{ }`` nest deeper than ``limits.max_depth``.

    Checked before parsing: older libyaml builds have no nesting limit of their
    own and overflow the C stack on "a: [[[[...", a crash no caller can catch,
    and tomllib recurses once per bracket.
    """
    if _flow_depth(content, limits.max_depth) > limits.max_depth:
        raise _brackets_too_deep(content, first_line, path=path, limits=limits)


def _brackets_too_deep(
    content: str, first_line: int, *, path: str | None, limits: Limits
) -> LimitError:
    """The error for ``[ ]`` and ``{ }`` nested past ``limits.max_depth``, with their depth."""
    depth = _flow_depth(content, limits.max_depth)
    what = "the front matter's nesting of [ ] and { }"
    return _too_deep(what, depth, first_line, path=path, limits=limits)


def _too_deep(what: str, depth: int, line: int, *, path: str | None, limits: Limits) -> LimitError:
    return exceeded(what, depth, "max_depth", limits.max_depth, path=path, line=line)


def _nesting_depth(data: Any, enough: int) -> int:
    """How deep lists and mappings nest in the values of parsed front matter.

    As `_flow_depth` counts them: 0 for keys with plain values, 1 for a list or
    mapping as a value, and so on. Counting stops past ``enough``, so a structure
    that contains itself (a YAML alias inside its own anchor) ends the walk too.
    """
    if not isinstance(data, dict | list):
        return 0
    deepest = 0
    pending: list[tuple[Any, int]] = [(data, 0)]
    while pending:
        value, depth = pending.pop()
        if depth > deepest:
            deepest = depth
            if deepest > enough:
                break
        for child in value.values() if isinstance(value, dict) else value:
            if isinstance(child, dict | list):
                pending.append((child, depth + 1))
    return deepest


def _load_yaml(
    content: str, first_line: int, *, path: str | None, key_lines: dict[str, int], limits: Limits
) -> Any:
    loader = _new_loader(content)
    try:
        node = loader.get_single_node()
        if node is None:
            return {}
        if isinstance(node, yaml.MappingNode):
            for key_node, _ in node.value:
                if isinstance(key_node, yaml.ScalarNode):
                    key_lines[str(key_node.value)] = first_line + key_node.start_mark.line
        if "*" in content:
            # Aliases share nodes: count the values they would expand to before
            # anything walks them (the "billion laughs" bomb).
            size = _expanded_size(node, {}, limits.max_yaml_nodes)
            if size > limits.max_yaml_nodes:
                raise exceeded(
                    "the front matter's values with aliases expanded",
                    size,
                    "max_yaml_nodes",
                    limits.max_yaml_nodes,
                    path=path,
                    line=first_line,
                )
        data = _plain_mapping(node)
        if data is None:
            unchanged = not ("<<" in content or "=" in content) or not _rewritten_keys(node)
            data = loader.construct_document(node)
        else:
            unchanged = True  # built from the nodes, without PyYAML's constructor
        if unchanged and type(loader) is _FrontMatterLoader and len(content) <= _COMPOSED_TEXT_MAX:
            _COMPOSED.put(content, node)
        return data
    except yaml.MarkedYAMLError as exc:
        raise _yaml_error(exc, content, first_line, path) from exc
    except yaml.reader.ReaderError as exc:
        raise _unprintable(content, first_line, path) from exc
    except yaml.YAMLError as exc:
        raise FrontMatterError(
            f"YAML front matter does not parse: {exc}", path=path, line=first_line, column=1
        ) from exc
    except (ValueError, TypeError, OverflowError, RecursionError) as exc:
        # Constructors raise these for impossible values such as 2024-13-45.
        failing = _failing_scalar(loader, node) if not isinstance(exc, RecursionError) else None
        mark = failing.start_mark if failing is not None else None
        raise FrontMatterError(
            f"YAML front matter holds an impossible value"
            f"{f' {failing.value!r}' if failing is not None else ''}: {exc}",
            path=path,
            line=first_line + mark.line if mark is not None else first_line,
            column=mark.column + 1 if mark is not None else 1,
            hint="quote the value to keep it as text",
        ) from exc
    finally:
        loader.dispose()


# The node trees of the last YAML front matters read, by their text. Validating a post
# after loading it (``newspost check``) asks for the same tree again, for the positions
# of keys and values (``Context.yaml_root``), and composing it a second time cost nearly
# as much as reading the front matter. Only trees that construction left as they were
# composed are kept, so a kept tree is what ``yaml.compose`` makes of the text. The
# checker loads 32 posts before it validates them (``validate._engine.BATCH_SIZE``):
# twice that many are kept, each of a front matter of usual size.
_COMPOSED: Kept[str, yaml.Node] = Kept(64)
_COMPOSED_TEXT_MAX = 20_000  # characters
# Keys PyYAML's constructor rewrites in their mapping node: merge ("<<") and value ("=").
_REWRITTEN_KEY_TAGS = frozenset({"tag:yaml.org,2002:merge", "tag:yaml.org,2002:value"})


def composed_yaml(content: str) -> yaml.Node | None:
    """The node tree of YAML front matter ``content`` if it was read lately, else None.

    What ``yaml.compose`` with the safe loader makes of ``content``; the nodes are
    shared, so they are for reading only.
    """
    if _FrontMatterLoader.yaml_path_resolvers:
        return None  # path resolvers added since: a tree kept before may be tagged otherwise
    return _COMPOSED.get(content)


def _nodes(root: yaml.Node) -> Iterator[yaml.Node]:
    """Every node of a tree once, in file order (an alias names a node already seen)."""
    pending: list[yaml.Node] = [root]
    seen: set[int] = set()
    while pending:  # iterative: a deep tree has no recursion limit to hit
        node = pending.pop()
        if id(node) in seen:
            continue  # an alias: the same node again
        seen.add(id(node))
        yield node
        if isinstance(node, yaml.SequenceNode):
            pending.extend(reversed(node.value))
        elif isinstance(node, yaml.MappingNode):
            pending.extend(item for pair in reversed(node.value) for item in reversed(pair))


def _rewritten_keys(root: yaml.Node) -> bool:
    """Whether a mapping in the tree has a key that PyYAML's constructor rewrites in place."""
    return any(
        isinstance(node, yaml.MappingNode)
        and any(key.tag in _REWRITTEN_KEY_TAGS for key, _ in node.value)
        for node in _nodes(root)
    )


def _failing_scalar(loader: Any, root: yaml.Node) -> yaml.ScalarNode | None:
    """The first scalar (in file order) that the loader cannot construct, if one is to blame."""
    for node in _nodes(root):
        if isinstance(node, yaml.ScalarNode):
            try:
                loader.construct_object(node)
            except (ValueError, TypeError, OverflowError, yaml.YAMLError):
                return node
    return None


# What YAML cannot hold even quoted: C0 and C1 controls (but tab, LF, CR and NEL),
# lone surrogates, U+FFFE and U+FFFF.
_UNPRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _unprintable(content: str, first_line: int, path: str | None) -> FrontMatterError:
    """The error for a character YAML refuses (its reader's message has no line)."""
    found = _UNPRINTABLE.search(content)
    line, column = LineIndex(content).position(found.start() if found else 0)
    code = ord(found.group()) if found else 0
    return FrontMatterError(
        f"YAML front matter holds U+{code:04X}, a character YAML does not allow even in quotes",
        path=path,
        line=line + first_line - 1,
        column=column,
        hint=f"delete it, or write it as the escape \\u{code:04x} in a double-quoted value",
    )


_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"

# Plain scalars' tags by their text: the keys, and the words of lists, recur in every post.
_PLAIN_TAGS: dict[str, str] = {}
_PLAIN_TAGS_MAX = 2048  # texts remembered at most
_PLAIN_TAG_TEXT_MAX = 40  # characters: longer texts are rarely repeated
_SCALAR_NODE = yaml.ScalarNode


class _FrontMatterLoader(_SafeLoader):
    """The safe loader without the Python steps that do nothing when no path resolvers exist.

    libyaml's composer calls PyYAML's Python resolver around every node: ``resolve``
    for its tag, ``descend_resolver`` and ``ascend_resolver`` to follow path
    resolvers. `_new_loader` uses this loader only when there are none (PyYAML's
    safe loaders have none unless a program adds some); then the last two have
    nothing to do, and a scalar's tag depends on its text alone. A quoted or block
    scalar is text whatever it says; a plain one is matched against the implicit
    resolvers (YAML 1.1's ``yes``, ``10:00``, dates, ...), which are fixed at
    import, so the tags of short plain texts (keys, list words) are remembered.
    """

    def resolve(self, kind: type[yaml.Node], value: Any, implicit: Any) -> Any:
        """The tag PyYAML's resolver gives a node."""
        if kind is not _SCALAR_NODE:
            return _SafeLoader.resolve(self, kind, value, implicit)  # type: ignore[no-untyped-call]
        if not implicit[0]:  # not plain: never matched against the implicit resolvers
            return _STR
        tag = _PLAIN_TAGS.get(value)
        if tag is None:
            tag = _SafeLoader.resolve(self, kind, value, implicit)  # type: ignore[no-untyped-call]
            if len(value) <= _PLAIN_TAG_TEXT_MAX and len(_PLAIN_TAGS) < _PLAIN_TAGS_MAX:
                _PLAIN_TAGS[value] = tag
        return tag

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        """No path resolvers to follow into a node."""

    def ascend_resolver(self) -> None:
        """No path resolvers to follow out of a node."""


def _new_loader(content: str) -> Any:
    """A loader for YAML front matter: `_FrontMatterLoader` unless path resolvers were added."""
    if _FrontMatterLoader.yaml_path_resolvers:
        return _SafeLoader(content)
    return _FrontMatterLoader(content)


def _plain_mapping(node: yaml.Node) -> dict[str, Any] | None:
    """What ``loader.construct_document(node)`` makes of the usual front matter, else None.

    Nearly every post's front matter maps text keys to text or to lists of text;
    such a mapping is built straight from the nodes, as PyYAML's constructor
    would (a text scalar's value is its text; a later duplicate key wins).
    Anything else (numbers, dates, booleans, nulls, nested mappings, merge keys)
    is None, for PyYAML to build, so the result is the same, only without its
    generic machinery for the common case.
    """
    if type(node) is not yaml.MappingNode or node.tag != _MAP:
        return None
    out: dict[str, Any] = {}
    for key, value in node.value:
        if type(key) is not yaml.ScalarNode or key.tag != _STR:
            return None
        if type(value) is yaml.ScalarNode and value.tag == _STR:
            out[key.value] = value.value
        elif (
            type(value) is yaml.SequenceNode
            and value.tag == _SEQ
            and all(type(item) is yaml.ScalarNode and item.tag == _STR for item in value.value)
        ):
            out[key.value] = [item.value for item in value.value]
        else:
            return None
    return out


def _expanded_size(node: yaml.Node, memo: dict[int, int], cap: int) -> int:
    """How many values a node stands for once aliases are expanded (stops counting past ``cap``)."""
    known = memo.get(id(node))
    if known is not None:
        return known
    memo[id(node)] = 1  # a recursive alias counts once, and ends the walk
    total = 1
    if isinstance(node, yaml.SequenceNode):
        for child in node.value:
            total += _expanded_size(child, memo, cap)
            if total > cap:
                break
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            total += _expanded_size(key, memo, cap) + _expanded_size(value, memo, cap)
            if total > cap:
                break
    memo[id(node)] = total
    return total


def _yaml_error(
    exc: yaml.MarkedYAMLError, content: str, first_line: int, path: str | None
) -> FrontMatterError:
    mark = exc.problem_mark or exc.context_mark
    lines = content.splitlines()
    problem = (exc.problem or exc.context or "").strip()
    line = first_line + (mark.line if mark else 0)
    column = (mark.column + 1) if mark else 1
    if isinstance(exc, yaml.constructor.ConstructorError) and "tag" in problem:
        return FrontMatterError(
            f"YAML front matter uses a tag that is not allowed: {problem}",
            path=path,
            line=line,
            column=column,
            hint="remove the !!tag: front matter holds plain values, and tags are never executed",
        )
    message = f"YAML front matter does not parse: {problem}"
    hint = 'quote the value: key: "..."'
    upto = min(mark.line if mark else 0, len(lines) - 1)
    unspaced = next((n for n in range(upto + 1) if UNSPACED_KEY.match(lines[n])), None)
    if unspaced is not None:
        key = lines[unspaced].split(":", 1)[0]
        return FrontMatterError(
            f"YAML front matter does not parse: {key!r} has no space after its colon, "
            "so YAML reads its line as text, not as a key",
            path=path,
            line=first_line + unspaced,
            column=len(key) + 2,
            hint=f"write a space after the colon: {key}: value",
        )
    # A list item without a space after its dash ("- 小程序⏎-uniapp"), under one with it:
    # YAML reads the line as text that goes on from the item above, and fails below it.
    for n in range(1, upto + 1):
        item = _UNSPACED_ITEM.match(lines[n])
        if item is None:
            continue
        above = next((lines[k] for k in range(n - 1, -1, -1) if lines[k].strip()), "")
        if above.startswith(item.group("indent") + "- "):
            value = lines[n][item.end() :].strip()
            return FrontMatterError(
                f"YAML front matter does not parse: the list item {lines[n].strip()!r} "
                "has no space after its dash, so YAML reads it as text, not as an item",
                path=path,
                line=first_line + n,
                column=item.end(),
                hint=f"write a space after the dash: - {value}",
            )
    # A line at the top level that is neither a key, a list item nor a comment is
    # the continuation of the value above it: a value over several lines.
    stray = next(
        (
            n
            for n in range(1, upto + 1)
            if lines[n].strip()
            and not lines[n].startswith((" ", "\t", "-", "#"))
            and not _TOP_KEY.match(lines[n])
        ),
        None,
    )
    owner = _owner_key(lines, stray if stray is not None else upto)
    if stray is not None and owner is not None:
        key, index = owner
        return FrontMatterError(
            f"YAML front matter does not parse: the value of {key!r} (line {first_line + index}) "
            f"goes on over several lines",
            path=path,
            line=first_line + stray,
            column=1,
            hint=f"write {key} on one line, quoted, or as a block ({key}: >-) with lines indented",
        )
    if owner is not None:
        key, index = owner
        value = lines[index].split(":", 1)[1].strip() if ":" in lines[index] else ""
        message += f" (in the value of {key!r})"
        if mark is None or mark.line >= len(lines):
            line, column = first_line + index, lines[index].find(value) + 1 if value else 1
        if value[:1] in ("[", "{"):
            hint = (
                f"a value starting with {value[:1]} is read as a YAML list or mapping: "
                f"quote the whole {key}"
            )
        elif ": " in value:
            hint = (
                f"the {key} contains ': ', which YAML reads as a nested key: quote the whole value"
            )
        elif value[:1] in ("*", "&", "!", "|", ">", "%", "@", "`"):
            hint = f"a value starting with {value[:1]} has a meaning in YAML: quote the whole {key}"
        elif value[:1] in ('"', "'") and value.count(value[0]) > 2:
            # title: "## "기아 EV9…" 기대감…": the quote marks inside end the value early.
            other = "'" if value[0] == '"' else '"'
            hint = (
                f"the {key} holds {value[0]} inside its own {value[0]}...{value[0]}: "
                f"escape them, or quote the whole value with {other}...{other}"
            )
    return FrontMatterError(message, path=path, line=line, column=column, hint=hint)


def _owner_key(lines: list[str], upto: int) -> tuple[str, int] | None:
    """The top-level key whose value holds line ``upto`` (0-based), and its line."""
    for index in range(min(upto, len(lines) - 1), -1, -1):
        text = lines[index]
        if text.startswith((" ", "\t", "-", "#")):
            continue
        found = _TOP_KEY.match(text)
        if found:
            return found.group(1) or found.group(2) or found.group(3), index
    return None


_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")


def _load_toml(content: str, first_line: int, *, path: str | None, limits: Limits) -> Any:
    if "\r" in content and "\n" not in content:
        # Lines ending in a lone CR, which TOML does not allow: the same lines with LF.
        content = content.replace("\r", "\n")
    try:
        return HANDLERS["toml"].load(content)
    except RecursionError as exc:  # only when max_depth is raised past what tomllib can read
        raise _brackets_too_deep(content, first_line, path=path, limits=limits) from exc
    except tomllib.TOMLDecodeError as exc:
        found = _TOML_POSITION.search(str(exc))
        line, column = (int(found.group(1)), int(found.group(2))) if found else (1, 1)
        raise FrontMatterError(
            f"TOML front matter does not parse: {_TOML_POSITION.sub('', str(exc)).strip()}",
            path=path,
            line=first_line + line - 1,
            column=column,
            hint='TOML wants key = "value" with strings quoted',
        ) from exc


def _load_json(content: str, first_line: int, *, path: str | None, limits: Limits) -> Any:
    try:
        return json.loads(content)
    except json.JSONDecodeError as exc:  # only after ---json: split() decoded a bare object
        raise FrontMatterError(
            f"JSON front matter does not parse: {exc.msg}",
            path=path,
            line=first_line + exc.lineno - 1,
            column=exc.colno,
            hint="check commas and quotes; JSON front matter is one object",
        ) from exc
    except (RecursionError, ValueError) as exc:
        raise _unreadable_json(exc, content, first_line, path=path, limits=limits) from exc


def _unreadable_json(
    exc: RecursionError | ValueError,
    content: str,
    first_line: int,
    *,
    path: str | None,
    limits: Limits,
) -> LimitError | FrontMatterError:
    """The error for JSON that is well formed but that Python's decoder cannot read.

    Its C decoder recurses once per ``[`` or ``{``, and refuses integers of more
    than 4,300 digits (``sys.get_int_max_str_digits``).
    """
    if isinstance(exc, RecursionError):
        return _brackets_too_deep(content, first_line, path=path, limits=limits)
    return FrontMatterError(
        f"JSON front matter holds a value Python cannot read: {exc}",
        path=path,
        line=first_line,
        column=1,
        hint="quote the number to keep it as text",
    )


def _scan_key_lines(content: str, first_line: int) -> dict[str, int]:
    lines: dict[str, int] = {}
    for number, text in enumerate(content.splitlines()):
        if text.startswith("["):  # a TOML table: keys below belong to it
            break
        found = _TOP_KEY.match(text)
        if found:
            lines.setdefault(
                found.group(1) or found.group(2) or found.group(3), first_line + number
            )
    return lines


def _scan_json_key_lines(content: str, first_line: int) -> dict[str, int]:
    lines: dict[str, int] = {}
    for number, text in enumerate(content.splitlines()):
        found = re.match(r'^\s{0,4}"([^"]+)"\s*:', text)
        if found:
            lines.setdefault(found.group(1), first_line + number)
    return lines


__all__ = [
    "HANDLERS",
    "Format",
    "Split",
    "TOMLHandler",
    "file_name_date",
    "nested_key_line",
    "parse_date",
    "read",
    "split",
    "zola_reads_date",
]
