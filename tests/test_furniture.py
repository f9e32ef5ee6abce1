from __future__ import annotations

import json

from conftest import trace_json
from newstrace.ingest.furniture import strip_furniture

DERNA_000 = "000_e0e9246ac82926bc.txt"
DERNA_002 = "002_ab0f85ada8fa044e.txt"


def _body_paragraphs(path, furniture):
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [line for line in lines if line not in furniture]


def test_derna_furniture_removed_and_every_body_paragraph_kept(run, derna_dir):
    data = trace_json(run, str(derna_dir))
    texts = {a["path"].rsplit("/", 1)[-1]: a for a in data["articles"]}
    assert set(texts) == {DERNA_000, DERNA_002}  # the folder's README is not an article

    rewrite = texts[DERNA_000]["text"]
    assert "COMMENTS" not in rewrite and "commenting" not in rewrite
    for paragraph in _body_paragraphs(derna_dir / DERNA_000, {
            "COMMENTS", "Please let us know if you're having issues with commenting."}):
        assert paragraph in rewrite.split("\n"), paragraph

    original = texts[DERNA_002]
    text = original["text"]
    assert "donation" not in text and "Thanks for reading" not in text
    assert "Tags:" not in text
    for tag in ("Iraq", "Syria", "Aqap", "Al shabaab", "Boko Haram", "Isis", "Islamic state"):
        assert tag not in text.split("\n"), tag
    assert "%22" not in text  # photo-caption residue
    furniture = {line.strip() for line in (derna_dir / DERNA_002).read_text(encoding="utf-8").splitlines()
                 if line.startswith(("Are you a dedicated reader", "Tags:", "16-04-22"))}
    furniture |= {"Iraq", "Islamic state", "Syria", "Aqap", "Al shabaab", "Boko Haram", "Isis"}
    body = _body_paragraphs(derna_dir / DERNA_002, furniture)
    assert original["title"] == body[0]
    for paragraph in body[1:]:
        assert paragraph in text.split("\n"), paragraph


def test_prose_about_donations_and_tags_is_kept():
    prose = [
        "The charity said donations had fallen by a third since the floods, and that it would close two shelters.",
        "Police said the suspect had tagged several buildings with graffiti before he was arrested on Monday.",
        "Comments by the minister drew criticism from opposition parties, who called for an inquiry.",
        "Residents were asked to share their photos of the storm with the council's emergency team.",
        "He said the newsletter he founded in 1998 had 4,000 readers at its peak, most of them farmers.",
    ]
    kept, removed = strip_furniture(prose)
    assert kept == prose and removed == []


def test_share_lines_appeals_captions_and_comment_boxes_are_removed():
    body = ["First real paragraph of the story, with enough words to be prose.",
            "Second real paragraph, describing what happened next in some detail."]
    junk = [
        "Share this: Facebook | X | Email",
        "Share on WhatsApp",
        "Sign up for our newsletter to get the day's top stories in your inbox.",
        "Support our independent journalism: become a member today.",
        "Photo: Jane Doe/Reuters",
        "A protester waves a flag outside parliament. (AP Photo/John Smith)",
        "Advertisement",
    ]
    kept, removed = strip_furniture(body[:1] + junk + body[1:])
    assert kept == body
    assert {r.rule for r in removed} == {"share-line", "appeal", "caption", "misc"}


def test_comment_section_cut_from_its_header_to_the_end():
    body = [f"Paragraph {n} of the article, long enough to read as prose." for n in range(6)]
    comments = ["3 Comments", "Great piece, thanks!", "I disagree with the second point."]
    kept, removed = strip_furniture(body + comments)
    assert kept == body
    assert [r.paragraph for r in removed] == comments


def test_comments_header_early_in_article_is_not_a_cut():
    paras = ["Comments", "The minister's comments came after a long debate in parliament on Monday."] + [
        f"Paragraph {n} continues the story." for n in range(5)]
    kept, _ = strip_furniture(paras)
    assert kept == paras


