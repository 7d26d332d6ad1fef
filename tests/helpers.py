"""Paths shared by the tests: the fixtures folder and the real corpus beside the project."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CORPUS = ROOT.parent / "shared" / "corpus"

# Front matter that does not parse in the corpus: the documented FrontMatterError cases.
BROKEN_FRONT_MATTER = frozenset(
    {
        "2024-06-27-433.md",
        "2024-07-08-1543.md",
        "2024-07-30-4336.md",
        "2024-08-03-5094.md",
        "2024-08-10-6058.md",
    }
)


def corpus_files() -> list[Path]:
    """Every post file of the corpus (empty when the corpus is absent)."""
    if not CORPUS.is_dir():
        return []
    from newspost.parse import iter_paths

    return list(iter_paths(CORPUS))


def corpus_yaml_front_matter() -> list[tuple[Path, str]]:
    """(file, YAML front matter text) of every corpus post that has YAML front matter.

    Skips the calling test when the corpus is absent.
    """
    import pytest

    from newspost.parse.front_matter import split

    files = corpus_files()
    if not files:
        pytest.skip(f"the corpus is not at {CORPUS}")
    found = []
    for path in files:
        text = path.read_bytes().decode("utf-8", "replace")
        where = split(text)
        if where.format == "yaml":
            found.append((path, text[where.content_start : where.content_end]))
    return found
