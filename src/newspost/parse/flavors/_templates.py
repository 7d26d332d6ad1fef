"""Template languages run on a body before Markdown: Liquid, Hexo's tags, Hugo's shortcodes.

Each preprocessor (`liquid`, `hugo_shortcodes`) gives what the site's template pass
leaves for its Markdown renderer, keeping the line count so lines still point into
the file. They are plain text to text, apart from markdown-it altogether; the
patterns for code and raw blocks (where a tag is shown, not run) are here too, and
generator detection reads them.
"""

from __future__ import annotations

import html
import re

_LIQUID_COMMENT = re.compile(r"\{%-?\s*comment\s*-?%\}.*?\{%-?\s*endcomment\s*-?%\}", re.DOTALL)
_LIQUID_ASSIGN = re.compile(r"""\{%-?\s*assign\s+(\w+)\s*=\s*(["'])(.*?)\2\s*-?%\}""")
_LIQUID_RAW = re.compile(r"\{%-?\s*(?:end)?raw\s*-?%\}")
_LIQUID_HIGHLIGHT = re.compile(r"^\{%-?\s*highlight\s+(\w+)[^%]*%\}[ \t]*$", re.MULTILINE)
_LIQUID_END_HIGHLIGHT = re.compile(r"^\{%-?\s*endhighlight\s*-?%\}[ \t]*$", re.MULTILINE)
# Octopress's code block tag, which Hexo kept: {% codeblock [title] [lang:name] [url] %}.
_LIQUID_CODEBLOCK = re.compile(r"^\{%-?\s*codeblock\b([^%\n]*)%\}[ \t]*$", re.MULTILINE)
_CODEBLOCK_LANG = re.compile(r"\blang:([\w+#.-]+)")
_LIQUID_END_CODEBLOCK = re.compile(r"^\{%-?\s*endcodeblock\s*-?%\}[ \t]*$", re.MULTILINE)


def liquid(text: str) -> str:
    r"""What Jekyll's Liquid pass leaves for kramdown, as far as a post alone can say.

    Comments disappear, ``{% highlight %}`` blocks (and Octopress's and Hexo's
    ``{% codeblock %}``) become code fences, Hexo's ``{% asset_img %}``, ``{% img %}``
    and ``{% post_link %}`` the image or link Hexo writes (its themes' ``{% label %}`` and
    ``{% btn %}`` their text and link), Minimal Mistakes'
    ``{% include figure image_path="..." %}`` the figure it writes, string
    ``{% assign %}`` variables are substituted into ``{{ name }}``; other includes
    and everything else stay as written. Line count is kept.

    Examples:
        >>> liquid('{% assign u = "https://x.org/" %}[a]({{u}}1)')
        '[a](https://x.org/1)'
        >>> liquid("text{% comment %}\n## gone\n{% endcomment %}")
        'text\n\n'
    """
    if "{" not in text or "{%" not in text:  # one character first: much faster to find
        return text
    text = _LIQUID_COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    text = _LIQUID_HIGHLIGHT.sub(lambda m: f"```{m.group(1)}", text)
    text = _LIQUID_END_HIGHLIGHT.sub("```", text)
    if "codeblock" in text:
        text = _LIQUID_CODEBLOCK.sub(_codeblock_fence, text)
        text = _LIQUID_END_CODEBLOCK.sub("```", text)
    if (
        "img" in text or "post_link" in text or "label" in text or "btn" in text or "button" in text
    ) and _HEXO_TAG.search(text) is not None:
        text = _HEXO_TAG_OR_CODE.sub(_hexo_tag_html, text)
    if "figure" in text and _LIQUID_FIGURE.search(text) is not None:
        text = _FIGURE_OR_CODE.sub(_figure_include_html, text)
    text = _LIQUID_RAW.sub("", text)
    variables = {name: value for name, _, value in _LIQUID_ASSIGN.findall(text)}
    if variables:
        text = _LIQUID_ASSIGN.sub("", text)
        names = "|".join(re.escape(name) for name in variables)
        text = re.sub(r"\{\{\s*(" + names + r")\s*\}\}", lambda m: variables[m.group(1)], text)
    return text


