"""Web pages: the main text and metadata of an HTML page already parsed by lxml.

Used by :mod:`reuse.load` for ``.html`` files. Text comes from trafilatura
when it can be imported, else from a small built-in extractor that keeps the
article (or main, or body) minus page furniture; either way scripts, styles,
comments, iframes and attributes never reach the text, and nothing is fetched.
"""

from __future__ import annotations

import json
import re
import warnings
from collections.abc import Iterator
from types import ModuleType
from typing import Any
from urllib.parse import urlsplit

from .timeforms import extended_time

__all__ = ["author_names", "builtin_text", "control_references", "domain", "furniture_only", "headline_and_byline_only", "headline_only", "page_meta", "trafilatura_text", "without_notices"]

_HOST = re.compile(r"[\w-]+(?:\.[\w-]+)+")
_DATE_KEYS = ("article:published_time", "og:published_time", "datepublished", "dc.date.issued", "dc.date", "pubdate")
_MODIFIED_KEYS = ("article:modified_time", "og:updated_time", "datemodified", "dc.date.modified")
_BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dd", "dt", "tr")
_JUNK_TAGS = ("script", "style", "noscript", "template", "iframe", "svg", "form", "nav", "aside", "button", "footer")
_JUNK_ATTR = re.compile(r"(?:^|[\s_-])(?:nav|navbar|menu|sidebar|share|sharing|social|related|comments?|cookies?"
                        r"|subscribe|newsletter|promo|advert|ads|breadcrumbs?|footer)(?:$|[\s_-])", re.I)  # fmt: skip


_NUMERIC_REFERENCE = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));?")


def control_references(html: str) -> str:
    """``html`` with its numeric references to control characters resolved as a browser shows them.

    ``&#11;`` (a vertical tab pasted from a word processor) would put a
    control character in the parsed page, and trafilatura drops a page that
    holds one. C0 controls and DEL go (tab, line feed and carriage return
    stay); 128-159 are Windows-1252's characters, as HTML5 reads them
    (``&#146;`` is an apostrophe).

    >>> control_references("a&#11;b&#x1B;c &#146;s &#9; &#233;")
    'abc ’s &#9; &#233;'
    """
    if "&#" not in html:
        return html

    def resolve(match: re.Match) -> str:
        code = int(match.group(1), 16) if match.group(1) else int(match.group(2))
        if code in (9, 10, 13) or 31 < code < 127 or code > 159:
            return match.group()
        if code >= 128:
            return bytes([code]).decode("cp1252", "ignore")  # five of them are unassigned: dropped
        return ""

    return _NUMERIC_REFERENCE.sub(resolve, html)


def domain(url: str | None) -> str | None:
    """The URL's host, lower-case, without ``www.``.

    >>> domain("https://WWW.Example.com/news/1"), domain("example.org/x"), domain("not a url")
    ('example.com', 'example.org', None)
    """
    try:
        host = urlsplit(url if "//" in url else "//" + url).hostname if url else None
    except ValueError:
        host = None
    return host.removeprefix("www.") if host and _HOST.fullmatch(host) else None


#: Longest byline kept: a "byline" element holding more is a block of the page, not a byline.
_BYLINE_CHARS = 200
#: An element in page furniture or a comment thread (itself or an ancestor): its byline is not the article's.
_NOT_THE_ARTICLES = (
    "ancestor-or-self::*[self::nav or self::aside or self::footer"
    " or contains(translate(@class, 'COMENT', 'coment'), 'comment') or contains(translate(@id, 'COMENT', 'coment'), 'comment')"
    " or contains(translate(@class, 'DISQU', 'disqu'), 'disqus') or contains(translate(@id, 'DISQU', 'disqu'), 'disqus')"
    " or contains(translate(@class, 'DISCUON', 'discuon'), 'discussion')]"
)
_BYLINE_CLASS = ".//*[contains(translate(@class, 'BYLINE', 'byline'), 'byline')]"
_AUTHOR_MARK = ".//*[@itemprop = 'author' or @rel = 'author' or contains(translate(@class, 'AUTHOR', 'author'), 'author')]"


