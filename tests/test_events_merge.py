"""Merging event mentions into events: one event per happening whoever reports it, copies and relays of one
claim counted as one source, discrepancies only between independent sources, stable ids, and an incremental
merge that gives what a full one gives. All mentions are built by hand (invented places and outlets)."""

from __future__ import annotations

import random

import pytest

from newstrace.events.merge import (
    JOIN,
    MentionIndex,
    affected,
    event_id,
    link,
    merge_mentions,
    profile,
    window,
)
from newstrace.events.records import (
    Actor,
    Event,
    EventDate,
    EventMention,
    EventType,
    Evidence,
    FatalityFigure,
    Place,
)
from newstrace.events.sources import ReuseGraph, claimant_key

# Two towns 60 km apart in an invented country, and a quarter of the first.
TOWNS = {
    "Kessa": (10.00, 20.00, None),
    "Old Market": (10.01, 20.01, "Kessa"),
    "Varo": (10.55, 20.00, None),
}


def _ev(article: str, quote: str = "", chain: tuple[str, ...] = ()) -> Evidence:
    return Evidence(article, (0, len(quote)), quote, chain)


def mention(article: str, *, day: str | None = "2024-03-12", end: str | None = None, precision: int = 1,
            town: str | None = "Kessa", actor1: str = "Northern Ridge Front", actor2: str | None = "Army of Kessaland",
            kind: EventType = "Battles", sub: str = "Armed clash", deaths: tuple[int, ...] = (),
            outlet: str | None = None, published: str | None = "2024-03-12T10:00:00+00:00", text: str = "",
            headline: str = "", span: tuple[int, int] = (0, 80), chain: tuple[str, ...] = (),
            toll_quote: str | None = None) -> EventMention:
    words = text or "fighting"
    place = None
    if town is not None:
        lat, lon, area = TOWNS[town]
        place = Place(town, "Kessaland", None, area, lat, lon, 1, "user", _ev(article, town))
    return EventMention(
        article_id=article, span=span, event_type=kind, sub_event_type=sub,
        type_evidence=_ev(article, words, chain),
        date=EventDate(day, end or day, precision, None if day else "last week", None if day else "no date",
                       _ev(article, day or "last week")),
        actor1=Actor(actor1, 2, (), _ev(article, actor1)),
        actor2=Actor(actor2, 1, (), _ev(article, actor2)) if actor2 else None,
        place=place,
        fatalities=tuple(FatalityFigure(n, None, _ev(article, toll_quote or f"{n} killed", chain)) for n in deaths),
        outlet=outlet, published=published, text=text, headline=headline)


def by_articles(events: list[Event]) -> list[list[str]]:
    return sorted(sorted({m.article_id for m in e.mentions}) for e in events)


# -- one event, however many reports ------------------------------------------------------------------------------

def test_merge_two_outlets_same_event_different_wording_is_one_event_with_two_sources() -> None:
    a = mention("a1", outlet="Valley Times", deaths=(14,),
                text="At least 14 fighters died when the Front clashed with the army in Kessa on Tuesday.")
    b = mention("b1", outlet="Coastal Press Agency", published="2024-03-12T15:00:00+00:00", deaths=(14,),
                text="Clashes between army units and Front militants left fourteen dead in Kessa, officials said.")
    events = merge_mentions([a, b], {})
    assert len(events) == 1
    assert events[0].n_reports == 2
    assert events[0].sources == [["a1"], ["b1"]]
    assert events[0].n_independent_sources == 2
    assert events[0].discrepancies == []


def test_merge_copy_is_one_source_and_two_reports() -> None:
    original = mention("orig", outlet="Valley Times", deaths=(14,), text="Fourteen died in Kessa clashes.")
    copy = mention("copy", outlet="Daily Reprint", published="2024-03-12T18:00:00+00:00", deaths=(14,),
                   text="Fourteen died in Kessa clashes.")
    events = merge_mentions([copy, original], {"copy": ["orig"]})
    assert len(events) == 1
    assert events[0].n_reports == 2
    assert events[0].sources == [["orig", "copy"]]  # the origin first
    assert events[0].n_independent_sources == 1


def test_merge_copies_of_copies_and_unknown_direction_are_one_source() -> None:
    first = mention("first", outlet="Valley Times", published="2024-03-12T11:00:00+00:00")
    second = mention("second", outlet="Daily Reprint", published="2024-03-12T09:00:00+00:00")
    third = mention("third", outlet="Weekly Mirror", published="2024-03-13T09:00:00+00:00")
    # third copies second, which copies first; first and second list each other (direction unknown)
    events = merge_mentions([first, second, third],
                            {"third": ["second"], "second": ["first"], "first": ["second"]})
    assert len(events) == 1
    assert len(events[0].sources) == 1
    assert events[0].sources[0][0] == "second"  # no member takes from nobody: the earliest published is origin
    assert set(events[0].sources[0]) == {"first", "second", "third"}


