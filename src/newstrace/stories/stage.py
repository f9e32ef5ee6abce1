"""The story stage: each new article joins a story as it arrives, from its text, its names, its time and its
reuse links (streaming: the corpus is never re-clustered, though two stories found to be one are merged).
Per story, `trace --json` gets a timeline (who reported first, who followed, when), how many reports are
independent (an article mostly taken from another one in the story is not), and the sources the story's
articles cite."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any

from ..config import Settings
from ..errors import Code, NewstraceError
from ..ingest.dates import timestamp
from ..records import Article
from ..stages import Stage, register_stage
from ..store import Store
from .cluster import StoryClusterer, follow_merges

STAGE = "newstrace.stories.v1"
INDEPENDENT_BELOW = 0.5  # an article with this share or more taken from others in its story is derived


def _arrival(articles: list[Article]) -> list[Article]:
    """A batch arrives in publication order (undated last, in store order)."""
    return sorted(articles, key=lambda a: (timestamp(a.published) is None, timestamp(a.published) or 0, a.seq))


LEAD_CHARS = 1200  # the headline and the lead tell the story; the rest adds cost more than evidence


def story_text(article: Article) -> str:
    """What an article is grouped by: its headline and its lead (about the first 200 words)."""
    lead = article.text[:LEAD_CHARS]
    return f"{article.title or ''}\n{lead[: lead.rfind(' ')] if len(article.text) > LEAD_CHARS else lead}"


SAVE_TRIES = 5  # runs that lose the race to save (another run saved stories meanwhile) cluster again


def assign(store: Store, articles: list[Article]) -> dict[int, str]:
    """Put every article without a story into one, and return the story of each.

    Clustering runs outside the store's write lock (it can take minutes). Saving checks under the lock that no
    other run saved stories since this one read the state (the count of articles streamed, in the state, has
    not moved); if one did, this run reads again and clusters again, so two runs never interleave their
    stories."""
    for _ in range(SAVE_TRIES):
        known = store.stories_of([a.seq for a in articles])
        new = _arrival([a for a in articles if a.seq not in known])
        if not new:
            return known
        state = store.story_state(STAGE)
        clusterer = StoryClusterer.from_state(state) if state else StoryClusterer()
        streamed = clusterer.idf.n
        links: dict[str, set[str]] = defaultdict(set)
        for al in store.alignments_of([a.seq for a in new]):
            links[al.target].add(al.source)
            if not al.decided:
                links[al.source].add(al.target)
        for article in new:
            clusterer.add(article.id, story_text(article), timestamp(article.published), links.get(article.id, ()))
        merges = clusterer.take_merges()
        with store.transaction():
            if store.stories_streamed(STAGE) != (streamed if state else None):
                continue  # another run saved stories meanwhile: nothing written, read again
            # where two stories were merged, the stored members of the merged one move with it
            earlier = store.story_members(sorted({gone for gone, _ in merges}))
            members = [(seq, clusterer.current(story)) for story, seqs in earlier.items() for seq in seqs]
            members += [(article.seq, clusterer.story_of(article.id) or "") for article in new]
            state = clusterer.to_state()  # sweeps out quiet stories first: they change too
            store.save_stories(STAGE, members, state, merges, clusterer.take_changed())
        known = {seq: clusterer.current(story) for seq, story in known.items()}
        known.update(members)
        return known
    raise NewstraceError(Code.STORE_BUSY, f"{store.url}: stories not saved: {SAVE_TRIES} times in a row another "
                                          f"run saved stories first")


def current_story(store: Store, story_id: str) -> str:
    """The story a story id now stands for: itself, or the story it was merged into."""
    return follow_merges(story_id, lambda story: store.story_merged_into(STAGE, story))


def run(store: Store, ids: Sequence[str], settings: Settings) -> list[dict[str, Any]]:
    from ..analyse.stage import public
    from ..provenance.origins import solid_chars, sources_of
    from ..reuse.direction import short_forms

    articles = [a for a in store.get_articles(list(ids)) if a.analysed]
    story_of = assign(store, articles)
    wanted = sorted(set(story_of.values()))
    members = store.story_members(wanted)
    everyone = {a.seq: a for a in store.articles_by_seq(sorted({s for seqs in members.values() for s in seqs}))}
    alignments = store.alignments_of(list(everyone))
    cited: dict[int, set[str]] = defaultdict(set)
    relayed: dict[int, list[tuple[str, list[tuple[int, int]]]]] = defaultdict(list)  # outlet cited, content
    for row in store.attributions_of(list(everyone)):
        att = public(everyone[row[0]].id, everyone[row[0]].text, row)
        if att["source"] and att["source"]["kind"] != "unknown":
            cited[row[0]].add(att["source"]["canonical"])
            if att["source"]["kind"] == "outlet":
                relayed[row[0]].append((att["source"]["canonical"], [tuple(c["span"]) for c in att["content"]]))
    by_id = {a.id: a for a in everyone.values()}
    out = []
    for story in wanted:
        group = _arrival([everyone[s] for s in members.get(story, []) if s in everyone])
        in_story = {a.id for a in group}
        timeline = []
        for article in group:
            total = sum(1 for ch in article.text if not ch.isspace()) or 1
            taken = [s for s in sources_of(article, alignments, by_id, total) if s["article"] in in_story]
            share = sum(s["share"] for s in taken)
            # what it relays from another outlet of the story ("CPA reported ...") is not its own report either
            others = {f for a in group if a.id != article.id and a.outlet for f in short_forms(a.outlet)}
            spans = [span for name, content in relayed.get(article.seq, []) if short_forms(name) & others
                     for span in content]
            share = max(share, solid_chars(article.text, spans) / total)
            timeline.append({"article": article.id, "outlet": article.outlet, "title": article.title,
                             "published": article.published, "independent": share < INDEPENDENT_BELOW,
                             "derived_from": [s["article"] for s in taken if s["share"] > 0],
                             "taken_share": round(share, 4)})
        counts = Counter(name for article in group for name in cited.get(article.seq, ()))
        out.append({"id": story, "articles": len(group),
                    "independent_reports": sum(1 for t in timeline if t["independent"]),
                    "first": timeline[0]["article"] if timeline else None, "timeline": timeline,
                    "sources_cited": [{"source": name, "articles": n} for name, n in counts.most_common() if n > 1]})
    return out


register_stage(Stage(
    STAGE, reads=("articles", "alignments", "attributions"), writes=("story_members", "story_state"),
    description="stories grouped as articles arrive, with timelines, independent reports and shared sources",
    run=run, json_key="stories",
))