def _byline(tree: Any, metas: dict[str, str], ld: list[dict] | None = None) -> str:
    """Who the page says wrote the article ("" when it does not say).

    Main-text extraction drops the byline, where many pages credit a wire
    ("By John Irish (Reuters)"); trafilatura's author keeps the name and
    drops the credit. Only the article's own, never one in navigation, an
    aside, a footer or a comment thread ("most read" lists, teasers of other
    stories and comments have bylines of their own). In order: an element
    whose class names a byline inside the article (the longest
    ``<article>``, else ``<main>``), one elsewhere on the page but in no
    other article (a header above it), the ``author`` meta tags, the
    JSON-LD ``author`` (of ``ld``, the page's JSON-LD objects, read once by
    :func:`page_meta`), an element marked as an author inside the article.

    >>> from lxml import html
    >>> _byline(html.fromstring('<div><p class="article-byline">By John  Irish (Reuters)</p><p>Text</p></div>'), {})
    'By John Irish (Reuters)'
    >>> page = ('<body><aside><span class="byline">By Reuters</span></aside><article class="card"><p class="byline">By Tom'
    ...         '</p></article><article><p class="byline">By Jane Doe</p><p>The story, longer than the teaser.</p>'
    ...         '<div class="comments"><span itemprop="author">AP Fan</span></div></article></body>')
    >>> _byline(html.fromstring(page), {}), _byline(html.fromstring('<p>x</p>'), {"author": "AFP"}), _byline(html.fromstring('<p>x</p>'), {})
    ('By Jane Doe', 'AFP', '')
    """
    articles = tree.xpath("//article")
    main = max(articles, key=lambda el: len(el.text_content())) if articles else next(iter(tree.xpath("//main")), None)
    scope = main if main is not None else tree
    if (inside := _byline_elements(scope, _BYLINE_CLASS)):
        return inside[0]
    if main is not None and (outside := _byline_elements(tree, _BYLINE_CLASS, skip_articles=True)):
        return outside[0]
    for key in ("author", "article:author", "byl", "dc.creator"):
        value = " ".join(metas.get(key, "").split())
        if value and not domain(value) and "://" not in value and len(value) <= _BYLINE_CHARS:
            return value
    if (declared := [a for a in _json_ld_authors(ld or []) if len(a) <= _BYLINE_CHARS]):
        return declared[0]
    return next(iter(_byline_elements(scope, _AUTHOR_MARK)), "")


def _byline_elements(root: Any, xpath: str, skip_articles: bool = False) -> list[str]:
    """The texts of the elements ``xpath`` finds under ``root``, in page order, but those of page furniture and comments (and of any ``<article>``)."""
    found = []
    for el in root.xpath(xpath):  # lxml walks the page, not Python
        if el.xpath(_NOT_THE_ARTICLES) or (skip_articles and el.xpath("ancestor-or-self::article")):
            continue
        text = " ".join("".join(el.itertext()).split())
        if text and len(text) <= _BYLINE_CHARS:
            found.append(text)
    return found


