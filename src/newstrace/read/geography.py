"""Countries as the event faces name them: ISO codes and ACLED's region for a country name or code, from the
`countryinfo` package's data (installed with newstrace; nothing is fetched)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from countryinfo import CountryInfo

# ACLED's regions from the UN geoscheme that countryinfo carries: intermediate regions (Africa, the Americas)
# first, then subregions; ACLED's own groupings where they differ from the UN's (the Caucasus sits with Central
# Asia, Iran with the Middle East, Cyprus with Europe)
_BY_INTERMEDIATE = {"Western Africa": "Western Africa", "Middle Africa": "Middle Africa",
                    "Eastern Africa": "Eastern Africa", "Southern Africa": "Southern Africa",
                    "Caribbean": "Caribbean", "Central America": "Central America", "South America": "South America"}
_BY_SUBREGION = {"Northern Africa": "Northern Africa", "Western Asia": "Middle East", "Southern Asia": "South Asia",
                 "Central Asia": "Caucasus and Central Asia", "Eastern Asia": "East Asia",
                 "South-eastern Asia": "Southeast Asia", "South-Eastern Asia": "Southeast Asia",
                 "Northern America": "North America"}
_BY_REGION = {"Europe": "Europe", "Oceania": "Oceania"}
_ACLED_GROUPING = {"ARM": "Caucasus and Central Asia", "AZE": "Caucasus and Central Asia",
                   "GEO": "Caucasus and Central Asia", "IRN": "Middle East", "CYP": "Europe"}


@dataclass(frozen=True)
class Country:
    name: str
    alpha2: str
    alpha3: str
    numeric: int | None
    region: str  # ACLED's region ("" when unknown)


def _region(info: dict[str, Any], alpha3: str) -> str:
    if alpha3 in _ACLED_GROUPING:
        return _ACLED_GROUPING[alpha3]
    return (_BY_INTERMEDIATE.get(info.get("intermediateregion") or "")
            or _BY_SUBREGION.get(info.get("subregion") or "")
            or _BY_REGION.get(info.get("region") or "", ""))


@lru_cache(maxsize=1)
def _index() -> dict[str, Country]:
    """Every country by its name, alternative spellings and ISO codes, casefolded."""
    index: dict[str, Country] = {}
    for key, found in sorted(CountryInfo.all().items()):
        info: dict[str, Any] = dict(found)
        iso = info.get("ISO") or {}
        alpha2, alpha3 = iso.get("alpha2") or "", iso.get("alpha3") or ""
        if not info.get("name") or len(alpha3) != 3:
            continue
        numeric = iso.get("numeric")
        country = Country(info["name"], alpha2, alpha3, int(numeric) if numeric and numeric.isdigit() else None,
                          _region(info, alpha3))
        for name in (info["name"], key, alpha2, alpha3, *(info.get("altSpellings") or ())):
            if name:
                index.setdefault(name.casefold(), country)
    return index


def country(name: str | None) -> Country | None:
    """The country a name or an ISO code (alpha-2 or alpha-3) stands for, whatever the case; None if unknown."""
    if not name:
        return None
    return _index().get(name.strip().casefold())
