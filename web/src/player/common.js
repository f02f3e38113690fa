// What both pages of the web player share: the UI language and the API client (same origin).
import { createClient } from "../api.js";
import { pickLanguage, stringsFor } from "../i18n.js";

export function pageLanguage(location = globalThis.location, navigator = globalThis.navigator) {
  const asked = new URLSearchParams(location.search).get("lang");
  return pickLanguage(asked || "auto", navigator && navigator.language);
}

export function setup() {
  const language = pageLanguage();
  document.documentElement.lang = language;
  return { language, strings: stringsFor(language), client: createClient({ baseUrl: "" }) };
}

export async function graphql(query, variables = {}) {
  const response = await fetch("/graphql", {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ query, variables }),
  });
  const payload = await response.json();
  if (payload.errors && payload.errors.length) throw new Error(payload.errors[0].message);
  return payload.data;
}
