"""Which generator a post is written for, and the Markdown it is read with: Astro's and Hexo's."""

from __future__ import annotations

import pytest

from newspost import dumps, loads
from newspost.parse.flavors import detect_generator, flavor_and_generator
from rule_support import run_rule

# Astro's blog template (create-astro's "blog" starter): src/content/blog/first-post.md.
ASTRO_BLOG_POST = """\
---
title: 'First post'
description: 'Lorem ipsum dolor sit amet'
pubDate: 'Jul 08 2022'
heroImage: '/blog-placeholder-3.jpg'
---

Lorem ipsum dolor sit amet, "consectetur" adipiscing elit -- see www.example.com.
"""

# AstroPaper's posts: src/content/blog/, dated by pubDatetime.
ASTROPAPER_POST = """\
---
author: Sat Naing
pubDatetime: 2022-09-23T15:22:00Z
modDatetime: 2023-12-21T09:12:47.400Z
title: Adding new posts in AstroPaper theme
featured: true
draft: false
tags:
  - docs
description: Some rules & recommendations for creating or adding new posts.
---

Here are some rules for creating or adding new posts in AstroPaper blog theme.
"""

# Astro's tutorial: a Markdown page in src/pages/posts/, its layout an Astro component.
ASTRO_PAGE_POST = """\
---
layout: ../../layouts/MarkdownPostLayout.astro
title: 'My First Blog Post'
pubDate: 2022-07-01
description: 'This is the first post of my new Astro blog.'
author: 'Astro Learner'
tags: ["astro", "blogging", "learning in public"]
---
Welcome to my _new blog_ about learning Astro!
"""

# Hexo's starter post (hexo init): source/_posts/hello-world.md, and one as `hexo new` writes.
HEXO_POST = """\
---
title: Hello World
date: 2024-06-19 10:00:00
tags: [hexo, news]
categories:
- [Diary, Life]
---
Welcome to [Hexo](https://hexo.io/)! This is your very first post.

{% asset_img launch.jpg "The launch" %}
"""

# Octopress (Jekyll) keeps its posts in source/_posts too, as `rake new_post` writes them.
OCTOPRESS_POST = """\
---
layout: post
title: "Hello Octopress"
date: 2011-07-22 10:00
comments: true
categories: [news]
---
Octopress is a framework for Jekyll.
"""

HUGO_POST = """\
---
title: "Launch"
date: 2024-06-19T10:00:00+09:00
pubDate: 2024-06-19
draft: false
---
Hugo post in a site kept under src/.
"""


@pytest.mark.parametrize(
    ("text", "path"),
    [
        (ASTRO_BLOG_POST, "src/content/blog/first-post.md"),
        (ASTROPAPER_POST, "src/content/blog/adding-new-post.md"),
        (ASTRO_PAGE_POST, "src/pages/posts/post-1.md"),
        (ASTRO_PAGE_POST, "site/src/pages/posts/post-1.md"),
    ],
)
def test_astro_posts_are_astros_read_with_remark(text: str, path: str) -> None:
    post = loads(text, path=path)
    assert (post.raw.generator, post.flavor) == ("astro", "remark")


@pytest.mark.parametrize(
    ("text", "path", "generator", "flavor"),
    [
        # A Hugo site kept under src/ (contentDir): no Astro key, or its layout.
        (HUGO_POST.replace("pubDate", "publishDate"), "src/content/posts/a.md", "hugo", "goldmark"),
        # Hugo reads pubDate as its publishDate: outside src/content/ the key tells nothing.
        (HUGO_POST, "content/posts/launch.md", "hugo", "goldmark"),
        (ASTRO_BLOG_POST, "content/blog/first-post.md", "hugo", "goldmark"),
        # A Jekyll post naming an Astro key keeps Jekyll's folder's answer.
        (ASTRO_BLOG_POST, "_posts/2022-07-08-first-post.md", "jekyll", "kramdown"),
    ],
)
def test_posts_like_astros_elsewhere_keep_their_generator(
    text: str, path: str, generator: str, flavor: str
) -> None:
    post = loads(text, path=path)
    assert (post.raw.generator, post.flavor) == (generator, flavor)


