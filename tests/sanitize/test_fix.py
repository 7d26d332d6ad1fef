"""The fix engine: rule fixes, front matter repairs and the policy, applied losslessly.

Every byte outside the repaired spans stays, line breaks and a BOM stay, and fixing
a fixed post changes nothing: on built examples, the seed, and every corpus post.
"""

from __future__ import annotations

import difflib
import os
import re
import shutil
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

import pytest

from helpers import BROKEN_FRONT_MATTER, CORPUS, FIXTURES
from newspost import FrontMatterError, PolicyError, ReadError, dumps, load, loads
from newspost.errors import EncodingError
from newspost.sanitize import (
    SANITIZE,
    AppliedFix,
    FixResult,
    fix_file,
    fix_paths,
    fix_post,
    fix_text,
)
from newspost.sanitize._fix import _Run
from newspost.validate import Config, Edit, check_file, validate

SEED = FIXTURES / "seed.md"
SEED_CODES = {"NP106", "NP206", "NP301", "NP303"}  # what the seed was chosen for, all fixable
_BARE_LF = re.compile(r"(?<!\r)\n")


# -- helpers ---------------------------------------------------------------------------------


def changed_regions(old: str, new: str) -> Iterator[tuple[int, int]]:
    """The spans of ``old`` that differ in ``new``: lines first, then characters within them
    (a character-level diff of a whole long post would take minutes)."""
    lines_old, lines_new = old.splitlines(keepends=True), new.splitlines(keepends=True)
    starts = [0]
    for line in lines_old:
        starts.append(starts[-1] + len(line))
    matcher = difflib.SequenceMatcher(None, lines_old, lines_new)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        a, b = "".join(lines_old[i1:i2]), "".join(lines_new[j1:j2])
        inner = difflib.SequenceMatcher(None, a, b, autojunk=False)
        for tag2, k1, k2, _, _ in inner.get_opcodes():
            if tag2 != "equal":
                yield starts[i1] + k1, starts[i1] + k2


def assert_only_fixed_spans_changed(result: FixResult) -> None:
    """Every changed region of the original overlaps (or touches) an applied fix's span."""
    for start, end in changed_regions(result.original, result.text):
        assert any(fix.start <= end and start <= fix.end for fix in result.fixes), (
            result.path,
            start,
            end,
            result.original[max(0, start - 40) : end + 40],
        )


def errors(path: str | Path) -> list[str]:
    """The codes of a file's error findings (NP100 included: a post that does not load)."""
    return [issue.code for issue in check_file(path).issues if issue.severity == "error"]


def assert_never_worse(before: str | Path, after: str | Path) -> None:
    """A fix may leave errors, never add one: the fixed file has no more errors than before."""
    old, new = errors(before), errors(after)
    assert len(new) <= len(old), (str(after), old, new)


def line_breaks(text: str) -> Counter[str]:
    return Counter(re.findall(r"\r\n|\r|\n", text))


def assert_line_breaks_kept(before: str, after: str) -> None:
    """A file with one kind of line break keeps it; a mixed one gains no new kind."""
    kinds, kept = set(line_breaks(before)), set(line_breaks(after))
    assert kept <= kinds or not kinds, (kinds, kept)


def title_words_kept(broken: str, fixed_title: str) -> float:
    """The share of the broken title entry's words (over all its lines) in the fixed title."""
    lines = broken.lstrip("\ufeff").splitlines()[1:]
    entry: list[str] = []
    for line in lines:
        if entry and (re.match(r"^[A-Za-z_][\w.-]*\s*:", line) or line.strip() == "---"):
            break
        if entry or line.startswith("title:"):
            entry.append(line)
    words = Counter(" ".join(entry).removeprefix("title:").split())
    found = Counter(fixed_title.split())
    return sum((words & found).values()) / max(1, sum(words.values()))


# -- the seed --------------------------------------------------------------------------------


