"""News outlets and agencies: a list of real ones kept here, plus the shapes outlet names take (text/outlets.py).
Any other outlet is found from its name's shape ("Valley Times", "Radio Kessany"), never from this list."""

from __future__ import annotations

import re

from ..text.outlets import looks_like_outlet

KNOWN = frozenset(name.lower() for name in """
BBC|BBC News|CNN|Reuters|AP|Associated Press|AFP|Agence France-Presse|Al Jazeera|Al Arabiya|Bloomberg|NPR|PBS
|NBC|NBC News|CBS|CBS News|ABC|ABC News|Fox News|Fox|MSNBC|CNBC|Sky News|ITV|Channel 4|Deutsche Welle|DW
|France 24|Euronews|RT|Sputnik|TASS|Xinhua|Anadolu|Kyodo|Yonhap|ANSA|EFE|dpa|Interfax|IRNA|SANA|Amaq
|Amaq News Agency|The New York Times|New York Times|NYT|The Washington Post|Washington Post|The Wall Street Journal
|Wall Street Journal|WSJ|The Guardian|Guardian|The Times|The Telegraph|Telegraph|The Independent|Financial Times
|FT|The Economist|Economist|Politico|Axios|The Hill|Breitbart|Breitbart News|HuffPost|Huffington Post|BuzzFeed
|BuzzFeed News|Vox|Slate|The Atlantic|Newsweek|Time|USA Today|Los Angeles Times|LA Times|Chicago Tribune
|New York Post|The New York Post|The Post|Daily Mail|The Daily Beast|Daily Beast|Mother Jones|National Review
|The Intercept|ProPublica|Vice|Vice News|The Long War Journal|Long War Journal|LWJ|FDD's Long War Journal
|Haaretz|The Jerusalem Post|Jerusalem Post|Times of Israel|Le Monde|Der Spiegel|Spiegel|El País|La Repubblica
|Asharq Al-Awsat|Libya Herald|Libya Observer|Middle East Eye|The National|Gulf News|Radio Free Europe
|RFE/RL|Voice of America|VOA
""".replace("\n", "").split("|"))

_ANONYMOUS = re.compile(
    r"^(?:an? |the |some |several |two |three |many |other |\w+ )?(?:sources?|officials?|people|residents|"
    r"witnesses|analysts|experts|observers|diplomats|insiders|aides?|spokes(?:man|woman|person)|workers|"
    r"doctors|police|authorities|activists|campaigners|locals|villagers|"
    r"someone|person|members?)\b", re.I)
_DOCUMENT_NOUNS = (r"(?:statement|report|reports|study|survey|poll|document|memo|letter|filing|release|video|post|"
                   r"tweet|data|figures|records|complaint|lawsuit|ruling|analysis|book|communique|message|indictment|"
                   r"affidavit|transcript|verdict|census|petition)")
_DOCUMENT = re.compile(rf"(?:\b{_DOCUMENT_NOUNS}$|^(?:an?|the|this|that|its|their|his|her)\s+(?:\w+\s+)?"
                       rf"{_DOCUMENT_NOUNS}\b|\b(?:court|police|company|financial|campaign|tax|public) "
                       rf"(?:documents|records|filings|papers)$)", re.I)


def is_outlet(name: str, context: str = "") -> bool:
    """A known outlet, a name shaped like one, or initials ("CPA") of an outlet-shaped name that `context`
    (the article's text) spells out ("Coastal Press Agency")."""
    bare = name.strip().strip(".,").strip()
    lower = re.sub(r"^the\s+", "", bare.lower())
    if bare.lower() in KNOWN or lower in KNOWN or looks_like_outlet(bare):
        return True
    return bool(context) and bool(re.fullmatch(r"[A-Z]{2,6}", bare)) and bare in _spelled_initials(context)


def _spelled_initials(text: str) -> set[str]:
    names = re.findall(r"\b[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){1,5}", text)
    return {"".join(w[0] for w in re.sub(r"^The\s+", "", n).split()) for n in names if looks_like_outlet(n)}


def is_anonymous(name: str) -> bool:
    """"officials", "a source", "the spokesman" — but not "army spokeswoman Col. Irena Vasko", who is named."""
    words = name.strip().split()
    named = any(w[:1].isupper() for w in words[1:]) and not all(w[:1].isupper() for w in words)
    return bool(_ANONYMOUS.match(name.strip())) and not named


def is_document(name: str) -> bool:
    return bool(_DOCUMENT.search(name.strip().rstrip(".")))
