"""How much a reader can trust a passage as reuse: an evidence strength with a reason, and the `template` kind.

Two reports of one event share names, figures and facts; that alone is not copying. A passage is

- strong: 15 or more words word for word, or three or more sentences reworded in the same order;
- moderate: a shorter exact passage inside a quotation (the same quotation), two reworded sentences in order
  in a pair that also shares strong copied text, a reworded sentence joined with an exact run of its words
  that is itself evidence, or a weak passage within a few sentences of strong copied text in both articles;
- weak: a short shared phrase outside quotation marks, one sentence that only shares content words, two
  reworded sentences with nothing copied beside them (two reports of one event, each in its own words), or
  wording that recurs word for word across the store (below).

Boilerplate that does not depend on metadata: wording that recurs word for word in RECURRING or more articles
of the store (its fingerprints' holders, counted store-wide) is a formula or site furniture ("according to early
results of exit polls conducted for the Associated Press", a newsletter box, a correction header), whatever
the articles' outlet fields say. A short passage outside quotation marks made of such wording is weak, unless
the pair also shares strong copied text that is not such wording (wire copy reprinted by several outlets of
one story is long, and stays a finding).

Weak passages are shown as "similar wording" and kept out of originality and derivation downstream.

A passage whose wording matches but whose figures all differ (a daily market report: "fell 42 cents to
$51.69" / "lost 21 cents to $52.43") is one outlet's formula with new slots: kind `template`, evidence weak. In
a pair that also shares strong copied text, changed figures are a discrepancy of a copy instead, and stay so,
unless both articles are of one known outlet: its own stock lines around the slots are part of its formula. Two
articles whose outlets are known and differ never share a template (another outlet's formula is not one's own:
the same frame with other figures there is a retelling that changed them).

A reworded passage in an article that credits the other article's outlet by name ("..., CPA reports") is at
least moderate: the article itself says where it took it from. So are two or more sentences reworded in order
that keep a run of the other's wording (KEPT_WORDS or more words word for word, KEPT_CONTENT of them content
words: "attacked an army checkpoint on the eastern"), which two reports wording one story on their own seldom
share.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import TYPE_CHECKING

from ..text.outlets import same_outlet, short_forms
from ..text.tokens import STOPWORDS, quoted_share

if TYPE_CHECKING:
    from .align import Passage
    from .analysis import ArticleText

STRONG, MODERATE, WEAK = "strong", "moderate", "weak"
_RANK = {STRONG: 3, MODERATE: 2, WEAK: 1, "": 0}
LONG_EXACT = 15  # words from which an exact passage is strong evidence alone
RECURRING = 3  # articles holding the same wording from which it is a formula or furniture, not a copy
RECURRING_SHARE = 0.6  # share of a passage's shared words (those its stored fingerprints cover) that must recur so
BOILERPLATE_WORDS = 60  # a passage this long is a copied stretch, even of recurring text
BESIDE = 400  # characters between a weak passage and strong copied text that still make it "beside" it
KEPT_WORDS = 6  # a run of the other's words this long kept inside a reworded passage is distinctive wording
KEPT_CONTENT = 3  # ... when this many of them are content words (not stop words, names' initials or numbers)
_NUMBER = re.compile(r"\d(?:[\d,.]*\d)?")


def stronger(p: Passage, q: Passage) -> tuple[str, str]:
    """The evidence of two passages joined into one: the stronger of the two; a reworded sentence joined with
    an exact run of words (copied words beside reworded ones) is at least moderate when the run is not a
    formula."""
    best = p if _RANK[p.evidence] >= _RANK[q.evidence] else q
    if p.kind == q.kind == "paraphrase" and q.b[0] >= p.b[1]:  # reworded sentences that follow each other
        joined = _paraphrase_evidence(p.sentences + q.sentences, p.backed or q.backed)
        if _RANK[joined[0]] > _RANK[best.evidence]:
            return joined
    exact = [x for x in (p, q) if x.kind in ("verbatim", "near_verbatim")]
    copy_and_paraphrase = exact and "paraphrase" in (p.kind, q.kind)
    if copy_and_paraphrase and best.evidence == WEAK and not any(x.recurring for x in exact):
        return MODERATE, "reworded text with an exact run of words beside it"
    return best.evidence, best.evidence_reason


def _numbers(text: ArticleText, span: tuple[int, int]) -> set[str]:
    return {m.group().replace(",", "") for m in _NUMBER.finditer(text.text, *span)}


def _changed_slots(a: ArticleText, b: ArticleText, p: Passage) -> bool:
    """Both sides give figures, and most of them differ: the same sentence frame with new slots."""
    na, nb = _numbers(a, p.a), _numbers(b, p.b)
    if not na or not nb:
        return False
    return len(na & nb) / min(len(na), len(nb)) < 0.5


def _exact_evidence(a: ArticleText, b: ArticleText, p: Passage) -> tuple[str, str]:
    words = p.a_words[1] - p.a_words[0] + 1
    quoted = max(quoted_share(a.quotes, *p.a), quoted_share(b.quotes, *p.b)) >= 0.5
    if words >= LONG_EXACT:
        return STRONG, f"{words} words word for word" + (", inside a quotation" if quoted else "")
    if quoted:
        return MODERATE, f"the same quotation ({words} words)"
    return WEAK, f"a short shared phrase ({words} words) outside quotation marks"


def _paraphrase_evidence(sentences: int, backed: bool) -> tuple[str, str]:
    """`backed`: the pair also shares strong copied text, so reworded sentences are likely a rewrite of it."""
    if sentences >= 3:
        return STRONG, f"{sentences} sentences reworded in the same order"
    if sentences == 2 and backed:
        return MODERATE, "2 sentences reworded in the same order, beside copied text"
    if sentences == 2:
        return WEAK, "2 sentences reworded in the same order, nothing copied: each report's own wording"
    return WEAK, "one sentence sharing content words, no wording kept"


def _recurring(a: ArticleText, b: ArticleText, p: Passage) -> int:
    """The fewest articles of the store holding the passage's shared wording, when most of it recurs in
    RECURRING or more articles (a formula, furniture); 0 otherwise."""
    share, fewest = a.recurrence(p.a_words[0], p.a_words[1], b.word_grams, RECURRING)
    return fewest if share >= RECURRING_SHARE else 0


def _beside(p: Passage, q: Passage) -> bool:
    """Within a few sentences of each other in both articles."""
    return (max(p.a[0], q.a[0]) - min(p.a[1], q.a[1]) <= BESIDE
            and max(p.b[0], q.b[0]) - min(p.b[1], q.b[1]) <= BESIDE)


def _kept_wording(a: ArticleText, b: ArticleText, p: Passage) -> str | None:
    """The longest run of words a reworded passage keeps word for word from the other, if it is distinctive."""
    left = a.tokens.words[p.a_words[0]:p.a_words[1] + 1]
    right = b.tokens.words[p.b_words[0]:p.b_words[1] + 1]
    run = SequenceMatcher(None, left, right, autojunk=False).find_longest_match(0, len(left), 0, len(right))
    words = left[run.a:run.a + run.size]
    content = [w for w in words if w not in STOPWORDS and not w.isdigit()]
    return " ".join(words) if len(words) >= KEPT_WORDS and len(content) >= KEPT_CONTENT else None


def _credited(source: ArticleText, taker: ArticleText) -> str | None:
    """The name by which `taker` credits `source`'s outlet, if it does."""
    if not source.outlet:
        return None
    forms = short_forms(source.outlet)
    named = [name for name in taker.credits if name in forms or same_outlet(name, source.outlet)]
    return max(named, key=len) if named else None  # the name in full rather than its initials


