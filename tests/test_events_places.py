"""Place resolution for events: the offline gazetteer, country from context, unknown places and a user's CSV."""

from __future__ import annotations

from pathlib import Path

import pytest

from newstrace.config import load_settings
from newstrace.errors import Code, NewstraceError
from newstrace.events.gazetteer import Gazetteer, clean_admin, normalise
from newstrace.events.places import locate
from newstrace.events.records import Place
from newstrace.text.tokens import sentences

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


def place_in(gazetteer: Gazetteer, text: str, sentence: str | None = None) -> Place:
    """The place of `sentence` (a substring of `text`; the whole text when None), checked to round-trip."""
    start = text.index(sentence) if sentence else 0
    span = (start, start + len(sentence)) if sentence else (0, len(text))
    place = locate("a1", text, span, gazetteer)
    assert place is not None, text
    assert_round_trips(text, place)
    return place


def assert_round_trips(text: str, place: Place) -> None:
    for evidence in (place.evidence, place.country_evidence, place.anchor):
        if evidence is not None:
            assert text[evidence.span[0]:evidence.span[1]] == evidence.quote
            assert evidence.article_id == "a1"
    assert place.name == place.evidence.quote


# -- country from context -------------------------------------------------------------------------------------

def test_events_places_derna_is_libyan_in_the_lwj_report(gazetteer: Gazetteer, derna_dir: Path) -> None:
    text = next(derna_dir.glob("002_*.txt")).read_text(encoding="utf-8")
    located = []
    for start, end in sentences(text):
        if "Derna" in text[start:end]:
            place = locate("a1", text, (start, end), gazetteer)
            assert place is not None
            assert_round_trips(text, place)
            located.append(place)
    derna = [p for p in located if p.name == "Derna"]
    assert len(derna) >= 5
    assert {p.country_code for p in derna} == {"LY"}
    assert {p.gazetteer_name for p in derna} == {"Darnah"}
    assert all(abs(p.latitude - 32.77) < 0.1 and abs(p.longitude - 22.64) < 0.1 for p in derna if p.latitude)
    # "retreated from [Al Fatayih] area, near the coastal city of Derna": an unknown place near a known town
    fatayih = [p for p in located if p.name == "Al Fatayih" and p.anchor is not None]
    assert fatayih and fatayih[0].source == "none" and fatayih[0].geo_precision == 2
    assert fatayih[0].country_code == "LY" and fatayih[0].anchor.quote == "Derna"


def test_events_places_context_decides_between_namesakes(gazetteer: Gazetteer) -> None:
    libya = place_in(gazetteer, "Gunmen attacked a checkpoint in Derna on Tuesday, the Libyan National Army said.")
    assert (libya.name, libya.country_code, libya.gazetteer_name) == ("Derna", "LY", "Darnah")
    assert libya.country_evidence is not None and libya.country_evidence.quote == "Libyan"
    romania = place_in(gazetteer, "Farmers blocked the road in Derna, a village in Bihor county, Romania, on Monday.")
    assert (romania.name, romania.country_code, romania.admin1) == ("Derna", "RO", "Bihor")
    assert romania.country_evidence is not None and romania.country_evidence.quote == "Romania"
    # the sentence is the event's, the context the whole text
    text = "Derna, Libya. Gunmen attacked a checkpoint in Derna on Tuesday."
    assert place_in(gazetteer, text, "Gunmen attacked a checkpoint in Derna on Tuesday.").country_code == "LY"


def test_events_places_admin_names_in_parentheses_pick_the_namesake(gazetteer: Gazetteer) -> None:
    place = place_in(gazetteer, "Residents protested in Saint Petersburg (Florida) on Sunday.")
    assert (place.country_code, place.admin1, place.geo_precision, place.source) == ("US", "Florida", 1, "geonames")
    assert abs(place.latitude - 27.77) < 0.2
    russia = place_in(gazetteer, "Residents protested in Saint Petersburg on Sunday.")
    assert russia.country_code == "RU"