# Hexo's image and link tags (Octopress's img too), one line each:
# {% asset_img [class] slug [width] [height] [title [alt]] %}, {% img ... %} with a path,
# {% post_link slug [text] %}; and its themes' inline tags: NexT's, Fluid's and
# Butterfly's {% label %} and {% button %} (or {% btn %}).
_HEXO_TAG = re.compile(
    r"\{%-?[ \t]*(?P<tag>asset_img|img|post_link|label|btn|button)[ \t]+"
    r"(?P<arguments>[^%\n]*?)[ \t]*-?%\}"
)
# Butterfly's label colours, its tag's last word: {% label 高 red %}.
_LABEL_COLOURS = frozenset("default blue pink red purple orange green".split())
_HEXO_ARGUMENT = re.compile(r"\"([^\"]*)\"|'([^']*)'|(\S+)")
_HEXO_META = re.compile(r"""["']?([^"']+)?["']?\s*["']?([^"']+)?["']?""")


def _hexo_tag_html(tag: re.Match[str]) -> str:
    """A Hexo image or post link tag as the HTML Hexo writes for it (the address as written).

    As Hexo's ``img`` tag reads its arguments: class names up to the image, a width
    and a height if they are numbers, then the title and the alt text, each quoted
    ("title 'alt'" too); an image with a title only has no alt text. A post link's
    text is the one given, else (Hexo writes the linked post's title) its slug.
    """
    if tag.group("tag") is None:
        return tag.group()  # code, or a raw block: shown as written
    name = tag.group("tag")
    # Each argument, and whether it was quoted.
    words = [
        (argument.group(argument.lastindex or 0), argument.lastindex != 3)
        for argument in _HEXO_ARGUMENT.finditer(tag.group("arguments"))
    ]
    if not words:
        return tag.group()
    if name == "label":
        return _hexo_label_html(tag.group("arguments"))
    if name in ("btn", "button"):
        return _hexo_button_html(tag.group("arguments"))
    if name == "post_link":
        slug = words[0][0]
        text = " ".join(word for word, _ in words[1:] if word.lower() not in ("true", "false"))
        return f'<a href="{html.escape(slug)}">{html.escape(text or slug)}</a>'
    index = next(
        (i for i, (word, _) in enumerate(words) if "." in word or "/" in word or ":" in word),
        None,
    )
    if index is None:
        return tag.group()
    attributes = f' src="{html.escape(words[index][0])}"'
    rest = words[index + 1 :]
    while rest and rest[0][0].isdigit() and len(attributes) < 200:
        rest = rest[1:]  # the width and the height
    if len(rest) >= 2 and rest[0][1] and rest[1][1]:
        title, alt = rest[0][0], rest[1][0]  # "title" "alt", as hexo-tag-img writes them
    else:
        meta = _HEXO_META.match(" ".join(word for word, _ in rest))
        title, alt = (meta.group(1), meta.group(2)) if meta else (None, None)
    if title and title.strip():
        attributes += f' title="{html.escape(title.strip())}"'
    if alt and alt.strip():
        attributes += f' alt="{html.escape(alt.strip())}"'
    return f"<img{attributes}>"


def _hexo_label_html(arguments: str) -> str:
    """A theme's label tag as the ``<mark>`` it writes: its text, without the style.

    NexT writes ``{% label info@text %}`` and Fluid ``{% label info @text %}``: the
    text is what follows the "@". Butterfly writes ``{% label text [colour] %}``.
    """
    if "@" in arguments:
        style, _, text = arguments.partition("@")
    else:
        text, _, style = arguments.rpartition(" ")
        if style.strip() not in _LABEL_COLOURS or not text.strip():
            text, style = arguments, ""
    css = f' class="label {html.escape(style.strip())}"' if style.strip() else ' class="label"'
    return f"<mark{css}>{html.escape(text.strip())}</mark>"


