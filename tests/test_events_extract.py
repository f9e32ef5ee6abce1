"""Event mentions and their fields: ACLED types on sentences written for these tests, dates with ACLED's time
precision, the fatality rule, claim chains from the attribution stage, background sentences giving no event,
every field's span round-tripping on the demo corpus and the Derna pair, and the Derna mention's fields."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import fields, is_dataclass
from pathlib import Path
from typing import Any

import pytest

from conftest import DERNA, EXAMPLES
from newstrace.analyse.nlp import load_nlp
from newstrace.analyse.stage import analyse_text
from newstrace.analyse.stage import run as run_attribution
from newstrace.config import Settings
from newstrace.events.extract import extract_mentions
from newstrace.events.records import EventMention, Evidence
from newstrace.ingest.pipeline import ingest
from newstrace.records import Article, Origin, StoredAttribution
from newstrace.store import open_store


def article(text: str, published: str | None = "2024-05-10T09:00:00+00:00", id: str = "a1") -> Article:
    return Article(id=id, text=text, title=None, outlet=None, url=None, author=None, published=published,
                   language="en", analysed=True, skip_reason=None, format="text", origin=Origin("test"),
                   raw_hash=id)


def attributions(text: str) -> list[StoredAttribution]:
    """The attribution stage's rows for a text, as the store keeps them."""
    return [StoredAttribution(seq=0, n=n, cue=a.cue, source=a.source, canonical=a.canonical, kind=a.kind,
                              content=tuple(a.content), type=a.type, hedged=bool(a.hedged), parent=a.parent)
            for n, a in enumerate(analyse_text(text, load_nlp()))]


def mentions(text: str, published: str | None = "2024-05-10T09:00:00+00:00",
             with_attributions: bool = False) -> list[EventMention]:
    return extract_mentions(article(text, published), attributions(text) if with_attributions else [])


# -- types (sentences written for these tests; 2024-05-10 is a Friday) --------------------------------------

TYPED = [
    ("Hundreds of teachers marched through the capital on Wednesday to demand higher pay.",
     "Protests", "Peaceful protest"),
    ("Police fired tear gas on Wednesday to disperse students who were protesting outside the ministry.",
     "Protests", "Protest with intervention"),
    ("Security forces opened fire on demonstrators in the capital on Wednesday, killing three of them.",
     "Protests", "Excessive force against protesters"),
    ("Protesters threw stones at police and set tyres on fire in the city centre on Wednesday.",
     "Riots", "Violent demonstration"),
    ("A mob lynched a man accused of theft at the market on Wednesday.", "Riots", "Mob violence"),
    ("Government troops clashed with rebels near the border town of Kerel on Wednesday.", "Battles", "Armed clash"),
    ("Rebels captured the town of Kerel on Wednesday after two days of fighting with the army.",
     "Battles", "Non-state actor overtakes territory"),
    ("The army recaptured the town of Kerel from the rebels on Wednesday.", "Battles", "Government regains territory"),
    # control passing from one non-state group to another by force is a non-state actor overtaking territory
    ("A rival militia drove the Sarn Brigade out of the port city of Sarn on Wednesday after days of clashes.",
     "Battles", "Non-state actor overtakes territory"),
    ("Warplanes carried out airstrikes on a rebel base near Kerel on Wednesday.",
     "Explosions/Remote violence", "Air/drone strike"),
    ("Artillery shells hit residential areas of Kerel on Wednesday.",
     "Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("A roadside bomb exploded near a police patrol in Kerel on Wednesday.",
     "Explosions/Remote violence", "Remote explosive/landmine/IED"),
    ("A suicide bomber blew himself up at a checkpoint in Kerel on Wednesday.",
     "Explosions/Remote violence", "Suicide bomb"),
    ("Gunmen abducted three farmers from their village near Kerel on Wednesday.",
     "Violence against civilians", "Abduction/forced disappearance"),
    ("Unidentified gunmen shot dead a journalist outside his home in Kerel on Wednesday.",
     "Violence against civilians", "Attack"),
    ("Soldiers raped two women in a village near Kerel on Wednesday, residents said.",
     "Violence against civilians", "Sexual violence"),
    ("Police arrested an opposition leader at his home in the capital on Wednesday.",
     "Strategic developments", "Arrests"),
    ("Soldiers defused an improvised explosive device on the main road to Kerel on Wednesday.",
     "Strategic developments", "Disrupted weapons use"),
    ("Militants looted and burned shops in the market of Kerel on Wednesday.",
     "Strategic developments", "Looting/property destruction"),
    ("The government and the rebels signed a ceasefire agreement in the capital on Wednesday.",
     "Strategic developments", "Agreement"),
    ("The rebels set up a new base in the hills above Kerel on Wednesday.",
     "Strategic developments", "Headquarters or base established"),
    ("The rebels handed over the town of Kerel to the army peacefully on Wednesday.",
     "Strategic developments", "Non-violent transfer of territory"),
    ("The army deployed hundreds of troops to the border town of Kerel on Wednesday.",
     "Strategic developments", "Change to group/activity"),
    ("Thousands of villagers were displaced from their homes around Kerel on Wednesday.",
     "Strategic developments", "Other"),
]


