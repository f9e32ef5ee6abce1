"""Story clustering: the clustering measures on hand-made cases, and the streaming clusterer on invented
events (a bridge collapse in Velmora, an election in Kestria, a harbour festival in Port Elling)."""

from __future__ import annotations

import json
import math

import pytest

from newstrace.stories import cluster
from newstrace.stories.cluster import Idf, StoryClusterer, similarity, stem, text_features
from newstrace.stories.measures import adjusted_rand, bcubed, pairwise

# -- measures ------------------------------------------------------------------------------------------

GOLD = ["a", "a", "a", "b", "b", "c"]  # stories of 3, 2 and 1 items


def test_perfect_clustering_scores_one_whatever_the_labels():
    predicted = ["x", "x", "x", "y", "y", "z"]
    for prf in (bcubed(predicted, GOLD), pairwise(predicted, GOLD)):
        assert (prf.precision, prf.recall, prf.f1) == (1.0, 1.0, 1.0)
    assert adjusted_rand(predicted, GOLD) == 1.0


def test_all_in_one_cluster():
    predicted = ["x"] * 6
    b = bcubed(predicted, GOLD)
    assert b.precision == pytest.approx((9 + 4 + 1) / 36) and b.recall == 1.0
    p = pairwise(predicted, GOLD)
    assert p.precision == pytest.approx((3 + 1) / 15) and p.recall == 1.0
    assert adjusted_rand(predicted, GOLD) == pytest.approx(0.0)


def test_all_singletons():
    predicted = [str(i) for i in range(6)]
    b = bcubed(predicted, GOLD)
    assert b.precision == 1.0 and b.recall == pytest.approx(3 / 6)
    p = pairwise(predicted, GOLD)
    assert p.precision == 1.0 and p.recall == 0.0 and p.f1 == 0.0  # no pair claimed: nothing claimed wrongly
    assert adjusted_rand(predicted, GOLD) == pytest.approx(0.0)


def test_a_small_example_by_hand():
    gold = [0, 0, 0, 1, 1, 1]
    predicted = [0, 0, 1, 1, 2, 2]
    # B-cubed precision per item: 1, 1, 1/2, 1/2, 1, 1; recall: 2/3, 2/3, 1/3, 1/3, 2/3, 2/3
    b = bcubed(predicted, gold)
    assert b.precision == pytest.approx(5 / 6) and b.recall == pytest.approx(5 / 9)
    assert b.f1 == pytest.approx(2 * (5 / 6) * (5 / 9) / (5 / 6 + 5 / 9))
    # pairs claimed: (0,1) (2,3) (4,5); right: (0,1) (4,5); gold pairs: 3 + 3
    p = pairwise(predicted, gold)
    assert p.precision == pytest.approx(2 / 3) and p.recall == pytest.approx(2 / 6)
    # ARI: index 2, sum of predicted pairs 3, of gold pairs 6, 15 pairs in all: expected 3*6/15 = 1.2,
    # maximum (3+6)/2 = 4.5, so (2 - 1.2) / (4.5 - 1.2)
    assert adjusted_rand(predicted, gold) == pytest.approx(0.8 / 3.3)
    assert adjusted_rand([0, 0, 1, 2], [0, 0, 1, 1]) == pytest.approx((1 - 1 / 3) / (1.5 - 1 / 3))  # 0.5714


def test_measures_are_symmetric_and_check_lengths():
    gold = [0, 0, 0, 1, 1, 1]
    predicted = [0, 0, 1, 1, 2, 2]
    assert bcubed(gold, predicted).precision == pytest.approx(bcubed(predicted, gold).recall)
    assert adjusted_rand(gold, predicted) == pytest.approx(adjusted_rand(predicted, gold))
    with pytest.raises(ValueError):
        bcubed([0, 1], [0])


# -- words and features ---------------------------------------------------------------------------------


def test_stemming_meets_inflections():
    assert stem("tapering") == stem("tapers") == stem("taper")
    assert stem("stopping") == stem("stopped") == stem("stop")
    assert stem("companies") == stem("company")
    assert stem("news") != stem("new")


