// Subtitle documents the platforms download, read into cues {start, end, text} (seconds).

/** YouTube timed text, fmt=json3: {events: [{tStartMs, dDurationMs, segs: [{utf8}]}]}. */
export function parseJson3(text) {
  const data = typeof text === "string" ? JSON.parse(text) : text;
  const cues = [];
  for (const event of (data && data.events) || []) {
    if (!event.segs) continue;
    const line = event.segs.map((s) => s.utf8 || "").join("").replace(/\s+/g, " ").trim();
    if (!line) continue;
    const start = (Number(event.tStartMs) || 0) / 1000;
    cues.push({ start, end: start + (Number(event.dDurationMs) || 0) / 1000, text: line });
  }
  return cues;
}

/** TTML/DFXP clock values: "00:01:02.500", "12.5s", "1500ms", "8100000t" (with ttp:tickRate). */
export function ttmlTime(value, tickRate = 10000000) {
  const v = String(value || "").trim();
  let m = /^(\d+):(\d{2}):(\d{2}(?:\.\d+)?)$/.exec(v);
  if (m) return Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]);
  m = /^(\d+(?:\.\d+)?)(h|m|s|ms|t)$/.exec(v);
  if (!m) return null;
  const n = Number(m[1]);
  return { h: n * 3600, m: n * 60, s: n, ms: n / 1000, t: n / tickRate }[m[2]];
}

/** Netflix's TTML/DFXP: <p begin end> with <br/> and <span>s. `parse` is a DOMParser's parseFromString. */
export function parseTtml(text, parse) {
  const doc = parse(text, "application/xml");
  const root = doc.documentElement;
  const rate = Number(root.getAttribute("ttp:tickRate") || root.getAttributeNS?.("http://www.w3.org/ns/ttml#parameter", "tickRate")) || 10000000;
  const cues = [];
  for (const p of Array.from(doc.getElementsByTagNameNS("*", "p"))) {
    const start = ttmlTime(p.getAttribute("begin"), rate);
    const end = ttmlTime(p.getAttribute("end"), rate);
    if (start === null || end === null) continue;
    const line = lineText(p).replace(/[ \t]+/g, " ").replace(/ ?\n ?/g, "\n").trim();
    if (line) cues.push({ start, end, text: line });
  }
  return cues;
}

function lineText(node) {
  let out = "";
  for (const child of Array.from(node.childNodes)) {
    if (child.nodeType === 3) out += child.nodeValue;
    else if (child.nodeType === 1) out += child.localName === "br" ? "\n" : lineText(child);
  }
  return out;
}

/** The cue showing at time t, or null. */
export function cueAt(cues, t) {
  return cues.find((c) => c.start <= t && t < c.end) || null;
}
