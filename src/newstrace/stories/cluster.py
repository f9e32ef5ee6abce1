"""Streaming story clustering: each arriving article joins the most similar recent story or starts a new one.

An article becomes a sparse tf-idf vector (a dict): light-stemmed content words plus entity features (names
written with capitals, multiword names, numbers) weighted `entity_weight` times, with sublinear tf and an idf
learnt from the stream itself, so no corpus is needed up front. By default that idf counts stories, not
articles (`idf_by_story`): a term weighs by how many of the stories so far use it, so the words of a story
breaking right now keep their weight while dozens of its articles arrive (in the UCI headlines, counted by
articles, "Titanfall", in 150 of the first 1,100, weighs less than "new" or "report"; counted by stories, more).
A story keeps the sum of its members' vectors (its centroid, capped at `centroid_terms` terms) and the times
of its oldest and newest article.

A new article is compared only with stories that share one of its highest-weighted terms (an inverted index
from term to story, holding only stories active within `window_days`). Its score for a story is the cosine
to the story's centroid (optionally mixed with the best cosine to a recent member, `centroid_share`; on
headlines the centroid alone did better), discounted by the time since the story's last article (halved
every `half_life_days`). It joins the best story scoring at least the threshold (lower for headlines, whose
few words make cosines run low, than for full texts); a reuse link to an earlier article is taken as proof
and overrides the score.

Two stories that turn out to be one are merged: after an article joins a story, the story's centroid is
compared with those of the other candidate stories the article was scored against, and where the cosine
(discounted by the time between them) reaches `merge_threshold`, the newer story is folded into the older
one. A headline too different from a story's first reports to join it starts a story of its own; once that
story has gathered more of the same event, its centroid meets the first one's (in the UCI headlines, Zac
Efron's "High School Musical" remarks and the reviews of his film at SXSW). Only stories that ran at the same
time merge: their spans of time must overlap or lie at most `merge_gap_days` apart (undated ones always may).
A merge mends a story the stream split while it ran; a story that went quiet before the other began is a
follow-up (in the UCI headlines, the Titanfall reviews of 10 March and its launch reports of 12 March,
separate gold stories that merged before this rule) and stays apart however alike the two are. Only the two
stories change; nothing else is re-clustered. The older story's id stays; the newer one's is recorded as
merged into it (`merged_into`), and `story_of` gives its members' new story. Stories are never split. The
whole state is plain dicts and lists (`to_state` / `from_state`), so it can be stored between runs and the
stream resumed with identical decisions.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, field
from itertools import repeat
from operator import mul
from typing import Any

from ..text.tokens import STOPWORDS

DAY = 86400.0
Vector = dict[str, float]

# (what precedes the token, the token): a number, or a word with inner apostrophes
_PIECE = re.compile(r"(.*?)(\d+(?:[.,]\d+)*|[^\W\d_]+(?:['’][^\W\d_]+)*)", re.S)
_BREAK = re.compile(r"[.!?:;|\"“”‘«»(]")  # after these the next word may be capitalised only by position
_APOSTROPHES = ("'", "’")
_ENTITY = "e:"

# -- words -----------------------------------------------------------------------------------------------

_SUFFIXES = (("ies", "y"), ("sses", "ss"), ("ss", "ss"), ("us", "us"), ("is", "is"), ("s", ""),
             ("ingly", ""), ("ing", ""), ("edly", ""), ("ed", ""))
_STEMS: dict[str, str] = {"news": "news", "series": "series", "species": "species"}


def stem(word: str) -> str:
    """A light suffix stripper (plurals, -ing, -ed, a final e): 'tapering', 'tapers' and 'taper' meet, 'rates'
    and 'rate' too. Cruder than Porter, but it never needs a dictionary and rarely merges unrelated words."""
    cached = _STEMS.get(word)
    if cached is not None:
        return cached
    out = word
    if len(word) > 3 and not word[-1].isdigit():
        for suffix, repl in _SUFFIXES:
            if out.endswith(suffix):
                if len(out) - len(suffix) >= 3:
                    out = out[: len(out) - len(suffix)] + repl
                    if suffix in ("ing", "ed", "ingly", "edly") and len(out) > 3 and out[-1] == out[-2] \
                            and out[-1] not in "lsz":
                        out = out[:-1]  # stopping -> stopp -> stop
                break
        if out.endswith("e") and len(out) > 4:
            out = out[:-1]
    if len(_STEMS) < 500_000:
        _STEMS[word] = out
    return out


def _fold(raw: str) -> str:
    """Lowercase, with a possessive 's dropped and other apostrophes closed up (McDonald's -> mcdonald)."""
    low = raw.casefold()
    if "'" in low or "’" in low:
        for mark in _APOSTROPHES:
            if mark in low:
                head, _, tail = low.partition(mark)
                low = head if tail == "s" else low.replace(mark, "")
    return low


Cases = dict[str, list[int]]  # word -> [capitalised, lowercase] counts where capitals are not positional
Token = tuple[str, str, bool, bool]  # as written, folded, capital by position only, joined to the previous token


def tokens(text: str) -> list[Token]:
    """The words and numbers of a text. A capital is positional at the start of a line or after sentence
    punctuation, and anywhere in a line written in title case or capitals (then it says nothing about a word
    being a name)."""
    out: list[Token] = []
    append = out.append
    for line in text.split("\n"):
        pieces = _PIECE.findall(line)
        if not pieces:
            continue
        folded = []
        longer = capitals = 0
        for _, raw in pieces:
            low = raw.casefold()
            if "'" in low or "’" in low:
                low = _fold(raw)
            folded.append(low)
            if len(raw) > 3 and not raw[0].isdigit() and low not in STOPWORDS:
                longer += 1
                capitals += raw[0].isupper()
        titled = longer >= 2 and capitals > 0.6 * longer
        first = True
        for (gap, raw), low in zip(pieces, folded, strict=True):
            if not gap or gap == " ":
                append((raw, low, titled or first, True))
            else:
                spaced = gap.isspace()
                append((raw, low, titled or first or (not spaced and _BREAK.search(gap) is not None), spaced))
            first = False
    return out


def learn_cases(toks: list[Token], cases: Cases) -> None:
    """Count how each word is written where a capital is not positional."""
    get = cases.get
    for raw, low, positional, _ in toks:
        if positional or raw[0].isdigit() or low in STOPWORDS:
            continue
        counts = get(low)
        if counts is None:
            counts = cases[low] = [0, 0]
        counts[0 if raw[0].isupper() else 1] += 1


def _is_entity(raw: str, low: str, positional: bool, cases: Mapping[str, list[int]]) -> bool:
    if raw[0].isdigit():
        return True
    inner = len(raw) > 1 and not raw[1:].islower()
    if not positional:
        return inner or raw[0].isupper()
    if inner and not raw.isupper():
        return True  # eBay, McDonald's, iPhone: inner capitals survive title case
    if not raw[0].isupper():
        return False
    counts = cases.get(low)
    return counts is not None and counts[0] > counts[1]  # a capital by position: a name if usually capitalised


def features(toks: list[Token], cases: Mapping[str, list[int]]) -> tuple[Counter[str], Counter[str]]:
    """(word stems, entity features) with their counts. Entities are lowercased names and numbers, plus
    'first second' for names written next to each other (multiword names); stopwords never count."""
    words: dict[str, int] = {}
    entities: dict[str, int] = {}
    prev_entity = ""
    stems, wget, eget = _STEMS.get, words.get, entities.get  # bound once: this loop runs for every word
    for raw, low, positional, spaced in toks:
        if low in STOPWORDS or (len(low) < 2 and not low.isdigit()):
            prev_entity = ""
            continue
        s = stems(low)
        if s is None:
            s = stem(low)
        words[s] = wget(s, 0) + 1
        if _is_entity(raw, low, positional, cases):
            key = _ENTITY + low
            entities[key] = eget(key, 0) + 1
            if prev_entity and spaced:
                key = f"{_ENTITY}{prev_entity} {low}"
                entities[key] = eget(key, 0) + 1
            prev_entity = low
        else:
            prev_entity = ""
    return Counter(words), Counter(entities)


def text_features(text: str, cases: Mapping[str, list[int]]) -> tuple[Counter[str], Counter[str]]:
    return features(tokens(text), cases)


# -- weights ---------------------------------------------------------------------------------------------


def _idf(total: int, count: int) -> float:
    return 1.0 + math.log((total + 1) / (count + 1))


@dataclass
class Idf:
    """Document frequencies, updated as documents arrive; idf = 1 + ln((n + 1) / (df + 1)). `cases` holds how
    the collection capitalises its words, which tells names from words capitalised by position.

    With `by_story`, the same formula over stories instead: `stories` counted and `sf[term]` the stories whose
    articles have used the term (a term counts once per story however many of its articles repeat it)."""

    n: int = 0
    df: dict[str, int] = field(default_factory=dict)
    cases: Cases = field(default_factory=dict)
    by_story: bool = False
    stories: int = 0
    sf: dict[str, int] = field(default_factory=dict)

    def add(self, terms: Iterable[str]) -> None:
        self.n += 1
        df = self.df
        for t in terms:
            df[t] = df.get(t, 0) + 1

    def add_to_story(self, new_terms: Iterable[str], new_story: bool) -> None:
        """Count the terms an article brings to its story that the story did not have yet."""
        self.stories += new_story
        sf = self.sf
        for t in new_terms:
            sf[t] = sf.get(t, 0) + 1

    def counts(self) -> tuple[int, Callable[[str, int], int]]:
        """(documents counted, a term's count with a default): stories and `sf` with `by_story`, else `n` and
        `df`."""
        return (self.stories, self.sf.get) if self.by_story else (self.n, self.df.get)

    def weight(self, term: str) -> float:
        total, count = self.counts()
        return _idf(total, count(term, 0))


    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> Idf:
        """The idf of a fixed collection (for `similarity`), with capitalisation learnt from the same texts."""
        toks = [tokens(t) for t in texts]
        idf = cls()
        for t in toks:
            learn_cases(t, idf.cases)
        for t in toks:
            words, entities = features(t, idf.cases)
            idf.add([*words, *entities])
        return idf


def vector(words: Counter[str], entities: Counter[str], idf: Idf | None, entity_weight: float) -> Vector:
    """Sublinear tf times idf (1 where there is no idf), entity features times `entity_weight`, L2-normalised."""
    out: Vector = {}
    log = math.log
    total, count = idf.counts() if idf is not None else (0, None)  # looked up once, not per term
    for counts, boost in ((words, 1.0), (entities, entity_weight)):
        if boost <= 0:
            continue
        for term, tf in counts.items():
            w = boost if tf == 1 else (1.0 + log(tf)) * boost
            out[term] = w if count is None else w * _idf(total, count(term, 0))
    norm = math.sqrt(sum(w * w for w in out.values()))
    if norm > 0:
        for term in out:
            out[term] /= norm
    return out


def dot(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    total: float = sum(map(mul, a.values(), map(b.get, a, repeat(0.0))))
    return total


DEFAULT_ENTITY_WEIGHT = 1.0


def similarity(text_a: str, text_b: str, idf: Idf | None = None, entity_weight: float = DEFAULT_ENTITY_WEIGHT
               ) -> float:
    """Cosine of the two texts' tf-idf vectors (stems plus weighted entity features), from 0 to 1.

    Without `idf` every term weighs the same and capitalisation is learnt from the two texts; pass
    `Idf.from_texts(collection)` to weigh rare words up and judge capitals by the whole collection.
    """
    toks_a, toks_b = tokens(text_a), tokens(text_b)
    if idf is not None:
        cases = idf.cases
    else:
        cases = {}
        learn_cases(toks_a, cases)
        learn_cases(toks_b, cases)
    va = vector(*features(toks_a, cases), idf, entity_weight)
    vb = vector(*features(toks_b, cases), idf, entity_weight)
    return max(0.0, min(1.0, dot(va, vb)))


# -- stories ---------------------------------------------------------------------------------------------


@dataclass
class StoryParams:
    """The knobs of `StoryClusterer`. `threshold`, `merge_threshold` and `entity_weight` were tuned on the UCI
    News Aggregator headlines (the two thresholds together, streamed in time order, without times and
    shuffled) and `text_threshold` on SemEval-2022 task 8 article pairs (see benchmarks/stories.py); the time
    settings were set by hand: the UCI subset's timestamps cannot tell a good half-life from a leak."""

    threshold: float = 0.18  # least score to join a story, for a headline (up to SHORT_TERMS distinct words)
    text_threshold: float = 0.18  # the same for a text of LONG_TERMS words or more; log-interpolated between
    entity_weight: float = DEFAULT_ENTITY_WEIGHT  # entity features' weight relative to words
    centroid_share: float = 1.0  # score = share * cos(centroid) + (1 - share) * best cos(recent member)
    recent_members: int = 0  # member vectors kept per story for the member cosine (needed when share < 1)
    half_life_days: float = 1.0  # the score halves every this many days since the story's last article (0: never)
    window_days: float = 7.0  # stories quiet for longer are no longer candidates
    probe_terms: int = 12  # an article's highest-weighted terms looked up in the index
    max_candidates: int = 8  # stories scored in full per article, those sharing most probe weight
    centroid_terms: int = 400  # terms kept in a centroid (the heaviest), so long stories stay cheap
    max_active: int = 10_000  # stories kept in the index at most; past it, those quiet longest are closed
    idf_by_story: bool = True  # idf over stories rather than articles (see the module docstring)
    merge_threshold: float = 0.22  # least centroid cosine (time-discounted) to merge two stories; above 1: never
    merge_gap_days: float = 0.25  # most days between two stories' spans of time for a merge (0: they must
    # overlap; below 0: no limit); undated stories may always merge

    def threshold_for(self, words: int) -> float:
        """Short texts share fewer words, so their cosines run lower: the bar rises with the distinct words."""
        if words <= SHORT_TERMS:
            return self.threshold
        if words >= LONG_TERMS:
            return self.text_threshold
        share = math.log(words / SHORT_TERMS) / math.log(LONG_TERMS / SHORT_TERMS)
        return self.threshold + share * (self.text_threshold - self.threshold)


SHORT_TERMS, LONG_TERMS = 12, 50


@dataclass
class _Story:
    n: int
    docs: list[str]
    centroid: Vector
    norm2: float
    first: float | None
    last: float | None
    recent: list[Vector]
    merged_into: int = 0  # the story it was folded into (0: none)

    @property
    def id(self) -> str:
        return f"s{self.n}"


def _between_days(a: _Story, b: _Story) -> float:
    """Days between two stories' spans of time (0 where they overlap or either is undated)."""
    if a.first is None or b.first is None or a.last is None or b.last is None:
        return 0.0
    return max(0.0, max(a.first, b.first) - min(a.last, b.last)) / DAY


def follow_merges(story_id: str, merged_into: Callable[[str], str | None]) -> str:
    """The story id `story_id` now stands for, given the story each merged story went into (for a live
    clusterer or the store's table of merges alike). Merges go into older stories, so the chain ends; the
    guard only keeps a damaged record from looping."""
    seen = {story_id}
    while (into := merged_into(story_id)) and into not in seen:
        seen.add(into)
        story_id = into
    return story_id


STATE_VERSION = 4  # 2: story counts for the idf (`Idf.stories`, `Idf.sf`); 3: merges; 4: `merge_gap_days`
# a merge is looked for among the stories the article scored at least this share of its joining bar against:
# on the UCI headlines, looking among all it was scored against found the same merges, at half the speed
MERGE_NEAR = 0.5
PURGE_EVERY = 500  # articles between sweeps that drop quiet stories from the index


class StoryClusterer:
    """Groups a stream of articles into stories (see the module docstring); `add` one article at a time."""

    def __init__(self, params: StoryParams | None = None, **overrides: float):
        base = asdict(params) if params is not None else {}
        self.params = StoryParams(**{**base, **overrides})
        if self.params.centroid_share < 1 and self.params.recent_members < 1:
            raise ValueError("centroid_share below 1 needs recent_members to compare with")
        self.idf = Idf(by_story=self.params.idf_by_story)
        self.now: float | None = None  # the newest publication time seen
        self._stories: list[_Story] = []
        self._of: dict[str, int] = {}  # doc id -> story number
        self._postings: dict[str, set[int]] = {}
        self._active: set[int] = set()
        self._since_purge = 0
        self._merges: list[tuple[str, str]] = []  # (merged story, story it went into) since take_merges
        self._changed: set[int] = set()  # stories changed since take_changed, so a store rewrites only those

    # -- the stream ------------------------------------------------------------------------------------

    def add(self, doc_id: str, text: str, published: float | None = None, links: Iterable[str] = ()) -> str:
        """The story id of a new article (POSIX seconds for `published`); `links` are ids of earlier articles
        it reuses, which put it in their story whatever the text says. An id seen before keeps its story."""
        if doc_id in self._of:
            return self._stories[self._of[doc_id] - 1].id
        p = self.params
        toks = tokens(text)
        learn_cases(toks, self.idf.cases)
        words, entities = features(toks, self.idf.cases)
        self.idf.add([*words, *entities])
        vec = vector(words, entities, self.idf, p.entity_weight)
        if published is not None and (self.now is None or published > self.now):
            self.now = published
        when = published if published is not None else self.now
        story = self._linked(vec, when, links)
        linked = story is not None
        scored: list[tuple[int, float]] = []
        if story is None:
            best, score, scored = self._best(vec, when)
            story = best if best is not None and score >= p.threshold_for(len(words)) else None
        if story is None:
            story = _Story(len(self._stories) + 1, [], {}, 0.0, None, None, [])
            self._stories.append(story)
            self._active.add(story.n)
        self._join(story, doc_id, vec, when)
        if p.merge_threshold <= 1 and len(story.docs) > 1 and not linked:
            # stories the article came near: it may be what shows two stories are one (an article joined by
            # a reuse link shows nothing about its text)
            near = MERGE_NEAR * p.threshold_for(len(words))
            story = self._merge_with(story, [n for n, s in scored if s >= near])
        self._since_purge += 1
        if self._since_purge >= PURGE_EVERY or len(self._active) > 2 * p.max_active:
            self._purge()
        return story.id

    def stories(self) -> dict[str, list[str]]:
        """Story id -> its doc ids (in arrival order, but for merged stories' docs after the story's own),
        stories in order of creation; merged stories are left out."""
        return {s.id: list(s.docs) for s in self._stories if not s.merged_into}

    def current(self, story_id: str) -> str:
        """The story a story id now stands for: itself, or the story it was merged into."""
        return follow_merges(story_id, self._merged_into)

    def _merged_into(self, story_id: str) -> str | None:
        n = int(story_id[1:]) if story_id[:1] == "s" and story_id[1:].isdigit() else 0
        into = self._stories[n - 1].merged_into if 0 < n <= len(self._stories) else 0
        return f"s{into}" if into else None

    def take_changed(self) -> set[int]:
        """The numbers of the stories changed (joined, merged, opened or closed) since the last call or since
        the state was loaded: only their entries in `to_state()["stories"]` differ from what was saved."""
        out, self._changed = self._changed, set()
        return out

    def take_merges(self) -> list[tuple[str, str]]:
        """The merges since the last call, (merged story, story it went into), oldest first."""
        out, self._merges = self._merges, []
        return out

    def story_of(self, doc_id: str) -> str | None:
        n = self._of.get(doc_id)
        return self._stories[n - 1].id if n is not None else None

    def __len__(self) -> int:
        return len(self._of)

    @property
    def active_stories(self) -> int:
        """Stories still in the index (active within the window, as of the last sweep)."""
        return len(self._active)

    # -- scoring ---------------------------------------------------------------------------------------

    def score(self, vec: Vector, story: _Story, when: float | None) -> float:
        p = self.params
        cos_c = dot(vec, story.centroid) / math.sqrt(story.norm2) if story.norm2 > 0 else 0.0
        s = cos_c
        if story.recent and p.centroid_share < 1:
            s = p.centroid_share * cos_c + (1 - p.centroid_share) * max(dot(vec, m) for m in story.recent)
        gap = self._gap_days(story, when)
        return s * 0.5 ** (gap / p.half_life_days) if gap > 0 and p.half_life_days > 0 else s

    @staticmethod
    def _gap_days(story: _Story, when: float | None) -> float:
        if when is None or story.last is None:
            return 0.0
        if when > story.last:
            return (when - story.last) / DAY
        if story.first is not None and when < story.first:
            return (story.first - when) / DAY
        return 0.0

    def _best(self, vec: Vector, when: float | None) -> tuple[_Story | None, float, list[tuple[int, float]]]:
        """The best-scoring story, its score, and the stories scored with their scores."""
        p = self.params
        probes = sorted(vec.items(), key=lambda tw: -tw[1])[: p.probe_terms]
        shared: dict[int, float] = {}
        for term, w in probes:
            for n in self._postings.get(term, ()):
                shared[n] = shared.get(n, 0.0) + w
        if len(shared) > p.max_candidates:
            ranked = sorted(shared.items(), key=lambda nw: (-nw[1], nw[0]))[: p.max_candidates]
        else:
            ranked = sorted(shared.items())
        best: _Story | None = None
        best_score = 0.0
        scored = []
        for n, _ in ranked:
            story = self._stories[n - 1]
            if self._gap_days(story, when) > p.window_days:
                continue
            s = self.score(vec, story, when)
            scored.append((n, s))
            if s > best_score:
                best, best_score = story, s
        return best, best_score, scored

    # -- merging ---------------------------------------------------------------------------------------

    def _merge_with(self, story: _Story, candidates: list[int]) -> _Story:
        """Fold `story` and the candidate story most like it into the older of the two, where their centroids'
        cosine, discounted by the time between them, reaches the merge threshold. Returns the story now
        holding `story`'s docs."""
        p = self.params
        best: _Story | None = None
        best_sim = p.merge_threshold
        for n in candidates:
            other = self._stories[n - 1]
            if n == story.n or other.merged_into or other.norm2 <= 0 or len(other.docs) < 2:
                continue
            gap = _between_days(story, other)
            if 0 <= p.merge_gap_days < gap:
                continue  # one went quiet before the other began: a follow-up, not a fragment of the same run
            sim = dot(story.centroid, other.centroid) / math.sqrt(story.norm2 * other.norm2)
            if gap > 0 and p.half_life_days > 0:
                sim *= 0.5 ** (gap / p.half_life_days)
            if sim >= best_sim:
                best, best_sim = other, sim
        if best is None:
            return story
        keep, gone = (best, story) if best.n < story.n else (story, best)
        self._fold(keep, gone)
        return keep

    def _fold(self, keep: _Story, gone: _Story) -> None:
        p = self.params
        self._changed.update((keep.n, gone.n))
        for d in gone.docs:
            self._of[d] = keep.n
        keep.docs.extend(gone.docs)
        c = keep.centroid
        shared = [t for t in gone.centroid if t in c]
        # terms both stories used were counted for each: the merged story counts once
        self.idf.stories -= 1
        for t in shared:
            if self.idf.sf.get(t, 0) > 1:
                self.idf.sf[t] -= 1
        postings = self._postings if keep.n in self._active else None
        for term, w in gone.centroid.items():
            if term in c:
                c[term] += w
            else:
                c[term] = w
                if postings is not None:
                    postings.setdefault(term, set()).add(keep.n)
        if len(c) > 2 * p.centroid_terms:
            kept = dict(sorted(c.items(), key=lambda tw: (-tw[1], tw[0]))[: p.centroid_terms])
            if postings is not None:
                for term in c.keys() - kept.keys():
                    self._unpost(term, keep.n)
            keep.centroid = c = kept
        keep.norm2 = sum(w * w for w in c.values())
        if p.recent_members > 0:
            keep.recent = (keep.recent + gone.recent)[-p.recent_members:]
        firsts = [t for t in (keep.first, gone.first) if t is not None]
        lasts = [t for t in (keep.last, gone.last) if t is not None]
        keep.first, keep.last = (min(firsts) if firsts else None), (max(lasts) if lasts else None)
        if gone.n in self._active:
            self._close(gone.n)
        gone.docs, gone.merged_into = [], keep.n
        gone.centroid, gone.norm2, gone.recent = {}, 0.0, []
        self._merges.append((gone.id, keep.id))

    def _linked(self, vec: Vector, when: float | None, links: Iterable[str]) -> _Story | None:
        """The story holding most of the linked articles (ties: the better score, then the older story)."""
        counts = Counter(self._of[d] for d in links if d in self._of)
        if not counts:
            return None
        ranked = sorted(counts, key=lambda n: (-counts[n], -self.score(vec, self._stories[n - 1], when), n))
        return self._stories[ranked[0] - 1]

    # -- upkeep ----------------------------------------------------------------------------------------

    def _join(self, story: _Story, doc_id: str, vec: Vector, when: float | None) -> None:
        p = self.params
        self._changed.add(story.n)
        story.docs.append(doc_id)
        self._of[doc_id] = story.n
        c = story.centroid
        # terms the centroid lacks are new to the story (or were pruned from it: then counted again, rarely)
        self.idf.add_to_story([t for t in vec if t not in c], len(story.docs) == 1)
        story.norm2 += 2 * dot(vec, c) + dot(vec, vec)
        postings = self._postings if story.n in self._active else None
        for term, w in vec.items():
            if term not in c:
                c[term] = w
                if postings is not None:
                    postings.setdefault(term, set()).add(story.n)
            else:
                c[term] += w
        if len(c) > 2 * p.centroid_terms:
            kept = sorted(c.items(), key=lambda tw: (-tw[1], tw[0]))[: p.centroid_terms]
            if postings is not None:
                for term in c.keys() - dict(kept).keys():
                    self._unpost(term, story.n)
            story.centroid = dict(kept)
            story.norm2 = sum(w * w for _, w in kept)
        if p.recent_members > 0:
            story.recent.append(vec)
            del story.recent[: -p.recent_members]
        if when is not None:
            story.first = when if story.first is None else min(story.first, when)
            story.last = when if story.last is None else max(story.last, when)
        if story.n not in self._active and not self._expired(story):
            self._activate(story)

    def _expired(self, story: _Story) -> bool:
        return self.now is not None and story.last is not None and \
            self.now - story.last > self.params.window_days * DAY

    def _activate(self, story: _Story) -> None:
        self._active.add(story.n)
        self._changed.add(story.n)
        for term in story.centroid:
            self._postings.setdefault(term, set()).add(story.n)

    def _unpost(self, term: str, n: int) -> None:
        holders = self._postings.get(term)
        if holders is not None:
            holders.discard(n)
            if not holders:
                del self._postings[term]

    def _purge(self) -> None:
        """Take stories quiet for longer than the window out of the index and drop their centroids, so the
        state grows with the active stories only (closed ones keep their members and times in `stories()`;
        a reuse link can still reopen one, with a fresh centroid)."""
        self._since_purge = 0
        for n in sorted(self._active):
            if self._expired(self._stories[n - 1]):
                self._close(n)
        # Undated articles never expire: past `max_active`, close the stories quiet longest (undated ones
        # oldest first), so the index, and the cost of each new article, stop growing.
        excess = len(self._active) - self.params.max_active
        if excess > 0:
            def quiet(n: int) -> tuple[float, int]:
                last = self._stories[n - 1].last
                return (last if last is not None else float("-inf"), n)

            for n in sorted(self._active, key=quiet)[:excess]:
                self._close(n)

    def _close(self, n: int) -> None:
        story = self._stories[n - 1]
        self._active.discard(n)
        self._changed.add(n)
        for term in story.centroid:
            self._unpost(term, n)
        story.centroid, story.norm2, story.recent = {}, 0.0, []

    # -- persistence -----------------------------------------------------------------------------------

    def to_state(self) -> dict[str, Any]:
        """Everything needed to go on with the stream, as JSON-ready dicts and lists (the index is rebuilt).
        The quiet stories are swept out first, so the saved state holds centroids for the open stories only and
        stays bounded however large the store grows."""
        self._purge()
        idf = self.idf
        return {
            "version": STATE_VERSION,
            "params": asdict(self.params),
            "idf": {"n": idf.n, "df": dict(idf.df), "cases": {k: list(v) for k, v in idf.cases.items()},
                    "stories": idf.stories, "sf": dict(idf.sf)},
            "now": self.now,
            "since_purge": self._since_purge,
            "stories": [{"id": s.id, "docs": list(s.docs), "centroid": dict(s.centroid), "norm2": s.norm2,
                         "first": s.first, "last": s.last, "recent": [dict(m) for m in s.recent],
                         "active": s.n in self._active, "merged_into": s.merged_into} for s in self._stories],
        }

    @classmethod
    def from_state(cls, state: Mapping[str, Any]) -> StoryClusterer:
        """The clusterer `to_state` saved. An older state goes on as it was built, so the stream's decisions do
        not change mid-way: version 1 (before story counts were kept) with the article idf, versions 1 and 2
        (before merges) without merging, version 3 (before `merge_gap_days`) merging across any gap."""
        version = state.get("version")
        if version not in (1, 2, 3, STATE_VERSION):
            raise ValueError(f"unknown story state version {version!r}")
        params = dict(state["params"])
        if version == 1:
            params["idf_by_story"] = False
        if version < 3:
            params["merge_threshold"] = 2.0
        if version < 4:
            params["merge_gap_days"] = -1.0  # merged across any gap, as it was built
        self = cls(StoryParams(**params))
        stored = state["idf"]
        self.idf = Idf(int(stored["n"]), dict(stored["df"]), {k: list(v) for k, v in stored["cases"].items()},
                       self.params.idf_by_story, int(stored.get("stories", 0)), dict(stored.get("sf", {})))
        self.now = state["now"]
        self._since_purge = int(state["since_purge"])
        for i, s in enumerate(state["stories"], 1):
            if s["id"] != f"s{i}":
                raise ValueError(f"story {i} is stored as {s['id']!r}")
            story = _Story(i, list(s["docs"]), dict(s["centroid"]), float(s["norm2"]), s["first"], s["last"],
                           [dict(m) for m in s["recent"]], int(s.get("merged_into", 0)))
            self._stories.append(story)
            for d in story.docs:
                self._of[d] = i
            if s["active"]:
                self._activate(story)
        self._changed.clear()  # as saved
        return self
