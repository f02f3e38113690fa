// The character network as SVG: a d3-force layout computed once (synchronously, so the same data
// always draws the same picture), nodes sized by importance and coloured by community, lines as
// wide as the relation is strong, labels in Hangul and Latin. Every node is a focusable element
// with data-testid="character-node" and data-entity-id.
import { forceCenter, forceCollide, forceLink, forceManyBody, forceSimulation, forceX, forceY } from "d3-force";
import { romanize } from "./romanize.js";

const SVG = "http://www.w3.org/2000/svg";
export const PALETTE = ["#f472b6", "#60a5fa", "#34d399", "#fbbf24", "#a78bfa", "#f87171", "#2dd4bf", "#fb923c"];
const WIDTH = 820;
const HEIGHT = 560;
const TICKS = 300;

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

export function layout(nodes, edges) {
  const placed = nodes.map((n) => ({ ...n, r: radius(n.importance) }));
  const links = pairs(edges).map((p) => ({ ...p }));
  const simulation = forceSimulation(placed)
    .force("link", forceLink(links).id((d) => d.id).distance((l) => 150 - 60 * Math.min(1, l.strength / 1.5))
      .strength((l) => 0.15 + 0.5 * Math.min(1, l.strength / 1.5)))
    .force("charge", forceManyBody().strength(-520))
    .force("collide", forceCollide().radius((d) => d.r + 26))
    .force("x", forceX(WIDTH / 2).strength(0.06))
    .force("y", forceY(HEIGHT / 2).strength(0.09))
    .force("center", forceCenter(WIDTH / 2, HEIGHT / 2))
    .stop();
  for (let i = 0; i < TICKS; i += 1) simulation.tick();
  fit(placed);
  return { nodes: placed, links };
}

/** Scales the layout to fill the drawing, keeping its proportions (room left for the labels). */
function fit(nodes) {
  if (!nodes.length) return;
  const box = { left: 70, right: WIDTH - 70, top: 16, bottom: HEIGHT - 44 };
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
  const { nodes: placed, links } = layout(nodes, edges);
  const root = svg(doc, "svg", { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: "network", role: "group",
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
    const latin = romanize(node.name, { personal: node.type === "character" });
    const item = svg(doc, "g", {
      testid: "character-node", "data-entity-id": node.id, "data-community": node.community,
      transform: `translate(${node.x.toFixed(1)},${node.y.toFixed(1)})`, tabindex: 0, role: "button",
      "aria-label": latin ? `${node.name} (${latin})` : node.name,
      "aria-pressed": node.id === selectedId ? "true" : "false", class: "node",
    });
    item.append(svg(doc, "circle", { r: node.r.toFixed(1), fill: colour(node.community) }));
    item.append(svgText(doc, { class: "name", y: (node.r + 15).toFixed(1), "text-anchor": "middle" }, node.name));
    if (latin) {
      item.append(svgText(doc, { class: "latin", y: (node.r + 29).toFixed(1), "text-anchor": "middle" }, latin));
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
