"""Shapes of real CMS output (seen on real pages of other news sites), in markup and text
written here: the body must hold on them. Each test is one general rule, no site's names."""

from __future__ import annotations

import pytest

from crawler.parsers import parse_page
from crawler.parsers.html.chrome import hints_noise
from crawler.records import Article, RelatedLink
from tests.helpers.pages import FETCHED, LONG, LONG2, URL, article, page

COMMENT = ("Jeg har selv arbejdet med den slags udbud i femten år, og det ender altid med at "
           "tage dobbelt så lang tid som lovet, uanset hvem leverandøren er.")
TEASER = ("Kommunerne vil samle deres driftscentre i et fælles selskab, men flere "
          "borgmestre er skeptiske over for prisen på flytningen.")


@pytest.mark.parametrize("cls, noise", [
    ("comments", True), ("post-comments", True), ("c-related-articles", True),
    ("teaser__list", True), ("trending-module", True), ("sidebar", True),
    ("no-comments", False), ("has-related", False), ("category-promo", False),
    ("sidebar__main", False), ("st-sidebar__content", False), ("commentary", False),
    ("article-body", False), ("people-news__footer", False),
])
def test_noise_box_names(cls: str, noise: bool) -> None:
    assert hints_noise(cls, None) is noise


def test_comment_thread_inside_the_article_is_not_body() -> None:
    art = article(f"<article><h1>Region vælger leverandør</h1><p>{LONG}</p><p>{LONG2}</p>"
                  f"<section class='comments'><h3>3 kommentarer</h3><p>{COMMENT}</p>"
                  f"<p>{COMMENT} Og så videre.</p></section></article>")
    assert art.body is not None and LONG2 in art.body
    assert COMMENT not in art.body and "kommentarer" not in art.body


def test_related_rail_longer_than_the_article_does_not_take_the_body() -> None:
    rail = "".join(f"<div class='related-teaser'><p>{TEASER} ({n})</p></div>"
                   for n in range(6))
    art = article(f"<main><h1>Region vælger leverandør</h1><div><p>{LONG}</p><p>{LONG2}</p>"
                  f"</div><aside class='c-related-articles'>{rail}</aside></main>")
    assert art.body is not None and LONG2 in art.body
    assert TEASER not in art.body


def test_an_article_whose_whole_text_sits_in_a_box_named_like_noise_is_still_read() -> None:
    # A wrapper class we took for a teaser: with no other text on the page, it is the article.
    art = article(f"<div class='teaser-wrap'><h2>Mellemrubrik</h2><p>{LONG}</p><p>{LONG2}</p>"
                  "</div>", head="<title>Region vælger leverandør</title>")
    assert art.body is not None and LONG2 in art.body


def test_a_layout_wrapper_with_a_qualified_name_is_not_a_box() -> None:
    art = article(f"<div class='layout has-sidebar'><article><h1>Region vælger leverandør</h1>"
                  f"<p>{LONG}</p><p>{LONG2}</p></article>"
                  f"<div class='sidebar'><p>{TEASER}</p></div></div>")
    assert art.body is not None and LONG2 in art.body and TEASER not in art.body


def test_related_cue_in_a_noise_box_is_still_read() -> None:
    html = page(f"<article><h1>Region vælger leverandør</h1><p>{LONG}</p><p>{LONG2}</p>"
                "<div class='related-box'><p>Læs også: <a href='/art/290002/a'>Kommunerne "
                "samler driften</a></p></div></article>")
    records = parse_page(html, URL, FETCHED)
    assert isinstance(records[0], Article)
    assert "Kommunerne samler driften" not in (records[0].body or "")
    assert [r.url for r in records if isinstance(r, RelatedLink)] == [
        "https://www.computerworld.dk/art/290002/a"]


# --- JSON-LD as real templates write it ----------------------------------------------------------

LD_ARTICLE = ('{"@context": "https://schema.org", "@type": "%s", '
              '"datePublished": "2026-02-03T08:50:00+01:00", "headline": "Region vælger"}')


