// The service worker: the only part that talks to the service (the content scripts talk to the
// page and to this worker). It keeps no state it cannot rebuild: settings are read per message.
import { createClient } from "../../web/src/api.js";
import { commandHandler } from "./commands.js";
import { loadSettings, saveClientToken } from "./settings.js";
import { asUploader } from "./uploader.js";

async function client() {
  const settings = await loadSettings();
  return createClient({ baseUrl: settings.serverUrl, apiKey: settings.apiKey, clientToken: settings.clientToken });
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
  /** A video the service does not have yet: register it and send the captions the page's player
   * loaded, with the operator key when one is set, else the viewer's client token (obtained from
   * the service on first use and kept per server). */
  async register({ registration, subtitles }) {
    const settings = await loadSettings();
    try {
      const status = await (await client()).status(registration.videoId);
      if (status.status !== "awaiting_subtitles" && status.status !== "error") return { known: true, status };
    } catch (error) {
      if (error.code !== "VIDEO_NOT_FOUND") throw error;
    }
    // nothing to send yet (the player has not loaded its captions): a video registered now would
    // keep what the page said before the player knew its show (a Netflix page's title is "Netflix")
    if (!subtitles) return { known: false, noSubtitles: true };
    return asUploader(settings, async (api) => {
      const registered = await api.register(registration);
      if (subtitles && registered.status === "awaiting_subtitles") {
        return { known: true, status: await api.uploadSubtitles(registration.videoId, subtitles) };
      }
      return { known: true, status: registered };
    }, { createClient, saveClientToken });
  },
  async health() {
    const settings = await loadSettings();
    try {
      await (await client()).health();
      return { serverUrl: settings.serverUrl, reachable: true };
    } catch (error) {
      return { serverUrl: settings.serverUrl, reachable: error.code !== "NETWORK_ERROR" };
    }
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
