"""Sources and the promo footer, lifted out of a body's flat items.

News posts name where a story comes from in many ways: an attribution line
("출처: [title](…) | 연합뉴스", "Source:", "来源："), a feed's syndication line
("The post … appeared first on …"), a newswire's "View original content", a
link whose text is a label ("[원문 보기](…)"), a list or run of paragraphs under
a sources heading. Each becomes a `Source`; the last paragraph, when it is the
site's promo line, becomes the footer.
"""

from __future__ import annotations

import re
from html import unescape
from typing import cast

from newspost.model._base import trusted
from newspost.model.blocks import Block, Link, ListBlock, Paragraph, Quote, Table
from newspost.model.post import Source
from newspost.parse._items import _Heading, _Item
from newspost.parse._text import _collapse

__all__ = ["CITATION_LABEL", "_lift_sources", "_take_footer"]


# Longer labels first: "자료 출처:" is one label, not "자료" and a space. A Korean
# attribution may follow a reference mark or a bullet ("※ 출처: 연합뉴스"), or the emoji
# an AI-written post marks its lines with ("📌 출처: 연합뉴스 (이우성 기자)").
_SOURCE_LABEL = re.compile(
    r"^\s*(?P<mark>(?:[※▶►☞■●•*-]|[\U0001F300-\U0001FAFF\u2600-\u27BF]\uFE0F?)\s*)?"
    r"(?P<bracket>[(（【\[]?)\s*"
    # The labels' first letters, looked at once before the labels are tried one by one.
    r"(?=[출기뉴원자사참osavcrqfnиk出资資来來原参參引元ソ])"
    r"(?P<label>출처|(?:기사|뉴스|원문)\s*출처|기사\s*원문|원문\s*보기|원문|자료\s*출처|자료|사진\s*출처|"
    r"참고\s*자료|참고|참조|"
    r"original\s+(?:source|article|story|post|link)|source\s+originale|article\s+original|"
    r"source|sources|via|credit|credits|reference|references|originally\s+published\s+(?:at|on|in)|"
    r"quelle|originalquelle|fuente\s+original|fuente|fonte\s+original|fonte|"
    r"nguồn\s+(?:tin|bài\s+viết|tham\s+khảo)|nguồn|источник|kaynak|sumber|"
    r"出典|出处|出處|资料来源|資料來源|来源|來源|原文链接|原文連結|原文|"
    r"参考文献|参考|參考|引用元|元記事|ソース)"
    # A label in its own brackets needs no colon: Naver's scrap line "[출처] 리눅스
    # getch|작성자 IceStove", "【출처】Yahoo Finance".
    r"(?P<closed>[\]】])?\s*(?P<sep>[:：]|\s|(?<=[\]】]))\s*",
    re.IGNORECASE,
)
_SEPARATORS = " \t|·•-–—/,:："
_NAVER_AUTHOR = "|작성자 "
_BARE_ADDRESS = re.compile(r"https?://[^\s<>\"]+$", re.IGNORECASE)
_CLOSING = {"(": ")", "（": "）", "【": "】", "[": "]"}


# A feed's syndication line, closing a post copied from a feed: WordPress's (Yoast's)
# "The post <a>title</a> appeared first on <a>Blog</a>.", "The post … first appeared
# on …", an aggregator's "This post appeared first on "Blog". [Read the entire article
# here](…)", "This article was originally published on [site](…)". The post it names
# is where the story comes from. Feeds drop the space around the links ("The
# post[title](…) first appeared on[Blog](…)"), so no word boundary is asked for.
_SYNDICATED = re.compile(
    r"^\W*(?:the|this)\s*(?:post|article|story|entry)(?P<between>.*?)\s*"
    r"(?P<label>appeared\s+first\s+(?:on|in|at)|first\s+appeared\s+(?:on|in|at)|"
    r"(?:was\s+)?(?:originally|first)\s+published\s+(?:on|in|at|by))",
    re.IGNORECASE | re.DOTALL,
)