@pytest.mark.parametrize("wrap", [
    "<![CDATA[ %s ]]>", "//<![CDATA[\n%s\n//]]>", "<!-- %s -->", "\n  %s\n",
], ids=["cdata", "cdata-js-comment", "html-comment", "plain"])
def test_json_ld_in_a_cdata_or_comment_wrapper_is_read(wrap: str) -> None:
    script = wrap % (LD_ARTICLE % "NewsArticle")
    art = article(f"<article><h1>Region vælger</h1><p>{LONG}</p><p>{LONG2}</p></article>",
                  head=f'<script type="application/ld+json">{script}</script>')
    assert art.published == "2026-02-03T08:50:00+01:00"


@pytest.mark.parametrize("kind", ["schema:NewsArticle", "https://schema.org/NewsArticle",
                                  "LiveBlogPosting", "SocialMediaPosting"])
def test_json_ld_article_types_as_written_in_the_wild(kind: str) -> None:
    art = article(f"<article><h1>Region vælger</h1><p>{LONG}</p><p>{LONG2}</p></article>",
                  head=f'<script type="application/ld+json">{LD_ARTICLE % kind}</script>')
    assert art.published == "2026-02-03T08:50:00+01:00"


def test_a_dated_web_page_object_counts_only_without_an_article_object() -> None:
    page_ld = ('{"@type": "WebPage", "datePublished": "2025-01-01T00:00:00+01:00"}')
    body = f"<article><h1>Region vælger</h1><p>{LONG}</p><p>{LONG2}</p></article>"
    only_page = article(body, head=f'<script type="application/ld+json">{page_ld}</script>')
    assert only_page.published == "2025-01-01T00:00:00+01:00"
    both = article(body, head=f'<script type="application/ld+json">{page_ld}</script>'
                              f'<script type="application/ld+json">{LD_ARTICLE % "Article"}'
                              "</script>")
    assert both.published == "2026-02-03T08:50:00+01:00"


# --- where the article is ----------------------------------------------------------------------

def test_a_page_served_inside_noscript_is_read() -> None:
    art = article(f"<noscript><div id='wrap'><h1>Region vælger leverandør</h1><p>{LONG}</p>"
                  f"<p>{LONG2}</p></div></noscript><div id='app'></div>")
    assert art.title == "Region vælger leverandør"
    assert art.body is not None and LONG2 in art.body


def test_a_tracking_pixel_noscript_stays_unread() -> None:
    art = article(f"<article><h1>Region vælger leverandør</h1><p>{LONG}</p><p>{LONG2}</p>"
                  "<noscript><p>Slå JavaScript til for at se kommentarerne.</p>"
                  "<img src='https://px.example.invalid/p.gif'></noscript></article>")
    assert "JavaScript" not in (art.body or "")


def test_the_headline_repeated_in_a_teaser_rail_after_the_text_is_not_the_title_line() -> None:
    # No <h1>; the page shows the headline twice: over the article (with a kicker before it,
    # so the line is not equal to the metadata title) and in a teaser rail at the end.
    head = "<meta property='og:title' content='Region vælger leverandør til platformen'>"
    art = article(f"<div><div>Udbud Region vælger leverandør til platformen</div><p>{LONG}</p>"
                  f"<p>{LONG2}</p></div><div class='teaser-rail'><div>Region vælger "
                  "leverandør til platformen</div><div>Kort tekst</div></div>", head=head)
    assert art.title == "Region vælger leverandør til platformen"
    assert art.body is not None and LONG in art.body and LONG2 in art.body


def test_of_two_title_lines_the_one_followed_by_text_wins() -> None:
    head = "<meta property='og:title' content='Region vælger leverandør til platformen'>"
    art = article("<div class='top-story'><h1>Region vælger leverandør til platformen</h1>"
                  "<p>Kort.</p></div>"
                  f"<div><h1>Region vælger leverandør til platformen</h1><p>{LONG}</p>"
                  f"<p>{LONG2}</p></div>", head=head)
    assert art.lead == LONG
    assert art.body == LONG2


