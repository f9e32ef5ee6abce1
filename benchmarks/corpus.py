"""Deterministic synthetic news documents for benchmarks: plain text and full HTML pages with furniture."""

from __future__ import annotations

import random
from pathlib import Path

_WORDS = (
    "the council said on monday that a new bridge over the river would open next year after months of delay "
    "officials confirmed police reported residents protested against plans for the harbour district while the "
    "minister promised funds for schools hospitals and roads in the northern province where farmers complained "
    "about drought prices rose sharply and the army denied reports of fighting near the border town election "
    "results showed a narrow win for the opposition party whose leader told reporters that talks would continue "
    "despite the storm which damaged hundreds of homes along the coast and forced the airport to close"
).split()
_NAMES = ["Anna Berg", "Tomas Reyes", "Lena Ortiz", "Per Lund", "Mira Kovac", "Jon Hale", "Ada Stone"]
_OUTLETS = ["Port News", "Bay Post", "Valley Courier", "Northern Herald", "Daily Ledger", "Capital Express"]


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(12, 28))]
    words[0] = words[0].capitalize()
    if rng.random() < 0.2:
        words.insert(rng.randint(1, len(words) - 1), str(rng.randint(2, 5000)))
    return " ".join(words) + "."


def article(rng: random.Random, words: int = 600) -> tuple[str, list[str]]:
    title = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(5, 10))).capitalize()
    paragraphs: list[str] = []
    count = 0
    while count < words:
        para = " ".join(_sentence(rng) for _ in range(rng.randint(2, 4)))
        paragraphs.append(para)
        count += len(para.split())
    return title, paragraphs


def text_document(n: int, seed: int = 1) -> str:
    rng = random.Random(seed * 1_000_003 + n)
    title, paragraphs = article(rng)
    return title + "\n\n" + "\n\n".join(paragraphs) + "\n"


def html_document(n: int, seed: int = 1) -> str:
    rng = random.Random(seed * 1_000_003 + n)
    title, paragraphs = article(rng)
    outlet = _OUTLETS[n % len(_OUTLETS)]
    host = outlet.lower().replace(" ", "-") + ".example"
    day = 1 + n % 28
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    related = "".join(f'<li><a href="/story/{n + k}">{" ".join(rng.choice(_WORDS) for _ in range(6))}</a></li>'
                      for k in range(1, 6))
    comments = "".join(f'<div class="comment"><span class="author">{rng.choice(_NAMES)}</span>'
                       f'<p>{_sentence(rng)}</p></div>' for _ in range(3))
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | {outlet}</title>
<meta property="og:site_name" content="{outlet}"><meta property="og:title" content="{title}">
<link rel="canonical" href="https://{host}/story/{n}">
<meta name="author" content="{rng.choice(_NAMES)}">
<meta property="article:published_time" content="2026-03-{day:02d}T{n % 24:02d}:{n % 60:02d}:00+01:00">
<link rel="stylesheet" href="/static/site.css"></head>
<body><div class="cookie-banner">We use cookies to improve your experience. <button>Accept</button></div>
<header><a class="logo" href="/">{outlet}</a><nav><ul><li><a href="/news">News</a></li><li><a href="/world">World</a>
</li><li><a href="/business">Business</a></li><li><a href="/sport">Sport</a></li><li><a href="/opinion">Opinion</a>
</li></ul></nav></header>
<main><article><h1>{title}</h1><div class="byline">By {rng.choice(_NAMES)} <time datetime="2026-03-{day:02d}">
March {day}</time></div><div class="share"><a href="#">Facebook</a> <a href="#">X</a> <a href="#">Email</a></div>
<div class="story-body">{body}</div></article>
<aside class="newsletter"><h3>Newsletter</h3><p>Sign up for our newsletter to get the top stories in your inbox.
</p></aside><aside class="related"><h3>Related stories</h3><ul>{related}</ul></aside>
<section id="comments"><h3>3 Comments</h3>{comments}</section></main>
<footer><p>&copy; 2026 {outlet}. All rights reserved.</p><a href="/privacy">Privacy</a></footer></body></html>
"""


def write_corpus(folder: Path, kind: str, count: int, seed: int = 1) -> int:
    """Write `count` documents of `kind` ('text' or 'html') under folder, 1,000 a subfolder; returns bytes."""
    make = text_document if kind == "text" else html_document
    suffix = ".txt" if kind == "text" else ".html"
    total = 0
    for n in range(count):
        sub = folder / f"{n // 1000:03d}"
        if n % 1000 == 0:
            sub.mkdir(parents=True, exist_ok=True)
        data = make(n, seed).encode("utf-8")
        (sub / f"{n:06d}{suffix}").write_bytes(data)
        total += len(data)
    return total
