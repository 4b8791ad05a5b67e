"""The sentences of one Navnenyt entry (see docs/extraction-rules.md, Widgets: People news).

:func:`read_entry` turns an entry's text (its trailing label already removed) into
:class:`EntryFields`. The text is split into sentences first (abbreviations such as ``pr.``,
``afd.``, ``Kgs.``, ``MSc.``, ``cand.merc.`` and initials do not end a sentence); the first
sentence is matched against these templates, in this order:

``completed``
    ``<Person>, <titel> hos <Org>, har pr. <dato> fuldført|gennemført|færdiggjort|afsluttet
    [uddannelsen] <U> på|ved|fra|hos <I>[ via …].`` → role = titel; the ``via …`` clause is
    dropped.
``promotion``
    ``<Person>, <gammel titel> hos <Org>, er pr. <dato> [blevet] forfremmet|udnævnt til <ny
    titel>.`` → role = new title, previous_role = old title.
``new_job``
    ``<Org> har [pr. <dato>] ansat <Person>[, NN år,] som <Rolle>[ i <enhed>][ ved <kontor>].``
    Also ``(NN år)`` and ``den NN-årige <Person>``. Role = the text after ``som`` minus a unit
    qualifier (`` i <…>gruppe|team|afdeling|enhed`` with ``-gruppen``/``-teamet``/… forms) and
    an office qualifier (`` ved …``, or `` på <…>kontor i …``); location = the town(s) of
    ``kontor i X`` / ``afdeling i X`` / ``afd. X og afd. Y`` (→ ``X og Y``).
``promotion_by_org`` (not seen on the site, read for robustness)
    ``<Org> har pr. <dato> forfremmet <Person> til <ny titel>.``
``joined`` (not seen on the site)
    ``<Person>[, NN år,] er pr. <dato> [blevet] ansat som <Rolle> hos <Org>.``
``apposition``
    any other ``<Person>, <titel> hos <Org>, har|er …`` sentence (a jubilee, say): person,
    role = titel, organisation, date.
``new_job_no_role``
    ``<Org> har [pr. <dato>] ansat <Navn> …`` without ``som``: organisation, person, date.

When the first sentence fits none, the later sentences are tried with the strong templates
(all but ``apposition`` and ``new_job_no_role``); when nothing fits, the entry gets the warning
``people_news_unparsed`` and keeps whatever the later sentences give.

Later sentences, in any order, with ``Han``/``Hun`` or a first name as subject:

* ``… kommer fra en stilling som <R> hos <E>.`` → previous_role R, previous_employer E
  verbatim (several employers joined by ``og`` stay one string; the first `` hos `` divides
  role from employer). ``… som <R>.`` → employer null; ``… hos <E>.`` → role null. A trailing
  duration (``gennem de seneste 3 år``, ``i 5 år``, ``siden 2019``) and a ``, hvor …``
  clause are dropped. Also ``kommer senest fra en tilsvarende stilling …``.
* ``… er uddannet <U> fra|på|ved|hos <I>.`` → education U, institution I: the first such
  preposition followed by a capital, a digit or a lower-case school word in the definite
  form (``professionshøjskolen``, ``it-akademiet``, ``universitetet``, …). ``er uddannet
  på|fra <I> og har en <U>`` → U, I; ``er uddannet med en <U>`` / ``er uddannet <U>`` → U,
  null; ``(under uddannelse) som <U>`` → U; ``er uddannet fra <I>`` → null, I. A gloss
  (``, der betyder …``), ``… og videreuddanner sig nu til …`` and a trailing ``i <år>`` are
  not part of U or I.
* ``… har tidligere beskæftiget sig med …`` is never read (facts stated only there are not
  extracted, see docs/extraction-rules.md, Widgets: People news); neither is ``… skal især
  beskæftige sig med [med] …``.

Dates: ``pr. <D>. <måned> <ÅÅÅÅ>`` through the regex of :mod:`crawler.normalize.dates`; any other
phrasing after ``pr.``/``per`` that holds a digit goes to the ``dateparser`` fallback; a date
that cannot be read keeps its ``effective_date_raw`` and gets the warning ``date_unparsed``;
no date at all gives ``null`` and no warning.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from crawler.normalize import dates
from crawler.normalize.text import clean, clean_str

# --- sentences -----------------------------------------------------------------------------

# Tokens that end with a dot without ending a sentence (compared case-folded, dot removed).
ABBREVIATIONS = frozenset(
    "afd pr ca nr evt inkl ekskl mht jf dvs osv mv mfl bl kgs st sct dr hr fr mr mrs ms sr jr "
    "co msc bsc ba ma mba hd cand stud mag dipl ing ph lic prof adm dir tlf vedr ang div etc "
    "vs int ltd corp inc jan feb mar apr jun jul aug sep sept okt nov dec".split()
)
# A capitalised word that starts a new sentence whatever precedes it …
_SUBJECTS = frozenset("Han Hun De Det Den Vi Hans Hendes".split())
# … or a word followed by one of these verbs (a first name as subject: "Rasmus skal …").
_VERBS = frozenset(
    "skal kommer er har bliver vil var blev glæder tiltræder starter begynder overtager får "
    "fortsætter afløser tager".split()
)
_SENTENCE_END = re.compile(
    r"[.!?…][\"”’»)]*(?=\s+(?P<next>[\"“«(]?[^\s\"“«(]+)(?:\s+(?P<after>\S+))?)")


def _last_token(text: str, end: int) -> str:
    """The whitespace-delimited word that ends at ``end``."""
    start = max(text.rfind(" ", 0, end), text.rfind("\n", 0, end), text.rfind("\t", 0, end))
    return text[start + 1:end]


def _is_boundary(text: str, m: re.Match[str]) -> bool:
    nxt = m["next"].lstrip("\"“«(")
    if not nxt or not (nxt[0].isupper() or nxt[0].isdigit()):
        return False
    if text[m.start()] in "!?…":
        return True
    token = _last_token(text, m.start()).strip("(\"“«")
    if nxt.rstrip(",.") in _SUBJECTS:
        return True
    if len(token) == 1 and token.isalpha():
        return False  # an initial: "Jens B. Hansen"
    if (m["after"] or "").rstrip(",.") in _VERBS:
        return True
    return not ("." in token or token.casefold().rstrip(")") in ABBREVIATIONS)


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text``, each with its final punctuation."""
    sentences: list[str] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if _is_boundary(text, m):
            sentences.append(text[start:m.end()].strip())
            start = m.end()
    rest = text[start:].strip()
    if rest:
        sentences.append(rest)
    return [s for s in sentences if s]