# -- patterns and precision -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "precision"), [
    ("Shelling was reported in Kharkiv on Friday.", 1),
    ("Shelling was reported near Kharkiv on Friday.", 2),
    ("Russian forces shelled the outskirts of Kharkiv.", 2),
    ("Mortars hit a checkpoint about 3km from Kharkiv.", 2),
    ("Fighting continued in the Kharkiv region, Ukrainian officials said.", 3),
])
def test_events_places_geo_precision_follows_the_words(gazetteer: Gazetteer, sentence: str, precision: int) -> None:
    place = place_in(gazetteer, sentence)
    assert (place.name, place.country_code, place.geo_precision) == ("Kharkiv", "UA", precision)
    if precision == 3:
        assert place.admin1 == "Kharkiv"


def test_events_places_district_with_its_province(gazetteer: Gazetteer) -> None:
    place = place_in(gazetteer, "Clashes erupted in Soran district (Erbil) overnight.")
    assert (place.name, place.country_code, place.geo_precision) == ("Soran", "IQ", 2)


# -- places the gazetteer lacks -------------------------------------------------------------------------------

def test_events_places_unknown_village_keeps_its_name_and_the_country(gazetteer: Gazetteer) -> None:
    text = "Militants stormed the village of Qasr Zawiyat al-Murabit in eastern Libya on Sunday, residents said."
    place = place_in(gazetteer, text)
    assert (place.name, place.source, place.country_code, place.geo_precision) == (
        "Qasr Zawiyat al-Murabit", "none", "LY", 3)
    assert place.latitude is None and place.anchor is None
    assert place.country_evidence is not None and place.country_evidence.quote == "Libya"


def test_events_places_unknown_village_near_a_known_town(gazetteer: Gazetteer) -> None:
    text = "Militants stormed Qasr Zawiyat al-Murabit, near Derna, on Sunday, Libyan officials said."
    place = place_in(gazetteer, text)
    assert (place.name, place.source, place.country_code, place.geo_precision) == (
        "Qasr Zawiyat al-Murabit", "none", "LY", 2)
    assert place.anchor is not None and place.anchor.quote == "Derna"
    assert (place.latitude, place.longitude) == pytest.approx((32.767, 22.637), abs=0.01)


def test_events_places_unknown_village_with_its_regions(gazetteer: Gazetteer) -> None:
    text = "Troops entered Hin Thar village (Yesagyo township, Pakokku district, Magway region) at dawn."
    place = place_in(gazetteer, text)
    assert (place.name, place.source, place.country_code, place.admin1, place.geo_precision) == (
        "Hin Thar", "none", "MM", "Magway", 2)
    assert place.anchor is not None and place.anchor.quote == "Yesagyo"


def test_events_places_demo_towns_are_not_in_the_gazetteer(gazetteer: Gazetteer) -> None:
    text = (EXAMPLES / "text" / "capital-express-veldra-analysis.txt").read_text(encoding="utf-8")
    places = [locate("a1", text, span, gazetteer) for span in sentences(text) if "Veldra" in text[slice(*span)]]
    veldra = [p for p in places if p is not None and p.name == "Veldra"]
    assert veldra
    for place in veldra:
        assert_round_trips(text, place)
        assert place.source == "none" and place.latitude is None and place.gazetteer_name is None
    for name in ("Veldra", "Kessany", "Selmouth", "Oskel", "Dravik", "Marovia"):
        assert gazetteer.lookup(normalise(name)) == []


def test_events_places_demo_town_takes_the_country_the_text_names(gazetteer: Gazetteer) -> None:
    place = place_in(gazetteer, "Clashes in Veldra, in northern Libya, killed 14 people.")
    assert (place.name, place.source, place.country_code, place.country) == ("Veldra", "none", "LY", "Libya")


def test_events_places_no_place_no_answer(gazetteer: Gazetteer) -> None:
    assert locate("a1", "The spokesman said the talks would resume.", (0, 41), gazetteer) is None


# -- a user's gazetteer ---------------------------------------------------------------------------------------

