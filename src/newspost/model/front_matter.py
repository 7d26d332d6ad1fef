"""The front matter of a post: known fields typed, every other key kept in order."""

from __future__ import annotations

import base64
import datetime as dt
import email.utils
import math
import re
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from newspost.model._base import trusted

__all__ = ["IMAGE_KEYS", "SOURCE_URL_KEYS", "FrontMatter", "image_addresses", "parse_date"]

# Jekyll writes "2024-06-12 10:00:00 +0900"; YAML's own timestamp grammar
# wants "+09:00", so PyYAML hands such dates over as strings. Hexo's documents
# "2013/7/13 20:46:25", which Jekyll's Ruby reads too.
_JEKYLL_DATE = re.compile(
    r"^\s*(\d{4})([-/])(\d{1,2})\2(\d{1,2})"
    r"(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?"
    r"\s*(Z|[+-]\d{2}:?\d{2})?\s*$"
)

# Go's time.String() form, which Hugo reads: "2024-06-12 10:00:00 +0900 KST", the
# zone's abbreviation after the offset that says it all.
_ZONE_NAME_AFTER_OFFSET = re.compile(r"([+-]\d{2}:?\d{2})\s+[A-Z]{2,5}\s*$")
# RFC 2822, as feeds and feed-imported posts write dates (Hugo and Jekyll read it):
# "Wed, 12 Jun 2024 10:00:00 +0900".
_RFC_2822 = re.compile(
    r"^\s*(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{1,2}:\d{2}(?::\d{2})?"
    r"\s+(?:[+-]\d{4}|UT|UTC|GMT|Z)\s*$"
)

# A date with the month's English name, as JavaScript's Date (Astro's z.coerce.date(),
# Hexo's moment), Ruby's Time.parse (Jekyll), Go's layouts (Hugo's "02 Jan 2006") and
# dateutil (Pelican) read it: "Jun 19 2024", "July 8, 2022", "19 June 2024 10:00",
# "Wed Jun 19 2024 10:00:00 GMT+0900 (Korean Standard Time)" (JavaScript's toString()).
_MONTH_NAME_DATE = re.compile(
    r"^\s*(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
    r"(?:(?P<month>[a-z]{3,9})\.?\s+(?P<day>\d{1,2}),?\s+(?P<year>\d{4})"
    r"|(?P<day_first>\d{1,2})\s+(?P<month_after>[a-z]{3,9})\.?,?\s+(?P<year_after>\d{4}))"
    r"(?:,?\s+(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:\.(?P<fraction>\d+))?)?"
    r"(?:\s*(?P<half>[ap])\.?m\.?)?)?"
    r"(?:\s*(?P<zone>z|utc|gmt|ut|(?:gmt|utc)?[+-]\d{2}:?\d{2}))?"
    r"(?:\s*\([^()]*\))?\s*$",
    re.IGNORECASE,
)
_MONTHS = {
    name: number
    for number, full in enumerate(
        (
            "january february march april may june july august september october november december"
        ).split(),
        start=1,
    )
    for name in (full, full[:3], "sept" if full == "september" else full)
}

_DATE_TYPES = (dt.datetime, dt.date)  # a tuple: "A | B" would build a union at every call