def page_meta(tree: Any) -> dict[str, str]:
    """What the page declares: title, outlet, url, canonical, byline and candidate dates (one per line)."""
    metas: dict[str, str] = {}
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        if key and (el.get("content") or "").strip():
            metas.setdefault(key, el.get("content").strip())
    links = [((el.get("rel") or "").lower().split(), (el.get("href") or "").strip()) for el in tree.iter("link")]
    link = next((href for rel, href in links if "canonical" in rel and href), "")
    ld = list(_json_ld_objects(tree))  # parsed once for the dates and the author
    dates = [metas[k] for k in _DATE_KEYS if k in metas] + _json_ld_dates(ld)
    modified = [metas[k] for k in _MODIFIED_KEYS if k in metas] + _json_ld_dates(ld, key="dateModified")
    # The article's own <time> element (itemprop, pubdate); any other may be a comment's, a ticker's, an update's.
    for el in tree.iter("time"):
        if (el.get("datetime") or "").strip() and (el.get("itemprop") == "datePublished" or el.get("pubdate") is not None):
            dates.append(el.get("datetime"))
        elif (el.get("datetime") or "").strip() and el.get("itemprop") == "dateModified":
            modified.append(el.get("datetime"))
    return {
        "title": " ".join((metas.get("og:title") or tree.findtext(".//title") or "").split()),
        "outlet": metas.get("og:site_name") or metas.get("application-name") or "",
        # Its own address is what it says it is (og:url); a canonical link names the page it copies, or itself:
        # taken as its address, a scraper's canonical to the original made the two one URL and the scraper that outlet.
        "url": metas.get("og:url") or "",
        "canonical": link or metas.get("og:url") or "",
        "byline": _byline(tree, metas, ld),
        "dates": "\n".join(extended_time(d) for d in dates),
        "modified": "\n".join(extended_time(d) for d in modified),
    }


def _json_ld_dates(ld: list[dict], key: str = "datePublished") -> list[str]:
    """The ``datePublished`` (or other ``key``) values of the page's JSON-LD objects (schema.org ``NewsArticle`` and the like), in page order.

    Many news pages give their time of publication only there, to the
    minute; trafilatura's date is the day.

    >>> from lxml import html
    >>> page = html.fromstring('<html><head><script type="application/ld+json">'
    ...     '{"@graph": [{"@type": "NewsArticle", "datePublished": "2025-05-27T09:00:00Z"}]}</script></head><body></body></html>')
    >>> _json_ld_dates(list(_json_ld_objects(page)))
    ['2025-05-27T09:00:00Z']
    """
    found = (item.get(key) for item in ld)
    return [value.strip() for value in found if isinstance(value, str) and value.strip()]


def _json_ld_authors(ld: list[dict]) -> list[str]:
    """The ``author`` names of the page's JSON-LD objects, in page order: a name, a ``Person`` or ``Organization``, or a list.

    >>> from lxml import html
    >>> page = html.fromstring('<html><head><script type="application/ld+json">{"@type": "NewsArticle", '
    ...     '"author": [{"@type": "Person", "name": "Jo Bloggs"}, {"@type": "Organization", "name": "Reuters"}]}</script></head></html>')
    >>> _json_ld_authors(list(_json_ld_objects(page)))
    ['Jo Bloggs, Reuters']
    """
    found = (author_names(item.get("author")) for item in ld)
    return [" ".join(names.split()) for names in found if names]


def author_names(value: Any) -> str | None:
    """An ``author`` (a JSON record's, JSON-LD's) as a byline: a name, an object with a ``name`` (JSON Feed,
    schema.org ``Person`` or ``Organization``), or a list of those, joined by commas.

    >>> author_names("Reuters"), author_names(["Jo Bloggs", {"name": "AFP"}, 3]), author_names({"x": 1}), author_names({"name": "AP"})
    ('Reuters', 'Jo Bloggs, AFP', None, 'AP')
    """
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict):
        return author_names(value.get("name"))
    if isinstance(value, list):
        return ", ".join(filter(None, (author_names(v) for v in value if not isinstance(v, list)))) or None
    return None


def _json_ld_objects(tree: Any, budget: int = 2000) -> Iterator[dict]:
    """The JSON objects of the page's JSON-LD blocks, breadth first, at most ``budget`` nodes; a block that is not JSON passed over."""
    for el in tree.iter("script"):
        if (el.get("type") or "").strip().lower() != "application/ld+json" or not (el.text or "").strip():
            continue
        try:
            todo = [json.loads(el.text)]
        except (ValueError, RecursionError):  # not JSON, or nested past the parser's depth
            continue
        while todo and budget > 0:
            budget -= 1
            item = todo.pop(0)
            if isinstance(item, list):
                todo.extend(item)
            elif isinstance(item, dict):
                yield item
                todo.extend(v for k, v in item.items() if isinstance(v, (list, dict)) and k != "author")