@pytest.mark.parametrize("sanitize", [True, False], ids=["policy", "rules-only"])
def test_seed_loses_its_faults(sanitize: bool) -> None:
    result = fix_text(SEED.read_text("utf-8"), path="seed.md", sanitize=sanitize)
    text = result.text
    assert result.ok and result.changed
    assert "dofollow" not in text
    assert not re.search(r"(?:href|src)=[\"']?httpss", text)
    # The one httpss left is visible text (a link whose text is its own misspelt URL, NP307,
    # which has no fix): no URL holds it any more.
    assert text.count("httpss") == 1 and ">httpss://newsdao.kr</a>" in text
    post = loads(text, path="seed.md")
    assert (
        post.front_matter.title == "디지털정부협력에 관한 양해각서 체결 서명 즉시 발효 행정안전부"
    )
    assert "<th" in text and '<td style="text-align: center; height: 17px;"><b>' not in text
    assert [table.header_source for table in post.tables] == ["th"]  # it was "bold"
    left = {issue.code for issue in validate(post).issues}
    assert not left & SEED_CODES
    lines = sorted((fix.code, fix.line) for fix in result.fixes if fix.code in ("NP301", "NP303"))
    assert lines == [("NP301", 16), ("NP301", 44), ("NP303", 16), ("NP303", 44)]
    if not sanitize:
        assert_only_fixed_spans_changed(result)
        assert {fix.code for fix in result.fixes} == SEED_CODES
        assert 'data-ke-size="size16"' in text  # the policy's work, not the rules'
    else:
        assert "data-ke-size" not in text and SANITIZE in result.counts


HOSTILE_LINKS = [
    "See [the report](javascript:alert(1)) now.",
    'See [the report](javascript:alert(1) "title") now.',
    "See [the report](<javascript:alert(1)>) now.",
    "See **[the report](vbscript:x)** and *[more [words]](JaVaScRiPt:x)*.",
    "See ![the chart](javascript:alert(1)) now.",
    "See [![the chart](/chart.png)](javascript:alert(1)) now.",
    "See [the report][r] and [r] and [r][].\n\n[r]: javascript:alert(1) 'title'",
    "See [a [b](javascript:x) c](javascript:y) now.",
    "[# not a heading](javascript:x) and [1. nor a list](javascript:x)",
    '<p>See <a href="javascript:alert(1)">the report</a> now.</p>',
]


@pytest.mark.parametrize("body", HOSTILE_LINKS)
def test_a_dangerous_link_becomes_its_text_and_the_post_checks_no_worse(
    body: str, tmp_path: Path
) -> None:
    before = tmp_path / "2024-06-12-before.md"
    before.write_text(f"---\ntitle: A title\ndate: 2024-06-12\n---\n{body}\n", "utf-8")
    result = fix_text(before.read_text("utf-8"), path=str(before))
    after = tmp_path / "2024-06-12-after.md"
    after.write_text(result.text, "utf-8")
    assert_never_worse(before, after)
    assert "NP505" in errors(before)
    assert not {"NP302", "NP505"} & set(errors(after))
    text = loads(result.text).body
    assert "script:" not in text.lower() and "[r]" not in text and "#)" not in text
    assert "the report" in text or "the chart" in text or "not a heading" in text or "b c" in text
    assert not fix_text(result.text, path=str(after)).changed


def test_fixing_twice_changes_nothing() -> None:
    once = fix_text(SEED.read_text("utf-8"), path="seed.md")
    twice = fix_text(once.text, path="seed.md")
    assert not twice.changed and twice.fixes == []


def test_nothing_to_fix_gives_the_text_back() -> None:
    text = "---\ntitle: Hello\n---\nPlain text.\n"
    result = fix_text(text)
    assert result.text == text
    assert not result.changed and result.fixes == [] and result.ok and result.diff() == ""


