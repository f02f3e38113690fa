// The questions dashboard: the lines asked about most and, per episode, the share of answers
// found helpful — only what was asked about moments the viewer has seen.
import { formatTime } from "../format.js";
import { h } from "../panel/dom.js";
import { playerHref } from "./timeline.js";

export function drawDashboard(doc, container, { stats, episodes, strings, lang }) {
  const byId = new Map(episodes.map((e) => [e.id, e]));
  const label = (videoId) => {
    const episode = byId.get(videoId);
    return episode ? strings.episode(episode.episode ?? "?", "") : videoId;
  };
  if (!stats.mostAskedLines.length) {
    container.replaceChildren(h(doc, "p", { class: "empty", text: strings.questionsEmpty }));
    return;
  }
  const lines = stats.mostAskedLines.map((line) => h(doc, "li", { testid: "asked-line" },
    h(doc, "q", { text: line.text }),
    h(doc, "span", { class: "meta", text: `${label(line.videoId)} · ${strings.asked(line.count)} · `
      + strings.helpful(line.helpfulShare) }),
    line.at != null ? h(doc, "a", { href: playerHref(line.videoId, line.at, lang), text: formatTime(line.at) }) : null));
  const rows = stats.episodes.map((e) => {
    const bar = h(doc, "span", { class: "bar" }, h(doc, "span", { class: "fill" }));
    bar.firstChild.style.width = `${Math.round(100 * (e.helpfulShare ?? 0))}%`;
    return h(doc, "li", { testid: "episode-questions", "data-video-id": e.videoId },
             h(doc, "span", { class: "episode", text: label(e.videoId) }),
             h(doc, "span", { class: "n", text: strings.asked(e.questions) }), bar,
             h(doc, "span", { class: "share", text: strings.helpful(e.helpfulShare) }));
  });
  container.replaceChildren(h(doc, "ol", { class: "asked" }, lines),
                            h(doc, "h3", { text: strings.perEpisode }), h(doc, "ol", { class: "per-episode" }, rows));
}