def _hexo_button_html(arguments: str) -> str:
    """A theme's button tag as the link it writes.

    NexT, Fluid and Butterfly write ``{% btn url, text[, icon...] %}`` (the address
    may be quoted); Volantis ``{% btn [style::]text::url[::icon] %}``.
    """
    if "::" in arguments:
        parts = arguments.split("::")
        text, url = (parts[1], parts[2]) if len(parts) > 2 else (parts[0], parts[1])
    else:
        parts = arguments.split(",")
        url, text = parts[0], parts[1] if len(parts) > 1 else ""
    url = url.strip().strip("'\"")
    return f'<a class="btn" href="{html.escape(url)}">{html.escape(text.strip())}</a>'


def _codeblock_fence(tag: re.Match[str]) -> str:
    """A ``{% codeblock … lang:rust %}`` tag as the opening fence of the same code."""
    language = _CODEBLOCK_LANG.search(tag.group(1))
    return "```" + (language.group(1) if language else "")


# Hugo's built-in shortcodes that shape what a post shows: a figure (its image and
# caption), and ref/relref (a link's address). Hugo runs shortcodes before Goldmark,
# also inside code; "{{</* figure */>}}" is the escape that shows one as text.
# A call's arguments never hold "{{": a call that does not close stops being looked at
# where the next one opens, so a text of many open calls is read in linear time.
_HUGO_SHORTCODE_CALL = re.compile(
    r"(?P<escaped>\{\{[<%]/\*(?:(?!\{\{).)*?\*/[>%]\}\})"
    r"|\{\{(?:<\s*(?P<angle>figure|ref|relref)\b(?P<angle_args>(?:(?!\{\{).)*?)/?>\}\}"
    r"|%\s*(?P<percent>figure|ref|relref)\b(?P<percent_args>(?:(?!\{\{).)*?)/?%\}\})",
    re.DOTALL,
)
# One argument of a shortcode call, named (src="a.jpg") or not; the image rules read
# figure calls with it too, so that they see the image this parser reads.
SHORTCODE_ARGUMENT = re.compile(
    r"""(?:(?P<key>[\w-]+)\s*=\s*)?(?:"(?P<quoted>(?:[^"\\]|\\.)*)"|`(?P<raw>[^`]*)`|(?P<bare>[^\s"`]+))"""
)


def hugo_shortcodes(text: str) -> str:
    r"""What Hugo's ``figure``, ``ref`` and ``relref`` shortcodes put into a post, for Goldmark.

    A figure becomes its ``<figure>`` (the image, with the caption as its alt text
    when it has none, as Hugo writes it), after an empty comment that ends its HTML
    block on its own line; ``ref`` and ``relref`` become the page
    they name, so ``[text]({{< ref "a.md" >}})`` is a link. An escaped call,
    ``{{</* name */>}}``, shows as the call. Other shortcodes stay as written. Line
    count is kept.

    Examples:
        >>> hugo_shortcodes('{{< figure src="/a.jpg" caption="Go" >}}')
        '<!----><figure><img src="/a.jpg" alt="Go"><figcaption><p>Go</p></figcaption></figure>'
        >>> hugo_shortcodes('[next]({{< relref "b.md" >}})')
        '[next](b.md)'
    """
    if "{" not in text or ("{{<" not in text and "{{%" not in text):  # one character first
        return text
    if "highlight" in text:
        text = _HUGO_HIGHLIGHT.sub(_highlight_fence, text)
    return _HUGO_SHORTCODE_CALL.sub(_expand_shortcode, text)


# Hugo's highlight shortcode, its tags each alone on a line: the code between them,
# highlighted as the language says (Hugo writes a <pre> with the code as it is).
_HUGO_HIGHLIGHT = re.compile(
    r"^(?P<indent>[ \t]*)\{\{([<%])\s*highlight\b[ \t]*"
    r"(?P<language>[^\s\"`>%]*)[^\n]*?[>%]\}\}[ \t]*\n"
    # Not past the next opening tag: many unclosed ones are read in linear time.
    r"(?P<code>(?:(?![ \t]*\{\{[<%]\s*highlight\b).*\n)*?)"
    r"[ \t]*\{\{\2\s*/\s*highlight\s*[>%]\}\}[ \t]*$",
    re.MULTILINE,
)


def _highlight_fence(call: re.Match[str]) -> str:
    """A highlight shortcode as the code fence Goldmark reads as the same code block."""
    code = call.group("code")
    fence = "`" * max([3, *(len(run) + 1 for run in re.findall(r"`{3,}", code))])
    indent = call.group("indent")
    return f"{indent}{fence}{call.group('language')}\n{code}{indent}{fence}"