def test_entities_are_names_numbers_and_multiword_names():
    cases: dict[str, list[int]] = {}
    text = "Rescuers said Mayor Ilse Brandt visited the river on Tuesday. 14 people were hurt in Velmora."
    cluster.learn_cases(cluster.tokens(text), cases)
    words, entities = text_features(text, cases)
    assert {"e:ilse brandt", "e:brandt", "e:velmora", "e:14", "e:tuesday"} <= set(entities)
    assert "e:rescuers" not in entities  # capitalised only because it opens the sentence
    assert "river" in words and "the" not in words


def test_title_case_capitals_are_not_names_unless_known():
    cases: dict[str, list[int]] = {}
    learnt = "Yesterday the town council met the mayor, Ilse Brandt, about the damaged bridge in Velmora."
    cluster.learn_cases(cluster.tokens(learnt), cases)
    _, entities = text_features("Brandt Says Velmora Bridge Will Be Rebuilt By Spring", cases)
    assert {"e:brandt", "e:velmora"} <= set(entities)
    assert "e:bridge" not in entities and "e:says" not in entities


def test_similarity():
    a = "Bridge collapses in Velmora, three injured as cars plunge into river"
    b = "Velmora bridge collapse: rescuers search the river for missing drivers"
    c = "Kestria votes in tight presidential election as Anna Dravik leads polls"
    assert similarity(a, a) == pytest.approx(1.0)
    assert similarity(a, b) > 0.2 > similarity(a, c)
    idf = Idf.from_texts([a, b, c])
    assert similarity(a, b, idf) > similarity(a, c, idf)
    # a shared name counts beyond the shared word: the entity feature adds to the overlap
    d, e = "Dravik spoke on Monday to farmers", "Crowds heard Dravik speak in the capital"
    assert similarity(d, e, entity_weight=1.0) > similarity(d, e, entity_weight=0.0) > 0


# -- the clusterer --------------------------------------------------------------------------------------

T0 = 1_700_000_000.0
HOUR = 3600.0

BRIDGE = [
    "Bridge collapses in Velmora, three injured as cars plunge into river",
    "Velmora bridge collapse: rescuers search river for missing drivers",
    "Engineers warned of cracks months before Velmora bridge collapse",
    "Velmora mayor Ilse Brandt orders inquiry into bridge collapse",
]
ELECTION = [
    "Kestria votes in tight presidential election",
    "Anna Dravik leads early count in Kestria presidential election",
    "Kestria election: Dravik claims victory as opposition concedes",
    "Turnout in Kestria election highest in twenty years",
]
FESTIVAL = [
    "Port Elling harbour festival draws record crowds",
    "Tall ships arrive for Port Elling harbour festival",
    "Fireworks close Port Elling harbour festival after four days",
    "Port Elling festival organisers plan bigger harbour event next summer",
]


def _interleaved() -> list[tuple[str, str, str]]:
    """(doc id, event, text), the three events' headlines taking turns."""
    out = []
    for i in range(4):
        for event, texts in (("bridge", BRIDGE), ("election", ELECTION), ("festival", FESTIVAL)):
            out.append((f"{event}{i}", event, texts[i]))
    return out


def _stream(clusterer: StoryClusterer, docs, start: float = T0) -> list[str]:
    return [clusterer.add(doc_id, text, start + i * HOUR) for i, (doc_id, _, text) in enumerate(docs)]


def test_headlines_of_one_event_go_together_and_events_apart():
    docs = _interleaved()
    labels = _stream(StoryClusterer(), docs)
    by_event: dict[str, set[str]] = {}
    for (_, event, _), label in zip(docs, labels, strict=True):
        by_event.setdefault(event, set()).add(label)
    assert all(len(stories) == 1 for stories in by_event.values()), by_event
    assert len(set(labels)) == 3
    assert labels[:3] == ["s1", "s2", "s3"]


