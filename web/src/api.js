// The service's REST API, as the web player and the extension's service worker use it.
// Every answer is the envelope {success, data} / {success: false, error: {code, message, retryAfter?}}.

export class ApiError extends Error {
  constructor({ code = "INTERNAL_ERROR", message = "", retryAfter = null, status = 0 } = {}) {
    super(message || code);
    this.code = code;
    this.retryAfter = retryAfter;
    this.status = status;
  }

  toJSON() {
    return { code: this.code, message: this.message, retryAfter: this.retryAfter, status: this.status };
  }
}

/**
 * `apiKey`: an operator key (X-API-Key); `clientToken`: a viewer's token from POST /api/clients
 * (X-Client-Token), sent on register and upload when there is no key.
 */
export function createClient({ baseUrl = "", apiKey = "", clientToken = "",
                               fetchImpl = globalThis.fetch.bind(globalThis) } = {}) {
  const base = String(baseUrl).replace(/\/+$/, "");

  async function call(path, { method = "GET", json, body, key = false } = {}) {
    const headers = {};
    if (json !== undefined) headers["Content-Type"] = "application/json";
    if (key && apiKey) headers["X-API-Key"] = apiKey;
    else if (key && clientToken) headers["X-Client-Token"] = clientToken;
    let response;
    try {
      response = await fetchImpl(`${base}${path}`, {
        method, headers, body: json !== undefined ? JSON.stringify(json) : body,
      });
    } catch (error) {
      throw new ApiError({ code: "NETWORK_ERROR", message: String(error && error.message) });
    }
    let payload = null;
    try {
      payload = await response.json();
    } catch {
      payload = null;
    }
    if (response.ok && payload && payload.success !== false) return payload.data ?? payload;
    const error = (payload && payload.error) || {};
    const header = Number(response.headers.get("Retry-After"));
    throw new ApiError({
      code: error.code || `HTTP_${response.status}`, message: error.message || response.statusText,
      retryAfter: Number(error.retryAfter) || (Number.isFinite(header) && header > 0 ? header : null),
      status: response.status,
    });
  }

  return {
    explain: ({ videoId, selectedText, timestamp, metadata }) =>
      call("/api/explain", { method: "POST", json: { videoId, selectedText, timestamp, ...(metadata ? { metadata } : {}) } }),
    feedback: ({ questionId, feedbackToken, helpful, comment }) =>
      call("/api/feedback", { method: "POST", json: { questionId, feedbackToken, helpful, ...(comment ? { comment } : {}) } }),
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
    },
  };
}

/** ws(s)://host/ws for an http(s) base URL ("" = this page's origin). */
export function progressSocketUrl(baseUrl, location = globalThis.location) {
  const base = baseUrl ? new URL(baseUrl) : new URL(location.href);
  const scheme = base.protocol === "https:" ? "wss:" : "ws:";
  return `${scheme}//${base.host}/ws`;
}
