"""Configuration of the checks: ``[tool.newspost]`` in pyproject.toml, or a ``newspost.toml``.

Which rules run (``select``, ``ignore``, ``per-file-ignores``, and the ``plugins``
that register more), how much their findings matter (``severity``, ``fail-on``) and
the options the rules read (``max-title-length``...), in one validated, immutable
`Config`.
Keys may be written kebab-case (as in TOML files) or snake_case.

>>> from newspost.validate import Config
>>> config = Config.from_mapping({"ignore": ["NP101"], "max-title-length": 80})
>>> config.ignore, config.options.max_title_length
(['NP101'], 80)
"""

from __future__ import annotations

import difflib
import importlib
import os
import re
import sys
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path, PurePath
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from newspost.errors import ConfigError, ReadError
from newspost.parse._limits import Limits
from newspost.validate._registry import ALL, is_known_selector, match_length, nearest_code
from newspost.validate._rule import Options, Severity

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]

__all__ = ["CONFIG_FILES", "Config", "import_plugins"]

CONFIG_FILES = ("newspost.toml", "pyproject.toml")
"""Files searched for, in this order in each folder, from the checked paths upward."""

_ENGINE_KEYS = ("select", "ignore", "severity", "per_file_ignores", "fail_on", "plugins", "limits")
_MODULE_NAME = re.compile(r"^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*$")
_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)")


def _kebab(name: str) -> str:
    return name.replace("_", "-")


def _valid_keys() -> list[str]:
    return [_kebab(key) for key in (*_ENGINE_KEYS, *Options.model_fields)]


