"""Root pytest configuration: doctests in README.md, docs/ and the package run with the tests."""

collect_ignore = ["src/newspost/__main__.py"]