def test_merge_relay_of_same_claimant_is_one_source() -> None:
    a = mention("a", outlet="Valley Times", chain=("Amaq",), text="Amaq said its fighters stormed Kessa.")
    b = mention("b", outlet="Coastal Press Agency", chain=("Amaq", "Reuters"),
                published="2024-03-12T12:00:00+00:00", text="The group claimed the raid on Kessa, Reuters said.")
    own_voice = mention("c", outlet="Weekly Mirror", published="2024-03-12T13:00:00+00:00")
    [event] = merge_mentions([b, own_voice, a], {})
    assert event.sources == [["a", "b"], ["c"]]  # both relay Amaq: one source, the earliest first
    assert event.n_reports == 3


def test_merge_relay_through_another_reports_outlet_is_in_its_group() -> None:
    bbc = mention("bbc", outlet="BBC News", published="2024-03-12T12:00:00+00:00")
    relay = mention("relay", outlet="Valley Times", chain=("police", "BBC News"),
                    published="2024-03-12T11:00:00+00:00")  # says "police told BBC News", dated earlier
    events = merge_mentions([relay, bbc], {})
    assert events[0].sources == [["bbc", "relay"]]  # the relay takes from the BBC, so the BBC is the origin


def test_merge_relay_of_an_outlet_with_two_reports_joins_one_of_them() -> None:
    first = mention("afp1", outlet="Agence France Presse", published="2024-03-12T09:00:00+00:00")
    second = mention("afp2", outlet="Agence France Presse", published="2024-03-12T16:00:00+00:00")
    relay = mention("relay", outlet="Valley Times", chain=("Agence France Presse",),
                    published="2024-03-12T18:00:00+00:00")
    [event] = merge_mentions([relay, second, first], {})
    assert event.sources == [["afp1", "relay"], ["afp2"]]  # two independent AFP reports stay two sources


def test_merge_a_copy_with_errors_does_not_change_the_event() -> None:
    # a and b are one event (a day apart); a sloppy copy of a with the day wrong again, two days from b, would
    # be incompatible with b: copies repeat a report, so they do not take part in deciding the event
    a = mention("a", day="2024-03-12", outlet="Valley Times", deaths=(6,), published="2024-03-13T08:00:00+00:00")
    b = mention("b", day="2024-03-11", outlet="Coastal Press Agency", deaths=(6,),
                published="2024-03-13T09:00:00+00:00")
    sloppy = mention("copy", day="2024-03-13", outlet="Daily Reprint", deaths=(60,),
                     published="2024-03-13T20:00:00+00:00")
    assert link(profile(sloppy), profile(b), ReuseGraph({})) is None
    before = merge_mentions([a, b], {})
    [event] = merge_mentions([a, b, sloppy], {"copy": ["a"]})
    assert [e.id for e in before] == [event.id]
    assert event.sources == [["a", "copy"], ["b"]]
    assert event.fatalities == 6 and [d.kind for d in event.discrepancies] == [
        d.kind for d in before[0].discrepancies]


def test_merge_generic_claimants_are_not_one_source() -> None:
    a = mention("a", outlet="Valley Times", chain=("witnesses",))
    b = mention("b", outlet="Coastal Press Agency", chain=("Witnesses",))
    c = mention("c", outlet="Weekly Mirror", chain=("a police officer",))
    events = merge_mentions([a, b, c], {})
    assert len(events) == 1
    assert events[0].n_independent_sources == 3
    assert claimant_key("Police") is None and claimant_key("Kessa Red Crescent") == "kessa red crescent"


# -- different events -------------------------------------------------------------------------------------------

def test_merge_different_days_or_places_are_different_events() -> None:
    base = mention("a")
    two_days_later = mention("b", day="2024-03-14")
    elsewhere = mention("c", town="Varo")
    other_country = EventMention(**{**base.__dict__, "article_id": "d",
                                    "place": Place("Kessa", "Elsewhere", None, None, 10.0, 20.0, 1, "user",
                                                   _ev("d", "Kessa"))})
    events = merge_mentions([base, two_days_later, elsewhere, other_country], {})
    assert by_articles(events) == [["a"], ["b"], ["c"], ["d"]]


