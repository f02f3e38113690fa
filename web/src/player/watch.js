// GET /watch/{videoId}: the episode on a screen (a <video>, or a timer over the cues), the line on
// screen, the transcript, and the explanation panel shared with the extension.
import { progressSocketUrl } from "../api.js";
import { formatTime } from "../format.js";
import { h } from "../panel/dom.js";
import { ask } from "../panel/ask.js";
import { createPanel } from "../panel/panel.js";
import { watchProgress } from "../progress.js";
import { cueAt, timerClock, videoClock } from "./clock.js";
import { setup } from "./common.js";

const { strings, client } = setup();
const videoId = decodeURIComponent(location.pathname.replace(/^\/watch\//, ""));
const $ = (id) => document.getElementById(id);

async function main() {
  $("transcript-title").textContent = strings.transcript;
  $("back").textContent = `← ${strings.backToList}`;
  // the extension's generic detector reads which service video this page plays
  document.head.append(h(document, "meta", { name: "subtitle-explainer:video-id", content: videoId }));
  let episode;
  try {
    episode = await client.cues(videoId);
  } catch (error) {
    $("status").textContent = error.code === "VIDEO_NOT_FOUND" ? strings.notFound : strings.failed;
    return;
  }
  $("episode-title").textContent = [episode.seriesTitle, episode.episode != null
    ? strings.episodeLabel(episode.episode, episode.title || "") : episode.title].filter(Boolean).join(" · ");
  document.title = `${episode.title || videoId} · ${document.title}`;
  if (episode.status !== "ready") {
    showProgress(episode);
    return;
  }
  play(episode);
}

function showProgress(episode) {
  const bar = h(document, "progress", { class: "progress", max: 100, value: episode.progress || 0, testid: "episode-progress" });
  const text = h(document, "span", {});
  $("status").replaceChildren(text, " ", bar);
  const update = ({ status, progress, step }) => {
    if (status === "ready") {
      location.reload();
      return;
    }
    bar.value = progress;
    text.textContent = strings.episodeProcessing(progress, step);
  };
  client.status(videoId).then((s) => update({ status: s.status, progress: s.progress, step: s.currentStep }))
    .catch(() => update({ status: episode.status, progress: 0, step: null }));
  watchProgress({ url: progressSocketUrl(""), videoId, onUpdate: update });
}

function play(episode) {
  const cues = episode.cues;
  const duration = episode.duration || (cues.length ? cues[cues.length - 1].end + 2 : 0);
  let clock;
  if (episode.mediaUrl) {
    const video = h(document, "video", { src: episode.mediaUrl, controls: true, preload: "metadata", playsinline: true });
    $("screen").prepend(video);
    clock = videoClock(video);
  } else {
    clock = timerClock({ duration });
    $("controls").append(...timerControls(clock, duration));
  }
  const subtitle = $("subtitle");
  const items = cues.map((cue, i) => h(document, "li", {
    testid: "cue", tabindex: 0, "data-index": i, "data-start": cue.start, "data-end": cue.end,
  }, h(document, "time", { text: formatTime(cue.start) }), h(document, "span", { class: "line", text: cue.text })));
  $("cues").append(...items);
  $("hint").textContent = strings.clickHint;

  let resumeAfterPanel = false;
  const panel = createPanel({
    document, strings, container: $("player"),
    onSeek: (t) => clock.seek(t),
    referenceHref: (ref) => (ref.videoId ? `/watch/${encodeURIComponent(ref.videoId)}?t=${Math.floor(ref.timestamp)}${langParam()}` : null),
    onFeedback: (questionId, helpful, feedbackToken) => client.feedback({ questionId, feedbackToken, helpful }),
    onOpen: () => {
      resumeAfterPanel = !clock.paused;
      clock.pause();
    },
    onClose: () => {
      if (resumeAfterPanel) clock.play();
    },
  });
  const explain = (text, timestamp) => ask({
    panel, question: { videoId, selectedText: text, timestamp },
    explain: (q) => client.explain(q), status: (id) => client.status(id),
  });

  let current = -1;
  const render = (t) => {
    const index = cueAt(cues, t);
    if (index === current) return;
    if (current >= 0) items[current].removeAttribute("aria-current");
    current = index;
    subtitle.textContent = index >= 0 ? cues[index].text : "";
    if (index >= 0) {
      items[index].setAttribute("aria-current", "true");
      keepVisible($("cues"), items[index]);
    }
  };
  clock.onTick(render);

  // a click on a line asks about it (the words selected in it, if any) at the line's time
  const lineOf = (target) => target.closest && target.closest('[data-testid="cue"]');
  $("cues").addEventListener("click", (event) => {
    const item = lineOf(event.target);
    if (!item) return;
    const cue = cues[Number(item.dataset.index)];
    const selected = selectionIn(item);
    clock.seek(cue.start);
    explain(selected || cue.text, cue.start);
  });
  $("cues").addEventListener("keydown", (event) => {
    const item = lineOf(event.target);
    if (item && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      item.click();
    }
  });
  subtitle.addEventListener("click", () => {
    if (current < 0) return;
    explain(selectionIn(subtitle) || cues[current].text, clock.currentTime);
  });

  const start = Number(new URLSearchParams(location.search).get("t"));
  clock.seek(Number.isFinite(start) && start > 0 ? start : 0);
  render(clock.currentTime);
}

function timerControls(clock, duration) {
  const button = h(document, "button", { type: "button", testid: "play", text: strings.play });
  const range = h(document, "input", { type: "range", min: 0, max: Math.ceil(duration), step: 0.1, value: 0,
                                       "aria-label": "position" });
  const time = h(document, "output", { testid: "clock", text: `0:00 / ${formatTime(duration)}` });
  button.addEventListener("click", () => (clock.paused ? clock.play() : clock.pause()));
  range.addEventListener("input", () => clock.seek(Number(range.value)));
  clock.onTick((t) => {
    button.textContent = clock.paused ? strings.play : strings.pause;
    range.value = String(t);
    time.textContent = `${formatTime(t)} / ${formatTime(duration)}`;
    time.dataset.seconds = t.toFixed(1);
  });
  return [button, range, time];
}

function selectionIn(element) {
  const selection = document.getSelection();
  if (!selection || selection.isCollapsed || !element.contains(selection.anchorNode)) return "";
  return selection.toString().trim();
}

function keepVisible(container, item) {
  const top = item.offsetTop - container.offsetTop;
  if (top < container.scrollTop || top + item.offsetHeight > container.scrollTop + container.clientHeight) {
    container.scrollTop = Math.max(0, top - container.clientHeight / 3);
  }
}

function langParam() {
  const lang = new URLSearchParams(location.search).get("lang");
  return lang ? `&lang=${encodeURIComponent(lang)}` : "";
}

main();
