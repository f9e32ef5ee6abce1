"""Where each sentence came from, and how original each article is.

Every sentence of an analysed article gets one label, the strongest of the facts found for it, and keeps
every fact as evidence:

- `copied`: a verbatim or near-verbatim passage taken from an earlier article (the reuse direction decided);
- `paraphrased`: a paraphrase of one;
- `shared`: text found word for word or closely paraphrased in another article, where the direction of the
  copying is unknown (neither article's own, nor proven taken: shown as "shared, direction unknown");
- `shared_quote`: a quotation that another article carries too;
- `attributed`: the sentence reports what a source said, through its chain of outlets;
- `original`: none of these.

A fact counts for a sentence when its spans cover at least half of the sentence's characters. Originality
counts characters (spaces left out) the same way: each character takes the strongest label over it, so the
shares of the labels add up to 1. `derived` is copied + paraphrased; `taken` (what "N% taken" means on every
face) is the same. Alignments of kind `template` (one outlet's recurring formula) and findings with weak
evidence ("similar wording") count for no label: they are shown apart, never as reuse.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from ..records import Alignment, Article
from ..reuse.direction import credit_for
from ..reuse.summary import COPIED, union_length
from ..text.tokens import sentences

LABELS = ("copied", "paraphrased", "shared", "shared_quote", "attributed", "original")  # strongest first
_RANK = {label: n for n, label in enumerate(LABELS)}
COVERS = 0.5  # share of a sentence a fact must cover to count for it


@dataclass
class SentenceOrigin:
    article: str
    span: tuple[int, int]
    label: str
    evidence: list[dict[str, Any]] = field(default_factory=list)

    def public(self, text: str) -> dict[str, Any]:
        return {"article": self.article, "span": list(self.span), "text": text[slice(*self.span)],
                "label": self.label, "evidence": self.evidence}


@dataclass
class Facts:
    """The spans of one article that each kind of fact covers, with the evidence to show for them."""

    spans: dict[str, list[tuple[tuple[int, int], dict[str, Any]]]] = field(default_factory=lambda: defaultdict(list))

    def add(self, label: str, span: tuple[int, int], evidence: dict[str, Any]) -> None:
        self.spans[label].append((span, evidence))


def reuse_label(al: Alignment) -> str:
    """The label an alignment gives the taking side's text (for the other side of an undecided one too)."""
    if al.quoted:
        return "shared_quote"
    if not al.decided:
        return "shared"
    return "copied" if al.kind in COPIED else "paraphrased"


def own_side(al: Alignment, article_id: str) -> tuple[tuple[int, int], str, tuple[int, int]] | None:
    """This article's span of the alignment, the other article and its span; None when the alignment gives
    this article nothing to label (it is the source of a decided one, or the alignment does not count)."""
    if not al.claims_reuse:  # a template with other figures, or weak "similar wording"
        return None
    if al.target == article_id:
        return al.target_span, al.source, al.source_span
    if al.source == article_id and not al.decided:
        return al.source_span, al.target, al.target_span
    return None


def article_facts(article: Article, alignments: list[Alignment], attributions: list[dict[str, Any]]) -> Facts:
    """What is known about the article's text: passages it takes from others (direction decided and it is the
    one taking), passages it shares with another where the direction is unknown (either side), and what it
    attributes to whom."""
    facts = Facts()
    for al in alignments:
        side = own_side(al, article.id)
        if side is None:
            continue
        span, other, other_span = side
        label = reuse_label(al)
        facts.add(label, span, {
            "kind": label, "from": other, "source_span": list(other_span), "target_span": list(span),
            "alignment": al.kind, "score": al.score,
            "direction": al.direction_reason if al.decided else "unknown"})
    by_id = {a["id"]: a for a in attributions}
    for att in attributions:
        if att["article"] != article.id:
            continue
        chain: list[str | None] = []
        node: dict[str, Any] | None = att
        while node is not None and len(chain) < 10:
            chain.append(node["source"]["canonical"] if node["source"] else None)
            node = by_id.get(node["parent"]) if node["parent"] else None
        evidence = {"kind": "attributed", "attribution": att["id"],
                    "source": att["source"]["canonical"] if att["source"] else None,
                    "source_kind": att["source"]["kind"] if att["source"] else None,
                    "chain": [c for c in reversed(chain)], "hedged": att["hedged"]}
        pieces = [tuple(c["span"]) for c in att["content"]] + [tuple(att["cue"]["span"])]
        pieces += [tuple(att["source"]["span"])] if att["source"] else []
        for piece in pieces:
            facts.add("attributed", piece, evidence)
    return facts