# --- pointers, labels and lists that are not body text ------------------------------------------

def _records(body: str) -> tuple[Article, list[RelatedLink]]:
    records = parse_page(page(body), URL, FETCHED)
    assert isinstance(records[0], Article)
    return records[0], [r for r in records if isinstance(r, RelatedLink)]


OPEN = f"<article><h1>Region vælger leverandør</h1><p>{LONG}</p><p>{LONG2}</p>"


@pytest.mark.parametrize("label", ["Lea también", "Auch lesen", "Mere fra redaktionen"])
def test_a_labelled_pointer_in_any_language_is_not_body(label: str) -> None:
    art, _ = _records(f"{OPEN}<p>{label}: <a href='/art/290002/a'>Kommunerne samler driften i "
                      f"et fælles selskab</a></p><p>{LONG} Igen.</p></article>")
    assert "Kommunerne samler" not in (art.body or "") and LONG2 in (art.body or "")
    assert "https://www.computerworld.dk/art/290002/a" in [link.url for link in art.links]


def test_a_run_of_teaser_links_is_not_body_but_a_single_linked_line_is() -> None:
    run = "".join(f"<p><a href='/art/29000{n}/a'>Kommunerne samler driften, del {n}</a></p>"
                  for n in range(3))
    art, _ = _records(f"{OPEN}{run}<p>{LONG} Igen.</p></article>")
    assert "Kommunerne samler" not in (art.body or "")
    single, _ = _records(f"{OPEN}<p><a href='/rapport.pdf'>Hent hele rapporten om udbuddet"
                         f"</a></p><p>{LONG} Igen.</p></article>")
    assert "Hent hele rapporten om udbuddet" in (single.body or "")


def test_the_label_of_a_box_of_links_after_the_text_is_not_body() -> None:
    art, _ = _records(f"{OPEN}<p>Flere artikler</p><p><a href='/art/290002/a'>Kommunerne "
                      "samler driften</a></p><p><a href='/art/290003/b'>Regionerne strides om "
                      "prisen</a></p></article>")
    assert art.body == LONG2


def test_a_closing_signature_after_the_text_stays_body() -> None:
    art, _ = _records(f"{OPEN}<p>trs</p></article>")
    assert art.body == f"{LONG2}\n\ntrs"


@pytest.mark.parametrize("sep", ["</p><p>", "<br>"], ids=["next-paragraph", "after-br"])
def test_a_sentence_ending_in_her_colon_before_a_linked_title_is_a_related_link(
        sep: str) -> None:
    art, related = _records(f"{OPEN}<p>Du kan følge hele debatten om udbuddet her:{sep}"
                            "<a href='/art/290002/x'>Regionerne strides om prisen</a></p>"
                            f"<p>{LONG} Igen.</p></article>")
    assert "debatten" not in (art.body or "") and "strides" not in (art.body or "")
    assert [(r.cue, r.title, r.target_article_id) for r in related] == [
        ("Du kan følge hele debatten om udbuddet her", "Regionerne strides om prisen", 290002)]


def test_a_sentence_ending_in_her_colon_without_a_link_after_it_is_text() -> None:
    art, related = _records(f"{OPEN}<p>Sådan siger hun her:</p><p>{LONG} Igen.</p></article>")
    assert "Sådan siger hun her:" in (art.body or "") and related == []


@pytest.mark.parametrize("sep", ["</p><p>", "<br>"], ids=["paragraphs", "br-lines"])
def test_a_relevante_link_list_of_bare_addresses_is_not_body(sep: str) -> None:
    art, _ = _records(f"{OPEN}<p>Relevante link{sep}www.nordfjernet.dk{sep}"
                      f"<a href='http://www.sydhost-data.dk'>www.sydhost-data.dk</a></p>"
                      f"<p>{LONG} Igen.</p></article>")
    assert "Relevante" not in (art.body or "") and "www." not in (art.body or "")
    assert [link.url for link in art.links] == ["http://www.nordfjernet.dk",
                                                "http://www.sydhost-data.dk"]
