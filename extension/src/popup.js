// The popup: what the extension sees on this tab, and the live analysis progress from /ws.
import { progressSocketUrl } from "../../web/src/api.js";
import { pickLanguage, stringsFor } from "../../web/src/i18n.js";
import { watchProgress } from "../../web/src/progress.js";
import { loadSettings } from "./settings.js";

const $ = (id) => document.getElementById(id);

async function main() {
  const settings = await loadSettings();
  const strings = stringsFor(pickLanguage(settings.language, navigator.language));
  $("options").textContent = strings.options;
  const [command] = (await chrome.commands.getAll()).filter((c) => c.name === "explain-selection");
  $("shortcut").textContent = command && command.shortcut ? command.shortcut : "";
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
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
