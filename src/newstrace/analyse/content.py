"""The content of a cue: the reported clause, the object of an object cue, the quotation a cue stands beside,
the rest of a sentence a closing cue (`..., officials said.`) or an `according to` covers; in pieces around a
parenthetical cue, with quotation marks kept and datelines left out."""

from __future__ import annotations

import re
from typing import Any

from .channels import citing
from .cues import FRAME_CUES, OBJECT_LEMMAS, PREP_CONTENT, SPEECH_LEMMAS, is_cue_verb
from .spans import span_of, subtree_span, trim_punct


def quote_before(sent: Any, verb: Any, source: Any | None, quotes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """"“How many times must we see this?” Clinton said.": the question mark ends the parser's sentence, so the
    cue and its source stand alone; what they report is the quotation right before them."""
    if source is None:
        return []
    mine = {verb.i} | {t.i for t in source.subtree} | {c.i for c in verb.children if c.dep_ in ("aux", "neg", "advmod",
                                                                                                "npadvmod", "prt")}
    if any(not t.is_punct and t.i not in mine for t in sent):
        return []
    before = sent.doc.text[:sent.start_char].rstrip()
    quote = next((q for q in quotes if q[1] == len(before)), None)
    return [quote] if quote is not None and before[-2:-1] in "?!" else []


def passive_complement(verb: Any, sent: Any) -> list[tuple[int, int]]:
    """What a passive cue says of its subject: "was accused [of fraud]", "was described [as a threat]", "has
    been called [a charlatan]"."""
    parts = [c for c in verb.children if c.i > verb.i and (c.dep_ in ("oprd", "xcomp", "ccomp") or (
        c.dep_ == "prep" and c.lower_ in ("of", "as", "for")))]
    words = trim_punct(sorted((t for part in parts for t in part.subtree), key=lambda t: t.i))
    return [span_of(words)] if words else []


_TIMES = frozenset("during after before since until".split())


def content_of(verb: Any, sent: Any, exclude: set[int]) -> list[tuple[int, int]]:
    clauses = [c for c in verb.children if c.dep_ in ("ccomp", "xcomp", "parataxis", "dep") and c.pos_ in
               ("VERB", "AUX", "NOUN", "PROPN", "ADJ")]
    if not clauses and verb.lemma_.lower() in SPEECH_LEMMAS:
        # "Trump said after the convention he would not accept ...": the parse takes the reported clause, with
        # its own subject and no conjunction, for an adverbial one
        clauses = [c for c in verb.children if c.dep_ == "advcl" and c.i > verb.i
                   and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)
                   and not any(g.dep_ == "mark" and g.lower_ != "that" for g in c.children)
                   and not any(g.dep_ == "advmod" and g.tag_ == "WRB" for g in c.children)]
        # "... said after the meeting he would ...": the time belongs to the saying, not to what was said
        exclude = exclude | {t.i for c in clauses for g in c.children if g.dep_ in ("prep", "npadvmod")
                             and g.i < min(s.i for s in c.children if s.dep_ in ("nsubj", "nsubjpass"))
                             for t in g.subtree}
    if not clauses and verb.lemma_.lower() == "ask":  # "asked if he was ever bullied": the question
        clauses = [c for c in verb.children if c.dep_ == "advcl" and c.i > verb.i and if_or_whether(c)]
    if not clauses and verb.lemma_.lower() in SPEECH_LEMMAS:
        # "said on Friday during a news conference that he may wait": the parse hangs the clause, "that" and
        # all, on the noun before it; a "that" marking a clause is a complementiser, not a relative pronoun
        clauses = [t for c in verb.children if c.dep_ in ("prep", "npadvmod") and c.i > verb.i for t in c.subtree
                   if t.dep_ in ("relcl", "acl", "ccomp") and any(g.dep_ == "mark" and g.lower_ == "that"
                                                                  for g in t.children)][:1]
    if clauses:
        exclude = exclude | sibling_reports(verb)
        if verb.lemma_.lower() in SPEECH_LEMMAS and len(clauses) == 1 and clauses[0].left_edge.i < verb.i:
            # "the mine, which Mr. Clarke says he is doing everything to keep open", "what Trump says his plan
            # would do": the relative word that opens the clause, then the rest of the clause after the cue
            words = [t for t in clauses[0].subtree if t.i not in exclude]
            if words[0].tag_ in ("WDT", "WP") and words[0].i < verb.i:
                return pieces(words)
        return [_with_controller(verb, c, exclude) for c in clauses]
    if verb.lemma_.lower() == "say":
        # "said yes", "said the same of Trump", "said as much", "said so": what was said, by its object
        said = [c for c in verb.children if c.i > verb.i and (c.dep_ in ("dobj", "attr", "intj") or (
            c.dep_ == "advmod" and c.lower_ in ("much", "so")))]
        if said:
            words = trim_punct(sorted((t for c in said for t in (c.subtree if c.dep_ != "advmod" else [
                *(g for g in c.children if g.i < c.i), c]) if t.i not in exclude), key=lambda t: t.i))
            if words:
                return [span_of(words)]
    if verb.lemma_.lower() in OBJECT_LEMMAS or "dobj" in FRAME_CUES.get(verb.lemma_.lower(), ()) \
            or verb.lemma_.lower() in ("refer", "echo", "tweet"):
        objects = [c for c in verb.children if c.dep_ in ("dobj", "attr", "oprd")]
        objects += [g for c in verb.children if c.dep_ == "prep" and (c.lower_ in ("for", "on") or (
            c.lower_ == "to" and verb.lemma_.lower() in ("point", "refer"))) for g in c.children
            if g.dep_ == "pobj" or (g.dep_ == "pcomp" and g.tag_ == "VBG")]  # "called for [reducing the rate]"
        if objects:
            # the object with its complement ("called half of his supporters “deplorables”", "criticized the
            # law as a “crazy system”"), not the adjuncts after it ("during a campaign stop in Flint")
            parts = objects + [c for c in verb.children if c.dep_ in ("oprd", "xcomp") and c.i > verb.i]
            parts += [c for c in verb.children if c.dep_ == "prep" and c.i > verb.i and (
                c.lower_ == "as" or (c.lower_ == "of" and verb.lemma_.lower() == "accuse"))]
            skip = exclude | sibling_reports(verb)
            # a phrase right after the object that the parse hangs on the verb goes with the object ("blamed
            # the company [for the delays]", "cited the poll [in his speech]"), but not a time ("during the
            # campaign stop"): on PolNeAR's training articles the annotators mostly take it in
            end = max(t.i for part in parts for t in part.subtree)
            for prep in sorted((c for c in verb.children if c.dep_ == "prep" and c.i > end), key=lambda c: c.i):
                if prep.i != end + 1 or prep.lower_ in _TIMES or prep.i in skip:
                    break
                parts.append(prep)
                end = max(t.i for t in prep.subtree)
            words = trim_punct(sorted({t for part in parts for t in part.subtree if t.i not in skip},
                                      key=lambda t: t.i))
            return [span_of(words)] if words else [subtree_span(o, exclude) for o in objects[:1]]
    about = [g for c in verb.children if c.dep_ == "prep" and c.lower_ in PREP_CONTENT.get(verb.lemma_.lower(), ())
             for g in c.children if g.dep_ in ("pobj", "pcomp")]
    if about:
        return [subtree_span(about[0], exclude)]
    # "..., sources said" / "..., adds LWJ": the parse sometimes hangs the cue under the reported clause
    set_off = verb.left_edge.i > 0 and verb.doc[verb.left_edge.i - 1].text in (",", "“", "”", "’", "\"", "'", "—", "–")
    # ...but not when what it hangs on is itself a report: then it is reported content, and has none of its own
    hangs = verb.dep_ in ("parataxis", "advcl", "conj") or (verb.dep_ == "ccomp" and verb.i > verb.head.i)
    if hangs and (set_off or not is_cue_verb(verb.head)):
        head = verb.head
        cue_side = {t.i for t in verb.subtree}
        words = [t for t in head.subtree if t.i not in cue_side and t.i not in exclude]
        return pieces(words)
    return []


