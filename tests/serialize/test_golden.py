"""Golden files: the seed in every format, kept beside the tests for review.

After an intended change of output, regenerate them with::

    NEWSPOST_UPDATE_GOLDEN=1 python -m pytest tests/serialize/test_golden.py

and read the diff before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from newspost import dumps, load

GOLDEN = Path(__file__).resolve().parent / "golden"
CASES: dict[str, tuple[str, dict[str, Any]]] = {
    "seed.html": ("html", {}),
    "seed.standalone.html": ("html", {"standalone": True, "site_url": "https://newsdao.kr"}),
    "seed.jsonld": ("jsonld", {"site_url": "https://newsdao.kr", "publisher": "뉴스다오"}),
    "seed.txt": ("text", {}),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_seed_matches_its_golden_file(name: str, seed_path: Path) -> None:
    to, options = CASES[name]
    text = dumps(load(seed_path), format=to, **options)
    golden = GOLDEN / name
    if os.environ.get("NEWSPOST_UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8"), f"{name} changed: see the module docstring"
