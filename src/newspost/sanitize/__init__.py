"""Sanitizing: policies (allowlists), engines (bleach, nh3) and repairs; fixing whole posts.

>>> from newspost.sanitize import sanitize_html
>>> sanitize_html('<h2><b>Title</b></h2><p>ok<script>alert(1)</script></p>')
'<h2>Title</h2><p>ok</p>'

See docs/policies.md for the guide, and docs/fix.md for ``fix_text`` and ``newspost fix``.
"""

from newspost.sanitize._api import collapse_spaces, sanitize, sanitize_html
from newspost.sanitize._engines import Engine, engine_names, get_engine, register_engine
from newspost.sanitize._fix import (
    MAX_PASSES,
    SANITIZE,
    AppliedFix,
    FixResult,
    fix_file,
    fix_paths,
    fix_post,
    fix_text,
)
from newspost.sanitize._policy import (
    BUILTIN_POLICIES,
    Policy,
    get_policy,
    policy_names,
    register_policy,
)

__all__ = [
    "BUILTIN_POLICIES",
    "MAX_PASSES",
    "SANITIZE",
    "AppliedFix",
    "Engine",
    "FixResult",
    "Policy",
    "collapse_spaces",
    "engine_names",
    "fix_file",
    "fix_paths",
    "fix_post",
    "fix_text",
    "get_engine",
    "get_policy",
    "policy_names",
    "register_engine",
    "register_policy",
    "sanitize",
    "sanitize_html",
]