@pytest.mark.parametrize(("text", "event_type", "sub_event_type"), TYPED, ids=[t[2] for t in TYPED])
def test_events_extract_types_follow_the_codebook(text: str, event_type: str, sub_event_type: str) -> None:
    [mention] = mentions(text)
    assert (mention.event_type, mention.sub_event_type) == (event_type, sub_event_type)
    assert mention.date is not None and mention.date.event_date == "2024-05-08"


@pytest.mark.parametrize("text", [
    "The group has long been active in the hill country, where it has repeatedly attacked army posts.",
    "Last year, the rebels pushed the army out of Kerel.",
    "The rebels will attack the town if talks fail, a spokesman warned.",
    "The army did not capture the town.",
    "Kerel has been ravaged by fighting since 2014.",
    "Families marched in 2019 to remember the victims of the massacre.",
])
def test_events_extract_background_sentences_give_no_mention(text: str) -> None:
    assert mentions(text) == []


def test_events_extract_protest_about_a_killing_is_a_protest_without_deaths() -> None:
    [mention] = mentions("On Wednesday, relatives of a man who was killed by police last month protested "
                         "outside the court to demand justice.")
    assert (mention.event_type, mention.sub_event_type) == ("Protests", "Peaceful protest")
    assert mention.fatality_count == 0 and mention.fatalities == ()
    assert mention.actor1 is not None and mention.actor1.inter == 6


# -- dates ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("words", "published", "start", "end", "day", "precision"), [
    ("on Wednesday", "2024-05-10T09:00:00+00:00", "2024-05-08", "2024-05-08", "2024-05-08", 1),
    ("yesterday", "2024-05-10", "2024-05-09", "2024-05-09", "2024-05-09", 1),
    ("on 3 May", "2024-05-10", "2024-05-03", "2024-05-03", "2024-05-03", 1),
    ("on 3 May 2022", None, "2022-05-03", "2022-05-03", "2022-05-03", 1),
    ("around 3 May 2022", None, "2022-05-03", "2022-05-03", "2022-05-03", 2),
    ("earlier this week", "2024-05-10", "2024-05-06", "2024-05-10", "2024-05-08", 2),
    ("last week", "2024-05-10", "2024-04-29", "2024-05-05", "2024-05-02", 2),
    ("in early April", "2024-05-10", "2024-04-01", "2024-04-30", "2024-04-01", 3),
    ("in March 2022", None, "2022-03-01", "2022-03-31", "2022-03-16", 3),
])
def test_events_extract_dates_carry_acled_precision(words: str, published: str | None, start: str, end: str,
                                                    day: str, precision: int) -> None:
    [mention] = mentions(f"Government troops clashed with rebels near Kerel {words}.", published)
    assert mention.date is not None
    assert (mention.date.start, mention.date.end, mention.date.event_date, mention.date.precision) == \
        (start, end, day, precision)
    assert mention.date.relative is None and mention.date.evidence is not None


def test_events_extract_date_stays_relative_without_publication_time() -> None:
    [mention] = mentions("Government troops clashed with rebels near Kerel earlier this week.", published=None)
    date = mention.date
    assert date is not None and date.start is None and date.event_date is None
    assert date.relative == "earlier this week" and date.precision == 2
    assert date.reason is not None and "no publication time" in date.reason


def test_events_extract_date_of_a_statement_is_not_the_event_date() -> None:
    [mention] = mentions("The army said on Thursday that it had recaptured the town of Kerel.")
    assert mention.sub_event_type == "Government regains territory"
    assert mention.date is None  # Thursday is when the army spoke, not when the town changed hands


