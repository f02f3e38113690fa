// The shortcut through chrome.commands (Ctrl+E / ⌘+E, configurable at chrome://extensions/shortcuts):
// the worker tells the active tab's content script to open the panel. On a site without the static
// content script, the shortcut's activeTab grant lets the worker inject it first.

export const EXPLAIN_COMMAND = "explain-selection";
export const SHORTCUT_MESSAGE = { type: "explain-shortcut" };
const CONTENT_SCRIPT = "js/content.js";

/** The onCommand listener, over the given `chrome` (the real one in the worker, a fake in the unit tests). */
export function commandHandler(chromeApi) {
  return async (command, tab) => {
    if (command !== EXPLAIN_COMMAND) return;
    const target = tab || (await chromeApi.tabs.query({ active: true, currentWindow: true }))[0];
    if (!target || target.id === undefined) return;
    try {
      await chromeApi.tabs.sendMessage(target.id, SHORTCUT_MESSAGE);
    } catch {
      await chromeApi.scripting.executeScript({ target: { tabId: target.id }, files: [CONTENT_SCRIPT] });
      await chromeApi.tabs.sendMessage(target.id, SHORTCUT_MESSAGE);
    }
  };
}
