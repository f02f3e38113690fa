// YouTube: the video id from ?v= (or /shorts/, /embed/), captions drawn as .ytp-caption-segment,
// and the json3 timed text the player downloads (/api/timedtext?…&fmt=json3), seen by page-hook.js.
import { largestVideo } from "./html5.js";
import { parseJson3 } from "./timing.js";

export const youtube = {
  platform: "youtube",
  matches: (location) => /(^|\.)youtube\.com$/.test(location.hostname),
  video: (doc) => doc.querySelector("video.html5-main-video") || largestVideo(doc),
  videoId(_doc, location) {
    const url = new URL(location.href);
    return url.searchParams.get("v") || (/^\/(?:shorts|embed)\/([\w-]{6,})/.exec(url.pathname) || [])[1] || null;
  },
  metadata(doc) {
    const heading = doc.querySelector("h1.ytd-watch-metadata, h1.title")?.textContent;
    const title = (heading || doc.title.replace(/ - YouTube$/, "")).trim();
    const m = /(?:(?:S|시즌\s*)(\d+)\s*)?(?:E|EP\.?\s*|Episode\s*)(\d+)|(\d+)\s*화/i.exec(title);
    return { title, season: m && m[1] ? Number(m[1]) : null, episode: m ? Number(m[2] || m[3]) : null };
  },
  currentTime: (doc) => youtube.video(doc)?.currentTime ?? 0,
  currentCaption: (doc) => Array.from(doc.querySelectorAll(".ytp-caption-segment")).map((s) => s.textContent).join(" ").trim(),
  captionElement: (doc) => doc.querySelector(".ytp-caption-window-container, .caption-window"),
  isSubtitleUrl: (url) => /\/api\/timedtext/.test(url) && /[?&]fmt=json3/.test(url),
  subtitleFromResponse(url, body) {
    if (!youtube.isSubtitleUrl(url)) return null;
    const cues = parseJson3(body);
    return cues.length ? { format: "json3", filename: "subtitles.json3", text: body, cues } : null;
  },
  subtitleSources: () => [],
  seek(doc, t) {
    const video = youtube.video(doc);
    if (video) video.currentTime = t;
  },
};