# -- fatalities ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "count"), [
    ("Dozens of people were killed when rebels attacked the town of Kerel on Wednesday.", 12),
    ("Tens of soldiers were killed when rebels attacked a base near Kerel on Wednesday.", 10),
    ("Hundreds of people died when artillery shelled Kerel on Wednesday.", 100),
    ("At least five fighters and six civilians were killed in clashes near Kerel on Wednesday.", 11),
    ("Between 35 and 45 militants were killed in clashes with the army near Kerel on Wednesday.", 35),
    ("Gunmen shot dead a 60-year-old farmer near Kerel on Wednesday.", 1),
    ("Rebels attacked an army post near Kerel on Wednesday. Seven soldiers were wounded.", 0),
    ("Rebels attacked an army post near Kerel on Wednesday. There were no casualties.", 0),
])
def test_events_extract_fatalities_follow_the_rule(text: str, count: int) -> None:
    [mention] = mentions(text)
    assert mention.fatality_count == count


def test_events_extract_fatalities_keep_every_figure_and_count_the_lowest() -> None:
    text = ("Government troops clashed with rebels in Kerel on Wednesday. Officials said 14 people were killed in "
            "the fighting. The rebels said 20 people died.")
    [mention] = mentions(text)
    assert sorted(f.count for f in mention.fatalities) == [14, 20]
    assert mention.fatality_count == 14
    for figure in mention.fatalities:
        assert figure.evidence.quote == text[figure.evidence.span[0]:figure.evidence.span[1]]


def test_events_extract_fatalities_add_up_the_groups_of_one_report() -> None:
    [mention] = mentions("Rebels attacked an army base near Kerel on Wednesday. Three soldiers were killed and "
                         "the rebels sustained 2 fatalities.")
    assert mention.fatality_count == 5


# -- claim chains --------------------------------------------------------------------------------------------


def test_events_extract_chain_follows_the_attributions() -> None:
    text = ("Rebels drove the army out of the town of Kerel on Wednesday. At least five soldiers were killed in "
            "the clashes, Colonel Anna Berg told the Daily Post. The rebels' claims could not be independently "
            "verified.")
    [mention] = mentions(text, with_attributions=True)
    [figure] = mention.fatalities
    assert figure.count == 5
    speaker, channel = figure.evidence.chain
    assert "Anna Berg" in speaker and channel == "Daily Post"
    assert mention.type_evidence.chain == ()  # the article says it in its own voice


def test_events_extract_hedge_on_the_speakers_claims() -> None:
    text = ("Ali Haddad, a spokesman for the Kerel Brigade, said the group had captured the town of Kerel on "
            "Wednesday, according to the BBC. The Kerel Brigade's claim could not be independently verified.")
    [mention] = mentions(text, with_attributions=True)
    assert mention.sub_event_type == "Non-state actor overtakes territory"
    assert mention.type_evidence.chain == ("Ali Haddad", "BBC")
    assert mention.type_evidence.hedges == ("could not be independently verified",)


def test_events_extract_refuses_a_parse_of_another_text() -> None:
    doc = load_nlp()("Another text.")
    with pytest.raises(ValueError, match="a1: the parse given is of another text"):
        extract_mentions(article("Rebels attacked Kerel on Wednesday."), [], doc=doc)


# -- the demo corpus and the Derna pair ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Article, list[StoredAttribution]]]:
    """Every article of the demo corpus and the Derna pair, ingested and attributed as the pipeline does."""
    paths = [str(EXAMPLES)] + ([str(DERNA)] if DERNA.is_dir() else [])
    settings = Settings(db=str(tmp_path_factory.mktemp("events") / "store.db"), workers=1)
    store = open_store(settings.db)
    try:
        ingest(paths, store, settings)
        articles = [a for a in store.iter_articles() if a.analysed]
        run_attribution(store, [a.id for a in articles], settings)
        rows: dict[int, list[StoredAttribution]] = {}
        for row in store.attributions_of([a.seq for a in articles]):
            rows.setdefault(row.seq, []).append(row)
        return [(a, rows.get(a.seq, [])) for a in articles]
    finally:
        store.close()


def _evidence(value: Any) -> Iterator[Evidence]:
    if isinstance(value, Evidence):
        yield value
    elif is_dataclass(value):
        for f in fields(value):
            yield from _evidence(getattr(value, f.name))
    elif isinstance(value, tuple):
        for item in value:
            yield from _evidence(item)


