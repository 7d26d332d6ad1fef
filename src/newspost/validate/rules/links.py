"""NP3xx: links and sources: broken schemes, placeholders, bogus rel values, attribution.

URLs are found in the raw body (``href``/``src`` attributes, Markdown links,
images and reference definitions; never inside code), so each finding points at
the URL as written and a fix can edit exactly its bytes.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

import yaml

from newspost.model.front_matter import SOURCE_URL_KEYS
from newspost.validate._rule import Context, Edit, Fix, Issue, LintRule, Severity, register
from newspost.validate.rules._util import (
    AUTOLINK,
    MdLink,
    Scan,
    UrlRef,
    delete_line_edit,
    host_of,
    node_offset,
    on_hosts,
    scan,
)

__all__ = [
    "EmptyLinkText",
    "InvalidUrlScheme",
    "LinkToImportedBlog",
    "LocalLink",
    "NoSourceAttribution",
    "PlaceholderLink",
    "RelDofollow",
    "SourceWithoutUrl",
    "SpaceInMarkdownAddress",
    "UrlAsLinkText",
]

# A scheme that is meant to be http(s) but is not: httpss, htps, htttp, ttps, hhttp...
# The colon may be doubled ("http:://") or typed as the semicolon on its key ("https;//").
_BROKEN_SCHEME = re.compile(
    r"^(?P<scheme>h{1,2}t{0,3}p{1,2}s{0,3}|t{1,2}ps?)(?P<colon>[:;]{0,2})(?P<slashes>[/\\]*)",
    re.IGNORECASE,
)


# Where a misspelt scheme may start: h{1,2}t{0,3}p, or t{1,2}ps?[:/], not inside a word.
# Written to start with the class [hHtT] (the letter before it is checked behind), so that
# the engine skips from one h or t to the next instead of trying every character.
_SCHEME_START = re.compile(
    r"[hHtT](?<![A-Za-z].)(?:(?<=[hH])[hH]?[tT]{0,3}[pP]|(?<=[tT])[tT]?[pP][sS]?[:/])"
)


def _scheme_repair(url: str) -> tuple[str, str] | None:
    """(the broken prefix, its repair) when a URL's http(s) scheme is misspelt or malformed."""
    found = _BROKEN_SCHEME.match(url)
    if not found:
        return None
    scheme = found.group("scheme").lower()
    colon, slashes = found.group("colon"), found.group("slashes")
    if scheme in ("http", "https"):
        if not colon and slashes != "//":
            return None  # "http-guide.html", "https" as a word: not a URL at all
        if colon == ":" and slashes == "//":
            return None
    elif not colon and slashes != "//":
        return None
    fixed = "https://" if scheme.endswith("s") else "http://"
    return found.group(), fixed


def _may_be_broken(url: str) -> bool:
    """False for the common cases (a correct http(s) scheme, another start), without a pattern."""
    if url.startswith(("https://", "http://")):
        return url.startswith(("https:///", "http:///"))  # a third slash: "https:///a.kr"
    return url[:1] in " \t\nhHtT"


