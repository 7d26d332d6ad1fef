"""Configuration: keys, rule codes, files, discovery, and the errors with their hints."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import pytest

from newspost import ConfigError, Limits, ReadError
from newspost.validate import Config, Options, Severity

pytestmark = pytest.mark.usefixtures("rules")


def test_defaults() -> None:
    config = Config()
    assert config.select is None and config.ignore == [] and config.severity == {}
    assert config.fail_on is Severity.ERROR
    assert config.options == Options()


def test_from_mapping_kebab_and_snake_case() -> None:
    config = Config.from_mapping(
        {
            "select": ["NP9"],
            "ignore": ["np911"],
            "severity": {"NP901": "Error"},
            "per-file-ignores": {"drafts/*.md": ["NP902"]},
            "fail_on": "warning",
            "required-fields": ["title"],
            "allowed_categories": ["News", "Sports"],
            "max-title-length": 80,
            "min-body-length": 10,
            "placeholder-hosts": ["example.com"],
            "site-url": "https://example.org",
        }
    )
    assert config.select == ["NP9"] and config.ignore == ["NP911"]
    assert config.severity == {"NP901": Severity.ERROR}
    assert config.per_file_ignores == {"drafts/*.md": ["NP902"]}
    assert config.fail_on is Severity.WARNING
    assert config.options == Options(
        required_fields=["title"],
        allowed_categories=["News", "Sports"],
        max_title_length=80,
        min_body_length=10,
        placeholder_hosts=["example.com"],
        site_url="https://example.org",
    )


def test_every_option_is_a_key() -> None:
    # A new Options field is configurable without touching the configuration code.
    for name, field in Options.model_fields.items():
        value: Any = field.get_default(call_default_factory=True)
        config = Config.from_mapping({name.replace("_", "-"): value})
        assert getattr(config.options, name) == value


@pytest.mark.parametrize(
    ("mapping", "message", "hint"),
    [
        ({"selct": ["NP9"]}, "unknown key 'selct'", "did you mean 'select'?"),
        (
            {"max-title-lenght": 9},
            "unknown key 'max-title-lenght'",
            "did you mean 'max-title-length'?",
        ),
        (
            {"per_file_ignore": {}},
            "unknown key 'per_file_ignore'",
            "did you mean 'per-file-ignores'?",
        ),
        ({"colour": "red"}, "unknown key 'colour'", "the keys are: select, ignore"),
        ({"select": ["NP9O1"]}, "unknown rule code 'NP9O1' in select", None),
        ({"ignore": ["NP912"]}, "unknown rule code 'NP912' in ignore", "did you mean 'NP911'?"),
        ({"ignore": ["test-todo-left"]}, "unknown rule code", "NP902 is test-todo-left"),
        ({"severity": {"NP8": "error"}}, "unknown rule code 'NP8' in severity", None),
        ({"severity": {"NP901": "warn"}}, "severity.NP901", "did you mean 'warning'?"),
        ({"fail-on": "fatal"}, "fail-on", "use one of: info, warning, error"),
        ({"per-file-ignores": {"x/*": ["NP7"]}}, "in per-file-ignores.'x/*'", None),
        (
            {"select": "NP9"},
            "select: Input should be a valid list",
            'write a list: select = ["..."]',
        ),
        ({"max-title-length": "long"}, "max-title-length: Input should be a valid integer", None),
        ({"required-fields": [1]}, "required-fields[0]", None),
        (
            {"limits": {"max-dept": 200}},
            "unknown key 'max-dept' in [tool.newspost.limits]",
            "did you mean 'max-depth'?",
        ),
        ({"limits": {"max-lines": 0}}, "limits.max-lines: Input should be greater than", None),
    ],
)
def test_errors_name_the_key_and_hint(
    mapping: dict[str, Any], message: str, hint: str | None
) -> None:
    with pytest.raises(ConfigError) as caught:
        Config.from_mapping(mapping)
    assert message in caught.value.message
    if hint is not None:
        assert caught.value.hint is not None and hint in caught.value.hint


def test_direct_construction_raises_config_error_too() -> None:
    with pytest.raises(ConfigError, match="unknown key 'selekt'"):
        Config(selekt=["NP9"])
    with pytest.raises(ConfigError, match="unknown rule code 'NP7'"):
        Config(ignore=["NP7"])


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_load_pyproject(tmp_path: Path) -> None:
    file = write(
        tmp_path / "pyproject.toml",
        '[project]\nname = "site"\n\n[tool.newspost]\nignore = ["NP911"]\nmax-title-length = 70\n'
        '\n[tool.newspost.per-file-ignores]\n"drafts/**" = ["ALL"]\n',
    )
    config = Config.load(file)
    assert config.ignore == ["NP911"] and config.options.max_title_length == 70
    assert config.per_file_ignores == {"drafts/**": ["ALL"]}
    assert config.root == tmp_path and config.source == file


def test_load_limits_table(tmp_path: Path) -> None:
    file = write(
        tmp_path / "pyproject.toml",
        "[tool.newspost.limits]\nmax-depth = 200\nmax_lines = 90000\n",
    )
    limits = Config.load(file).limits
    assert (limits.max_depth, limits.max_lines) == (200, 90_000)
    assert limits.max_bytes == Limits().max_bytes  # the others keep their defaults


def test_load_newspost_toml_keys_at_the_top(tmp_path: Path) -> None:
    file = write(tmp_path / "newspost.toml", 'fail-on = "info"\n[severity]\nNP901 = "error"\n')
    config = Config.load(file)
    assert config.fail_on is Severity.INFO and config.severity == {"NP901": Severity.ERROR}


def test_load_newspost_toml_may_use_a_tool_table(tmp_path: Path) -> None:
    file = write(tmp_path / "newspost.toml", '[tool.newspost]\nignore = ["NP9"]\n')
    assert Config.load(file).ignore == ["NP9"]


def test_load_pyproject_without_the_table(tmp_path: Path) -> None:
    file = write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n')
    with pytest.raises(ConfigError, match=r"no \[tool.newspost\] table"):
        Config.load(file)


def test_load_invalid_toml_says_where(tmp_path: Path) -> None:
    file = write(tmp_path / "newspost.toml", 'ignore = ["NP901"\nfail-on = "error"\n')
    with pytest.raises(ConfigError) as caught:
        Config.load(file)
    assert caught.value.path == str(file) and caught.value.line == 2
    assert "(at line" not in caught.value.message


def test_load_names_the_file_in_errors(tmp_path: Path) -> None:
    file = write(tmp_path / "newspost.toml", "selekt = []\n")
    with pytest.raises(ConfigError) as caught:
        Config.load(file)
    assert caught.value.path == str(file)
    assert "unknown key 'selekt' in newspost.toml" in str(caught.value)


def test_load_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ReadError):
        Config.load(tmp_path / "newspost.toml")


def test_find_searches_upward(tmp_path: Path) -> None:
    posts = tmp_path / "site" / "_posts" / "2024"
    posts.mkdir(parents=True)
    assert Config.find([posts]) is None or not str(Config.find([posts])).startswith(str(tmp_path))
    pyproject = write(tmp_path / "site" / "pyproject.toml", "[tool.newspost]\nignore = []\n")
    assert Config.find([posts]) == pyproject
    assert Config.find([posts / "a.md", tmp_path / "site" / "_posts" / "b.md"]) == pyproject
    # A pyproject.toml without [tool.newspost] on the way is someone else's: keep going.
    write(tmp_path / "site" / "_posts" / "pyproject.toml", '[project]\nname = "newspost-theme"\n')
    assert Config.find([posts]) == pyproject
    # newspost.toml wins over pyproject.toml in the same folder, and nearer wins.
    own = write(tmp_path / "site" / "newspost.toml", "")
    assert Config.find([posts]) == own
    nearer = write(posts / "newspost.toml", "")
    assert Config.find([posts / "a.md"]) == nearer


def test_find_from_the_current_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    file = write(tmp_path / "newspost.toml", 'ignore = ["NP9"]\n')
    monkeypatch.chdir(tmp_path)
    assert Config.find() == file
    assert Config.discover().ignore == ["NP9"]


def test_discover_without_a_file_gives_defaults(tmp_path: Path) -> None:
    if Config.find([tmp_path]) is None:
        assert Config.discover([tmp_path]) == Config()


def test_override_keeps_source_and_root(tmp_path: Path) -> None:
    file = write(tmp_path / "newspost.toml", 'ignore = ["NP911"]\nfail-on = "warning"\n')
    config = Config.load(file).override(select=["NP90"], ignore=["NP902"])
    assert config.select == ["NP90"] and config.ignore == ["NP911", "NP902"]
    assert config.fail_on is Severity.WARNING and config.source == file and config.root == tmp_path
    assert config.override(fail_on="error").fail_on is Severity.ERROR


def test_override_validates_codes() -> None:
    with pytest.raises(ConfigError, match="unknown rule code 'NP8'"):
        Config().override(select=["NP8"])


def test_is_enabled_and_severity_of() -> None:
    config = Config(select=["NP9"], ignore=["NP91"], severity={"NP9": "info", "NP902": "error"})
    assert config.is_enabled("NP901") and not config.is_enabled("NP911")
    assert not config.is_enabled("NP100")
    assert config.severity_of("NP901", Severity.WARNING) is Severity.INFO
    assert config.severity_of("NP902", Severity.WARNING) is Severity.ERROR
    assert config.severity_of("NP100", Severity.WARNING) is Severity.WARNING


def test_ignored_in_outside_the_root(tmp_path: Path) -> None:
    config = Config(per_file_ignores={"posts/*.md": ["NP901"]}, root=tmp_path / "site")
    assert config.ignored_in(tmp_path / "site" / "posts" / "a.md") == ("NP901",)
    assert config.ignored_in(tmp_path / "elsewhere" / "a.md") == ()
    assert config.ignored_in(None) == ()
    relative = os.path.relpath(tmp_path / "site" / "posts" / "a.md")
    assert config.ignored_in(relative) == ("NP901",)


_PLUGIN = '''
from newspost.validate import LintRule, Severity, register


@register
class Shout(LintRule):
    """A plugin's rule.

    Bad: ``x``
    Good: ``y``
    """

    code = "NP950"
    name = "plugin-shout"
    severity = Severity.INFO
    summary = "a plugin was here"

    def check(self, ctx):
        yield self.issue(ctx)
'''


def test_plugins_beside_the_file_register_their_rules(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "path", list(sys.path))
    (tmp_path / "np_plugin_shout.py").write_text(_PLUGIN, encoding="utf-8")
    monkeypatch.delitem(sys.modules, "np_plugin_shout", raising=False)
    (tmp_path / "newspost.toml").write_text(
        'plugins = ["np_plugin_shout"]\nselect = ["NP950"]\nseverity = { NP950 = "error" }\n',
        encoding="utf-8",
    )
    config = Config.load(tmp_path / "newspost.toml")
    assert config.plugins == ["np_plugin_shout"]
    from newspost import loads
    from newspost.validate import validate

    (issue,) = validate(loads("Text.\n", path="a.md"), config).issues
    assert (issue.code, issue.severity) == ("NP950", Severity.ERROR)


@pytest.mark.parametrize(
    ("plugins", "message", "hint"),
    [
        (["np_no_such_module"], "cannot import plugin 'np_no_such_module'", "install it"),
        (["my_rules.py"], "cannot import plugin 'my_rules.py'", "write 'my_rules'"),
        (["my rules"], "is not a module name", "as Python imports it"),
        ("my_rules", "must be a list of module names", "plugins = "),
    ],
)
def test_plugins_that_cannot_be_imported_are_config_errors(
    tmp_path: Path, plugins: object, message: str, hint: str
) -> None:
    with pytest.raises(ConfigError, match=message) as caught:
        Config.from_mapping({"plugins": plugins}, root=tmp_path, source=tmp_path / "x.toml")
    assert hint in (caught.value.hint or "")
    assert caught.value.path == str(tmp_path / "x.toml")
