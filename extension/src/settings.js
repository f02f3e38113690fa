// The extension's settings, kept in chrome.storage.sync (the API key in chrome.storage.local: it
// never leaves this browser), and the viewer's client token per server (chrome.storage.local too:
// the service issued it to this browser; it says nothing about the person).
export const DEFAULTS = { serverUrl: "http://127.0.0.1:8000", language: "auto", pauseOnOpen: true };

export async function loadSettings() {
  const [synced, local] = await Promise.all([chrome.storage.sync.get(DEFAULTS),
                                             chrome.storage.local.get({ apiKey: "", clientTokens: {} })]);
  const settings = { ...DEFAULTS, ...synced, apiKey: local.apiKey || "" };
  return { ...settings, clientToken: (local.clientTokens || {})[settings.serverUrl] || "" };
}

export async function saveSettings({ serverUrl, language, pauseOnOpen, apiKey }) {
  await chrome.storage.sync.set({ serverUrl: String(serverUrl || DEFAULTS.serverUrl).replace(/\/+$/, ""), language,
                                  pauseOnOpen: Boolean(pauseOnOpen) });
  await chrome.storage.local.set({ apiKey: String(apiKey || "") });
}

/** Keeps (or, with "", forgets) the client token the service at `serverUrl` issued. */
export async function saveClientToken(serverUrl, token) {
  const { clientTokens } = await chrome.storage.local.get({ clientTokens: {} });
  const next = { ...(clientTokens || {}) };
  if (token) next[serverUrl] = token;
  else delete next[serverUrl];
  await chrome.storage.local.set({ clientTokens: next });
}