def _with_controller(verb: Any, clause: Any, exclude: set[int]) -> tuple[int, int]:
    """A reported clause, and for an infinitive the one told to do it: "urged [Silicon Valley to find a
    compromise]", "called on [countries to support each other]", "asked [the congregation to stand]"."""
    span = subtree_span(clause, exclude)
    if clause.dep_ != "xcomp" or clause.i < verb.i:
        return span
    told = next((g for c in verb.children if c.i < clause.i and c.i > verb.i for g in (
        [c] if c.dep_ in ("dobj", "dative") else [g for g in c.children if g.dep_ == "pobj"]
        if c.dep_ == "prep" and c.lower_ == "on" else []) if g.i not in exclude), None)
    if told is None:
        return span
    return subtree_span(told, exclude)[0], span[1]


def pieces(words: list[Any]) -> list[tuple[int, int]]:
    """Spans of the runs of consecutive words: "But to prevent problems, he said, local officials should be
    vigilant" is two pieces around the cue. A dateline ("WASHINGTON ― ") is not part of anyone's words."""
    runs: list[list[Any]] = []
    for word in words:
        if runs and word.i == runs[-1][-1].i + 1:
            runs[-1].append(word)
        else:
            runs.append([word])
    spans = [span_of(run) for run in (trim_punct(r) for r in runs) if run]
    if spans:
        text = words[0].doc.text
        dateline = DATELINE.match(text[spans[0][0]:spans[0][1]])
        if dateline and dateline.end() < spans[0][1] - spans[0][0]:
            spans[0] = (spans[0][0] + dateline.end(), spans[0][1])
    return spans


DATELINE = re.compile(r"[A-Z][A-Z .,'’-]{2,40}(?:\([^)]{1,30}\))?\s*[―—–-]{1,2}\s+")