def _syndicated_from(paragraph: Paragraph) -> list[Source]:
    """The post a feed's syndication line names (see `_SYNDICATED`), as one source.

    The source is the post's link before the label (its title the link's text), or
    else the last link after it ("Read the entire article here"); the publisher is
    the first link's text after the label, or the name written there.
    """
    found = _SYNDICATED.match(paragraph.text)
    if not found or not paragraph.links:
        return []
    text = paragraph.text
    before: list[Link] = []
    after: list[Link] = []
    at = 0
    for link in paragraph.links:
        where = text.find(link.text, at) if link.text else -1
        if where >= 0:
            at = where + len(link.text)
        (before if 0 <= where < found.start("label") else after).append(link)
    rest = text[found.end() :]
    publisher: str | None
    if after and after[0].text and rest.lstrip().startswith(after[0].text):
        publisher = after[0].text.strip() or None  # "Eltek Ltd.", its period and all
        if before or len(after) > 1:
            after = after[1:]  # else the site's link is the one place it names
    else:
        name = re.split(r"[.。]\s", rest + " ", maxsplit=1)[0]
        publisher = name.strip(_SEPARATORS + " .\"'“”「」") or None
    source = before[0] if before else (after[-1] if after else None)
    if source is None:
        return []
    if publisher is not None and _link_title(source) is None and publisher == source.text.strip():
        publisher = None  # "… published at <https://…>": an address names no publisher
    return [
        trusted(
            Source,
            label=found.group("label"),
            url=source.url,
            title=(source.text or None) if before else None,
            publisher=publisher,
            rel=source.rel,
            text=text,
            line=source.line if source.line is not None else paragraph.line,
        )
    ]


# A newswire's closing line, pointing at the release as the wire published it: PR
# Newswire's "View original content: [https://…](…)" (or "… to download multimedia:"),
# ACCESS Newswire's "View the original [press release](…) on ACCESS Newswire".
_WIRE_ORIGINAL = re.compile(
    r"^\W*(?P<label>view\s+(?:the\s+)?original(?:\s+(?:content|press\s+release|release))?)"
    r"(?P<rest>.*)$",
    re.IGNORECASE | re.DOTALL,
)


def _wire_original_from(paragraph: Paragraph) -> list[Source]:
    """The release a newswire's "View original content" line links to, as one source."""
    found = _WIRE_ORIGINAL.match(paragraph.text)
    if not found:
        return []
    link = paragraph.links[0]
    on = re.search(r"\bon\s+(.+?)[.\s]*$", found.group("rest"))
    return [
        trusted(
            Source,
            label=found.group("label"),
            url=link.url,
            title=None,  # "press release", or the address itself
            publisher=on.group(1) if on else None,
            rel=link.rel,
            text=paragraph.text,
            line=link.line if link.line is not None else paragraph.line,
        )
    ]


# A link alone in its paragraph whose text is a source label, not a title: a press
# release archive's "[Original/Source Press Release](…)", "[Read the original
# article](…)", "[Source](…)", "[원문 보기](…)", "[原文链接](…)".
_LABEL_LINK = re.compile(
    r"(?:(?:read|view|see)\s+(?:the\s+)?original|original(?:\s*/\s*source)?|source)"
    r"(?:\s+(?:press\s+release|release|article|story|post|link))?|"
    r"(?:기사\s*)?원문(?:\s*(?:보기|기사|링크))?|기사\s*원문\s*보기|출처|"
    r"原文(?:链接|連結|地址)?|阅读原文|閱讀原文|来源|來源|出典|元記事|引用元",
    re.IGNORECASE,
)


def _label_link_source(paragraph: Paragraph) -> list[Source]:
    """The source a paragraph of only a labelling link points at (see `_LABEL_LINK`)."""
    link = paragraph.links[0]
    label = link.text.strip(" \t>»→:：")
    if not _LABEL_LINK.fullmatch(label):
        return []
    return [
        trusted(
            Source,
            label=label,
            url=link.url,
            rel=link.rel,
            text=paragraph.text,
            line=link.line if link.line is not None else paragraph.line,
        )
    ]


