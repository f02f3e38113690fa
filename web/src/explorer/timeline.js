// A character's timeline: one strip per episode the viewer has reached, time on the x axis, a mark
// per scene that names the character (data-testid="timeline-mark"), the first appearance marked.
import { formatTime } from "../format.js";
import { h } from "../panel/dom.js";

/** `episodes`: the ready episodes up to the bound, in order; `until`: seconds seen of the last one. */
export function drawTimeline(doc, container, { episodes, mentions, until, strings, onPick }) {
  const first = mentions.length ? mentions[0] : null;
  const strips = episodes.map((episode, i) => {
    const duration = Number(episode.duration) || Math.max(60, ...mentions.filter((m) => m.videoId === episode.id)
      .map((m) => m.at + 30));
    const track = h(doc, "div", { class: "track" });
    const last = i === episodes.length - 1;
    if (last && until < duration) {  // the part of the current episode not seen yet
      const unseen = h(doc, "div", { class: "unseen", title: strings.notYet });
      unseen.style.left = `${(100 * until) / duration}%`;
      track.append(unseen);
    }
    const own = mentions.filter((m) => m.videoId === episode.id);
    for (const mention of own) {
      const isFirst = mention === first;
      const mark = h(doc, "button", {
        type: "button", class: isFirst ? "mark first" : "mark", testid: "timeline-mark",
        "data-video-id": mention.videoId, "data-at": mention.at, "data-first": isFirst ? "true" : null,
        "aria-label": `${strings.episode(episode.episode ?? "?", "")} ${formatTime(mention.at)}`
          + (isFirst ? ` · ${strings.firstAppearance}` : ""),
        title: mention.line ? mention.line.text : formatTime(mention.at),
      });
      mark.style.left = `${Math.min(100, (100 * mention.at) / duration)}%`;
      mark.addEventListener("click", () => onPick(mention, episode, mark));
      track.append(mark);
    }
    return h(doc, "li", { class: "strip", testid: "timeline-strip", "data-video-id": episode.id },
             h(doc, "span", { class: "episode", text: strings.episode(episode.episode ?? "?", "") }),
             track, h(doc, "span", { class: "count", text: String(own.length) }));
  });
  container.replaceChildren(h(doc, "ol", { class: "strips" }, strips));
}

/** The web player at `at` (rounded up to a tenth, so the line starting there is on screen). */
export function playerHref(videoId, at, lang) {
  const t = Math.ceil(Number(at) * 10) / 10;
  return `/watch/${encodeURIComponent(videoId)}?t=${t}${lang ? `&lang=${encodeURIComponent(lang)}` : ""}`;
}

/** The line at a mark and a link into the web player at that moment. */
export function markDetail(doc, { mention, episode, strings, lang }) {
  const href = playerHref(mention.videoId, mention.at, lang);
  return h(doc, "div", { class: "mark-detail", testid: "mark-detail" },
           h(doc, "p", { class: "where", text: `${strings.episode(episode.episode ?? "?", episode.title || "")} · `
             + formatTime(mention.at) }),
           h(doc, "blockquote", { testid: "mark-line", text: mention.line ? mention.line.text : "" }),
           h(doc, "a", { href, testid: "watch-link", text: strings.watchAt(formatTime(mention.at)) }));
}