def test_remark_reads_as_astro_renders() -> None:
    post = loads(ASTRO_BLOG_POST, path="src/content/blog/first-post.md")
    # SmartyPants on (Astro's default), GitHub's autolinks.
    assert post.lead[0].text == (  # type: ignore[union-attr]
        "Lorem ipsum dolor sit amet, “consectetur” adipiscing elit – see www.example.com."
    )
    assert [link.url for link in post.links] == ["http://www.example.com"]
    # No heading attributes (Goldmark's), where Hugo's reading took the braces away.
    heading = loads(
        "---\npubDate: 2024-06-19\n---\n## Launch {#launch}\n\nText.\n",
        path="src/content/blog/launch.md",
    )
    assert heading.sections[0].title == "Launch {#launch}"
    # remark-gfm's footnotes.
    noted = loads(
        "---\npubDate: 2024-06-19\n---\nText[^1].\n\n[^1]: A note.\n",
        path="src/content/blog/notes.md",
    )
    assert noted.lead[0].text == "Text[1]."  # type: ignore[union-attr]


def test_astros_keys_are_read_as_written_not_in_any_case() -> None:
    text = "---\nTitle: Shown nowhere\ntitle: Launch\npubDate: 2024-06-19\n---\nText.\n"
    post = loads(text, path="src/content/blog/launch.md")
    assert post.front_matter.title == "Launch"
    assert run_rule("NP112", post) == []  # two keys to Astro; one in two cases to Hugo
    only_upper = loads(
        "---\nTitle: Launch\npubDate: 2024-06-19\n---\nText.\n", path="src/content/blog/a.md"
    )
    assert only_upper.front_matter.title is None  # Astro's schema names the key title


@pytest.mark.parametrize(
    ("text", "path"),
    [
        (HEXO_POST, "source/_posts/hello-world.md"),
        (HEXO_POST, "blog/source/_drafts/hello-world.md"),
        (HEXO_POST.replace("{% asset_img", "{% post_link"), "posts/hello-world.md"),
        # Outside Hexo's folder, its asset and post tags tell it.
        (HEXO_POST, "posts/hello-world.md"),
        (HEXO_POST, "_posts/2024-06-19-hello-world.md"),
    ],
)
def test_hexo_posts_are_hexos_read_with_marked(text: str, path: str) -> None:
    post = loads(text, path=path)
    assert (post.raw.generator, post.flavor) == ("hexo", "marked")
    if "asset_img" in text:
        assert [image.src for image in post.images] == ["launch.jpg"]  # Hexo's tag, read


@pytest.mark.parametrize(
    ("text", "path"),
    [
        # Octopress's posts, in source/_posts too, name their layout.
        (OCTOPRESS_POST, "source/_posts/2011-07-22-hello-octopress.markdown"),
        (HEXO_POST.replace("{% asset_img", "{% include"), "_posts/2024-06-19-hello.md"),
        # A Jekyll post showing Hexo's tag as an example, in code or a raw block.
        ("---\ntitle: T\n---\nWrite `{% post_link slug %}`.\n", "_posts/2024-06-19-a.md"),
        (
            "---\ntitle: T\n---\n{% raw %}{% post_link slug %}{% endraw %}\n",
            "_posts/2024-06-19-a.md",
        ),
        ("---\ntitle: T\n---\n{% raw %}\n{% asset_img a.png %}\n{% endraw %}\n", "notes/a.md"),
    ],
)
def test_jekyll_posts_like_hexos_stay_jekylls(text: str, path: str) -> None:
    post = loads(text, path=path)
    assert (post.raw.generator, post.flavor) == ("jekyll", "kramdown")


def test_marked_reads_as_hexo_renders() -> None:
    text = (
        "---\ntitle: T\n---\n"
        'Launch "today" -- at www.example.com, not example.com.\n\n'
        "Text[^1].\n\n[^1]: A note.\n\n"
        "Term\n: Definition\n"
    )
    post = loads(text, path="source/_posts/launch.md")
    assert [block.text for block in post.lead] == [  # type: ignore[union-attr]
        "Launch “today” – at www.example.com, not example.com.",  # smartypants, GFM autolinks
        "Text[^1].",  # marked has no footnotes: the note is a link's definition
        "[^1]: A note.",
        "Term",  # PHP Markdown Extra's definition lists (descriptionLists)
        "Definition",
    ]
    assert [link.url for link in post.links] == ["http://www.example.com"]
    assert flavor_and_generator(text, path="source/_posts/launch.md") == ("marked", "hexo")


