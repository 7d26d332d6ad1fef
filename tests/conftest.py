"""Shared fixtures: the bundled fixtures folder and the real corpus beside the project."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import CORPUS, FIXTURES

pytest_plugins = ["pytester"]


@pytest.fixture(scope="session")
def corpus() -> Path:
    """The real corpus folder; skips the test with the reason when it is not there."""
    if not CORPUS.is_dir():
        pytest.skip(
            f"the real corpus is not at {CORPUS} (it sits beside the project in ../shared/corpus)"
        )
    return CORPUS


@pytest.fixture
def seed_path() -> Path:
    """The post the project was designed from (a copy in tests/fixtures)."""
    return FIXTURES / "seed.md"
