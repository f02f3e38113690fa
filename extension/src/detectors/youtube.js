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
  /** The title (the service reads the episode marker from it), and the show as YouTube knows it:
   * the playlist being played (?list=), else the channel (its id, or its @handle). */
  metadata(doc, location) {
    const heading = doc.querySelector("h1.ytd-watch-metadata, h1.title")?.textContent;
    const title = (heading || doc.title.replace(/ - YouTube$/, "")).trim();
    const playlistId = location ? new URL(location.href).searchParams.get("list") : null;
    const owner = doc.querySelector("ytd-video-owner-renderer a[href], #owner a[href]")?.getAttribute("href") || "";
    const channelId = doc.querySelector('meta[itemprop="channelId"]')?.content
      || (/^\/(?:channel\/([\w-]+)|(@[\w.-]+))/.exec(owner) || []).slice(1).find(Boolean) || null;
    return { title, season: null, episode: null, playlistId: validId(playlistId), channelId: validId(channelId) };
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

function validId(value) {
  return value && /^[\w@.-]{1,64}$/.test(value) ? value : null;
}