def test_detect_generator_names_astro_and_hexo() -> None:
    assert (
        detect_generator("", path="src/content/blog/a.md", front_matter="pubDate: 2024-06-19")
        == "astro"
    )
    assert detect_generator("", path="source/_posts/a.md", front_matter="title: T") == "hexo"
    assert detect_generator("", path="source/_posts/a.md", front_matter="layout: post") == "jekyll"


# eleventy-base-blog's posts: content/blog/ (v9, dated by its words or a date) and
# posts/ (earlier versions, each naming its Nunjucks layout).
ELEVENTY_POST = """\
---
title: This is my first post.
description: This is a post on My Blog about agile frameworks.
date: Last Modified
tags:
  - another tag
---
Leverage agile frameworks to provide a robust synopsis for high level overviews.

[About]({{ '/about/' | url }}) -- see example.com.
"""

ELEVENTY_LAYOUT_POST = """\
---
title: This is my second post.
date: 2018-07-04
tags: number 2
layout: layouts/post.njk
---
Text.
"""

ELEVENTY_NAVIGATION_POST = """\
---
title: Launch
eleventyNavigation:
  key: Launch
  parent: News
---
Text.
"""


@pytest.mark.parametrize(
    ("text", "path"),
    [
        (ELEVENTY_POST, "content/blog/firstpost.md"),
        (ELEVENTY_POST.replace("Last Modified", "git Created"), "src/posts/firstpost.md"),
        (ELEVENTY_LAYOUT_POST, "posts/secondpost.md"),
        (ELEVENTY_NAVIGATION_POST, "content/news/launch.md"),
        (
            '---json\n{\n  "title": "T",\n  "eleventyExcludeFromCollections": true\n}\n---\nT.\n',
            "posts/a.md",
        ),
    ],
)
def test_eleventy_posts_are_eleventys_read_with_markdown_it(text: str, path: str) -> None:
    post = loads(text, path=path)
    assert (post.raw.generator, post.flavor) == ("eleventy", "markdown-it")


def test_markdown_it_reads_as_eleventy_renders() -> None:
    post = loads(ELEVENTY_POST, path="content/blog/firstpost.md")
    # No typographer, no linkify; a link whose address Liquid writes is a link.
    assert post.lead[-1].text == "About -- see example.com."  # type: ignore[union-attr]
    assert [link.url for link in post.links] == ["{{ '/about/' | url }}"]
    # Markdown inside an HTML block is Markdown (CommonMark's), not raw as in kramdown.
    html = loads(
        ELEVENTY_LAYOUT_POST.replace("Text.", "<div>\n\n**bold**\n\n</div>"), path="posts/a.md"
    )
    assert html.lead[0].text == "bold"  # type: ignore[union-attr]
    # Eleventy 2.0 turned indented code blocks off: an indented line is text.
    indented = loads(
        ELEVENTY_LAYOUT_POST.replace("Text.", "Intro.\n\n    Indented."), path="p/a.md"
    )
    assert [block.text for block in indented.lead] == ["Intro.", "Indented."]  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "path", "generator"),
    [
        # Eleventy's starter keeps posts in content/ as Hugo does: without its keys, Hugo's.
        (ELEVENTY_POST.replace("Last Modified", "2018-05-01"), "content/blog/a.md", "hugo"),
        (ELEVENTY_LAYOUT_POST.replace(".njk", ""), "posts/a.md", "jekyll"),  # Jekyll's layout
        # Jekyll's folder keeps its answer.
        (ELEVENTY_LAYOUT_POST, "_posts/2018-07-04-secondpost.md", "jekyll"),
    ],
)
def test_posts_like_eleventys_elsewhere_keep_their_generator(
    text: str, path: str, generator: str
) -> None:
    assert loads(text, path=path).raw.generator == generator


# Docusaurus's classic template: blog/2019-05-28-first-blog-post.md and a post folder.
DOCUSAURUS_POST = """\
---
slug: first-blog-post
title: First Blog Post
authors: [slorber, yangshun]
tags: [hola, docusaurus]
---

Lorem "ipsum" dolor sit amet -- see www.example.com.

<!-- truncate -->

:::tip[Hola]

Use **admonitions**.

:::
"""