BRIDGE_TEXTS = [
    "The Old Mill bridge in Velmora collapsed on Tuesday morning, sending three cars into the Arden river. "
    "Fourteen people were taken to hospital, the fire service said.\n"
    "Mayor Ilse Brandt said engineers had inspected the bridge in March and found cracks in two piers. "
    "Divers searched the river through the afternoon for a missing driver.",
    "Divers resumed the search of the Arden river on Wednesday after the collapse of the Old Mill bridge in "
    "Velmora. Police said one driver was still missing and fourteen were in hospital.\n"
    "An inspection report seen by reporters shows engineers warned in March that cracks in the piers were "
    "spreading. Mayor Ilse Brandt has ordered an inquiry into the collapse.",
]
ELECTION_TEXTS = [
    "Voters in Kestria went to the polls on Sunday in a presidential election that surveys called too close "
    "to predict. Opposition leader Anna Dravik promised to cut fuel taxes and end the state of emergency.\n"
    "Polling stations in the capital, Orsk, reported long queues, and the electoral commission said turnout "
    "was the highest in twenty years.",
    "Anna Dravik claimed victory in Kestria's presidential election on Monday after the electoral commission "
    "published early results from the capital, Orsk, and three provinces.\n"
    "The governing party conceded late at night. Dravik told supporters she would lift the state of "
    "emergency within a week and cut fuel taxes before winter.",
]


def test_full_texts_of_one_event_go_together_and_events_apart():
    docs = [("b0", "bridge", BRIDGE_TEXTS[0]), ("e0", "election", ELECTION_TEXTS[0]),
            ("b1", "bridge", BRIDGE_TEXTS[1]), ("e1", "election", ELECTION_TEXTS[1])]
    labels = _stream(StoryClusterer(), docs)
    assert labels[0] == labels[2] and labels[1] == labels[3] and labels[0] != labels[1]


def test_a_reuse_link_puts_an_article_in_the_linked_story():
    # (no merging: the festival text the link put in the bridge story would let the two stories merge)
    clusterer = StoryClusterer(merge_threshold=2)
    labels = _stream(clusterer, _interleaved()[:6])
    festival_text = "Port Elling harbour festival opens with parade of tall ships"
    assert clusterer.add("plain", festival_text, T0 + 7 * HOUR) == labels[2]
    # the same festival text, said to copy the bridge story's first headline: the link wins
    assert clusterer.add("copy", festival_text, T0 + 8 * HOUR, links=["bridge0"]) == labels[0]
    assert clusterer.add("ghost", festival_text, T0 + 9 * HOUR, links=["never-seen"]) == labels[2]
    assert clusterer.stories()[labels[0]][-1] == "copy"


def test_a_story_quiet_for_longer_than_the_window_is_not_joined():
    clusterer = StoryClusterer(window_days=7, half_life_days=0)  # no decay: the window alone decides
    first = clusterer.add("b0", BRIDGE[0], T0)
    assert clusterer.add("b1", BRIDGE[1], T0 + 2 * HOUR) == first
    assert clusterer.add("b2", BRIDGE[2], T0 + 10 * 86400) != first  # ten days later: a new story
    assert clusterer.add("b3", BRIDGE[3], T0 + 10 * 86400 + HOUR) != first


def test_a_closed_story_drops_its_centroid_but_a_link_reopens_it(monkeypatch):
    monkeypatch.setattr(cluster, "PURGE_EVERY", 1)
    clusterer = StoryClusterer(window_days=7)
    first = clusterer.add("b0", BRIDGE[0], T0)
    clusterer.add("e0", ELECTION[0], T0 + 10 * 86400)  # the sweep after this closes the bridge story
    closed = clusterer.to_state()["stories"][0]
    assert closed["centroid"] == {} and closed["active"] is False and closed["docs"] == ["b0"]
    assert clusterer.add("b1", BRIDGE[1], T0 + 10 * 86400 + HOUR, links=["b0"]) == first
    assert clusterer.to_state()["stories"][0]["active"] is True
    assert clusterer.add("b2", BRIDGE[2], T0 + 10 * 86400 + 2 * HOUR) == first  # found again by its text


def test_time_decay_lowers_the_score_of_an_older_story():
    clusterer = StoryClusterer(half_life_days=1.0)
    clusterer.add("b0", BRIDGE[0], T0)
    vec = cluster.vector(*text_features(BRIDGE[2], {}), clusterer.idf, 1.0)
    story = clusterer._stories[0]
    fresh = clusterer.score(vec, story, T0)
    assert fresh > 0.1
    assert clusterer.score(vec, story, T0 + 2 * 86400) == pytest.approx(fresh / 4)  # two half-lives later


