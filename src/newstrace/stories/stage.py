"""The story stage: each new article joins a story as it arrives, from its text, its names, its time and its
reuse links (streaming: the corpus is never re-clustered, though two stories found to be one are merged).
It stores membership; the timeline every face shows is built from it by the read core (read/stories.py)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from ..config import Settings
from ..errors import Code, NewstraceError
from ..records import Article
from ..stages import Stage, register_stage
from ..store import Store
from ..text.dates import timestamp
from .cluster import StoryClusterer, follow_merges

STAGE = "newstrace.stories.v1"


def arrival_order(articles: list[Article]) -> list[Article]:
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
        new = arrival_order([a for a in articles if a.seq not in known])
        if not new:
            return known
        state = store.story_state(STAGE)
        clusterer = StoryClusterer.from_state(state) if state else StoryClusterer()
        streamed = clusterer.idf.n
        links: dict[str, set[str]] = defaultdict(set)
        for al in store.alignments_of([a.seq for a in new]):
            if not al.claims_reuse:  # one outlet's template on another day, or mere similar wording
                continue
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


def run(store: Store, ids: Sequence[str], settings: Settings) -> int:
    """Put each given analysable article without a story into one; returns how many stories they are in. What
    a story shows (order, first report, independence) is read from the stored analysis: read/stories.py."""
    articles = [a for a in store.get_articles(list(ids)) if a.analysed]
    return len(set(assign(store, articles).values()))


register_stage(Stage(
    STAGE, reads=("articles", "alignments"),
    writes=("story_members", "story_state", "story_rows", "story_merges"),
    description="stories grouped as articles arrive (streaming, merged when two turn out to be one)",
    run=run,
))