def _source_from(paragraph: Paragraph) -> list[Source]:
    # Read once: a model's attribute costs several times a local's, on every paragraph.
    text, links = paragraph.text, paragraph.links
    if len(links) == 1 and text == links[0].text:
        labelled = _label_link_source(paragraph)
        if labelled:
            return labelled
    found = _SOURCE_LABEL.match(text)
    if not found or len(text) > 300:
        if len(text) <= 400 and links:
            if "ed " in text:
                return _syndicated_from(paragraph)  # "appeared first on", "published on"
            if "riginal" in text:
                return _wire_original_from(paragraph)  # "View original content: …"
        return []
    label = found.group("label")
    closed = found.group("closed")
    if closed is not None:
        # "[출처] …" and "【출처】…", not "[참고] …" (a note) nor a stray "출처] …".
        if "출처" not in label or _CLOSING.get(found.group("bracket")) != closed:
            return []
    elif found.group("sep").strip() == "" and label.lower() not in ("via",):
        # "Source Code of ..." is prose; a label needs its colon, except "via".
        return []
    if found.group("mark") and "출처" not in label:
        return []  # "※ 참고: ..." is a note, "- Source: ..." a list written as text
    rest = text[found.end() :]
    if "<br" in paragraph.html or "\n" in paragraph.html:
        first = _first_line(paragraph, found.end(), labelled=bool(links))
        # "**来源**: [36氪](…)  ⏎ **日期**: 2026年5月25日": the lines after the one
        # that links say other things, not who published the source.
        if first is not None and all(link.text in first for link in links):
            rest = first
    if found.group("bracket") and closed is None:
        # "（来源：新华社）": the attribution is the bracket's content.
        rest = rest.rstrip().removesuffix(_CLOSING[found.group("bracket")])
    if not links:
        if not rest.strip():
            return []
        named = rest.strip(_SEPARATORS)
        # "Nguồn bài viết: https://…/" where no linkify runs: the address is the source's
        # (its closing slash kept, a full stop after it not).
        candidate = rest.strip().rstrip(".,;")
        address = candidate if _BARE_ADDRESS.match(candidate) else None
        title = None
        if closed is not None and _NAVER_AUTHOR in named:
            # Naver's scrap line names the post, then its author:
            # "[출처] 리눅스 getch|작성자 IceStove".
            title, _, named = named.partition(_NAVER_AUTHOR)
            title, named = title.strip() or None, named.strip()
        return [
            trusted(
                Source,
                label=label,
                url=address,
                title=title,
                publisher=None if address else named or None,
                text=text,
                line=paragraph.line,
            )
        ]
    sources = []
    publisher = _publisher_after(rest, links[-1])
    if closed is not None and publisher is not None and publisher.startswith("작성자 "):
        publisher = publisher[4:].strip()  # "[출처] [title](…)|작성자 행복한하루"
    for link in links:
        sources.append(
            trusted(
                Source,
                label=label,
                url=link.url,
                title=_link_title(link),
                publisher=publisher,
                rel=link.rel,
                text=text,
                line=link.line if link.line is not None else paragraph.line,
            )
        )
    return sources


# A line of its own that opens with a label ("原文标题：…", "Original title: …").
_LABELLED_LINE = re.compile(r"\s*[^\s:：<>][^:：<>\n]{0,24}[:：]")
_TAG = re.compile(r"<[^>]*>")


def _first_line(paragraph: Paragraph, start: int, *, labelled: bool) -> str | None:
    """What an attribution's first line says after its label, when more lines follow.

    "来源：https://dev.mi.com/…  ⏎ 原文标题：应用自动发布接口操作指南  ⏎ 整理时间：2026-05-15"
    names its source on the first line; the lines after it (a hard break's, or a
    line that opens with a label of its own) say something else. With ``labelled``,
    only a next line with a label of its own ends it: "출처: [기사](…)  ⏎ 연합뉴스"
    names its publisher on the second line. None when the paragraph is one line.
    """
    html = paragraph.html
    head, br, tail = html.partition("<br")
    if br:
        tail = tail.partition(">")[2]
    else:
        head, newline, tail = html.partition("\n")
        if not newline:
            return None
        labelled = True  # a line wrapped in the file is one line on the page
    if labelled:
        tail = _TAG.sub("", tail)
        # "출처: [기사](…) | 다이슨  ⏎ ※ 이 포스팅은 쿠팡 파트너스 활동의 일환으로…": an
        # affiliate disclosure on the next line is not the publisher's name.
        if not _LABELLED_LINE.match(tail) and not _is_disclosure(tail):
            return None
    line = _collapse(unescape(_TAG.sub("", head)))
    if len(line) <= start or not paragraph.text.startswith(line):
        return None
    return line[start:]