def test_an_id_seen_before_keeps_its_story():
    clusterer = StoryClusterer()
    first = clusterer.add("b0", BRIDGE[0], T0)
    clusterer.add("e0", ELECTION[0], T0 + HOUR)
    assert clusterer.add("b0", ELECTION[1], T0 + 2 * HOUR) == first
    assert len(clusterer) == 2


def test_state_round_trip_gives_identical_decisions(monkeypatch):
    monkeypatch.setattr(cluster, "PURGE_EVERY", 4)  # sweep the index often, so the sweeps are exercised too
    docs = _interleaved()[:11]
    original = StoryClusterer()
    _stream(original, docs)
    _stream(original, [(f"late-{d}", e, t) for d, e, t in docs], T0 + 20 * 86400)  # the first stories expire
    assert original.active_stories < len(original.stories())
    state = json.loads(json.dumps(original.to_state()))
    restored = StoryClusterer.from_state(state)
    assert restored.to_state() == state
    assert restored.stories() == original.stories()
    assert restored.active_stories == original.active_stories
    # the same stream again, a day on (the second stories still open), then ten days on (all closed)
    for n, start in enumerate((T0 + 21 * 86400, T0 + 31 * 86400)):
        more = [(f"more{n}-{d}", e, t) for d, e, t in docs]
        assert _stream(restored, more, start) == _stream(original, more, start)
        assert restored.active_stories == original.active_stories
    assert restored.to_state() == json.loads(json.dumps(original.to_state()))


def test_centroid_norm_stays_exact_through_updates_and_pruning():
    growing = StoryClusterer()
    _stream(growing, _interleaved())
    pruned = StoryClusterer(centroid_terms=20)
    for i, text in enumerate(BRIDGE_TEXTS * 3):
        pruned.add(f"b{i}", text + f" Update {i}.", T0 + i * HOUR)
    for clusterer in (growing, pruned):
        for story in clusterer.to_state()["stories"]:
            assert story["norm2"] == pytest.approx(sum(w * w for w in story["centroid"].values()))
            assert math.isfinite(story["norm2"])
    assert all(len(s["centroid"]) <= 40 for s in pruned.to_state()["stories"])


def test_mixing_in_recent_members_needs_them_kept():
    with pytest.raises(ValueError):
        StoryClusterer(centroid_share=0.5)
    clusterer = StoryClusterer(centroid_share=0.5, recent_members=2)
    labels = _stream(clusterer, _interleaved())
    assert len(set(labels)) == 3
    assert all(len(s["recent"]) <= 2 for s in clusterer.to_state()["stories"])


def test_undated_stories_are_closed_past_the_cap():
    """Undated articles never leave the time window; the cap keeps the index (and each article's cost) bounded,
    closing the oldest stories first."""
    clusterer = StoryClusterer(max_active=3)
    topics = ["harbour festival lanterns", "mountain pass avalanche", "copper mine strike", "river ferry sinking",
              "school roof collapse", "vineyard hail damage", "airport runway closure", "museum theft paintings",
              "stadium concert tickets", "lighthouse restoration grant"]
    ids = [clusterer.add(f"d{n}", topic) for n, topic in enumerate(topics)]
    assert len(set(ids)) == len(topics)
    assert clusterer.active_stories <= 6
    # the newest story is still open: a follow-up joins it; the oldest is closed: a follow-up starts anew
    assert clusterer.add("late", "lighthouse restoration grant approved") == ids[-1]
    assert clusterer.add("old", "harbour festival lanterns lit") != ids[0]


# -- idf over stories -----------------------------------------------------------------------------------