def strip_final_period(sentence: str) -> str:
    """``"… som CCO."`` → ``"… som CCO"``; an abbreviation's dot (``cand.polit.``) stays."""
    sentence = sentence.rstrip()
    if not sentence.endswith(".") or sentence.endswith(".."):
        return sentence.rstrip("!?").rstrip()
    token = _last_token(sentence, len(sentence))[:-1]
    if "." in token or token.casefold() in ABBREVIATIONS:
        return sentence
    return sentence[:-1].rstrip()


# --- fields --------------------------------------------------------------------------------


@dataclass
class EntryFields:
    """What an entry's sentences say; ``template`` names the first-sentence template used."""

    template: str | None = None
    person: str | None = None
    age: int | None = None
    organization: str | None = None
    role: str | None = None
    effective_date: str | None = None
    effective_date_raw: str | None = None
    location: str | None = None
    previous_role: str | None = None
    previous_employer: str | None = None
    education: str | None = None
    institution: str | None = None
    warnings: list[str] = field(default_factory=list)

    def copy(self) -> EntryFields:
        """A copy with its own warnings list (a fifth of what ``copy.copy`` costs)."""
        return EntryFields(self.template, self.person, self.age, self.organization, self.role,
                           self.effective_date, self.effective_date_raw, self.location,
                           self.previous_role, self.previous_employer, self.education,
                           self.institution, list(self.warnings))


# --- first-sentence templates (see the module docstring) ---------------------------------