def test_site_notes_standing_alone_are_removed_and_prose_mentioning_them_kept():
    kept, removed = strip_furniture([
        "The council approved the new quay on Monday after a long debate.",
        "Story continues below advertisement",
        "READ MORE: Storm closes the mountain road again",
        "This story has not been edited by Valley Courier staff and is auto-generated from a syndicated feed.",
        "Follow Anna Berg on Twitter @annaberg.",
        "Reach her directly at aberg@valleycourier.com.",
        "© 2026 Valley Courier. All rights reserved.",
        "The mayor said the newsletter of the harbour board had reported the vote first.",
        "Volunteers will sign up for updates on the rebuilding at the town hall.",
    ])
    assert kept == ["The council approved the new quay on Monday after a long debate.",
                    "The mayor said the newsletter of the harbour board had reported the vote first.",
                    "Volunteers will sign up for updates on the rebuilding at the town hall."]
    assert len(removed) == 6 and {r.rule for r in removed} <= {"site-note", "misc"}


def test_inline_furniture_finds_notes_glued_into_a_paragraph():
    from newstrace.ingest.furniture import inline_furniture

    text = ("The road reopened at noon. This story has not been edited by Valley Courier staff and is "
            "auto-generated from a syndicated feed. Police thanked drivers for their patience.")
    [(start, end)] = inline_furniture(text)
    assert text[start:end].startswith("This story has not been edited")
    assert text[start:end].endswith("syndicated feed.")


def test_furniture_removed_kept_and_shown_by_rule(run, tmp_path, db):
    """What ingest removes is stored (migration 11) and `show --furniture` lists each line with its rule."""
    from conftest import rows

    path = tmp_path / "a.txt"
    path.write_text("Harbour wall finished\n\nOfficials in the port city said the new harbour wall was finished on "
                    "Tuesday after two years of work.\n\nCORRECTION:\n\nBecause of an editing error, an earlier "
                    "version of this article misstated the cost of the wall.\n\nThe wall cost 40 million and will "
                    "protect the old town from winter storms, the mayor said.\n\nSign up for our newsletter and get "
                    "the top stories in your inbox.\n", encoding="utf-8")
    run("add", str(path))
    [(article_id, text)] = rows(db, "SELECT id, text FROM articles")
    assert "CORRECTION" not in text and "editing error" not in text and "newsletter" not in text
    assert "The wall cost 40 million" in text
    shown = run("show", article_id[:8], "--furniture").stdout
    assert shown.splitlines() == [
        f"3 furniture paragraphs removed from {article_id}", "site-note: CORRECTION:",
        "site-note: Because of an editing error, an earlier version of this article misstated the cost of the wall.",
        "appeal: Sign up for our newsletter and get the top stories in your inbox."]
    data = json.loads(run("show", article_id, "--furniture", "--json").stdout)
    assert [f["rule"] for f in data["furniture"]] == ["site-note", "site-note", "appeal"]


def test_furniture_general_shapes_not_prose():
    """Correction headers, sign-up and paywall forms, series and digest notes are furniture; prose that
    shares a word with them is not."""
    notes = ["CORRECTION:", "As published in the International Herald.",
             "Enter your details below for immediate access.",
             "The password for your account must be at least 8 characters long.",
             "This report is part of The Courier's Rivers project, a year of stories on water.",
             "You can receive this daily update every weekday morning. Just enter your email address (and you "
             "can unsubscribe anytime)."]
    prose = ["The attack is part of a series of bombings in the capital.",
             "Clinton used a private email address while she was secretary of state.",
             "Corrections officers went on strike on Monday.", "Here is what the mayor said about the wall."]
    kept, removed = strip_furniture(notes + prose)
    assert kept == prose
    assert [r.paragraph for r in removed] == notes


def test_series_intro_is_furniture_as_a_paragraph():
    from newstrace.ingest.furniture import inline_furniture

    text = ("It promises to be a busy year in Delta. The Optimist is taking a look at 20 issues that will play out "
            "in the coming months.\nHere is one of them:\nPolice said a man was arrested on Tuesday.")
    [(start, end)] = inline_furniture(text)
    assert text[start:end].startswith("It promises") and text[start:end].endswith("one of them:")


def test_series_intro_before_its_cue_paragraph_is_removed_with_it():
    intro = ("It promises to be a busy year in Delta. The Optimist is taking a look at 20 issues that will play "
             "out in the coming months.")
    body = "Police said a man was arrested on Tuesday after a fire at the old mill."
    kept, removed = strip_furniture([intro, "Here is one of them:", body])
    assert kept == [body]
    assert [(r.rule, r.paragraph) for r in removed] == [("series-intro", intro), ("site-note", "Here is one of them:")]
