"""The built-in rules, one module per group; importing this package registers them.

==========  =============================================================
NP1xx       front matter (`.front_matter`)
NP2xx       structure: headings, paragraphs, tables, HTML (`.structure`)
NP3xx       links and sources (`.links`)
NP4xx       images and accessibility (`.images`)
NP5xx       unsafe HTML (`.unsafe_html`)
NP6xx       text quality (`.text`)
NP7xx       structured data, schema.org JSON-LD (`newspost.serialize._jsonld_rules`)
==========  =============================================================
"""

from newspost.serialize import _jsonld_rules  # noqa: F401 - registers NP7xx
from newspost.validate.rules import front_matter, images, links, structure, text, unsafe_html

__all__ = ["front_matter", "images", "links", "structure", "text", "unsafe_html"]
