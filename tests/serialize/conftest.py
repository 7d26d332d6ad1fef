"""Fixtures for the serializer tests: the posts every format is run over."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import BROKEN_FRONT_MATTER, CORPUS, ROOT, corpus_files
from newspost import Post, load
from newspost.parse import iter_paths

EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def example_posts() -> list[Post]:
    """Every bundled example post, the seed first."""
    paths = sorted(iter_paths(EXAMPLES), key=lambda path: (path.name != "seed.md", path.name))
    return [load(path) for path in paths]


@pytest.fixture(scope="session")
def corpus_sample(corpus: Path) -> list[Path]:
    """Every fifth corpus post that loads, and at least one from each corpus folder."""
    files = [path for path in corpus_files() if path.name not in BROKEN_FRONT_MATTER]
    picked = files[::5]
    for folder in sorted({path.relative_to(CORPUS).parts[0] for path in files}):
        if not any(path.relative_to(CORPUS).parts[0] == folder for path in picked):
            picked.append(next(p for p in files if p.relative_to(CORPUS).parts[0] == folder))
    return picked
