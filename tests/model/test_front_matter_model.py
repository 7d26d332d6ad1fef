"""``FrontMatter.from_mapping``'s shortcut past pydantic builds what validation builds."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from newspost.model.front_matter import FrontMatter, image_addresses


class _Validated(FrontMatter):
    """A subclass: `from_mapping` takes no shortcut for it, so pydantic validates every value."""


_NINE = dt.timezone(dt.timedelta(hours=9))
_VALUES = [
    None,
    "",
    "Plain text",
    "News Tech",
    "a, b ,c",
    "2024-06-12",
    "2024-06-12 10:00:00 +0900",
    "2024-06-12 10:00:00 +0900 KST",
    "Wed, 12 Jun 2024 10:00:00 +0900",
    "2024-13-45",
    "not a date",
    "yes",
    True,
    False,
    0,
    3,
    1.5,
    dt.date(2024, 6, 12),
    dt.datetime(2024, 6, 12, 10, 0),
    dt.datetime(2024, 6, 12, 10, 0, tzinfo=_NINE),
    dt.time(10, 0),
    b"bytes",
    [],
    ["News", "속보"],
    ["a", None, 1, True],
    ["a", ["nested"]],
    ("a", "b"),
    {"name": "Kim", "n": 1},
    {"path": "/a.png", "alt": "A"},
    {"alt": "A", "src": 3},
    {1: dt.date(2024, 1, 1)},
    {"a", "b"},
]
_KEYS = [*FrontMatter.known_fields(), "weight", "draft", "lang", "1"]


def _typed(model: FrontMatter) -> Any:
    """A model's stored values with their exact types, deeply, and the fields set."""

    def exact(value: Any) -> Any:
        if isinstance(value, dict):
            return ("dict", [(exact(k), exact(v)) for k, v in value.items()])
        if isinstance(value, list | tuple):
            return (type(value).__name__, [exact(v) for v in value])
        return (type(value).__name__, value, getattr(value, "tzinfo", None))

    return exact(dict(vars(model))), model.model_fields_set


def _both(data: dict[str, Any]) -> tuple[Any, Any]:
    results = []
    for cls in (FrontMatter, _Validated):
        try:
            results.append(_typed(cls.from_mapping(data)))
        except ValidationError as exc:
            results.append([(e["type"], e["loc"], e["msg"]) for e in exc.errors()])
    return results[0], results[1]


def test_shortcut_stores_what_validation_stores_for_every_key_and_value() -> None:
    for key in _KEYS:
        for value in _VALUES:
            shortcut, validated = _both({key: value})
            assert shortcut == validated, (key, value)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(_KEYS), st.sampled_from(_VALUES), max_size=8))
def test_shortcut_stores_what_validation_stores_for_mixes(data: dict[str, Any]) -> None:
    shortcut, validated = _both(data)
    assert shortcut == validated


@pytest.mark.parametrize(
    "data",
    [
        {"title": "T", "categories": ["News"], "date": "2024-06-12", "weight": 3},
        {"date": "2024-06-12 10:00:00 +0900", "tags": "a b", "published": True},
        {"date": "nonsense"},
        {"published": "yes"},
        {"author": ["Kim", "Lee"], "extra": 1},
    ],
)
def test_shortcut_examples(data: dict[str, Any]) -> None:
    shortcut, validated = _both(data)
    assert shortcut == validated


def test_shortcut_model_is_a_normal_frozen_model() -> None:
    model = FrontMatter.from_mapping({"title": "T", "tags": ["a"], "weight": 3})
    assert model == FrontMatter(title="T", tags=["a"], extra={"weight": 3})
    assert FrontMatter.model_validate_json(model.model_dump_json()) == model
    with pytest.raises(ValidationError, match="frozen"):
        model.title = "U"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("value", "address"),
    [
        (
            {"path": "/assets/a.png", "lqip": "data:image/webp;base64,UklG", "alt": "A"},
            "/assets/a.png",
        ),
        ({"src": "https://x.org/a.png", "alt": "A"}, "https://x.org/a.png"),
        ({"url": "/a.png"}, "/a.png"),
        ("/a.png", "/a.png"),
        # HPSTR and So Simple (Jekyll): the header image, and the template's blanks.
        ({"feature": "abstract-5.jpg", "credit": None, "creditlink": None}, "abstract-5.jpg"),
        ({"feature": None, "teaser": "/2014/03/sync.jpg", "thumb": None}, "/2014/03/sync.jpg"),
        ({"feature": None, "teaser": None}, None),
        ({"path": "", "src": "/b.png"}, "/b.png"),
        (["/a.png", "/b.png"], "/a.png"),
        ([{"src": "/a.png", "alt": "A"}], "/a.png"),
        # CoFH's docs (Jekyll): a list of {alt, file} mappings.
        (
            [{"alt": "Transmission coil", "file": "te/augment-dynamo-power.png"}],
            "te/augment-dynamo-power.png",
        ),
        ([], None),
    ],
)
def test_an_image_mapping_gives_its_address(value: object, address: str | None) -> None:
    assert FrontMatter.from_mapping({"image": value}).image == address
    assert FrontMatter.from_mapping({"feature_image": value}).feature_image == address


def test_an_image_mapping_without_an_address_is_an_error() -> None:
    with pytest.raises(ValidationError, match="path, src or url"):
        FrontMatter.from_mapping({"image": {"alt": "A"}})
    with pytest.raises(ValidationError, match="not a list"):
        FrontMatter.from_mapping({"image": [{"alt": "A", "caption": "a.png"}]})


