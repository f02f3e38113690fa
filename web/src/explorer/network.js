// The character network as SVG: a d3-force layout computed once (synchronously, so the same data
// always draws the same picture), nodes sized by importance and coloured by community, lines as
// wide as the relation is strong, labels in Hangul and Latin that never overlap (each node and its
// label are one box, kept apart from every other). Every node is a focusable element with
// data-testid="character-node" and data-entity-id. A real drama has dozens of characters: the
// page draws the most important ones (`visibleNetwork`) and offers the rest on demand.
import { forceCenter, forceCollide, forceLink, forceManyBody, forceSimulation, forceX, forceY } from "d3-force";
import { romanize } from "./romanize.js";

const SVG = "http://www.w3.org/2000/svg";
export const PALETTE = ["#f472b6", "#60a5fa", "#34d399", "#fbbf24", "#a78bfa", "#f87171", "#2dd4bf", "#fb923c"];
const WIDTH = 820;
const HEIGHT = 560;
// more characters than the default get a taller drawing, so their labels still fit
export const heightFor = (count) => Math.round(HEIGHT * Math.max(1, Math.sqrt(count / DEFAULT_VISIBLE)));
const TICKS = 300;
// the characters drawn at first: a viewer reads a dozen or so names at a glance
export const DEFAULT_VISIBLE = 15;
const NAME_SIZE = 15;
const LATIN_SIZE = 11.5;
const LABEL_GAP = 4;

export const radius = (importance) => 10 + 22 * Math.sqrt(Math.max(0, Number(importance) || 0));
export const colour = (community) => PALETTE[Math.abs(Number(community) || 0) % PALETTE.length];

function svg(doc, tag, attributes = {}, ...children) {
  const element = doc.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined) continue;
    if (name === "testid") element.setAttribute("data-testid", value);
    else element.setAttribute(name, String(value));
  }
  for (const child of children) if (child) element.append(child);
  return element;
}

function svgText(doc, attributes, text) {
  const element = svg(doc, "text", attributes);
  element.textContent = text;
  return element;
}

/** One line per pair of entities: strengths added, the relation types listed. */
export function pairs(edges) {
  const byPair = new Map();
  for (const edge of edges) {
    const [a, b] = edge.source < edge.target ? [edge.source, edge.target] : [edge.target, edge.source];
    const key = `${a}\u0000${b}`;
    const pair = byPair.get(key) || { source: a, target: b, strength: 0, types: [] };
    pair.strength += Number(edge.strength) || 0;
    if (!pair.types.includes(edge.type)) pair.types.push(edge.type);
    byPair.set(key, pair);
  }
  return [...byPair.values()];
}

/** The `limit` most important characters (and the selected one), with the lines among them. */
export function visibleNetwork({ nodes, edges }, limit = DEFAULT_VISIBLE, selectedId = null) {
  const ranked = [...nodes].sort((a, b) => (Number(b.importance) || 0) - (Number(a.importance) || 0)
    || (Number(b.mentionCount) || 0) - (Number(a.mentionCount) || 0) || String(a.id).localeCompare(String(b.id)));
  const shown = ranked.slice(0, Math.max(0, limit));
  const selected = selectedId && !shown.some((n) => n.id === selectedId) && ranked.find((n) => n.id === selectedId);
  if (selected) shown.push(selected);
  const ids = new Set(shown.map((n) => n.id));
  return { nodes: shown, edges: edges.filter((e) => ids.has(e.source) && ids.has(e.target)), total: nodes.length };
}

/** Width of a text in px, estimated the same way everywhere (no DOM): Hangul and other wide
 *  characters take about a font size, Latin letters a little over half of one. */
export function textWidth(text, size) {
  let width = 0;
  for (const char of String(text || "")) width += /[\u1100-\u11ff\u3000-\u9fff\uac00-\ud7af\uff00-\uffef]/.test(char)
    ? size : /[A-Z]/.test(char) ? 0.68 * size : 0.56 * size;
  return width;
}

/** The box a node and its label take: the circle, and under it the name and its Latin form. */
export function nodeBox(node) {
  const latin = node.latin === undefined ? romanize(node.name, { personal: node.type === "character" }) : node.latin;
  const half = Math.max(node.r, textWidth(node.name, NAME_SIZE) / 2, latin ? textWidth(latin, LATIN_SIZE) / 2 : 0) + 3;
  const below = node.r + LABEL_GAP + NAME_SIZE + (latin ? LATIN_SIZE + 4 : 0) + 3;
  return { left: node.x - half, right: node.x + half, top: node.y - node.r, bottom: node.y + below };
}