def test_hugo_shortcode_calls_without_spaces_are_kept() -> None:
    # Their "<" was taken for a tag's: the policy dropped "<youtube id>" and the
    # figure's src, leaving "{{}}" and "{{<figure>}}", and escaped "{{</*".
    text = (
        "+++\ntitle = 'Flood'\n+++\n"
        "Watch {{<youtube w7Ft2ymGmfc>}} here.\n\n"
        '{{<figure src="/img/a.jpg" caption="Water on Main Street">}}\n\n'
        "Write {{</* youtube id */>}} to embed one. <b onclick=x>Bold</b>\n"
    )
    result = fix_text(text, path="content/posts/flood.md")
    assert result.text == text.replace("<b onclick=x>", "<b>")


def test_the_line_break_after_pre_is_kept() -> None:
    # A Blogger export (affy.blogspot.com, 2003): HTML parsers drop the break
    # after <pre>, and fix rewrote every such block for no visible change.
    text = (
        "---\ntitle: Toggling Background Color\n---\n\n<pre>\n"
        '&lt;script language="javascript"&gt;\n  function toggleRowColor(cb, row) {\n'
        "}\n&lt;/script&gt;\n</pre>\n\nSee <b onclick=x>this</b>.\n"
    )
    result = fix_text(text, path="_posts/2003-01-10-toggling.md")
    assert result.text == text.replace("<b onclick=x>", "<b>")


def test_the_slash_of_void_elements_is_kept() -> None:
    # A Blogger export (academicpages, 2013-10-22-well-that-went-quickly.html) and a
    # Markdown post: fix rewrote every <br /> and <img ... /> to <br> and <img ...>.
    html = (
        "---\ntitle: Well that went quickly...\n---\n\n"
        'Long story short - things went well:&nbsp;<a href="https://code.google.com/p/bpipe/">'
        "bpipe</a><br /><br />I'd intended to document it.<br/><hr />\n"
    )
    assert not fix_text(html, path="_posts/2013-10-22-well-that-went-quickly.html").changed
    markdown = (
        "---\ntitle: T\n---\nLine one<br />\n"
        'Line two <img src="/a.png" alt="a > b" onerror="x()" /> end.\n'
    )
    result = fix_text(markdown, path="_posts/2020-01-01-t.md")
    assert result.text == markdown.replace(' onerror="x()"', "").replace("a > b", "a &gt; b")


def test_fix_post_is_fix_text_of_its_text() -> None:
    post = load(SEED)
    assert fix_post(post).text == fix_text(post.raw.text, path=str(SEED)).text


def test_bytes_are_decoded_and_bad_bytes_reported() -> None:
    assert fix_text(SEED.read_bytes(), path="seed.md").changed
    result = fix_text(b"---\ntitle: \xc7\xd1\n---\n", path="cp949.md")
    assert isinstance(result.error, EncodingError) and result.text == ""


# -- front matter that does not parse (NP100) ------------------------------------------------


@pytest.mark.parametrize("name", ["2024-06-27-433.md", "2024-07-08-1543.md", "2024-07-30-4336.md"])
def test_broken_front_matter_is_repaired_with_its_words(name: str) -> None:
    broken = (FIXTURES / name).read_text("utf-8")
    with pytest.raises(FrontMatterError):
        loads(broken)
    result = fix_text(broken, path=name, sanitize=False)
    assert result.ok, result.error
    assert result.fixes[0].code == "NP100" and result.fixes[0].line == 2
    title = loads(result.text).front_matter.title
    assert title is not None and title_words_kept(broken, title) >= 0.9
    assert_only_fixed_spans_changed(result)


def test_front_matter_repair_then_the_rules_on_the_repaired_title() -> None:
    # NP106 can only see the title once NP100's repair lets the post load: a second pass.
    result = fix_text("---\ntitle: [속보] 지진  발생\n---\nBody\n", sanitize=False)
    assert result.text == '---\ntitle: "[속보] 지진 발생"\n---\nBody\n'
    assert [(fix.code, fix.line) for fix in result.fixes] == [("NP100", 2), ("NP106", 2)]


def test_front_matter_without_a_safe_repair_is_left_alone() -> None:
    text = "---\ntitle: 'unclosed\nlayout: post\n---\nBody <a rel='dofollow'>x</a>\n"
    result = fix_text(text, path="post.md")
    assert isinstance(result.error, FrontMatterError)
    assert result.error.path == "post.md" and result.error.line is not None
    assert result.text == text and not result.changed and result.fixes == []