_KST = dt.timezone(dt.timedelta(hours=9))


@pytest.mark.parametrize(
    ("text", "date"),
    [
        # Go's time.String(), which Hugo reads
        ("2024-06-12 10:00:00 +0900 KST", dt.datetime(2024, 6, 12, 10, tzinfo=_KST)),
        ("2021-05-05 10:00:00 +0000 UTC", dt.datetime(2021, 5, 5, 10, tzinfo=dt.timezone.utc)),
        # RFC 2822, from feeds
        ("Wed, 12 Jun 2024 10:00:00 +0900", dt.datetime(2024, 6, 12, 10, tzinfo=_KST)),
        ("12 Jun 2024 10:00 GMT", dt.datetime(2024, 6, 12, 10, tzinfo=dt.timezone.utc)),
        ("Tue, 05 May 2021 10:00:00 -0000", dt.datetime(2021, 5, 5, 10)),  # zone unknown
        # Hexo's documented form, which Jekyll (Ruby's Time.parse) reads too
        ("2013/7/13 20:46:25", dt.datetime(2013, 7, 13, 20, 46, 25)),
        ("2013/07/13", dt.date(2013, 7, 13)),
        # The month's English name, as JavaScript's new Date() (Astro's z.coerce.date()),
        # Ruby's Time.parse (Jekyll), Go (Hugo's "02 Jan 2006") and Pelican read it
        ("Jul 08 2022", dt.date(2022, 7, 8)),  # Astro's blog template
        ("July 8, 2022", dt.date(2022, 7, 8)),
        ("May 5, 2021", dt.date(2021, 5, 5)),
        ("19 June 2024", dt.date(2024, 6, 19)),
        ("Sept 3, 2024", dt.date(2024, 9, 3)),
        ("Jun 19, 2024 10:00", dt.datetime(2024, 6, 19, 10)),
        ("June 19, 2024 12:30 AM", dt.datetime(2024, 6, 19, 0, 30)),
        ("June 19, 2024 1:05 p.m.", dt.datetime(2024, 6, 19, 13, 5)),
        ("Jun 19 2024 10:00:00 UTC", dt.datetime(2024, 6, 19, 10, tzinfo=dt.timezone.utc)),
        (  # JavaScript's Date.prototype.toString(), pasted
            "Wed Jun 19 2024 10:00:00 GMT+0900 (Korean Standard Time)",
            dt.datetime(2024, 6, 19, 10, tzinfo=_KST),
        ),
    ],
)
def test_dates_hugo_and_jekyll_also_read(text: str, date: dt.date) -> None:
    parsed = FrontMatter.from_mapping({"date": text}).date
    assert parsed == date and getattr(parsed, "tzinfo", None) == getattr(date, "tzinfo", None)


@pytest.mark.parametrize(
    "text",
    [
        "2021-05-05 UTC",
        "May 2021",  # no day
        "June 19th, 2024",  # JavaScript's Date and Go refuse the ordinal
        "Feb 30 2024",
        "Jun 19 2024 13:00 PM",
        "Wed, 31 Feb 2024 10:00:00 +0900",
        "12 Foo 2024 10:00 GMT",
        "2013/7-13",
    ],
)
def test_other_date_texts_are_still_not_dates(text: str) -> None:
    with pytest.raises(ValidationError, match="is not a date"):
        FrontMatter.from_mapping({"date": text})


@pytest.mark.parametrize("field", ["categories", "tags"])
def test_hexo_hierarchies_read_as_their_words_once(field: str) -> None:
    value = [["Diary", "PlayStation"], ["Diary", "Games"], "Life"]
    assert getattr(FrontMatter.from_mapping({field: value}), field) == [
        "Diary",
        "PlayStation",
        "Games",
        "Life",
    ]
    with pytest.raises(ValidationError, match="found a nested dict"):
        FrontMatter.from_mapping({field: [{"name": "x"}]})


def test_image_addresses_read_every_image_key_in_order() -> None:
    fm = FrontMatter.from_mapping(
        {
            "images": ["/c.jpg", {"src": "/d.jpg", "alt": "D"}, "", 3],
            "cover": {"image": "/b.jpg", "caption": "https://example.com/credit"},
            "image": {"path": "/a.jpg", "alt": "A"},
            "hero": True,
            "header": {"teaser": "/t.jpg", "caption": "/not-an-image-key.jpg"},
            "params": {"og_image": "/o.jpg"},
            "author": {"image": "/avatar.jpg"},
        }
    )
    assert image_addresses(fm) == [
        ("image", "/a.jpg"),
        ("cover", "/b.jpg"),
        ("images", "/c.jpg"),
        ("images", "/d.jpg"),
        ("header.teaser", "/t.jpg"),
        ("params.og_image", "/o.jpg"),
    ]


def test_image_addresses_read_a_hugo_posts_keys_in_any_case() -> None:
    fm = FrontMatter.from_mapping({"featuredImage": "/a.jpg", "Thumbnail": "/b.jpg"})
    assert image_addresses(fm, "hugo") == [("featuredImage", "/a.jpg"), ("Thumbnail", "/b.jpg")]
    assert image_addresses(fm, "jekyll") == [("featuredImage", "/a.jpg")]  # Jekyll's are exact