class Config(BaseModel):
    """What to check and how strictly: a ``[tool.newspost]`` table, validated.

    Build one with `load` (a file), `discover` (search upward from
    the checked paths), `from_mapping` (a dict of TOML-style keys) or
    directly; all of them raise `ConfigError` for unknown
    keys, unknown rule codes and values of the wrong type, with a hint naming
    the nearest valid spelling.

    Examples:
        >>> from newspost.validate import Config
        >>> Config.from_mapping({"fail-on": "warning", "severity": {"NP101": "warning"}}).fail_on
        <Severity.WARNING: 'warning'>
        >>> try:
        ...     Config.from_mapping({"max-title-lenght": 80})
        ... except ConfigError as exc:
        ...     print(exc.hint)
        did you mean 'max-title-length'?
    """

    # Validator built on first use, as Frozen's (model/_base.py).
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    plugins: list[str] = Field(
        default_factory=list,
        description=(
            "Modules to import first, so that the rules they register run too (and their "
            "codes can be selected); searched for beside the configuration file as well."
        ),
    )
    select: list[str] | None = Field(
        default=None,
        description='Codes or prefixes ("NP1") of the rules to run; None or ["ALL"] runs all.',
    )
    ignore: list[str] = Field(
        default_factory=list, description="Codes or prefixes of rules not to run."
    )
    severity: dict[str, Severity] = Field(
        default_factory=dict,
        description="Severity overrides: code or prefix -> error, warning or info.",
    )
    per_file_ignores: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Glob (relative to the configuration's folder) -> codes not to report there.",
    )
    fail_on: Severity = Field(
        default=Severity.ERROR,
        description="A report fails (exit code 1) when an issue is at or above this severity.",
    )
    options: Options = Field(default_factory=Options, description="Options the rules read.")
    limits: Limits = Field(
        default_factory=Limits,
        description=(
            "Bounds on what one post may cost to read ([tool.newspost.limits]); a post over "
            "one is reported (NP117), not checked."
        ),
    )
    root: Path | None = Field(
        default=None, description="The folder per-file-ignores globs are relative to."
    )
    source: Path | None = Field(default=None, description="The file this was read from.")

    def __init__(self, **data: Any) -> None:
        try:
            super().__init__(**data)
        except ValidationError as exc:
            raise _config_error(exc, data.get("source")) from exc

    # -- validation --------------------------------------------------------------------------

    @model_validator(mode="before")
    @classmethod
    def _import_plugins(cls, data: Any) -> Any:
        # Before the codes are checked: a plugin's codes are known once it is imported.
        if isinstance(data, dict) and data.get("plugins"):
            import_plugins(data["plugins"], root=data.get("root"), source=data.get("source"))
        return data

    @field_validator("select", "ignore", mode="before")
    @classmethod
    def _normalize_codes(cls, value: Any) -> Any:
        if isinstance(value, list | tuple):
            return [_normalize_code(item) for item in value]
        return value

    @field_validator("per_file_ignores", mode="before")
    @classmethod
    def _normalize_file_codes(cls, value: Any) -> Any:
        if isinstance(value, Mapping):
            return {
                key: [_normalize_code(code) for code in codes]
                if isinstance(codes, list | tuple)
                else codes
                for key, codes in value.items()
            }
        return value

    @field_validator("severity", mode="before")
    @classmethod
    def _normalize_levels(cls, value: Any) -> Any:
        if isinstance(value, Mapping):
            return {
                _normalize_code(key): level.strip().lower() if isinstance(level, str) else level
                for key, level in value.items()
            }
        return value

    @field_validator("limits", mode="before")
    @classmethod
    def _normalize_limit_keys(cls, value: Any) -> Any:
        if isinstance(value, Mapping):
            return {str(key).replace("-", "_"): limit for key, limit in value.items()}
        return value

    @field_validator("fail_on", mode="before")
    @classmethod
    def _normalize_fail_on(cls, value: Any) -> Any:
        return value.strip().lower() if isinstance(value, str) else value

    @model_validator(mode="after")
    def _check_codes(self) -> Config:
        # Unknown codes are errors, not no-ops: a typo in `ignore` would otherwise
        # leave a rule running, or one in `select` silently run nothing.
        checks: list[tuple[str, Iterable[str]]] = [
            ("select", self.select or ()),
            ("ignore", self.ignore),
            ("severity", self.severity),
        ]
        checks += [
            (f"per-file-ignores.{glob!r}", codes) for glob, codes in self.per_file_ignores.items()
        ]
        for key, selectors in checks:
            for selector in selectors:
                if not is_known_selector(selector):
                    raise ConfigError(
                        f"unknown rule code {selector!r} in {key}",
                        path=self.source,
                        hint=nearest_code(selector) or "see `newspost rules` for the codes",
                    )
        return self

    # -- construction ------------------------------------------------------------------------

    @classmethod
    def from_mapping(
        cls,
        mapping: Mapping[str, Any],
        *,
        root: str | os.PathLike[str] | None = None,
        source: str | os.PathLike[str] | None = None,
    ) -> Config:
        """Build a configuration from a ``[tool.newspost]``-shaped mapping.

        Args:
            mapping: Keys as in the TOML table, kebab-case or snake_case; rule
                options (``max-title-length``...) sit at the top level.
            root: The folder ``per-file-ignores`` globs are relative to.
            source: The file the mapping came from, named in errors.

        Raises:
            ConfigError: an unknown key or rule code, or a value of the wrong type.
        """
        source = Path(source) if source is not None else None
        engine: dict[str, Any] = {}
        options: dict[str, Any] = {}
        for key, value in mapping.items():
            name = str(key).replace("-", "_")
            if name in _ENGINE_KEYS:
                engine[name] = value
            elif name in Options.model_fields:
                options[name] = value
            else:
                raise ConfigError(
                    f"unknown key {key!r} in {_table_name(source)}",
                    path=source,
                    hint=_key_hint(str(key)),
                )
        return cls(
            **engine,
            options=options,
            root=Path(root).absolute() if root is not None else None,
            source=source,
        )

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Config:
        """Read a ``newspost.toml`` (keys at the top) or a ``pyproject.toml`` (``[tool.newspost]``).

        Raises:
            ReadError: the file cannot be read.
            ConfigError: it is not valid TOML, has no ``[tool.newspost]`` table
                (pyproject.toml), or the table is invalid.
        """
        file = Path(path)
        try:
            data = tomllib.loads(file.read_bytes().decode("utf-8"))
        except OSError as exc:
            raise ReadError(
                f"cannot read the configuration file: {exc.strerror or exc}", path=file
            ) from exc
        except UnicodeDecodeError as exc:
            raise ConfigError("the configuration file is not UTF-8", path=file) from exc
        except tomllib.TOMLDecodeError as exc:
            found = _TOML_POSITION.search(str(exc))
            raise ConfigError(
                f"the configuration file is not valid TOML: {_TOML_POSITION.sub('', str(exc))}",
                path=file,
                line=int(found.group(1)) if found else None,
                column=int(found.group(2)) if found else None,
            ) from exc
        table: Any = data
        if file.name == "pyproject.toml" or set(data) == {"tool"}:
            table = data.get("tool", {}).get("newspost")
            if table is None:
                raise ConfigError(
                    f"{file.name} has no [tool.newspost] table",
                    path=file,
                    hint="add a [tool.newspost] table, or point --config at a newspost.toml",
                )
        if not isinstance(table, dict):
            raise ConfigError("[tool.newspost] must be a table", path=file)
        return cls.from_mapping(table, root=file.parent, source=file)

    @classmethod
    def find(cls, paths: Iterable[str | os.PathLike[str]] = ()) -> Path | None:
        """The configuration file for these paths, or None if there is none.

        The nearest ``newspost.toml``, or ``pyproject.toml`` with a ``[tool.newspost]``
        table, from their common folder (the current folder if none) upward.
        """
        for folder in _search_folders(paths):
            own = folder / "newspost.toml"
            if own.is_file():
                return own
            pyproject = folder / "pyproject.toml"
            if pyproject.is_file() and _mentions_newspost(pyproject):
                return pyproject
        return None

    @classmethod
    def discover(cls, paths: Iterable[str | os.PathLike[str]] = ()) -> Config:
        """Load the configuration `find` finds for these paths, or the defaults.

        Examples:
            >>> from newspost.validate import Config
            >>> Config.discover(["examples"]).fail_on
            <Severity.ERROR: 'error'>
        """
        found = cls.find(paths)
        return cls.load(found) if found is not None else cls()

    def override(
        self,
        *,
        select: Iterable[str] | None = None,
        ignore: Iterable[str] | None = None,
        fail_on: Severity | str | None = None,
    ) -> Config:
        """A copy with command-line choices applied.

        ``select`` replaces the configured selection, ``ignore`` adds to the
        configured ignores, ``fail_on`` replaces the threshold.

        Examples:
            >>> from newspost.validate import Config
            >>> Config(ignore=["NP100"]).override(ignore=["NP101"], fail_on="info").ignore
            ['NP100', 'NP101']
        """
        values: dict[str, Any] = {name: getattr(self, name) for name in type(self).model_fields}
        if select is not None:
            values["select"] = list(select)
        if ignore is not None:
            values["ignore"] = [*self.ignore, *ignore]
        if fail_on is not None:
            values["fail_on"] = fail_on
        return type(self)(**values)

    # -- queries -----------------------------------------------------------------------------

    def is_enabled(self, code: str) -> bool:
        """Whether the rule with this code runs: selected, and not ignored more specifically."""
        selectors = self.select if self.select is not None else (ALL,)
        selected = max((match_length(code, s) for s in selectors), default=-1)
        ignored = max((match_length(code, s) for s in self.ignore), default=-1)
        return selected > ignored

    def severity_of(self, code: str, default: Severity) -> Severity:
        """The severity issues of this code get: the most specific override, else ``default``."""
        best, level = -1, default
        for selector, override in self.severity.items():
            length = match_length(code, selector)
            if length > best:
                best, level = length, override
        return level

    def ignored_in(self, path: str | os.PathLike[str] | None) -> tuple[str, ...]:
        """The codes and prefixes ``per-file-ignores`` turns off for this file."""
        if path is None or not self.per_file_ignores:
            return ()
        relative, name = self._relative(path)
        found: list[str] = []
        for glob, codes in self.per_file_ignores.items():
            regex = _glob_regex(glob)
            # A glob without a folder part names files wherever they are, as in .gitignore.
            if regex.match(relative) or ("/" not in glob.rstrip("/") and regex.match(name)):
                found.extend(codes)
        return tuple(found)

    def _relative(self, path: str | os.PathLike[str]) -> tuple[str, str]:
        pure = PurePath(path)
        if self.root is not None:
            try:
                return Path(os.path.abspath(pure)).relative_to(self.root).as_posix(), pure.name
            except ValueError:
                pass  # outside the configuration's folder: match the path as given
        return pure.as_posix().removeprefix("./"), pure.name


