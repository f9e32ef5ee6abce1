// The source graph: a small force layout of the outlets (no library), drawn as SVG from /api/graph.
// Every label goes in through textContent, never as markup. The table of edges below comes with the page.
"use strict";
const SVG = "http://www.w3.org/2000/svg";

function layout(nodes, edges, width, height) {
  nodes.forEach((n, i) => {
    const angle = (2 * Math.PI * i) / nodes.length;
    n.x = width / 2 + (width / 3) * Math.cos(angle);
    n.y = height / 2 + (height / 3) * Math.sin(angle);
  });
  const index = new Map(nodes.map((n, i) => [n.id, i]));
  for (let step = 0; step < 300; step++) {
    const cool = 1 - step / 300;
    for (const a of nodes) { a.dx = 0; a.dy = 0; }
    for (let i = 0; i < nodes.length; i++) {
      for (let j = i + 1; j < nodes.length; j++) {
        const a = nodes[i], b = nodes[j];
        let dx = a.x - b.x, dy = a.y - b.y;
        const d2 = Math.max(dx * dx + dy * dy, 25);
        const push = 9000 / d2;
        dx *= push / Math.sqrt(d2); dy *= push / Math.sqrt(d2);
        a.dx += dx; a.dy += dy; b.dx -= dx; b.dy -= dy;
      }
    }
    for (const e of edges) {
      const a = nodes[index.get(e.source)], b = nodes[index.get(e.target)];
      const dx = b.x - a.x, dy = b.y - a.y, d = Math.max(Math.hypot(dx, dy), 1);
      const pull = (d - 140) * 0.05;
      a.dx += (dx / d) * pull; a.dy += (dy / d) * pull; b.dx -= (dx / d) * pull; b.dy -= (dy / d) * pull;
    }
    for (const n of nodes) {
      n.x = Math.min(width - 60, Math.max(60, n.x + Math.max(-20, Math.min(20, n.dx)) * cool));
      n.y = Math.min(height - 30, Math.max(30, n.y + Math.max(-20, Math.min(20, n.dy)) * cool));
    }
  }
}

function el(name, attrs, parent) {
  const node = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  parent.appendChild(node);
  return node;
}

async function draw() {
  const svg = document.getElementById("graph");
  const data = (await (await fetch("/api/graph")).json()).outlets;
  const nodes = data.nodes.map((n) => ({ ...n }));
  const edges = data.edges.filter((e) => e.copied + e.paraphrased > 0 || e.quoted > 0);
  layout(nodes, edges, 800, 560);
  const at = new Map(nodes.map((n) => [n.id, n]));
  const name = (id) => (at.get(id) || {}).label || id;  // an article without an outlet is shown by its title
  const defs = el("defs", {}, svg);
  const marker = el("marker", { id: "arrow", viewBox: "0 0 10 10", refX: "10", refY: "5", markerWidth: "12",
    markerHeight: "12", markerUnits: "userSpaceOnUse", orient: "auto-start-reverse" }, defs);
  el("path", { d: "M 0 0 L 10 5 L 0 10 z", class: "arrowhead" }, marker);
  const heaviest = Math.max(1, ...edges.map((e) => e.copied + e.paraphrased));
  for (const e of edges) {
    const a = at.get(e.source), b = at.get(e.target);
    const weight = e.copied + e.paraphrased;
    const d = Math.max(Math.hypot(b.x - a.x, b.y - a.y), 1), stop = 9 + 3 * Math.sqrt(b.articles);  // end at the rim
    const line = el("line", { x1: a.x, y1: a.y, x2: b.x - ((b.x - a.x) / d) * stop, y2: b.y - ((b.y - a.y) / d) * stop,
      "marker-end": "url(#arrow)",
      class: "edge " + (e.uncredited > e.credited ? "uncredited" : "credited"),
      "stroke-width": String(1 + 7 * (weight / heaviest)) }, svg);
    el("title", {}, line).textContent =
      `${name(e.source)} → ${name(e.target)}: ${e.copied} copied, ${e.paraphrased} paraphrased, ${e.quoted} quoted characters; ` +
      `${e.credited} credited, ${e.uncredited} not (${e.articles} article pairs)`;
  }
  for (const n of nodes) {
    const href = n.kind === "article" ? "/articles/" + encodeURIComponent(n.id) : "/?outlet=" + encodeURIComponent(n.id);
    const link = el("a", { href }, svg);
    el("circle", { cx: n.x, cy: n.y, r: String(6 + 3 * Math.sqrt(n.articles)), class: "node" }, link);
    const label = el("text", { x: n.x + 10, y: n.y - 10, class: "label" }, link);
    label.textContent = n.label || n.id;
    el("title", {}, link).textContent = `${n.label || n.id}: ${n.articles} article(s) in the graph`;
  }
}

document.addEventListener("DOMContentLoaded", draw);
