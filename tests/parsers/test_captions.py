"""Captions and credits of the hero picture (crawler/parsers/article/captions.py; see
docs/extraction-rules.md, Article: ``image``): the caption forms, figures read together, which
picture is the hero's, lazy-loaded and ``srcset`` images.

Case tables of small inline pages (invented text in the site's real phrasings) with the fields
they must give.
"""

from __future__ import annotations

import pytest

from crawler.parsers import parse_page
from crawler.parsers.article.captions import parse_caption
from tests.helpers.pages import (
    FETCHED,
    LONG,
    LONG2,
    URL,
    amid_body,
    article,
    page,
    params,
)

CAPTION_CASES = [
    ("credit only", "(Foto: Computerworld)", None, "Computerworld"),
    ("caption + credit", "Birthe Ravnsborg har været it-chef siden 2021. (Foto: Anders Holm)",
     "Birthe Ravnsborg har været it-chef siden 2021.", "Anders Holm"),
    ("pressefoto", "Pressefoto (Foto: Microsoft/PR)", "Pressefoto", "Microsoft/PR"),
    ("pr foto with slash", "(Foto: PR foto / Jens Astrup)", None, "PR foto / Jens Astrup"),
    ("doubled handle", "(Foto: scyther5 / scyther5)", None, "scyther5 / scyther5"),
    ("unsplash caption", "Photo by Jeppe Storm on Unsplash (Foto: Unsplash)",
     "Photo by Jeppe Storm on Unsplash", "Unsplash"),
    ("unsplash in credit", "(Foto: Photo by Jesper Lind on Unsplash)", None,
     "Photo by Jesper Lind on Unsplash"),
    ("photographer", "(Foto: Photographer Lise Balle)", None, "Photographer Lise Balle"),
    ("caption repeats credit", "Foto: Povl D. Rasmussen. (Foto: Povl D. Rasmussen)", None,
     "Povl D. Rasmussen"),
    ("caption ends with credit", "Lars Holm på kontoret i Vejle. Foto: Hans Juhl (Foto: Hans Juhl)",
     "Lars Holm på kontoret i Vejle.", "Hans Juhl"),
    ("credit without parentheses", "Foto: Christoffer Lund-Hansen.", None,
     "Christoffer Lund-Hansen"),
    ("junk contact data", "(Foto: Allan Kjær, tlf. 20 30 40 50, Søndergade 4, 8000 Aarhus C, "
     "ak@foto.dk, www.akfoto.dk)", None,
     "Allan Kjær, tlf. 20 30 40 50, Søndergade 4, 8000 Aarhus C, ak@foto.dk, www.akfoto.dk"),
    ("stray characters", "(Foto: C)2015! Allan Jensen)", None, "C)2015! Allan Jensen"),
    ("plain caption", "Regionens nye hovedsæde i Vejle.", "Regionens nye hovedsæde i Vejle.",
     None),
]

# Read as a caption only in a figure or after the hero marker (prose may say "foto: …").
GLUED_CREDIT = ("credit glued on without parentheses",
                "Regionens nye hovedsæde i Vejle. Foto: Hans Juhl.",
                "Regionens nye hovedsæde i Vejle.", "Hans Juhl")

@pytest.mark.parametrize("line,caption,credit", params(CAPTION_CASES + [GLUED_CREDIT]))
def test_parse_caption(line: str, caption: str | None, credit: str | None) -> None:
    assert parse_caption(line) == (caption, credit)

@pytest.mark.parametrize("markup", [
    "<figure><img src='/img/a.jpg'><figcaption>{c}</figcaption></figure>",
    "<div>Artikel top billede</div><div>{c}</div>",
], ids=["figcaption", "marker line"])
def test_glued_credit_in_a_figure_or_after_the_marker(markup: str) -> None:
    _, line, caption, credit = GLUED_CREDIT
    art = article(f"<article><h1>Regionen vælger ny platform</h1><p>{LONG}</p>"
                  f"{markup.format(c=line)}<p>{LONG2}</p><p>{LONG}</p></article>")
    assert art.image is not None
    assert (art.image.caption, art.image.credit) == (caption, credit)
    assert art.body == f"{LONG2}\n\n{LONG}"

@pytest.mark.parametrize("where", ["lead", "body"])
def test_prose_ending_in_foto_colon_is_no_caption(where: str) -> None:
    prose = ("Instagram har lanceret to nye funktioner til brugernes foto: en AI-baseret "
             "redigering og en ny knap til deling.")
    paragraphs = [prose, LONG2, LONG] if where == "lead" else [LONG, prose, LONG2]
    art = article("<article><h1>Regionen vælger ny platform</h1>"
                  + "".join(f"<p>{t}</p>" for t in paragraphs) + "</article>")
    assert art.image is None
    assert [art.lead, *art.body.split("\n\n")] == paragraphs

