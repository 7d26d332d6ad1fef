"""pytest runs these pages' ``>>>`` examples (``--doctest-glob=*.md``); tests/docs_support.py
gives each page the files it shows and undoes what it registers. Not part of the site."""

from docs_support import doc_page  # noqa: F401 - an autouse fixture for every page here