_WHO = r"(?P<who>[^,]+?(?:,\s*\d{1,3}\s*år)?)"
_PERSON_FIRST = _WHO + r",\s+(?P<title>.+?)\s+hos\s+(?P<org>.+?),\s+"
_MID = r"(?P<mid>(?:\S+\s+){0,8}?)"
COMPLETED = re.compile(
    r"^" + _PERSON_FIRST + r"(?:har|er)\s+" + _MID
    + r"(?:fuldført|gennemført|færdiggjort|afsluttet)\s+(?P<rest>.+)$")
PROMOTED = re.compile(
    r"^" + _PERSON_FIRST + r"(?:er|bliver|blev)\s+" + _MID
    + r"(?:blevet\s+)?(?:forfremmet|udnævnt)\s+til\s+(?P<role>.+)$")
NEW_JOB = re.compile(
    r"^(?P<org>.+?)\s+har\s+" + _MID + r"(?:ny)?ansat\s+(?P<who>.+?)\s+som\s+(?P<role>.+)$")
PROMOTED_BY_ORG = re.compile(
    r"^(?P<org>.+?)\s+har\s+" + _MID + r"(?:forfremmet|udnævnt)\s+(?P<who>.+?)\s+til\s+"
    r"(?P<role>.+)$")
JOINED = re.compile(
    r"^" + _WHO + r",?\s+(?:er|bliver|blev|starter)\s+" + _MID
    + r"(?:blevet\s+)?(?:ansat|tiltrådt|startet)\s+som\s+(?P<role>.+?)\s+hos\s+(?P<org>.+)$")
APPOSITION = re.compile(r"^" + _PERSON_FIRST + r"(?:har|er)\s+(?P<mid>.*)$")
_APPOSITION_VERB = re.compile(
    r"\s(?:været|blevet|ansat|fyldt|fejret|fejrer|tiltrådt|startet|gået|udnævnt|valgt)\b")
_NAME = r"[A-ZÆØÅ][\w'’.-]*(?:\s+(?:[A-ZÆØÅ][\w'’.-]*|von|van|der|de|da|af|la|le|bin))*"
NEW_JOB_NO_ROLE = re.compile(
    r"^(?P<org>.+?)\s+har\s+" + _MID + r"(?:ny)?ansat\s+(?P<who>" + _NAME
    + r"(?:\s*,\s*\d{1,3}\s*år)?)(?=[\s,]|$)")

_AGE_AFTER = re.compile(r"^(?P<person>.+?)\s*(?:,\s*(?P<age>\d{1,3})\s*år\s*,?|"
                        r"\(\s*(?P<paren>\d{1,3})\s*år\s*\)\s*,?)$")
_AGE_BEFORE = re.compile(r"^(?:den\s+)?(?P<age>\d{1,3})-årige\s+(?P<person>.+)$")
_PR = re.compile(r"\b(?:pr\.?|per)\s+(?P<rest>.+)$", re.IGNORECASE)
_AUXILIARY_TAIL = re.compile(r"(?:\s+(?:blevet|været|netop|nu|officielt))+$")

# --- qualifiers, later sentences ------------------------------------------------------------

_OFFICE_VED = re.compile(r"\s+ved\s+(?P<office>.+)$")
_OFFICE_PAA = re.compile(
    r"\s+på\s+(?P<office>(?:\S+\s+){0,3}?\S*(?:kontor|afdeling|afd\.)\S*\s+i\s+.+)$")
_TOWN = r"(?:(?:Kgs|Sct|St)\.\s+)?[A-ZÆØÅ][\w-]*(?:\s+[A-ZÆØÅ][\w-]*)*"
_TWO_OFFICES = re.compile(
    r"\bafd(?:\.|eling)\s+(?P<a>" + _TOWN + r")\s+og\s+afd(?:\.|eling)\s+(?P<b>" + _TOWN + r")")
_OFFICE_TOWN = re.compile(
    r"\b(?:kontor|afdeling|filial|lokation)\w*\s+i\s+(?P<town>" + _TOWN
    + r"(?:\s*(?:,|og)\s+" + _TOWN + r")*)")
