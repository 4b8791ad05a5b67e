"""Page chrome: what the flattener (:mod:`.lines`) leaves out because it is not content.

Nothing here depends on the site's class names being known; they are hints only:

* ARIA roles ``navigation``/``banner``/``contentinfo``/``search``/``dialog``/``alertdialog``;
  a navigation or banner role that holds an ``<h1>`` is read (a wrapper that never closed
  around the article, or a header holding the title), a dialog never is;
* whole class/id tokens such as ``cookie-banner`` or ``site-footer`` (:data:`CHROME_HINTS`),
  never substrings (``people-news__footer`` is content); inside an ``<article>`` only the
  tokens of boxes that sit in articles (:data:`BOX_HINTS`: ``newsletter``, ``share``,
  ``cookie`` …), since a ``header``/``footer`` class there may be the article's own;
* boxes that sit beside or below the article text without being it — comment threads,
  "related"/"recommended" rails, sidebars, teasers, promos, author boxes, tag lists — named by
  a class/id word (:data:`NOISE_NAMES`, :data:`NOISE_WORDS`): their lines are read (a related
  cue or a widget may sit there) but flagged, and never vote for or become the article's body;
* links that share the page (Twitter/X intents, Facebook sharer, LinkedIn share, ``mailto:``
  …, :data:`SHARE_URL`).

See docs/extraction-rules.md, Widgets (the paragraph on page chrome).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

CHROME_ROLES = frozenset({"navigation", "banner", "contentinfo", "search", "dialog",
                          "alertdialog"})
# Chrome roles that may wrap the whole page when their element is never closed: read when they
# hold an <h1>. A dialog holding one ("Tilmeld dig vores nyhedsbrev") is still chrome.
WRAPPER_ROLES = frozenset({"navigation", "banner"})
# Class/id tokens that hint at chrome. Hints only (whole tokens, never substrings such as
# "people-news__footer"): a page without them still parses.
CHROME_HINTS = frozenset(
    "nav navbar navigation menu main-menu site-nav breadcrumb breadcrumbs cookie cookies "
    "cookie-banner cookie-consent cookiebar cookie-law consent gdpr newsletter "
    "newsletter-signup footer site-footer page-footer header site-header page-header masthead "
    "share share-bar sharing social login".split()
)
# Inside an <article> (but not inside a card in it) only these hints count: "header" or
# "footer" there may be the article's own.
BOX_HINTS = frozenset(
    "newsletter newsletter-signup share share-bar sharing social cookie cookies cookie-banner "
    "cookie-consent consent gdpr login".split()
)

# Whole class/id tokens naming a box of non-body text.
NOISE_NAMES = frozenset(
    "comments commentlist comment-list comments-area disqus_thread related relatedposts "
    "relatedarticles recommended recommendations sidebar widget-area teaser teasers promo "
    "outbrain taboola trending popular mostread most-read author-bio authorbox author-box "
    "about-author tags taglist tag-list tagcloud keywords newsletter subscribe "
    "more-stories morestories nocontent robots-nocontent".split()
)
# Words of a compound token ("c-related-articles", "post__comments") that name such a box …
NOISE_WORDS = frozenset(
    "comments comment related recommended recommendations teaser teasers promo "
    "outbrain taboola trending popular mostread newsletter subscribe tags taglist".split()
)
# … unless a qualifier comes right before them: "no-sidebar", "has-comments" and
# "category-promo" describe the element they sit on, they do not name a box.
NOISE_QUALIFIERS = frozenset("no has with without is show hide category tag tags type".split())
# … and unless the token names the main part of a layout around them ("sidebar__main",
# "sidebar-layout"): that element holds the article.
LAYOUT_WORDS = frozenset("main layout".split())
_WORD_SPLIT = re.compile(r"[-_]+")

SHARE_URL = re.compile(
    r"^(?:mailto:|https?://(?:www\.|m\.)?(?:twitter\.com/(?:intent|share)|x\.com/intent|"
    r"facebook\.com/(?:sharer|share|dialog/share)|linkedin\.com/(?:shareArticle|sharing|"
    r"cws/share)|reddit\.com/submit|wa\.me/|api\.whatsapp\.com/send|t\.me/share|"
    r"bsky\.app/intent|pinterest\.\w+/pin/create))",
    re.IGNORECASE)


@lru_cache(maxsize=4096)
def hints_box(cls: str | None, ident: str | None) -> bool:
    """Whether the class or id names a box that sits inside articles without being article
    text: a newsletter sign-up, a share bar, a cookie notice."""
    return any(h in BOX_HINTS for h in f"{cls or ''} {ident or ''}".lower().split())


@lru_cache(maxsize=4096)
def hints_chrome(cls: str | None, ident: str | None) -> bool:
    """Whether the class or id holds a chrome hint token. Memoised: a site repeats its class
    names on every page."""
    return any(h in CHROME_HINTS for h in f"{cls or ''} {ident or ''}".lower().split())


@lru_cache(maxsize=4096)
def hints_noise(cls: str | None, ident: str | None) -> bool:
    """Whether the class or id names a box of non-body text (comments, a related rail, a
    sidebar …): a whole token of :data:`NOISE_NAMES`, or a word of :data:`NOISE_WORDS` in a
    compound token that no qualifier (``no-``, ``has-``, ``category-`` …) comes before."""
    for token in f"{cls or ''} {ident or ''}".lower().split():
        if token in NOISE_NAMES:
            return True
        words = _WORD_SPLIT.split(token)
        if len(words) > 1 and not LAYOUT_WORDS.intersection(words) and any(
                word in NOISE_WORDS and (k == 0 or words[k - 1] not in NOISE_QUALIFIERS)
                for k, word in enumerate(words)):
            return True
    return False


def has_h1(el: Any) -> bool:
    """Whether an ``<h1>`` sits below ``el``: chrome that holds one is read (see above)."""
    for _ in el.iter("h1"):
        return True
    return False
