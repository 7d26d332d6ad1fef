"""NP5xx: HTML in the body that runs code, embeds other sites, or restyles the page.

Posts are often written or imported by people and tools the site does not
control, and Markdown passes raw HTML through, so every tag in the raw body is
checked (Markdown code is not HTML and is skipped). Each occurrence is reported
at its own line and column.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from newspost.validate._rule import Context, Issue, LintRule, Severity, register
from newspost.validate.rules._util import BEFORE_ATTRIBUTE, scan

__all__ = [
    "DangerousUrl",
    "EmbeddedFrame",
    "EventHandlerAttribute",
    "FormElement",
    "InlineStyle",
    "PageLevelElement",
    "ScriptElement",
]


@register
class ScriptElement(LintRule):
    """The body has a ``<script>`` element.

    A script in a post runs with the site's full authority on every reader's
    page: it can rewrite the page, steal sessions, or load anything. Embeds that
    need a script belong in the theme, behind an include or a shortcode.

    Bad: ``<script src="https://ads.example/track.js"></script>``.
    Good: ``{% include youtube.html id="..." %}`` or ``{{< youtube id >}}``.
    """

    code = "NP501"
    name = "script-element"
    severity = Severity.ERROR
    summary = "<script> in the body"

    def check(self, ctx: Context) -> Iterator[Issue]:
        for tag in scan(ctx).start_tags("script"):
            yield self.issue_at(ctx, tag.start)


_FRAMES = ("iframe", "frame", "frameset", "object", "embed", "applet")


@register
class EmbeddedFrame(LintRule):
    """The body embeds another page or plugin: ``<iframe>``, ``<object>``, ``<embed>``.

    Embedded frames load third-party pages that can track readers, autoplay,
    or disappear and leave a blank box; plugins (``<object>``, ``<embed>``) no
    longer run in browsers at all. Sanitisers remove them, so the post changes
    meaning when it is syndicated.

    The message names the address it loads. Posts imported from Blogger,
    WordPress or Tistory hold their videos this way: a shortcode or include of
    the new site (``{{< youtube id >}}``) shows them without the frame.

    Bad: ``<iframe src="https://www.youtube.com/embed/..."></iframe>`` pasted in the body.
    Good: a theme include or shortcode that renders a privacy-friendly embed.
    """

    code = "NP502"
    name = "embedded-frame"
    severity = Severity.WARNING
    summary = "embedded frame or plugin in the body"

    def check(self, ctx: Context) -> Iterator[Issue]:
        for tag in scan(ctx).start_tags(*_FRAMES):
            # What it loads, so that a video of a known site reads apart from an unknown page.
            loaded = next(
                (
                    attr.value.strip()
                    for attr in (tag.get("src"), tag.get("data"))
                    if attr is not None and attr.value and attr.value.strip()
                ),
                None,
            )
            message = (
                f"<{tag.name}> embeds {loaded[:80]}"
                if loaded
                else f"<{tag.name}> embeds another page or plugin"
            )
            yield self.issue_at(ctx, tag.start, message)


@register
class FormElement(LintRule):
    """The body has a ``<form>``.

    A form in a post can post readers' input anywhere, and is the usual shape of
    a phishing page; newsletters and feeds drop it. Sign-up and search forms
    belong in the theme.

    Bad: ``<form action="https://collect.example/login"><input type="password"></form>``.
    Good: a link to the site's own sign-up page.
    """

    code = "NP503"
    name = "form-element"
    severity = Severity.WARNING
    summary = "<form> in the body"

    def check(self, ctx: Context) -> Iterator[Issue]:
        for tag in scan(ctx).start_tags("form"):
            yield self.issue_at(ctx, tag.start)


_HANDLER_ATTR = re.compile(r"""(on[a-z]+)[ \t\r\n]*=""")


@register
class EventHandlerAttribute(LintRule):
    """A tag has an event handler attribute (``onclick``, ``onerror``, ``onload``...).

    Handlers are scripts: ``<img src=x onerror="...">`` runs code the moment the
    page loads, which is the classic cross-site scripting payload.

    Bad: ``<img src="a.png" onerror="alert(1)">``.
    Good: ``<img src="a.png" alt="...">``.
    """

    code = "NP504"
    name = "event-handler-attribute"
    severity = Severity.ERROR
    summary = "event handler attribute"

    def check(self, ctx: Context) -> Iterator[Issue]:
        sc = scan(ctx)
        if not _HANDLER_ATTR.search(sc.lower):
            return
        for found in sc.finditer(_HANDLER_ATTR):
            if not found.start() or sc.body[found.start() - 1] not in BEFORE_ATTRIBUTE:
                continue  # the tail of a word or of another name ("button=")
            at = sc.body_start + found.start(1)
            name = sc.tag_holding(at)
            if name is None:
                continue  # "on...=" in text or in a quoted value, not in a tag
            yield self.issue_at(ctx, at, f"<{name}> has the event handler {found.group(1).lower()}")


# Browsers drop ASCII whitespace and control characters anywhere in a scheme,
# so "java&#x09;script:" and " JavaScript:" both run.
_IGNORED_IN_SCHEME = re.compile(r"[\x00-\x20\x7f-\x9f\u200b\ufeff]+")
_SAFE_DATA_IMAGE = re.compile(r"^data:image/(?:png|gif|jpe?g|webp|avif|bmp|x-icon);", re.IGNORECASE)
_IMAGE_TAGS = frozenset({"img", "source", "picture", "input"})


@register
class DangerousUrl(LintRule):
    """A link or source uses a ``javascript:``, ``vbscript:`` or ``data:`` URL.

    ``javascript:`` and ``vbscript:`` URLs run code when clicked; ``data:`` URLs
    in links and frames can hold a whole page that looks like the site. Values are
    checked after decoding character references and dropping the whitespace and
    control characters browsers ignore, case-insensitively. ``data:`` raster images
    (``data:image/png`` and the like) in ``<img>`` are allowed, and so is any
    ``data:image/`` placeholder (an SVG too) in the ``src`` of a lazily loaded
    ``<img>``, whose ``data-src`` (or ``data-srcset``...) holds the real image: an image
    in ``<img>`` runs no script, and lazy-loading plugins write such tiny placeholders.

    Bad: ``<a href="javascript:void(0)">``, ``<a href="JaVa&#x09;Script:alert(1)">``.
    Good: ``<a href="https://example.org/page">``.
    """

    code = "NP505"
    name = "dangerous-url"
    severity = Severity.ERROR
    summary = "javascript:, vbscript: or data: URL"

    def check(self, ctx: Context) -> Iterator[Issue]:
        lazy: set[int] | None = None  # where the src of each lazily loaded <img> starts
        for ref in scan(ctx).urls:
            if ":" not in ref.value:
                continue
            value = _IGNORED_IN_SCHEME.sub("", ref.value[:64]).lower()
            scheme = value.split(":", 1)[0]
            if scheme not in ("javascript", "vbscript", "data"):
                continue
            if (
                scheme == "data"
                and _SAFE_DATA_IMAGE.match(value)
                and scan(ctx).tag_before(ref.start) in _IMAGE_TAGS
            ):
                continue
            if scheme == "data" and ref.kind == "src" and value.startswith("data:image/"):
                if lazy is None:
                    lazy = {i.src_offset for i in scan(ctx).images if i.lazy_src is not None}
                if ref.start in lazy:
                    continue  # a lazy loader's placeholder: the real image is elsewhere
            yield self.issue_at(
                ctx, ref.start, f"{scheme}: URL in {ref.kind}: {ref.value.strip()[:60]}"
            )


_STYLE_ATTR = re.compile(r"""style[ \t\r\n]*=""")
# A style that sets nothing: style="" (Naver's editor writes it on every tag), style=";".
_NO_STYLE = re.compile(r"""[ \t\r\n]*(?:"[\s;]*"|'[\s;]*')""")


@register
class InlineStyle(LintRule):
    """A tag has an inline ``style`` attribute.

    Inline styles override the theme (fonts, colours, sizes pasted from an editor),
    break dark mode and small screens, and are stripped by feeds and sanitisers,
    so the post looks different everywhere. Info: often harmless, always noise.
    An empty one (``style=""``, which Naver's editor writes on every tag) sets
    nothing and is not reported.

    Bad: ``<p style="font-size:18px">``.
    Good: ``<p>``, with the size set once in the theme.
    """

    code = "NP506"
    name = "inline-style"
    severity = Severity.INFO
    summary = "inline style attribute"

    def check(self, ctx: Context) -> Iterator[Issue]:
        sc = scan(ctx)
        if "style" not in sc.lower:
            return
        body = sc.body
        for found in sc.finditer(_STYLE_ATTR):
            start = found.start()
            if not start or body[start - 1] not in BEFORE_ATTRIBUTE:
                continue  # the tail of another name ("font-style=")
            opening = body.rfind("<", 0, start)
            if opening < 0 or body.find(">", opening, start) >= 0:
                continue  # "style=" in text, not in a tag
            if _NO_STYLE.match(body, found.end()):
                continue
            name = sc.tag_name_at(opening) or "tag"
            yield self.issue_at(ctx, sc.body_start + start, f"<{name}> has an inline style")


_PAGE_LEVEL = ("style", "link", "meta", "base", "html", "head", "body", "title")


@register
class PageLevelElement(LintRule):
    """The body has an element that belongs to the page, not to a post.

    These are ``<style>``, ``<meta>``, ``<base>``, ``<link>``, ``<html>``,
    ``<head>``, ``<body>`` and ``<title>``. A ``<style>`` restyles the whole site
    page, ``<base>`` changes where every relative link goes, ``<meta
    http-equiv="refresh">`` redirects readers away; ``<html>``/``<body>`` mean a
    whole page was pasted in.

    Bad: ``<style>body { background: red }</style>``,
    ``<meta http-equiv="refresh" content="0;url=...">``.
    Good: nothing; page-level settings belong in the theme.
    """

    code = "NP507"
    name = "page-level-element"
    severity = Severity.WARNING
    summary = "page-level element in the body"

    def check(self, ctx: Context) -> Iterator[Issue]:
        for tag in scan(ctx).start_tags(*_PAGE_LEVEL):
            yield self.issue_at(ctx, tag.start, f"<{tag.name}> belongs to the page, not the post")
