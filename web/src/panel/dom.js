// Building DOM without HTML: strings always become text nodes, so server text can never be markup.

/** h(document, "p", {class: "x", dataset: {testid: "y"}}, "text", childNode, …) */
export function h(doc, tag, attributes = {}, ...children) {
  const element = doc.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "testid") element.setAttribute("data-testid", value);
    else if (name === "text") element.textContent = String(value);
    else if (name.startsWith("on") && typeof value === "function") element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? "" : String(value));
  }
  append(element, children);
  return element;
}

export function append(parent, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(typeof child === "string" ? parent.ownerDocument.createTextNode(child) : child);
  }
  return parent;
}

export function clear(element) {
  while (element.firstChild) element.firstChild.remove();
}