def test_front_matter_repair_follows_the_selection() -> None:
    text = "---\ntitle: [속보] 지진\n---\nBody\n"
    result = fix_text(text, config=Config(ignore=["NP100"]))
    assert isinstance(result.error, FrontMatterError) and not result.changed
    assert fix_text(text, config=Config(select=["NP100"])).ok


def test_check_shows_np100_as_fixable_with_the_repair_spans() -> None:
    from newspost.parse.recover import recover_front_matter

    path = FIXTURES / "2024-07-30-4336.md"
    (issue,) = check_file(path).issues
    assert issue.code == "NP100" and issue.fixable and issue.fix is not None
    repairs = recover_front_matter(path.read_bytes().decode("utf-8")) or []
    assert [(e.start, e.end, e.replacement) for e in issue.fix.edits] == [
        (r.start, r.end, r.replacement) for r in repairs
    ]


def test_check_does_not_call_unrepairable_front_matter_fixable(tmp_path: Path) -> None:
    post = tmp_path / "post.md"
    post.write_text("---\ntitle: 'unclosed\n---\nBody\n", "utf-8")
    (issue,) = check_file(post).issues
    assert issue.code == "NP100" and not issue.fixable and issue.fix is None


# -- the original bytes: line breaks, BOM, spans ---------------------------------------------

CRLF_POST = (
    "---\r\ntitle: A  B\r\n---\r\n"
    '<p data-ke-size="size16">Hi <a href="httpss://a.kr" rel="dofollow">a</a></p>\r\n'
    "<p>&nbsp;</p>\r\n\r\n<table>\r\n<tr><td><b>H</b></td><td><b>I</b></td></tr>\r\n"
    "<tr><td>1</td><td>2</td></tr>\r\n</table>\r\n\r\n"
    "도착 시간을 확인해 보세요.  출발 | 도착\r\n---|---\r\n10:45 | 13:22\r\n"
)


@pytest.mark.parametrize("sanitize", [True, False], ids=["policy", "rules-only"])
def test_crlf_stays_crlf(sanitize: bool) -> None:
    result = fix_text(CRLF_POST, path="crlf.md", sanitize=sanitize)
    codes = set(result.counts)
    # NP214 puts the table on a line of its own: its new line breaks are CRLF too.
    assert {"NP106", "NP205", "NP206", "NP214", "NP301", "NP303"} <= codes
    assert _BARE_LF.search(result.text) is None
    assert not fix_text(result.text, path="crlf.md", sanitize=sanitize).changed


def test_crlf_fixture_stays_crlf() -> None:
    text = (FIXTURES / "2023-05-21-crlf.md").read_bytes().decode("utf-8")
    result = fix_text(text, path="2023-05-21-crlf.md")
    assert result.ok and _BARE_LF.search(result.text) is None


def test_mixed_line_breaks_keep_each_line_as_it_was() -> None:
    text = "---\ntitle: A  B\n---\r\n<p>x <a rel='dofollow' href='httpss://a.kr'>a</a></p>\r\n"
    result = fix_text(text, sanitize=False)
    assert result.text == "---\ntitle: A B\n---\r\n<p>x <a href='https://a.kr'>a</a></p>\r\n"


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_bom_is_kept(tmp_path: Path, newline: str) -> None:
    path = tmp_path / "bom.md"
    path.write_bytes(("\ufeff" + SEED.read_text("utf-8")).replace("\n", newline).encode("utf-8"))
    result = fix_file(path)
    assert result.written
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf---") and b"dofollow" not in data
    assert data.count(b"\xef\xbb\xbf") == 1
    if newline == "\r\n":
        assert _BARE_LF.search(data.decode("utf-8")) is None