def parse_date(value: object) -> dt.datetime | dt.date | None:
    """Read a front matter date the way the site generators do.

    A bare date stays a `datetime.date`; a date with a time becomes a
    `datetime.datetime`, aware when the text has an offset. Read are ISO 8601
    and YAML timestamps, Jekyll's ``2024-06-12 10:00:00 +0900``, Hexo's
    ``2024/6/12``, Go's ``time.String()`` form and RFC 2822 (which Hugo reads),
    and dates with the month's English name, which JavaScript's ``new Date()``
    (Astro's ``z.coerce.date()``), Ruby's ``Time.parse`` (Jekyll) and Pelican
    read: ``Jun 12 2024``, ``June 12, 2024 10:00 AM``, ``12 June 2024``. Returns
    None for None or an empty string; raises ValueError for anything else that
    is not a date.

    Examples:
        >>> parse_date("2024-06-12 10:00:00 +0900").isoformat()
        '2024-06-12T10:00:00+09:00'
        >>> parse_date("2024-06-12")
        datetime.date(2024, 6, 12)
        >>> parse_date("Wed, 12 Jun 2024 10:00:00 +0900").isoformat()
        '2024-06-12T10:00:00+09:00'
        >>> parse_date("July 8, 2022")
        datetime.date(2022, 7, 8)
    """
    if value is None or value == "":
        return None
    if isinstance(value, _DATE_TYPES):
        return value
    if not isinstance(value, str):
        raise ValueError(f"expected a date, got {type(value).__name__} {value!r}")
    match = _JEKYLL_DATE.match(value)
    if not match:
        match = _JEKYLL_DATE.match(_ZONE_NAME_AFTER_OFFSET.sub(r"\1", value))
    if match:
        year, _, month, day, hour, minute, second, fraction, zone = match.groups()
        return _date(year, month, day, hour, minute, second, fraction, zone)
    if _RFC_2822.match(value):
        try:
            return email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            pass
    named = _MONTH_NAME_DATE.match(value)
    month_number = named and _MONTHS.get(
        (named.group("month") or named.group("month_after")).lower()
    )
    if named and month_number:
        hour = named.group("hour")
        if hour is not None and named.group("half"):
            if not 1 <= int(hour) <= 12:
                raise ValueError(f"{value!r} is not a date: hour {hour} of a 12-hour clock")
            # 12 AM is midnight, 12 PM noon.
            hour = str(int(hour) % 12 + (12 if named.group("half").lower() == "p" else 0))
        try:
            return _date(
                named.group("year") or named.group("year_after"),
                str(month_number),
                named.group("day") or named.group("day_first"),
                hour,
                named.group("minute"),
                named.group("second"),
                named.group("fraction"),
                named.group("zone"),
            )
        except ValueError as exc:  # "Feb 30 2024", "Jun 19 2024 25:00"
            raise ValueError(f"{value!r} is not a date: {exc}") from None
    raise ValueError(f"{value!r} is not a date (expected YYYY-MM-DD or YYYY-MM-DD HH:MM:SS +ZZZZ)")


def _date(
    year: str,
    month: str,
    day: str,
    hour: str | None,
    minute: str | None,
    second: str | None,
    fraction: str | None,
    zone: str | None,
) -> dt.datetime | dt.date:
    """The date or datetime of a date's parts as written (ValueError for one that is not)."""
    if hour is None:
        return dt.date(int(year), int(month), int(day))
    micro = int((fraction or "0")[:6].ljust(6, "0"))
    tzinfo: dt.tzinfo | None = None
    if zone:
        zone = zone.upper().removeprefix("GMT").removeprefix("UTC")
        if zone in ("", "Z", "UT"):
            tzinfo = dt.timezone.utc
        else:
            digits = zone[1:].replace(":", "")
            offset = dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
            tzinfo = dt.timezone(-offset if zone[0] == "-" else offset)
    return dt.datetime(
        int(year),
        int(month),
        int(day),
        int(hour),
        int(minute or 0),
        int(second or 0),
        micro,
        tzinfo,
    )


def _json_safe(value: Any) -> Any:
    """Turn YAML-native values into JSON-compatible ones, so ``extra`` round-trips through JSON."""
    if type(value) is str:  # most values: spared the checks below
        return value
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json_safe(v) for v in value]
    if isinstance(value, set | frozenset):
        return sorted((_json_safe(v) for v in value), key=repr)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, float) and not math.isfinite(value):
        # JSON has no number for YAML's .inf and .nan (TOML's inf and nan): kept as the
        # strings JavaScript writes for them, where pydantic would write null.
        return "NaN" if math.isnan(value) else "Infinity" if value > 0 else "-Infinity"
    return value


