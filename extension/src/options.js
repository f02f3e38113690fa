// The options page: server URL, API key, UI language, pause-on-open, and the shortcut in use.
import { loadSettings, saveSettings } from "./settings.js";
import { pickLanguage, stringsFor } from "../../web/src/i18n.js";

const form = document.getElementById("form");
const loaded = loadSettings();

// listening at once: a click on Save never submits the form natively, even before the settings load
form.addEventListener("submit", async (event) => {
  event.preventDefault();
  await loaded;
  await saveSettings({ serverUrl: form.elements.serverUrl.value, apiKey: form.elements.apiKey.value,
                       language: form.elements.language.value, pauseOnOpen: form.elements.pauseOnOpen.checked });
  const strings = stringsFor(pickLanguage(form.elements.language.value, navigator.language));
  document.getElementById("saved").textContent = strings.optionsSaved;
});

async function main() {
  const settings = await loaded;
  for (const name of ["serverUrl", "apiKey", "language"]) form.elements[name].value = settings[name];
  form.elements.pauseOnOpen.checked = settings.pauseOnOpen;
  const [command] = (await chrome.commands.getAll()).filter((c) => c.name === "explain-selection");
  const keys = (command && command.shortcut) || (navigator.platform.startsWith("Mac") ? "⌘E" : "Ctrl+E");
  document.getElementById("shortcutHint").textContent = `${keys} — chrome://extensions/shortcuts`;
}

main();