def _publisher_after(text: str, last: Link) -> str | None:
    """Who an attribution names after its last link: "| 연합뉴스" in "… <a …>기사</a> | 연합뉴스".

    All of ``text`` when the link's text is not in it (a link with no text).
    """
    after = text
    if last.text and last.text in text:
        after = text[text.rfind(last.text) + len(last.text) :]
    name = _unbracketed(after.strip(_SEPARATORS).strip())
    # "… <https://sensors2.org/osc/>." names no one: a full stop alone is no publisher.
    return name if any(char.isalnum() for char in name) else None


def _link_title(link: Link) -> str | None:
    """A source link's text as its title; None when the text is only its address.

    "引用元：[https://news.ycombinator.com/item?id=44142761](…)" names no title.
    """
    bare = link.text.strip()
    if bare in (link.url, link.url.partition("://")[2]):
        return None
    return link.text or None


def _unbracketed(name: str) -> str:
    """A publisher named in brackets after its link ("(AWS Blog)", "（新华社）"), unbracketed."""
    if name[:1] in _CLOSING and name.endswith(_CLOSING[name[0]]) and name.count(name[0]) == 1:
        return name[1:-1].strip()
    return name


def _sources_from_table(table: Table) -> list[Source]:
    if not table.header and len(table.rows) == 1 and _SOURCE_LABEL.match(table.rows[0][0].text):
        # kramdown (Jekyll) shows "출처: <a …>title</a> | publisher" as a table of
        # one row: it is the same attribution line.
        row = table.rows[0]
        attribution = trusted(
            Paragraph,
            text=" | ".join(cell.text for cell in row),
            html=" | ".join(cell.html for cell in row),
            links=table.links,
            images=table.images,
            line=table.line,
        )
        return _source_from(attribution)
    if len(table.header) != 1 or any(len(row) != 1 for row in table.rows):
        return []
    found = _SOURCE_LABEL.match(table.header[0].text + " ")
    if (
        not found
        or table.header[0].text.strip(_SEPARATORS + " ").lower() != found.group("label").lower()
    ):
        return []
    sources = []
    links = iter(table.links)
    for row, line in zip(
        table.rows, table.row_lines[1:] or [table.line] * len(table.rows), strict=False
    ):
        cell = row[0]
        link = next(links, None) if "<a" in cell.html else None
        title = link.text if link else None
        publisher = (
            cell.text.replace(title, "", 1).strip(_SEPARATORS).strip() if title else cell.text
        )
        sources.append(
            trusted(
                Source,
                label=found.group("label"),
                url=link.url if link else None,
                title=title or None,
                publisher=publisher or None,
                rel=link.rel if link else [],
                text=cell.text,
                line=line,
            )
        )
    return sources


def _sources_from_list(listed: ListBlock, label: str) -> list[Source]:
    """The sources of a list under a sources heading or line, one an item, if each item links.

    An item's first link is the source, and what follows its last link is the
    publisher, as on an attribution line ("[기사 제목](…) | 연합뉴스"). A list with an
    item that links nowhere (a book, a phone number, "-" left to fill in) is left as
    a list: the heading did not keep its promise, and the rules see the list as
    written.
    """
    counts = [len(_LINK_TAG.findall(item.html)) for item in listed.items]
    if not counts or 0 in counts or sum(counts) != len(listed.links):
        return []
    links = iter(listed.links)
    return [
        _listed_source(item.text, [next(links) for _ in range(count)], label, listed.line)
        for item, count in zip(listed.items, counts, strict=True)
    ]


def _listed_source(text: str, links: list[Link], label: str, line: int | None) -> Source:
    """One entry of a list of sources: its first link, and what follows its last link."""
    first = links[0]
    # The publisher follows the last link that shows text: Medium's link cards end on an
    # empty link to the same page.
    last = next((link for link in reversed(links) if link.text), links[-1])
    return trusted(
        Source,
        label=label,
        url=first.url,
        title=_link_title(first),
        publisher=_publisher_after(text, last),
        rel=first.rel,
        text=text,
        line=first.line if first.line is not None else line,
    )