def _text(value: object, field: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, dict | list | tuple | set):
        raise ValueError(f"{field} must be text, not a {type(value).__name__}")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value)


def _string_list(value: object, field: str) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        # Jekyll splits a string of categories/tags on spaces; a comma list is
        # the other common hand-written form.
        separator = "," if "," in value else None
        return [part.strip() for part in value.split(separator) if part.strip()]
    if isinstance(value, list | tuple):
        out: list[str] = []
        nested = False
        for item in value:
            if isinstance(item, list | tuple):
                # Hexo's hierarchies, "[[Diary, Games], [Life]]": each one's words, once.
                out.extend(_string_list(item, field))
                nested = True
            elif isinstance(item, dict):
                raise ValueError(f"{field} must be a list of words, found a nested dict")
            elif item is not None:
                out.append(_text(item, field) or "")
        return list(dict.fromkeys(out)) if nested else out
    if isinstance(value, int | float):
        return [str(value)]
    raise ValueError(f"{field} must be a string or a list, not a {type(value).__name__}")


# Where an image written as a mapping keeps its address: Chirpy's (Jekyll)
# "image: {path: /a.png, alt: ...}", the "src" or "url" of other themes, and the
# "image: {feature: a.jpg, teaser: ..., thumb: ..., credit: ...}" of Minimal
# Mistakes' elders (HPSTR, So Simple, Skinny Bones), whose template leaves
# "feature:" blank when a post has no header image, and CoFH's "{file: ..., alt: ...}".
_IMAGE_ADDRESS_KEYS = ("path", "src", "url", "feature", "teaser", "thumb", "file")


# The keys that name the post's own image (its share card, header and listing picture),
# one list for every reader of it: the placeholder rule (NP115), the structured data's
# image and the rules that check it (NP707, NP708). Most telling first, lists last: the
# first address found is the NewsArticle's first image.
IMAGE_KEYS: tuple[str, ...] = (
    "image",  # Jekyll themes (Chirpy, Minima), Hugo themes (Stack), Pelican
    "feature_image",  # Ghost
    "featured_image",  # WordPress exports, many Jekyll and Hugo themes
    "featuredImage",  # Hugo LoveIt and DoIt (Hugo reads keys in any case)
    "coverImage",  # wordpress-export-to-markdown, Next.js' blog starter
    "heroImage",  # Astro's blog template
    "cover",  # Hugo PaperMod, as cover.image; others as text
    "cover_image",  # Zola themes, under [extra]
    "thumbnail",
    "og_image",
    "social_image",
    "social_media_card",  # Zola tabi, under [extra]
    "header_image",
    "index_img",  # Hexo Fluid, the listing picture
    "banner_img",  # Hexo Fluid, the header picture
    "top_img",  # Hexo Butterfly, the header picture (false: none)
    "overlay_image",
    "teaser",
    "banner",  # Zola Duckquill, under [extra]
    "hero",
    "images",  # Hugo's list, which its own Open Graph and schema templates read
    "photos",  # Hexo's list, shown as the post's gallery
)
"""Front matter keys that name the post's image, top-level or under a table.

The tables are Minimal Mistakes' ``header`` (``header.image``, ``header.teaser``...),
Hugo's ``params`` and, in a Zola post, its ``extra``; see `image_addresses`.
"""

SOURCE_URL_KEYS: tuple[str, ...] = (
    "source_url",
    "sourceUrl",
    "source_link",
    "sourceLink",
    "original_url",
    "originalUrl",
)
"""Front matter keys that name the story's source by its address, first found wins.

News sites and feed archives write them; one list for the JSON-LD ``isBasedOn`` and the
rule that looks for a source (NP304).
"""

# Where a mapping under one of IMAGE_KEYS keeps its address: PaperMod's
# "cover: {image: ..., alt: ...}", and the keys the typed fields read.
_MAPPING_ADDRESS_KEYS = ("path", "src", "url", "image", "file")


