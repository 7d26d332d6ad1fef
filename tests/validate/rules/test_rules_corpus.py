"""All rules over the real corpus (../shared/corpus): nothing raises, every position is in
the file, and every rule's fixes repair what they claim to without touching anything else."""

from __future__ import annotations

from collections import defaultdict
from itertools import pairwise
from pathlib import Path

import pytest
import yaml

from helpers import CORPUS
from newspost import loads
from newspost.errors import NewsPostError
from newspost.model.post import Post
from newspost.parse import iter_paths, load
from newspost.validate import RULES, Context, Edit, Issue, Options
from rule_support import apply_edits, builtin_rules, run, untouched_outside

pytestmark = pytest.mark.corpus

FOLDERS = [
    "seed",
    "koreanews",
    "opensuse-news",
    "haiku-news",
    "qqq-news",
    "tistory-dump",
    "bitcoinops-cjk",
]


_LOADED: dict[str, list[Post]] = {}


def _posts(corpus: Path, folder: str) -> list[Post]:
    """The posts of a corpus folder that load (loaded once for both tests)."""
    root = corpus / folder
    if not root.is_dir():
        pytest.skip(f"{root} is not there")
    if folder not in _LOADED:
        posts = []
        for path in iter_paths(root):
            try:
                posts.append(load(path))
            except NewsPostError:
                continue  # front matter that does not parse is the engine's NP100, not the rules'
        _LOADED[folder] = posts
    assert _LOADED[folder], f"no post loads in {root}"
    return _LOADED[folder]


@pytest.mark.parametrize("folder", FOLDERS)
def test_rules_run_and_point_into_the_file(corpus: Path, folder: str) -> None:
    for post in _posts(corpus, folder):
        lines = post.raw.text.split("\n")
        for issue in run(post):
            assert issue.line is not None and 1 <= issue.line <= len(lines), (post.path, issue)
            assert issue.column is not None, (post.path, issue)
            assert 1 <= issue.column <= len(lines[issue.line - 1]) + 1, (post.path, issue)


def _overlap(edits: list[Edit]) -> bool:
    ordered = sorted(edits, key=lambda e: (e.start, e.end))
    return any(a.end > b.start for a, b in pairwise(ordered))


@pytest.mark.parametrize("folder", FOLDERS)
def test_fixes_repair_the_corpus(corpus: Path, folder: str) -> None:
    """Each post's fixes, all rules' at once where they do not overlap (else rule by rule),
    leave the bytes outside their spans alone and leave no fixable finding behind."""
    rules = builtin_rules()
    for post in _posts(corpus, folder):
        by_rule: dict[str, list[Edit]] = defaultdict(list)
        for issue in run(post):
            if issue.fix is not None:
                by_rule[issue.code].extend(issue.fix.edits)
        if not by_rule:
            continue
        everything = [edit for edits in by_rule.values() for edit in edits]
        batches = (
            [(sorted(by_rule), everything)]
            if not _overlap(everything)
            else [([code], edits) for code, edits in by_rule.items()]
        )
        for codes, edits in batches:
            fixed = apply_edits(post.raw.text, edits)
            assert untouched_outside(post.raw.text, fixed, edits), (post.path, codes)
            again = loads(fixed, path=post.path)
            ctx = Context(again, Options())
            left: list[Issue] = [i for code in codes for i in rules[code].check(ctx) if i.fixable]
            assert left == [], (post.path, codes, [i.message for i in left])


PLANTED = yaml.safe_load((Path(__file__).parent / "planted.yml").read_text("utf-8"))


def _sample(posts: list[Post]) -> list[Post]:
    # Two posts per folder, the shortest and one from the short quarter: each folder's
    # own shape, while staying quick (the full sweep over every post is in the report).
    by_length = sorted(posts, key=lambda post: len(post.raw.text))
    return [by_length[0], by_length[len(by_length) // 4]] if len(posts) > 1 else posts


@pytest.mark.parametrize("folder", FOLDERS)
def test_planted_body_faults_are_found_at_their_line(corpus: Path, folder: str) -> None:
    for post in _sample(_posts(corpus, folder)):
        text, start = post.raw.text, post.raw.body_start
        for code, fault in PLANTED["body"].items():
            after_front = text[:start] + "\n" + fault + "\n\n" + text[start:]
            at_end = text.rstrip("\n") + "\n\n" + fault + "\n"
            for planted, line in (
                (after_front, text.count("\n", 0, start) + 2),
                (at_end, text.rstrip("\n").count("\n") + 3),
            ):
                found = [
                    i.line
                    for i in RULES[code].check(Context(loads(planted, path=post.path), Options()))
                ]
                assert line in found, (post.path, code, line, found)


@pytest.mark.parametrize("folder", FOLDERS)
def test_planted_front_matter_faults_are_found_at_their_line(corpus: Path, folder: str) -> None:
    for post in _sample(_posts(corpus, folder)):
        raw = post.raw
        if raw.format != "yaml":
            continue
        for code, entry in PLANTED["front_matter"].items():
            if entry.split(":", 1)[0] in raw.key_lines:
                continue
            newline = "\r\n" if "\r\n" in raw.front_matter_text else "\n"
            planted = (
                raw.text[: raw.front_matter_end]
                + entry
                + newline
                + raw.text[raw.front_matter_end :]
            )
            line = raw.text.count("\n", 0, raw.front_matter_end) + 1
            found = [
                i.line
                for i in RULES[code].check(Context(loads(planted, path=post.path), Options()))
            ]
            assert line in found, (post.path, code, line, found)


def test_corpus_fixture_skips_cleanly_without_the_corpus() -> None:
    # The corpus sits beside the project; where it is not, the tests above skip with the reason.
    assert CORPUS.name == "corpus" and CORPUS.parent.name == "shared"