def _sources_from_paragraphs(items: list[_Item], start: int) -> int:
    """How many paragraphs from ``items[start]`` on are a list of sources written as paragraphs.

    LLM-written reports put each numbered source in a paragraph of its own under
    "## Sources" ("[1] [Anthropic · Claude Code v2.1.295](…)"). Each paragraph of
    the run, up to the next heading or other block, must be short and link, or
    none is a source (0), as a list's items must.
    """
    end = start
    while end < len(items) and type(items[end]) is Paragraph:
        paragraph = cast(Paragraph, items[end])
        if not paragraph.links or len(paragraph.text) > 300 or _PROMO.search(paragraph.text):
            return 0  # a promo line after the sources is the footer, not one of them
        end += 1
    if end < len(items) and type(items[end]) is not _Heading:
        return 0  # the paragraphs lead on to something else: not a run of sources
    return end - start


# The walker makes items of these very classes, never of subclasses, so the passes
# below test ``type(item) is``: isinstance() on a pydantic model class goes through
# its metaclass's __instancecheck__, several times the cost, for every item.


# The words that head a list of references the article cites ("참고 자료", "References",
# "参考文献"), as against the stories it retells ("출처", "Sources"): a source under one
# of them is a citation to JSON-LD (see `CITATION_LABEL`).
_CITATION_WORDS = (
    r"참고\s*(?:자료|문헌|링크|기사)|참고|참조|references?|références|bibliography|citations?|"
    r"works\s+cited|"
    r"参考文献|参考资料|参考資料|參考資料|参考リンク|参考|參考"
)
CITATION_LABEL = re.compile(rf"^(?:{_CITATION_WORDS}|see\s+also)$", re.IGNORECASE)
"""A source's label that marks a reference the article cites, not the story it retells."""
# A heading or a line that only introduces a list of sources: "## 참고 자료", "Sources:",
# "**출처:**", "📚 References (참고)". Not "Further reading" or "See also": what they
# list was not drawn on.
_SOURCE_LIST_LABEL = re.compile(
    # The labels' first letters, looked at once before the labels are tried one by one.
    r"^\W*(?=[출자기원참srbcwqf出来來参參引])(?P<label>출처|자료\s*출처|기사\s*원문|원문|sources?|quellen?|fuentes?|"
    rf"出典|出处|出處|来源|來源|引用元|{_CITATION_WORDS})"
    r"\s*(?:[(（][^)）]{0,40}[)）])?\s*[:：]?\W*$",
    re.IGNORECASE,
)
# An anchor with an address in an item's HTML (as the walker's `links` counts them).
_LINK_TAG = re.compile(r"<a\s[^>]*?\bhref=")


def _lift_sources(items: list[_Item]) -> list[_Item]:
    out: list[_Item] = []
    listed_label: str | None = None  # the label of the list that may come next
    run = 0  # paragraphs still to read as sources, one each (see _sources_from_paragraphs)
    run_label = ""
    for at, item in enumerate(items):
        label, listed_label = listed_label, None
        if run:
            run -= 1
            paragraph = cast(Paragraph, item)
            out.extend(
                _source_from(paragraph)  # "출처: [title](…)" keeps its own label
                or [_listed_source(paragraph.text, paragraph.links, run_label, paragraph.line)]
            )
            continue
        # Paragraphs first, the commonest: each item is tested against one class after another.
        if type(item) is Paragraph:
            sources = _source_from(item)
            if sources:
                out.extend(sources)
                # "![](x.jpeg)\n출처: [title](…)": the credit under an image is lifted,
                # the image stays where it is.
                out.extend(item.images)
                continue
            if not item.links and len(item.text) <= 60:
                found = _SOURCE_LIST_LABEL.match(item.text)
                # A label alone is a lead-in only with its colon ("Sources:"): a line
                # "참고" or "Sources" alone is a heading written as a paragraph.
                if found and item.text.rstrip().endswith((":", "：")):
                    listed_label = found.group("label")
        elif type(item) is _Heading:
            found = _SOURCE_LIST_LABEL.match(item.title)
            if found:
                run = _sources_from_paragraphs(items, at + 1)
                run_label = found.group("label")
            listed_label = found.group("label") if found else None
        elif label is not None and type(item) is ListBlock:
            sources = _sources_from_list(item, label)
            if sources:
                if type(out[-1]) is Paragraph:
                    out.pop()  # "Sources:" says no more than each source's label does
                out.extend(sources)
                continue
        elif type(item) is Quote:
            if item.links and item.html.count("<p") <= 1:
                # A quote box holding only an attribution: "> 출처: [title](…) (AWS Blog)"
                # with Chirpy's {: .prompt-info }, "> This article was originally published
                # on [site](…)".
                sources = _source_from(
                    trusted(
                        Paragraph,
                        text=item.text,
                        html=item.html,
                        links=item.links,
                        images=item.images,
                        line=item.line,
                    )
                )
                if sources:
                    out.extend(sources)
                    continue
        elif type(item) is Table:
            sources = _sources_from_table(item)
            if sources:
                out.extend(sources)
                continue
        out.append(item)
    return out