def weigh(a: ArticleText, b: ArticleText, passages: list[Passage]) -> list[Passage]:
    """Set each passage's evidence, turn formulas with changed figures into `template`, and wording that
    recurs across the store into weak evidence."""
    for p in passages:
        words = p.a_words[1] - p.a_words[0] + 1
        if not p.quoted and words < BOILERPLATE_WORDS and (held := _recurring(a, b, p)):
            p.recurring = held
    exact = [p for p in passages if p.kind in ("verbatim", "near_verbatim")]
    backed = any(_exact_evidence(a, b, p)[0] == STRONG and not p.quoted and not p.recurring for p in exact)
    for p in passages:
        p.backed = backed
        if p.evidence:
            continue
        p.evidence, p.evidence_reason = (_exact_evidence(a, b, p) if p.kind in ("verbatim", "near_verbatim")
                                         else _paraphrase_evidence(p.sentences, backed))
        if p.recurring and not backed:
            p.evidence, p.evidence_reason = WEAK, (f"recurs word for word in {p.recurring} or more articles of "
                                                   "the store: a formula or site furniture")
    copied = [p for p in passages if p.kind in ("verbatim", "near_verbatim") and p.evidence == STRONG
              and not p.quoted]
    other_outlets = bool(a.outlet and b.outlet and not same_outlet(a.outlet, b.outlet))
    one_outlet = bool(a.outlet and b.outlet and not other_outlets)  # its own reports: a formula may carry prose
    credit = _credited(a, b) or _credited(b, a)
    for p in passages:
        kept = _kept_wording(a, b, p) if p.evidence == WEAK and p.kind == "paraphrase" and not p.recurring \
            and p.sentences >= 2 else None
        if (not copied or one_outlet) and not other_outlets and _changed_slots(a, b, p):
            p.kind, p.evidence, p.evidence_reason = "template", WEAK, "the same formula with other figures"
        elif p.evidence == WEAK and p.kind == "paraphrase" and credit and not p.recurring:
            p.evidence, p.evidence_reason = MODERATE, f"reworded, in an article that credits {credit}"
        elif kept:
            p.evidence, p.evidence_reason = MODERATE, f"reworded, keeping the wording “{kept}”"
        elif p.evidence == WEAK and any(_beside(p, q) for q in copied if q is not p):
            p.evidence, p.evidence_reason = MODERATE, p.evidence_reason + ", beside copied text"
    if one_outlet and any(p.kind == "template" for p in passages):
        for p in passages:  # the outlet's own stock lines between the slots of its formula
            if p.kind != "template" and not p.quoted and any(_beside(p, q) for q in passages if q.kind == "template"):
                p.kind, p.evidence, p.evidence_reason = "template", WEAK, "the outlet's own formula, around its slots"
    return passages
