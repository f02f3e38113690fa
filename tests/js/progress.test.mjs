import { test } from "node:test";
import assert from "node:assert/strict";
import { watchProgress } from "../../web/src/progress.js";

/** A WebSocket stand-in: records what is sent, and lets the test play the server's messages. */
class FakeSocket extends EventTarget {
  static last = null;
  constructor(url) {
    super();
    this.url = url;
    this.sent = [];
    this.closed = false;
    FakeSocket.last = this;
  }
  send(text) { this.sent.push(JSON.parse(text)); }
  close() { this.closed = true; }
  serve(message) {
    const event = new Event("message");
    event.data = typeof message === "string" ? message : JSON.stringify(message);
    this.dispatchEvent(event);
  }
}

test("the /ws stream of one video: subscribe on open, then each state as the popup and player show it", () => {
  const updates = [];
  const stop = watchProgress({ url: "ws://127.0.0.1:8000/ws", videoId: "ep1", onUpdate: (u) => updates.push(u),
                               WebSocketImpl: FakeSocket });
  const socket = FakeSocket.last;
  assert.equal(socket.url, "ws://127.0.0.1:8000/ws");
  socket.dispatchEvent(new Event("open"));
  assert.deepEqual(socket.sent, [{ type: "subscribe", videoId: "ep1" }]);
  socket.serve({ type: "subscribed", videoId: "ep1", current: { status: "processing", progress: 40, currentStep: "analyse" } });
  socket.serve({ type: "progress", videoId: "other", status: "processing", step: "graph", progress: 99 }); // not ours
  socket.serve("not json");
  socket.serve({ type: "pong" });
  socket.serve({ type: "progress", videoId: "ep1", status: "processing", step: "graph", progress: 80 });
  socket.serve({ type: "complete", videoId: "ep1", status: "ready", step: "done", progress: 100 });
  assert.deepEqual(updates, [{ status: "processing", progress: 40, step: "analyse" },
                             { status: "processing", progress: 80, step: "graph" },
                             { status: "ready", progress: 100, step: "done" }]);
  stop();
  assert.equal(socket.closed, true);
});

test("an unregistered video subscribes with no state yet; a failed analysis is an error update", () => {
  const updates = [];
  watchProgress({ url: "ws://x/ws", videoId: "ep2", onUpdate: (u) => updates.push(u), WebSocketImpl: FakeSocket });
  const socket = FakeSocket.last;
  socket.serve({ type: "subscribed", videoId: "ep2", current: null });
  socket.serve({ type: "error", videoId: "ep2", status: "error", progress: 46, error: { code: "LLM_ERROR", message: "x" } });
  assert.deepEqual(updates, [{ status: "registered", progress: 0, step: null },
                             { status: "error", progress: 46, step: null, error: { code: "LLM_ERROR", message: "x" } }]);
});
