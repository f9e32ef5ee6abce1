"""Discrepancies: where a retelling contradicts its source, or an article contradicts itself.

- Inside one article: an interval that ends before it begins ("from May 2025 until February that year").
- Across a reused passage (an alignment, the source side against the retelling):
  - a changed number for the same thing counted ("at least 14 people were killed" / "41 people");
  - a changed date ("on 12 March" / "on 21 March");
  - a dropped hedge (the source says "reportedly" or "could not be independently verified", the
    retelling states it flat);
  - a flipped negation, in near-verbatim passages only (paraphrase rewords negation too freely);
  - two named actors trading roles ("Ryan said Trump's refusal ..." / "Trump said Ryan's refusal ..."), found
    by aligning each retold sentence with its source sentence, names masked, and comparing who stands where.
  A larger casualty figure in an article published later is an update, not a conflict, and is said so.
- Across the reports of one story: each later death toll, count of wounded, displaced or arrested, against the
  first report that gave it.

Each finding carries both pieces of evidence: the spans in each article and the values.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from difflib import SequenceMatcher
from typing import Any, NamedTuple

from ..records import Alignment, Article
from ..text.dates import timestamp
from ..text.tokens import sentences
from .facts import Fact, dates, intervals, lead_figures, lead_toll, numbers

# Hedges a retelling can drop ("claims" is left out: it is as often a noun, "insurance claims").
_HEDGE = re.compile(r"\b(?:reportedly|allegedly|purportedly|supposedly|apparently|unconfirmed|unverified|"
                    r"could not (?:be )?(?:independently )?(?:verif(?:y|ied)|confirm(?:ed)?)|"
                    r"cannot be (?:independently )?verified|not (?:be )?independently verified)\b", re.I)
_NEGATION = re.compile(r"\b(?:not|no|never|none|nobody|nothing|neither|nor|without)\b|n[’']t\b", re.I)
_UPDATE = re.compile(r"\b(?:risen|rose|rises|climbed|increased|up from|now stands|revised|updated|latest|"
                     r"has grown|jumped)\b", re.I)
UPDATE_AFTER = 3 * 3600  # seconds: a later figure this much later is news, not a slip
UPDATE_WORDS = _UPDATE  # public: the events merge tells updates from conflicts with the same words


def _finding(kind: str, pairs: list[tuple[str, tuple[int, int]]], values: list[Any],
             explanation: str) -> dict[str, Any]:
    return {"kind": kind, "articles": [a for a, _ in pairs], "spans": [list(s) for _, s in pairs],
            "values": values, "explanation": explanation}


def _day(value: tuple[date, date]) -> str:
    first, last = value
    if first == last:
        return first.isoformat()
    if first.day == 1 and first.month == 1 and last.month == 12 and last.day == 31:
        return str(first.year)
    return first.isoformat()[:7]


def internal(article: Article) -> list[dict[str, Any]]:
    """What an article gets wrong on its own: intervals that end before they begin."""
    out = []
    for begin, end in intervals(article.text, article.published):
        (b_first, _), (_, e_last) = begin.value, end.value  # type: ignore[misc]
        if e_last < b_first:
            span = (begin.span[0], end.span[1])
            out.append(_finding(
                "interval_reversed", [(article.id, span)], [_day(begin.value), _day(end.value)],  # type: ignore[arg-type]
                f"“{begin.text} … {end.text}” ends ({_day(end.value)}) before it begins "  # type: ignore[arg-type]
                f"({_day(begin.value)})"))  # type: ignore[arg-type]
    return out


def across(alignment: Alignment, source: Article, target: Article) -> list[dict[str, Any]]:
    """What the retelling (target) changed in a passage it took from the source."""
    # whole sentences: an edit often sits just outside the words the two still share ("14" / "has risen to 19")
    sa, sb = _sentences_around(source.text, alignment.source_span)
    ta, tb = _sentences_around(target.text, alignment.target_span)
    out: list[dict[str, Any]] = []
    out += _numbers(numbers(source.text, sa, sb), numbers(target.text, ta, tb), source, target)
    out += _dates(dates(source.text, source.published, sa, sb), dates(target.text, target.published, ta, tb),
                  source, target)
    out += _swapped_actors(source, target, (sa, sb), (ta, tb))
    hedges_s = list(_HEDGE.finditer(source.text, sa, sb))
    hedge = hedges_s[0] if hedges_s else None
    if hedge and len(list(_HEDGE.finditer(target.text, ta, tb))) < len(hedges_s):
        out.append(_finding("hedge_dropped", [(source.id, hedge.span()), (target.id, (ta, tb))],
                            [hedge.group(), None], f"the source hedges (“{hedge.group()}”); the retelling states "
                                                   "the same passage as fact"))
    if alignment.kind in ("verbatim", "near_verbatim"):
        neg_s = [m for m in _NEGATION.finditer(source.text, sa, sb)]
        neg_t = [m for m in _NEGATION.finditer(target.text, ta, tb)]
        if len(neg_s) != len(neg_t):
            where = (neg_s or neg_t)[0]
            side = source if neg_s else target
            out.append(_finding("negation_flipped", [(source.id, (sa, sb)), (target.id, (ta, tb))],
                                [where.group(), None] if neg_s else [None, where.group()],
                                f"“{where.group()}” is in {'the source' if side is source else 'the retelling'} "
                                "only: the passage says the opposite"))
    return out


def _sentences_around(text: str, span: tuple[int, int]) -> tuple[int, int]:
    a, b = span
    for start, end in sentences(text):
        if start <= a < end:
            a = start
        if start < b <= end:
            b = end
    return a, b


def _neighbourhood(text: str, span: tuple[int, int]) -> str:
    """The sentence holding the span with the one before and the one after: where "the toll has risen" is said."""
    spans = sentences(text)
    here = next((n for n, (a, b) in enumerate(spans) if a <= span[0] < b), None)
    if here is None:
        return text[max(0, span[0] - 200):span[1] + 200]
    first, last = spans[max(0, here - 1)], spans[min(len(spans) - 1, here + 1)]
    return text[first[0]:last[1]]


# Capitalised words that open a run without naming anyone ("The Front", "But Reid", "Sen. Cruz", "in March").
_TITLES = frozenset("mr mrs ms miss dr prof sen senator gov governor rep representative president vice secretary "
                    "gen general lt col colonel maj major capt captain sgt adm admiral judge justice rev father sir "
                    "lord lady king queen prince princess sheikh mayor chancellor minister prime premier ambassador "
                    "commander chief pope st".split())
_LEADS = frozenset("the a an but and or nor so yet then when while if as after before since still however meanwhile "
                   "also in on at for from with by of to that this these those his her their its our my your he she "
                   "it they we i there here what who why how where former".split())
_CALENDAR = frozenset("january february march april may june july august september october november december monday "
                      "tuesday wednesday thursday friday saturday sunday".split())
_PARTICLES = frozenset("al el bin ibn abu de da di du van von der den la le".split())
_TOKEN = re.compile(r"\w+")
_SAYS = frozenset("said says say told tells added adds noted notes wrote writes tweeted stated argued insisted "
                  "warned asked replied explained".split())
_ROLE_WORDS = 2  # aligned words needed either side of a name for it to hold the same role on both sides
_SENTENCE_LIKE = 0.5  # how alike (names masked) a retold sentence and a source sentence must be to compare roles
_TITLE = re.compile(rf"\b(?:{'|'.join(sorted(_TITLES))})\b\.?", re.I)
_AND = re.compile(r"[\s,&]*(?:(?:and|or|nor|vs\.?|versus)\b[\s,]*)?")
_LIST_GOES_ON = re.compile(r"\s*(?:,|&|and\b|or\b)")


class _Token(NamedTuple):
    norm: str  # what the alignment compares: the lower-cased word, or "§" for any name
    span: tuple[int, int]
    name: str  # the name as written, titles left out ("Colin Clarke"), or "" for any other word


def _swapped_actors(source: Article, target: Article, s_window: tuple[int, int],
                    t_window: tuple[int, int]) -> list[dict[str, Any]]:
    """Two named actors trading roles ("Ryan said Trump's refusal ..." / "Trump said Ryan's refusal ..."): where the
    source has A the retelling has B, and where the source has B the retelling has A, each in the same words as
    on the other side. Other edits around them, a swap spread over sentences, and a name in full on one side only
    ("Clarke" / "Colin Clarke") do not hide it; names listed together ("Smith and Jones" / "Jones and Smith")
    trade no roles."""
    if source.text[slice(*s_window)].split() == target.text[slice(*t_window)].split():
        return []  # a verbatim copy, the commonest reuse, trades no roles: skip the sentence alignment
    subs = sorted({sub for said, told in _sentence_pairs(source.text, target.text, s_window, t_window)
                   for sub in _substitutions(said, told) + _speakers((source.text, target.text), said, told)},
                  key=lambda st: (st[0].span, st[1].span))
    out, seen = [], set()
    for n, (s1, t1) in enumerate(subs):
        for s2, t2 in subs[n + 1:]:
            who = frozenset((_surname(s1.name), _surname(s2.name)))  # one finding for each two actors
            if who in seen or not _reversed(_who(s1, t1), _who(s2, t2)) or (
                    _listed(source.text, s1.span, s2.span) and not _roles_stayed(source, target, (s1, t1), (s2, t2))):
                continue
            seen.add(who)
            out.append(_finding(
                "actor_swapped", [(source.id, _sentences_around(source.text, (s1.span[0], s2.span[1]))),
                                  (target.id, _sentences_around(target.text, (min(t1.span[0], t2.span[0]),
                                                                              max(t1.span[1], t2.span[1]))))],
                [f"{s1.name} … {s2.name}", f"{t1.name} … {t2.name}"],
                f"{s1.name} and {s2.name} trade places: where the source has “{_around(source.text, s1.span)}”, the "
                f"retelling has “{_around(target.text, t1.span)}”, and where the source has "
                f"“{_around(source.text, s2.span)}”, the retelling has “{_around(target.text, t2.span)}”"))
    return out


def _tokens(text: str, start: int, end: int) -> list[_Token]:
    """The words of text[start:end], each run of capitalised words that names someone as one token ("Colin Clarke",
    "Northern Ridge Front", "Abu Bakr al Baghdadi"). Titles right before a name go with it ("Mr. Clarke", "Pope
    Francis": a title keeps no role of its own); other capitalised words before a name ("But", "The") stay words."""
    words = list(_TOKEN.finditer(text, start, end))
    out: list[_Token] = []
    n = 0
    while n < len(words):
        run = _run(text, words, n) if words[n].group()[:1].isupper() else [words[n]]
        n += len(run)
        while run and run[0].group().lower() in _LEADS | _TITLES:
            out.append(_Token(run[0].group().lower(), run[0].span(), ""))
            run = run[1:]
        if run and run[0].group()[:1].isupper() and not all(w.group().lower() in _TITLES | _CALENDAR for w in run):
            while out and out[-1].norm in _TITLES and text[out[-1].span[0]].isupper():
                out.pop()  # "Mr." "Sen." "Pope"
            out.append(_Token("§", (run[0].start(), run[-1].end()), text[run[0].start():run[-1].end()]))
        else:
            out += [_Token(w.group().lower(), w.span(), "") for w in run]
    return out


def _run(text: str, words: list[re.Match[str]], n: int) -> list[re.Match[str]]:
    """The capitalised words from words[n] on that one name is made of: joined by single spaces, an apostrophe
    after an initial ("O’Brien"), or a particle ("bin", "al-") before another capitalised word; a title starts
    the next name ("Texas Sen. Ted Cruz")."""
    run = [words[n]]
    k = n + 1
    while k < len(words):
        gap, word = text[run[-1].end():words[k].start()], words[k].group()
        if word[:1].isupper() and word.lower() not in _TITLES and (gap == " " or gap in ("'", "’")
                                                                 and len(run[-1].group()) == 1):
            run.append(words[k])
            k += 1
        elif (word in _PARTICLES and gap in (" ", "-") and k + 1 < len(words)
              and words[k + 1].group()[:1].isupper() and text[words[k].end():words[k + 1].start()] in (" ", "-")):
            run += words[k:k + 2]
            k += 2
        else:
            break
    return run


def _sentence_pairs(said: str, told: str, s_window: tuple[int, int],
                    t_window: tuple[int, int]) -> list[tuple[list[_Token], list[_Token]]]:
    """Each sentence of the retelling with the source sentence it most resembles, names masked ("A said B" is
    like "B said A"): a retelling may reorder sentences, and a swap may span two of them."""
    sources = [t for a, b in sentences(said) if s_window[0] <= a < s_window[1] if (t := _tokens(said, a, b))]
    out = []
    for a, b in (sp for sp in sentences(told) if t_window[0] <= sp[0] < t_window[1]):
        mine = _tokens(told, a, b)
        matcher = SequenceMatcher(None, b=[t.norm for t in mine], autojunk=False)
        best, score = None, (_SENTENCE_LIKE, -1.0)
        for theirs in sources:
            matcher.set_seq1([t.norm for t in theirs])
            if matcher.real_quick_ratio() < score[0] or matcher.quick_ratio() < score[0]:
                continue
            # names masked first; among alike sentences ("Sen. Cruz won Texas", "Sen. Sanders won Vermont") the
            # one that shares the most names as well
            here = (matcher.ratio(), SequenceMatcher(None, _spelt(theirs), _spelt(mine), autojunk=False).ratio())
            if here >= score:
                best, score = theirs, here
        if best is not None:
            out.append((best, mine))
    return out


def _spelt(tokens: list[_Token]) -> list[str]:
    return [t.name.lower() or t.norm for t in tokens]


def _speakers(texts: tuple[str, str], said: list[_Token], told: list[_Token]) -> list[tuple[_Token, _Token]]:
    """The one speaker of a sentence on each side, where they differ: a name right before a word of saying ("Baron
    said", "Trump told reporters") or right after one at the end of a clause ("..., said Baron."), wherever the
    attribution stands in the sentence and whatever the verb."""
    one, two = _speaker(texts[0], said), _speaker(texts[1], told)
    return [(one, two)] if one and two and not _same(one.name, two.name) else []


def _speaker(text: str, tokens: list[_Token]) -> _Token | None:
    found = [t for n, t in enumerate(tokens) if t.name and (
        n + 1 < len(tokens) and tokens[n + 1].norm in _SAYS
        or n > 0 and tokens[n - 1].norm in _SAYS - {"told", "tells"} and re.match(r"\s*(?:[.,;:]|$)", text[t.span[1]:])
        or n > 1 and (tokens[n - 2].norm, tokens[n - 1].norm) == ("according", "to"))]
    return found[0] if len(found) == 1 else None


def _substitutions(said: list[_Token], told: list[_Token]) -> list[tuple[_Token, _Token]]:
    """Where the retelling has another name in a name's role. The role is the words around: the two sentences
    are aligned with every name masked alike, so that "A said B ..." lines up with "B said A ...", and a name
    counts where the words either side of it are aligned too (or the sentence starts or ends there)."""
    matcher = SequenceMatcher(None, [t.norm for t in said], [t.norm for t in told], autojunk=False)
    out = []
    for i, j, size in matcher.get_matching_blocks():
        for k in range(size):
            a, b = said[i + k], told[j + k]
            before = k >= _ROLE_WORDS or (i, j) == (0, 0) or 0 in (i + k, j + k)
            after = (size - 1 - k >= _ROLE_WORDS or (i + size, j + size) == (len(said), len(told))
                     or i + k == len(said) - 1 or j + k == len(told) - 1)
            if a.name and before and after and not _same(a.name, b.name):
                out.append((a, b))
    return out


def _same(a: str, b: str) -> bool:
    """One actor, named twice: the same name, or the end of the longer one ("Clarke", "Colin Clarke")."""
    x, y = a.lower().split(), b.lower().split()
    shorter, longer = sorted((x, y), key=len)
    return longer[len(longer) - len(shorter):] == shorter


def _surname(name: str) -> str:
    return name.lower().split()[-1]


def _who(said: _Token, told: _Token) -> tuple[str, str]:
    """Who was put in whose place: the one word that differs when only one does ("Barack Obama" / "Barack Trump":
    Obama by Trump), else the whole names."""
    x, y = said.name.lower().split(), told.name.lower().split()
    differ = [(a, b) for a, b in zip(x, y, strict=False) if a != b]
    return differ[0] if len(x) == len(y) and len(differ) == 1 else (said.name.lower(), told.name.lower())


def _reversed(first: tuple[str, str], second: tuple[str, str]) -> bool:
    """The second substitution undoes the first: A in B's place, and B in A's."""
    return _same(first[0], second[1]) and _same(first[1], second[0]) and not _same(first[0], second[0])


def _listed(text: str, first: tuple[int, int], second: tuple[int, int]) -> bool:
    """Two names side by side in a list or a pairing ("Smith and Jones", "Rice, Rhodes, Petraeus and Panetta"):
    their order carries no role. A comma alone lists only inside a longer list ("supports Trump, Golvach said")."""
    between = _TITLE.sub(" ", text[first[1]:second[0]])
    if not _AND.fullmatch(between):
        return False
    if re.search(r"\w", between):
        return True
    return bool(_LIST_GOES_ON.match(text, second[1]) or re.search(r",\s*$", _TITLE.sub(" ", text[:first[0]][-40:])))


def _roles_stayed(source: Article, target: Article, first: tuple[_Token, _Token],
                  second: tuple[_Token, _Token]) -> bool:
    """Whether listed names traded places while what marks their roles stayed put: the titles before them and the
    words of the names that did not change ("President Barack Obama and Vice President Joe Biden" / "President
    Barack Biden and Vice President Joe Obama"), and those differ between the two places."""
    def fixed(pair: tuple[_Token, _Token]) -> tuple[str, ...] | None:
        (s, t), (x, y) = pair, (pair[0].name.lower().split(), pair[1].name.lower().split())
        title = _title_before(source.text, s.span)
        if title != _title_before(target.text, t.span):
            return None
        return (title, *(a for a, b in zip(x, y, strict=False) if a == b and len(x) == len(y)))
    one, two = fixed(first), fixed(second)
    return one is not None and two is not None and one != two


def _title_before(text: str, span: tuple[int, int]) -> str:
    words = re.findall(r"\w+", text[max(0, span[0] - 40):span[0]].lower())
    n = len(words)
    while n and words[n - 1] in _TITLES:
        n -= 1
    return " ".join(words[n:])


def _around(text: str, span: tuple[int, int], words: int = 3) -> str:
    """The name with a few words either side, as the reader sees it."""
    before = re.search(rf"(?:\S+\s+){{0,{words}}}\S*$", text[max(0, span[0] - 80):span[0]])
    after = re.match(rf"\S*(?:\s+\S+){{0,{words}}}", text[span[1]:span[1] + 80])
    return " ".join(f"{before.group() if before else ''}{text[span[0]:span[1]]}{after.group() if after else ''}"
                    .split())


def _pairs(left: list[Fact], right: list[Fact]) -> Iterable[tuple[Fact, Fact]]:
    """Facts about the same thing on both sides: the same key, and only where each side has one such fact
    (two figures for one thing on a side cannot be told apart)."""
    for key in {f.key for f in left} & {f.key for f in right}:
        a = [f for f in left if f.key == key]
        b = [f for f in right if f.key == key]
        if len(a) == 1 and len(b) == 1:
            yield a[0], b[0]


def _numbers(left: list[Fact], right: list[Fact], source: Article, target: Article) -> list[dict[str, Any]]:
    out = []
    for a, b in _pairs(left, right):
        if a.value == b.value:
            continue
        later = _later(source, target)
        what = f"{b.counts}{' ' + b.happened if b.happened and b.happened != b.counts else ''}"
        sentence = _neighbourhood(target.text, b.span)
        if b.value > a.value and later and _UPDATE.search(sentence):  # type: ignore[operator]
            kind, why = "number_updated", (f"a later, larger figure ({_n(a)} → {_n(b)} {what}), published "
                                           f"{later} and given as news: an update, not a conflict")
        else:
            kind, why = "number_changed", f"the source gives {_n(a)} {what}, the retelling {_n(b)}"
            if later:
                why += f" (published {later}, with no word of an update)"
        out.append(_finding(kind, [(source.id, a.span), (target.id, b.span)], [a.value, b.value], why))
    return out


def _n(fact: Fact) -> str:
    value = fact.value
    shown = f"{int(value)}" if float(value).is_integer() else f"{value}"  # type: ignore[arg-type]
    return f"{fact.qualifier} {shown}".strip()


def _later(source: Article, target: Article) -> str:
    """How much later the target was published, in words, when it clearly was."""
    ts, tt = timestamp(source.published), timestamp(target.published)
    if ts is None or tt is None or tt - ts < UPDATE_AFTER:
        return ""
    hours = (tt - ts) / 3600
    return f"{hours:.0f} hours later" if hours < 48 else f"{hours / 24:.0f} days later"


def _dates(left: list[Fact], right: list[Fact], source: Article, target: Article) -> list[dict[str, Any]]:
    """Dates said of the same thing that do not overlap. The same thing: the words before the date mostly
    agree ("began at dawn on 12 March" / "began at dawn on 21 March"), or each side has one date only."""
    out = []
    for a, b in _date_pairs(left, right, source.text, target.text):
        (a0, a1), (b0, b1) = a.value, b.value  # type: ignore[misc]
        if a1 < b0 or b1 < a0:
            out.append(_finding("date_changed", [(source.id, a.span), (target.id, b.span)],
                                [_day(a.value), _day(b.value)],  # type: ignore[arg-type]
                                f"the source says {a.text} ({_day(a.value)}), the retelling "  # type: ignore[arg-type]
                                f"{b.text} ({_day(b.value)})"))  # type: ignore[arg-type]
    return out


def _context(text: str, fact: Fact) -> set[str]:
    return set(re.findall(r"[a-z]+", text[max(0, fact.span[0] - 40):fact.span[0]].lower())[-3:])


def _date_pairs(left: list[Fact], right: list[Fact], left_text: str, right_text: str) -> list[tuple[Fact, Fact]]:
    pairs = []
    taken: set[int] = set()
    for b in right:
        best = max(((len(_context(left_text, a) & _context(right_text, b)), n) for n, a in enumerate(left)
                    if n not in taken), default=(0, -1))
        if best[0] >= 2:
            pairs.append((left[best[1]], b))
            taken.add(best[1])
    paired_right = {id(b) for _, b in pairs}
    explicit_left = [a for n, a in enumerate(left) if n not in taken and not a.text.endswith("day")]
    explicit_right = [b for b in right if id(b) not in paired_right and not b.text.endswith("day")]
    if len(explicit_left) == 1 and len(explicit_right) == 1:
        pairs.append((explicit_left[0], explicit_right[0]))
    # the same weekday word on both sides is the same day, whenever each was published
    return [(a, b) for a, b in pairs if not (a.text == b.text and a.text.endswith("day"))]


def in_story(members: list[Article], traced: set[str]) -> list[dict[str, Any]]:
    """Across the reports of one story: each later death toll, and each later count of the wounded, the
    displaced, the arrested or the killed of one side ("three soldiers"), against the first report that gave
    that count. A larger figure given as news ("has risen to 19") is an update; any other difference is a
    conflict. Only counts that clearly count the same thing, one a side, are compared (`lead_figures`)."""
    dated = sorted((a for a in members if timestamp(a.published) is not None),
                   key=lambda a: timestamp(a.published) or 0)
    figures = [(a, _lead(a.text)) for a in dated]
    keys = sorted({key for _, found in figures for key in found}, key=lambda k: (k != _TOLL, k))
    out: list[dict[str, Any]] = []
    for key in keys:
        out += _story_figure([(a, found[key]) for a, found in figures if key in found], traced, key == _TOLL)
    return out


_TOLL = ("killed", "people")  # the death toll, whatever the lead calls the dead


def _lead(text: str) -> dict[tuple[str, str], Fact]:
    """A report's lead figures by what they count. Where it gives a death toll, the dead it breaks down ("nine
    soldiers and five civilians were among the dead") are the toll's parts, compared through the toll."""
    toll = lead_toll(text)
    if toll is None:
        return lead_figures(text)
    return {_TOLL: toll} | {key: f for key, f in lead_figures(text).items() if key[0] != "killed"}


def _story_figure(reports: list[tuple[Article, Fact]], traced: set[str], toll: bool) -> list[dict[str, Any]]:
    """One count across a story's reports, in publication order, each against the first."""
    if len(reports) < 2:
        return []
    (first, first_fact), out = reports[0], []
    what = "killed" if toll else _what(first_fact)
    for article, fact in reports[1:]:
        if article.id not in traced and first.id not in traced or fact.value == first_fact.value:
            continue
        later = _later(first, article)
        news = bool(_UPDATE.search(_neighbourhood(article.text, fact.span)))
        if fact.value > first_fact.value and later and news:  # type: ignore[operator]
            kind, why = "number_updated", (f"the story's first report gave {_n(first_fact)} {what}; this one, "
                                           f"{later}, {_n(fact)}, given as news: an update, not a conflict")
        else:
            kind, why = "number_changed", (f"the story's first report gave {_n(first_fact)} {what}, this report "
                                           f"{_n(fact)}" + (f" ({later}, with no word of an update)" if later else ""))
        out.append(_finding(kind, [(first.id, first_fact.span), (article.id, fact.span)],
                            [first_fact.value, fact.value], why))
    return out


def _what(fact: Fact) -> str:
    """What a figure counts, in words: "soldiers killed", "people displaced", "wounded"."""
    if fact.counts in ("wounded", "injured", "dead"):
        return fact.counts
    return f"{fact.counts} {fact.happened}".strip()


def find(articles: list[Article], alignments: list[Alignment], others: dict[str, Article],
         stories: list[list[Article]] = ()) -> list[dict[str, Any]]:  # type: ignore[assignment]
    """Every discrepancy in or between the given articles, each once; a conflict found in a shared passage is
    not found again between the stories' reports."""
    out: list[dict[str, Any]] = []
    for article in articles:
        out += internal(article)
    wanted = {a.id for a in articles}
    for al in alignments:
        if al.target in wanted or al.source in wanted:
            source, target = others.get(al.source), others.get(al.target)
            if source is not None and target is not None and source.analysed and target.analysed:
                out += across(al, source, target)
    seen_pairs = {tuple(f["articles"]) for f in out if f["kind"] in ("number_changed", "number_updated")}
    for members in stories:
        out += [f for f in in_story(members, wanted) if tuple(f["articles"]) not in seen_pairs]
    unique: dict[str, dict[str, Any]] = {}
    for finding in out:
        unique.setdefault(repr((finding["kind"], finding["articles"], finding["spans"])), finding)
    return list(unique.values())