def test_applied_fixes_point_into_the_original() -> None:
    text = SEED.read_text("utf-8")
    result = fix_text(text, sanitize=False)
    for fix in result.fixes:
        assert 0 <= fix.start <= fix.end <= len(text)
        assert fix.line == text.count("\n", 0, fix.start) + 1
    (title,) = [fix for fix in result.fixes if fix.code == "NP106"]
    assert text[title.start : title.end] == "  "


# -- overlapping edits -----------------------------------------------------------------------


def _edit(start: int, end: int, replacement: str) -> Edit:
    return Edit(start=start, end=end, replacement=replacement)


def test_of_two_overlapping_fixes_the_first_is_kept() -> None:
    run = _Run("abcdefgh")
    applied = run.apply(
        [
            ("NP901", "first", [_edit(1, 3, "X")]),
            ("NP902", "overlaps the first", [_edit(2, 5, "Y")]),
            ("NP903", "elsewhere", [_edit(6, 7, "Z")]),
            ("NP904", "an insertion at the first's edge", [_edit(3, 3, "!")]),
        ]
    )
    assert applied and run.text == "aXdefZh"
    assert [fix.code for fix in run.fixes] == ["NP901", "NP903"]


def test_a_fix_is_all_or_nothing_and_no_ops_are_not_fixes() -> None:
    run = _Run("abcdefgh")
    run.apply(
        [
            ("NP901", "first", [_edit(0, 1, "A")]),
            ("NP902", "half overlaps", [_edit(0, 1, "B"), _edit(5, 6, "F")]),
            ("NP903", "changes nothing", [_edit(2, 3, "c")]),
            ("NP904", "out of range", [_edit(7, 99, "")]),
        ]
    )
    assert run.text == "Abcdefgh" and [fix.code for fix in run.fixes] == ["NP901"]
    assert not _Run("abc").apply([("NP903", "changes nothing", [_edit(2, 3, "c")])])


def test_later_rounds_report_spans_in_the_original() -> None:
    run = _Run("0123456789")
    run.apply([("NP901", "grow", [_edit(2, 3, "XXXX")])])  # 01XXXX3456789
    run.apply([("NP902", "after", [_edit(8, 9, "-")]), ("NP903", "inside", [_edit(3, 4, "")])])
    spans = {fix.code: (fix.start, fix.end) for fix in run.fixes}
    assert spans == {"NP901": (2, 3), "NP902": (5, 6), "NP903": (2, 3)}


# -- files -----------------------------------------------------------------------------------


def test_fix_file_keeps_the_mode_and_writes_only_changes(tmp_path: Path) -> None:
    changed = Path(shutil.copy(SEED, tmp_path / "seed.md"))
    clean = tmp_path / "clean.md"
    clean.write_text("---\ntitle: Hello\n---\nPlain text.\n", "utf-8")
    for path in (changed, clean):
        path.chmod(0o640)
    inode = clean.stat().st_ino
    assert fix_file(changed).written and not fix_file(clean).written
    assert changed.stat().st_mode & 0o7777 == 0o640
    assert clean.stat().st_ino == inode  # not even rewritten with the same bytes
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clean.md", "seed.md"]


def test_fix_file_without_write_writes_nothing(tmp_path: Path) -> None:
    path = Path(shutil.copy(SEED, tmp_path / "seed.md"))
    result = fix_file(path, write=False)
    assert result.changed and not result.written
    assert path.read_bytes() == SEED.read_bytes()


def test_fix_file_reports_what_it_cannot_read(tmp_path: Path) -> None:
    assert isinstance(fix_file(tmp_path / "missing.md").error, ReadError)
    bad = tmp_path / "cp949.md"
    bad.write_bytes(b"---\ntitle: \xc7\xd1\xb1\xb9\n---\n")
    result = fix_file(bad)
    assert isinstance(result.error, EncodingError) and not result.written