def test_events_extract_every_span_round_trips(corpus: list[tuple[Article, list[StoredAttribution]]]) -> None:
    checked = 0
    for art, rows in corpus:
        for mention in extract_mentions(art, rows):
            assert mention.article_id == art.id
            for evidence in _evidence(mention):
                a, b = evidence.span
                assert 0 <= a < b <= len(art.text)
                assert evidence.quote == art.text[a:b], (art.id, evidence)
                assert evidence.article_id == art.id
                checked += 1
            assert mention.span == mention.sentences[0]
    assert checked > 50


def _derna(corpus: list[tuple[Article, list[StoredAttribution]]], prefix: str) -> tuple[Article, list[EventMention]]:
    if not DERNA.is_dir():
        pytest.skip("../shared/examples/derna is not beside the project (tests that need ../shared skip)")
    wanted = next(DERNA.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")
    art, rows = next((a, r) for a, r in corpus if a.text[:60] in wanted)
    return art, extract_mentions(art, rows)


def _the_takeover(found: list[EventMention]) -> EventMention:
    takeovers = [m for m in found if m.sub_event_type == "Non-state actor overtakes territory"
                 and m.actor2 is not None and "Islamic State" in m.actor2.name]
    assert takeovers, [(m.sub_event_type, m.actor2) for m in found]
    return takeovers[0]


def test_events_extract_derna_rewrite(corpus: list[tuple[Article, list[StoredAttribution]]]) -> None:
    art, found = _derna(corpus, "000")
    mention = _the_takeover(found)
    assert mention.event_type == "Battles"
    assert mention.actor1 is not None and "Mujahideen Shura Council" in mention.actor1.name
    assert mention.actor1.inter == 2 and mention.actor2 is not None and mention.actor2.inter == 2
    assert mention.interaction == 22
    # no publication date: the date stays as written, and says why
    assert mention.date is not None and mention.date.start is None
    assert mention.date.relative is not None and "Wednesday" in mention.date.relative
    assert mention.date.reason is not None and "no publication time" in mention.date.reason
    # the casualty claim, through the MSC spokesman and the BBC, with the BBC's caveat
    [figure] = mention.fatalities
    assert figure.count == 11 and figure.evidence.quote.startswith("At least five MSC fighters and six civilians")
    assert figure.evidence.chain == ("Hafeth al-Dabaa", "BBC")
    assert "could not be independently verified" in figure.evidence.hedges
    # background (history, analysis) gives no event
    told = [art.text[a:b] for m in found for a, b in m.sentences]
    for background in ("Last year, the MSC pushed", "“Derna has seen a three-way conflict", "“Since 2014",
                       "“A new UN-brokered", "ISIS “established a base", "“Airstrikes by the Libyan Army",
                       "The MSC is an alliance", "Earlier this month, Gen. David Rodriguez"):
        assert not any(s.startswith(background) for s in told), background


def test_events_extract_derna_long_war_journal(corpus: list[tuple[Article, list[StoredAttribution]]]) -> None:
    art, found = _derna(corpus, "002")
    mention = _the_takeover(found)
    assert mention.event_type == "Battles"
    assert mention.date is not None and mention.date.start is None
    assert mention.date.relative == "earlier this week"
    assert mention.date.reason is not None and "no publication time" in mention.date.reason
    told = [art.text[a:b] for m in found for a, b in m.sentences]
    assert not any(s.startswith("The MSC pushed the Islamic State’s Libyan branch out") for s in told)


def test_events_extract_demo_lead_event(corpus: list[tuple[Article, list[StoredAttribution]]]) -> None:
    art = next(a for a, _ in corpus if a.outlet == "Coastal Press Agency")
    rows = next(r for a, r in corpus if a.id == art.id)
    mention = extract_mentions(art, rows)[0]
    assert (mention.event_type, mention.sub_event_type) == ("Battles", "Armed clash")
    assert mention.date is not None and mention.date.event_date == "2026-03-12" and mention.date.precision == 1
    assert mention.fatality_count == 14
    assert {mention.actor1.inter if mention.actor1 else 0, mention.actor2.inter if mention.actor2 else 0} == {1, 2}


def test_events_extract_fixture_paths_exist() -> None:
    assert isinstance(EXAMPLES, Path) and EXAMPLES.is_dir()
