// The content script: finds the video and its subtitles through the page's detector, registers
// new videos (the captions the page's player loaded), draws the explain button beside a hovered
// subtitle, and opens the shared panel on a selection, the shortcut or the popup's button. It
// talks only to the page and to the service worker.
import { ask } from "../../web/src/panel/ask.js";
import { h } from "../../web/src/panel/dom.js";
import { icon } from "../../web/src/panel/icons.js";
import { createPanel } from "../../web/src/panel/panel.js";
import { pickLanguage, stringsFor } from "../../web/src/i18n.js";
import { SHORTCUT_MESSAGE } from "./commands.js";
import { detectorFor } from "./detectors/index.js";

const GUARD = "__subtitleExplainerLoaded";

async function send(type, payload = {}) {
  const answer = await chrome.runtime.sendMessage({ type, ...payload });
  if (!answer || !answer.ok) throw (answer && answer.error) || { code: "INTERNAL_ERROR" };
  return answer.data;
}

async function start() {
  const settings = await send("settings");
  const strings = stringsFor(pickLanguage(settings.language, navigator.language));
  const detector = detectorFor(location);
  const state = { videoId: null, registration: null, registering: null, lastAsk: 0, captured: null, platform: {} };
  let resume = false;

  const panel = createPanel({
    document, strings,
    onSeek: (t) => detector.seek(document, t),
    onFeedback: (questionId, helpful, feedbackToken) => send("feedback", { questionId, feedbackToken, helpful }),
    onOpen: () => {
      const video = detector.video(document);
      resume = Boolean(settings.pauseOnOpen && video && !video.paused);
      if (resume) video.pause();
    },
    onClose: () => {
      const video = detector.video(document);
      if (resume && video) video.play().catch(() => {});
      resume = false;
    },
  });

  function explainNow() {
    const now = Date.now();
    // one press can arrive twice (chrome.commands and the page's keydown): the second finds the panel open
    if (now - state.lastAsk < 400 && panel.isOpen()) return;
    state.lastAsk = now;
    const selection = document.getSelection();
    const selected = String(selection || "").trim();
    const text = (selected || detector.currentCaption(document)).slice(0, 500);
    const videoId = detector.videoId(document, location);
    if (!text || !videoId) return;
    // asked: the selection goes, so the line on screen moves on and the next question is about it
    if (selection) selection.removeAllRanges();
    const { title, season, episode } = metadata();
    ask({
      panel,
      question: { videoId, selectedText: text, timestamp: detector.currentTime(document),
                  metadata: { title: title ? title.slice(0, 300) : undefined, season: season ?? undefined,
                              episode: episode ?? undefined, platform: detector.platform } },
      explain: explainOrRegister,
      status: (id) => send("status", { videoId: id }),
    });
  }

  /** A video the service does not know yet is registered (its captions sent) and then read: the
   * panel shows the reading's progress until the answer comes. */
  async function explainOrRegister(question) {
    try {
      return await send("explain", { question });
    } catch (error) {
      if (!error || error.code !== "VIDEO_NOT_FOUND") throw error;
      await (state.registering || register(true));
      if (state.registration && state.registration.known) throw { code: "VIDEO_PROCESSING", retryAfter: 2 };
      throw error;
    }
  }

  /** What the page says about the video, with what the platform's own documents told us. */
  function metadata() {
    const found = detector.metadata(document, location);
    const extra = state.platform[detector.videoId(document, location)] || {};
    return { ...found, ...Object.fromEntries(Object.entries(extra).filter(([, v]) => v !== null && v !== undefined)) };
  }

  document.addEventListener("keydown", (event) => {
    if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === "e") {
      event.preventDefault();
      explainNow();
    }
  }, true);

  const bulb = explainButton(strings, explainNow);
  const overlay = detector.captionElement(document) === null ? captionOverlay(detector, bulb) : null;
  if (!overlay) hoverCaptions(detector, bulb);

  // documents the page downloaded (page-hook.js, YouTube and Netflix)
  window.addEventListener("message", (event) => {
    const data = event.data;
    if (event.source !== window || !data || data.source !== "subtitle-explainer" || data.kind !== "subtitle-document") return;
    const known = detector.metadataFromResponse && detector.metadataFromResponse(data.url, data.body);
    if (known) {
      Object.assign(state.platform, known);  // {videoId: {showId, seriesTitle, season, episode, title}}
      return;
    }
    const found = detector.subtitleFromResponse
      && detector.subtitleFromResponse(data.url, data.body, (t, type) => new DOMParser().parseFromString(t, type));
    if (found) {
      state.captured = { text: found.text, filename: found.filename };
      register(true);
    }
  });

  function register(force = false) {
    const video = detector.video(document);
    const videoId = video && detector.videoId(document, location);
    if (!videoId || (videoId === state.videoId && !force)) return state.registering;
    state.videoId = videoId;
    state.registering = registerNow(video, videoId).finally(() => { state.registering = null; });
    return state.registering;
  }

  async function registerNow(video, videoId) {
    const { title, season, episode, seriesTitle, showId, playlistId, channelId } = metadata();
    let subtitles = state.captured;
    if (!subtitles) {
      for (const source of detector.subtitleSources(document)) {
        try {
          const response = await fetch(source.url);
          if (response.ok) subtitles = { text: await response.text(), filename: source.filename };
        } catch {
          // a cross-origin track the page may use but we cannot read
        }
        if (subtitles) break;
      }
    }
    // the player's duration when it knows it (the service uses the last line's end otherwise)
    const duration = Number.isFinite(video.duration) && video.duration > 0 ? Math.round(video.duration * 10) / 10 : null;
    const registration = { platform: detector.platform, videoId, title: (title || videoId).slice(0, 300),
                           ...(seriesTitle ? { seriesTitle: seriesTitle.slice(0, 300) } : {}),
                           ...(season != null ? { season } : {}), ...(episode != null ? { episode } : {}),
                           ...(showId ? { showId: String(showId) } : {}), ...(playlistId ? { playlistId } : {}),
                           ...(channelId ? { channelId } : {}), ...(duration ? { duration } : {}) };
    try {
      state.registration = await send("register", { registration, subtitles });
    } catch (error) {
      state.registration = { known: false, error };
    }
  }
  register();
  new MutationObserver(() => register()).observe(document.documentElement, { childList: true, subtree: true });
  return {
    explainNow,
    videoState: () => ({ videoId: detector.video(document) ? detector.videoId(document, location) : null,
                         platform: detector.platform, registration: state.registration }),
  };
}

