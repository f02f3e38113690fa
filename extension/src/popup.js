// The popup: the server it talks to and whether it answers, what the extension sees on this tab,
// the live analysis progress from /ws, and a button that explains the line on screen (on any
// page: the content script is injected through the activeTab grant the popup gives).
import { progressSocketUrl } from "../../web/src/api.js";
import { pickLanguage, stringsFor } from "../../web/src/i18n.js";
import { watchProgress } from "../../web/src/progress.js";
import { explainInTab } from "./commands.js";
import { loadSettings } from "./settings.js";

const $ = (id) => document.getElementById(id);

async function showServer(strings) {
  const answer = await chrome.runtime.sendMessage({ type: "health" }).catch(() => null);
  const health = answer && answer.ok ? answer.data : null;
  const server = health ? health.serverUrl : (await loadSettings()).serverUrl;
  $("server").textContent = `${strings.popupServer(server)} · ${health && health.reachable ? strings.popupReachable
    : strings.popupUnreachable}`;
  $("server").dataset.reachable = String(Boolean(health && health.reachable));
}

async function main() {
  const settings = await loadSettings();
  const strings = stringsFor(pickLanguage(settings.language, navigator.language));
  $("options").textContent = strings.options;
  showServer(strings);
  const [command] = (await chrome.commands.getAll()).filter((c) => c.name === "explain-selection");
  $("shortcut").textContent = command && command.shortcut ? command.shortcut : "";
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
  const button = $("explain");
  button.textContent = strings.popupExplain;
  button.hidden = !tab;
  button.addEventListener("click", async () => {
    try {
      await explainInTab(chrome, tab.id);
      window.close();
    } catch {
      $("state").textContent = strings.popupNoPage;
    }
  });
  let state = null;
  try {
    state = tab && (await chrome.tabs.sendMessage(tab.id, { type: "video-state" }));
  } catch {
    state = null;
  }
  if (!state || !state.videoId) {
    $("state").textContent = strings.popupNoVideo;
    return;
  }
  if (state.registration && state.registration.needsKey) {
    $("state").textContent = strings.popupNeedsKey;
    return;
  }
  $("state").textContent = strings.popupWaiting;
  const bar = $("progress");
  watchProgress({
    url: progressSocketUrl(settings.serverUrl), videoId: state.videoId,
    onUpdate: ({ status, progress }) => {
      if (status === "ready") {
        bar.hidden = true;
        $("state").textContent = strings.popupReady;
      } else if (status === "error") {
        bar.hidden = true;
        $("state").textContent = strings.failed;
      } else {
        bar.hidden = false;
        bar.value = progress;
        $("state").textContent = strings.processing(progress);
      }
    },
  });
}

main();