def test_neighbouring_figures_and_figure_tables_are_not_one_caption() -> None:
    figures = ("<figure><img src='/img/a.jpg'><figcaption>Hovedsædet i Vejle.</figcaption>"
               "</figure><figure><img src='/img/b.jpg'><figcaption>Serverrummet. (Foto: Jens "
               "Holm)</figcaption></figure>")
    art = article(f"<article><h1>Regionen vælger ny platform</h1>{figures}<p>{LONG}</p><div>"
                  f"<p>{LONG2}</p><p>{LONG}</p></div></article>")
    assert art.image is not None
    assert (art.image.url, art.image.caption, art.image.credit) == (
        "https://www.computerworld.dk/img/a.jpg", "Hovedsædet i Vejle.", None)
    table = ("<figure><table><tr><th>Leverandør</th><th>Pris</th></tr><tr><td>KMD</td>"
             "<td>12 mio. kr.</td></tr></table><figcaption>Tilbuddene i udbuddet</figcaption>"
             "</figure>")
    art = article(f"<article><h1>Regionen vælger ny platform</h1><p>{LONG}</p>{table}<div>"
                  f"<p>{LONG2}</p><p>{LONG}</p></div></article>")
    assert art.image is not None and art.image.caption == "Tilbuddene i udbuddet"
    assert art.body == f"{LONG2}\n\n{LONG}"

def test_a_picture_further_down_the_body_does_not_caption_the_hero() -> None:
    head = "<meta property='og:image' content='https://cdn.computerworld.dk/hero.jpg'>"
    figure = ("<figure><img src='/img/b.jpg'><figcaption>Jannik Oldrup, sikkerhedschef. (Foto: "
              "Nordsø Rejser)</figcaption></figure>")
    body = (f"<article><h1>Regionen vælger ny platform</h1><p>{LONG}</p><div><p>{LONG2}</p>"
            f"{figure}<p>{LONG}</p></div></article>")
    art = parse_page(page(body, head), URL, FETCHED)[0]
    assert art.image is not None
    assert (art.image.url, art.image.caption, art.image.credit) == (
        "https://cdn.computerworld.dk/hero.jpg", None, None)
    assert art.body == f"{LONG2}\n\n{LONG}"

@pytest.mark.parametrize("markup", [
    "<figure><img src='/img/a.jpg' alt='Artikel top billede'><figcaption>{c}</figcaption></figure>",
    "<div>Artikel top billede</div><div>{c}</div>",
    "<div class='pic'><img src='/img/a.jpg'><p>{c}</p></div>",
], ids=["figcaption", "marker line", "line after img"])
@pytest.mark.parametrize("line,caption,credit", params(CAPTION_CASES[:-1]))
def test_caption_in_page(markup: str, line: str, caption: str | None,
                         credit: str | None) -> None:
    art = article(f"<article><h1>Regionen vælger ny platform</h1><p>{LONG}</p>"
                  f"{markup.format(c=line)}<p>{LONG2}</p><p>{LONG}</p></article>")
    assert art.image is not None
    assert (art.image.caption, art.image.credit) == (caption, credit)
    assert art.body == f"{LONG2}\n\n{LONG}"

FIGURE = "<figure><img src='/img/a.jpg'>{inner}</figure>"

CAPTION = "Signe Bækgaard er it-direktør i regionen."

@pytest.mark.parametrize("inner", [
    f"<figcaption>{CAPTION} <span class='credit'>Foto: Region Nordvest</span></figcaption>",
    f"<figcaption><p>{CAPTION}</p><p>Foto: Region Nordvest</p></figcaption>",
    f"<div>{CAPTION}</div><div class='credit'>(Foto: Region Nordvest)</div>",
    f"<figcaption>{CAPTION}<br>Foto: Region Nordvest</figcaption>",
    f"<figcaption><span>Foto: Region Nordvest</span><p>{CAPTION}</p></figcaption>",
], ids=["credit span", "two paragraphs", "two divs", "br", "credit first"])
@pytest.mark.parametrize("where", ["header", "body"])
def test_caption_and_credit_in_separate_elements_of_a_figure(inner: str, where: str) -> None:
    """A figure's lines are read together: caption and credit in any order and markup, the
    hero figure above the lead or inside the body container."""
    figure = FIGURE.format(inner=inner)
    body = (f"<h1>Regionen vælger ny platform</h1>{figure}<p>{LONG}</p><div><p>{LONG2}</p>"
            f"<p>{LONG}</p></div>" if where == "header" else
            f"<h1>Regionen vælger ny platform</h1><p>{LONG}</p><div>{figure}<p>{LONG2}</p>"
            f"<p>{LONG}</p></div>")
    art = article(f"<article>{body}</article>")
    assert art.image is not None
    assert (art.image.url, art.image.caption, art.image.credit) == (
        "https://www.computerworld.dk/img/a.jpg", CAPTION, "Region Nordvest")
    assert art.body == f"{LONG2}\n\n{LONG}"