def import_plugins(
    modules: Any,
    *,
    root: str | os.PathLike[str] | None = None,
    source: str | os.PathLike[str] | None = None,
) -> None:
    """Import rule modules named by a configuration (``plugins``); importing registers their rules.

    ``root`` (the configuration file's folder) is put on ``sys.path`` first, so a
    project's own ``newsroom_rules.py`` beside its ``newspost.toml`` is found
    wherever the check runs from; worker processes inherit the path.

    Raises:
        ConfigError: a name that is not a module name, or a module that cannot be imported.
    """
    where = Path(source) if source is not None else None
    if not isinstance(modules, list | tuple) or not all(isinstance(m, str) for m in modules):
        raise ConfigError(
            "plugins must be a list of module names", path=where, hint='plugins = ["my_rules"]'
        )
    if root is not None and os.fspath(root) not in sys.path:
        sys.path.insert(0, os.fspath(root))
    for name in modules:
        if not _MODULE_NAME.match(name):
            raise ConfigError(
                f"plugin {name!r} is not a module name",
                path=where,
                hint="name the module as Python imports it (my_rules, not my_rules.py)",
            )
        try:
            importlib.import_module(name)
        except ImportError as exc:
            raise ConfigError(
                f"cannot import plugin {name!r}: {exc}",
                path=where,
                hint=f"write {name[:-3]!r}, the name Python imports"
                if name.endswith(".py")
                else "install it, or put the module beside the configuration file",
            ) from exc