def trafilatura_text(module: ModuleType, tree: Any, meta: dict[str, str]) -> str:
    """Main text by trafilatura, blocks joined by blank lines; fills gaps in ``meta``."""
    # A tree, never a string (htmldate fetches strings that look like URLs); no date guessing from the text.
    # trafilatura logs through a NullHandler: its "discarding data" is our skip reason, its loggers are the app's.
    dates = {"extensive_search": False, "original_date": True}
    with warnings.catch_warnings():
        # htmldate hands a date such as "2026-11-29T10:00:00 PST" to dateutil, which warns that it cannot place "PST" (and
        # trafilatura then keeps the day): a library's note on the user's terminal, and under warnings as errors a lost page.
        warnings.filterwarnings("ignore", message="tzname .* identified but not understood", category=RuntimeWarning)
        doc = module.bare_extraction(tree, with_metadata=True, include_comments=False, date_extraction_params=dates)
    if doc is None or doc.body is None:
        return ""
    meta["title"] = doc.title or meta["title"]
    # trafilatura's URL is mostly the canonical link (normalised), which names the page copied as often as the page itself.
    meta["url"] = meta["url"] or ("" if meta["canonical"] else doc.url or "")
    # A site "name" that is a host name came from the URL: leave that to the domain rule (lower-case, no www.).
    meta["outlet"] = meta["outlet"] or ("" if domain(doc.sitename) else doc.sitename or "")
    meta["dates"] = "\n".join(filter(None, [meta["dates"], doc.date]))
    for el in doc.body.iter("lb", "item", "row", "cell"):
        el.tail = (" " if el.tag == "cell" else "\n") + (el.tail or "")
    return _join_blocks([doc.body.text or "", *_block_texts(doc.body)])


#: trafilatura's elements that hold blocks rather than text of one block.
_CONTAINERS = frozenset({"div", "section", "article", "main"})


def _block_texts(element: Any) -> Iterator[str]:
    """The text of each block of trafilatura's ``element``, looking inside the containers it keeps (a <div> of paragraphs)."""
    for child in element:
        if child.tag in _CONTAINERS and len(child):
            yield child.text or ""
            yield from _block_texts(child)
            yield child.tail or ""
        else:
            yield "".join(child.itertext())


def builtin_text(tree: Any) -> str:
    """Main text without trafilatura: the article (or main, or body) minus page furniture.

    The furniture is dropped from ``tree`` itself: the caller's tree is left
    without it (:mod:`reuse.formats` reads what is left).
    """
    body = tree.find(".//body")
    root = next((el for el in (tree.find(".//article"), tree.find(".//main"), body) if el is not None), None)
    if root is None:
        return ""
    for el in list(root.iter(*_JUNK_TAGS, *(["header"] if root is body else []))):
        el.drop_tree()
    total = len(root.text_content())
    for el in list(root.iter()):
        attrs = f"{el.get('class', '')} {el.get('id', '')}" if isinstance(el.tag, str) else ""
        # A wrapper named like "has-sidebar" holds the article itself: keep what holds half the text.
        if el is not root and _JUNK_ATTR.search(attrs) and len(el.text_content()) < total / 2:
            el.drop_tree()
    for el in root.iter("br", "li", "tr", "td", "th"):
        el.tail = ("\n" if el.tag in ("br", "li", "tr") else " ") + (el.tail or "")
    # A <div> that holds no other block is a paragraph too (pages that write their paragraphs as divs).
    found = [el for el in root.iter(*_BLOCKS, "div") if el.tag != "div" or next(el.iterdescendants(*_BLOCKS, "div"), None) is None]
    blocks = [el.text_content() for el in found if not any(a.tag in _BLOCKS for a in el.iterancestors())]
    return _join_blocks(blocks or [root.text_content()])