_ONE_OFFICE = re.compile(r"\bafd\.\s+(?P<town>" + _TOWN + r")$")
UNIT_QUALIFIER = re.compile(
    r"\s+i\s+(?:[^\s,]+\s+){0,4}?[^\s,]*?(?:gruppe|team|afdeling|enhed)(?:n|en|et)?"
    r"(?=$|,|\s+(?:med|og|hos|for|på)\s)", re.IGNORECASE)

PREVIOUS = re.compile(
    r"\bkommer\s+(?:senest\s+|direkte\s+|nu\s+)?fra\s+(?:en\s+|et\s+)?(?:[a-zæøå]+\s+)?"
    r"(?:stilling|job|rolle)\b\s*(?P<rest>.*)$")
_PREVIOUS_PARTS = re.compile(r"^som\s+(?P<role>.+?)(?:\s+hos\s+(?P<emp>.+))?$|^hos\s+(?P<only>.+)$")
_NUMBER = (r"(?:\d+(?:[,.]\d+)?|et|en|halvandet|to|tre|fire|fem|seks|syv|otte|ni|ti|elleve|"
           r"tolv|femten|tyve|mange|flere)")
DURATION = re.compile(
    r"\s+(?:(?:(?:i|gennem|igennem)\s+)?(?:de\s+)?(?:seneste|sidste|forgangne)\s+" + _NUMBER
    + r"|(?:i|gennem|igennem)\s+" + _NUMBER + r")\s+(?:år|måneder)$|\s+siden\s+\d{4}$",
    re.IGNORECASE)
_RELATIVE_CLAUSE = re.compile(r",\s+(?:hvor|hvorfra|hvilket)\b.*$")

EDUCATED = re.compile(r"\ber\s+(?:nyuddannet|færdiguddannet|uddannet)\s+(?P<rest>.+)$")
_EDU_CUT = re.compile(r",?\s+og\s+(?:videreuddanner|læser|er\s+nu)\b.*$|,\s+(?:der|som|hvilket)"
                      r"\s+(?:betyder|svarer)\b.*$|,\s+svarende\s+til\b.*$")
_UNDER_EDUCATION = re.compile(r"^\(under uddannelse\)\s*(?:som\s+)?|^som\s+")
_INST_AND_DEGREE = re.compile(r"^(?:på|fra|ved|hos)\s+(?P<inst>.+?)\s+og\s+har\s+(?:en|et)\s+"
                              r"(?P<edu>.+)$")
# An institution starts with a capital or a digit, or with a lower-case word naming a school
# in the definite form: "erhvervsakademiet", "it-akademiet", "universitetet", "seminariet",
# and compounds of "-skolen"/"-gymnasiet" ("professionshøjskolen", "hotel- og
# restaurantskolen") — "skolen" alone is too vague ("fra skolen for livet").
_INST = (r"(?P<inst>(?:[A-ZÆØÅ0-9]|(?=[a-zæøå])(?:[\w-]*?(?:akademiet|universitetet|instituttet|"
         r"seminariet)|(?:[\w]+-\s+og\s+)?[\w-]{2,}?(?:skolen|gymnasiet))\b).*)")
_INST_ONLY = re.compile(r"^(?:på|fra|ved|hos)\s+" + _INST + r"$")
_WITH_DEGREE = re.compile(r"^med\s+(?:en|et)\s+(?P<edu>.+)$")
_DEGREE_AT = re.compile(r"^(?P<edu>.+?)\s+(?:på|fra|ved|hos)\s+" + _INST + r"$")
_YEAR_TAIL = re.compile(r"\s+i\s+(?:19|20)\d\d$")
_COURSE_PREFIX = re.compile(r"^(?:uddannelsen|sin\s+uddannelse(?:\s+(?:som|i))?|en|et)\s+")
_VIA = re.compile(r"\s+via\s+.*$")


def _person_and_age(who: str) -> tuple[str | None, int | None]:
    who = clean_str(who).strip(", ")
    m = _AGE_BEFORE.match(who)
    if m:
        return clean(m["person"]), int(m["age"])
    m = _AGE_AFTER.match(who)
    if m:
        return clean(m["person"]), int(m["age"] or m["paren"])
    return clean(who), None


