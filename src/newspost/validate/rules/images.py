"""NP4xx: images in the body and their accessibility: alt text, addresses, placeholders.

Images are found in the raw body (``<img>`` tags, Markdown ``![alt](src)`` and, in
Hugo posts, ``{{< figure src=… >}}``; never inside code), so each finding points at
the image as written. A lazily loaded ``<img>`` (``src="data:image/gif;base64,…"
data-src="/real.jpg"``, see `newspost.model.Image.lazy_src`) is checked by its real
image, the one the reader sees: its address is the one reported.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterator

from newspost.validate._rule import Context, Issue, LintRule, Severity, register
from newspost.validate.rules._util import (
    BEFORE_ATTRIBUTE,
    BodyImage,
    front_matter_image_places,
    on_hosts,
    scan,
)

__all__ = [
    "GenericAltText",
    "InsecureImage",
    "MissingAltText",
    "PlaceholderBodyImage",
    "SiteRelativeImage",
]


def _images(ctx: Context) -> list[BodyImage]:
    return scan(ctx).images


@register
class MissingAltText(LintRule):
    """An ``<img>`` has no ``alt`` attribute.

    Without ``alt``, screen readers read the file name or URL, and a broken image
    shows nothing at all. Describe the picture; for a purely decorative one, write
    ``alt=""`` deliberately. A Hugo ``{{< figure >}}`` with neither ``alt`` nor
    ``caption`` writes such an ``<img>``.

    Bad: ``<img src="/files/debugger1.png">``.
    Good: ``<img src="/files/debugger1.png" alt="The debugger's variable view">``.
    """

    code = "NP401"
    name = "missing-alt-text"
    severity = Severity.WARNING
    summary = "image has no alt attribute"

    def check(self, ctx: Context) -> Iterator[Issue]:
        for image in _images(ctx):
            if image.alt is None:
                yield self.issue_at(
                    ctx, image.offset, f"image has no alt attribute: {image.shown_src[:80]}"
                )


_GENERIC_ALT = frozenset(
    "thumbnail thumb image img images photo photos picture pic pics graphic screenshot screen shot "
    "untitled alt alt text banner icon placeholder 사진 이미지 썸네일 그림 대표이미지 대표 이미지 "
    "스크린샷 캡처 캡쳐 배너 첨부 첨부이미지 image1 image 1 photo 1 写真 画像 图片 图像".split()
) | frozenset({"대표 이미지", "alt text", "screen shot", "image 1", "photo 1"})
# Korean phrases that name only the kind of picture: "본문 이미지", "관련 사진", "사진 설명".
_KO_PICTURES = ("이미지", "사진", "그림", "썸네일")
_GENERIC_ALT |= frozenset(
    f"{word}{space}{picture}"
    for word in ("본문", "관련", "첨부", "기사", "뉴스", "예시", "샘플", "참고")
    for picture in _KO_PICTURES
    for space in ("", " ")
) | frozenset(f"{picture}{space}설명" for picture in _KO_PICTURES for space in ("", " "))
_FILE_NAME_ALT = re.compile(
    r"^(?:[\w\-. ()]+\.(?:jpe?g|png|gif|webp|avif|svg|bmp|tiff?|heic)|"
    r"(?:img|dsc|dscn|dscf|pxl|mvimg|screenshot|스크린샷|kakaotalk)[_\- ]?[\d_\- ]{3,}.*)$",
    re.IGNORECASE,
)


def _generic(alt: str) -> bool:
    text = " ".join(unicodedata.normalize("NFC", alt).casefold().split()).strip(" .:-_")
    if not text:
        return False
    if text in _GENERIC_ALT or _FILE_NAME_ALT.match(text):
        return True
    # A generic word numbered, as generators number the pictures: "이미지1", "image-2".
    bare = text.rstrip("0123456789")
    return 0 < len(text) - len(bare) <= 3 and bare.rstrip(" _-") in _GENERIC_ALT


@register
class GenericAltText(LintRule):
    """An image's alt text is a generic word or a file name ("Thumbnail", "사진", "IMG_1234.jpg").

    Such alt text tells a screen reader user only that there is a picture, which
    they knew; it is what CMSs and generators fill in by default. Such words count
    numbered ("이미지1", "image-2") and in phrases that name only the kind of picture
    ("본문 이미지", "관련 사진", "사진 설명").

    Bad: ``![Thumbnail](https://img1.daumcdn.net/...)``.
    Good: ``![라배도 여객선 터미널 전경](https://img1.daumcdn.net/...)``.
    """

    code = "NP402"
    name = "generic-alt-text"
    severity = Severity.WARNING
    summary = "image alt text is generic"

    def check(self, ctx: Context) -> Iterator[Issue]:
        for image in _images(ctx):
            if image.alt and _generic(image.alt):
                yield self.issue_at(
                    ctx,
                    image.offset,
                    f"image alt text {image.alt!r} says nothing about the picture",
                )


@register
class SiteRelativeImage(LintRule):
    """An image's address is site-relative (``/assets/...``).

    It works on the site itself, but feeds, newsletters, syndication partners and
    reader apps show the post elsewhere, where ``/assets/...`` resolves against the
    wrong host and the image is missing. Info: themes that rewrite URLs in feeds
    make it harmless; protocol-relative ``//cdn...`` addresses are not reported.

    Bad: ``![뉴스다오 속보](/assets/img/newsdao_breakingnews.jpg)``.
    Good: ``![뉴스다오 속보](https://newsdao.kr/assets/img/newsdao_breakingnews.jpg)``.
    """

    code = "NP403"
    name = "site-relative-image"
    severity = Severity.INFO
    summary = "image address is site-relative"

    def check(self, ctx: Context) -> Iterator[Issue]:
        for image in _images(ctx):
            src = image.shown_src.strip()
            if src.startswith("/") and not src.startswith("//"):
                yield self.issue_at(
                    ctx, image.shown_offset, f"image address is site-relative: {src[:80]}"
                )


# srcset, and the data-srcset or data-lazy-srcset a lazy-loading script copies into it.
_SRCSET = re.compile(
    r"""(?:data-(?:lazy-)?)?srcset[ \t\r\n]*=[ \t\r\n]*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))"""
)
# A srcset candidate's URL: what is not whitespace, after the spaces and the comma that
# end the one before (descriptors such as "2x" are skipped by the host test).
_SRCSET_URL = re.compile(r"(?:^|,)[ \t\r\n]*([^\s,][^\s]*?),*(?=\s|$)")
_SRCSET_TAGS = frozenset({"img", "source"})


@register
class PlaceholderBodyImage(LintRule):
    """An image in the body comes from a placeholder service (``options.placeholder_hosts``).

    picsum.photos, placehold.it and the like serve random or blank pictures: the
    reader sees a stock photo unrelated to the story, a different one on each load.
    The candidates of a ``srcset`` (``<img>``, ``<picture>``'s ``<source>``) count too:
    the browser may pick any of them; so do a lazily loaded image's (``data-src``,
    ``data-srcset``...), which a script puts in the page.

    Bad: ``<img src="https://picsum.photos/800/400" alt="...">``,
    ``<source srcset="https://placehold.co/600x400 2x">``.
    Good: the story's own photo, with its credit.
    """

    code = "NP404"
    name = "placeholder-body-image"
    severity = Severity.WARNING
    summary = "body image is a placeholder"

    def check(self, ctx: Context) -> Iterator[Issue]:
        hosts = ctx.options.placeholder_hosts
        found = [
            (image.shown_offset, image.shown_src)
            for image in _images(ctx)
            if on_hosts(image.shown_src, hosts)
        ]
        if "srcset" in scan(ctx).lower:
            found = sorted(set(found).union(self._srcset(ctx, hosts)))  # a lazy one is in both
        for offset, src in found:
            yield self.issue_at(ctx, offset, f"image is a placeholder: {src[:80]}")

    @staticmethod
    def _srcset(ctx: Context, hosts: list[str]) -> Iterator[tuple[int, str]]:
        """(offset, URL) of each placeholder candidate in the body's srcset attributes."""
        sc = scan(ctx)
        body = sc.body
        for found in sc.finditer(_SRCSET):
            at = sc.body_start + found.start()
            if (
                not found.start()
                or body[found.start() - 1] not in BEFORE_ATTRIBUTE
                or sc.tag_holding(at) not in _SRCSET_TAGS
            ):
                continue  # "data-xyz-srcset=", or srcset= in text: no image the page loads
            group = next(i for i in (1, 2, 3) if found.group(i) is not None)
            value = body[found.start(group) : found.end(group)]
            for candidate in _SRCSET_URL.finditer(value):
                url = html.unescape(candidate.group(1))
                if on_hosts(url, hosts):
                    yield sc.body_start + found.start(group) + candidate.start(1), url


@register
class InsecureImage(LintRule):
    """An image is loaded over plain ``http://``.

    On an HTTPS page browsers upgrade or block such "mixed content"; where the
    old host has no HTTPS, the image is simply missing, and the page loses its
    padlock. Info, since many old hosts now redirect. A lazily loaded image's
    real address (``data-src``...) is loaded too, and checked as well as ``src``.
    So are the front matter's images (`newspost.model.IMAGE_KEYS`), which the
    theme shows as the header or listing picture: an import keeps the old blog's
    (jekyll-import's Blogger ``thumbnail: http://1.bp.blogspot.com/…``).

    Bad: ``<img src="http://haiku-os.org/files/screenshots/cnsl.png">``.
    Good: ``<img src="https://www.haiku-os.org/files/screenshots/cnsl.png">``.
    """

    code = "NP405"
    name = "insecure-image"
    severity = Severity.INFO
    summary = "image is loaded over plain http"

    def check(self, ctx: Context) -> Iterator[Issue]:
        for image in _images(ctx):
            loaded = [(image.src_offset, image.src)]
            if image.lazy_src is not None and image.lazy_offset != image.src_offset:
                loaded.append((image.lazy_offset, image.lazy_src))
            for offset, src in loaded:
                if _insecure(src):
                    yield self.issue_at(ctx, offset, f"image is loaded over http: {src[:80]}")
        insecure = {url for _, url in ctx.post.front_matter_images if _insecure(url)}
        if not insecure:
            return  # the common case, decided without locating anything
        for key, value, start in front_matter_image_places(ctx, insecure):
            yield self.issue_at(ctx, start, f"{key} image is loaded over http: {value[:80]}")


def _insecure(address: str) -> bool:
    return address.strip()[:7].lower() == "http://"