def test_merge_quarter_and_its_town_are_one_place_but_two_quarters_are_not() -> None:
    town = mention("a")
    quarter = mention("b", town="Old Market")
    events = merge_mentions([town, quarter], {})
    assert by_articles(events) == [["a", "b"]]


def test_merge_listed_incidents_of_one_article_stay_apart() -> None:
    first = mention("report", span=(0, 60), text="On 12 March soldiers beat a trader in Kessa.")
    second = mention("report", span=(61, 130), text="The same day a student was shot at a Kessa checkpoint.")
    assert len(merge_mentions([first, second], {})) == 2
    # a headline and a lead that say the same thing, or overlapping spans, are one event
    lead = mention("report", span=(131, 200), text="On 12 March soldiers beat a trader in Kessa, witnesses said.")
    overlapping = mention("report", span=(10, 70), text="soldiers beat a trader in Kessa")
    events = merge_mentions([first, lead, overlapping], {})
    assert by_articles(events) == [["report"]]
    assert len(events[0].mentions) == 3


def test_merge_does_not_snowball_along_a_chain() -> None:
    # A~B and B~C (a day apart each), but A and C are two days apart: never one event
    a = mention("a", day="2024-03-11", deaths=(5,), text="Five killed in Kessa fighting.")
    b = mention("b", day="2024-03-12", deaths=(5,), text="Five killed in Kessa fighting.")
    c = mention("c", day="2024-03-13", deaths=(5,), text="Five killed in Kessa fighting.")
    ga, gb, gc = (profile(m) for m in (a, b, c))
    graph = ReuseGraph({})
    assert (link(ga, gb, graph) or 0) >= JOIN and (link(gb, gc, graph) or 0) >= JOIN
    assert link(ga, gc, graph) is None
    events = merge_mentions([a, b, c], {})
    assert len(events) == 2
    assert ["a", "b", "c"] not in by_articles(events)


def test_merge_does_not_snowball_across_places() -> None:
    # a report placed only "near Kessa" on a coarse point between two towns joins one town's event, not both
    here = mention("here")
    there = mention("there", town="Varo")
    between = EventMention(**{**mention("between").__dict__,
                              "place": Place("the Kessa-Varo road", "Kessaland", None, None, 10.27, 20.0, 2,
                                             "user", _ev("between", "the Kessa-Varo road"))})
    events = merge_mentions([here, there, between], {})
    assert all(not {"here", "there"} <= set(articles) for articles in by_articles(events))


# -- discrepancies, updates and the toll --------------------------------------------------------------------------

def test_merge_later_larger_toll_given_as_news_is_an_update() -> None:
    first = mention("a", outlet="Valley Times", deaths=(14,), published="2024-03-12T08:00:00+00:00")
    later = mention("b", outlet="Coastal Press Agency", deaths=(19,), published="2024-03-12T20:00:00+00:00",
                    toll_quote="the toll has risen to 19", text="The toll has risen to 19, officials said.")
    [event] = merge_mentions([later, first], {})
    [found] = event.discrepancies
    assert (found.field, found.kind, found.update) == ("fatalities", "number_updated", True)
    assert "an update, not a conflict" in found.explanation
    assert found.values == (("a", "14 killed"), ("b", "the toll has risen to 19"))
    assert event.fatalities == 19  # the update replaces the earlier figure
    assert event.fatality_figure is not None and event.fatality_figure.evidence.article_id == "b"


def test_merge_differing_tolls_without_update_are_a_conflict_and_the_lowest_wins() -> None:
    first = mention("a", outlet="Valley Times", deaths=(14,), published="2024-03-12T08:00:00+00:00")
    later = mention("b", outlet="Coastal Press Agency", deaths=(19,), published="2024-03-12T20:00:00+00:00")
    [event] = merge_mentions([first, later], {})
    [found] = event.discrepancies
    assert (found.kind, found.update) == ("number_changed", False)
    assert "with no word of an update" in found.explanation
    assert event.fatalities == 14  # ACLED: the most conservative figure


def test_merge_copy_repeating_or_changing_a_figure_is_no_conflict() -> None:
    original = mention("orig", outlet="Valley Times", deaths=(14,), published="2024-03-12T08:00:00+00:00")
    sloppy = mention("copy", outlet="Daily Reprint", deaths=(41,), published="2024-03-12T20:00:00+00:00",
                     day="2024-03-13")  # a copy with a wrong toll and a wrong day
    [event] = merge_mentions([original, sloppy], {"copy": ["orig"]})
    assert event.discrepancies == []
    assert event.fatalities == 14


