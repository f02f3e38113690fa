// One detector per platform behind one interface (see html5.js for the members); the first that
// matches the page wins, the generic HTML5 one last.
import { html5 } from "./html5.js";
import { netflix } from "./netflix.js";
import { youtube } from "./youtube.js";

export const DETECTORS = [netflix, youtube, html5];

export function detectorFor(location) {
  return DETECTORS.find((d) => d.matches(location));
}