def _addresses(value: object) -> list[str]:
    """The image addresses in a value: text, a mapping with one, or a list of those."""
    if isinstance(value, str):
        return [value] if value.strip() else []
    if isinstance(value, dict):
        for key in _MAPPING_ADDRESS_KEYS:
            address = value.get(key)
            if isinstance(address, str):
                return [address] if address.strip() else []
        return []
    if isinstance(value, list | tuple):
        return [
            address
            for item in value
            if isinstance(item, str | dict)
            for address in _addresses(item)
        ]
    return []


def _image_entries(
    table: dict[str, Any], caseless: bool, skip: tuple[str, ...] = ()
) -> Iterator[tuple[str, object]]:
    """(key as written, value) of the IMAGE_KEYS in a mapping (but ``skip``), in that order."""
    written: dict[str, str] = {}
    if caseless:
        for written_key in table:
            written.setdefault(written_key.lower(), written_key)
    for name in IMAGE_KEYS:
        if name in skip:
            continue
        key = written.get(name.lower()) if caseless else (name if name in table else None)
        if key is not None:
            yield key, table[key]


# The IMAGE_KEYS that are typed fields: their addresses are the fields' (never in extra).
_IMAGE_FIELDS = ("image", "feature_image")


def image_addresses(
    front_matter: FrontMatter, generator: str | None = None
) -> list[tuple[str, str]]:
    """The post's own images named in its front matter: (key, address) pairs, as written.

    The keys are `IMAGE_KEYS`, read at the top level (``image`` and
    ``feature_image`` through their typed fields), then under Minimal Mistakes'
    ``header``, Hugo's ``params`` and, when ``generator`` is ``"zola"``, Zola's
    ``extra`` table (Zola refuses unknown top-level keys, so themes read
    ``page.extra.image``); a nested key is written dotted (``header.teaser``,
    ``extra.cover_image``). A value is an
    address, a mapping holding one (``path``, ``src``, ``url`` or PaperMod's
    ``image``), or a list of those; blank ones are left out, repeated ones kept.
    Hugo reads keys in any case, so a Hugo post's ``featuredimage`` counts.

    Examples:
        >>> fm = FrontMatter.from_mapping({
        ...     "featured_image": "/a.jpg", "cover": {"image": "/b.jpg", "alt": "B"},
        ...     "header": {"teaser": "/c.jpg"}, "extra": {"banner": "/d.jpg"}})
        >>> image_addresses(fm)
        [('featured_image', '/a.jpg'), ('cover', '/b.jpg'), ('header.teaser', '/c.jpg')]
        >>> image_addresses(fm, "zola")[-1]
        ('extra.banner', '/d.jpg')
    """
    found = [
        (name, address)
        for name in _IMAGE_FIELDS
        for address in _addresses(getattr(front_matter, name))
    ]
    extra = front_matter.extra
    caseless = generator == "hugo"
    for key, value in _image_entries(extra, caseless, _IMAGE_FIELDS):
        found.extend((key, address) for address in _addresses(value))
    for table in ("header", "params", "extra") if generator == "zola" else ("header", "params"):
        mapping = extra.get(table)
        if isinstance(mapping, dict):
            for key, value in _image_entries(mapping, caseless):
                found.extend((f"{table}.{key}", address) for address in _addresses(value))
    return found


def _image(value: object, field: str) -> str | None:
    if isinstance(value, dict):
        for key in _IMAGE_ADDRESS_KEYS:
            address = value.get(key)
            if isinstance(address, str) and address.strip():
                return address
        if any(key in value for key in _IMAGE_ADDRESS_KEYS):
            return None  # the theme's keys, left blank: no image, as the theme reads it
        raise ValueError(f"{field} must be text, or a mapping with a path, src or url")
    if isinstance(value, list | tuple):
        # A list of images (text or mappings, as above): the first is the post's.
        addresses = _addresses(value)
        if addresses:
            return addresses[0]
        if not value:
            return None
    return _text(value, field)


_KNOWN_FIELDS: dict[type[FrontMatter], frozenset[str]] = {}

