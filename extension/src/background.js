// The service worker: the only part that talks to the service (the content scripts talk to the
// page and to this worker). It keeps no state it cannot rebuild: settings are read per message.
import { createClient } from "../../web/src/api.js";
import { commandHandler } from "./commands.js";
import { loadSettings } from "./settings.js";

async function client() {
  const settings = await loadSettings();
  return createClient({ baseUrl: settings.serverUrl, apiKey: settings.apiKey });
}

const handlers = {
  async explain({ question }) {
    return (await client()).explain(question);
  },
  async feedback({ questionId, feedbackToken, helpful }) {
    return (await client()).feedback({ questionId, feedbackToken, helpful });
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

chrome.commands.onCommand.addListener(commandHandler(chrome));
