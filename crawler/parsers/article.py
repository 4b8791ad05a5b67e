"""The article itself: metadata, header, premium box, image, body blocks and related links.

Metadata comes first from standards (JSON-LD, OpenGraph, ``<meta>``, canonical, ``<time>``),
with the visible text as fallback. The body is found in the flattened lines: after the title
and lead, skipping the hero-image marker, caption, premium box, byline and date lines, up to
the first widget (see :mod:`crawler.parsers.segments`) or the end of the article container.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from crawler import dates
from crawler.parsers.document import HEADING_TAGS, Line, Metadata
from crawler.parsers.related import match_related
from crawler.records import Article, Block, Image, Link, RelatedLink
from crawler.text import clean, ends_like_sentence, strip_final_period
from crawler.urls import absolute, article_id, canonical_article_url

HERO_MARKER = "Artikel top billede"
PREMIUM_MARKER = "Premium Kun for abonnenter"
PREMIUM_SUMMARY = "Det får du i artiklen"
GENRES = ("Computerworld mener", "CW for 10 år siden", "Morgen-briefing", "Morgenbriefing",
          "Interview", "Kommentar", "Leder", "Bakspejlet", "Computerviews", "Analyse", "Debat",
          "Klumme", "Anmeldelse")
SITE_SUFFIX = re.compile(r"\s*[|\-–]\s*Computerworld(?:\.dk)?\s*$", re.IGNORECASE)
WORD_COUNT = re.compile(r"^\d{1,3}(?:\.\d{3})+$|^\d{2,5}$")
READING_TIME = re.compile(r"^(?P<min>\d{1,3})(?::(?P<sec>\d{2}))?\s*min\.?$")
BYLINE = re.compile(r"^Af\s+(?P<names>[^,]{2,80}?)(?:,\s*(?P<medium>[^,]{2,60}))?$")
UDGIVET = re.compile(r"^(?:Udgivet|Publiceret|Opdateret)\b", re.IGNORECASE)
RSS_DATE = re.compile(r"^date\s+(?P<ym>\d{4}-\d{2})\b")
ARCHIVE_NOTE = re.compile(r"\barkiv", re.IGNORECASE)
ARCHIVE_DATE = re.compile(r"\bd\.\s*(\d{1,2}\.\s*\w+\s+\d{4})")
# Lines that close the article's own text in older templates.
BODY_END = ("Flere mennesker i IT", "Skal din virksomhed med i Guiden")
DASH_QUOTE = re.compile(r"^[-–—]\s+\S")
ENCODING_DAMAGE = re.compile(r"[A-Za-zæøåÆØÅ]\?[a-zæøå]|(?:^|\s)\?[A-Za-zæøåÆØÅ]|\ufffd|Ã[¦¸¥˜…†]")


@dataclass
class ArticleResult:
    article: Article
    related: list[RelatedLink] = field(default_factory=list)
    body_lines: set[int] = field(default_factory=set)


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _names(value: Any) -> list[str]:
    names = []
    for item in _as_list(value):
        name = item.get("name") if isinstance(item, dict) else item
        if isinstance(name, str) and clean(name):
            names.append(clean(name))
    return names


def _image_url(value: Any) -> str | None:
    for item in _as_list(value):
        if isinstance(item, str) and item.strip():
            return item.strip()
        if isinstance(item, dict):
            url = item.get("url") or item.get("contentUrl")
            if isinstance(url, str) and url.strip():
                return url.strip()
    return None


def strip_site_suffix(title: str | None) -> str | None:
    return clean(SITE_SUFFIX.sub("", title)) if title else None


def parse_caption(text: str) -> tuple[str | None, str | None]:
    """Caption and photo credit from a caption line (field guide §3.3).

    ``"Tekst (Foto: X)"`` → ``("Tekst", "X")``; ``"(Foto: X)"`` → ``(None, "X")``;
    ``"Foto: X."`` → ``(None, "X")``; ``"Foto: X. (Foto: X)"`` → ``(None, "X")``. Junk
    credits (phone numbers, ``C)2015!``) are kept verbatim up to the line's last ``)``.
    """
    start = text.find("(Foto:")
    if start >= 0:
        end = text.rfind(")")
        credit = clean(text[start + len("(Foto:"):end if end > start else len(text)])
        caption = clean(text[:start])
        if caption and credit:
            dup = re.search(r"\s*Foto:\s*" + re.escape(credit) + r"\.?$", caption)
            if dup:
                caption = clean(caption[:dup.start()])
        return caption, credit
    plain = re.match(r"^Foto:\s*(?P<credit>.+)$", text)
    if plain:
        return None, clean(strip_final_period(plain["credit"]))
    return clean(text), None


def _is_caption_line(line: Line) -> bool:
    return line.tag == "figcaption" or "(Foto:" in line.text or line.text.startswith("Foto:") \
        or line.in_figure


def _genre(*texts: str | None) -> str | None:
    for text in texts:
        if not text:
            continue
        for genre in GENRES:
            if text.startswith(genre + ":"):
                return genre
    lead = texts[1] if len(texts) > 1 else None
    if lead and re.match(r"^Interview\s+[A-ZÆØÅ]", lead):
        return "Interview"
    return None


def _find_title(lines: list[Line], meta: Metadata) -> int | None:
    h1s = [ln for ln in lines if ln.tag == "h1" and not ln.chrome]
    if h1s:
        in_article = [ln for ln in h1s if ln.in_article]
        return (in_article or h1s)[0].index
    wanted = [strip_site_suffix(v) for v in (
        meta.jsonld.get("headline") if isinstance(meta.jsonld.get("headline"), str) else None,
        meta.first("og:title", "twitter:title"), meta.title_tag) if v]
    for want in wanted:
        if not want:
            continue
        for ln in lines:
            if not ln.chrome and ln.text.casefold() == want.casefold():
                return ln.index
    return None


def _block_kind(line: Line, next_line: Line | None) -> str:
    if line.tag in HEADING_TAGS:
        return "heading"
    if line.tag == "li":
        return "list_item"
    if line.in_quote or DASH_QUOTE.match(line.text):
        return "quote"
    text = line.text
    if next_line is not None and len(text) <= 70 and len(text.split()) <= 9 \
            and not ends_like_sentence(text) and text[:1].isupper() \
            and not text.endswith((",", "-", "–")) and len(next_line.text) > len(text):
        return "heading"
    return "paragraph"


class _Header:
    """What the top of the article holds besides title, lead and body."""

    def __init__(self) -> None:
        self.caption: str | None = None
        self.credit: str | None = None
        self.premium = False
        self.summary: list[str] = []
        self.word_count: int | None = None
        self.reading_minutes: float | None = None
        self.byline: list[str] = []
        self.date_raw: str | None = None
        self.date_value: str | None = None
        self.rss_month: str | None = None


def _consume_header(lines: list[Line], i: int, end: int, header: _Header) -> int:
    """Consume header items at line ``i``; return how many lines were taken (0 = none)."""
    line = lines[i]
    text = line.text
    if text == HERO_MARKER:
        nxt = lines[i + 1] if i + 1 < end else None
        if nxt is not None and nxt.text not in (PREMIUM_MARKER,) and _is_caption_line(nxt) \
                and header.caption is None and header.credit is None:
            header.caption, header.credit = parse_caption(nxt.text)
            return 2
        return 1
    if line.tag == "figcaption" or (line.in_figure and _is_caption_line(line)):
        if header.caption is None and header.credit is None:
            header.caption, header.credit = parse_caption(text)
        return 1
    if line.in_figure:
        return 1
    if text == PREMIUM_MARKER:
        header.premium = True
        return 1
    if text == PREMIUM_SUMMARY:
        j = i + 1
        while j < end and lines[j].text.startswith(("•", "·", "- ")) and len(lines[j].text) < 300:
            header.summary.append(clean(lines[j].text.lstrip("•·- ")) or "")
            j += 1
        if j < end and WORD_COUNT.match(lines[j].text):
            header.word_count = int(lines[j].text.replace(".", ""))
            j += 1
        if j < end and READING_TIME.match(lines[j].text):
            m = READING_TIME.match(lines[j].text)
            assert m is not None
            header.reading_minutes = int(m["min"]) + int(m["sec"] or 0) / 60
            j += 1
        return j - i
    byline = BYLINE.match(text)
    if byline and len(text.split()) <= 9:
        header.byline = [n.strip() for n in re.split(r"\s+og\s+|\s*&\s*", byline["names"])]
        return 1
    if UDGIVET.match(text) and len(text) < 80 and dates.find_date(text):
        header.date_raw = text
        header.date_value = dates.find_datetime(text)
        return 1
    rss = RSS_DATE.match(text)
    if rss and len(text) < 20:
        header.rss_month = rss["ym"]
        return 1
    if ARCHIVE_NOTE.search(text) and ARCHIVE_DATE.search(text) and len(text) < 300:
        m = ARCHIVE_DATE.search(text)
        assert m is not None
        header.date_raw = m.group(0)
        header.date_value = dates.find_datetime(m.group(1))
        return 1
    return 0


def parse_article(lines: list[Line], meta: Metadata, url: str, fetched_at: str,
                  widget_starts: list[int], widget_lines: set[int]) -> ArticleResult:
    """The article record and its related links from a flattened page."""
    ld = meta.jsonld
    canonical = canonical_article_url(meta.canonical, meta.first("og:url"),
                                      ld.get("url") if isinstance(ld.get("url"), str) else None,
                                      url)
    if article_id(canonical) is None and article_id(url) is not None:
        canonical = canonical_article_url(url)
    art_id = article_id(canonical)

    title_idx = _find_title(lines, meta)
    title = lines[title_idx].text if title_idx is not None else None
    if title is None:
        headline = ld.get("headline") if isinstance(ld.get("headline"), str) else None
        title = strip_site_suffix(headline or meta.first("og:title"))
    start = title_idx + 1 if title_idx is not None else 0
    if title_idx is not None:
        # "Artikel top billede" may stand before the title (field guide §2.2).
        start_scan = max(0, title_idx - 3)
    else:
        start_scan = 0
    end = len(lines)
    later_widgets = [w for w in widget_starts if w >= start]
    if later_widgets:
        end = min(end, later_widgets[0])
    title_line = lines[title_idx] if title_idx is not None else None
    container_article = title_line.in_article if title_line is not None else \
        any(ln.in_article for ln in lines)

    header = _Header()
    # Header items standing before the title.
    i = start_scan
    while title_idx is not None and i < title_idx:
        taken = _consume_header(lines, i, title_idx, header) if not lines[i].chrome else 0
        i += taken or 1

    warnings: list[str] = []
    body_candidates: list[Line] = []
    for ln in lines[start:end]:
        if ln.index in widget_lines or ln.chrome or ln.in_aside or ln.tag == "h1":
            if body_candidates and ln.chrome and not ln.in_article:
                break  # footer reached
            continue
        if container_article and not ln.in_article:
            if body_candidates:
                break
            continue
        if ln.text.startswith(BODY_END):
            break
        body_candidates.append(ln)

    lead: str | None = None
    blocks: list[Block] = []
    links: list[Link] = []
    related: list[RelatedLink] = []
    body_lines: set[int] = set()
    description = meta.first("description", "og:description")
    k = 0
    seen_body = False
    while k < len(body_candidates):
        ln = body_candidates[k]
        sub = body_candidates
        taken = 0 if seen_body else _consume_header(sub, k, len(sub), header)
        if taken:
            k += taken
            continue
        if lead is None and not seen_body and title is not None and ln.tag not in HEADING_TAGS \
                and ln.tag != "li":
            lead = ln.text
            k += 1
            continue
        matches = match_related(sub, k)
        if matches:
            for m in matches:
                if not m.cue:
                    continue
                related.append(RelatedLink(
                    source_url=url, fetched_at=fetched_at, article_id=art_id,
                    position=len(related), cue=m.cue, title=m.title, url=m.url,
                    target_article_id=article_id(m.url)))
            if not matches[0].keep_in_body:
                k += max(1, matches[0].consumed)
                continue
        nxt = sub[k + 1] if k + 1 < len(sub) else None
        kind = _block_kind(ln, nxt)
        blocks.append(Block(kind=kind, text=ln.text))  # type: ignore[arg-type]
        body_lines.add(ln.index)
        for href, text in ln.links:
            links.append(Link(url=href, text=clean(text)))
        seen_body = True
        k += 1
    del description  # reserved: lead matching against the meta description

    genre = _genre(title, lead)
    authors = _names(ld.get("author")) or meta.all("author") or meta.all("article:author")
    authors = [a for a in authors if not a.startswith(("http://", "https://"))] or header.byline

    published_raw, published = _date_field(ld.get("datePublished"),
                                           meta.first("article:published_time",
                                                      "og:article:published_time",
                                                      "datepublished", "date", "pubdate"),
                                           meta.times[0][0] if meta.times else None)
    if published is None and header.date_raw:
        published_raw, published = header.date_raw, header.date_value
    if published is None and header.rss_month:
        published_raw = header.rss_month
        warnings.append("date_imprecise")
    elif published_raw is not None and published is None:
        warnings.append("date_unparsed")
    modified_raw, modified = _date_field(ld.get("dateModified"),
                                         meta.first("article:modified_time", "og:updated_time",
                                                    "datemodified"), None)

    section = next((clean(s) for s in _as_list(ld.get("articleSection"))
                    if isinstance(s, str) and clean(s)), None) or meta.first("article:section")
    tags = meta.all("article:tag")
    if not tags:
        keywords = ld.get("keywords")
        if isinstance(keywords, str):
            tags = [t for t in (clean(x) for x in keywords.split(",")) if t]
        else:
            tags = [t for t in (clean(x) for x in _as_list(keywords) if isinstance(x, str)) if t]

    img_url = meta.first("og:image", "twitter:image") or _image_url(ld.get("image"))
    if img_url:
        img_url = absolute(img_url, url)
    image = Image(url=img_url, caption=header.caption, credit=header.credit) \
        if (img_url or header.caption or header.credit) else None

    accessible = ld.get("isAccessibleForFree")
    is_premium = header.premium or accessible is False or \
        (isinstance(accessible, str) and accessible.strip().lower() == "false")

    lang = meta.lang or (ld.get("inLanguage") if isinstance(ld.get("inLanguage"), str) else None)
    language = (lang or "da").split("-")[0].split("_")[0].strip().lower() or "da"

    body = "\n\n".join(b.text for b in blocks)
    if title is None:
        warnings.append("no_title")
    if not blocks:
        warnings.append("no_body")
    if ENCODING_DAMAGE.search(body) or (title and ENCODING_DAMAGE.search(title)):
        warnings.append("encoding_suspect")
    if art_id is None:
        warnings.append("no_article_id")

    article = Article(
        source_url=url, fetched_at=fetched_at, warnings=warnings, url=canonical,
        article_id=art_id, title=title, genre=genre, lead=lead, body=body, blocks=blocks,
        authors=authors, published=published, published_raw=published_raw, modified=modified,
        modified_raw=modified_raw, section=section, tags=tags, image=image,
        is_premium=bool(is_premium), premium_summary=[s for s in header.summary if s],
        premium_word_count=header.word_count, premium_reading_minutes=header.reading_minutes,
        links=links, language=language,
    )
    return ArticleResult(article, related, body_lines)


def _date_field(*candidates: Any) -> tuple[str | None, str | None]:
    """(raw, normalised) from the first metadata date candidate that is present."""
    for value in candidates:
        if isinstance(value, str) and value.strip():
            return value.strip(), dates.to_copenhagen(value)
    return None, None