def sibling_reports(verb: Any) -> set[int]:
    """"X told AFP that 12 had died, while a doctor told the BBC ...": the "while" clause is a report of its
    own beside X's, not part of what X said; so are "..., saying ..." and "... and said ..." within it."""
    out: set[int] = set()
    for token in verb.subtree:
        if token.dep_ not in ("advcl", "conj") or token.i <= verb.i or not is_cue_verb(token):
            continue
        marked = any(c.dep_ == "mark" and c.lower_ in ("while", "whereas", "whilst") for c in token.children)
        own_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children)
        # "..., citing ...", "..., arguing that ...": the speaker's next report, set off by a comma after the
        # reported words, is a report of its own
        going_on = token.tag_ == "VBG" and token.dep_ == "advcl" and token.i > 0 and token.doc[token.i - 1].text == ","
        if (marked and own_subject) or going_on:
            out |= {t.i for t in token.subtree}
    return out


def if_or_whether(clause: Any) -> bool:
    return any(g.dep_ == "mark" and g.lower_ in ("if", "whether") for g in clause.children)


def before_edge(sent: Any, edge: int) -> int:
    """The end of the text before `edge`, leaving out the comma or quote mark that sets the cue off."""
    text = sent.doc.text
    end = edge
    while end > 0 and text[end - 1] in " ,—–":
        end -= 1
    return end


def quoted_content(sent: Any, content: list[tuple[int, int]], quotes: list[tuple[int, int]],
                    cue: tuple[int, int]) -> list[tuple[int, int]]:
    """Reported words that are mostly a quotation become the quotation itself, marks included, and every
    piece of it when the cue interrupts it ("“We will,” she said, “rebuild it.”")."""
    inside = quotes_in(sent, quotes)
    if not inside or not content:
        return [close_quote(sent, c, quotes) for c in content]
    # Only when the reported words open with a quotation (or the cue sits inside one): "that voting fraud is
    # “a big problem”" keeps its unquoted start.
    opens_quote = any(qa <= a <= qa + 1 for a, _ in content for qa, _ in inside)
    # the cue right next to a quotation: before it ("said: “..."), after it ("...,” she said") or inside it
    near = any(qa < cue[0] < qb or 0 <= cue[0] - qb <= 25 or 0 <= qa - cue[1] <= 3 for qa, qb in inside)
    if not (opens_quote and near):
        return [close_quote(sent, c, quotes) for c in content]
    pieces = [whole_quote(q, quotes) for q in inside if not (q[0] <= cue[0] < q[1])]
    return pieces or content


def whole_quote(piece: tuple[int, int], quotes: list[tuple[int, int]]) -> tuple[int, int]:
    """A quotation that runs over several sentences ("“Yesterday there were two polls. Both agree,” he said")
    is one piece, from its opening to its closing mark within the paragraph."""
    a, b = piece
    whole = next((q for q in quotes if q[0] <= a < q[1]), None)
    return (min(a, whole[0]), max(b, whole[1])) if whole is not None else piece


def close_quote(sent: Any, span: tuple[int, int], quotes: list[tuple[int, int]]) -> tuple[int, int]:
    """A span that opens a quotation it does not close takes in the rest of it ("is “true,”"), also when the
    quotation runs on into the next sentence."""
    text = sent.doc.text
    a, b = span
    piece = text[a:b]
    if piece.count("“") > piece.count("”") or piece.count('"') % 2 == 1:
        limit = sent.end_char
        close = min((i for i in (text.find("”", b, limit), text.find('"', b, limit)) if i >= 0), default=-1)
        if close >= 0 and close - b <= 3:
            return a, close + 1
        opening = max(piece.rfind("“"), piece.rfind('"'))
        whole = next((q for q in quotes if q[0] == a + opening), None)
        if whole is not None and whole[1] > b and close < 0:
            return a, whole[1]
    return span


def trailing_cue_content(sent: Any, verb: Any, source: Any | None) -> list[tuple[int, int]]:
    """`..., CPA reported.` / `..., sources said.` / `...," adds the report.`: when the cue and its source close
    the sentence after a comma or a closing quote, everything before is the content."""
    if source is None:
        return []
    first = min(verb.i, source.left_edge.i)
    last = max(verb.i, source.right_edge.i)
    cited = {t.i for c in verb.children if citing(c) is not None for t in c.subtree}  # "..., citing Y."
    tail = [t for t in sent if t.i > last and t.i not in cited]
    if any(not t.is_punct for t in tail) and not all(t.dep_ in ("prep", "pobj", "det", "amod", "punct", "npadvmod",
                                                                  "advmod", "compound") for t in tail):
        return []
    before = verb.doc[first - 1] if first > sent.start else None
    if before is None or before.text not in (",", "”", "’", "\"", "—", "–"):
        return []
    return pieces([t for t in sent if t.i < first])


def has_quote(sent: Any, quotes: list[tuple[int, int]]) -> bool:
    return any(a < sent.end_char and sent.start_char < b for a, b in quotes)


def quotes_in(sent: Any, quotes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    return [(max(a, sent.start_char), min(b, sent.end_char)) for a, b in quotes
            if a < sent.end_char and sent.start_char < b]
