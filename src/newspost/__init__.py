"""newspost: typed models, parsers, linters, sanitizers and serializers for news posts.

>>> from newspost import load
>>> post = load("examples/seed.md")
>>> post.front_matter.categories
['News']
"""

from newspost.errors import (
    ConfigError,
    EncodingError,
    FormatError,
    FrontMatterError,
    LimitError,
    NewsPostError,
    PolicyError,
    ReadError,
)
from newspost.model import (
    Block,
    Cell,
    Code,
    FrontMatter,
    Html,
    Image,
    Link,
    ListBlock,
    ListItem,
    Paragraph,
    Post,
    Quote,
    RawText,
    Rule,
    Section,
    Source,
    Table,
)
from newspost.parse import Limits, iter_load, load, loads
from newspost.parse.flavors import detect_flavor, register_flavor
from newspost.parse.recover import repair_front_matter
from newspost.sanitize import (
    BUILTIN_POLICIES,
    FixResult,
    Policy,
    collapse_spaces,
    fix_file,
    fix_paths,
    fix_post,
    fix_text,
    get_policy,
    register_policy,
    sanitize,
    sanitize_html,
)
from newspost.serialize import convert_paths, dump, dumps, format_names, register_format, to_jsonld
from newspost.validate import Config, Issue, Report, Severity, check_paths, validate

__version__ = "0.1.0"

__all__ = [
    "BUILTIN_POLICIES",
    "Block",
    "Cell",
    "Code",
    "Config",
    "ConfigError",
    "EncodingError",
    "FixResult",
    "FormatError",
    "FrontMatter",
    "FrontMatterError",
    "Html",
    "Image",
    "Issue",
    "LimitError",
    "Limits",
    "Link",
    "ListBlock",
    "ListItem",
    "NewsPostError",
    "Paragraph",
    "Policy",
    "PolicyError",
    "Post",
    "Quote",
    "RawText",
    "ReadError",
    "Report",
    "Rule",
    "Section",
    "Severity",
    "Source",
    "Table",
    "__version__",
    "check_paths",
    "collapse_spaces",
    "convert_paths",
    "detect_flavor",
    "dump",
    "dumps",
    "fix_file",
    "fix_paths",
    "fix_post",
    "fix_text",
    "format_names",
    "get_policy",
    "iter_load",
    "load",
    "loads",
    "register_flavor",
    "register_format",
    "register_policy",
    "repair_front_matter",
    "sanitize",
    "sanitize_html",
    "to_jsonld",
    "validate",
]