DOCUSAURUS_FOLDER_POST = """\
---
slug: welcome
title: Welcome
---

[Docusaurus blogging features](https://docusaurus.io/docs/blog) are powered by the blog plugin.

<!-- truncate -->

Simply add Markdown files (or folders) to the `blog` directory.
"""


@pytest.mark.parametrize(
    ("text", "path"),
    [
        (DOCUSAURUS_POST, "blog/2019-05-28-first-blog-post.md"),
        (DOCUSAURUS_FOLDER_POST, "website/blog/2021-08-26-welcome/index.md"),
        (DOCUSAURUS_FOLDER_POST.replace("<!-- ", "{/* ").replace(" -->", " */}"), "blog/a.mdx"),
        ("---\ntitle: Launch\nhide_table_of_contents: true\n---\nText.\n", "blog/launch.md"),
    ],
)
def test_docusaurus_posts_are_docusauruss_read_with_mdx(text: str, path: str) -> None:
    post = loads(text, path=path)
    assert (post.raw.generator, post.flavor) == ("docusaurus", "mdx")


def test_mdx_reads_as_docusaurus_renders() -> None:
    post = loads(DOCUSAURUS_POST, path="blog/2019-05-28-first-blog-post.md")
    # No SmartyPants (Astro's, not Docusaurus's); GitHub's autolinks; the admonition a box.
    assert [block.text for block in post.lead] == [  # type: ignore[union-attr]
        'Lorem "ipsum" dolor sit amet -- see www.example.com.',
        "Hola",
        "Use admonitions.",
    ]
    assert [link.url for link in post.links] == ["http://www.example.com"]
    assert post.date is not None and post.date.isoformat() == "2019-05-28"


@pytest.mark.parametrize(
    ("text", "path", "generator"),
    [
        # Hugo's authors taxonomy in its content/blog/: Hugo's.
        (DOCUSAURUS_POST, "content/blog/first-blog-post.md", "hugo"),
        # Jekyll's folder, even under blog/.
        (DOCUSAURUS_POST, "blog/_posts/2019-05-28-first-blog-post.md", "jekyll"),
        # A blog/ folder alone tells nothing.
        ("---\ntitle: Launch\nlayout: post\n---\nText.\n", "blog/launch.md", "jekyll"),
    ],
)
def test_posts_like_docusauruss_elsewhere_keep_their_generator(
    text: str, path: str, generator: str
) -> None:
    assert loads(text, path=path).raw.generator == generator


# kubernetes/website, content/ko/blog/_posts/2025-11-12-ingress-nginx-retirement.md (cut):
# a Hugo site whose blog section is a "_posts" folder under content/<language>/.
KUBERNETES_BLOG_POST = """\
---
layout: blog
title: "인그레스(Ingress) NGINX 은퇴: 당신이 알아야 할 사항"
slug: ingress-nginx-retirement
date: 2025-11-11T10:30:00-08:00
author: >
  Tabitha Sable (Kubernetes SRC)
---

생태계의 안전과 보안을 우선시하기 하기 위해, 쿠버네티스 SIG Network와 보안 대응 위원회는 \
[인그레스(Ingress) NGINX](https://github.com/kubernetes/ingress-nginx/)의 다가오는 은퇴를 발표한다.
"""

# MkDocs Material's blog: squidfunk/mkdocs-material's docs/blog/posts/sunsetting-gitter.md
# (its front matter and opening), and a post dated under created: (the blog of the
# Digitized Medieval Manuscripts app), both trimmed.
MKDOCS_POST = """\
---
date: 2023-10-02
authors: [squidfunk, alexvoss]
categories:
  - General
---

# Sunsetting Gitter: Towards Efficient Community Engagement

__As we're starting to build a team around Material for MkDocs, we've decided to
sunset and archive our [Gitter] channel on October 13, 2023.__

  [Gitter]: https://gitter.im/squidfunk/mkdocs-material

<!-- more -->

!!! note "Fitbit requirement"
    Participants must have the **Fitbit app** installed.

    Second paragraph.

??? tip
    Hidden text.

=== "`docs/page.md`"

    ``` markdown
    ## Section 2 { data-search-exclude }
    ```

![emission chart](../assets/images/emission_chart.png){ width=650 }

## Conclusion { #end }

Sunsetting [Gitter] is a leap towards creating more efficient interactions.
{ data-search-exclude }
"""

