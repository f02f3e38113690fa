// The content script: finds the video and its subtitles through the page's detector, registers
// new videos, draws the 💡 on a hovered subtitle, and opens the shared panel on a selection or the
// shortcut. It talks only to the page and to the service worker.
import { ask } from "../../web/src/panel/ask.js";
import { h } from "../../web/src/panel/dom.js";
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
  const state = { videoId: null, registration: null, lastAsk: 0, captured: null };
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
    const selected = String(document.getSelection() || "").trim();
    const text = (selected || detector.currentCaption(document)).slice(0, 500);
    const videoId = detector.videoId(document, location);
    if (!text || !videoId) return;
    const { title, season, episode } = detector.metadata(document, location);
    ask({
      panel,
      question: { videoId, selectedText: text, timestamp: detector.currentTime(document),
                  metadata: { title: title ? title.slice(0, 300) : undefined, season: season ?? undefined,
                              episode: episode ?? undefined, platform: detector.platform } },
      explain: (question) => send("explain", { question }),
      status: (id) => send("status", { videoId: id }),
    });
  }

  // the shortcut: chrome.commands (worker → here), and the same keys seen by the page
  chrome.runtime.onMessage.addListener((message, _sender, reply) => {
    if (message && message.type === SHORTCUT_MESSAGE.type) explainNow();
    if (message && message.type === "video-state") {
      reply({ videoId: detector.video(document) ? detector.videoId(document, location) : null,
              platform: detector.platform, registration: state.registration });
    }
    return false;
  });
  document.addEventListener("keydown", (event) => {
    if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === "e") {
      event.preventDefault();
      explainNow();
    }
  }, true);

  const bulb = lightBulb(strings, explainNow);
  const overlay = detector.captionElement(document) === null ? captionOverlay(detector, bulb) : null;
  if (!overlay) hoverCaptions(detector, bulb);

  // documents the page downloaded (page-hook.js, YouTube and Netflix)
  window.addEventListener("message", (event) => {
    const data = event.data;
    if (event.source !== window || !data || data.source !== "subtitle-explainer" || data.kind !== "subtitle-document") return;
    const found = detector.subtitleFromResponse
      && detector.subtitleFromResponse(data.url, data.body, (t, type) => new DOMParser().parseFromString(t, type));
    if (found) {
      state.captured = { text: found.text, filename: found.filename };
      register(true);
    }
  });

  async function register(force = false) {
    const video = detector.video(document);
    const videoId = video && detector.videoId(document, location);
    if (!videoId || (videoId === state.videoId && !force)) return;
    state.videoId = videoId;
    const { title, season, episode, seriesTitle } = detector.metadata(document, location);
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
    const registration = { platform: detector.platform, videoId, title: title || videoId,
                           ...(seriesTitle ? { seriesTitle } : {}), ...(season != null ? { season } : {}),
                           ...(episode != null ? { episode } : {}) };
    try {
      state.registration = await send("register", { registration, subtitles });
    } catch (error) {
      state.registration = { known: false, error };
    }
  }
  register();
  new MutationObserver(() => register()).observe(document.documentElement, { childList: true, subtree: true });
}

/** The 💡 button, shown next to a hovered subtitle line. */
function lightBulb(strings, onClick) {
  const button = h(document, "button", { type: "button", testid: "explain-button", title: strings.explainButton,
                                         "aria-label": strings.explainButton, text: "💡" });
  Object.assign(button.style, { position: "fixed", zIndex: "2147483646", display: "none", font: "18px/1 sans-serif",
                                padding: "4px 6px", border: "0", borderRadius: "8px", cursor: "pointer",
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
  const draw = () => {
    const video = detector.video(document);
    const text = video ? detector.currentCaption(document) : "";
    if (text && line.textContent !== text && !String(document.getSelection() || "").trim()) line.textContent = text;
    if (!text && !String(document.getSelection() || "").trim()) line.textContent = "";
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

/** For platforms that draw their own captions: the 💡 follows the hovered caption block. */
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
  start();
}