def _date_phrase(mid: str) -> str | None:
    """The date text of ``pr. <dato>`` (or a bare ``D. måned ÅÅÅÅ``) in ``mid``, else None."""
    m = _PR.search(mid)
    if m:
        rest = m["rest"].strip()
        exact = dates.DATE_RE.match(rest)
        if exact:
            return exact.group(0)
        return clean(_AUXILIARY_TAIL.sub("", rest).strip(" ,"))
    bare = dates.DATE_RE.search(mid)
    return bare.group(0) if bare else None


def _read_date(fields: EntryFields, mid: str) -> None:
    raw = _date_phrase(mid)
    if raw is None:
        return
    fields.effective_date_raw = raw
    if dates.DATE_RE.search(raw):
        day = dates.find_date(raw)  # the standard "2. februar 2026": regex only
    else:
        day = dates.find_date(raw, fallback=any(c.isdigit() for c in raw))
    if day is None:
        fields.warnings.append("date_unparsed")
    else:
        fields.effective_date = day.isoformat()


def _role_and_location(raw_role: str) -> tuple[str | None, str | None]:
    """A new job's role without unit/office qualifiers, and the office town(s)."""
    role, office = raw_role, ""
    m = _OFFICE_VED.search(role) or _OFFICE_PAA.search(role)
    if m:
        role, office = role[:m.start()], m["office"]
    role = UNIT_QUALIFIER.sub("", role).strip(" ,;:")
    location = None
    two = _TWO_OFFICES.search(office)
    town = _OFFICE_TOWN.search(office) or _ONE_OFFICE.search(office)
    if two:
        location = f"{two['a']} og {two['b']}"
    elif town:
        location = town["town"]
    return clean(role or raw_role), clean(location)


def _split_institution(text: str) -> tuple[str | None, str | None]:
    m = _DEGREE_AT.match(text)
    if m:
        return clean(m["edu"]), clean(_YEAR_TAIL.sub("", m["inst"]))
    return clean(_YEAR_TAIL.sub("", text)), None


def education_from(rest: str) -> tuple[str | None, str | None]:
    """(education, institution) from the words after ``er uddannet``."""
    rest = _EDU_CUT.sub("", strip_final_period(rest)).strip()
    rest = _UNDER_EDUCATION.sub("", rest)
    m = _INST_AND_DEGREE.match(rest)
    if m:
        return clean(m["edu"]), clean(m["inst"])
    m = _INST_ONLY.match(rest)
    if m:
        return None, clean(_YEAR_TAIL.sub("", m["inst"]))
    m = _WITH_DEGREE.match(rest)
    return _split_institution(m["edu"] if m else rest)


def previous_from(rest: str) -> tuple[str | None, str | None]:
    """(previous_role, previous_employer) from the words after ``kommer fra en stilling``."""
    rest = _RELATIVE_CLAUSE.sub("", strip_final_period(rest)).strip()
    rest = DURATION.sub("", rest)
    m = _PREVIOUS_PARTS.match(rest)
    if not m:
        return None, None
    if m["only"]:
        return None, clean(DURATION.sub("", m["only"]))
    employer = clean(DURATION.sub("", m["emp"])) if m["emp"] else None
    return clean(DURATION.sub("", m["role"])), employer


# --- templates -----------------------------------------------------------------------------


def _completed(m: re.Match[str], f: EntryFields) -> None:
    f.person, f.age = _person_and_age(m["who"])
    f.role, f.organization = clean(m["title"]), clean(m["org"])
    course = _VIA.sub("", _COURSE_PREFIX.sub("", m["rest"]))
    f.education, f.institution = _split_institution(course)
    _read_date(f, m["mid"])


def _promotion(m: re.Match[str], f: EntryFields) -> None:
    f.person, f.age = _person_and_age(m["who"])
    f.previous_role, f.organization = clean(m["title"]), clean(m["org"])
    f.role = clean(m["role"])
    _read_date(f, m["mid"])


def _new_job(m: re.Match[str], f: EntryFields) -> None:
    f.organization = clean(m["org"])
    f.person, f.age = _person_and_age(m["who"])
    f.role, f.location = _role_and_location(m["role"])
    _read_date(f, m["mid"])