def test_write_failure_is_a_read_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    # Not "import newspost.sanitize._fix": newspost.sanitize is also the function's name.
    engine = sys.modules["newspost.sanitize._fix"]

    def refuse(path: Path, data: bytes) -> None:
        raise ReadError("cannot write the file: disk full", path=path)

    monkeypatch.setattr(engine, "atomic_write", refuse)
    path = Path(shutil.copy(SEED, tmp_path / "seed.md"))
    result = fix_file(path)
    assert isinstance(result.error, ReadError) and not result.written
    assert path.read_bytes() == SEED.read_bytes()


def test_unknown_policy_or_engine_raises_before_any_work(tmp_path: Path) -> None:
    with pytest.raises(PolicyError):
        fix_text("---\ntitle: T\n---\n", policy="strickt")
    with pytest.raises(PolicyError):
        fix_paths([tmp_path / "missing"], engine="nope")
    assert fix_text("---\ntitle: T\n---\n", policy="strickt", sanitize=False).ok


def test_diff_names_both_sides_and_marks_a_missing_final_newline() -> None:
    result = fix_text("---\ntitle: A  B\n---\n<a rel='dofollow'>x</a>", path="./p.md")
    diff = result.diff()
    assert diff.startswith("--- a/p.md\n+++ b/p.md\n")
    assert diff.endswith("\\ No newline at end of file\n")
    assert diff.count("\\ No newline at end of file") == 2