MKDOCS_DATED = """\
---
date:
  created: 2018-07-17
  updated: 2023-04-03
slug: tackling-broken-links
---
# Tackling Broken Links!

Some time ago we published a blog post.
"""


@pytest.mark.parametrize(
    "path",
    [
        "content/ko/blog/_posts/2025-11-12-ingress-nginx-retirement.md",
        "website/content/en/blog/_posts/2025/ingress-nginx-retirement/index.md",
    ],
)
def test_a_posts_folder_under_content_is_a_hugo_section(path: str) -> None:
    post = loads(KUBERNETES_BLOG_POST, path=path)
    assert (post.raw.generator, post.flavor) == ("hugo", "goldmark")
    # Jekyll's own _posts, with a content/ folder inside it or none, stays Jekyll's.
    assert loads(KUBERNETES_BLOG_POST, path="_posts/content/a.md").raw.generator == "jekyll"


@pytest.mark.parametrize(
    ("text", "path"),
    [
        (MKDOCS_POST, "docs/blog/posts/sunsetting-gitter.md"),
        (MKDOCS_DATED, "docs/blog/posts/tackling-broken-links.md"),
        # Dated under created: or holding admonitions, in whatever folder.
        (MKDOCS_DATED, "site/news/tackling-broken-links.md"),
        ("---\ntitle: T\n---\n!!! warning\n    Back up first.\n", "docs/upgrade.md"),
        ('---\ntitle: T\n---\n???+ note "Why"\n\n    Because.\n', "notes/why.md"),
        # M2vH/garagelab-dus's docs/index.md: no front matter, a code block in the box.
        (
            '???+ info "How the post yaml header looks like..."\n\n'
            "    ```text\n    ---\n    title: Demo\n    ---\n    ```\n",
            "docs/index.md",
        ),
    ],
)
def test_mkdocs_posts_are_mkdocs_read_with_python_markdown(text: str, path: str) -> None:
    post = loads(text, path=path)
    assert (post.raw.generator, post.flavor) == ("mkdocs", "python-markdown")


def test_python_markdown_reads_as_mkdocs_renders() -> None:
    post = loads(MKDOCS_POST, path="docs/blog/posts/sunsetting-gitter.md")
    # The admonitions and the tab are boxes, titled (the kind capitalized when no title
    # is quoted); the attribute lists are no text; the opening # heading is the title.
    assert [block.text for block in post.sections[0].blocks if block.kind == "paragraph"] == [
        "As we're starting to build a team around Material for MkDocs, we've decided to "
        "sunset and archive our Gitter channel on October 13, 2023.",
        "Fitbit requirement",
        "Participants must have the Fitbit app installed.",
        "Second paragraph.",
        "Tip",
        "Hidden text.",
        "docs/page.md",
    ]
    code = next(block for block in post.sections[0].blocks if block.kind == "code")
    assert (code.language, code.text) == ("markdown", "## Section 2 { data-search-exclude }\n")
    assert [image.src for image in post.images] == ["../assets/images/emission_chart.png"]
    conclusion = post.sections[0].sections[0]
    assert conclusion.title == "Conclusion"
    assert [block.text for block in conclusion.blocks] == [  # type: ignore[union-attr]
        "Sunsetting Gitter is a leap towards creating more efficient interactions."
    ]
    assert post.title == "Sunsetting Gitter: Towards Efficient Community Engagement"
    assert post.title_heading is post.sections[0]
    assert dumps(post) == MKDOCS_POST


