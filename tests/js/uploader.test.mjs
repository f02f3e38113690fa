import { test } from "node:test";
import assert from "node:assert/strict";
import { createClient } from "../../web/src/api.js";
import { asUploader } from "../../extension/src/uploader.js";

/** The real API client over a fake service: POST /api/clients issues tokens, register checks them. */
function service({ known = new Set(), registration = "on" } = {}) {
  const seen = [];
  let issued = 0;
  const reply = (status, body) => new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
  const fetchImpl = async (url, { method, headers }) => {
    const path = new URL(url).pathname;
    seen.push([method, path, headers["X-API-Key"] || headers["X-Client-Token"] || null]);
    if (registration === "off") return reply(403, { success: false, error: { code: "FORBIDDEN", message: "off" } });
    if (path === "/api/clients") {
      issued += 1;
      known.add(`token-${issued}`);
      return reply(200, { success: true, data: { clientToken: `token-${issued}` } });
    }
    const token = headers["X-Client-Token"];
    if (!headers["X-API-Key"] && !known.has(token)) {
      return reply(401, { success: false, error: { code: "UNAUTHORIZED", message: "unknown client token" } });
    }
    return reply(200, { success: true, data: { videoId: "v1", status: "awaiting_subtitles" } });
  };
  const saved = [];
  const deps = { createClient: (options) => createClient({ ...options, fetchImpl }),
                 saveClientToken: async (server, token) => saved.push([server, token]) };
  return { seen, saved, deps };
}

const register = (api) => api.register({ platform: "local", videoId: "v1", title: "Show 1화" });
const viewer = { serverUrl: "http://svc", apiKey: "", clientToken: "" };

test("a viewer's first registration obtains a client token, keeps it and sends it", async () => {
  const { seen, saved, deps } = service();
  assert.equal((await asUploader(viewer, register, deps)).status, "awaiting_subtitles");
  assert.deepEqual(seen, [["POST", "/api/clients", null], ["POST", "/api/video/register", "token-1"]]);
  assert.deepEqual(saved, [["http://svc", "token-1"]]);
});

test("a token the service no longer knows is replaced once; an operator key is sent as it is", async () => {
  const { seen, saved, deps } = service();
  await asUploader({ ...viewer, clientToken: "forgotten" }, register, deps);
  assert.deepEqual(seen.map((s) => s[2]), ["forgotten", null, "token-1"]);
  assert.deepEqual(saved, [["http://svc", ""], ["http://svc", "token-1"]]);
  const operator = service();
  await asUploader({ ...viewer, apiKey: "ops-key" }, register, operator.deps);
  assert.deepEqual(operator.seen, [["POST", "/api/video/register", "ops-key"]]);
});

test("a service with viewer registration off says a key is needed", async () => {
  const { deps } = service({ registration: "off" });
  assert.deepEqual(await asUploader(viewer, register, deps), { known: false, needsKey: true });
});