_PROMO = re.compile(
    r"원한다면|바로|구독|방문|더\s*많은|더보기|확인하세요|놀러|최저가\s*보기|"
    # "follow us", not "a follow-up" or "follow the guide"; "visit our site", not "visit
    # the docs": a post's own last sentence points at pages too.
    r"subscribe|follow (?:us|me)\b|visit (?:us|our)\b|read more|more news|newsletter|sign up|"
    r"join us",
    re.IGNORECASE,
)
_URLISH = re.compile(r"^(?:[a-z][a-z0-9+.-]*:/*)?[\w.-]+\.[a-z]{2,}(?:/\S*)?$", re.IGNORECASE)


_ARTICLE_ITEMS = frozenset([_Heading, Paragraph, Table, ListBlock])


# An affiliate disclosure that Korean law asks for: "이 포스팅은 쿠팡 파트너스 활동의
# 일환으로, 이에 따른 일정액의 수수료를 제공받습니다." It is neither the article nor a source.
_DISCLOSURE = re.compile(r"파트너스\s*활동|(?:일정액|소정)의\s*수수료")


def _is_disclosure(text: str) -> bool:
    """Whether a short text is an affiliate disclosure (see `_DISCLOSURE`)."""
    # Both wordings hold "수수료" or "파트너스": most paragraphs skip the regex.
    return (
        len(text) <= 200
        and ("수수료" in text or "파트너스" in text)
        and bool(_DISCLOSURE.search(text))
    )


def _take_footer(items: list[_Item]) -> list[Block]:
    """Lift a trailing promo line ("…뉴스를 원한다면? 바로, <a …>") out of the article.

    A trailing affiliate disclosure ("이 포스팅은 쿠팡 파트너스 활동의 일환으로…") is
    the footer too, with the promo line before it.
    """
    if not items or type(items[-1]) is not Paragraph:
        return []
    last = items[-1]
    if _is_disclosure(last.text) and len(items) > 1:
        items.pop()
        return [*_take_footer(items), last]
    if len(last.text) > 200 or not any(type(item) in _ARTICLE_ITEMS for item in items[:-1]):
        return []
    if not last.links:
        # Substack's sign-off, kept by an export without its button: "Thanks for
        # reading! Subscribe for free to receive new posts and support my work."
        if not _SUBSCRIBE_SIGN_OFF.search(last.text):
            return []
    elif not (_PROMO.search(last.text) or _signs_off_with_address(last)):
        return []
    items.pop()
    return [last]


# A closing line that asks the reader to subscribe, in a sentence of its own.
_SUBSCRIBE_SIGN_OFF = re.compile(
    r"(?:^|[.!?]\s+)(?:subscribe|sign up)\b[^.!?]*(?:newsletter|posts|updates|free|work)|"
    r"구독\s*(?:해\s*주세요|하세요|부탁)",
    re.IGNORECASE,
)


def _signs_off_with_address(paragraph: Paragraph) -> bool:
    """Whether a paragraph is a short lead-in and a site's address: "생생한 뉴스, opensis.kr".

    A sentence that ends on an address ("More details are at events.example.org.")
    is the article's, and so is a lone link: only a lead-in set off by a comma or
    a colon makes the line a sign-off.
    """
    address = paragraph.links[-1].text.strip()
    text = paragraph.text.rstrip(" .!")
    if not address or not text.endswith(address) or not _URLISH.match(address):
        return False
    lead_in = text[: -len(address)].rstrip()
    return 0 < len(lead_in) <= 40 and lead_in[-1] in ",:："