def _expand_shortcode(call: re.Match[str]) -> str:
    escaped = call.group("escaped")
    if escaped:
        return escaped[:3] + escaped[5:-5] + escaped[-3:]  # "{{</* x */>}}": "{{< x >}}"
    name = call.group("angle") or call.group("percent")
    arguments = call.group("angle_args") or call.group("percent_args") or ""
    named: dict[str, str] = {}
    positional: list[str] = []
    for found in SHORTCODE_ARGUMENT.finditer(arguments):
        value = found.group("raw")
        if value is None:
            quoted = found.group("quoted")
            value = re.sub(r"\\(.)", r"\1", quoted) if quoted is not None else found.group("bare")
        if found.group("key"):
            named[found.group("key").lower()] = value
        else:
            positional.append(value)
    lines = "\n" * call.group(0).count("\n")
    if name != "figure":
        return (positional[0] if positional else named.get("path", "")) + lines
    # Hugo puts a call's output in only after Goldmark has run, so a figure is no HTML
    # block to Goldmark: the lines right under it are Markdown (a heading, a paragraph).
    # An empty comment first makes it a block that ends on its own line, as CommonMark
    # ends a comment's block on the line holding "-->".
    return "<!---->" + _figure_html(named) + lines


def _figure_html(named: dict[str, str]) -> str:
    """Hugo's figure shortcode, as its template writes it (on one line)."""
    alt = named.get("alt") or named.get("caption", "")
    image = f'<img src="{html.escape(named.get("src", ""))}"'
    image += f' alt="{html.escape(alt)}">' if alt else ">"
    if named.get("link"):
        image = f'<a href="{html.escape(named["link"])}">{image}</a>'
    caption = ""
    if named.get("title"):
        caption += f"<h4>{html.escape(named['title'])}</h4>"  # the caption is Markdown
    if named.get("caption") or named.get("attr"):
        caption += f"<p>{named.get('caption', '')}{named.get('attr', '')}</p>"
    if caption:
        caption = f"<figcaption>{caption}</figcaption>"
    css = f' class="{html.escape(named["class"])}"' if named.get("class") else ""
    return f"<figure{css}>{image}{caption}</figure>"


# Code fences and inline code (not across a blank line): where a post about another
# generator shows its tags ("```\n{{< youtube id >}}\n```") without using them.
_CODE = re.compile(
    r"^[ ]{0,3}(?P<fence>`{3,}|~{3,}).*?(?:^[ ]{0,3}(?P=fence)[`~]*[ \t]*$|\Z)"
    r"|(?P<ticks>`+)[^`](?:(?!\n[ \t]*\n).)*?(?P=ticks)",
    re.DOTALL | re.MULTILINE,
)
# Liquid's raw blocks, where a Jekyll post shows shortcodes (the tags are Liquid's own).
_LIQUID_RAW_BLOCK = re.compile(r"\{%-?\s*raw\s*-?%\}.*?(?:\{%-?\s*endraw\s*-?%\}|\Z)", re.DOTALL)