def test_merge_independent_dates_that_differ_are_a_discrepancy() -> None:
    a = mention("a", outlet="Valley Times", deaths=(3,), published="2024-03-13T08:00:00+00:00")
    b = mention("b", outlet="Coastal Press Agency", day="2024-03-13", deaths=(3,),
                published="2024-03-13T09:00:00+00:00")
    [event] = merge_mentions([a, b], {})
    assert [(d.field, d.kind) for d in event.discrepancies] == [("date", "date_changed")]


# -- ids, order, incremental use --------------------------------------------------------------------------------

def _scene(seed: int, n: int = 60) -> list[EventMention]:
    """Reports of invented events: several outlets per event, over a few days and the three places."""
    rng = random.Random(seed)
    out = []
    for k in range(n):
        event = rng.randrange(n // 3)
        day = f"2024-03-{10 + event % 6:02d}"
        town = ("Kessa", "Varo", "Old Market")[event % 3]
        out.append(mention(f"art{k:03d}", day=day, town=town, deaths=(event % 4 + 1,) if event % 2 else (),
                           actor1=("Northern Ridge Front", "River Guard")[event % 2],
                           published=f"2024-03-{16 + rng.randrange(3)}T{rng.randrange(24):02d}:00:00+00:00",
                           outlet=f"Outlet {rng.randrange(5)}", text=f"Report {event} of fighting in {town}."))
    return out


def _shape(events: list[Event]) -> list[tuple[str, list[tuple[str, tuple[int, int]]], list[list[str]]]]:
    return [(e.id, [(m.article_id, m.span) for m in e.mentions], e.sources) for e in events]


def test_merge_is_deterministic_and_independent_of_input_order() -> None:
    mentions = _scene(1)
    reuse = {"art005": ["art001"], "art010": ["art005"]}
    expected = _shape(merge_mentions(mentions, reuse))
    for seed in range(5):
        shuffled = list(mentions)
        random.Random(seed).shuffle(shuffled)
        assert _shape(merge_mentions(shuffled, reuse)) == expected
    assert len({e[0] for e in expected}) == len(expected)  # ids are unique


def test_merge_ids_stay_when_later_reports_join() -> None:
    a = mention("a", published="2024-03-12T08:00:00+00:00")
    b = mention("b", published="2024-03-12T09:00:00+00:00")
    [before] = merge_mentions([a, b], {})
    c = mention("c", published="2024-03-13T09:00:00+00:00")
    [after] = merge_mentions([a, b, c], {})
    assert after.id == before.id == event_id([a, b])
    earlier = mention("z", published="2024-03-12T07:00:00+00:00")
    [changed] = merge_mentions([a, b, earlier], {})
    assert changed.id != before.id  # an earlier report takes over the id (the documented rule)


def test_merge_windows_meet_for_every_mergeable_pair() -> None:
    mentions = _scene(2) + [mention("undated", day=None, published=None), mention("vague", day=None)]
    graph = ReuseGraph({})
    for a in mentions:
        for b in mentions:
            if link(profile(a), profile(b), graph) is not None:
                assert window(a).meets(window(b)), (a.article_id, b.article_id)


@pytest.mark.parametrize("seed", [3, 4, 5])
def test_merge_incremental_gives_the_full_merge(seed: int) -> None:
    mentions = _scene(seed, 90)
    rng = random.Random(seed)
    new = rng.sample(mentions, 12)
    stored = [m for m in mentions if m not in new]
    reuse = {"art007": ["art003"]}
    full = merge_mentions(mentions, reuse)
    before = merge_mentions(stored, reuse)
    again = affected(new, MentionIndex(stored).near, reuse)
    assert set(map(id, new)) <= set(map(id, again))
    redone = merge_mentions(again, reuse)
    touched = {(m.article_id, m.span) for m in again}
    kept = [e for e in before if not {(m.article_id, m.span) for m in e.mentions} & touched]
    assert sorted(_shape(kept + redone)) == sorted(_shape(full))
    assert len(again) < len(mentions)  # only a neighbourhood is merged again


# -- bad input ------------------------------------------------------------------------------------------------------

def test_merge_bad_input_is_refused_with_the_mention_named() -> None:
    with pytest.raises(ValueError, match=r"mention a \[5, 2\]"):
        merge_mentions([mention("a", span=(5, 2))], {})
    with pytest.raises(ValueError, match="not an ISO date"):
        merge_mentions([mention("a", day="12 March")], {})
    with pytest.raises(ValueError, match="collection of article ids"):
        merge_mentions([mention("a")], {"a": "b"})