def test_only_the_first_figure_gives_the_caption() -> None:
    first = FIGURE.format(inner=f"<figcaption>{CAPTION}<br>Foto: Region Nordvest</figcaption>")
    second = FIGURE.format(inner="<figcaption>Serverrummet i Vejle.<br>Foto: Jens Holm"
                                 "</figcaption>")
    art = article(f"<article><h1>Regionen vælger ny platform</h1>{first}<p>{LONG}</p>"
                  f"<div><p>{LONG2}</p>{second}<p>{LONG}</p></div></article>")
    assert art.image is not None
    assert (art.image.caption, art.image.credit) == (CAPTION, "Region Nordvest")
    assert art.body == f"{LONG2}\n\n{LONG}"

@pytest.mark.parametrize("img", [
    "<img src='data:image/gif;base64,R0lGODlhAQABAAAAACw=' data-src='/img/hero.jpg'>",
    "<img src='/img/blank.gif' data-src='/img/hero.jpg'>",
    "<img srcset='/img/hero.jpg 800w, /img/hero-2x.jpg 1600w'>",
    "<amp-img src='/img/hero.jpg'></amp-img>",
], ids=["data uri", "placeholder", "srcset", "amp-img"])
def test_hero_image_of_lazy_loaders_and_srcset(img: str) -> None:
    body = (f"<article><h1>Router</h1><figure>{img}<figcaption>Routeren i testlaboratoriet. "
            f"(Foto: Mads Kjærulff)</figcaption></figure><p>{LONG}</p><p>{LONG2}</p></article>")
    art = parse_page(page(body), URL, FETCHED)[0]
    assert art.image is not None
    assert art.image.url == "https://www.computerworld.dk/img/hero.jpg"

@pytest.mark.parametrize("head", ["", "<meta property='og:image' content='/img/hero.jpg?w=1200'>"])
def test_the_hero_figure_after_the_first_paragraph_keeps_its_caption(head: str) -> None:
    figure = ("<figure><img src='/img/hero.jpg'><figcaption>Birthe Lund er it-chef. (Foto: Anders "
              "Holm)</figcaption></figure>")
    art = amid_body(figure, head)
    assert art.image is not None
    assert (art.image.caption, art.image.credit) == ("Birthe Lund er it-chef.", "Anders Holm")
    assert art.body == f"{LONG2}\n\n{LONG}"

def test_srcset_urls_with_commas() -> None:
    img = "<img srcset='/upload/w_800,h_450,c_fill/hero.jpg 800w, /upload/w_1600/hero.jpg 1600w'>"
    body = (f"<article><h1>Router</h1><figure>{img}<figcaption>Routeren. (Foto: Mads Holm)"
            f"</figcaption></figure><p>{LONG}</p><p>{LONG2}</p></article>")
    art = parse_page(page(body), URL, FETCHED)[0]
    assert art.image is not None
    assert art.image.url == "https://www.computerworld.dk/upload/w_800,h_450,c_fill/hero.jpg"

@pytest.mark.parametrize("line,credit", [
    ("Arkivfoto: Jens C. Hansen", "Jens C. Hansen"),
    ("Grafik: Danmarks Statistik", "Danmarks Statistik"),
    ("Grafik: Antallet af angreb er steget.", None),
])
def test_other_credit_labels_name_a_source(line: str, credit: str | None) -> None:
    assert parse_caption(line)[1] == credit

def test_a_credit_line_after_body_text_does_not_credit_the_hero() -> None:
    head = "<meta property='og:image' content='https://cdn.computerworld.dk/hero.jpg'>"
    art = amid_body("<p>Grafik: Danmarks Statistik</p>", head)
    assert art.image is not None and (art.image.caption, art.image.credit) == (None, None)
    assert art.body == f"{LONG2}\n\n{LONG}"

def test_a_later_figure_with_the_same_generic_file_name_is_another_picture() -> None:
    head = ("<meta property='og:image' content='https://cdn.computerworld.dk/billeder/290001/"
            "top-1200x630.jpg'>")
    figure = ("<figure><img src='https://cdn.computerworld.dk/billeder/287100/top-1200x630.jpg'>"
              "<figcaption>Arkivbillede fra 2023. (Foto: Jens Astrup)</figcaption></figure>")
    art = amid_body(figure, head)
    assert art.image is not None and (art.image.caption, art.image.credit) == (None, None)