def _normalize_code(value: Any) -> Any:
    return value.strip().upper() if isinstance(value, str) else value


def _table_name(source: str | os.PathLike[str] | None) -> str:
    if source is not None and PurePath(source).name == "newspost.toml":
        return "newspost.toml"
    return "[tool.newspost]"


def _limits_table_name(source: str | os.PathLike[str] | None) -> str:
    if source is not None and PurePath(source).name == "newspost.toml":
        return "[limits] of newspost.toml"
    return "[tool.newspost.limits]"


def _nearest(word: str, choices: list[str]) -> str | None:
    close = difflib.get_close_matches(word.replace("_", "-").lower(), choices, n=1, cutoff=0.6)
    return f"did you mean {close[0]!r}?" if close else None


def _key_hint(key: str) -> str:
    return _nearest(key, _valid_keys()) or f"the keys are: {', '.join(_valid_keys())}"


def _config_error(exc: ValidationError, source: Any) -> ConfigError:
    """Say which key is wrong and how, in TOML's spelling; pydantic's own text stays out."""
    problem = exc.errors()[0]
    loc = [str(part) for part in problem["loc"]]
    if loc[:1] == ["options"]:
        loc = loc[1:]
    key = _kebab(loc[0]) if loc else "[tool.newspost]"
    if loc[:1] == ["limits"]:
        loc = [loc[0], *map(_kebab, loc[1:])]  # field names; other tables' keys are globs, codes
    where = key + "".join(f"[{part}]" if part.isdigit() else f".{part}" for part in loc[1:])
    if problem["type"] == "extra_forbidden" and loc[:1] == ["limits"] and len(loc) > 1:
        limits = [_kebab(name) for name in Limits.model_fields]
        return ConfigError(
            f"unknown key {_kebab(loc[1])!r} in {_limits_table_name(source)}",
            path=source,
            hint=_nearest(loc[1], limits) or f"the limits are: {', '.join(limits)}",
        )
    if problem["type"] == "extra_forbidden":
        return ConfigError(
            f"unknown key {key!r} in {_table_name(source)}",
            path=source,
            hint=_key_hint(key),
        )
    hint = None
    if problem["type"] == "list_type":
        hint = f'write a list: {key} = ["..."]'
    elif problem["type"] == "enum":
        levels = [level.value for level in Severity]
        hint = _nearest(str(problem.get("input")), levels) or f"use one of: {', '.join(levels)}"
    message = problem["msg"].removeprefix("Value error, ")
    return ConfigError(f"{where}: {message} (got {problem.get('input')!r})", path=source, hint=hint)


def _search_folders(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    absolute = [os.path.abspath(path) for path in paths]
    if not absolute:
        start = Path.cwd()
    else:
        common = Path(os.path.commonpath(absolute))
        start = common if common.is_dir() else common.parent
    return [start, *start.parents]


def _mentions_newspost(pyproject: Path) -> bool:
    # Most pyproject.toml files on the way up are someone else's: look before parsing.
    try:
        text = pyproject.read_bytes().decode("utf-8", "replace")
    except OSError:
        return False
    if "newspost" not in text:
        return False
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"not valid TOML: {exc}", path=pyproject) from exc
    return isinstance(data.get("tool"), dict) and "newspost" in data["tool"]


@lru_cache(maxsize=512)
def _glob_regex(glob: str) -> re.Pattern[str]:
    """A glob as a regex: ``*`` and ``?`` stay within a folder, ``**`` crosses folders."""
    pattern = glob.removeprefix("./")
    if pattern.endswith("/"):
        pattern += "**"  # a folder: everything under it
    out: list[str] = []
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        elif pattern[i] == "[" and (end := pattern.find("]", i + 2)) != -1:
            body = pattern[i + 1 : end]
            if body.startswith("!"):
                body = "^" + body[1:]
            out.append("[" + body.replace("\\", "\\\\") + "]")
            i = end + 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out) + r"\Z")
