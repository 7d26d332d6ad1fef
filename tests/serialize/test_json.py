"""The json format: the model's JSON, read back exactly."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest

from helpers import BROKEN_FRONT_MATTER, ROOT, corpus_files
from newspost import FormatError, Post, ReadError, dumps, load, loads
from newspost.parse import iter_paths
from newspost.serialize import load_json, loads_json


def test_json_is_the_models_json(seed_path: Path) -> None:
    post = load(seed_path)
    text = dumps(post, format="json")
    assert text == post.model_dump_json()
    data = json.loads(text)
    assert data["front_matter"]["categories"] == ["News"]
    assert data["sections"][3]["blocks"][1]["kind"] == "table"
    assert json.loads(dumps(post, format="json", indent=2)) == data


def test_examples_round_trip_exactly_and_losslessly() -> None:
    for path in iter_paths(ROOT / "examples"):
        post = load(path)
        back = loads_json(dumps(post, format="json"))
        assert back == post, path
        assert dumps(back).encode("utf-8") == path.read_bytes(), path  # still the same file


@pytest.mark.corpus
def test_every_corpus_post_round_trips(corpus: Path) -> None:
    checked = 0
    for path in corpus_files():
        if path.name in BROKEN_FRONT_MATTER:
            continue
        post = load(path)
        assert loads_json(dumps(post, format="json")) == post, path
        checked += 1
    assert checked >= 390


def test_load_json_reads_paths_bytes_and_file_objects(tmp_path: Path, seed_path: Path) -> None:
    post = load(seed_path)
    target = tmp_path / "seed.json"
    target.write_text(dumps(post, format="json"), encoding="utf-8")
    assert load_json(target) == post
    assert load_json(str(target)) == post
    assert load_json(target.read_bytes()) == post
    assert load_json(io.StringIO(target.read_text(encoding="utf-8"))) == post
    with target.open("rb") as handle:
        assert load_json(handle) == post


def test_not_json_is_a_format_error_with_its_position() -> None:
    with pytest.raises(FormatError) as info:
        loads_json('{\n  "path": nope\n}', path="post.json")
    error = info.value
    assert error.message.startswith("not JSON") and (error.line, error.column) == (2, 11)
    assert error.path == "post.json" and error.hint and "newspost schema" in error.hint
    assert error.__cause__ is not None


def test_other_json_is_a_format_error_naming_the_field(seed_path: Path) -> None:
    data = json.loads(dumps(load(seed_path), format="json"))
    data["sections"][0]["level"] = 9
    with pytest.raises(FormatError, match=r"not the JSON of a post: sections\.0\.level"):
        loads_json(json.dumps(data))
    data["sections"][0]["level"] = 2
    data["lead"][0]["kind"] = "video"
    with pytest.raises(FormatError, match=r"lead\.0"):
        loads_json(json.dumps(data))
    with pytest.raises(FormatError, match=r"the top level|Input should be"):
        loads_json("[]")


def test_missing_file_is_a_read_error(tmp_path: Path) -> None:
    with pytest.raises(ReadError) as info:
        load_json(tmp_path / "missing.json")
    assert info.value.path is not None and info.value.path.endswith("missing.json")


def test_json_keeps_every_front_matter_type() -> None:
    text = (
        "---\ntitle: T\ndate: 2024-06-12 10:00:00 +0900\nupdated: 2024-06-13\n"
        "author: {name: Kim, url: 'https://x.kr'}\nweight: 3\nratio: 0.5\ndraft: false\n"
        "nested: {a: [1, 2, {b: null}]}\n---\nBody\n"
    )
    post = Post.model_validate_json(dumps(load(text.encode()), format="json"))
    assert loads_json(dumps(post, format="json")) == post
    date = post.front_matter.date
    assert isinstance(date, dt.datetime) and date.utcoffset() == dt.timedelta(hours=9)
    assert post.front_matter.extra["nested"] == {"a": [1, 2, {"b": None}]}


def _strict_json(text: str) -> object:
    """``text`` read as JSON proper: Python's reader would take NaN and Infinity too."""

    def refuse(constant: str) -> object:
        raise AssertionError(f"{constant} is no JSON")

    return json.loads(text, parse_constant=refuse)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "---\nw: .inf\nx: -.Inf\ny: .NaN\nz: +.INF\n---\n",
            ["Infinity", "-Infinity", "NaN", "Infinity"],
        ),
        (
            "+++\nw = inf\nx = -inf\ny = nan\nz = +inf\n+++\n",
            ["Infinity", "-Infinity", "NaN", "Infinity"],
        ),
        (
            '{"w": Infinity, "x": -Infinity, "y": NaN, "z": 1.5}\n',
            ["Infinity", "-Infinity", "NaN", 1.5],
        ),
    ],
    ids=["yaml", "toml", "json"],
)
def test_numbers_json_has_no_form_for_are_strings_never_null(
    text: str, expected: list[object]
) -> None:
    post = loads(text)
    assert list(post.front_matter.extra.values()) == expected
    written = dumps(post, format="json")
    assert list(_strict_json(written)["front_matter"]["extra"].values()) == expected  # type: ignore[index]
    back = loads_json(written)
    assert back == post  # NaN never equals itself: as a float it could not round-trip
    assert dumps(back) == text  # the file keeps .inf as it was written


def test_numbers_json_has_no_form_for_inside_lists_and_mappings() -> None:
    post = loads("---\nratios: [1.5, .nan]\nlimits: {low: -.inf, high: .inf}\n---\nBody\n")
    data = _strict_json(dumps(post, format="json", indent=2))
    assert data["front_matter"]["extra"] == {  # type: ignore[index]
        "ratios": [1.5, "NaN"],
        "limits": {"low": "-Infinity", "high": "Infinity"},
    }


def test_an_infinite_value_set_by_an_edit_is_a_string_too() -> None:
    post = loads("---\ntitle: T\n---\nBody\n").with_front_matter(weight=float("-inf"))
    assert post.front_matter.extra == {"weight": "-Infinity"}
    assert _strict_json(dumps(post, format="json"))
    assert loads(dumps(post)).front_matter == post.front_matter


def test_newspost_convert_writes_infinity_as_a_string(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from newspost.cli import main

    path = tmp_path / "post.md"
    path.write_text("---\ntitle: T\nweight: .inf\n---\nBody\n", encoding="utf-8")
    assert main(["convert", str(path), "--to", "json"]) == 0
    data = _strict_json(capsys.readouterr().out)
    assert data["front_matter"]["extra"] == {"weight": "Infinity"}  # type: ignore[index]