# The fields whose "before" validators are _text and _string_list.
_TEXT_FIELDS = (
    "title",
    "slug",
    "excerpt",
    "feature_text",
    "layout",
    "permalink",
)
_LIST_FIELDS = ("categories", "tags")
# Which validator `_plain_value` stands in for, by field (one dict lookup per key).
_PLAIN_KINDS = {
    **dict.fromkeys(_TEXT_FIELDS, "text"),
    **dict.fromkeys(_IMAGE_FIELDS, "text"),
    "author": "text",
    **dict.fromkeys(_LIST_FIELDS, "list"),
    "date": "date",
    "published": "bool",
}
_NOT_PLAIN = object()


def _plain_value(name: str, value: object) -> object:
    """What validating ``value`` would store in the field ``name``, for usual values.

    Front matter usually holds text, lists of text, dates, booleans or nothing.
    Returns ``_NOT_PLAIN`` for anything else (or anything wrong), which is left to
    pydantic: the validators below decide, and report the errors.
    """
    kind, value_type = _PLAIN_KINDS.get(name), type(value)
    if kind == "text":
        if value is None or value_type is str:
            return value  # what _text and _coerce_author give back, and str | None keeps
    elif kind == "list":
        if value_type is str:
            return _string_list(value, name)
        if type(value) is list and all(type(item) is str for item in value):
            return list(value)  # what _string_list makes of a list of text: a copy
    elif kind == "date":
        if value_type is dt.date or value_type is dt.datetime:
            return value  # a union member's exact type: kept as it is
        if value is None or value_type is str:
            try:
                return parse_date(value)
            except ValueError:
                return _NOT_PLAIN
    elif kind == "bool" and (value is None or value_type is bool):
        return value
    return _NOT_PLAIN


def _plain_fields(fields: dict[str, Any]) -> dict[str, Any] | None:
    """Every field's `_plain_value`, or None as soon as one is not plain."""
    typed = {}
    for name, value in fields.items():
        plain = _plain_value(name, value)
        if plain is _NOT_PLAIN:
            return None
        typed[name] = plain
    return typed


