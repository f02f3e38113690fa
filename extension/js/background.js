// built by web/build.mjs from extension/src/background.js: edit the sources, then npm run build
(() => {
  // web/src/api.js
  var ApiError = class extends Error {
    constructor({ code = "INTERNAL_ERROR", message = "", retryAfter = null, status = 0 } = {}) {
      super(message || code);
      this.code = code;
      this.retryAfter = retryAfter;
      this.status = status;
    }
    toJSON() {
      return { code: this.code, message: this.message, retryAfter: this.retryAfter, status: this.status };
    }
  };
  function createClient({
    baseUrl = "",
    apiKey = "",
    clientToken = "",
    fetchImpl = globalThis.fetch.bind(globalThis)
  } = {}) {
    const base = String(baseUrl).replace(/\/+$/, "");
    async function call(path, { method = "GET", json, body, key = false } = {}) {
      const headers = {};
      if (json !== void 0) headers["Content-Type"] = "application/json";
      if (key && apiKey) headers["X-API-Key"] = apiKey;
      else if (key && clientToken) headers["X-Client-Token"] = clientToken;
      let response;
      try {
        response = await fetchImpl(`${base}${path}`, {
          method,
          headers,
          body: json !== void 0 ? JSON.stringify(json) : body
        });
      } catch (error2) {
        throw new ApiError({ code: "NETWORK_ERROR", message: String(error2 && error2.message) });
      }
      let payload = null;
      try {
        payload = await response.json();
      } catch {
        payload = null;
      }
      if (response.ok && payload && payload.success !== false) return payload.data ?? payload;
      const error = payload && payload.error || {};
      const header = Number(response.headers.get("Retry-After"));
      throw new ApiError({
        code: error.code || `HTTP_${response.status}`,
        message: error.message || response.statusText,
        retryAfter: Number(error.retryAfter) || (Number.isFinite(header) && header > 0 ? header : null),
        status: response.status
      });
    }
    return {
      explain: ({ videoId, selectedText, timestamp, metadata }) => call("/api/explain", { method: "POST", json: { videoId, selectedText, timestamp, ...metadata ? { metadata } : {} } }),
      feedback: ({ questionId, feedbackToken, helpful, comment }) => call("/api/feedback", { method: "POST", json: { questionId, feedbackToken, helpful, ...comment ? { comment } : {} } }),
      status: (videoId) => call(`/api/video/${encodeURIComponent(videoId)}/status`),
      cues: (videoId) => call(`/api/video/${encodeURIComponent(videoId)}/cues`),
      catalog: () => call("/api/catalog"),
      health: () => call("/health"),
      newClient: () => call("/api/clients", { method: "POST" }),
      register: (registration) => call("/api/video/register", { method: "POST", json: registration, key: true }),
      uploadSubtitles: (videoId, { text, filename }) => {
        const form = new FormData();
        form.append("file", new Blob([text], { type: "text/plain" }), filename);
        return call(`/api/video/${encodeURIComponent(videoId)}/subtitles`, { method: "POST", body: form, key: true });
      }
    };
  }

  // extension/src/commands.js
  var EXPLAIN_COMMAND = "explain-selection";
  var SHORTCUT_MESSAGE = { type: "explain-shortcut" };
  var CONTENT_SCRIPT = "js/content.js";
  function commandHandler(chromeApi) {
    return async (command, tab) => {
      if (command !== EXPLAIN_COMMAND) return;
      const target = tab || (await chromeApi.tabs.query({ active: true, currentWindow: true }))[0];
      if (!target || target.id === void 0) return;
      await explainInTab(chromeApi, target.id);
    };
  }
  async function explainInTab(chromeApi, tabId) {
    try {
      await chromeApi.tabs.sendMessage(tabId, SHORTCUT_MESSAGE);
    } catch {
      await chromeApi.scripting.executeScript({ target: { tabId }, files: [CONTENT_SCRIPT] });
      await chromeApi.tabs.sendMessage(tabId, SHORTCUT_MESSAGE);
    }
  }

  // extension/src/settings.js
  var DEFAULTS = { serverUrl: "http://127.0.0.1:8000", language: "auto", pauseOnOpen: true };
  async function loadSettings() {
    const [synced, local] = await Promise.all([
      chrome.storage.sync.get(DEFAULTS),
      chrome.storage.local.get({ apiKey: "", clientTokens: {} })
    ]);
    const settings = { ...DEFAULTS, ...synced, apiKey: local.apiKey || "" };
    return { ...settings, clientToken: (local.clientTokens || {})[settings.serverUrl] || "" };
  }
  async function saveClientToken(serverUrl, token) {
    const { clientTokens } = await chrome.storage.local.get({ clientTokens: {} });
    const next = { ...clientTokens || {} };
    if (token) next[serverUrl] = token;
    else delete next[serverUrl];
    await chrome.storage.local.set({ clientTokens: next });
  }

  // extension/src/uploader.js
  async function asUploader(settings, action, { createClient: createClient2, saveClientToken: saveClientToken2 }, retried = false) {
    const base = { baseUrl: settings.serverUrl, apiKey: settings.apiKey };
    try {
      let token = settings.clientToken;
      if (!settings.apiKey && !token) {
        token = (await createClient2(base).newClient()).clientToken;
        await saveClientToken2(settings.serverUrl, token);
      }
      return await action(createClient2({ ...base, clientToken: token }));
    } catch (error) {
      if (!settings.apiKey && error.code === "FORBIDDEN") return { known: false, needsKey: true };
      if (!settings.apiKey && error.code === "UNAUTHORIZED" && !retried) {
        await saveClientToken2(settings.serverUrl, "");
        return asUploader({ ...settings, clientToken: "" }, action, { createClient: createClient2, saveClientToken: saveClientToken2 }, true);
      }
      throw error;
    }
  }

  // extension/src/background.js
  async function client() {
    const settings = await loadSettings();
    return createClient({ baseUrl: settings.serverUrl, apiKey: settings.apiKey, clientToken: settings.clientToken });
  }
  var handlers = {
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
    }
  };
  chrome.runtime.onMessage.addListener((message, _sender, reply) => {
    const handler = message && handlers[message.type];
    if (!handler) return false;
    handler(message).then(
      (data) => reply({ ok: true, data }),
      (error) => reply({ ok: false, error: error && error.toJSON ? error.toJSON() : { code: "INTERNAL_ERROR", message: String(error) } })
    );
    return true;
  });
  chrome.commands.onCommand.addListener(commandHandler(chrome));
})();