def test_events_places_user_csv_adds_a_place(gazetteer: Gazetteer, tmp_path: Path) -> None:
    csv = tmp_path / "places.csv"
    csv.write_text("name,latitude,longitude,country,admin1\n"
                   "Qaryat Tajriba,32.61,22.11,Libya,\n"
                   "Zawiyat Ikhtibar,32.5,21.9,,\n", encoding="utf-8")
    mine = Gazetteer.load(csv)
    text = "Fighting was reported in Qaryat Tajriba on Monday."
    assert place_in(gazetteer, text).source == "none"  # the built-in one does not know it
    place = place_in(mine, text)
    assert (place.name, place.source, place.country_code, place.geo_precision) == ("Qaryat Tajriba", "user", "LY", 1)
    assert (place.latitude, place.longitude) == (32.61, 22.11)
    assert place.admin1  # from reverse_geocoder's nearest place
    other = place_in(mine, "Shots were fired near Zawiyat Ikhtibar.")
    assert (other.source, other.country_code, other.geo_precision) == ("user", "LY", 2)


@pytest.mark.parametrize(("rows", "line", "problem"), [
    ("name,latitude,longitude\nQaryat Tajriba,32.61,22.11\nZawiyat Ikhtibar,north,21.9\n", 3,
     "must be decimal degrees"),
    ("name,latitude,longitude\n,32.61,22.11\n", 2, "the name is empty"),
    ("name,latitude,longitude\nQaryat Tajriba,132.61,22.11\n", 2, "is not on the globe"),
    ("name,latitude,longitude,country\nQaryat Tajriba,32.61,22.11,Atlantis\n", 2, "unknown country 'Atlantis'"),
    ("name,lat\nQaryat Tajriba,32.61\n", 1, "the header lacks longitude"),
    ("name,latitude,longitude\nQaryat Tajriba,32.61\n", 2, "2 fields where the header has 3"),
])
def test_events_places_bad_user_csv_names_file_and_line(tmp_path: Path, rows: str, line: int, problem: str) -> None:
    csv = tmp_path / "places.csv"
    csv.write_text(rows, encoding="utf-8")
    with pytest.raises(NewstraceError) as raised:
        Gazetteer.load(csv)
    assert raised.value.code is Code.BAD_GAZETTEER
    assert raised.value.message.startswith(f"{csv}, line {line}: ")
    assert problem in raised.value.message
    assert raised.value.line().startswith("[U305]")


def test_events_places_missing_user_csv_is_a_coded_error(tmp_path: Path) -> None:
    with pytest.raises(NewstraceError) as raised:
        Gazetteer.load(tmp_path / "nowhere.csv")
    assert raised.value.code is Code.BAD_GAZETTEER and str(tmp_path / "nowhere.csv") in raised.value.message


def test_events_places_setting_names_the_user_csv(tmp_path: Path) -> None:
    assert load_settings(environ={}).gazetteer_csv == ""
    settings = load_settings(environ={"NEWSTRACE_GAZETTEER_CSV": str(tmp_path / "p.csv")})
    assert settings.gazetteer_csv == str(tmp_path / "p.csv")


# -- names ------------------------------------------------------------------------------------------------------

def test_events_places_names_normalise_and_admin_words_go() -> None:
    assert normalise("Kraków") == normalise("Krakow") == "krakow"
    assert normalise("St. Petersburg") == "saint petersburg"
    assert normalise("Al-Fatayih") == "al fatayih"
    assert clean_admin("Muhafazat Kirkuk") == "Kirkuk"
    assert clean_admin("Province du Passore") == "Passore"
    assert clean_admin("La Pampa") == "La Pampa" and clean_admin("Distrito Federal") == "Distrito Federal"


def test_events_places_spacy_entities_mark_places(gazetteer: Gazetteer) -> None:
    import spacy
    from spacy.tokens import Span

    text = "Hin Thar burned overnight, residents of Magway said."
    assert locate("a1", text, (0, 25), gazetteer) is None  # nothing in the words says "Hin Thar" is a place
    doc = spacy.blank("en")(text)
    doc.ents = [Span(doc, 0, 2, label="GPE")]
    place = locate("a1", text, (0, 25), gazetteer, doc)
    assert place is not None and (place.name, place.source, place.country_code) == ("Hin Thar", "none", "MM")
    assert_round_trips(text, place)
    other = spacy.blank("en")("Something else entirely.")
    other.ents = [Span(other, 0, 1, label="GPE")]
    assert locate("a1", text, (0, 25), gazetteer, other) == locate("a1", text, (0, 25), gazetteer)