#: Main text longer than this (words) is taken as an article without looking at where it came from.
_FURNITURE_WORDS = 100
#: Names of the boxes a page without an article leaves (narrower than _JUNK_ATTR: a wrapper named
#: "has-social-share" may hold the article itself).
_FURNITURE_ATTR = re.compile(r"cookie|consent|gdpr|newsletter|subscri|paywall|sign-?up|popup|modal|not-?found|error-?page|\b404\b", re.I)


#: Names of the consent and cookie boxes a page may open with, before its article.
_NOTICE_ATTR = re.compile(r"(?:^|[\s_-])(?:cookies?|consent|gdpr)(?:$|[\s_-])", re.I)
#: A run of opening blocks this short inside a notice may be words the article has too ("Accept", "More"): left in.
_NOTICE_BLOCK_CHARS = 40


def without_notices(tree: Any, text: str) -> str:
    """``text`` (the main text found in ``tree``) without the blocks of a consent or cookie box the page opens with.

    The extractors take such a box for a first paragraph when it stands
    before the article. Only the blocks the text opens with that lie inside
    an element named as such a box, holding less than half as much text,
    are dropped; when they are all the text, it is left as found
    (:func:`furniture_only` then tells that the page has no article).
    """
    found = [" ".join(el.text_content().split()) for el in tree.iter()
             if isinstance(el.tag, str) and _NOTICE_ATTR.search(f"{el.get('class', '')} {el.get('id', '')}")]
    notices = [n for n in found if len(n) < len(text) / 2]  # not a wrapper named after its box ("has-cookie-consent")
    if not notices:
        return text
    blocks = text.split("\n\n")
    opening = 0  # the notice's blocks the text opens with, its heading and buttons too; a box further on is the article's
    while opening < len(blocks) and any(" ".join(blocks[opening].split()) in n for n in notices):
        opening += 1
    if not any(len(block) >= _NOTICE_BLOCK_CHARS for block in blocks[:opening]):
        return text  # only short blocks, which the article may hold as well ("More", "Accept"): no notice shown
    return "\n\n".join(blocks[opening:]) if opening < len(blocks) else text


def furniture_only(tree: Any, text: str) -> bool:
    """Whether the main text found is only page furniture: all of it inside one element named as such.

    A page with no article (a 404, a paywall) leaves the extractor its
    cookie notice or newsletter box, and every such page of a site would
    pair with the others. Only short texts are looked at; an element named
    like such a box ("cookie-banner", "newsletter-signup", "error-404")
    that holds all of the text and little else (not the page's ``body``,
    not a wrapper round an ``article`` or a headline) rules it out.

    >>> from lxml import html
    >>> page = html.document_fromstring('<body><div class="cookie-banner">We use cookies on this site.</div></body>')
    >>> furniture_only(page, "We use cookies on this site."), furniture_only(page, "The minister spoke.")
    (True, False)
    """
    words = text.split()
    if not words or len(words) > _FURNITURE_WORDS:
        return False
    wanted = "".join(words)  # spaces aside: a box's paragraphs run together in text_content() ("week.Already")
    left = wanted
    for el in tree.iter():
        if not isinstance(el.tag, str) or el.tag in ("html", "body"):
            continue  # a page's own classes ("modal-open", "cookie-consent-pending") say nothing of its text
        if not _FURNITURE_ATTR.search(f"{el.get('class', '')} {el.get('id', '')}"):
            continue
        if el.find(".//article") is not None or el.find(".//h1") is not None or any(up.tag == "article" for up in el.iterancestors()):
            continue  # a wrapper round the article, or the article's own body (gated: "article-body paywall")
        held = "".join(el.text_content().split())
        # The box itself, not a wrapper: about the text found.
        if wanted in held and len(held) <= 1.5 * len(wanted):
            return True
        if held:
            left = left.replace(held, "|")
    # The boxes and a headline (a paywall's page keeps the story's title above the box): no article.
    headlines = _headlines(tree)
    return left != wanted and all(not part or any(part in headline for headline in headlines) for part in left.split("|"))