def label_sentences(article: Article, facts: Facts) -> list[SentenceOrigin]:
    out = []
    for start, end in sentences(article.text):
        length = end - start
        found: dict[str, list[dict[str, Any]]] = {}
        for label, spans in facts.spans.items():
            covered: list[tuple[int, int]] = []
            evidence: list[dict[str, Any]] = []
            for (a, b), item in spans:
                if a < end and start < b:
                    covered.append((max(a, start), min(b, end)))
                    if item not in evidence:
                        evidence.append(item)
            if covered and union_length(covered) >= COVERS * length:
                found[label] = evidence
        label = min(found, key=_RANK.__getitem__) if found else "original"
        ordered = [e for lab in sorted(found, key=_RANK.__getitem__) for e in found[lab]]
        out.append(SentenceOrigin(article.id, (start, end), label, ordered))
    return out


def solid_chars(text: str, spans: list[tuple[int, int]]) -> int:
    """Characters other than spaces in the union of the spans."""
    covered = bytearray(len(text))
    for a, b in spans:
        covered[max(0, a):max(0, min(b, len(text)))] = b"\x01" * max(0, min(b, len(text)) - max(0, a))
    return sum(1 for ch, c in zip(text, covered, strict=True) if c and not ch.isspace())


def originality(article: Article, facts: Facts, alignments: list[Alignment], others: dict[str, Article],
                wholly: float, partially: float) -> dict[str, Any]:
    """Shares of the article's characters (spaces left out) by strongest label, the derived class, and each
    article it draws on with its share and whether it says so."""
    text = article.text
    rank = [len(LABELS) - 1] * len(text)
    for label, spans in facts.spans.items():
        r = _RANK[label]
        for (a, b), _ in spans:
            for i in range(max(0, a), min(b, len(text))):
                if r < rank[i]:
                    rank[i] = r
    counts = [0] * len(LABELS)
    for ch, r in zip(text, rank, strict=True):
        if not ch.isspace():
            counts[r] += 1
    total = sum(counts) or 1
    shares = {label: round(counts[n] / total, 4) for n, label in enumerate(LABELS)}
    derived = round((counts[_RANK["copied"]] + counts[_RANK["paraphrased"]]) / total, 4)
    klass = "wholly_derived" if derived >= wholly else "partially_derived" if derived >= partially else \
        "non_derived"
    sources = sources_of(article, alignments, others, total)
    return {"article": article.id, "characters": sum(counts), **shares, "derived": derived, "class": klass,
            "sources": sources, "uncredited": [s["article"] for s in sources if not s["credited"]],
            "shared_with": [s["article"] for s in sources if s["shared"]]}


def sources_of(article: Article, alignments: list[Alignment], others: dict[str, Article],
             total: int) -> list[dict[str, Any]]:
    """Each other article this one has text in common with: what it takes from it (copied, paraphrased, with
    the direction decided), shares with it with the direction unknown, and quotes as it does; each as a share
    of this article's characters (spaces left out), the same measure as the originality shares."""
    per: dict[str, dict[str, list[tuple[int, int]]]] = defaultdict(lambda: defaultdict(list))
    for al in alignments:
        side = own_side(al, article.id)
        if side is not None:
            label = reuse_label(al)
            per[side[1]]["quoted" if label == "shared_quote" else label].append(side[0])
    out: list[dict[str, Any]] = []
    for source_id, kinds in per.items():
        source = others.get(source_id)
        copied = solid_chars(article.text, kinds["copied"])
        paraphrased = solid_chars(article.text, kinds["copied"] + kinds["paraphrased"]) - copied
        shared = solid_chars(article.text, kinds["copied"] + kinds["paraphrased"] + kinds["shared"]) \
            - copied - paraphrased
        every = [s for k in ("copied", "paraphrased", "shared", "quoted") for s in kinds[k]]
        quoted = solid_chars(article.text, every) - copied - paraphrased - shared
        credit = credit_for(article.text, source) if source is not None else None
        out.append({"article": source_id, "outlet": source.outlet if source else None,
                    "copied": round(copied / total, 4), "paraphrased": round(paraphrased / total, 4),
                    "shared": round(shared / total, 4), "quoted": round(quoted / total, 4),
                    "share": round((copied + paraphrased) / total, 4),
                    "direction": "taken" if copied + paraphrased else "unknown" if shared else "quoted",
                    # shared quotations alone need no credit: both carry someone else's words; text shared with
                    # the direction unknown cannot be called uncredited either
                    "credited": bool(credit) or copied + paraphrased == 0, "credit": credit})
    out.sort(key=lambda s: (-s["share"], -s["shared"], -s["quoted"], s["article"]))
    return out


def flat_originality(row: dict[str, Any], article: Article) -> dict[str, Any]:
    """One CSV row: the shares, then sources as ID:share:credited, separated by semicolons."""
    sources = ";".join(f"{s['article']}:{s['share']}:{'credited' if s['credited'] else 'uncredited'}"
                       for s in row["sources"])
    shares = ("characters", "copied", "paraphrased", "shared", "shared_quote", "attributed", "original", "derived",
              "class")
    return {"article": row["article"], "outlet": article.outlet, "title": article.title,
            **{k: row[k] for k in shares}, "sources": sources, "uncredited": ";".join(row["uncredited"])}
