// Netflix: the title id from /watch/<id>, title/season/episode from the player's title block,
// captions drawn in .player-timedtext, and the TTML/DFXP documents the player downloads (seen by
// page-hook.js). The <video> element's time is the player's time.
import { largestVideo } from "./html5.js";
import { parseTtml } from "./timing.js";

export const netflix = {
  platform: "netflix",
  matches: (location) => /(^|\.)netflix\.com$/.test(location.hostname),
  video: (doc) => largestVideo(doc),
  videoId: (_doc, location) => (/\/watch\/(\d+)/.exec(location.pathname) || [])[1] || null,
  /** <div data-uia="video-title"><h4>Series</h4><span>S1:E3</span><span>Episode title</span></div> */
  metadata(doc) {
    const block = doc.querySelector('[data-uia="video-title"]');
    if (!block) return { title: doc.title.replace(/\s*[-|]\s*Netflix.*$/i, "").trim(), season: null, episode: null };
    const series = block.querySelector("h4")?.textContent?.trim() || "";
    const spans = Array.from(block.querySelectorAll("span")).map((s) => s.textContent.trim());
    let season = null;
    let episode = null;
    let episodeTitle = "";
    for (const text of spans) {
      const m = /^(?:S|시즌\s*)(\d+)\s*[:：]?\s*(?:E|에피소드\s*)(\d+)$/i.exec(text) || /^(?:E|에피소드\s*)(\d+)$/i.exec(text);
      if (m && m.length === 3) [season, episode] = [Number(m[1]), Number(m[2])];
      else if (m) episode = Number(m[1]);
      else if (text) episodeTitle = text;
    }
    const title = [series, episodeTitle].filter(Boolean).join(" ") || block.textContent.trim();
    return { title, seriesTitle: series || null, season, episode };
  },
  currentTime: (doc) => largestVideo(doc)?.currentTime ?? 0,
  currentCaption: (doc) => Array.from(doc.querySelectorAll(".player-timedtext-text-container"))
    .map((c) => c.textContent).join(" ").replace(/\s+/g, " ").trim(),
  captionElement: (doc) => doc.querySelector(".player-timedtext"),
  isSubtitleUrl: (url, body) => /nflxvideo\.net|\/\?o=/.test(url) && /<tt[\s>]/.test(String(body).slice(0, 2000)),
  subtitleFromResponse(url, body, parse) {
    if (!netflix.isSubtitleUrl(url, body)) return null;
    const cues = parseTtml(body, parse);
    return cues.length ? { format: "ttml", filename: "subtitles.dfxp", text: body, cues } : null;
  },
  /** The player's metadata document (/metadata?movieid=…): the show's own id and the episode's
   * season and number, keyed by the episode's video id. */
  metadataFromResponse(url, body) {
    if (!/\/metadata\?/.test(url)) return null;
    let show;
    try {
      show = JSON.parse(body).video;
    } catch {
      return null;
    }
    if (!show || show.type !== "show" || !Array.isArray(show.seasons)) return null;
    const found = {};
    for (const season of show.seasons) {
      for (const episode of season.episodes || []) {
        const id = episode.id ?? episode.episodeId;
        if (id == null) continue;
        found[String(id)] = { showId: String(show.id), seriesTitle: show.title || null, season: season.seq ?? null,
                              episode: episode.seq ?? null,
                              title: [show.title, episode.title].filter(Boolean).join(" ") || null };
      }
    }
    return Object.keys(found).length ? found : null;
  },
  subtitleSources: () => [],
  seek(doc, t) {
    const video = largestVideo(doc);
    if (video) video.currentTime = t;
  },
};