def headline_only(tree: Any, text: str) -> bool:
    """Whether the main text found is only the page's headline: a page saved before a script wrote its article.

    >>> from lxml import html
    >>> page = html.document_fromstring("<html><head><title>Swap on track - The Times</title></head><body><h1>Swap on track</h1></body></html>")
    >>> headline_only(page, "Swap on track"), headline_only(page, "Swap on track\\n\\nThe Kremlin said so.")
    (True, False)
    >>> headline_only(html.document_fromstring("<h1>Live | Swap on track</h1>"), "Live | Swap on track")  # a bar in it
    True
    """
    wanted = "".join(text.split())
    return bool(wanted) and any(wanted in headline for headline in _headlines(tree))


#: Fewer words than this beside the headline, all of them a byline (and a date), are no article.
_SCRAP_WORDS = 10
#: A line that says who wrote the story ("By Jane Doe", "Von Hans Meier", "Par ..."), if it is no sentence (ends without a stop).
_BYLINE_LINE = re.compile(r"(?:by|von|par|por|door|av|af|di)\s+\S", re.I)
#: A line holding a year: a date ("May 27, 2025 09:40"), if it is no sentence.
_DATE_LINE = re.compile(r"\b(?:19|20)\d\d\b")


def headline_and_byline_only(tree: Any, text: str, byline: str = "") -> bool:
    """Whether the main text found is the page's headline and a byline (a date too) only: a page saved before its article was written in.

    What is left beside the headline must be fewer than ``_SCRAP_WORDS``
    words, each line of them a byline (``byline``, the page's own, or one
    opening "By"...) or a date of at most six words, at least one a byline,
    and none a sentence: a brief of one sentence stays an article.

    >>> from lxml import html
    >>> page = html.document_fromstring("<html><body><h1>Swap on track</h1><p>By Jane Doe</p></body></html>")
    >>> headline_and_byline_only(page, "Swap on track\\n\\nBy Jane Doe\\nMay 27, 2025")
    True
    >>> headline_and_byline_only(page, "Swap on track\\n\\nBy Tuesday, the swap was done."), headline_and_byline_only(page, "By Jane Doe")
    (False, False)
    """
    headlines = _headlines(tree)
    lines = [" ".join(line.split()) for line in text.split("\n") if line.strip()]
    left = [line for line in lines if not any(line.replace(" ", "") in headline for headline in headlines)]
    if not 0 < len(left) < len(lines) or sum(len(line.split()) for line in left) >= _SCRAP_WORDS:
        return False  # no headline, or no scrap beside it
    if any(line.endswith((".", "!", "?")) for line in left):
        return False  # a sentence
    bylines = [line for line in left if line == byline or _BYLINE_LINE.match(line)]
    return bool(bylines) and all(line in bylines or (_DATE_LINE.search(line) and len(line.split()) <= 6) for line in left)


def _headlines(tree: Any) -> tuple[str, ...]:
    """The page's headings and title, spaces aside: what a page without its article still shows."""
    return tuple("".join(el.text_content().split()) for el in tree.iter("h1", "h2", "title"))


def _join_blocks(blocks: list[str]) -> str:
    """Blocks separated by a blank line, spaces collapsed within each line.

    >>> _join_blocks(["  One  two\\n\\n three ", "", "four"])
    'One two\\nthree\\n\\nfour'
    """
    cleaned = ("\n".join(" ".join(line.split()) for line in block.split("\n") if line.strip()) for block in blocks)
    return "\n\n".join(block for block in cleaned if block)
