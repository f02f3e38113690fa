// Small formatting helpers shared by the panel, the web player and the extension.

/** 751.4 → "12:31"; 3723 → "1:02:03". */
export function formatTime(seconds) {
  const total = Math.max(0, Math.floor(Number(seconds) || 0));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}

/** A confidence in [0, 1] in words: the number alone means little to a viewer. */
export function confidenceWord(confidence, strings) {
  const c = Number(confidence);
  if (!Number.isFinite(c)) return null;
  if (c >= 0.85) return strings.confidence.certain;
  if (c >= 0.6) return strings.confidence.likely;
  if (c >= 0.35) return strings.confidence.possible;
  return strings.confidence.unsure;
}

/** Only http(s) links from the server become links (never javascript:, data:, …). */
export function safeHttpUrl(value) {
  if (typeof value !== "string") return null;
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

export function asText(value) {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return value.map(asText).filter(Boolean).join("; ");
  if (typeof value === "object") {
    return asText(value.text ?? value.description ?? value.reason ?? value.summary ?? "");
  }
  return "";
}
