"""Shared fixtures: the bundled fixtures folder and the real corpus beside the project."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from helpers import CORPUS, FIXTURES

pytest_plugins = ["pytester"]

# In CI the property tests draw the same examples every run, so a red run means a
# change broke something; locally they explore (and keep what fails in .hypothesis/).
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")


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