@pytest.mark.parametrize(
    ("text", "path", "generator"),
    [
        # Jekyll's folder, even under blog/posts/.
        (MKDOCS_POST, "docs/blog/posts/_posts/2023-10-02-sunsetting-gitter.md", "jekyll"),
        # Hugo's content/blog/posts/: Hugo's.
        (MKDOCS_POST, "content/blog/posts/sunsetting-gitter.md", "hugo"),
        # Hexo's own tags, under blog/posts/ too: Hexo's.
        ("---\ntitle: T\n---\n{% asset_img launch.jpg %}\n", "blog/posts/launch.md", "hexo"),
        # An MDX file under blog/: Docusaurus's.
        (MKDOCS_POST, "blog/posts/sunsetting-gitter.mdx", "docusaurus"),
        # Docusaurus's blog (no posts/ folder, no admonition, no created:).
        ("---\nauthors: [kim]\n---\n# Launch\n", "blog/2024-06-12-launch.md", "docusaurus"),
        # A news line opening with "!!!" over no indented block, and code showing one.
        ("---\ntitle: T\n---\n!!! 긴급 속보 !!!\n\n본문.\n", "news/a.md", "jekyll"),
        ("---\ntitle: T\n---\n```\n!!! note\n    Text.\n```\n", "news/a.md", "jekyll"),
        # A date mapping without created: is no MkDocs date.
        ("---\ntitle: T\ndate: 2024-06-12\nupdated:\n  created: x\n---\nText.\n", "a.md", "jekyll"),
    ],
)
def test_posts_like_mkdocs_elsewhere_keep_their_generator(
    text: str, path: str, generator: str
) -> None:
    assert loads(text, path=path).raw.generator == generator


def test_python_markdown_reads_md_in_html_and_abbreviations() -> None:
    # pypi/warehouse's docs/blog/posts/2024-01-01-2fa-enforced.md (MkDocs Material), trimmed.
    text = (
        "---\ntitle: 2FA Required for PyPI\nauthors:\n  - miketheman\ndate: 2024-01-01\n---\n\n"
        "In August 2023, we developed an email campaign.\n\n"
        "<figure markdown>\n"
        "  ![emails](../assets/2024-01-01-two-factor-emails-scheduled.png)\n"
        "  <figcaption>We have sent over 474,000 emails to date.</figcaption>\n"
        "</figure>\n\n"
        "Thank you to all the users who have enabled 2FA.\n\n"
        "*[TOTP]: Time-based one-time password\n*[WebAuthn]: Web Authentication\n"
    )
    post = loads(text, path="docs/blog/posts/2024-01-01-2fa-enforced.md")
    assert post.flavor == "python-markdown"
    image = post.lead[1]
    assert image.kind == "image" and image.caption == "We have sent over 474,000 emails to date."
    assert [getattr(block, "text", None) for block in post.lead] == [
        "In August 2023, we developed an email campaign.",
        None,
        "Thank you to all the users who have enabled 2FA.",
    ]
    assert dumps(post) == text


def test_md_in_html_nested_deep_is_a_limit_not_a_crash() -> None:
    from newspost import LimitError

    deep = "---\ndate: 2024-01-01\n---\n" + "<div markdown>\n" * 500 + "x\n" + "</div>\n" * 500
    with pytest.raises(LimitError):
        loads(deep, path="docs/blog/posts/a.md")
    unclosed = "---\ndate: 2024-01-01\n---\n" + "<figure markdown>\n![a](b.png)\n\n" * 50
    post = loads(unclosed, path="docs/blog/posts/a.md")
    assert len(post.images) == 50 and dumps(post) == unclosed


@pytest.mark.parametrize(
    ("text", "path", "generator"),
    [
        ('+++\ntitle = "x"\n[extra]\nauthor = "a"\n+++\nHi\n', "content/a.md", "zola"),
        ("---\ntitle: x\nlayout: ../layouts/Post.astro\n---\nHi\n", "a.md", "astro"),
        ("---\ntitle: x\ndate: Last Modified\n---\nHi\n", "a.md", "eleventy"),
        ("---\ntitle: x\nlayout: layouts/post.njk\n---\nHi\n", "a.md", "eleventy"),
        ("---\ntitle: x\n---\n!!! note\n    Hi\n", "a.md", "mkdocs"),
        ("---\ndate:\n  created: 2024-01-01\n---\nHi\n", "a.md", "mkdocs"),
    ],
    ids=["zola", "astro", "eleventy-layout", "eleventy-date", "mkdocs-admonition", "mkdocs-date"],
)
def test_a_post_with_crlf_line_breaks_is_the_same_generator_s(
    text: str, path: str, generator: str
) -> None:
    assert loads(text, path=path).raw.generator == generator
    assert loads(text.replace("\n", "\r\n"), path=path).raw.generator == generator