/** The explain button (a light bulb drawn in SVG: no emoji font needed), beside a hovered subtitle line. */
function explainButton(strings, onClick) {
  const button = h(document, "button", { type: "button", testid: "explain-button", title: strings.explainButton,
                                         "aria-label": strings.explainButton }, icon(document, "bulb", 20));
  Object.assign(button.style, { position: "fixed", zIndex: "2147483646", display: "none", lineHeight: "0",
                                padding: "5px", border: "0", borderRadius: "8px", cursor: "pointer", color: "#fde68a",
                                background: "rgba(20, 22, 28, 0.9)", boxShadow: "0 2px 8px rgba(0,0,0,.5)" });
  button.addEventListener("mousedown", (event) => event.preventDefault()); // keep the selection
  button.addEventListener("click", onClick);
  document.documentElement.append(button);
  return {
    showBeside(box) {
      button.style.left = `${Math.min(window.innerWidth - 40, box.right + 6)}px`;
      button.style.top = `${Math.max(4, box.top)}px`;
      button.style.display = "block";
    },
    hide: () => { button.style.display = "none"; },
    element: button,
  };
}

/** For a plain <video>: its text tracks drawn by us, as selectable text over the video. */
function captionOverlay(detector, bulb) {
  const line = h(document, "div", { testid: "cue", class: "subtitle-explainer-cue" });
  Object.assign(line.style, { position: "fixed", zIndex: "2147483645", display: "none", maxWidth: "80vw",
                              transform: "translateX(-50%)", padding: "4px 12px", borderRadius: "6px",
                              background: "rgba(0, 0, 0, 0.72)", color: "#fff", textAlign: "center",
                              font: "22px/1.5 system-ui, 'Noto Sans CJK KR', 'Apple SD Gothic Neo', sans-serif",
                              whiteSpace: "pre-line", userSelect: "text", cursor: "text", wordBreak: "keep-all" });
  document.documentElement.append(line);
  let hideTimer = null;
  const hover = () => {
    clearTimeout(hideTimer);
    bulb.showBeside(line.getBoundingClientRect());
  };
  const leave = () => { hideTimer = setTimeout(bulb.hide, 600); };
  line.addEventListener("mouseenter", hover);
  line.addEventListener("mouseleave", leave);
  bulb.element.addEventListener("mouseenter", () => clearTimeout(hideTimer));
  bulb.element.addEventListener("mouseleave", leave);
  // the line follows the video, except while the viewer is selecting words in it (asking clears that)
  const selecting = () => {
    const selection = document.getSelection();
    return Boolean(selection && !selection.isCollapsed && line.contains(selection.anchorNode));
  };
  const draw = () => {
    const video = detector.video(document);
    const text = video ? detector.currentCaption(document) : "";
    if (line.textContent !== text && !selecting()) line.textContent = text;
    if (video && line.textContent) {
      const box = video.getBoundingClientRect();
      line.style.left = `${box.left + box.width / 2}px`;
      line.style.top = `${box.bottom - Math.max(56, box.height * 0.16)}px`;
      line.style.display = "block";
    } else line.style.display = "none";
  };
  setInterval(draw, 200);
  document.addEventListener("timeupdate", draw, true);
  document.addEventListener("seeked", draw, true);
  return line;
}

/** For platforms that draw their own captions: the explain button follows the hovered caption block. */
function hoverCaptions(detector, bulb) {
  document.addEventListener("mouseover", (event) => {
    const captions = detector.captionElement(document);
    if (captions && captions.contains(event.target) && detector.currentCaption(document)) {
      bulb.showBeside(captions.getBoundingClientRect());
    } else if (event.target !== bulb.element) bulb.hide();
  }, true);
}

// our own web player (/watch/…) has the same panel already: one panel, not two
const ownPlayer = document.querySelector('meta[name="subtitle-explainer"]') !== null;
if (!globalThis[GUARD] && !ownPlayer) {
  globalThis[GUARD] = true;
  const started = start();
  // listening at once (an injected script gets the shortcut right after it runs): the shortcut
  // through chrome.commands or the popup's button (worker/popup → here), and the popup's question
  chrome.runtime.onMessage.addListener((message, _sender, reply) => {
    if (message && message.type === SHORTCUT_MESSAGE.type) started.then((content) => content.explainNow());
    if (message && message.type === "video-state") {
      started.then((content) => reply(content.videoState()));
      return true;
    }
    return false;
  });
}
