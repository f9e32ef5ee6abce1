"""The source graph: who takes from whom, article to article and outlet to outlet, with the characters
copied, paraphrased and quoted and how much of it is credited. Written as JSON or as GraphML (Gephi, yEd,
networkx read it).

At the outlet level an article whose outlet is unknown stands for itself (a node of kind `article`, with its
id as key and its title as label): unknown outlets are never merged into one node, which would draw
unrelated articles as one source copying from itself."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Any
from xml.sax.saxutils import quoteattr

from ..records import Alignment, Article
from ..store import Store
from .origins import sources_of

EDGE_FIELDS = ("copied", "paraphrased", "quoted", "credited", "uncredited", "articles")


def _by_target(store: Store) -> Iterator[tuple[str, list[Alignment]]]:
    groups: dict[str, list[Alignment]] = defaultdict(list)
    for al in store.all_alignments():
        if al.decided:
            groups[al.target].append(al)
    yield from groups.items()


def source_graph(store: Store) -> dict[str, Any]:
    """Nodes and weighted edges at both levels. Edge weights are characters of the taking article (spaces
    left out): `credited` counts those taken from a source the article names, `uncredited` the rest."""
    article_edges: list[dict[str, Any]] = []
    nodes: dict[str, Article] = {}
    for target_id, alignments in _by_target(store):
        wanted = [target_id] + sorted({al.source for al in alignments})
        found = {a.id: a for a in store.get_articles(wanted)}
        target = found.get(target_id)
        if target is None:
            continue
        total = sum(1 for ch in target.text if not ch.isspace()) or 1
        for source in sources_of(target, alignments, found, total):
            chars = {k: round(source[k] * total) for k in ("copied", "paraphrased", "quoted")}
            taken = chars["copied"] + chars["paraphrased"]
            article_edges.append({"source": source["article"], "target": target_id, **chars,
                                  "credited": taken if source["credit"] else 0,
                                  "uncredited": 0 if source["credit"] else taken, "credit": source["credit"]})
            nodes.update({i: found[i] for i in (target_id, source["article"]) if i in found})
    outlet_edges: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: dict.fromkeys(EDGE_FIELDS, 0))
    for edge in article_edges:
        key = (_node(edge["source"], nodes), _node(edge["target"], nodes))
        for field in EDGE_FIELDS[:-1]:
            outlet_edges[key][field] += edge[field]
        outlet_edges[key]["articles"] += 1
    outlets: dict[str, int] = defaultdict(int)
    for article in nodes.values():
        outlets[_node(article.id, nodes)] += 1
    return {
        "articles": {
            "nodes": [{"id": a.id, "outlet": a.outlet, "title": a.title, "published": a.published}
                      for a in sorted(nodes.values(), key=lambda a: a.seq)],
            "edges": article_edges},
        "outlets": {
            "nodes": [{"id": key, **_outlet_node(key, nodes), "articles": n} for key, n in sorted(outlets.items())],
            "edges": [{"source": s, "target": t, **w} for (s, t), w in sorted(outlet_edges.items())]},
    }


def _node(article_id: str, nodes: dict[str, Article]) -> str:
    """The outlet-level node of an article: its outlet, or the article itself when the outlet is unknown."""
    article = nodes.get(article_id)
    return article.outlet if article is not None and article.outlet else article_id


def _outlet_node(key: str, nodes: dict[str, Article]) -> dict[str, str]:
    article = nodes.get(key)
    if article is None or article.outlet:
        return {"kind": "outlet", "label": key}
    return {"kind": "article", "label": article.title or f"article {article.id[:12]}"}


def to_graphml(graph: dict[str, Any], level: str) -> str:
    """One directed graph at the chosen level ("outlets" or "articles"), every field as a GraphML key."""
    part = graph[level]
    node_keys = [k for k in (part["nodes"][0] if part["nodes"] else {}) if k != "id"]
    edge_keys = [k for k in (part["edges"][0] if part["edges"] else {}) if k not in ("source", "target")]
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">']
    for key in node_keys:
        lines.append(f'  <key id="n_{key}" for="node" attr.name="{key}" attr.type="{_type(part["nodes"], key)}"/>')
    for key in edge_keys:
        lines.append(f'  <key id="e_{key}" for="edge" attr.name="{key}" attr.type="{_type(part["edges"], key)}"/>')
    lines.append(f'  <graph id="newstrace-{level}" edgedefault="directed">')
    for node in part["nodes"]:
        lines.append(f'    <node id={quoteattr(str(node["id"]))}>')
        lines += [f'      <data key="n_{k}">{_text(node[k])}</data>' for k in node_keys if node[k] is not None]
        lines.append("    </node>")
    for n, edge in enumerate(part["edges"]):
        lines.append(f'    <edge id="e{n}" source={quoteattr(str(edge["source"]))} '
                     f'target={quoteattr(str(edge["target"]))}>')
        lines += [f'      <data key="e_{k}">{_text(edge[k])}</data>' for k in edge_keys if edge[k] is not None]
        lines.append("    </edge>")
    lines += ["  </graph>", "</graphml>"]
    return "\n".join(lines) + "\n"


def _type(items: list[dict[str, Any]], key: str) -> str:
    values = [i[key] for i in items if i[key] is not None]
    if values and all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        return "long"
    return "string"


def _text(value: Any) -> str:
    from xml.sax.saxutils import escape

    return escape(str(value))
