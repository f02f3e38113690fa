// Icons as inline SVG (drawn with the page's own colour): no glyph that needs an emoji font, which
// many Linux machines and some TVs lack (👍/👎/💡 showed as empty boxes there).

const SVG = "http://www.w3.org/2000/svg";

// 24×24 outlines, stroke only
const PATHS = {
  thumbUp: ["M7 11v9H4v-9h3Z", "M7 11l4-7c1.2 0 2 .9 2 2v3h5.2c1.1 0 1.9 1 1.7 2.1l-1.3 7A2 2 0 0 1 16.6 20H7"],
  thumbDown: ["M7 13V4H4v9h3Z", "M7 13l4 7c1.2 0 2-.9 2-2v-3h5.2c1.1 0 1.9-1 1.7-2.1l-1.3-7A2 2 0 0 0 16.6 4H7"],
  bulb: ["M9 18h6", "M10 21h4",
         "M12 3a6 6 0 0 0-3.6 10.8c.7.6 1.1 1.3 1.1 2.2h5c0-.9.4-1.6 1.1-2.2A6 6 0 0 0 12 3Z"],
};

/** An <svg> icon (aria-hidden: the button around it carries the label). */
export function icon(doc, name, size = 18) {
  const svg = doc.createElementNS(SVG, "svg");
  for (const [key, value] of Object.entries({ viewBox: "0 0 24 24", width: size, height: size, fill: "none",
                                                stroke: "currentColor", "stroke-width": 1.8, "stroke-linecap": "round",
                                                "stroke-linejoin": "round", "aria-hidden": "true", focusable: "false" })) {
    svg.setAttribute(key, String(value));
  }
  svg.setAttribute("data-icon", name);
  for (const d of PATHS[name]) {
    const path = doc.createElementNS(SVG, "path");
    path.setAttribute("d", d);
    svg.append(path);
  }
  return svg;
}
