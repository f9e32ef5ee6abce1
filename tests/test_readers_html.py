from __future__ import annotations

from conftest import rows, trace_json, write

PARAS = [
    "The regional assembly voted on Wednesday to close the coal plant at Harlow by 2030, ending a debate that "
    "has divided the valley for more than a decade.",
    "Supporters said the vote would cut emissions and open the site for a solar farm, while unions warned that "
    "about 600 jobs were at risk.",
    "\u201cThis is a turning point for the valley,\u201d said assembly member Lena Ortiz, who led the campaign for "
    "the closure.",
    "The plant's owner said it would study the decision before deciding whether to challenge it in court.",
]


def page(head: str = "", body_extra: str = "", lang: str = "en", paras: list[str] = PARAS) -> str:
    article = "".join(f"<p>{p}</p>" for p in paras)
    return f"""<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">
<title>Assembly votes to close Harlow coal plant | Valley Courier</title>{head}</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<div class="share">Share on Facebook | Share on Twitter</div>
<article><h1>Assembly votes to close Harlow coal plant</h1>{article}</article>
<aside class="newsletter">Sign up for our newsletter to get the valley's news in your inbox.</aside>
<section id="comments" class="comments"><h3>3 Comments</h3>
<div class="comment"><p>Reader comment: finally, the right decision for our children.</p></div>
<div class="comment"><p>Another reader: what about the workers and their families?</p></div></section>
{body_extra}<footer>© 2026 Valley Courier. All rights reserved.</footer></body></html>"""


META = """<meta property="og:site_name" content="Valley Courier">
<meta property="og:title" content="Assembly votes to close Harlow coal plant">
<link rel="canonical" href="https://valley-courier.example/news/harlow-plant-vote">
<meta name="author" content="By Tomas Reyes">
<meta property="article:published_time" content="2026-02-11T16:45:00+01:00">"""


def test_html_text_and_metadata_with_time_and_zone(run, tmp_path):
    path = write(tmp_path / "page.html", page(META))
    [article] = trace_json(run, str(path))["articles"]
    assert article["title"] == "Assembly votes to close Harlow coal plant"
    assert article["outlet"] == "Valley Courier"
    assert article["url"] == "https://valley-courier.example/news/harlow-plant-vote"
    assert article["author"] == "Tomas Reyes"
    assert article["published"] == "2026-02-11T16:45:00+01:00"
    assert article["language"] == "en"
    assert article["text"].split("\n") == PARAS
    for junk in ("Reader comment", "Another reader", "Sign up", "Share on", "All rights reserved", "Home"):
        assert junk not in article["text"]


def test_html_date_from_json_ld_and_outlet_from_host(run, tmp_path):
    head = """<link rel="canonical" href="https://www.valley-courier.example/a/1">
<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
 {"@type": "NewsArticle", "headline": "Plant vote", "datePublished": "2026-02-11T15:45:00Z",
  "author": {"@type": "Person", "name": "Tomas Reyes"}}]}</script>"""
    path = write(tmp_path / "page.html", page(head))
    [article] = trace_json(run, str(path))["articles"]
    assert article["published"] == "2026-02-11T15:45:00+00:00"
    assert article["outlet"] == "valley-courier.example"
    assert article["author"] == "Tomas Reyes"


def test_html_time_element_gives_published(run, tmp_path):
    extra = '<p class="meta"><time datetime="2026-02-11T09:00:00-05:00" class="published">Feb 11</time></p>'
    path = write(tmp_path / "page.html", page(body_extra="").replace("<article>", "<article>" + extra))
    [article] = trace_json(run, str(path))["articles"]
    assert article["published"] == "2026-02-11T09:00:00-05:00"


def test_html_in_latin1_with_declared_charset(run, tmp_path):
    html = page(META).replace('<meta charset="utf-8">', '<meta charset="iso-8859-1">')
    html = html.replace("assembly member Lena Ortiz", "assembly member Lena Ortíz")
    path = write(tmp_path / "page.html", html.encode("iso-8859-1", "replace"))
    [article] = trace_json(run, str(path))["articles"]
    assert "Lena Ortíz" in article["text"]


def test_html_without_article_is_rejected_with_reason(run, tmp_path, db):
    empty = write(tmp_path / "nav.html", "<html><body><nav><a href='/'>Home</a></nav></body></html>")
    good = write(tmp_path / "good.html", page(META))
    result = run("add", str(empty), str(good))
    assert result.exit_code == 0
    assert f"{empty}: [I111] no article text found in the HTML page (only 1 word of text)" in result.stdout
    assert "Added 1," in result.stdout
    assert rows(db, "SELECT COUNT(*) FROM articles") == [(1,)]


def test_non_english_page_stored_but_not_analysed(run, tmp_path):
    french = [
        "L'assemblée régionale a voté mercredi la fermeture de la centrale à charbon de Harlow d'ici 2030, "
        "mettant fin à un débat qui divise la vallée depuis plus de dix ans.",
        "Les partisans affirment que le vote réduira les émissions, tandis que les syndicats craignent pour "
        "environ six cents emplois dans la région.",
    ]
    path = write(tmp_path / "fr.html", page(META, lang="fr", paras=french))
    [article] = trace_json(run, str(path))["articles"]
    assert article["language"] == "fr"
    assert article["analysed"] is False
