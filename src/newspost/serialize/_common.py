"""Helpers the writers share: the body's visible text, its language and word count, dates, URLs.

Private: the public face of these is what the formats write (``<html lang>``,
``inLanguage``, ``wordCount``...), documented in docs/formats/.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from typing import Any
from urllib.parse import urljoin, urlsplit

from newspost.model.blocks import Block, Code, Html, Image, ListBlock, Paragraph, Quote, Rule, Table
from newspost.model.front_matter import parse_date
from newspost.model.post import Post

__all__ = [
    "MODIFIED_KEYS",
    "absolute_url",
    "author_link",
    "author_name",
    "author_source",
    "block_text",
    "body_texts",
    "check_site_url",
    "collapse",
    "count_words",
    "detect_language",
    "front_matter_language",
    "iso_date",
    "linked_authors",
    "modified_date",
    "page_url",
    "plain",
    "post_description",
    "post_language",
    "web_url",
]

_SPACE = re.compile(r"\s+")


def collapse(text: str) -> str:
    """Whitespace runs (newlines, tabs, no-break spaces) to one space, trimmed."""
    return _SPACE.sub(" ", text).strip()


# -- text --------------------------------------------------------------------------------


def block_text(block: Block) -> str:
    """What a reader sees of a block, on one line (tables: cells joined by spaces)."""
    if isinstance(block, Paragraph | Quote):
        return block.text
    if isinstance(block, ListBlock):
        return " ".join(item.text for item in block.items)
    if isinstance(block, Table):
        cells = [cell.text for row in block.all_rows for cell in row]
        return " ".join(part for part in [block.caption or "", *cells] if part)
    if isinstance(block, Image):
        return block.caption or ""
    if isinstance(block, Code):
        return block.text
    if isinstance(block, Html):
        return block.text
    if isinstance(block, Rule):
        return ""
    return ""  # pragma: no cover - the union is closed


def body_texts(post: Post) -> Iterator[str]:
    """The article's visible text, piece by piece: lead blocks, then each heading and its blocks.

    The title, the sources and the promo footer are not part of it.
    """
    for block in post.lead:
        yield block_text(block)
    for section in post.walk_sections():
        yield section.title
        for block in section.blocks:
            yield block_text(block)


# -- script: language and words ------------------------------------------------------------


def _is_hangul(code: int) -> bool:
    return 0xAC00 <= code <= 0xD7A3 or 0x1100 <= code <= 0x11FF or 0x3130 <= code <= 0x318F


def _is_kana(code: int) -> bool:
    return 0x3040 <= code <= 0x30FF or 0x31F0 <= code <= 0x31FF or 0xFF66 <= code <= 0xFF9F


def _is_han(code: int) -> bool:
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x3134F
    )


# Vietnamese's own letters: ơ ư đ and the stacked tone marks of Latin Extended Additional.
_VIETNAMESE = frozenset("ơưđƠƯĐ")
# The commonest short words of the Latin-script languages news posts are written in,
# each list without the words another shares ("de", "la", "que"): a post is in the
# language whose words it uses most, if clearly more than English's.
_FUNCTION_WORDS = {
    "en": frozenset("the and of to is that for with was are this from have".split()),
    "es": frozenset("el los las del por para una es con y se al pero más como".split()),
    "pt": frozenset("os não uma do da em são é ao das dos mais pelo".split()),
    "fr": frozenset("le les des et est une du pour dans qui sur pas au aux ce".split()),
    "de": frozenset("der die das und ist nicht mit den von zu ein eine auf sich dem".split()),
    "it": frozenset("il gli della che è per di una sono nel alla non anche".split()),
}
_LANGUAGE_OF = {word: language for language, words in _FUNCTION_WORDS.items() for word in words}
_WORD = re.compile(r"[^\W\d_]+")
_SAMPLE = 5000
_SHORT_TEXT_WORDS = 60


def detect_language(text: str) -> str:
    """A BCP 47 language from the text's script and words, ``en`` when nothing tells otherwise.

    CJK characters decide when they are at least a tenth of the letters, so an
    English post quoting a Korean name stays English; among them Hangul wins
    over Kana (Korean text may cite Japanese), Kana over Han (Japanese is
    written with both), and Han alone is Chinese. Latin text is Vietnamese when
    Vietnamese's own letters (ơ, ư, đ, stacked tone marks) are at least 2% of its
    letters; else Spanish, Portuguese, French, German or Italian when at least
    five of the words of its first 5,000 characters are that language's commonest
    short words (three in a text of under 60 words with none of English's), and
    more than twice as many as English's; else English. A
    detector this small can be wrong on a short text: set the language in the
    front matter (``lang``) or pass it when that matters.

    Examples:
        >>> detect_language("행정안전부는 양해각서를 체결했다")
        'ko'
        >>> detect_language("今週のニュースレター")
        'ja'
        >>> detect_language("比特币周报"), detect_language("Bitcoin Optech")
        ('zh', 'en')
        >>> detect_language("Giá vàng hôm nay tăng mạnh theo đà của thị trường thế giới")
        'vi'
        >>> detect_language("El paquete fusiona los datos de LiDAR y cámaras para los robots")
        'es'
    """
    hangul = kana = han = letters = vietnamese = 0
    for char in text:
        code = ord(char)
        if code < 0x80:
            letters += char.isalpha()
            continue
        if _is_hangul(code):
            hangul += 1
        elif _is_kana(code):
            kana += 1
        elif _is_han(code):
            han += 1
        elif char.isalpha():
            letters += 1
            vietnamese += 0x1EA0 <= code <= 0x1EF9 or char in _VIETNAMESE
            continue
        else:
            continue
        letters += 1
    cjk = hangul + kana + han
    if not cjk or cjk * 10 < letters:
        if vietnamese >= 3 and vietnamese * 50 >= letters:
            return "vi"
        return _latin_language(text) if letters > vietnamese else "en"
    if hangul and hangul >= kana:
        return "ko"
    if kana:
        return "ja"
    return "zh"


def _latin_language(text: str) -> str:
    """The Latin-script language whose commonest words ``text`` uses most (`detect_language`)."""
    counts = dict.fromkeys(_FUNCTION_WORDS, 0)
    # The opening's words tell the language as well as the whole post's, at a bounded cost.
    words = _WORD.findall(text[:_SAMPLE].lower())
    for word in words:
        language = _LANGUAGE_OF.get(word)
        if language is not None:
            counts[language] += 1
    best = max(counts, key=lambda language: counts[language])
    # A short post (a club's results notice) has few words: three of a language's and
    # none of English's tell it as well. A longer one in another language (Indonesian's
    # "di", "per") may hold three by chance.
    enough = 3 if not counts["en"] and len(words) < _SHORT_TEXT_WORDS else 5
    if best != "en" and counts[best] >= enough and counts[best] > 2 * counts["en"]:
        return best
    return "en"


def count_words(text: str) -> int:
    """Words as a reader counts them: CJK ideographs and kana one each, other words by spaces.

    Chinese and Japanese are written without spaces, so each Han or Kana
    character counts as a word (the usual measure for those languages). Korean
    puts spaces between words like English, so a Hangul word is one word; a
    whitespace-separated piece counts once for its non-Han, non-Kana part when
    that part holds a letter or a digit (punctuation alone is not a word).

    Examples:
        >>> count_words("행정안전부는 22일 양해각서를 체결했다."), count_words("今週のニュース")
        (4, 7)
        >>> count_words("Hi, world —")
        2
    """
    total = 0
    for piece in text.split():
        rest = False
        for char in piece:
            code = ord(char)
            if code >= 0x3000 and (_is_han(code) or _is_kana(code)):
                total += 1
            elif char.isalnum():
                rest = True
        total += rest
    return total


def front_matter_language(post: Post) -> str | None:
    """The front matter's ``lang`` or ``language`` (Jekyll, Hugo), if it is a non-empty string."""
    for key in ("lang", "language", "languageCode", "locale"):
        value = post.front_matter.extra.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip().replace("_", "-")
    return None


def post_language(post: Post, configured: str | None = None) -> str:
    """The language to declare: configured, else the front matter's, else detected from the body."""
    if configured:
        return configured
    return front_matter_language(post) or detect_language(
        post.title + "\n" + "\n".join(body_texts(post))
    )


# -- dates -----------------------------------------------------------------------------------

MODIFIED_KEYS = (
    "last_modified_at",
    "lastmod",
    "last_modified",
    "modified",
    "updated",
    "updated_at",
    "date_modified",
    "dateModified",
    "updatedDate",  # Astro's blog template
    "modDatetime",  # AstroPaper (Astro)
    "modified_time",  # jekyll-import's Blogger importer
    "date.updated",  # MkDocs Material's blog: date: {created: ..., updated: ...}
)
"""Front matter keys (in ``extra``) read as the modification date, first found wins."""


def post_description(post: Post) -> str | None:
    r"""The post's description for search engines and feeds, collapsed; None when it has none.

    Jekyll's ``excerpt``; else ``description``, which Hugo (``.Description``), Zola,
    Astro and Eleventy themes write into the page's meta description; else Hugo's
    ``summary`` (``.Summary``). A Hugo post's keys count in any case (``Description``).

    Examples:
        >>> from newspost import loads
        >>> post_description(loads('+++\ndescription = "Hugo 0.62.2 fixes  bugs."\n+++\nText.\n'))
        'Hugo 0.62.2 fixes bugs.'
    """
    fm = post.front_matter
    excerpt = collapse(fm.excerpt) if fm.excerpt else ""
    if excerpt:
        return excerpt
    extra = fm.extra
    if not extra:
        return None
    for key in _extra_keys(post, ("description", "summary")):
        value = extra[key]
        described = collapse(value) if isinstance(value, str) else ""
        if described:
            return described
    return None


def _extra_keys(post: Post, names: Iterable[str]) -> Iterator[str]:
    """The keys of the front matter's ``extra`` that stand for ``names``, in their order.

    As the post's generator reads them: a Hugo post's in any case (``Description``,
    ``lastMod``), named as written; the exact spelling wins where both are there.
    """
    extra = post.front_matter.extra
    caseless: dict[str, str] = {}
    if post.raw.generator == "hugo":
        for name in extra:
            caseless.setdefault(name.lower(), name)
    for wanted in names:
        key = wanted if wanted in extra else caseless.get(wanted.lower())
        if key is not None:
            yield key


def post_author(post: Post) -> object:
    """The post's author as the front matter names it (see `author_source`), or None."""
    return author_source(post)[0]


def author_source(post: Post) -> tuple[object, str | None]:
    r"""The front matter's author and the key it was read from (dotted under a table).

    The ``author`` key, else ``authors`` (Hugo's taxonomy, Pelican's key, and Zola's own
    list since 0.19), else ``by`` (the Go blog's list). Else the ``author`` or ``authors``
    under ``params``: Hugo keeps a page's own keys there (``[params]`` in TOML), and themes
    read them as ``.Params.author``. Else, in a Zola post, the ``author`` or ``authors``
    under ``extra``: Zola refuses unknown top-level keys, so its themes read
    ``page.extra.author``; else its ``author`` or ``authors`` taxonomy, which Zola sites
    (matrix.org's blog) define to list each author's posts. (None, None) when there is none.

    Examples:
        >>> from newspost import loads
        >>> zola = loads('+++\ntitle = "t"\n[extra]\nauthor = "Kim"\n+++\nText.\n')
        >>> zola.raw.generator, author_source(zola)
        ('zola', ('Kim', 'extra.author'))
        >>> author_source(loads('+++\n[taxonomies]\nauthor = ["Thib"]\n+++\nText.\n'))
        (['Thib'], 'taxonomies.author')
    """
    fm = post.front_matter
    if not _empty(fm.author):
        return fm.author, "author"
    if not _empty(fm.extra.get("authors")):
        return fm.extra["authors"], "authors"
    by = fm.extra.get("by")
    if isinstance(by, str | list) and not _empty(by):
        return by, "by"  # the Go blog's (go.dev/blog) list of its post's authors
    tables = ("params", "extra", "taxonomies") if post.raw.generator == "zola" else ("params",)
    for table in tables:
        mapping = fm.extra.get(table)
        if isinstance(mapping, dict):
            for key in ("author", "authors"):
                if not _empty(mapping.get(key)):
                    return mapping[key], f"{table}.{key}"
    return None, None


# The keys a theme keeps its one author's page under, compared in lower case.
_AUTHOR_LINK_KEYS = ("authorlink", "author_link", "authorurl", "author_url")


def author_link(post: Post) -> str | None:
    r"""The page of a post's one author, where the theme keeps it beside the name.

    Hugo's LoveIt, DoIt and FixIt themes write ``author: Dillon`` with
    ``authorLink: https://dillonzq.com`` (helm.sh's theme ``authorlink``); others
    ``author_link`` or ``author_url``. Read in any case. None when there is none.

    Examples:
        >>> from newspost import loads
        >>> author_link(loads("---\nauthor: Dillon\nauthorLink: https://dillonzq.com\n---\nHi\n"))
        'https://dillonzq.com'
    """
    extra = post.front_matter.extra
    if not extra or not any("uth" in name for name in extra):  # "author..." / "Author..."
        return None
    for name, value in extra.items():
        if name.lower() in _AUTHOR_LINK_KEYS and isinstance(value, str) and value.strip():
            return value.strip()
    return None


def author_name(author: object) -> str:
    """The name of one author as the front matter writes it (text or a mapping), or ''.

    A mapping's ``name``, else the name an importer kept: jekyll-import writes a
    WordPress author as ``{login, email, display_name, first_name, last_name}``;
    its ``display_name`` is the name WordPress showed, else the first and last
    names, else the login.

    Examples:
        >>> author_name({"login": "admin", "display_name": "Jane Smith"})
        'Jane Smith'
        >>> author_name({"login": "jsmith", "first_name": "Jane", "last_name": ""})
        'Jane'
    """
    if isinstance(author, str):
        return collapse(author)
    if not isinstance(author, dict):
        return ""
    for key in ("name", "display_name"):
        name = collapse(str(author.get(key) or ""))
        if name:
            return name
    full = " ".join(
        str(author.get(key) or "") for key in ("first_name", "last_name") if author.get(key)
    )
    if full.strip():
        return collapse(full)
    return collapse(str(author.get("login") or ""))


# A Markdown link in an author line: "[Juraci Paixão Kröhling](https://github.com/jpkrohling)".
_MARKDOWN_LINK = re.compile(r"\[([^\[\]]+)\]\(\s*<?([^\s()<>]+)>?\s*\)")
# Where one author of a line ends: a comma, a semicolon, "and" or "&" (outside brackets).
_AUTHOR_SEPARATOR = re.compile(r"\s*(?:[,;]|\s(?:and|&)\s)\s*")


def linked_authors(author: str) -> list[tuple[str, str | None]] | None:
    """The people an author line names with Markdown links, each with its link's address.

    Sites whose themes render the author as Markdown (opentelemetry.io, kubernetes.io)
    write ``[Name](https://github.com/name) (Company), [Other](...) (Company)``: each
    linked name is a person, its address the person's page; an unlinked name in the
    line is a person without one (its affiliation kept, as a plain author line's is).
    None when the line has no Markdown link: it names one author, as written.

    Examples:
        >>> linked_authors("[Ana Ruiz](https://github.com/ana) (Acme), Bo Li (Initech)")
        [('Ana Ruiz', 'https://github.com/ana'), ('Bo Li (Initech)', None)]
        >>> linked_authors("Ana Ruiz (Acme)") is None
        True
    """
    if "](" not in author or _MARKDOWN_LINK.search(author) is None:
        return None
    people: list[tuple[str, str | None]] = []
    for part in _top_level_parts(author):
        link = _MARKDOWN_LINK.search(part)
        if link is not None:
            people.append((collapse(link.group(1)), link.group(2)))
        elif collapse(part):
            people.append((collapse(part), None))
    return people


def _top_level_parts(line: str) -> Iterator[str]:
    """``line`` cut at `_AUTHOR_SEPARATOR` outside brackets and parentheses."""
    depth = 0
    start = 0
    at = 0
    while at < len(line):
        char = line[at]
        if char in "([":
            depth += 1
        elif char in ")]":
            depth = max(0, depth - 1)
        elif depth == 0:
            found = _AUTHOR_SEPARATOR.match(line, at) if char in ",; \t\n" else None
            if found is not None and found.end() > at:
                yield line[start:at]
                start = at = found.end()
                continue
        at += 1
    yield line[start:]


def _empty(value: object) -> bool:
    return value is None or value == "" or value == []


def modified_date(post: Post) -> tuple[dt.datetime | dt.date | None, str | None]:
    """The modification date from the front matter and the key it came from, or (None, None).

    A value that is not a date is skipped (the front matter rules report it). Hugo
    reads keys in any case, so a Hugo post's ``lastMod`` counts (named as written).
    """
    extra = post.front_matter.extra
    for key in _extra_keys(post, MODIFIED_KEYS):
        try:
            value = parse_date(extra[key])
        except ValueError:
            continue
        if value is not None:
            return value, key
    return None, None


def iso_date(value: dt.datetime | dt.date) -> str:
    """ISO 8601: a date stays a date, a datetime keeps its offset (``Z`` never invented)."""
    return value.isoformat()


# -- URLs ------------------------------------------------------------------------------------


def absolute_url(url: str, site_url: str | None) -> str:
    """``url`` resolved against the site's URL when it is relative and a site URL is known."""
    url = url.strip()
    if not site_url or urlsplit(url).scheme:
        return url
    base = site_url if site_url.endswith("/") else site_url + "/"
    if url.startswith("/") and not url.startswith("//"):
        # "/assets/x.jpg" is relative to the site's root path, which may not be
        # the host's root ("https://example.org/blog/"): keep the site's path.
        return urljoin(base, url.lstrip("/"))
    return urljoin(base, url)


def check_site_url(site_url: str | None) -> str | None:
    """``site_url`` if it is an absolute http(s) URL (or None); else a FormatError.

    A site URL without its scheme (``newsdao.kr``) would make every resolved
    URL relative again, silently: say so instead.
    """
    if site_url is None:
        return None
    parts = urlsplit(site_url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        from newspost.errors import FormatError

        raise FormatError(
            f"site_url {site_url!r} is not an absolute http(s) URL",
            hint="write it with its scheme, as in https://example.org",
        )
    return site_url.strip()


# A Liquid output that Jekyll (or Octopress) replaces with the site's root: the address
# after it is site-rooted ("{{ site.baseurl }}/assets/a.png" is "/assets/a.png").
_SITE_ROOT_TAG = re.compile(
    r"\s*\{\{-?\s*(?:site\.(?:url|baseurl|base_url)|site_root|root_url|base_path)\s*-?\}\}"
)
# A quoted path through Jekyll's relative_url or absolute_url filter.
_URL_FILTER_TAG = re.compile(
    r"\s*\{\{-?\s*([\"'])([^\"'{}]*)\1\s*\|\s*(?:relative_url|absolute_url)\s*-?\}\}\s*$"
)


def _site_rooted(url: str) -> str | None:
    """``url`` with the Liquid that names the site's root taken out; None if other Liquid stays.

    Jekyll runs Liquid before Markdown, so a post's image may be
    ``{{ site.baseurl }}/assets/a.png`` or ``{{ "/assets/a.png" | relative_url }}``:
    the page shows ``/assets/a.png`` under the site's root. Any other template tag
    names an address only the generator knows, not a URL for structured data.
    """
    filtered = _URL_FILTER_TAG.match(url)
    if filtered is not None:
        url = filtered.group(2)
    else:
        rooted = False
        while (tag := _SITE_ROOT_TAG.match(url)) is not None:
            url, rooted = url[tag.end() :], True
        if rooted and not url.startswith("/"):
            url = "/" + url
    return None if "{{" in url or "{%" in url else url


def web_url(url: str, site_url: str | None) -> str | None:
    """A URL fit for structured data: scheme typos fixed, absolute when possible, else None.

    ``httpss://`` and its kin are repaired as the sanitizer repairs them; a URL
    whose scheme is not http(s) (``javascript:``, ``data:``, ``mailto:``) is
    not a web page or image, and gives None. Jekyll's site-root Liquid
    (``{{ site.baseurl }}/a.png``, ``{{ "/a.png" | relative_url }}``) is taken as the
    site's root; an address holding other template tags gives None.
    """
    from newspost.sanitize._urls import repair_url_scheme, url_scheme

    if "{" in url:
        resolved = _site_rooted(url)
        if resolved is None:
            return None
        url = resolved
    repaired = repair_url_scheme(url)
    if not repaired or url_scheme(repaired) not in (None, "http", "https"):
        return None
    return absolute_url(repaired, site_url)


_PLACEHOLDER = re.compile(r"(?:^|/):[a-z_]+")


def page_url(post: Post, site_url: str | None) -> str | None:
    """The post's page URL from its permalink and the site URL, when both are known and concrete.

    A permalink pattern (``/:categories/:title/``) needs Jekyll to expand it: None then.
    """
    permalink = post.front_matter.permalink
    if not permalink or _PLACEHOLDER.search(permalink):
        return None
    if urlsplit(permalink).scheme:
        return permalink
    if not site_url:
        return None
    return absolute_url(permalink, site_url)


def plain(value: Any) -> Any:
    """A front matter value as JSON-ready data (dates as ISO strings)."""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value