def _tree(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    (site / "_posts").mkdir(parents=True)
    for number in range(20):
        shutil.copy(SEED, site / "_posts" / f"2024-01-{number + 1:02d}-seed.md")
    (site / "_posts" / "2024-02-01-clean.md").write_text("---\ntitle: T\n---\nText.\n", "utf-8")
    (site / "notes.txt").write_text("not a post\n", "utf-8")
    return site


def test_fix_paths_on_any_executor_in_order(tmp_path: Path) -> None:
    site = _tree(tmp_path)
    expected = fix_text(SEED.read_text("utf-8"), path="seed.md").text
    with ThreadPoolExecutor(max_workers=3) as pool:
        results = list(fix_paths([site], executor=pool, chunk_size=4))
    names = [Path(result.path or "").name for result in results]
    assert names == sorted(names) and len(names) == 21  # notes.txt is not a post
    assert [result.changed for result in results] == [True] * 20 + [False]
    assert all(result.written == result.changed for result in results)
    assert (site / "_posts" / "2024-01-01-seed.md").read_text("utf-8") == expected
    assert (site / "notes.txt").read_text("utf-8") == "not a post\n"


def test_fix_paths_without_write_touches_nothing(tmp_path: Path) -> None:
    site = _tree(tmp_path)
    before = {path: path.read_bytes() for path in site.rglob("*") if path.is_file()}
    results = list(fix_paths([site], write=False, jobs=1))
    assert sum(result.changed for result in results) == 20
    assert {path: path.read_bytes() for path in site.rglob("*") if path.is_file()} == before


def test_fix_paths_rejects_missing_paths_and_bad_jobs(tmp_path: Path) -> None:
    with pytest.raises(ReadError):
        list(fix_paths([tmp_path / "missing"]))
    with pytest.raises(ValueError, match="jobs"):
        fix_paths([tmp_path], jobs=0)


def test_applied_fix_and_result_are_plain_values() -> None:
    import pickle

    result = fix_text("---\ntitle: [x] y\n---\nz\n", path="p.md")
    assert pickle.loads(pickle.dumps(result)) == result
    assert isinstance(result.fixes[0], AppliedFix)


# -- the corpus ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"the real corpus is not at {CORPUS} (it sits beside the project)")
    copy = tmp_path_factory.mktemp("corpus") / "corpus"
    shutil.copytree(CORPUS, copy)
    return copy


@pytest.fixture(scope="module")
def pool() -> Iterator[ProcessPoolExecutor]:
    with ProcessPoolExecutor(max_workers=max(2, min(4, os.cpu_count() or 2))) as executor:
        yield executor


@pytest.mark.corpus
@pytest.mark.parametrize("sanitize", [False, True], ids=["rules-only", "policy"])
def test_every_corpus_post_is_fixed_losslessly_and_idempotently(
    corpus_copy: Path, pool: ProcessPoolExecutor, sanitize: bool, tmp_path: Path
) -> None:
    # A fresh copy per run: the first run writes the fixes, the second must find nothing.
    root = tmp_path / "corpus"
    shutil.copytree(corpus_copy, root)
    first = list(fix_paths([root], sanitize=sanitize, executor=pool))
    assert len(first) >= 390
    assert [result.error for result in first if not result.ok] == []
    for result in first:
        assert_never_worse(
            corpus_copy / Path(result.path or "").relative_to(root), result.path or ""
        )
        assert_line_breaks_kept(result.original, result.text)
        assert result.original.startswith("\ufeff") == result.text.startswith("\ufeff")
        if not sanitize:
            assert_only_fixed_spans_changed(result)
        assert Path(result.path or "").read_bytes() == result.text.encode("utf-8")
    # The second run loads every fixed file (no error: it parses) and finds nothing to do.
    again = list(fix_paths([root], sanitize=sanitize, write=False, executor=pool))
    assert [result.error for result in again if not result.ok] == []
    assert [result.path for result in again if result.changed] == []
    broken = [result for result in first if Path(result.path or "").name in BROKEN_FRONT_MATTER]
    assert len(broken) == len(BROKEN_FRONT_MATTER)
    for result in broken:
        assert result.fixes[0].code == "NP100"
        title = loads(result.text).front_matter.title
        assert title is not None and title_words_kept(result.original, title) >= 0.9, title


@pytest.mark.corpus
def test_corpus_crlf_posts_stay_crlf(corpus_copy: Path) -> None:
    crlf = [
        path
        for path in corpus_copy.rglob("*.md")
        if b"\r\n" in (data := path.read_bytes()) and _BARE_LF.search(data.decode("utf-8")) is None
    ]
    assert crlf, "the corpus has CRLF posts"
    results = [fix_file(path, write=False) for path in crlf]
    assert any(result.changed for result in results)
    for result in results:
        assert result.ok and _BARE_LF.search(result.text) is None, result.path


def test_dumps_of_the_fixed_post_is_the_fixed_text() -> None:
    result = fix_text(SEED.read_text("utf-8"), path="seed.md")
    assert dumps(loads(result.text, path="seed.md")) == result.text


_SHOUT_RULE = '''
from newspost.validate import Edit, Fix, LintRule, Severity, register


@register
class Shout(LintRule):
    """SHOUT in the body."""

    code = "NP991"
    name = "test-shout"
    severity = Severity.WARNING
    summary = "shouting"
    fixable = True

    def check(self, ctx):
        text = ctx.post.raw.text
        at = text.find("SHOUT", ctx.post.raw.body_start)
        if at >= 0:
            edit = Edit(start=at, end=at + 5, replacement="calm")
            yield self.issue_at(ctx, at, fix=Fix(description="calm down", edits=[edit]))
'''


def test_fix_paths_workers_import_the_callers_own_rules(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A "spawn" worker starts with the built-in rules only: the module that registered
    # the caller's rule travels with the work, as it does for check_paths.
    import importlib
    import multiprocessing
    import sys

    from newspost.validate import RULES

    (tmp_path / "shout_rule_for_fix.py").write_text(_SHOUT_RULE)
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "shout_rule_for_fix", raising=False)
    importlib.import_module("shout_rule_for_fix")
    try:
        posts = tmp_path / "posts"
        posts.mkdir()
        for number in range(3):
            (posts / f"{number}.md").write_text(f"---\ntitle: T{number}\n---\nA SHOUT here.\n")
        config = Config(select=["NP991"])
        spawn = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=1, mp_context=spawn) as pool:
            results = list(
                fix_paths([posts], config=config, sanitize=False, executor=pool, chunk_size=1)
            )
        assert [fix.code for result in results for fix in result.fixes] == ["NP991"] * 3
        assert all("A calm here." in path.read_text() for path in posts.glob("*.md"))
    finally:
        RULES.pop("NP991", None)
        sys.modules.pop("shout_rule_for_fix", None)
