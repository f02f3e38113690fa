import { test } from "node:test";
import assert from "node:assert/strict";
import { commandHandler, EXPLAIN_COMMAND, SHORTCUT_MESSAGE } from "../../extension/src/commands.js";

/** A fake `chrome` recording what the worker asks of it; tabs without a content script reject. */
function fakeChrome({ activeTab = { id: 7 }, scripted = new Set([7]) } = {}) {
  const calls = [];
  const api = {
    tabs: {
      query: async (filter) => { calls.push(["query", filter]); return activeTab ? [activeTab] : []; },
      sendMessage: async (tabId, message) => {
        calls.push(["sendMessage", tabId, message]);
        if (!scripted.has(tabId)) throw new Error("Could not establish connection. Receiving end does not exist.");
      },
    },
    scripting: {
      executeScript: async ({ target, files }) => { calls.push(["executeScript", target.tabId, files]); scripted.add(target.tabId); },
    },
  };
  return { api, calls };
}

test("the shortcut command tells the tab it came from to explain", async () => {
  const { api, calls } = fakeChrome();
  await commandHandler(api)(EXPLAIN_COMMAND, { id: 7 });
  assert.deepEqual(calls, [["sendMessage", 7, SHORTCUT_MESSAGE]]);
});

test("without a tab, the active tab of the current window is asked", async () => {
  const { api, calls } = fakeChrome({ activeTab: { id: 7 } });
  await commandHandler(api)(EXPLAIN_COMMAND, undefined);
  assert.deepEqual(calls, [["query", { active: true, currentWindow: true }], ["sendMessage", 7, SHORTCUT_MESSAGE]]);
});

test("a tab without the content script gets it injected, then the message", async () => {
  const { api, calls } = fakeChrome({ scripted: new Set() });
  await commandHandler(api)(EXPLAIN_COMMAND, { id: 9 });
  assert.deepEqual(calls, [["sendMessage", 9, SHORTCUT_MESSAGE], ["executeScript", 9, ["js/content.js"]],
                           ["sendMessage", 9, SHORTCUT_MESSAGE]]);
});

test("other commands and tab-less windows do nothing", async () => {
  const { api, calls } = fakeChrome({ activeTab: null });
  await commandHandler(api)("_execute_action", { id: 7 });
  await commandHandler(api)(EXPLAIN_COMMAND, undefined);
  assert.deepEqual(calls, [["query", { active: true, currentWindow: true }]]);
});

test("the command the handler answers is the one the manifest binds to Ctrl+E / ⌘+E", async () => {
  const { readFile } = await import("node:fs/promises");
  const manifest = JSON.parse(await readFile(new URL("../../extension/manifest.json", import.meta.url), "utf8"));
  assert.deepEqual(manifest.commands[EXPLAIN_COMMAND].suggested_key, { default: "Ctrl+E", mac: "Command+E" });
});
