// The extension's settings, kept in chrome.storage.sync (the API key in chrome.storage.local: it
// never leaves this browser).
export const DEFAULTS = { serverUrl: "http://127.0.0.1:8000", language: "auto", pauseOnOpen: true };

export async function loadSettings() {
  const [synced, local] = await Promise.all([chrome.storage.sync.get(DEFAULTS), chrome.storage.local.get({ apiKey: "" })]);
  return { ...DEFAULTS, ...synced, apiKey: local.apiKey || "" };
}

export async function saveSettings({ serverUrl, language, pauseOnOpen, apiKey }) {
  await chrome.storage.sync.set({ serverUrl: String(serverUrl || DEFAULTS.serverUrl).replace(/\/+$/, ""), language,
                                  pauseOnOpen: Boolean(pauseOnOpen) });
  await chrome.storage.local.set({ apiKey: String(apiKey || "") });
}
