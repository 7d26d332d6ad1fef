"""Post to text: ``dumps``/``dump`` and the format registry, one module per format.

>>> from newspost import dumps, load
>>> from newspost.serialize import format_names
>>> post = load("examples/seed.md")
>>> [name for name in format_names() if name in {"html", "json", "jsonld", "markdown", "text"}]
['html', 'json', 'jsonld', 'markdown', 'text']
>>> dumps(post, format="text").splitlines()[2]
'## 한-영 ‘디지털정부 협력에 관한 양해각서’ 체결... 서명 즉시 발효'

Importing this package also registers the NP7xx "structured data" lint rules.
"""

# Importing the rules registers them (NP7xx) with the rule registry.
from newspost.serialize import _jsonld_rules  # noqa: F401
from newspost.serialize._api import atomic_write, dump, dumps
from newspost.serialize._convert import Converted, convert_paths
from newspost.serialize._registry import Format, Writer, format_names, get_format, register_format
from newspost.serialize.json import load_json, loads_json
from newspost.serialize.jsonld import to_jsonld

__all__ = [
    "Converted",
    "Format",
    "Writer",
    "atomic_write",
    "convert_paths",
    "dump",
    "dumps",
    "format_names",
    "get_format",
    "load_json",
    "loads_json",
    "register_format",
    "to_jsonld",
]