class FrontMatter(BaseModel):
    """The metadata block at the top of a post.

    Known fields are typed; ``extra`` keeps every other key, in the file's
    order and never sorted, with JSON-compatible values (YAML timestamps there
    become ISO 8601 strings, binary values base64, and the numbers JSON has no
    form for, ``.inf``, ``-.inf`` and ``.nan``, the strings ``"Infinity"``,
    ``"-Infinity"`` and ``"NaN"``). Frozen: make a changed copy with
    `replace`, and `newspost.dumps` rewrites only the changed keys.

    Examples:
        >>> fm = FrontMatter(title="Hello", categories="News Tech")
        >>> fm.categories
        ['News', 'Tech']
        >>> fm.replace(title="Bye").title
        'Bye'
    """

    # Validator built on first use, as Frozen's (model/_base.py).
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    title: str | None = Field(default=None, description="The post's title as written.")
    date: dt.datetime | dt.date | None = Field(
        default=None,
        description=(
            "Publication date: the front matter's (offset kept; a bare date stays a date), "
            "read from the key the generator dates a post by when there is no date key "
            "(Hugo's publishDate or lastmod, Astro's pubDate, pubDatetime or published), "
            "or, failing that, the date in the file's name: Jekyll's YYYY-MM-DD-slug.md, "
            "Hugo's and Zola's YYYY-MM-DD_slug.md, the folder's of an index.md "
            "(YYYY-MM-DD-slug/index.md) or Docusaurus's folders (YYYY/MM/DD/slug.md). "
            "None when the date is one of Eleventy's words (RawText.date_keyword)."
        ),
    )
    slug: str | None = None
    categories: list[str] = Field(
        default_factory=list, description="A string or a list, as a list."
    )
    tags: list[str] = Field(default_factory=list, description="A string or a list, as a list.")
    excerpt: str | None = None
    image: str | None = Field(
        default=None,
        description=(
            "The image's address; of a mapping such as Chirpy's "
            "image: {path: /a.png, alt: ...}, its path (or src, or url, or HPSTR's "
            "feature, teaser or thumb); of a list, its first image's."
        ),
    )
    feature_text: str | None = None
    feature_image: str | None = Field(
        default=None, description="The feature image's address, read as ``image`` is."
    )
    layout: str | None = None
    author: str | list[str] | dict[str, Any] | None = None
    permalink: str | None = None
    published: bool | None = None
    extra: dict[str, Any] = Field(
        default_factory=dict, description="Every other key, in the file's order."
    )

    @field_validator(*_TEXT_FIELDS, mode="before")
    @classmethod
    def _coerce_text(cls, value: object, info: Any) -> str | None:
        return _text(value, info.field_name)

    @field_validator(*_IMAGE_FIELDS, mode="before")
    @classmethod
    def _coerce_image(cls, value: object, info: Any) -> str | None:
        return _image(value, info.field_name)

    @field_validator(*_LIST_FIELDS, mode="before")
    @classmethod
    def _coerce_list(cls, value: object, info: Any) -> list[str]:
        return _string_list(value, info.field_name)

    @field_validator("date", mode="before")
    @classmethod
    def _coerce_date(cls, value: object) -> dt.datetime | dt.date | None:
        return parse_date(value)

    @field_validator("author", mode="before")
    @classmethod
    def _coerce_author(cls, value: object) -> object:
        if isinstance(value, int | float):
            return str(value)
        if isinstance(value, list | tuple):
            return [_text(v, "author") or "" for v in value]
        if isinstance(value, dict):
            return _json_safe(value)
        return value

    @field_validator("extra", mode="before")
    @classmethod
    def _coerce_extra(cls, value: object) -> object:
        return _json_safe(value) if isinstance(value, dict) else value

    @classmethod
    def known_fields(cls) -> tuple[str, ...]:
        """The typed keys, in declaration order (``extra`` excluded)."""
        return tuple(name for name in cls.model_fields if name != "extra")

    @classmethod
    def from_mapping(cls, data: dict[str, Any]) -> FrontMatter:
        """Build front matter from a parsed mapping, splitting known keys from ``extra``.

        Examples:
            >>> FrontMatter.from_mapping({"title": "T", "weight": 3}).extra
            {'weight': 3}
        """
        known = _KNOWN_FIELDS.get(cls)
        if known is None:
            known = _KNOWN_FIELDS[cls] = frozenset(cls.known_fields())
        fields: dict[str, Any] = {}
        extra: dict[str, Any] = {}
        for key, value in data.items():
            name = str(key)
            if name in known:
                fields[name] = value
            else:
                extra[name] = value
        if cls is FrontMatter:  # a subclass may validate differently: no shortcut
            typed = _plain_fields(fields)
            if typed is not None:
                # Every value already is what validation would store (as _coerce_extra
                # does, _json_safe gives extra's), so pydantic's pass over them is skipped.
                return trusted(cls, **typed, extra=_json_safe(extra))
        return cls(**fields, extra=extra)

    def to_mapping(self) -> dict[str, Any]:
        """The keys that are set, known ones first, then ``extra`` in its order."""
        out: dict[str, Any] = {}
        for name in self.known_fields():
            value = getattr(self, name)
            if value is None or (name in ("categories", "tags") and not value):
                continue
            out[name] = value
        out.update(self.extra)
        return out

    def replace(self, **changes: Any) -> FrontMatter:
        """A copy with some fields changed, validated like a new one.

        Unknown keys go into ``extra``; a value of None removes the key.
        """
        data = self.model_dump()
        extra = dict(data.pop("extra"))
        for key, value in changes.items():
            if key in data:
                data[key] = value
            elif value is None:
                extra.pop(key, None)
            else:
                extra[key] = value
        return FrontMatter(**data, extra=extra)