def _yaml_scalars(node: yaml.Node) -> Iterator[yaml.ScalarNode]:
    if isinstance(node, yaml.MappingNode):
        for _, value in node.value:
            yield from _yaml_scalars(value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _yaml_scalars(item)
    elif isinstance(node, yaml.ScalarNode):
        yield node


@register
class InvalidUrlScheme(LintRule):
    """A URL's scheme is misspelt or malformed: ``httpss://``, ``htps://``, ``https//``.

    (Or ``http:/x`` and ``https:///x``, with a slash missing or one too many, and
    ``http:://x`` or ``https;//x``, with the colon doubled or mistyped.) Browsers
    treat an unknown scheme as a relative path (``httpss://a.kr`` becomes
    ``/post/httpss://a.kr``), so the link is dead; a missing or extra slash breaks
    feed readers and link checkers even where browsers guess. Checked in ``href``
    and ``src`` values, Markdown links, images and autolinks (``<httpss://...>``),
    reference definitions and YAML front matter values. The fix rewrites only the
    scheme (``https://`` when the misspelling ends in "s", else ``http://``).

    Bad: ``<a href="httpss://newsdao.kr/2624">``.
    Good: ``<a href="https://newsdao.kr/2624">``.
    """

    code = "NP301"
    name = "invalid-url-scheme"
    severity = Severity.ERROR
    summary = "URL scheme is misspelt or malformed"
    fixable = True

    def check(self, ctx: Context) -> Iterator[Issue]:
        text = ctx.post.raw.text
        for ref in scan(ctx).urls:
            if _may_be_broken(ref.raw):
                yield from self._check(ctx, text, ref.raw, ref.start)
        front = ctx.post.raw.front_matter_text
        if ctx.post.raw.format != "yaml" or not any(
            _may_be_broken(front[m.start() : m.start() + 16])
            and _scheme_repair(front[m.start() : m.start() + 16])
            for m in _SCHEME_START.finditer(front)
        ):
            return  # no broken scheme in the front matter: skip composing its YAML
        root = scan(ctx).yaml_root
        if root is not None:
            for node in _yaml_scalars(root):
                value = str(node.value)
                if value[:1] not in "hHtT" or node.style in ("|", ">"):
                    continue
                start = node_offset(ctx, node.start_mark) + (1 if node.style in ('"', "'") else 0)
                yield from self._check(ctx, text, value, start)

    def _check(self, ctx: Context, text: str, raw: str, start: int) -> Iterator[Issue]:
        if not _may_be_broken(raw):
            return
        stripped = raw.lstrip()
        start += len(raw) - len(stripped)
        repair = _scheme_repair(stripped)
        if repair is None:
            return
        broken, fixed = repair
        fix = None
        if text.startswith(broken, start):
            fix = Fix(
                description=f"write {fixed!r} instead of {broken!r}",
                edits=[Edit(start=start, end=start + len(broken), replacement=fixed)],
            )
        yield self.issue_at(
            ctx, start, f"URL scheme {broken!r} should be {fixed!r}: {stripped[:80]}", fix=fix
        )


# Words left where the address was to go: "링크 주소", "LINK_URL", "url_here", "link1",
# "링크_삽입", "여기에 링크"...
_PLACEHOLDER_WORD = (
    r"(?:링크|주소|url|link)(?:[-_\s]*(?:주소|url|link|here|address|\d+))*|"
    r"(?:링크|주소|url)[-_\s]*(?:를|을)?[-_\s]*(?:입력|삽입|추가)\S*|"
    r"your[-_ ]?(?:link|url)(?:[-_ ]?here)?|(?:insert|add|paste)[-_ ]?(?:link|url)(?:[-_ ]?here)?|"
    r"여기에.*|tbd|todo|x{3,}"
)
# Such a word alone, in brackets ("[링크]", "(URL)", "{link}"), after "#" or after a bare
# scheme ("https://링크주소"); "#" alone; a scheme alone; a placeholder .com host.
_PLACEHOLDER_URL = re.compile(
    rf"^(?:#|about:blank|https?:/{{0,2}}|(?:https?://|#)?[(\[{{<]{{0,2}}(?:{_PLACEHOLDER_WORD})[)\]}}>]{{0,2}}|"
    r"(?:https?://)?(?:www\.)?(?:link|url|domain|your-?(?:web)?site|yourdomain)\.com/?)$",
    re.IGNORECASE,
)
_LINK_KINDS = frozenset({"href", "md", "ref"})
# A reference definition's label, at the start of its line.
_REF_LABEL = re.compile(r"[ ]{0,3}\[([^\]\n]+)\]:")


def _unused_definition(sc: Scan, ref: UrlRef) -> bool:
    """Whether a reference definition is one that no link in the body uses.

    Markdown has no comments, and ``[//]: # (a note)`` or ``[comment]: <> (a note)``
    is the idiom for one: a definition that renders nothing and that no reader can
    follow. A use is the label in brackets anywhere else (``[text][label]``,
    ``[label][]``, ``[label]``), in any case.
    """
    body = sc.body
    line_start = body.rfind("\n", 0, ref.start - sc.body_start) + 1
    found = _REF_LABEL.match(body, line_start)
    if found is None:
        return False
    label = "[" + " ".join(found.group(1).split()).lower() + "]"
    lower = sc.lower
    return lower.count(label) == lower.count(label + ":")  # "[//]:" twice: two comments


@register
class PlaceholderLink(LintRule):
    """A link points at a placeholder: "링크주소", "여기에_링크_삽입", "#", "URL", example.com.

    Templates and generators leave such placeholders where the real address was
    to go; readers click and land nowhere (``#`` jumps to the top). The words count
    joined (``LINK_URL``, ``url_here``), in brackets (``[링크]``, ``(URL)``), after
    ``#`` or after a bare scheme (``https://링크주소``). Checked in
    ``href`` values, Markdown links and the reference definitions a link uses
    (``[//]: # (a note)``, which none uses, is Markdown's idiom for a comment);
    hosts come from ``options.placeholder_hosts``. ``javascript:`` links are NP505's.

    Bad: ``[👈 클릭](여기에_링크_삽입)``, ``<a href="#">예약하기</a>``.
    Good: ``[👈 클릭](https://island.theksa.co.kr/)``.
    """

    code = "NP302"
    name = "placeholder-link"
    severity = Severity.ERROR
    summary = "link points at a placeholder"

    def check(self, ctx: Context) -> Iterator[Issue]:
        hosts = ctx.options.placeholder_hosts
        sc = scan(ctx)
        for ref in sc.urls:
            if ref.kind not in _LINK_KINDS:
                continue
            value = ref.value.strip()
            if not (not value or _PLACEHOLDER_URL.match(value) or on_hosts(value, hosts)):
                continue
            if ref.in_html and sc.tag_before(ref.start) not in ("a", "area"):
                continue  # <link href>, <base href>: not a link a reader follows
            if ref.kind == "ref" and _unused_definition(sc, ref):
                continue  # "[//]: # (a note)": a comment, not a link
            shown = value or "(empty)"
            yield self.issue_at(ctx, ref.start, f"link points at a placeholder: {shown}")


_BOGUS_REL = frozenset({"dofollow", "follow", "do-follow"})
_REL = re.compile(r"""rel[ \t\r\n]*=[ \t\r\n]*(?:"([^"<>]*)"|'([^'<>]*)'|([^\s"'=<>`]+))""")


@register
class RelDofollow(LintRule):
    """A link has ``rel="dofollow"`` (or ``follow``), a value that does not exist.

    Links are followed unless they say ``nofollow``; "dofollow" is an SEO myth that
    no search engine reads, and HTML validators reject it. The fix removes the
    token, and the whole ``rel`` attribute when nothing else is left in it.

    In a kramdown (Jekyll) post, an attribute list sets it too:
    ``[text](https://x.kr){: rel="dofollow"}``, or a ``{: rel="dofollow"}`` line. The
    fix removes the token, the attribute, or the whole list when nothing else is
    left in it; a list alone on its line between two lines of text is left to you
    (without it, they would join into one paragraph). In other flavors such a list
    is text.

    Bad: ``<a href="https://newsdao.kr" rel="dofollow">``,
    ``[뉴스다오](https://newsdao.kr){: rel="dofollow"}``.
    Good: ``<a href="https://newsdao.kr">``, ``[뉴스다오](https://newsdao.kr)``.
    """

    code = "NP303"
    name = "rel-dofollow"
    severity = Severity.WARNING
    summary = 'rel="dofollow" is not a rel value'
    fixable = True

    def check(self, ctx: Context) -> Iterator[Issue]:
        sc = scan(ctx)
        if "follow" not in sc.lower:
            return
        base = sc.body_start
        body = sc.body
        reported: set[int] = set()
        for found in sc.finditer(_REL):
            first = found.start()
            while first > 0 and body[first - 1] in " \t\r\n":
                first -= 1
            space = found.start() - first
            opening = body.rfind("<", 0, found.start())
            if not space or opening < 0 or body.find(">", opening, found.start()) >= 0:
                continue  # "data-rel=", or "rel=" in text: not a rel attribute
            group = next(i for i in (1, 2, 3) if found.group(i) is not None)
            raw = body[found.start(group) : found.end(group)]
            tokens = raw.split()
            kept = [t for t in tokens if t.lower() not in _BOGUS_REL]
            if len(kept) == len(tokens):
                continue
            bogus = next(t for t in tokens if t.lower() in _BOGUS_REL)
            value_start = base + found.start(group)
            if kept:
                edit = Edit(
                    start=value_start, end=value_start + len(raw), replacement=" ".join(kept)
                )
            else:
                # Remove the whole attribute with the space before it: <a href="x">.
                edit = Edit(
                    start=base + found.start() - space, end=base + found.end(), replacement=""
                )
            fix = Fix(description=f"remove {bogus!r} from rel", edits=[edit])
            reported.add(found.start())
            yield self.issue_at(
                ctx, base + found.start(), f'rel="{raw}": {bogus!r} is not a rel value', fix=fix
            )
        # kramdown reads attribute lists; in other flavors "{: rel=...}" is text.
        if ctx.post.flavor == "kramdown" and "{" in body and "{:" in body:  # "{" first: cheaper
            yield from self._attribute_lists(ctx, reported)

    def _attribute_lists(self, ctx: Context, reported: set[int]) -> Iterator[Issue]:
        """Bogus rel values set by kramdown's attribute lists, ``{: rel="dofollow"}``.

        ``reported`` holds the body offsets of the ``rel`` attributes already reported.
        """
        sc = scan(ctx)
        base = sc.body_start
        for ial in _IAL.finditer(sc.body):
            rels = list(_IAL_REL.finditer(ial.group(1)))
            for found in rels:
                at = ial.start(1) + found.start()
                group = 1 if found.group(1) is not None else 2
                raw = found.group(group)
                tokens = raw.split()
                kept = [t for t in tokens if t.lower() not in _BOGUS_REL]
                if len(kept) == len(tokens) or at in reported:
                    continue
                bogus = next(t for t in tokens if t.lower() in _BOGUS_REL)
                edits: list[Edit] | None = None
                if kept:
                    value_start = base + ial.start(1) + found.start(group)
                    edit = Edit(
                        start=value_start, end=value_start + len(raw), replacement=" ".join(kept)
                    )
                    edits = [edit]
                elif len(rels) == 1:  # with two rel attributes, removals could overlap
                    edits = _without_attribute(ctx, ial, found)
                fix = Fix(description=f"remove {bogus!r} from rel", edits=edits) if edits else None
                yield self.issue_at(
                    ctx, base + at, f'rel="{raw}": {bogus!r} is not a rel value', fix=fix
                )


# A kramdown attribute list: a span or block IAL ("{: .class rel="x"}") or an attribute
# list definition ("{:name: rel="x"}"); not an extension ("{::comment}", "{:/}").
_IAL = re.compile(r"\{:(?![:/])([^{}\n]*)\}")
# A rel key-value pair in one, as kramdown reads them: quoted, no space around "=", at the
# list's start or after a space, and followed by a space or the end.
_IAL_REL = re.compile(r"""(?:^|(?<=\s))rel=(?:"([^"]*)"|'([^']*)')(?=\s|$)""", re.IGNORECASE)
# An attribute list definition's name ("{:ref: ...}"), which must keep an attribute.
_ALD_NAME = re.compile(r"^\w[\w-]*:")


def _without_attribute(ctx: Context, ial: re.Match[str], rel: re.Match[str]) -> list[Edit] | None:
    """The edits that take a ``rel`` attribute out of a kramdown attribute list, or None.

    The attribute goes with the spaces before it; a list left empty goes whole (an
    empty ``{:}`` would show as text), and a list alone on its line goes with its line
    when a blank line (or the start or end of the body) is next to it: between two
    lines of text, the line kept them apart (it ends a paragraph), so no fix is offered.
    """
    sc = scan(ctx)
    base, body = sc.body_start, sc.body
    content = ial.group(1)
    start, end = rel.start(), rel.end()
    while start > 0 and content[start - 1].isspace():
        start -= 1
    rest = (content[:start] + content[end:]).strip()
    name = _ALD_NAME.match(rest)
    if rest[name.end() :].strip() if name else rest:
        at = base + ial.start(1)
        return [Edit(start=at + start, end=at + end, replacement="")]
    if name:
        return None  # a definition needs an attribute: "{:ref:}" would be text
    line_start = body.rfind("\n", 0, ial.start()) + 1
    line_end = body.find("\n", ial.end())
    line_end = len(body) if line_end < 0 else line_end
    if body[line_start : ial.start()].strip() or body[ial.end() : line_end].strip():
        return [Edit(start=base + ial.start(), end=base + ial.end(), replacement="")]  # a span's
    before = body[: max(line_start - 1, 0)].rsplit("\n", 1)[-1]
    after = body[line_end + 1 :].split("\n", 1)[0]
    if before.strip() and after.strip():
        return None
    return [delete_line_edit(ctx, base + ial.start(), base + ial.end())]


# Front matter keys any of which names the post's source: its address (the keys JSON-LD's
# isBasedOn reads), its name, a list of them, or the page it was copied from.
_SOURCE_KEYS = ("source", "sources", *SOURCE_URL_KEYS, "canonical_url", "canonical", "via")


@register
class NoSourceAttribution(LintRule):
    """The post names no source: no "출처:"/"Source:"/"via" line, no ``source_url`` key.

    Nor a ``sources`` list in the front matter, as LLM-written news sites keep theirs.

    Nor a list of links under a sources heading ("## 참고 자료", "## References") or
    line ("Sources:"), which name one source an item.

    A news post built on someone else's reporting must say whose it is, with a
    link: readers need to check it, and publishers require it. Info, because
    original reporting and blog posts have no source to name; disable the rule
    for such sites.

    Bad: a rewritten wire story with no attribution.
    Good: ``<p>출처: <a href="https://www.mois.go.kr/...">원문 제목</a> | 행정안전부</p>``.
    """

    code = "NP304"
    name = "no-source-attribution"
    severity = Severity.INFO
    summary = "post names no source"

    def check(self, ctx: Context) -> Iterator[Issue]:
        post = ctx.post
        if post.sources or any(post.front_matter.extra.get(key) for key in _SOURCE_KEYS):
            return
        if not (post.lead or post.sections or post.footer):
            return  # an empty body has nothing to attribute
        yield self.issue(ctx, line=post.raw.body_line)


# Credits name a rights holder, not a story: a photo's, or a chart's data ("자료: 통계청").
_CREDIT_LABELS = re.compile(
    r"^(?:사진\s*출처|사진|자료|자료\s*출처|credits?|image\s+credits?|photo\s+credits?)$",
    re.IGNORECASE,
)


@register
class SourceWithoutUrl(LintRule):
    """A source line names a source but links nowhere ("출처: 온라인 커뮤니티").

    An attribution without a link cannot be checked, and vague ones ("온라인
    커뮤니티", "인터넷") credit no one. Photo and data credits ("사진 출처: ...",
    "자료: 통계청" under a chart) are not reported: they name a rights holder, not a
    story.

    Bad: ``출처: 매일신문``.
    Good: ``출처: <a href="https://www.imaeil.com/page/view/...">기사 제목</a> | 매일신문``.
    """

    code = "NP305"
    name = "source-without-url"
    severity = Severity.WARNING
    summary = "source has no link"

    def check(self, ctx: Context) -> Iterator[Issue]:
        for source in ctx.post.sources:
            if source.url or _CREDIT_LABELS.match(source.label.strip()):
                continue
            yield self.issue(ctx, f"source {source.text!r} has no link", line=source.line)


_TAGS = re.compile(r"<[^<>]*>")
_INVISIBLE = re.compile(r"[\s\u00a0\u200b-\u200d\u2060\ufeff]+")
_MEDIA = re.compile(r"<(?:img|svg|picture|video|audio|canvas|object|embed|iframe)\b", re.IGNORECASE)
# What the inner HTML of a suspect anchor looks like, as a cheap first test.
_EMPTY_INNER = re.compile(r"^(?:\s|&nbsp;|&#160;|<[^<>]*>)*$", re.IGNORECASE)
_URL_INNER = re.compile(r"^\s*(?:<[^<>]*>\s*)*(?:[a-z][a-z0-9+.-]*://|//|www\.)", re.IGNORECASE)
_NAMED = re.compile(r"\b(?:aria-label|aria-labelledby|title)\s*=", re.IGNORECASE)
_URL_TEXT = re.compile(r"^(?:[a-z][a-z0-9+.-]*://|//|www\.)\S+$", re.IGNORECASE)


def _anchors(ctx: Context, pattern: re.Pattern[str]) -> Iterator[tuple[int, str, str]]:
    """(offset, attributes, inner HTML) of each ``<a href>`` whose inside ``pattern`` matches."""
    for offset, attrs, inner in scan(ctx).anchors:
        if pattern.search(inner) and "href" in attrs.lower():
            yield offset, attrs, inner


def _visible(inner_html: str) -> str:
    return _INVISIBLE.sub(" ", html.unescape(_TAGS.sub("", inner_html))).strip()


def _visible_md(text: str) -> str:
    """What a reader sees of a Markdown link's text: autolinks as their address, no tags.

    ox-hugo writes an Org link to a bare address as ``[<https://a.org>](<https://a.org>)``.
    """
    if "<" in text and ":" in text:
        text = AUTOLINK.sub(r"\1", text)
    return _visible(text)


@register
class EmptyLinkText(LintRule):
    """A link has no text: nothing to read, nothing for a screen reader to announce.

    ``<a href="..."></a>`` or ``[](...)`` renders as an invisible link, or as the
    bare URL read out letter by letter. Links wrapping an image, and links with an
    ``aria-label`` or ``title``, have a name and are not reported.

    Bad: ``<a href="https://opensis.kr"> </a>``.
    Good: ``<a href="https://opensis.kr">opensis 원문 보기</a>``.
    """

    code = "NP306"
    name = "empty-link-text"
    severity = Severity.WARNING
    summary = "link has no text"

    def check(self, ctx: Context) -> Iterator[Issue]:
        for offset, attrs, inner in _anchors(ctx, _EMPTY_INNER):
            if _visible(inner) or _MEDIA.search(inner) or _NAMED.search(attrs):
                continue
            yield self.issue_at(ctx, offset)
        found = scan(ctx)
        for link in found.md_links:
            if not link.image and not _visible_md(link.text) and "![" not in link.text:
                if _code_text(found.text, link):
                    continue
                yield self.issue_at(ctx, link.start)


def _code_text(text: str, link: MdLink) -> bool:
    """Whether a Markdown link's text, blank once code is masked, is inline code.

    ``[`kubectl`](/docs/kubectl)`` shows its code as the link's text.
    """
    start = link.start + 1  # past the "["
    return "`" in text[start : start + len(link.text)]


@register
class UrlAsLinkText(LintRule):
    """A link's text is its own URL (``<a href="https://a.kr">https://a.kr</a>``).

    A URL says nothing about where it leads, screen readers spell it out, and long
    ones break small layouts; write what the reader gets there. Info: it is a
    style choice, and bare autolinks (``<https://...>``) are not reported.

    Bad: ``바로, <a href="https://newsdao.kr">https://newsdao.kr</a>``.
    Good: ``바로, <a href="https://newsdao.kr">뉴스다오 홈페이지</a>``.
    """

    code = "NP307"
    name = "url-as-link-text"
    severity = Severity.INFO
    summary = "link text is a bare URL"

    def check(self, ctx: Context) -> Iterator[Issue]:
        for offset, _, inner in _anchors(ctx, _URL_INNER):
            shown = _visible(inner)
            if _URL_TEXT.match(shown):
                yield self.issue_at(ctx, offset, f"link text is a bare URL: {shown[:80]}")
        for link in scan(ctx).md_links:
            # ox-hugo's [<https://a.org>](<https://a.org>) is an autolink, not reported
            shown = _visible(link.text)
            if not link.image and _URL_TEXT.match(shown):
                yield self.issue_at(ctx, link.start, f"link text is a bare URL: {shown[:80]}")


# file:, a loopback host, a Windows drive or share, or a home folder's path as an
# exporter writes it (medium-to-markdown's "/Users/me/…/img/1__x.png"): macOS's
# /Users/<name>/, or a Linux home's Desktop, Documents, Downloads or Pictures. Those
# are matched in their case: a site's "/users/kim/" is one of its pages.
_LOCAL_URL = re.compile(
    r"^(?:file:|[a-z]+://(?:localhost|127(?:\.\d{1,3}){3}|0\.0\.0\.0|\[::1\])(?:[:/?#]|$)|[a-z]:[\\/]|\\\\"
    r"|(?-i:/Users/[^/\s]+/|/home/[^/\s]+/(?:Desktop|Documents|Downloads|Pictures)/))",
    re.IGNORECASE,
)


@register
class LocalLink(LintRule):
    r"""A link or image points at the author's own machine: ``file:``, ``localhost``, ``C:\``.

    Such addresses work in the editor's preview and nowhere else; every reader
    gets a broken link or a missing image.

    An exporter that saves images beside the post may write their path on the
    author's machine (``/Users/me/export/img/1.png``, a macOS home folder).

    Bad: ``<img src="file:///C:/Users/me/Desktop/photo.jpg">``, ``http://localhost:4000/post``.
    Good: ``<img src="/assets/img/photo.jpg">``.
    """

    code = "NP308"
    name = "local-link"
    severity = Severity.ERROR
    summary = "URL points at a local machine"

    def check(self, ctx: Context) -> Iterator[Issue]:
        for ref in scan(ctx).urls:
            value = ref.value.strip()
            if _LOCAL_URL.match(value):
                yield self.issue_at(ctx, ref.start, f"URL points at a local machine: {value[:80]}")


# The front matter keys in which an importer keeps the address the post had on the
# blog it came from: jekyll-import's Blogger and Tumblr importers, and exitwp's
# WordPress "link" (read only beside its "wordpress_id": "link" alone is any theme's).
_ORIGIN_KEYS = ("blogger_orig_url", "tumblr_url")
# Blog platforms' own hosts, which a static site cannot be: a link to a post there
# leads off the new site whatever its address.
_PLATFORM_HOSTS = ("blogspot.com", "tumblr.com", "wordpress.com")
_BLOGSPOT = re.compile(r"(?:^|\.)blogspot\.[a-z.]+$")  # blogspot.de, blogspot.co.uk...


@register
class LinkToImportedBlog(LintRule):
    """A link points at the old blog the post was imported from, not at this site.

    Importers keep the post's old address in the front matter (jekyll-import's
    ``blogger_orig_url`` and ``tumblr_url``, exitwp's ``link`` beside
    ``wordpress_id``) and leave the body's links as they were: a link to another
    post of the old blog sends readers back to it, to a copy that may be gone or
    out of date. Links to that host are reported when it is a blog platform's
    (``*.blogspot.com``, ``*.tumblr.com``, ``*.wordpress.com``), or when
    ``site-url`` names another host; a blog on its own domain may have moved to
    the new site under the same addresses. jekyll-import's
    ``--replace-internal-link`` writes Blogger's as ``{% post_url %}`` tags.

    Bad: ``blogger_orig_url: http://news.blogspot.com/2011/03/a.html`` and
    ``<a href="http://news.blogspot.com/2011/02/b.html">``.
    Good: ``<a href="{{ site.baseurl }}{% post_url 2011-02-10-b %}">``.
    """

    code = "NP309"
    name = "link-to-imported-blog"
    severity = Severity.WARNING
    summary = "link points at the blog the post was imported from"

    def check(self, ctx: Context) -> Iterator[Issue]:
        origin = _imported_from(ctx)
        if origin is None:
            return
        key, old_host = origin
        site_host = _bare_host(host_of(ctx.options.site_url or "") or "")
        if site_host:
            if site_host == old_host:
                return  # the site lives at the old blog's address now
        elif not (on_hosts("//" + old_host, list(_PLATFORM_HOSTS)) or _BLOGSPOT.search(old_host)):
            return
        sc = scan(ctx)
        for ref in sc.urls:
            if ref.kind not in _LINK_KINDS and ref.kind != "autolink":
                continue
            if _bare_host(host_of(ref.value) or "") != old_host:
                continue
            if ref.in_html and sc.tag_before(ref.start) not in ("a", "area"):
                continue
            yield self.issue_at(
                ctx,
                ref.start,
                f"link points at the old blog {old_host} ({key}): {ref.value.strip()[:80]}",
            )


def _imported_from(ctx: Context) -> tuple[str, str] | None:
    """(key, host without "www.") of the post's address on the blog it was imported from."""
    extra = ctx.post.front_matter.extra
    keys = [*_ORIGIN_KEYS, "link"] if "wordpress_id" in extra else list(_ORIGIN_KEYS)
    for key in keys:
        value = extra.get(key)
        host = _bare_host(host_of(value) or "") if isinstance(value, str) else ""
        if host:
            return key, host
    return None


def _bare_host(host: str) -> str:
    return host.removeprefix("www.")


# After a Markdown destination and a space, what may follow: its title ("…", '…' or
# (…)) and the closing parenthesis. Anything else means the destination held a space.
_AFTER_DESTINATION = re.compile(r"[ \t]+[^\s)]")
_TITLE_THEN_CLOSE = re.compile(r"""[ \t]+(?:"[^"\n]*"|'[^'\n]*'|\([^()\n]*\))[ \t]*\)""")


@register
class SpaceInMarkdownAddress(LintRule):
    """A Markdown link's or image's address holds a space, so the page shows it as text.

    CommonMark (Hugo's goldmark, markdown-it, GitHub) ends an address at a space:
    ``![photo](/uploads/다운로드 (4).jpg)`` is no image but its own Markdown,
    brackets and all, in the text. Generators that name uploads after their
    original file ("다운로드 (4).jpg", "Screen Shot 1.png") write such addresses.
    Encode the space as ``%20``, or write the address in angle brackets.

    Bad: ``![EV9](https://example.com/uploads/다운로드 (4).jpg)``.
    Good: ``![EV9](https://example.com/uploads/다운로드%20(4).jpg)``.
    """

    code = "NP310"
    name = "space-in-markdown-address"
    severity = Severity.WARNING
    summary = "Markdown link or image address holds a space"

    def check(self, ctx: Context) -> Iterator[Issue]:
        sc = scan(ctx)
        text = ctx.post.raw.text
        for link in sc.md_links:
            ref = link.url
            if not ref.raw or "{" in ref.raw or text[ref.start - 1 : ref.start] == "<":
                continue  # a template tag, or an address in <…>: spaces are allowed there
            end = ref.start + len(ref.raw)
            if _AFTER_DESTINATION.match(text, end) and not _TITLE_THEN_CLOSE.match(text, end):
                what = "image" if link.image else "link"
                yield self.issue_at(
                    ctx,
                    ref.start,
                    f"{what} address holds a space, so it shows as text: {ref.raw[:60]} …",
                )
