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
from newspost.serialize import dump, dumps

__version__ = "0.1.0"

__all__ = [
    "Block",
    "Cell",
    "Code",
    "ConfigError",
    "EncodingError",
    "FormatError",
    "FrontMatter",
    "FrontMatterError",
    "Html",
    "Image",
    "LimitError",
    "Limits",
    "Link",
    "ListBlock",
    "ListItem",
    "NewsPostError",
    "Paragraph",
    "PolicyError",
    "Post",
    "Quote",
    "RawText",
    "ReadError",
    "Rule",
    "Section",
    "Source",
    "Table",
    "__version__",
    "detect_flavor",
    "dump",
    "dumps",
    "iter_load",
    "load",
    "loads",
    "register_flavor",
    "repair_front_matter",
]
