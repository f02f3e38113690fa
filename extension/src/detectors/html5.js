// Any page with an HTML5 <video> and text tracks (the web player included). The page may name
// the service's video with <meta name="subtitle-explainer:video-id">; otherwise the id is derived
// from the page address.

export const html5 = {
  platform: "local",  // the service's name for videos not on a known platform
  matches: () => true,
  video: (doc) => largestVideo(doc),
  videoId(doc, location) {
    const named = doc.querySelector('meta[name="subtitle-explainer:video-id"]');
    if (named && named.content) return named.content;
    return `web-${hash(`${location.host}${location.pathname}`)}`;
  },
  metadata(doc) {
    const title = doc.querySelector('meta[property="og:title"]')?.content || doc.title || "";
    return { title: title.trim() || "video", season: null, episode: null };
  },
  currentTime: (doc) => largestVideo(doc)?.currentTime ?? 0,
  /** The active cue's text from the video's text tracks (tracks are set to "hidden": we draw the line). */
  currentCaption(doc) {
    const video = largestVideo(doc);
    if (!video) return "";
    for (const track of Array.from(video.textTracks || [])) {
      if (track.kind !== "subtitles" && track.kind !== "captions") continue;
      if (track.mode !== "hidden") track.mode = "hidden"; // loads its cues; the overlay draws the line
      const active = Array.from(track.activeCues || []).map((c) => c.text).join("\n");
      if (active) return stripCueMarkup(active);
    }
    return "";
  },
  /** The WebVTT file of the first subtitle track, to send to the service (same-origin fetch). */
  subtitleSources(doc) {
    const video = largestVideo(doc);
    const track = video && video.querySelector('track[kind="subtitles"], track[kind="captions"], track:not([kind])');
    return track && track.src ? [{ url: track.src, format: "webvtt", filename: "subtitles.vtt" }] : [];
  },
  captionElement: () => null,  // captions are drawn by the extension's own overlay
  seek(doc, t) {
    const video = largestVideo(doc);
    if (video) video.currentTime = t;
  },
};

export function largestVideo(doc) {
  let best = null;
  let bestArea = -1;
  for (const video of Array.from(doc.querySelectorAll("video"))) {
    const box = video.getBoundingClientRect();
    const area = box.width * box.height;
    if (area > bestArea) {
      best = video;
      bestArea = area;
    }
  }
  return best;
}

/** A WebVTT cue's text as shown: tags (<v Anna>, <i>, <c.yellow>, timestamps) removed, character
 * references decoded (`Tom &amp; Jerry &lt;3` → `Tom & Jerry <3`). */
export function stripCueMarkup(text) {
  return decodeEntities(String(text).replace(/<[^>]*>/g, "")).replace(/[ \t]+/g, " ").trim();
}

const NAMED = { amp: "&", lt: "<", gt: ">", quot: "\"", apos: "'", nbsp: " ", lrm: "\u200e", rlm: "\u200f" };

export function decodeEntities(text) {
  return String(text).replace(/&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|([a-z]+));/gi, (whole, dec, hex, name) => {
    if (name) return NAMED[name.toLowerCase()] ?? whole;
    const code = dec ? Number(dec) : parseInt(hex, 16);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

function hash(text) {
  let h = 2166136261;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  return h.toString(36);
}
