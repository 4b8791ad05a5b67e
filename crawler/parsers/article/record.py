"""The article record and its related links, from a flattened page.

Read in one direction, each step using what the ones before it found:

1. the title (:mod:`.title`);
2. the top of the article — header items around the title, kickers, the lead (:mod:`.header`,
   with captions from :mod:`.captions`);
3. the body (:mod:`.body`): blocks, links, related-link matches, and the header items met
   inside the body container, which the header then records;
4. the related-link records (:mod:`.related`);
5. the fields: metadata first (:mod:`.metafields`), the header as fallback.

Where each field comes from is listed in docs/extraction-rules.md, Article. Warnings:
``no_title``, ``no_body`` (layout drift), ``encoding_suspect`` (``?`` or U+FFFD where a letter
or quote belongs), ``no_article_id``, ``date_imprecise``, ``date_unparsed``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from crawler.normalize.text import looks_mis_encoded
from crawler.normalize.urls import absolute
from crawler.parsers.article import metafields
from crawler.parsers.article.body import read_body
from crawler.parsers.article.header import add_body_items, read_top
from crawler.parsers.article.related import related_links
from crawler.parsers.article.title import find_title, genre_of, title_from_metadata
from crawler.parsers.html.lines import Line
from crawler.parsers.html.metadata import Metadata
from crawler.records import Article, Image, RelatedLink


@dataclass
class ArticleResult:
    article: Article
    related: list[RelatedLink] = field(default_factory=list)


def parse_article(lines: list[Line], meta: Metadata, url: str, fetched_at: str,
                  widget_starts: list[int], widget_lines: set[int]) -> ArticleResult:
    """The article record and its related links from a flattened page.

    ``widget_lines`` are the indexes of the lines that belong to widgets (never article text),
    ``widget_starts`` the indexes where widgets begin (the body ends at the first after it).
    """
    canonical, art_id = metafields.article_url(meta, url)
    title_pos = find_title(lines, meta, widget_lines)
    title = lines[title_pos].text if title_pos is not None else title_from_metadata(meta)
    top = read_top(lines, title_pos, widget_lines)
    header = top.header
    hero = metafields.hero_image(meta)
    hero_url = absolute(hero, url) if hero else None
    body = read_body(top.rest, has_title=title_pos is not None,
                     rss=header.rss_month is not None, title=title, lead=top.lead,
                     widget_starts=widget_starts, hero=hero_url)
    add_body_items(header, body.header_items, hero_url)
    related = related_links(body.related, source_url=url, fetched_at=fetched_at,
                            article_id=art_id)

    warnings: list[str] = []
    authors = metafields.authors(meta) or header.authors
    published_raw, published = metafields.published(meta)
    if published_raw is None and header.published_raw is not None:
        published_raw, published = header.published_raw, header.published
    if published_raw is None and header.rss_month:
        published_raw = header.rss_month
        warnings.append("date_imprecise")
    elif published_raw is not None and published is None:
        warnings.append("date_unparsed")
    modified_raw, modified = metafields.modified(meta)
    if modified_raw is None and header.modified_raw is not None:
        modified_raw, modified = header.modified_raw, header.modified

    picture = header.picture
    img_url = hero or picture.image
    img_url = absolute(img_url, url) if img_url else None
    image = Image(url=img_url, caption=picture.caption, credit=picture.credit) \
        if (img_url or picture.caption or picture.credit) else None

    text_body = "\n\n".join(b.text for b in body.blocks)
    if title is None:
        warnings.append("no_title")
    if not body.blocks:
        warnings.append("no_body")
    if any(looks_mis_encoded(t) for t in (text_body, title, top.lead) if t):
        warnings.append("encoding_suspect")
    if art_id is None:
        warnings.append("no_article_id")

    article = Article(
        source_url=url, fetched_at=fetched_at, warnings=warnings, url=canonical,
        article_id=art_id, title=title, genre=genre_of(title, top.lead), lead=top.lead,
        body=text_body, blocks=body.blocks, authors=authors, published=published,
        published_raw=published_raw, modified=modified, modified_raw=modified_raw,
        section=metafields.section(meta), tags=metafields.tags(meta), image=image,
        is_premium=header.premium or metafields.not_free(meta),
        premium_summary=header.summary, premium_word_count=header.word_count,
        premium_reading_minutes=header.reading_minutes, links=body.links,
        language=metafields.language(meta),
    )
    return ArticleResult(article, related)