def _breaking_stream(by_story: bool) -> StoryClusterer:
    """Twelve headlines of one breaking story (all saying "Velmora" and "bridge"), among six unrelated stories
    that each say "new"."""
    clusterer = StoryClusterer(idf_by_story=by_story)
    others = ["New ferry route opens on Lake Orsk", "New stadium plans unveiled in Kestria",
              "Copper prices hit new high", "New museum wing opens to visitors in Port Elling",
              "Vineyards count new hail damage", "New airport runway delayed again"]
    for i in range(12):
        clusterer.add(f"b{i}", f"{BRIDGE[i % 4]} (update {i})", T0 + i * 60)
        if i % 2:
            clusterer.add(f"o{i}", others[i // 2], T0 + i * 60 + 30)
    return clusterer


def test_idf_over_stories_keeps_a_breaking_storys_words_heavy():
    by_articles, by_stories = _breaking_stream(False), _breaking_stream(True)
    # counted by articles, the story's own name weighs less than a word every other story uses in passing
    assert by_articles.idf.weight("e:velmora") < by_articles.idf.weight("new")
    # counted by stories, it weighs more: one story uses it, six use "new"
    assert by_stories.idf.weight("e:velmora") > by_stories.idf.weight("new")
    assert by_stories.idf.sf["e:velmora"] == 1 and by_stories.idf.stories == len(by_stories.stories())
    # a term counts once per story however often its articles repeat it
    assert by_stories.idf.sf["bridg"] == 1 and by_articles.idf.df["bridg"] == 12


def test_idf_over_stories_still_groups_the_interleaved_events():
    labels = _stream(StoryClusterer(idf_by_story=True), _interleaved())
    assert len(set(labels)) == 3 and labels[:3] == ["s1", "s2", "s3"]


def test_a_version_1_state_goes_on_with_the_article_idf():
    original = StoryClusterer(idf_by_story=False)
    docs = _interleaved()
    _stream(original, docs[:6])
    state = json.loads(json.dumps(original.to_state()))
    assert state["version"] == 4
    old = {**state, "version": 1, "params": {k: v for k, v in state["params"].items()
                                             if k not in ("idf_by_story", "merge_threshold", "merge_gap_days")}}
    old["idf"] = {k: v for k, v in state["idf"].items() if k in ("n", "df", "cases")}
    restored = StoryClusterer.from_state(old)
    assert restored.params.idf_by_story is False and restored.idf.by_story is False
    assert _stream(restored, docs[6:], T0 + 6 * HOUR) == _stream(original, docs[6:], T0 + 6 * HOUR)
    assert restored.params.merge_threshold > 1  # made before merges: goes on without them
    with pytest.raises(ValueError):
        StoryClusterer.from_state({**state, "version": 5})


def test_saved_state_keeps_centroids_of_open_stories_only():
    clusterer = StoryClusterer(window_days=7)  # the sweep runs every 500 articles; saving sweeps too
    clusterer.add("b0", BRIDGE[0], T0)
    clusterer.add("e0", ELECTION[0], T0 + 3 * 86400)
    clusterer.add("f0", FESTIVAL[0], T0 + 12 * 86400)
    saved = {s["docs"][0]: s for s in clusterer.to_state()["stories"]}
    assert saved["b0"]["centroid"] == {} and saved["e0"]["centroid"] == {}  # quiet for over 7 days
    assert saved["f0"]["centroid"] and saved["f0"]["active"]


TOLVEN = [  # two stories of one actor, then reports that join them: her film's festival premiere, her old series
    ("a1", "Mira Tolven wants a Harbour Lights reunion"),
    ("a2", "Mira Tolven says she would do another Harbour Lights film"),
    ("o1", "Central bank raises interest rates again"),
    ("b1", "Night Ferry review: raunchy comedy premieres at Calder festival"),
    ("b2", "Calder festival crowd cheers Night Ferry premiere"),
    ("x1", "Mira Tolven brings Night Ferry to Calder festival premiere"),
    ("x2", "Mira Tolven at Calder festival premiere of Night Ferry talks Harbour Lights reunion"),
    ("x3", "Night Ferry star Mira Tolven open to Harbour Lights reunion"),
]


def _tolven(clusterer: StoryClusterer, docs=TOLVEN, start: float = T0) -> list[str]:
    return [clusterer.add(doc_id, text, start + i * 600) for i, (doc_id, text) in enumerate(docs)]


def test_two_stories_that_turn_out_to_be_one_are_merged_into_the_older():
    clusterer = StoryClusterer()
    labels = _tolven(clusterer, TOLVEN[:7])
    assert labels[:5] == ["s1", "s1", "s2", "s3", "s3"] and labels[5] == labels[6] == "s3"
    assert clusterer.take_merges() == []
    saved = json.loads(json.dumps(clusterer.to_state()))
    assert clusterer.add("x3", TOLVEN[7][1], T0 + 7 * 600) == "s1"  # joins the one, and it takes in the other
    assert clusterer.take_merges() == [("s3", "s1")] and clusterer.take_merges() == []
    assert clusterer.story_of("b1") == "s1" and clusterer.current("s3") == "s1" and clusterer.current("s2") == "s2"
    assert set(clusterer.stories()) == {"s1", "s2"}
    assert sorted(clusterer.stories()["s1"]) == sorted(["a1", "a2", "b1", "b2", "x1", "x2", "x3"])
    # the saved stream makes the same merge, and a merge survives saving
    restored = StoryClusterer.from_state(saved)
    assert restored.add("x3", TOLVEN[7][1], T0 + 7 * 600) == "s1" and restored.story_of("b2") == "s1"
    again = StoryClusterer.from_state(json.loads(json.dumps(restored.to_state())))
    assert again.current("s3") == "s1" and again.stories() == restored.stories()
    assert again.add("later", "Calder festival crowd cheers Night Ferry premiere", T0 + 9 * 600) == "s1"
    # without merging the two stay apart
    assert _tolven(StoryClusterer(merge_threshold=2))[-1] in ("s1", "s3")
    apart = StoryClusterer(merge_threshold=2)
    _tolven(apart)
    assert set(apart.stories()) == {"s1", "s2", "s3"}


def test_stories_far_apart_in_time_are_not_merged():
    clusterer = StoryClusterer()
    first = _tolven(clusterer, TOLVEN[:2])
    later = _tolven(clusterer, TOLVEN[3:], T0 + 6 * cluster.DAY)  # within the window, but six half-lives later
    assert first[0] == "s1" and "s1" not in later
    assert clusterer.take_merges() == []


def test_a_story_quiet_before_the_other_began_is_not_merged_with_it():
    def stream(clusterer: StoryClusterer, days_later: float | None) -> list[str]:
        # the festival reports begin `days_later` after the reunion story's last report (None: undated)
        return [clusterer.add(doc_id, text, None if days_later is None else
                              T0 + i * 600 + (days_later * cluster.DAY if i >= 2 else 0))
                for i, (doc_id, text) in enumerate(TOLVEN)]

    # a merging bar low enough that the time-discounted cosine passes it half a day apart: the gap decides
    apart = StoryClusterer(merge_threshold=0.15)
    assert apart.params.merge_gap_days == 0.25
    assert stream(apart, 0.5)[-1] == "s3" and apart.take_merges() == []  # a follow-up, not a fragment
    assert set(apart.stories()) == {"s1", "s2", "s3"}
    for allowed in (StoryClusterer(merge_threshold=0.15, merge_gap_days=-1),
                    StoryClusterer(merge_threshold=0.15, merge_gap_days=1)):
        assert stream(allowed, 0.5)[-1] == "s1" and allowed.take_merges() == [("s3", "s1")]
    near = StoryClusterer(merge_threshold=0.15)  # some five hours apart: within the gap, merged
    assert stream(near, 0.2)[-1] == "s1" and near.take_merges() == [("s3", "s1")]
    undated = StoryClusterer(merge_threshold=0.15)  # without times nothing tells a follow-up: merged as before
    assert stream(undated, None)[-1] == "s1" and undated.take_merges() == [("s3", "s1")]


def test_a_version_3_state_goes_on_merging_across_any_gap():
    original = StoryClusterer(merge_threshold=0.15, merge_gap_days=-1)
    _tolven(original, TOLVEN[:2])
    state = json.loads(json.dumps(original.to_state()))
    old = {**state, "version": 3, "params": {k: v for k, v in state["params"].items() if k != "merge_gap_days"}}
    restored = StoryClusterer.from_state(old)
    assert restored.params.merge_gap_days < 0
    later = T0 + 0.5 * cluster.DAY
    assert _tolven(restored, TOLVEN[2:], later) == _tolven(original, TOLVEN[2:], later)
    assert restored.take_merges() == original.take_merges() == [("s3", "s1")]
    assert StoryClusterer.from_state(json.loads(json.dumps(restored.to_state()))).params.merge_gap_days < 0


def test_only_the_stories_sharing_most_probe_weight_are_scored():
    # a dozen unrelated stories that each mention the ferry; one of them shares the new article's rare names
    clusterer = StoryClusterer(max_candidates=3, merge_threshold=2.0)
    events = ["Arlow bakery wins national pastry award for its honey loaf, judges praise the crust",
              "Brenmoor school opens robotics laboratory funded by former pupils and local engineers",
              "Caskel farmers protest grain tariff outside regional assembly with tractors and banners",
              "Dunvey museum restores medieval tapestry after three years of careful conservation work",
              "Elsworth choir begins summer tour abroad, singing folk songs in eleven cathedrals",
              "Farrowgate bridge repainted green after residents vote against the old grey colour",
              "Glenhaddon library extends opening hours during exams as students demand quiet rooms",
              "Harlby cyclists finish charity ride raising money for children's hospital wards",
              "Istrow clinic hires six midwives to shorten waiting lists for expectant mothers",
              "Jemmerton orchard blossoms early as mild spring weather worries apple growers",
              "Kelbury harbour dredging begins so larger fishing boats can unload their catch",
              "Lossington zoo welcomes two otters rescued from polluted river estuary"]
    for i, event in enumerate(events):
        clusterer.add(f"f{i}", f"{event}, near the ferry.", T0 + i * 60)
    assert len(clusterer.stories()) == 12
    target = clusterer.add("q0", "Quillon Marsh lighthouse keeper rescues ferry passengers off Kelbury", T0 + HOUR)
    joined = clusterer.add("q1", "Quillon Marsh lighthouse keeper praised for ferry rescue", T0 + 2 * HOUR)
    assert joined == target  # the story sharing the rare names is among the few scored
    vec = cluster.vector(*text_features("winter ferry timetable for Quillon Marsh", clusterer.idf.cases),
                         clusterer.idf, 1.0)
    best, _, scored = clusterer._best(vec, T0 + 3 * HOUR)
    assert len(scored) == 3  # of the 13 stories sharing a probe term
    assert best is not None and best.id == target


def test_a_store_rewrites_only_the_stories_a_run_changed(tmp_path, monkeypatch):
    from newstrace.store import open_store
    from newstrace.stories.stage import STAGE

    monkeypatch.setattr(cluster, "PURGE_EVERY", 4)
    docs = _interleaved()[:9]  # three stories, three headlines each
    first = StoryClusterer()
    _stream(first, docs)
    state = first.to_state()
    changed = first.take_changed()
    assert changed == {1, 2, 3} and first.take_changed() == set()
    path = tmp_path / "stories.db"
    with open_store(str(path)) as store, store.transaction():
        store.save_stories(STAGE, [], state, (), changed)
    with open_store(str(path)) as store:
        resumed = StoryClusterer.from_state(store.story_state(STAGE))
        assert resumed.take_changed() == set()  # as saved
        bridge = resumed.story_of("bridge0")
        assert resumed.add("e-late", ELECTION[3], T0 + 10 * HOUR) == resumed.story_of("election0") != bridge
        _stream(resumed, [("quiet", "", "Lighthouse keeper retires")], T0 + 30 * 86400)  # the others close
        state = resumed.to_state()
        changed = resumed.take_changed()
        assert changed == {1, 2, 3, 4}
        # mark the stored row of one story the run did not change, then save: the mark stays
        store.conn.execute("UPDATE story_rows SET story = ' ' || story WHERE stage = ? AND n = 1", (STAGE,))
        with store.transaction():
            store.save_stories(STAGE, [], state, (), changed - {1})
        assert store.conn.execute("SELECT story FROM story_rows WHERE n = 1").fetchone()[0].startswith(" ")
        assert store.conn.execute("SELECT story FROM story_rows WHERE n = 2").fetchone()[0].startswith("{")
        loaded = store.story_state(STAGE)
    assert loaded["stories"][1:] == json.loads(json.dumps(state["stories"][1:]))
    assert {k: v for k, v in loaded.items() if k != "stories"} == json.loads(json.dumps(
        {k: v for k, v in state.items() if k != "stories"}))
