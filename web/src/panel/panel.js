// The explanation panel, one module for the web player and the extension. Everything the server
// says goes in as text nodes (see dom.js): an explanation containing markup shows the markup.

import { asText, confidenceWord, formatTime, safeHttpUrl } from "../format.js";
import { STRINGS } from "../i18n.js";
import { clear, h } from "./dom.js";
import { icon } from "./icons.js";
import { PANEL_CSS } from "./styles.js";

/**
 * @param {object} options
 * @param {Document} options.document
 * @param {object} options.strings          UI strings (i18n.js)
 * @param {(seconds: number) => void} [options.onSeek]               same-episode reference clicked
 * @param {(reference: object) => string|null} [options.referenceHref] link for another episode's scene
 * @param {(questionId: string, helpful: boolean, feedbackToken: string) => Promise<unknown>} [options.onFeedback]
 * @param {() => void} [options.onOpen]
 * @param {() => void} [options.onClose]
 * @param {Element} [options.container]  where the panel docks (a positioned element, e.g. the web player's
 *   video column); without one it floats at the top right of the viewport (the extension, over any page)
 */
export function createPanel({ document: doc, strings, onSeek, referenceHref, onFeedback, onOpen, onClose, container }) {
  const host = doc.createElement("subtitle-explainer-panel");
  if (container) host.setAttribute("docked", "");
  const shadow = host.attachShadow({ mode: "open" });
  adoptStyles(doc, shadow);
  const title = h(doc, "h2", { id: "explain-title", text: strings.panelTitle });
  const closeButton = h(doc, "button", { class: "close", type: "button", "aria-label": strings.close, text: "×",
                                         onclick: () => close() });
  const body = h(doc, "div", { class: "body", "aria-live": "polite" });
  const panel = h(doc, "section", { class: "panel", testid: "explain-panel", role: "dialog",
                                    "aria-labelledby": "explain-title", hidden: true },
                  h(doc, "header", {}, title, closeButton), body);
  shadow.append(panel);
  let question = null;
  let generation = 0;
  // an answer's labels are in the answer's language (a Korean answer under an English browser too)
  let labels = strings;

  const onKey = (event) => {
    if (event.key === "Escape" && isOpen()) close();
  };
  const onPointer = (event) => {
    if (isOpen() && !event.composedPath().includes(host)) close();
  };

  function mount() {
    if (!host.isConnected) (container || doc.body || doc.documentElement).append(host);
  }

  function open(nextQuestion) {
    mount();
    question = nextQuestion;
    generation += 1;
    const wasOpen = isOpen();
    panel.hidden = false;
    if (!wasOpen) {
      doc.addEventListener("keydown", onKey, true);
      doc.addEventListener("pointerdown", onPointer, true);
      if (onOpen) onOpen();
    }
    return generation;
  }

  function close() {
    if (!isOpen()) return;
    panel.hidden = true;
    generation += 1;
    doc.removeEventListener("keydown", onKey, true);
    doc.removeEventListener("pointerdown", onPointer, true);
    if (onClose) onClose();
  }

  function isOpen() {
    return !panel.hidden;
  }

  function quote() {
    if (!question) return null;
    return h(doc, "blockquote", {}, asText(question.selectedText),
             h(doc, "span", { class: "time", text: formatTime(question.timestamp) }));
  }

  function show(...children) {
    clear(body);
    body.append(...[quote(), ...children].filter(Boolean));
  }

  function showLoading(nextQuestion) {
    const token = open(nextQuestion);
    show(h(doc, "p", { class: "status calm", role: "status", text: strings.thinking }));
    return token;
  }

  function showProcessing(percent) {
    const value = Math.max(0, Math.min(100, Math.round(Number(percent) || 0)));
    show(h(doc, "p", { class: "status", role: "status", testid: "explain-progress", text: strings.processing(value) }));
  }

  function showRateLimited(seconds) {
    const wait = Math.max(1, Math.round(Number(seconds) || 10));
    show(h(doc, "p", { class: "status calm", role: "status", testid: "explain-retry", text: strings.rateLimited(wait) }));
  }

  function showError(error) {
    const text = error && error.code === "VIDEO_NOT_FOUND" ? strings.notFound : strings.failed;
    show(h(doc, "p", { class: "status", role: "alert", testid: "explain-error", text }));
  }

  function showAnswer(data, answeredQuestion = question) {
    question = answeredQuestion;
    const explanation = (data && data.explanation) || {};
    labels = labelsFor(explanation.text, strings);
    const parts = [h(doc, "p", { class: "text", testid: "explain-text", text: asText(explanation.text) })];
    if (data && data.degraded) parts.push(h(doc, "p", { class: "note", text: labels.degraded }));
    const resolutions = list(explanation.resolutions).map(resolutionItem).filter(Boolean);
    if (resolutions.length) parts.push(h(doc, "h3", { text: labels.who }), h(doc, "ul", {}, resolutions));
    const references = list(explanation.references).map(referenceItem).filter(Boolean);
    if (references.length) parts.push(h(doc, "h3", { text: labels.earlier }), h(doc, "ul", {}, references));
    const sources = list(explanation.sources).map(sourceItem).filter(Boolean);
    if (sources.length) parts.push(h(doc, "h3", { text: labels.sources }), h(doc, "ul", {}, sources));
    if (data && data.questionId && onFeedback) parts.push(feedbackBar(String(data.questionId), String(data.feedbackToken || "")));
    show(...parts);
  }

  function resolutionItem(resolution) {
    if (!resolution || typeof resolution !== "object") return null;
    const entity = resolution.entity && typeof resolution.entity === "object" ? resolution.entity : {};
    const name = asText(entity.name ?? resolution.name);
    // someone the viewer has seen but never heard named: a description, no entity
    const description = name ? "" : asText(resolution.description);
    const expression = asText(resolution.expression);
    if (!name && !expression) return null;
    // a confidence badge belongs to a person named or described: a mention with no one is "unsure"
    const word = name || description ? confidenceWord(resolution.confidence, labels)
      : Number.isFinite(Number(resolution.confidence ?? NaN)) ? labels.confidence.unsure : null;
    const evidence = asText(resolution.evidence);
    return h(doc, "li", { testid: "explain-resolution" },
             expression ? h(doc, "span", { class: "expression", text: `“${expression}”` }) : null,
             expression && (name || description) ? ` ${labels.refersTo} ` : null,
             name ? h(doc, "span", { class: "entity", text: name }) : null,
             description ? h(doc, "span", { class: "description", testid: "explain-description", text: description })
               : null,
             word ? h(doc, "span", { class: "confidence", text: ` · ${word}` }) : null,
             evidence ? h(doc, "span", { class: "evidence", text: evidence }) : null);
  }

  function referenceItem(reference) {
    if (!reference || typeof reference !== "object") return null;
    const seconds = Number(reference.timestamp);
    if (!Number.isFinite(seconds)) return null;
    const description = asText(reference.description);
    const sameEpisode = question && reference.videoId === question.videoId;
    const label = sameEpisode ? labels.hereAt(formatTime(seconds))
      : reference.episode != null ? labels.episodeAt(asText(reference.episode), formatTime(seconds))
        : formatTime(seconds);
    let target;
    if (sameEpisode && onSeek) {
      target = h(doc, "button", { class: "reference", type: "button", text: label, onclick: () => onSeek(seconds) });
    } else {
      const href = referenceHref ? safeLink(referenceHref(reference)) : null;
      target = href ? h(doc, "a", { href, text: label }) : h(doc, "span", { class: "reference-text", text: label });
    }
    return h(doc, "li", { testid: "explain-reference", "data-timestamp": seconds }, target,
             description ? h(doc, "span", { class: "description", text: ` — ${description}` }) : null);
  }

  function sourceItem(source) {
    if (!source || typeof source !== "object") return null;
    const titleText = asText(source.title) || asText(source.type);
    const url = safeHttpUrl(source.url);
    if (!titleText && !url) return null;
    const label = titleText || url;
    return h(doc, "li", {}, url ? h(doc, "a", { href: url, target: "_blank", rel: "noopener noreferrer", text: label })
      : label);
  }

  // the token from the answer: feedback is the asker's (POST /api/feedback checks it)
  function feedbackBar(questionId, feedbackToken) {
    const note = h(doc, "span", { text: labels.helpful });
    const vote = (helpful) => async (event) => {
      const button = event.currentTarget;
      for (const b of buttons) b.disabled = true;
      button.setAttribute("aria-pressed", "true");
      try {
        await onFeedback(questionId, helpful, feedbackToken);
        note.textContent = labels.thanks;
      } catch {
        note.textContent = labels.failed;
        for (const b of buttons) b.disabled = false;
      }
    };
    const buttons = [
      h(doc, "button", { class: "vote", type: "button", testid: "explain-feedback-up", "aria-label": labels.helpfulYes,
                         "aria-pressed": "false", onclick: vote(true) }, icon(doc, "thumbUp")),
      h(doc, "button", { class: "vote", type: "button", testid: "explain-feedback-down", "aria-label": labels.helpfulNo,
                         "aria-pressed": "false", onclick: vote(false) }, icon(doc, "thumbDown")),
    ];
    return h(doc, "footer", {}, note, ...buttons);
  }

  return {
    host, open, close, isOpen, showLoading, showAnswer, showProcessing, showRateLimited, showError,
    /** the token of the current question: a retry loop stops when it changes (new question, closed) */
    get generation() { return generation; },
  };
}

/** The labels of an answer: Korean for a Korean explanation, English for another; the page's otherwise. */
export function labelsFor(text, fallback) {
  const value = typeof text === "string" ? text : "";
  if (/[가-힣]/.test(value)) return STRINGS.ko;
  return /[A-Za-z]/.test(value) ? STRINGS.en : fallback;
}

function list(value) {
  return Array.isArray(value) ? value : [];
}

function safeLink(href) {
  if (typeof href !== "string") return null;
  return href.startsWith("/") && !href.startsWith("//") ? href : safeHttpUrl(href);
}

function adoptStyles(doc, shadow) {
  const view = doc.defaultView;
  if (view && "CSSStyleSheet" in view && "adoptedStyleSheets" in shadow) {
    try {
      const sheet = new view.CSSStyleSheet();
      sheet.replaceSync(PANEL_CSS);
      shadow.adoptedStyleSheets = [sheet];
      return;
    } catch {
      // fall through (DOM implementations without constructable style sheets)
    }
  }
  const style = doc.createElement("style");
  style.textContent = PANEL_CSS;
  shadow.append(style);
}
