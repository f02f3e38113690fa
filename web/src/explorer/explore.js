// GET /explore/{seriesId}: the character network, a character's timeline and the questions
// dashboard, all bounded by an "as of" position (default: the end of the latest ready episode).
// Everything comes from the GraphQL API with `asOf`: the server leaves out what lies after it.
import { formatTime } from "../format.js";
import { h } from "../panel/dom.js";
import { graphql, pageLanguage } from "../player/common.js";
import { drawDashboard } from "./dashboard.js";
import { DEFAULT_VISIBLE, colour, drawNetwork, visibleNetwork } from "./network.js";
import { MENTIONS, NETWORK, QUESTIONS, SERIES } from "./queries.js";
import { romanize } from "./romanize.js";
import { explorerStrings } from "./strings.js";
import { drawTimeline, markDetail } from "./timeline.js";

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
const lang = params.get("lang");
const language = pageLanguage();
const strings = explorerStrings(language);
const seriesId = decodeURIComponent(location.pathname.replace(/^\/explore\//, "").replace(/\/+$/, ""));

const top = Number.parseInt(params.get("top") || "", 10);
// `top`: how many characters the network shows at first (the most important; the rest on demand)
const state = { episodes: [], videoId: null, timestamp: null, network: null, selected: null, generation: 0,
                limit: Number.isFinite(top) && top > 0 ? top : DEFAULT_VISIBLE, all: false };

function asOf() {
  return state.timestamp === null ? { videoId: state.videoId } : { videoId: state.videoId, timestamp: state.timestamp };
}

function episodeOf(videoId) {
  return state.episodes.find((e) => e.id === videoId);
}

function episodesUpToBound() {
  const bound = episodeOf(state.videoId);
  return state.episodes.filter((e) => e.ordinal <= bound.ordinal);
}

function firstSeenText(node) {
  const episode = episodeOf(node.firstAppearance.videoId);
  return `${strings.episode(episode ? episode.episode : "?", "")} ${formatTime(node.firstAppearance.at)}`;
}

async function main() {
  document.documentElement.lang = language;
  $("title").textContent = strings.title;
  $("back").textContent = `← ${strings.back}`;
  $("back").href = lang ? `/?lang=${encodeURIComponent(lang)}` : "/";
  $("as-of-label").textContent = strings.asOf;
  $("as-of-hint").textContent = strings.asOfHint;
  $("network-title").textContent = strings.network;
  $("network-hint").textContent = strings.networkHint;
  $("timeline-title").textContent = strings.timeline;
  $("timeline-hint").textContent = strings.timelineHint;
  $("questions-title").textContent = strings.questions;
  $("network-more").addEventListener("click", () => {
    state.all = !state.all;
    drawCharacters();
  });
  let series;
  try {
    series = (await graphql(SERIES, { id: seriesId })).series;
  } catch {
    fail(strings.failed);
    return;
  }
  if (!series || !series.videos.length) {
    fail(strings.notFound);
    return;
  }
  $("series-title").textContent = series.title || series.id;
  document.title = `${series.title || series.id} · ${strings.title}`;
  state.episodes = series.videos;
  const asked = episodeOf(params.get("asOf"));
  state.videoId = (asked || state.episodes[state.episodes.length - 1]).id;
  const t = Number(params.get("t"));
  state.timestamp = asked && params.has("t") && Number.isFinite(t) && t >= 0 ? t : null;
  buildSelector();
  await refresh();
}

function fail(message) {
  $("status").textContent = message;
  document.body.dataset.state = "failed";
}

function buildSelector() {
  const select = $("as-of-episode");
  select.replaceChildren(...state.episodes.map((e) => h(document, "option", {
    value: e.id, text: strings.episode(e.episode ?? "?", e.title || ""), selected: e.id === state.videoId })));
  const range = $("as-of-time");
  const output = $("as-of-output");
  const sync = () => {
    const episode = episodeOf(state.videoId);
    const duration = Math.ceil(Number(episode.duration) || 0);
    range.max = String(duration);
    range.value = String(state.timestamp === null ? duration : Math.min(duration, state.timestamp));
    range.disabled = !duration;
    output.textContent = state.timestamp === null ? `${formatTime(duration)} · ${strings.wholeEpisode}`
      : formatTime(state.timestamp);
  };
  select.addEventListener("change", () => {
    state.videoId = select.value;
    state.timestamp = null;
    sync();
    refresh();
  });
  range.addEventListener("input", () => {
    output.textContent = formatTime(Number(range.value));
  });
  range.addEventListener("change", () => {
    const value = Number(range.value);
    state.timestamp = value >= Number(range.max) ? null : value;
    sync();
    refresh();
  });
  sync();
}

async function refresh() {
  const generation = ++state.generation;
  document.body.dataset.state = "loading";
  const query = new URLSearchParams(location.search);
  query.set("asOf", state.videoId);
  if (state.timestamp === null) query.delete("t");
  else query.set("t", String(state.timestamp));
  history.replaceState(null, "", `${location.pathname}?${query}`);
  let network;
  let stats;
  try {
    [network, stats] = await Promise.all([
      graphql(NETWORK, { id: seriesId, asOf: asOf() }).then((d) => d.series.network),
      graphql(QUESTIONS, { id: seriesId, asOf: asOf() }).then((d) => d.stats),
    ]);
  } catch {
    if (generation === state.generation) fail(strings.failed);
    return;
  }
  if (generation !== state.generation) return;  // a newer position was chosen meanwhile
  state.network = network;
  $("status").textContent = network.nodes.length ? "" : strings.noCharacters;
  drawCharacters();
  drawDashboard(document, $("questions"), { stats, episodes: state.episodes, strings, lang });
  const still = state.selected && network.nodes.find((n) => n.id === state.selected);
  if (still) await pick(still, generation);
  else clearCharacter();
  if (generation === state.generation) document.body.dataset.state = "ready";
}

/** The network as the viewer asked for it: the most important characters, or all of them. */
function drawCharacters() {
  const network = state.network;
  const shown = visibleNetwork(network, state.all ? network.nodes.length : state.limit, state.selected);
  drawNetwork(document, $("network"), shown, { onHover: showTooltip, onPick: pick, selectedId: state.selected });
  const more = $("network-more");
  more.hidden = network.nodes.length <= state.limit;
  more.textContent = state.all ? strings.showFewer(state.limit) : strings.showAll(network.nodes.length);
  more.setAttribute("aria-expanded", state.all ? "true" : "false");
  $("network-count").textContent = more.hidden || state.all ? "" : strings.showing(shown.nodes.length, network.nodes.length);
}

function showTooltip(node, element) {
  const tip = $("tooltip");
  if (!node) {
    tip.hidden = true;
    return;
  }
  const latin = romanize(node.name, { personal: node.type === "character" });
  tip.replaceChildren(...[
    h(document, "strong", { text: node.name }), latin ? h(document, "span", { class: "latin", text: ` ${latin}` }) : null,
    node.aliases.length ? h(document, "p", { text: `${strings.aliases}: ${node.aliases.join(", ")}` }) : null,
    h(document, "p", { text: `${strings.firstAppearance}: ${firstSeenText(node)}` }),
    node.description ? h(document, "p", { class: "description", text: node.description }) : null].filter(Boolean));
  const box = element.getBoundingClientRect();
  const host = $("network-card").getBoundingClientRect();
  tip.style.left = `${Math.round(box.right - host.left + 8)}px`;
  tip.style.top = `${Math.round(box.top - host.top)}px`;
  tip.hidden = false;
}

function clearCharacter() {
  state.selected = null;
  $("character").replaceChildren(h(document, "p", { class: "empty", text: strings.pickCharacter }));
  $("timeline").replaceChildren();
  $("mark").replaceChildren();
}

async function pick(node, generation = state.generation) {
  state.selected = node.id;
  for (const item of document.querySelectorAll('[data-testid="character-node"]')) {
    item.setAttribute("aria-pressed", item.dataset.entityId === node.id ? "true" : "false");
  }
  const latin = romanize(node.name, { personal: node.type === "character" });
  const swatch = h(document, "span", { class: "swatch" });
  swatch.style.background = colour(node.community);
  $("character").replaceChildren(...[
    h(document, "h3", { testid: "character-name" }, swatch, node.name,
      latin ? h(document, "span", { class: "latin", text: latin }) : null),
    node.description ? h(document, "p", { class: "description", text: node.description }) : null,
    h(document, "p", { class: "meta", text: [`${strings.firstAppearance}: ${firstSeenText(node)}`,
                                             strings.mentions(node.mentionCount),
                                             node.aliases.length ? `${strings.aliases}: ${node.aliases.join(", ")}` : null]
      .filter(Boolean).join(" · ") })].filter(Boolean));
  $("mark").replaceChildren();
  let mentions;
  try {
    mentions = (await graphql(MENTIONS, { id: node.id, asOf: asOf() })).entity.mentions;
  } catch {
    fail(strings.failed);
    return;
  }
  if (generation !== state.generation || state.selected !== node.id) return;
  const until = state.timestamp === null ? Infinity : state.timestamp;
  drawTimeline(document, $("timeline"), {
    episodes: episodesUpToBound(), mentions, until, strings,
    onPick: (mention, episode, mark) => {
      for (const other of document.querySelectorAll('[data-testid="timeline-mark"]')) other.removeAttribute("aria-current");
      mark.setAttribute("aria-current", "true");
      $("mark").replaceChildren(markDetail(document, { mention, episode, strings, lang }));
    },
  });
}

main();
