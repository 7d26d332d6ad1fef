"""Post to text: ``dumps``/``dump`` and the format registry."""

from newspost.serialize._api import dump, dumps

__all__ = ["dump", "dumps"]
