// The service worker: the only part that talks to the service (the content scripts talk to the
// page and to this worker). It keeps no state it cannot rebuild: settings are read per message.
import { createClient } from "../../web/src/api.js";
import { loadSettings } from "./settings.js";

const CONTENT_SCRIPT = "js/content.js";

async function client() {
  const settings = await loadSettings();
  return createClient({ baseUrl: settings.serverUrl, apiKey: settings.apiKey });
}

const handlers = {
  async explain({ question }) {
    return (await client()).explain(question);
  },
  async feedback({ questionId, helpful }) {
    return (await client()).feedback({ questionId, helpful });
  },
  async status({ videoId }) {
    return (await client()).status(videoId);
  },
  /** A new video: register it (needs an API key with the ingest scope) and send its subtitles. */
  async register({ registration, subtitles }) {
    const settings = await loadSettings();
    const api = createClient({ baseUrl: settings.serverUrl, apiKey: settings.apiKey });
    try {
      return { known: true, status: await api.status(registration.videoId) };
    } catch (error) {
      if (error.code !== "VIDEO_NOT_FOUND") throw error;
    }
    if (!settings.apiKey) return { known: false, needsKey: true };
    const registered = await api.register(registration);
    if (subtitles && registered.status !== "ready") {
      return { known: true, status: await api.uploadSubtitles(registration.videoId, subtitles) };
    }
    return { known: true, status: registered };
  },
  async settings() {
    return loadSettings();
  },
};

chrome.runtime.onMessage.addListener((message, _sender, reply) => {
  const handler = message && handlers[message.type];
  if (!handler) return false;
  handler(message).then((data) => reply({ ok: true, data }),
                        (error) => reply({ ok: false, error: error && error.toJSON ? error.toJSON() : { code: "INTERNAL_ERROR", message: String(error) } }));
  return true; // the reply comes asynchronously
});

// Ctrl+E / ⌘+E: the active tab's content script opens the panel. On a site without the static
// content script, the shortcut's activeTab grant lets us inject it first.
chrome.commands.onCommand.addListener(async (command, tab) => {
  if (command !== "explain-selection") return;
  const target = tab || (await chrome.tabs.query({ active: true, currentWindow: true }))[0];
  if (!target || target.id === undefined) return;
  try {
    await chrome.tabs.sendMessage(target.id, { type: "explain-shortcut" });
  } catch {
    await chrome.scripting.executeScript({ target: { tabId: target.id }, files: [CONTENT_SCRIPT] });
    await chrome.tabs.sendMessage(target.id, { type: "explain-shortcut" });
  }
});