# Minimal Mistakes' figure include, alone on its lines (its arguments may wrap):
# {% include figure image_path="/a.png" alt="..." caption="..." class="..." %}.
_LIQUID_FIGURE = re.compile(
    r"^(?P<indent>[ \t]*)\{%-?[ \t]*include[ \t]+figure(?:\.html)?[ \t\r\n]"
    r"(?P<arguments>[^%]*?)-?%\}[ \t]*$",
    re.MULTILINE,
)
# One of its arguments: key="value", key='value', or key=variable (not known here).
_INCLUDE_ARGUMENT = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|(\S+))""")
# The include, or code or a raw block where one is shown as written.
_FIGURE_OR_CODE = re.compile(
    f"(?:{_CODE.pattern}|{_LIQUID_RAW_BLOCK.pattern})|{_LIQUID_FIGURE.pattern}",
    re.DOTALL | re.MULTILINE,
)


def _figure_include_html(tag: re.Match[str]) -> str:
    """Minimal Mistakes' figure include as the ``<figure>`` its template writes, on one line.

    The image's address is ``image_path`` as written (the template passes it
    through ``relative_url``), its alt text ``alt``, and ``caption`` (Markdown,
    which the template renders) the caption. An address held in a variable
    (``image_path=fig_path``) is not known here: the tag stays as written.
    """
    arguments = tag.group("arguments")
    if arguments is None:
        return tag.group()  # code, or a raw block: shown as written
    named: dict[str, str | None] = {}
    for key, double, single, variable in _INCLUDE_ARGUMENT.findall(arguments):
        named[key.lower()] = None if variable else double or single
    path = named.get("image_path")
    if not path:
        return tag.group()
    image = f'<img src="{html.escape(path)}" alt="{html.escape(named.get("alt") or "")}">'
    caption = named.get("caption")
    caption = f"<figcaption>{caption}</figcaption>" if caption else ""
    css = f' class="{html.escape(named.get("class") or "")}"' if named.get("class") else ""
    lines = "\n" * tag.group().count("\n")
    return f"{tag.group('indent')}<figure{css}>{image}{caption}</figure>{lines}"


# A Hexo tag, or code or a raw block where one is shown as written (Hexo, as Jekyll,
# leaves its Markdown code blocks alone): one pass, code taken first.
_HEXO_TAG_OR_CODE = re.compile(
    f"(?:{_CODE.pattern}|{_LIQUID_RAW_BLOCK.pattern})|{_HEXO_TAG.pattern}", re.DOTALL | re.MULTILINE
)


# A Zola shortcode call on one line, "{{ resize_image(path="a.png", width=800) }}", and
# one of its arguments (Tera's literals: quoted in ", ' or `, or a bare number or name).
_ZOLA_CALL = r"\{\{-?[ \t]*[A-Za-z_]\w*\((?P<arguments>[^()\n]*)\)[ \t]*-?\}\}"
_ZOLA_CALL_OR_CODE = re.compile(f"(?:{_CODE.pattern})|{_ZOLA_CALL}", re.DOTALL | re.MULTILINE)
_ZOLA_ARGUMENT = re.compile(r"""(\w+)\s*=\s*(?:"([^"]*)"|'([^']*)'|`([^`]*)`|([^,\s]+))""")
_IMAGE_FILE = re.compile(r"\.(?:png|jpe?g|gif|webp|avif|svg|bmp)$", re.IGNORECASE)


def zola_shortcodes(text: str) -> str:
    r"""What a Zola site's image shortcodes put into a post, for pulldown-cmark.

    Zola's sites show an image through a shortcode of their own (its documentation's
    ``resize_image``, themes' ``image`` or ``figure``): a call naming an image file in
    its ``path``, ``src`` or ``url`` is an ``<img>`` with its ``alt`` (or
    ``caption``), as those shortcodes write one. Other calls, and calls in code,
    stay as written. Line count is kept.

    Examples:
        >>> zola_shortcodes('{{ resize_image(path="db-pic.png", width=800, op="fit") }}')
        '<img src="db-pic.png">'
        >>> zola_shortcodes('{{ youtube(id="dQw4w9WgXcQ") }}')
        '{{ youtube(id="dQw4w9WgXcQ") }}'
    """
    if "{{" not in text or "(" not in text:
        return text
    return _ZOLA_CALL_OR_CODE.sub(_zola_image, text)


def _zola_image(call: re.Match[str]) -> str:
    arguments = call.group("arguments")
    if arguments is None:
        return call.group()  # code: the call is shown, not run
    named = {
        found.group(1): next(value for value in found.groups()[1:] if value is not None)
        for found in _ZOLA_ARGUMENT.finditer(arguments)
    }
    src = named.get("path") or named.get("src") or named.get("url") or ""
    if not _IMAGE_FILE.search(src.split("?", 1)[0]):
        return call.group()
    alt = named.get("alt") or named.get("caption")
    if alt is None:  # no alt given: none written, as Zola's documented shortcode writes none
        return f'<img src="{html.escape(src)}">'
    return f'<img src="{html.escape(src)}" alt="{html.escape(alt)}">'
