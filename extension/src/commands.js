// The shortcut through chrome.commands (Ctrl+E / ⌘+E, configurable at chrome://extensions/shortcuts),
// and the popup's button: the active tab's content script opens the panel. On a site without the
// static content script, the activeTab grant (the shortcut, the popup) lets us inject it first.

export const EXPLAIN_COMMAND = "explain-selection";
export const SHORTCUT_MESSAGE = { type: "explain-shortcut" };
const CONTENT_SCRIPT = "js/content.js";

/** The onCommand listener, over the given `chrome` (the real one in the worker, a fake in the unit tests). */
export function commandHandler(chromeApi) {
  return async (command, tab) => {
    if (command !== EXPLAIN_COMMAND) return;
    const target = tab || (await chromeApi.tabs.query({ active: true, currentWindow: true }))[0];
    if (!target || target.id === undefined) return;
    await explainInTab(chromeApi, target.id);
  };
}

/** Opens the panel on the tab's line (the shortcut, the popup's button): the content script is
 * injected first where it is not running (any page, through the activeTab grant). */
export async function explainInTab(chromeApi, tabId) {
  try {
    await chromeApi.tabs.sendMessage(tabId, SHORTCUT_MESSAGE);
  } catch {
    await chromeApi.scripting.executeScript({ target: { tabId }, files: [CONTENT_SCRIPT] });
    await chromeApi.tabs.sendMessage(tabId, SHORTCUT_MESSAGE);
  }
}