export function overlaps(a, b) {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

/** Moves nodes apart until no two boxes overlap (or a crowd leaves no room), inside the drawing:
 *  each step pushes an overlapping pair apart along the axis where they overlap least. */
export function separate(nodes, area) {
  const clamp = (node) => {
    const box = nodeBox(node);
    if (box.left < area.left) node.x += area.left - box.left;
    else if (box.right > area.right) node.x -= box.right - area.right;
    if (box.top < area.top) node.y += area.top - box.top;
    else if (box.bottom > area.bottom) node.y -= box.bottom - area.bottom;
  };
  for (const node of nodes) clamp(node);
  for (let round = 0; round < 400; round += 1) {
    let moved = false;
    for (let i = 0; i < nodes.length; i += 1) {
      for (let j = i + 1; j < nodes.length; j += 1) {
        const [a, b] = [nodeBox(nodes[i]), nodeBox(nodes[j])];
        if (!overlaps(a, b)) continue;
        moved = true;
        const dx = Math.min(a.right - b.left, b.right - a.left) + 1;
        const dy = Math.min(a.bottom - b.top, b.bottom - a.top) + 1;
        const [first, second] = [nodes[i], nodes[j]];
        if (dx <= dy) {
          const sign = first.x < second.x || (first.x === second.x && i < j) ? -1 : 1;
          first.x += sign * dx / 2;
          second.x -= sign * dx / 2;
        } else {
          const sign = first.y < second.y || (first.y === second.y && i < j) ? -1 : 1;
          first.y += sign * dy / 2;
          second.y -= sign * dy / 2;
        }
        clamp(first);
        clamp(second);
      }
    }
    if (!moved) break;
  }
  return nodes;
}

export function layout(nodes, edges) {
  const height = heightFor(nodes.length);
  const placed = nodes.map((n) => ({ ...n, r: radius(n.importance),
                                     latin: romanize(n.name, { personal: n.type === "character" }) }));
  const links = pairs(edges).map((p) => ({ ...p }));
  const simulation = forceSimulation(placed)
    .force("link", forceLink(links).id((d) => d.id).distance((l) => 150 - 60 * Math.min(1, l.strength / 1.5))
      .strength((l) => 0.15 + 0.5 * Math.min(1, l.strength / 1.5)))
    .force("charge", forceManyBody().strength(-520))
    .force("collide", forceCollide().radius((d) => {
      const box = nodeBox({ ...d, x: 0, y: 0 });
      return Math.max(d.r + 26, (box.right - box.left) / 2 + 8);
    }))
    .force("x", forceX(WIDTH / 2).strength(0.06))
    .force("y", forceY(height / 2).strength(0.09))
    .force("center", forceCenter(WIDTH / 2, height / 2))
    .stop();
  for (let i = 0; i < TICKS; i += 1) simulation.tick();
  fit(placed, height);
  separate(placed, { left: 0, right: WIDTH, top: 0, bottom: height });
  return { nodes: placed, links, height };
}

/** Scales the layout to fill the drawing, keeping its proportions (room left for the labels). */
function fit(nodes, height) {
  if (!nodes.length) return;
  const box = { left: 70, right: WIDTH - 70, top: 16, bottom: height - 44 };
  const xs = nodes.map((n) => n.x);
  const ys = nodes.map((n) => n.y);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const pad = Math.max(...nodes.map((n) => n.r));
  const scale = Math.min((box.right - box.left - 2 * pad) / Math.max(1, x1 - x0),
                         (box.bottom - box.top - 2 * pad) / Math.max(1, y1 - y0), 3);
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  for (const node of nodes) {
    node.x = WIDTH / 2 + (node.x - cx) * scale;
    node.y = (box.top + box.bottom) / 2 + (node.y - cy) * scale;
  }
}

/** Draws the network into `container`; `onHover(node|null, element)`, `onPick(node)`. */
export function drawNetwork(doc, container, { nodes, edges }, { onHover, onPick, selectedId }) {
  const { nodes: placed, links, height } = layout(nodes, edges);
  const root = svg(doc, "svg", { viewBox: `0 0 ${WIDTH} ${height}`, class: "network", role: "group",
                                 "aria-label": "character network" });
  const lines = svg(doc, "g", { class: "links" });
  for (const link of links) {
    const width = 1 + 6 * Math.min(1, link.strength / 1.5);
    const line = svg(doc, "line", {
      x1: link.source.x.toFixed(1), y1: link.source.y.toFixed(1), x2: link.target.x.toFixed(1),
      y2: link.target.y.toFixed(1), "stroke-width": width.toFixed(2),
      class: link.types.some((t) => t !== "co_appearance") ? "link typed" : "link",
      "data-source": link.source.id, "data-target": link.target.id,
    });
    line.append(svgText(doc, {}, `${link.source.name} – ${link.target.name}: ${link.types.join(", ")}`));
    lines.append(line);
  }
  root.append(lines);
  const group = svg(doc, "g", { class: "nodes" });
  for (const node of placed) {
    const { latin } = node;
    const item = svg(doc, "g", {
      testid: "character-node", "data-entity-id": node.id, "data-community": node.community,
      transform: `translate(${node.x.toFixed(1)},${node.y.toFixed(1)})`, tabindex: 0, role: "button",
      "aria-label": latin ? `${node.name} (${latin})` : node.name,
      "aria-pressed": node.id === selectedId ? "true" : "false", class: "node",
    });
    item.append(svg(doc, "circle", { r: node.r.toFixed(1), fill: colour(node.community) }));
    item.append(svgText(doc, { class: "name", y: (node.r + LABEL_GAP + NAME_SIZE - 2).toFixed(1),
                               "text-anchor": "middle" }, node.name));
    if (latin) {
      item.append(svgText(doc, { class: "latin", y: (node.r + LABEL_GAP + NAME_SIZE + LATIN_SIZE + 2).toFixed(1),
                                 "text-anchor": "middle" }, latin));
    }
    item.addEventListener("mouseenter", () => onHover(node, item));
    item.addEventListener("focus", () => onHover(node, item));
    item.addEventListener("mouseleave", () => onHover(null, item));
    item.addEventListener("blur", () => onHover(null, item));
    item.addEventListener("click", () => onPick(node));
    item.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        onPick(node);
      }
    });
    group.append(item);
  }
  root.append(group);
  container.replaceChildren(root);
  return root;
}
