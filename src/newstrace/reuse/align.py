"""Passage alignment between two articles: the passages one reuses from the other, with character spans in
both, a kind (verbatim, near_verbatim, paraphrase, template) and a score.

1. Seeds: maximal runs of identical words (after normalisation), found from shared 4-word n-grams, in any
   order. Runs that are only stopwords, or made of n-grams common across the corpus, are not evidence.
2. Passages: seeds close to each other in both articles, in the same order, merge (a rewrite inserts and
   drops words); a passage needs enough matched words and must be mostly matched on both sides.
3. Paraphrase: sentences not covered by a passage are compared by their content words, names and numbers;
   close pairs become paraphrase passages, neighbours merging as above.
4. Boundaries are refined to the character: a passage starts at its first matched word and ends after its
   last, taking in closing punctuation both sides share.
5. Trust (see `evidence`): each passage gets an evidence strength (strong, moderate, weak) with a reason, and a
   recurring formula whose figures all change ("fell 42 cents to $51.69" / "lost 21 cents to $52.43") is kind
   `template`, not a copy. A passage that is mostly page furniture glued into a paragraph
   (`ingest.furniture.inline_furniture`) is dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from ..text.tokens import comparable, quoted_share
from .analysis import NGRAM, ArticleText, Sentence, is_framing
from .embeddings import Embedder
from .evidence import stronger, weigh


@dataclass(frozen=True)
class AlignParams:
    min_seed_content: int = 2  # content words a seed needs to count as evidence
    min_plain: int = 3  # matched content words, not names or numbers, a verbatim passage needs
    max_gap: int = 12  # words between seeds that still merge into one passage
    min_words: int = 8  # matched words a verbatim or near-verbatim passage needs
    min_coverage: float = 0.5  # share of a passage's words, on each side, that are matched
    paraphrase_dice: float = 0.5  # content-word overlap (Dice) for a paraphrased sentence pair
    paraphrase_plain_dice: float = 0.45  # the same, counting only words that are not names or numbers
    paraphrase_min_shared: int = 4  # content words the two sentences share
    paraphrase_min_plain: int = 3  # of which not names or numbers (shared names alone are one story, not reuse)
    paraphrase_min_bigrams: int = 6  # neighbouring content-word pairs two articles must share to look further
    chain_min: int = 5  # content words, in the same order, that a paraphrased clause keeps
    chain_gap: int = 4  # content words skipped between two kept ones, on either side
    chain_density: float = 0.6  # kept content words over the content words the chain spans, on each side
    # Two reports of one event share facts and names; a lone, middling sentence pair is not reuse. Paraphrase
    # passages stand when the pair also shares exact passages, or has several, or one strong one.
    paraphrase_alone: float = 0.85
    embed_clear: float = 0.7  # a lexical link this strong needs no second opinion
    embed_confirm: float = 0.6  # cosine a weaker link's sentences need, when embeddings are available
    paraphrase_many: float = 0.65  # mean score of two linked sentences (0.1 less for three), if nothing else is shared
    quoted_share: float = 0.6  # share of a passage inside quotation marks to call it quoted


@dataclass
class Passage:
    a: tuple[int, int]  # characters in A
    b: tuple[int, int]  # characters in B
    kind: str
    score: float
    quoted: bool
    a_words: tuple[int, int] = (0, -1)  # first and last word, inclusive
    b_words: tuple[int, int] = (0, -1)
    evidence: str = ""  # strong, moderate or weak (see evidence.py)
    evidence_reason: str = ""
    sentences: int = 1  # sentence pairs a paraphrase links
    recurring: int = 0  # articles of the store holding its shared wording, when it is a formula (evidence.py)
    backed: bool = False  # the pair also shares strong copied text that is not a formula


@dataclass
class _Run:
    a0: int  # first word in A
    b0: int
    length: int  # words

    @property
    def a1(self) -> int:
        return self.a0 + self.length - 1

    @property
    def b1(self) -> int:
        return self.b0 + self.length - 1


def align(a: ArticleText, b: ArticleText, params: AlignParams | None = None,
          formulaic: set[int] | None = None, embedder: Embedder | None = None) -> list[Passage]:
    """The reused passages between A and B, ordered by their position in A. With an embedder, sentence
    embeddings give a second opinion on borderline paraphrases."""
    params = params or AlignParams()
    if len(a.tokens) == 0 or len(b.tokens) == 0:
        return []
    runs = _seeds(a, b, params, formulaic)
    passages = [p for p in (_passage(a, b, group, params) for group in _merge(runs, params)) if p]
    paraphrases = _paraphrases(a, b, passages, params, embedder)
    exact_evidence = any(not p.quoted for p in passages)
    sentences = sum(_sentence_count(a, p) for p in paraphrases)
    best = max((p.score for p in paraphrases), default=0.0)
    mean = sum(p.score * _sentence_count(a, p) for p in paraphrases) / max(1, sentences)
    if exact_evidence or best >= params.paraphrase_alone or (sentences >= 2 and mean >= params.paraphrase_many) \
            or (sentences >= 3 and mean >= params.paraphrase_many - 0.1):
        passages += paraphrases
    passages = weigh(a, b, [p for p in passages if not _mostly_furniture(a, b, p)])
    return _merge_neighbours(a, b, sorted(passages, key=lambda p: (p.a[0], p.b[0])), params)


def _mostly_furniture(a: ArticleText, b: ArticleText, p: Passage) -> bool:
    """A passage that is mostly a site note on either side (a newsletter box, a syndication note) is not reuse.
    A copy that carries a note inside it stays whole: the note is part of the copied stretch."""
    for text, (first, last) in ((a, p.a_words), (b, p.b_words)):
        if last >= first and text.furniture[first: last + 1].sum() >= 0.5 * (last - first + 1):
            return True
    return False


# -- one passage per reused stretch ----------------------------------------------------------------------

_FAMILY = {"verbatim": "copy", "near_verbatim": "copy", "paraphrase": "paraphrase", "template": "template"}


def _merge_neighbours(a: ArticleText, b: ArticleText, passages: list[Passage], params: AlignParams
                      ) -> list[Passage]:
    """Passages next to each other in both articles are one reused stretch, even when its sentences were
    reordered or some were reworded and others kept: report it once. A copied passage and a paraphrased
    one in different paragraphs stay apart, so that each keeps its kind."""
    out: list[Passage] = []
    for p in passages:
        if out and _neighbours(a, b, out[-1], p, params):
            out[-1] = _join(a, b, out[-1], p, params)
        else:
            out.append(p)
    return out


def _gap(text: str, first: tuple[int, int], second: tuple[int, int], most: int) -> str | None:
    """The text between two spans, in whichever order they come; None when they are far apart."""
    start, end = (first[1], second[0]) if first[0] <= second[0] else (second[1], first[0])
    if end < start:
        return ""  # overlapping
    return text[start:end] if end - start <= most else None


def _neighbours(a: ArticleText, b: ArticleText, p: Passage, q: Passage, params: AlignParams) -> bool:
    gap_a = _gap(a.text, p.a, q.a, 160)
    # a summary or a paraphrase leaves out some of its source: allow a longer gap on that side
    gap_b = _gap(b.text, p.b, q.b, 160 if p.kind == q.kind == "verbatim" else 480)
    if gap_a is None or gap_b is None:
        return False
    if (p.kind == "template") != (q.kind == "template"):
        # a formula beside a copy stays apart, so the copy keeps its kind and the formula its label; words
        # inside the formula on both sides are part of it
        return gap_a == "" and gap_b == ""
    if _FAMILY[p.kind] == _FAMILY[q.kind]:
        return True
    return "\n" not in gap_a and "\n" not in gap_b


def _join(a: ArticleText, b: ArticleText, p: Passage, q: Passage, params: AlignParams) -> Passage:
    a_span = (min(p.a[0], q.a[0]), max(p.a[1], q.a[1]))
    b_span = (min(p.b[0], q.b[0]), max(p.b[1], q.b[1]))
    in_order = q.b[0] >= p.b[1]
    if p.kind == q.kind == "verbatim" and in_order and not _WORDS.search(a.text[p.a[1]:q.a[0]]) \
            and not _WORDS.search(b.text[p.b[1]:q.b[0]]):
        kind = "verbatim"
    elif _FAMILY[p.kind] == _FAMILY[q.kind] == "copy":
        kind = "near_verbatim"
    elif "template" in (p.kind, q.kind):
        kind = "template"
    else:
        kind = "paraphrase"
    size_p, size_q = p.a[1] - p.a[0], q.a[1] - q.a[0]
    score = round((p.score * size_p + q.score * size_q) / max(1, size_p + size_q), 3)
    quoted = (quoted_share(a.quotes, *a_span) >= params.quoted_share
              and quoted_share(b.quotes, *b_span) >= params.quoted_share)
    evidence, reason = stronger(p, q) if kind != "template" else ("weak", "the same formula with other figures")
    return Passage(a_span, b_span, kind, score, quoted, (min(p.a_words[0], q.a_words[0]), max(p.a_words[1],
                   q.a_words[1])), (min(p.b_words[0], q.b_words[0]), max(p.b_words[1], q.b_words[1])),
                   evidence, reason, _reworded(p) + _reworded(q), min(p.recurring, q.recurring)
                   if p.recurring and q.recurring else 0, p.backed or q.backed)


def _reworded(p: Passage) -> int:
    """Reworded sentences a passage brings to a join: a copied run brings none (a formula beside two reworded
    sentences is not a third)."""
    return p.sentences if p.kind == "paraphrase" else 0


def _sentence_count(text: ArticleText, p: Passage) -> int:
    return sum(1 for s in text.sentences if p.a[0] <= s.start and s.end <= p.a[1])


# -- exact seeds -----------------------------------------------------------------------------------------


def _seeds(a: ArticleText, b: ArticleText, params: AlignParams, formulaic: set[int] | None) -> list[_Run]:
    ga, gb = a.ngrams, b.ngrams
    if len(ga) == 0 or len(gb) == 0:
        return []
    common = np.intersect1d(ga, gb)
    if formulaic:
        common = common[~np.isin(common, np.fromiter(formulaic, dtype=np.uint64, count=len(formulaic)))]
    if len(common) == 0:
        return []
    ia = np.nonzero(np.isin(ga, common))[0]
    ib = np.nonzero(np.isin(gb, common))[0]
    positions_b: dict[int, list[int]] = {}
    for k in ib:
        positions_b.setdefault(int(gb[k]), []).append(int(k))
    pairs: list[tuple[int, int]] = []
    for k in ia:
        js = positions_b.get(int(ga[k]), [])
        if len(js) > 8:  # an n-gram repeated many times in B is a refrain, not a seed
            continue
        pairs.extend((int(k), j) for j in js)
    if not pairs:
        return []
    # Consecutive n-gram matches on one diagonal (same offset between A and B) form one run of words.
    pairs.sort(key=lambda p: (p[0] - p[1], p[0]))
    runs: list[_Run] = []
    current: _Run | None = None
    for i, j in pairs:
        if current is not None and i - j == current.a0 - current.b0 and i <= current.a0 + current.length - NGRAM + 1:
            current.length = max(current.length, i - current.a0 + NGRAM)
        else:
            current = _Run(i, j, NGRAM)
            runs.append(current)
    content_a = a.tokens.content
    runs = [r for r in runs if int(content_a[r.a0: r.a1 + 1].sum()) >= params.min_seed_content]
    return _exclusive(runs)


def _exclusive(runs: list[_Run]) -> list[_Run]:
    """Each word used by one run at most: longest runs first; a run touching a word already used is dropped."""
    if not runs:
        return []
    used_a = np.zeros(max(r.a1 for r in runs) + 1, dtype=bool)
    used_b = np.zeros(max(r.b1 for r in runs) + 1, dtype=bool)
    kept: list[_Run] = []
    for r in sorted(runs, key=lambda r: (-r.length, r.a0, r.b0)):
        if used_a[r.a0: r.a1 + 1].any() or used_b[r.b0: r.b1 + 1].any():
            continue
        kept.append(r)
        used_a[r.a0: r.a1 + 1] = True
        used_b[r.b0: r.b1 + 1] = True
    return sorted(kept, key=lambda r: r.a0)


def _merge(runs: list[_Run], params: AlignParams) -> list[list[_Run]]:
    """Group runs that follow each other closely, in the same order, in both articles."""
    groups: list[list[_Run]] = []
    for r in runs:  # sorted by position in A
        for group in groups:
            last = group[-1]
            gap_a = r.a0 - last.a1 - 1
            gap_b = r.b0 - last.b1 - 1
            # Words inserted on one side, or a few swapped for others; not two different stretches of text.
            if 0 <= gap_a <= params.max_gap and 0 <= gap_b <= params.max_gap and min(gap_a, gap_b) <= 3:
                group.append(r)
                break
        else:
            groups.append([r])
    return groups


def _passage(a: ArticleText, b: ArticleText, group: list[_Run], params: AlignParams) -> Passage | None:
    matched = sum(r.length for r in group)
    a0, a1 = group[0].a0, group[-1].a1
    b0, b1 = group[0].b0, group[-1].b1
    coverage = min(matched / (a1 - a0 + 1), matched / (b1 - b0 + 1))
    if matched < params.min_words or coverage < params.min_coverage:
        return None
    # A shared name or title ("Dr. Anton Belic, director of Veldra District Hospital") is not reuse.
    plain = sum(int(a.plain_words[r.a0: r.a1 + 1].sum()) for r in group)
    if plain < params.min_plain:
        return None
    a_span = _refine(a, b, a.tokens.char_span(a0, a1), b.tokens.char_span(b0, b1))
    a_chars, b_chars = a_span
    if _only_framing_differs(a, b, group):
        kind, score = "verbatim", 1.0
    else:
        kind, score = "near_verbatim", round(coverage, 3)
    quoted = (quoted_share(a.quotes, *a_chars) >= params.quoted_share
              and quoted_share(b.quotes, *b_chars) >= params.quoted_share)
    return Passage(a_chars, b_chars, kind, score, quoted, (a0, a1), (b0, b1))


def _only_framing_differs(a: ArticleText, b: ArticleText, group: list[_Run]) -> bool:
    """Identical text, or identical runs separated only by quotation framing on one side (`," notes LWJ. "`)."""
    for prev, nxt in zip(group, group[1:], strict=False):
        words_a = a.tokens.words[prev.a1 + 1: nxt.a0]
        words_b = b.tokens.words[prev.b1 + 1: nxt.b0]
        if words_a and words_b:
            return False
        if not (is_framing(words_a) or is_framing(words_b) or (not words_a and not words_b)):
            return False
    first, last = group[0], group[-1]
    if len(group) == 1:
        sa = a.text[slice(*a.tokens.char_span(first.a0, last.a1))]
        sb = b.text[slice(*b.tokens.char_span(first.b0, last.b1))]
        return comparable(sa) == comparable(sb) or _same_words_only_marks_differ(sa, sb)
    return True


def _same_words_only_marks_differ(sa: str, sb: str) -> bool:
    strip = str.maketrans("", "", ",;:—–-()[]\"'“”‘’")
    return comparable(sa).translate(strip).split() == comparable(sb).translate(strip).split()


_CLOSERS = ".,;:!?)]\"'”’"
_WORDS = re.compile(r"\w")


def _refine(a: ArticleText, b: ArticleText, sa: tuple[int, int], sb: tuple[int, int]
            ) -> tuple[tuple[int, int], tuple[int, int]]:
    """Take in closing punctuation that follows the passage on both sides (a full stop, a bracket)."""
    (a0, a1), (b0, b1) = sa, sb
    while a1 < len(a.text) and b1 < len(b.text) and a.text[a1] == b.text[b1] and a.text[a1] in _CLOSERS:
        a1 += 1
        b1 += 1
    if a1 < len(a.text) and a.text[a1] == "." and b1 < len(b.text) and b.text[b1] == ".":
        a1 += 1
        b1 += 1
    return (a0, a1), (b0, b1)


# -- paraphrase ------------------------------------------------------------------------------------------


def _covered(n_words: int, passages: list[Passage], side: str) -> np.ndarray:
    mask = np.zeros(n_words, dtype=bool)
    for p in passages:
        first, last = p.a_words if side == "a" else p.b_words
        mask[first: last + 1] = True
    return mask


def _free_sentences(text: ArticleText, covered: np.ndarray) -> list[tuple[int, Sentence]]:
    """Sentences mostly outside the exact passages."""
    out = []
    for n, s in enumerate(text.sentences):
        words = s.last - s.first + 1
        if words and covered[s.first: s.last + 1].sum() < 0.5 * words:
            out.append((n, s))
    return out


def _paraphrases(a: ArticleText, b: ArticleText, exact: list[Passage], params: AlignParams,
                 embedder: Embedder | None = None) -> list[Passage]:
    # A paraphrase keeps pairs of neighbouring content words ("provides updates", "heart of Derna"); articles
    # sharing few such pairs hold none, and are spared the sentence-by-sentence work.
    if len(a.content_bigrams & b.content_bigrams) < params.paraphrase_min_bigrams:
        return []
    covered_a = _covered(len(a.tokens), exact, "a")
    covered_b = _covered(len(b.tokens), exact, "b")
    links = _sentence_links(a, b, covered_a, covered_b, params) + _chain_links(a, b, covered_a, covered_b, params)
    if embedder is not None:
        links = _second_opinion(a, b, links, embedder, params)
    out = []
    for group in _merge_sentence_pairs(links):
        first_a, last_a = a.sentences[min(g[0] for g in group)], a.sentences[max(g[0] for g in group)]
        first_b, last_b = b.sentences[min(g[1] for g in group)], b.sentences[max(g[1] for g in group)]
        a_chars, b_chars = (first_a.start, last_a.end), (first_b.start, last_b.end)
        quoted = (quoted_share(a.quotes, *a_chars) >= params.quoted_share
                  and quoted_share(b.quotes, *b_chars) >= params.quoted_share)
        score = round(max(g[2] for g in group), 3)
        linked = min(len({g[0] for g in group}), len({g[1] for g in group}))
        out.append(Passage(a_chars, b_chars, "paraphrase", score, quoted,
                           (first_a.first, last_a.last), (first_b.first, last_b.last), sentences=linked))
    return out


def _second_opinion(a: ArticleText, b: ArticleText, links: list[tuple[int, int, float]], embedder: Embedder,
                    params: AlignParams) -> list[tuple[int, int, float]]:
    """Borderline lexical links stand only if the two sentences also mean much the same (cosine of their
    embeddings); clear ones stand as they are."""
    if not links:
        return links
    va, vb = a.sentence_vectors(embedder), b.sentence_vectors(embedder)
    kept = []
    for na, nb, score in links:
        if score >= params.embed_clear or float(va[na] @ vb[nb]) >= params.embed_confirm:
            kept.append((na, nb, score))
    return kept


def _sentence_links(a: ArticleText, b: ArticleText, covered_a: np.ndarray, covered_b: np.ndarray,
                    params: AlignParams) -> list[tuple[int, int, float]]:
    """Sentence pairs whose content words overlap enough (Dice), beyond shared names."""
    free_a = _free_sentences(a, covered_a)
    free_b = dict(_free_sentences(b, covered_b))
    holders: dict[str, list[int]] = {}  # stem -> free sentences of B holding it
    for nb, sb in free_b.items():
        for st in sb.stems:
            holders.setdefault(st, []).append(nb)
    links: list[tuple[int, int, float]] = []
    for na, sa in free_a:
        if len(sa.stems) < params.paraphrase_min_shared:
            continue
        counts: dict[int, int] = {}
        for st in sa.stems:
            for nb in holders.get(st, ()):
                counts[nb] = counts.get(nb, 0) + 1
        for nb, n in counts.items():
            if n < params.paraphrase_min_shared:
                continue
            sb = free_b[nb]
            shared = sa.stems & sb.stems
            if len(shared) < params.paraphrase_min_shared:
                continue
            plain = shared - sa.names - sb.names
            if len(plain) < params.paraphrase_min_plain:
                continue
            plain_a, plain_b = len(sa.stems - sa.names), len(sb.stems - sb.names)
            if 2 * len(plain) / max(1, plain_a + plain_b) < params.paraphrase_plain_dice and \
                    len(plain) / max(1, min(plain_a, plain_b)) < 0.8:
                continue
            dice = 2 * len(shared) / (len(sa.stems) + len(sb.stems))
            # A short sentence folded into a longer one (or split out of it) is judged by how much of the
            # shorter one the other holds.
            containment = len(shared) / min(len(sa.stems), len(sb.stems))
            score = max(dice, 0.85 * containment if containment >= 0.7 else 0.0)
            if score >= params.paraphrase_dice:
                links.append((na, nb, round(score, 3)))
    return links


def _chain_links(a: ArticleText, b: ArticleText, covered_a: np.ndarray, covered_b: np.ndarray,
                 params: AlignParams) -> list[tuple[int, int, float]]:
    """Clauses that keep several content words in the same order with few others between them
    (`Amaq News Agency, which provides updates on ... fighting` / `Amaq News Agency, a media arm of ISIS
    that provides updates on the group's fighting`): the sentences holding each end are linked."""
    stems_a, where_a, names_a = a.content_stems
    stems_b, where_b, _ = b.content_stems
    shared = set(stems_a) & set(stems_b)
    positions_b: dict[str, list[int]] = {}
    for j, st in enumerate(stems_b):
        if st in shared and not covered_b[where_b[j]]:
            positions_b.setdefault(st, []).append(j)
    chains: list[list[tuple[int, int]]] = []
    active: list[list[tuple[int, int]]] = []  # chains that a later word can still extend
    for i, st in enumerate(stems_a):
        if st not in positions_b or covered_a[where_a[i]]:
            continue
        active = [c for c in active if i - c[-1][0] <= params.chain_gap + 1]
        for j in positions_b.get(st, ())[:6]:
            for chain in active:
                li, lj = chain[-1]
                if 0 < i - li and 0 < j - lj <= params.chain_gap + 1:
                    chain.append((i, j))
                    break
            else:
                chain = [(i, j)]
                chains.append(chain)
                active.append(chain)
    links: list[tuple[int, int, float]] = []
    sentence_a, sentence_b = a.sentence_of_word, b.sentence_of_word
    for chain in chains:
        if len(chain) < params.chain_min:
            continue
        plain = sum(1 for i, _ in chain if not names_a[i])
        span_a = chain[-1][0] - chain[0][0] + 1
        span_b = chain[-1][1] - chain[0][1] + 1
        density = min(len(chain) / span_a, len(chain) / span_b)
        if plain < params.paraphrase_min_plain or density < params.chain_density:
            continue
        sa = {int(sentence_a[where_a[i]]) for i, _ in chain}
        sb = {int(sentence_b[where_b[j]]) for _, j in chain}
        if -1 in sa or -1 in sb:
            continue
        for na in range(min(sa), max(sa) + 1):
            for nb in range(min(sb), max(sb) + 1):
                links.append((na, nb, round(density, 3)))
    return links


def _merge_sentence_pairs(pairs: list[tuple[int, int, float]]) -> list[list[tuple[int, int, float]]]:
    """Sentence links form passages: a link joins a group when it continues it in both articles (the same
    or the next sentence on each side, in order)."""
    groups: list[list[tuple[int, int, float]]] = []
    for pair in sorted(set(pairs)):
        for group in groups:
            top_a = max(g[0] for g in group)
            top_b = max(g[1] for g in group)
            low_b = min(g[1] for g in group)
            # a summary skips sentences of its source: allow two skipped on that side
            if 0 <= pair[0] - top_a <= 1 and low_b - 3 <= pair[1] <= top_b + 3:
                group.append(pair)
                break
        else:
            groups.append([pair])
    return groups
