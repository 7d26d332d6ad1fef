"""A real client: Jekyll renders our output as it renders the original, or differs where we edited.

A minimal site (no theme, kramdown, one layout printing the title and the
content) is built four times from the same posts: as they are; as
``dumps(load(path))`` gives them back; after a front matter edit; after
``sanitize``. The rendered post pages must be identical for the plain round
trip, differ only in the title for the edit, and only in what the policy
removes for the sanitized posts.

Needs Debian's ``jekyll`` package (kramdown bundled; no gems are fetched):
``apt-get install -y --no-install-recommends jekyll``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree

from helpers import CORPUS, ROOT
from newspost import Post, dumps, load
from newspost.sanitize import sanitize, sanitize_html

JEKYLL = shutil.which("jekyll")

pytestmark = pytest.mark.skipif(
    JEKYLL is None,
    reason="jekyll is not installed: `apt-get install -y --no-install-recommends jekyll` "
    "(Debian) to run the real-client test",
)

EXAMPLES = ROOT / "examples"
# (source file, name in _posts/): Jekyll takes a post's date and slug from its name.
POSTS = [
    (EXAMPLES / "seed.md", "2024-06-22-seed.md"),
    (EXAMPLES / "2024-06-12-10.md", "2024-06-12-10.md"),
    (EXAMPLES / "2025-03-28-newsletter-ja.md", "2025-03-28-newsletter-ja.md"),
    (CORPUS / "koreanews" / "2024-06-12-122.md", "2024-06-12-122.md"),
    (CORPUS / "koreanews" / "2024-08-28-6543.md", "2024-08-28-6543.md"),
]
LAYOUT = (
    '<!DOCTYPE html>\n<html>\n<head><meta charset="utf-8">'
    "<title>{{ page.title | escape }}</title></head>\n"
    '<body>\n<h1 class="post-title">{{ page.title | escape }}</h1>\n'
    '<div class="post-content">\n{{ content }}\n</div>\n</body>\n</html>\n'
)
CONFIG = (
    "markdown: kramdown\nplugins: []\ntimezone: Asia/Seoul\n"
    "defaults:\n  - scope: {path: '', type: posts}\n    values: {layout: post}\n"
)
# The newsletter includes site snippets: empty stand-ins are enough to render it.
INCLUDES = ["snippets/recap-ad.md", "references.md", "linkers/issues.md"]

Variant = Callable[[Path], bytes]


def _site(root: Path, variant: Variant) -> Path:
    source = root / "src"
    (source / "_posts").mkdir(parents=True)
    (source / "_layouts").mkdir()
    (source / "_config.yml").write_text(CONFIG, encoding="utf-8")
    for name in ("post", "newsletter"):
        (source / "_layouts" / f"{name}.html").write_text(LAYOUT, encoding="utf-8")
    for include in INCLUDES:
        path = source / "_includes" / include
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("", encoding="utf-8")
    for path, name in POSTS:
        if path.is_file():
            (source / "_posts" / name).write_bytes(variant(path))
    return source


def _build_all(tmp_path: Path, variants: dict[str, Variant]) -> dict[str, dict[str, bytes]]:
    """Build one site per variant, in parallel; the rendered post pages of each by path."""
    assert JEKYLL is not None
    # Ruby reads files in the locale's encoding: without UTF-8, Korean posts fail to build.
    env = {**os.environ, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "JEKYLL_ENV": "production"}
    running = {}
    for name, variant in variants.items():
        source = _site(tmp_path / name, variant)
        command = [
            JEKYLL, "build", "--safe", "--quiet", "--disable-disk-cache",
            "--source", str(source), "--destination", str(tmp_path / name / "out"),
        ]  # fmt: skip
        running[name] = subprocess.Popen(
            command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=tmp_path
        )
    pages: dict[str, dict[str, bytes]] = {}
    for name, process in running.items():
        output, _ = process.communicate(timeout=120)
        assert process.returncode == 0, (
            f"jekyll build ({name}) failed:\n{output.decode(errors='replace')}"
        )
        out = tmp_path / name / "out"
        pages[name] = {
            str(path.relative_to(out)): path.read_bytes() for path in sorted(out.rglob("*.html"))
        }
    return pages


def _parts(page: bytes) -> tuple[str, str, str, etree._Element]:
    """The <title> text, the <h1> text, the content's inner HTML, and the content element."""
    root = etree.fromstring(page, etree.HTMLParser(encoding="utf-8"))
    content = root.find(".//div[@class='post-content']")
    assert content is not None
    inner = (content.text or "") + "".join(
        etree.tostring(child, encoding="unicode", method="html") for child in content
    )
    return root.findtext(".//title") or "", root.findtext(".//h1") or "", inner, content


def _text(element: etree._Element) -> str:
    return " ".join("".join(str(text) for text in element.itertext()).split())


def _squash(html: str) -> str:
    return " ".join(html.split())


def _edited(post: Post) -> Post:
    return post.with_front_matter(title=f"{post.title} (수정)")


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, bytes]]:
    variants: dict[str, Variant] = {
        "original": lambda path: path.read_bytes(),
        "round_trip": lambda path: dumps(load(path)).encode("utf-8"),
        "edited": lambda path: dumps(_edited(load(path))).encode("utf-8"),
        "sanitized": lambda path: dumps(sanitize(load(path))).encode("utf-8"),
    }
    return _build_all(tmp_path_factory.mktemp("jekyll"), variants)


def test_every_post_is_rendered(rendered: dict[str, dict[str, bytes]]) -> None:
    expected = sum(1 for path, _ in POSTS if path.is_file())
    assert len(rendered["original"]) == expected >= 3
    for name, pages in rendered.items():
        assert pages.keys() == rendered["original"].keys(), name


def test_plain_round_trip_renders_identically(rendered: dict[str, dict[str, bytes]]) -> None:
    assert rendered["round_trip"] == rendered["original"]


def test_front_matter_edit_changes_only_the_title(rendered: dict[str, dict[str, bytes]]) -> None:
    for page, original in rendered["original"].items():
        edited = rendered["edited"][page]
        title, h1, content, _ = _parts(original)
        new_title, new_h1, new_content, _ = _parts(edited)
        assert (new_title, new_h1) == (f"{title} (수정)", f"{h1} (수정)"), page
        assert new_content == content, page
        # Nothing else moved: put the old title back and the pages are the same bytes.
        assert edited.decode().replace(" (수정)", "").encode() == original, page


def test_sanitizing_removes_only_what_the_policy_removes(
    rendered: dict[str, dict[str, bytes]],
) -> None:
    changed = 0
    for page, original in rendered["original"].items():
        title, h1, content, element = _parts(original)
        clean_title, clean_h1, clean_content, clean_element = _parts(rendered["sanitized"][page])
        assert (clean_title, clean_h1) == (title, h1), page
        assert _text(clean_element) == _text(element), page  # the reader's text is all there
        # What differs is what the policy takes out: sanitizing both gives the same HTML
        # (up to the whitespace a removed wrapper element leaves behind).
        assert _squash(sanitize_html(clean_content)) == _squash(sanitize_html(content)), page
        changed += clean_content != content
    assert changed >= 1  # the seed's data-ke-size attributes and rel="dofollow", at least
