"""Page chrome: what the flattener (:mod:`.lines`) leaves out because it is not content.

Nothing here depends on the site's class names being known; they are hints only:

* ARIA roles ``navigation``/``banner``/``contentinfo``/``search``/``dialog``/``alertdialog``;
  a navigation or banner role that holds an ``<h1>`` is read (a wrapper that never closed
  around the article, or a header holding the title), a dialog never is;
* whole class/id tokens such as ``cookie-banner`` or ``site-footer`` (:data:`CHROME_HINTS`),
  never substrings (``people-news__footer`` is content); inside an ``<article>`` only the
  tokens of boxes that sit in articles (:data:`BOX_HINTS`: ``newsletter``, ``share``,
  ``cookie`` …), since a ``header``/``footer`` class there may be the article's own;
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


def has_h1(el: Any) -> bool:
    """Whether an ``<h1>`` sits below ``el``: chrome that holds one is read (see above)."""
    for _ in el.iter("h1"):
        return True
    return False
