// Live ingestion progress from the service's WebSocket /ws (the web player and the popup).
// `subscribed` carries the current state (the REST status shape); `progress`, `complete` and
// `error` follow as the worker reports them. onUpdate gets {status, progress, step}.

export function normaliseProgress(message) {
  if (!message || typeof message !== "object") return null;
  if (message.type === "subscribed") {
    const c = message.current || {};
    return { status: c.status || "registered", progress: Number(c.progress) || 0, step: c.currentStep || c.step || null };
  }
  if (message.type === "progress") {
    return { status: message.status || "processing", progress: Number(message.progress) || 0, step: message.step || null };
  }
  if (message.type === "complete") return { status: "ready", progress: 100, step: "done" };
  if (message.type === "error") {
    return { status: "error", progress: Number(message.progress) || 0, step: null, error: message.error || null };
  }
  return null;
}

export function watchProgress({ url, videoId, onUpdate, WebSocketImpl = globalThis.WebSocket }) {
  const socket = new WebSocketImpl(url);
  socket.addEventListener("open", () => socket.send(JSON.stringify({ type: "subscribe", videoId })));
  socket.addEventListener("message", (event) => {
    let message;
    try {
      message = JSON.parse(event.data);
    } catch {
      return;
    }
    if (message.videoId !== undefined && message.videoId !== videoId) return;
    const update = normaliseProgress(message);
    if (update) onUpdate(update);
  });
  return () => socket.close();
}