def _promotion_by_org(m: re.Match[str], f: EntryFields) -> None:
    f.organization, f.role = clean(m["org"]), clean(m["role"])
    f.person, f.age = _person_and_age(m["who"])
    _read_date(f, m["mid"])


def _joined(m: re.Match[str], f: EntryFields) -> None:
    f.person, f.age = _person_and_age(m["who"])
    f.organization = clean(m["org"])
    f.role, f.location = _role_and_location(m["role"])
    _read_date(f, m["mid"])


def _apposition(m: re.Match[str], f: EntryFields) -> None:
    f.person, f.age = _person_and_age(m["who"])
    f.role, f.organization = clean(m["title"]), clean(m["org"])
    verb = _APPOSITION_VERB.search(m["mid"])  # "pr. <dato> været ansat i 25 år"
    _read_date(f, m["mid"][:verb.start()] if verb else m["mid"])


def _new_job_no_role(m: re.Match[str], f: EntryFields) -> None:
    f.organization = clean(m["org"])
    f.person, f.age = _person_and_age(m["who"])
    _read_date(f, m["mid"])


def _looks_like_name(who: str) -> bool:
    first = who.split(None, 1)[0] if who.strip() else ""
    return bool(first) and first[0].isupper() and first not in _SUBJECTS


Template = tuple[str, re.Pattern[str], Callable[[re.Match[str], EntryFields], None]]
STRONG_TEMPLATES: tuple[Template, ...] = (
    ("completed", COMPLETED, _completed),
    ("promotion", PROMOTED, _promotion),
    ("new_job", NEW_JOB, _new_job),
    ("promotion_by_org", PROMOTED_BY_ORG, _promotion_by_org),
    ("joined", JOINED, _joined),
)
WEAK_TEMPLATES: tuple[Template, ...] = (
    ("apposition", APPOSITION, _apposition),
    ("new_job_no_role", NEW_JOB_NO_ROLE, _new_job_no_role),
)
# Template sentences are short (the longest seen ≈ 250 characters); longer text is not tried,
# which also bounds the regexes' backtracking on pathological input.
MAX_SENTENCE = 1000
# The label a template implies, for an entry whose printed label was cut off.
TEMPLATE_LABELS = {"completed": "Færdiggjort uddannelse", "promotion": "Forfremmelse",
                   "new_job": "Nyt job", "promotion_by_org": "Forfremmelse", "joined": "Nyt job"}


def _fit(sentence: str, templates: tuple[Template, ...], f: EntryFields) -> bool:
    if len(sentence) > MAX_SENTENCE:
        return False
    sentence = strip_final_period(sentence)
    for name, pattern, read in templates:
        m = pattern.match(sentence)
        if m and (name != "joined" or _looks_like_name(m["who"])):
            read(m, f)
            f.template = name
            return True
    return False


def read_entry(text: str) -> EntryFields:
    """Every field an entry's text gives; never raises. See the module docstring.

    Results are memoised: the same entries stand in the widget rail of every page of a crawl.
    The caller gets its own copy.
    """
    return _read_entry_cached(text).copy()


@lru_cache(maxsize=4096)
def _read_entry_cached(text: str) -> EntryFields:
    f = EntryFields()
    sentences = split_sentences(clean_str(text))
    if not sentences:
        f.warnings.append("people_news_unparsed")
        return f
    fitted_at = None
    for n, sentence in enumerate(sentences):
        if _fit(sentence, STRONG_TEMPLATES + WEAK_TEMPLATES if n == 0 else STRONG_TEMPLATES, f):
            fitted_at = n
            break
    if fitted_at is None:
        f.warnings.append("people_news_unparsed")
    start = 0 if fitted_at is None else fitted_at + 1
    for sentence in sentences[start:]:
        prev = PREVIOUS.search(sentence)
        if prev and f.previous_role is None and f.previous_employer is None:
            f.previous_role, f.previous_employer = previous_from(prev["rest"])
        edu = EDUCATED.search(sentence)
        if edu and f.education is None and f.institution is None:
            f.education, f.institution = education_from(edu["rest"])
    return f
