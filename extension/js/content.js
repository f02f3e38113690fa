// built by web/build.mjs from extension/src/content.js: edit the sources, then npm run build
(() => {
  // web/src/panel/ask.js
  var MAX_ATTEMPTS = 30;
  var sleep = (seconds) => new Promise((resolve) => setTimeout(resolve, seconds * 1e3));
  async function ask({ panel, question, explain, status, wait = sleep }) {
    const token = panel.showLoading(question);
    const current = () => panel.isOpen() && panel.generation === token;
    for (let attempt = 0; attempt < MAX_ATTEMPTS && current(); attempt += 1) {
      try {
        const data = await explain(question);
        if (current()) panel.showAnswer(data, question);
        return data;
      } catch (error) {
        if (!current()) return null;
        const code = error && error.code;
        const retryAfter = Math.max(1, Number(error && error.retryAfter) || 5);
        if (code === "VIDEO_PROCESSING") {
          let progress = 0;
          try {
            progress = Number((status && await status(question.videoId))?.progress) || 0;
          } catch {
            progress = 0;
          }
          if (!current()) return null;
          panel.showProcessing(progress);
        } else if (code === "RATE_LIMIT_EXCEEDED" || code === "OVERLOADED") {
          panel.showRateLimited(retryAfter);
        } else {
          panel.showError(error);
          return null;
        }
        await wait(retryAfter);
      }
    }
    return null;
  }

  // web/src/panel/dom.js
  function h(doc, tag, attributes = {}, ...children) {
    const element = doc.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
      if (value === null || value === void 0 || value === false) continue;
      if (name === "testid") element.setAttribute("data-testid", value);
      else if (name === "text") element.textContent = String(value);
      else if (name.startsWith("on") && typeof value === "function") element.addEventListener(name.slice(2), value);
      else element.setAttribute(name, value === true ? "" : String(value));
    }
    append(element, children);
    return element;
  }
  function append(parent, children) {
    for (const child of children.flat()) {
      if (child === null || child === void 0 || child === false) continue;
      parent.append(typeof child === "string" ? parent.ownerDocument.createTextNode(child) : child);
    }
    return parent;
  }
  function clear(element) {
    while (element.firstChild) element.firstChild.remove();
  }

  // web/src/panel/icons.js
  var SVG = "http://www.w3.org/2000/svg";
  var PATHS = {
    thumbUp: ["M7 11v9H4v-9h3Z", "M7 11l4-7c1.2 0 2 .9 2 2v3h5.2c1.1 0 1.9 1 1.7 2.1l-1.3 7A2 2 0 0 1 16.6 20H7"],
    thumbDown: ["M7 13V4H4v9h3Z", "M7 13l4 7c1.2 0 2-.9 2-2v-3h5.2c1.1 0 1.9-1 1.7-2.1l-1.3-7A2 2 0 0 0 16.6 4H7"],
    bulb: [
      "M9 18h6",
      "M10 21h4",
      "M12 3a6 6 0 0 0-3.6 10.8c.7.6 1.1 1.3 1.1 2.2h5c0-.9.4-1.6 1.1-2.2A6 6 0 0 0 12 3Z"
    ]
  };
  function icon(doc, name, size = 18) {
    const svg = doc.createElementNS(SVG, "svg");
    for (const [key, value] of Object.entries({
      viewBox: "0 0 24 24",
      width: size,
      height: size,
      fill: "none",
      stroke: "currentColor",
      "stroke-width": 1.8,
      "stroke-linecap": "round",
      "stroke-linejoin": "round",
      "aria-hidden": "true",
      focusable: "false"
    })) {
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

  // web/src/format.js
  function formatTime(seconds) {
    const total = Math.max(0, Math.floor(Number(seconds) || 0));
    const h2 = Math.floor(total / 3600);
    const m = Math.floor(total % 3600 / 60);
    const s = String(total % 60).padStart(2, "0");
    return h2 > 0 ? `${h2}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
  }
  function confidenceWord(confidence, strings) {
    const c = Number(confidence);
    if (!Number.isFinite(c)) return null;
    if (c >= 0.85) return strings.confidence.certain;
    if (c >= 0.6) return strings.confidence.likely;
    if (c >= 0.35) return strings.confidence.possible;
    return strings.confidence.unsure;
  }
  function safeHttpUrl(value) {
    if (typeof value !== "string") return null;
    try {
      const url = new URL(value);
      return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
    } catch {
      return null;
    }
  }
  function asText(value) {
    if (value === null || value === void 0) return "";
    if (typeof value === "string") return value;
    if (typeof value === "number" || typeof value === "boolean") return String(value);
    if (Array.isArray(value)) return value.map(asText).filter(Boolean).join("; ");
    if (typeof value === "object") {
      return asText(value.text ?? value.description ?? value.reason ?? value.summary ?? "");
    }
    return "";
  }

  // web/src/i18n.js
  var en = {
    explainButton: "Explain this line",
    panelTitle: "What does this line mean?",
    close: "Close",
    thinking: "Looking through the episodes you have seen…",
    who: "Who is who",
    earlier: "Earlier scenes",
    sources: "Sources",
    helpful: "Did this help?",
    helpfulYes: "Helpful",
    helpfulNo: "Not helpful",
    thanks: "Thanks for telling us.",
    degraded: "Composed from the series graph only (the language model was unavailable).",
    processing: (percent) => `Reading this episode, ${percent} % — the answer follows by itself when it is done.`,
    rateLimited: (seconds) => `Lots of questions right now. Trying again in ${seconds} s — no need to do anything.`,
    failed: "The explanation is not available right now.",
    notFound: "This video is not known to the service yet.",
    hereAt: (time) => `this episode, ${time}`,
    episodeAt: (episode, time) => `episode ${episode}, ${time}`,
    confidence: { certain: "almost certain", likely: "likely", possible: "possibly", unsure: "unsure" },
    refersTo: "refers to",
    // web player
    homeTitle: "Series ready to watch",
    homeEmpty: "No episode is ready yet. The demo series is loaded on the first `make run`.",
    homeExplore: "Characters and timeline",
    homeAddTitle: "Add a video",
    homeAddExtension: "With the browser extension: open the episode on any page that plays it with subtitles and press Ctrl+E (⌘+E): the extension sends the captions its player loaded, and the answer follows once the episode is read.",
    homeAddOperator: "With an operator API key (ingest scope): register the video, then upload its subtitle file —",
    episodeLabel: (episode, title) => `Episode ${episode}: ${title}`,
    transcript: "Transcript",
    play: "Play",
    pause: "Pause",
    backToList: "All series",
    clickHint: "Click a line (or select words in it) to ask what it means.",
    episodeProcessing: (percent, step) => `Analysing this episode: ${percent} %${step ? ` (${step})` : ""}`,
    // extension
    popupNoVideo: "No video with subtitles seen on this page yet.",
    popupReady: "Ready: select a subtitle line and press the shortcut.",
    popupWaiting: "Waiting for the service…",
    popupNeedsKey: "Not analysed yet: this service takes new episodes from its operators only (an API key in the options).",
    popupExplain: "Explain the line on screen",
    popupServer: (url) => `Server: ${url}`,
    popupReachable: "reachable",
    popupUnreachable: "not reachable — check the server URL in the options",
    popupNoPage: "This tab cannot be read (a browser page or the web store).",
    options: "Options",
    optionsSaved: "Saved."
  };
  var ko = {
    explainButton: "이 대사 설명 보기",
    panelTitle: "이 대사는 무슨 뜻일까요?",
    close: "닫기",
    thinking: "지금까지 본 회차를 살펴보는 중…",
    who: "누구를 가리키나요",
    earlier: "앞서 나온 장면",
    sources: "출처",
    helpful: "도움이 되었나요?",
    helpfulYes: "도움이 됐어요",
    helpfulNo: "도움이 안 됐어요",
    thanks: "알려 주셔서 고맙습니다.",
    degraded: "언어 모델을 쓸 수 없어 시리즈 그래프만으로 만든 설명입니다.",
    processing: (percent) => `이 회차를 읽는 중, ${percent} % — 다 읽으면 바로 설명해 드릴게요.`,
    rateLimited: (seconds) => `지금 질문이 많아요. ${seconds}초 뒤에 다시 시도합니다. 따로 하실 일은 없어요.`,
    failed: "지금은 설명을 가져올 수 없습니다.",
    notFound: "서비스가 아직 모르는 영상입니다.",
    hereAt: (time) => `이번 화 ${time}`,
    episodeAt: (episode, time) => `${episode}화 ${time}`,
    confidence: { certain: "거의 확실", likely: "아마도", possible: "어쩌면", unsure: "확실하지 않음" },
    refersTo: "→",
    homeTitle: "볼 수 있는 시리즈",
    homeEmpty: "아직 준비된 회차가 없습니다. 처음 `make run` 할 때 데모 시리즈가 들어갑니다.",
    homeExplore: "인물 관계도와 타임라인",
    homeAddTitle: "영상 추가하기",
    homeAddExtension: "브라우저 확장 프로그램으로: 자막이 나오는 페이지에서 회차를 열고 Ctrl+E(⌘+E)를 누르세요. 플레이어가 불러온 자막을 확장 프로그램이 보내고, 회차를 다 읽으면 설명이 나옵니다.",
    homeAddOperator: "운영자 API 키(ingest 권한)로: 영상을 등록한 뒤 자막 파일을 올리세요 —",
    episodeLabel: (episode, title) => `${episode}화: ${title}`,
    transcript: "대본",
    play: "재생",
    pause: "일시정지",
    backToList: "전체 시리즈",
    clickHint: "대사를 클릭하거나 단어를 선택하면 뜻을 알려 드려요.",
    episodeProcessing: (percent, step) => `이 회차를 분석하는 중: ${percent} %${step ? ` (${step})` : ""}`,
    popupNoVideo: "이 페이지에서 아직 자막이 있는 영상을 찾지 못했습니다.",
    popupReady: "준비됨: 자막을 선택하고 단축키를 누르세요.",
    popupWaiting: "서비스를 기다리는 중…",
    popupNeedsKey: "아직 분석되지 않았습니다. 이 서비스는 운영자만 새 회차를 넣을 수 있습니다(옵션의 API 키).",
    popupExplain: "화면의 대사 설명 보기",
    popupServer: (url) => `서버: ${url}`,
    popupReachable: "연결됨",
    popupUnreachable: "연결 안 됨 — 옵션에서 서버 주소를 확인하세요",
    popupNoPage: "이 탭은 읽을 수 없습니다(브라우저 페이지나 웹 스토어).",
    options: "옵션",
    optionsSaved: "저장했습니다."
  };
  var STRINGS = { en, ko };
  function pickLanguage(preference, browserLanguage) {
    if (preference === "ko" || preference === "en") return preference;
    return String(browserLanguage || "").toLowerCase().startsWith("ko") ? "ko" : "en";
  }
  function stringsFor(language) {
    return STRINGS[language] || en;
  }

  // web/src/panel/styles.js
  var PANEL_CSS = `
:host { all: initial; }
.panel {
  position: fixed; z-index: 2147483647; top: 16px; right: 16px; bottom: auto;
  width: min(440px, calc(100vw - 32px)); max-height: calc(100vh - 32px); overflow-y: auto;
  box-sizing: border-box; padding: 16px 18px 14px; border-radius: 12px;
  background: rgba(20, 22, 28, 0.97); color: #f3f4f6; box-shadow: 0 12px 40px rgba(0, 0, 0, 0.55);
  border: 1px solid rgba(255, 255, 255, 0.14);
  font: 15px/1.6 system-ui, -apple-system, "Segoe UI", "Noto Sans CJK KR", "Noto Sans KR",
        "Apple SD Gothic Neo", "Malgun Gothic", sans-serif;
  word-break: keep-all; overflow-wrap: anywhere; text-align: left;
}
.panel[hidden] { display: none; }
/* docked (the web player): over the video column, never over the transcript beside it (it may reach
   below the column, down to the viewport's bottom); below the player, in the page's flow, where the
   columns stack */
:host([docked]) .panel { position: absolute; z-index: 10; top: 12px; right: 12px;
                         width: min(440px, calc(100% - 24px)); max-height: max(calc(100% - 24px), calc(100vh - 100px)); }
@media (max-width: 900px) {
  :host([docked]) .panel { position: static; width: auto; max-height: none; margin-top: 12px; }
}
header { display: flex; align-items: flex-start; gap: 8px; margin-bottom: 8px; }
h2 { flex: 1; margin: 0; font-size: 13px; font-weight: 600; letter-spacing: 0.02em; color: #a5b4fc; }
.close { all: unset; cursor: pointer; font-size: 20px; line-height: 1; padding: 2px 6px; color: #cbd5e1; border-radius: 6px; }
.close:hover, .close:focus-visible { background: rgba(255, 255, 255, 0.12); }
blockquote { margin: 0 0 10px; padding: 6px 10px; border-left: 3px solid #818cf8; color: #e5e7eb;
             background: rgba(255, 255, 255, 0.05); border-radius: 0 6px 6px 0; }
blockquote .time { color: #9ca3af; font-size: 12px; margin-left: 6px; }
.text { margin: 0 0 10px; white-space: pre-wrap; }
.status { margin: 4px 0 8px; color: #fde68a; }
.status.calm { color: #bfdbfe; }
h3 { margin: 12px 0 4px; font-size: 12px; font-weight: 600; color: #9ca3af; text-transform: uppercase; letter-spacing: 0.05em; }
ul { margin: 0; padding: 0; list-style: none; }
li { margin: 3px 0; }
.expression { font-weight: 600; color: #fcd34d; }
.entity { font-weight: 600; }
.confidence, .evidence, .note { color: #9ca3af; font-size: 13px; }
.evidence { display: block; }
a, button.reference { all: unset; cursor: pointer; color: #93c5fd; text-decoration: underline; text-underline-offset: 2px; }
.reference-text { color: #93c5fd; }
a:focus-visible, button.reference:focus-visible { outline: 2px solid #93c5fd; outline-offset: 2px; }
.description { color: #e5e7eb; }
footer { display: flex; align-items: center; gap: 8px; margin-top: 12px; padding-top: 10px; border-top: 1px solid rgba(255, 255, 255, 0.1); color: #cbd5e1; font-size: 13px; }
footer .vote { all: unset; cursor: pointer; font-size: 18px; padding: 2px 8px; border-radius: 8px; background: rgba(255, 255, 255, 0.08); }
footer .vote:hover, footer .vote:focus-visible { background: rgba(255, 255, 255, 0.18); }
footer .vote svg { display: block; }
footer .vote[disabled] { opacity: 0.45; cursor: default; }
footer .vote[aria-pressed="true"] { opacity: 1; background: rgba(129, 140, 248, 0.45); }
`;

  // web/src/panel/panel.js
  function createPanel({ document: doc, strings, onSeek, referenceHref, onFeedback, onOpen, onClose, container }) {
    const host = doc.createElement("subtitle-explainer-panel");
    if (container) host.setAttribute("docked", "");
    const shadow = host.attachShadow({ mode: "open" });
    adoptStyles(doc, shadow);
    const title = h(doc, "h2", { id: "explain-title", text: strings.panelTitle });
    const closeButton = h(doc, "button", {
      class: "close",
      type: "button",
      "aria-label": strings.close,
      text: "×",
      onclick: () => close()
    });
    const body = h(doc, "div", { class: "body", "aria-live": "polite" });
    const panel = h(
      doc,
      "section",
      {
        class: "panel",
        testid: "explain-panel",
        role: "dialog",
        "aria-labelledby": "explain-title",
        hidden: true
      },
      h(doc, "header", {}, title, closeButton),
      body
    );
    shadow.append(panel);
    let question = null;
    let generation = 0;
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
      return h(
        doc,
        "blockquote",
        {},
        asText(question.selectedText),
        h(doc, "span", { class: "time", text: formatTime(question.timestamp) })
      );
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
      const explanation = data && data.explanation || {};
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
      const description = name ? "" : asText(resolution.description);
      const expression = asText(resolution.expression);
      if (!name && !expression) return null;
      const word = name || description ? confidenceWord(resolution.confidence, labels) : Number.isFinite(Number(resolution.confidence ?? NaN)) ? labels.confidence.unsure : null;
      const evidence = asText(resolution.evidence);
      return h(
        doc,
        "li",
        { testid: "explain-resolution" },
        expression ? h(doc, "span", { class: "expression", text: `“${expression}”` }) : null,
        expression && (name || description) ? ` ${labels.refersTo} ` : null,
        name ? h(doc, "span", { class: "entity", text: name }) : null,
        description ? h(doc, "span", { class: "description", testid: "explain-description", text: description }) : null,
        word ? h(doc, "span", { class: "confidence", text: ` · ${word}` }) : null,
        evidence ? h(doc, "span", { class: "evidence", text: evidence }) : null
      );
    }
    function referenceItem(reference) {
      if (!reference || typeof reference !== "object") return null;
      const seconds = Number(reference.timestamp);
      if (!Number.isFinite(seconds)) return null;
      const description = asText(reference.description);
      const sameEpisode = question && reference.videoId === question.videoId;
      const label = sameEpisode ? labels.hereAt(formatTime(seconds)) : reference.episode != null ? labels.episodeAt(asText(reference.episode), formatTime(seconds)) : formatTime(seconds);
      let target;
      if (sameEpisode && onSeek) {
        target = h(doc, "button", { class: "reference", type: "button", text: label, onclick: () => onSeek(seconds) });
      } else {
        const href = referenceHref ? safeLink(referenceHref(reference)) : null;
        target = href ? h(doc, "a", { href, text: label }) : h(doc, "span", { class: "reference-text", text: label });
      }
      return h(
        doc,
        "li",
        { testid: "explain-reference", "data-timestamp": seconds },
        target,
        description ? h(doc, "span", { class: "description", text: ` — ${description}` }) : null
      );
    }
    function sourceItem(source) {
      if (!source || typeof source !== "object") return null;
      const titleText = asText(source.title) || asText(source.type);
      const url = safeHttpUrl(source.url);
      if (!titleText && !url) return null;
      const label = titleText || url;
      return h(doc, "li", {}, url ? h(doc, "a", { href: url, target: "_blank", rel: "noopener noreferrer", text: label }) : label);
    }
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
        h(doc, "button", {
          class: "vote",
          type: "button",
          testid: "explain-feedback-up",
          "aria-label": labels.helpfulYes,
          "aria-pressed": "false",
          onclick: vote(true)
        }, icon(doc, "thumbUp")),
        h(doc, "button", {
          class: "vote",
          type: "button",
          testid: "explain-feedback-down",
          "aria-label": labels.helpfulNo,
          "aria-pressed": "false",
          onclick: vote(false)
        }, icon(doc, "thumbDown"))
      ];
      return h(doc, "footer", {}, note, ...buttons);
    }
    return {
      host,
      open,
      close,
      isOpen,
      showLoading,
      showAnswer,
      showProcessing,
      showRateLimited,
      showError,
      /** the token of the current question: a retry loop stops when it changes (new question, closed) */
      get generation() {
        return generation;
      }
    };
  }
  function labelsFor(text, fallback) {
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
      }
    }
    const style = doc.createElement("style");
    style.textContent = PANEL_CSS;
    shadow.append(style);
  }

  // extension/src/commands.js
  var SHORTCUT_MESSAGE = { type: "explain-shortcut" };

  // extension/src/detectors/html5.js
  var html5 = {
    platform: "local",
    // the service's name for videos not on a known platform
    matches: () => true,
    video: (doc) => largestVideo(doc),
    videoId(doc, location2) {
      const named = doc.querySelector('meta[name="subtitle-explainer:video-id"]');
      if (named && named.content) return named.content;
      return `web-${hash(`${location2.host}${location2.pathname}`)}`;
    },
    metadata(doc) {
      const title = doc.querySelector('meta[property="og:title"]')?.content || doc.title || "";
      return { title: title.trim() || "video", season: null, episode: null };
    },
    currentTime: (doc) => largestVideo(doc)?.currentTime ?? 0,
    /** The active cue's text from the video's text tracks (tracks are set to "hidden": we draw the line). */
    currentCaption(doc) {
      const video = largestVideo(doc);
      if (!video) return "";
      for (const track of Array.from(video.textTracks || [])) {
        if (track.kind !== "subtitles" && track.kind !== "captions") continue;
        if (track.mode !== "hidden") track.mode = "hidden";
        const active = Array.from(track.activeCues || []).map((c) => c.text).join("\n");
        if (active) return stripCueMarkup(active);
      }
      return "";
    },
    /** The WebVTT file of the first subtitle track, to send to the service (same-origin fetch). */
    subtitleSources(doc) {
      const video = largestVideo(doc);
      const track = video && video.querySelector('track[kind="subtitles"], track[kind="captions"], track:not([kind])');
      return track && track.src ? [{ url: track.src, format: "webvtt", filename: "subtitles.vtt" }] : [];
    },
    captionElement: () => null,
    // captions are drawn by the extension's own overlay
    seek(doc, t) {
      const video = largestVideo(doc);
      if (video) video.currentTime = t;
    }
  };
  function largestVideo(doc) {
    let best = null;
    let bestArea = -1;
    for (const video of Array.from(doc.querySelectorAll("video"))) {
      const box = video.getBoundingClientRect();
      const area = box.width * box.height;
      if (area > bestArea) {
        best = video;
        bestArea = area;
      }
    }
    return best;
  }
  function stripCueMarkup(text) {
    return decodeEntities(String(text).replace(/<[^>]*>/g, "")).replace(/[ \t]+/g, " ").trim();
  }
  var NAMED = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " ", lrm: "‎", rlm: "‏" };
  function decodeEntities(text) {
    return String(text).replace(/&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|([a-z]+));/gi, (whole, dec, hex, name) => {
      if (name) return NAMED[name.toLowerCase()] ?? whole;
      const code = dec ? Number(dec) : parseInt(hex, 16);
      return code > 0 && code <= 1114111 ? String.fromCodePoint(code) : whole;
    });
  }
  function hash(text) {
    let h2 = 2166136261;
    for (let i = 0; i < text.length; i += 1) h2 = Math.imul(h2 ^ text.charCodeAt(i), 16777619) >>> 0;
    return h2.toString(36);
  }

  // extension/src/detectors/timing.js
  function parseJson3(text) {
    const data = typeof text === "string" ? JSON.parse(text) : text;
    const cues = [];
    for (const event of data && data.events || []) {
      if (!event.segs) continue;
      const line = event.segs.map((s) => s.utf8 || "").join("").replace(/\s+/g, " ").trim();
      if (!line) continue;
      const start2 = (Number(event.tStartMs) || 0) / 1e3;
      cues.push({ start: start2, end: start2 + (Number(event.dDurationMs) || 0) / 1e3, text: line });
    }
    return cues;
  }
  function ttmlTime(value, tickRate = 1e7) {
    const v = String(value || "").trim();
    let m = /^(\d+):(\d{2}):(\d{2}(?:\.\d+)?)$/.exec(v);
    if (m) return Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]);
    m = /^(\d+(?:\.\d+)?)(h|m|s|ms|t)$/.exec(v);
    if (!m) return null;
    const n = Number(m[1]);
    return { h: n * 3600, m: n * 60, s: n, ms: n / 1e3, t: n / tickRate }[m[2]];
  }
  function parseTtml(text, parse) {
    const doc = parse(text, "application/xml");
    const root = doc.documentElement;
    const rate = Number(root.getAttribute("ttp:tickRate") || root.getAttributeNS?.("http://www.w3.org/ns/ttml#parameter", "tickRate")) || 1e7;
    const cues = [];
    for (const p of Array.from(doc.getElementsByTagNameNS("*", "p"))) {
      const start2 = ttmlTime(p.getAttribute("begin"), rate);
      const end = ttmlTime(p.getAttribute("end"), rate);
      if (start2 === null || end === null) continue;
      const line = lineText(p).replace(/[ \t]+/g, " ").replace(/ ?\n ?/g, "\n").trim();
      if (line) cues.push({ start: start2, end, text: line });
    }
    return cues;
  }
  function lineText(node) {
    let out = "";
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === 3) out += child.nodeValue;
      else if (child.nodeType === 1) out += child.localName === "br" ? "\n" : lineText(child);
    }
    return out;
  }

  // extension/src/detectors/netflix.js
  var netflix = {
    platform: "netflix",
    matches: (location2) => /(^|\.)netflix\.com$/.test(location2.hostname),
    video: (doc) => largestVideo(doc),
    videoId: (_doc, location2) => (/\/watch\/(\d+)/.exec(location2.pathname) || [])[1] || null,
    /** <div data-uia="video-title"><h4>Series</h4><span>S1:E3</span><span>Episode title</span></div> */
    metadata(doc) {
      const block = doc.querySelector('[data-uia="video-title"]');
      if (!block) return { title: doc.title.replace(/\s*[-|]\s*Netflix.*$/i, "").trim(), season: null, episode: null };
      const series = block.querySelector("h4")?.textContent?.trim() || "";
      const spans = Array.from(block.querySelectorAll("span")).map((s) => s.textContent.trim());
      let season = null;
      let episode = null;
      let episodeTitle = "";
      for (const text of spans) {
        const m = /^(?:S|시즌\s*)(\d+)\s*[:：]?\s*(?:E|에피소드\s*)(\d+)$/i.exec(text) || /^(?:E|에피소드\s*)(\d+)$/i.exec(text);
        if (m && m.length === 3) [season, episode] = [Number(m[1]), Number(m[2])];
        else if (m) episode = Number(m[1]);
        else if (text) episodeTitle = text;
      }
      const title = [series, episodeTitle].filter(Boolean).join(" ") || block.textContent.trim();
      return { title, seriesTitle: series || null, season, episode };
    },
    currentTime: (doc) => largestVideo(doc)?.currentTime ?? 0,
    currentCaption: (doc) => Array.from(doc.querySelectorAll(".player-timedtext-text-container")).map((c) => c.textContent).join(" ").replace(/\s+/g, " ").trim(),
    captionElement: (doc) => doc.querySelector(".player-timedtext"),
    isSubtitleUrl: (url, body) => /nflxvideo\.net|\/\?o=/.test(url) && /<tt[\s>]/.test(String(body).slice(0, 2e3)),
    subtitleFromResponse(url, body, parse) {
      if (!netflix.isSubtitleUrl(url, body)) return null;
      const cues = parseTtml(body, parse);
      return cues.length ? { format: "ttml", filename: "subtitles.dfxp", text: body, cues } : null;
    },
    /** The player's metadata document (/metadata?movieid=…): the show's own id and the episode's
     * season and number, keyed by the episode's video id. */
    metadataFromResponse(url, body) {
      if (!/\/metadata\?/.test(url)) return null;
      let show;
      try {
        show = JSON.parse(body).video;
      } catch {
        return null;
      }
      if (!show || show.type !== "show" || !Array.isArray(show.seasons)) return null;
      const found = {};
      for (const season of show.seasons) {
        for (const episode of season.episodes || []) {
          const id = episode.id ?? episode.episodeId;
          if (id == null) continue;
          found[String(id)] = {
            showId: String(show.id),
            seriesTitle: show.title || null,
            season: season.seq ?? null,
            episode: episode.seq ?? null,
            title: [show.title, episode.title].filter(Boolean).join(" ") || null
          };
        }
      }
      return Object.keys(found).length ? found : null;
    },
    subtitleSources: () => [],
    seek(doc, t) {
      const video = largestVideo(doc);
      if (video) video.currentTime = t;
    }
  };

  // extension/src/detectors/youtube.js
  var youtube = {
    platform: "youtube",
    matches: (location2) => /(^|\.)youtube\.com$/.test(location2.hostname),
    video: (doc) => doc.querySelector("video.html5-main-video") || largestVideo(doc),
    videoId(_doc, location2) {
      const url = new URL(location2.href);
      return url.searchParams.get("v") || (/^\/(?:shorts|embed)\/([\w-]{6,})/.exec(url.pathname) || [])[1] || null;
    },
    /** The title (the service reads the episode marker from it), and the show as YouTube knows it:
     * the playlist being played (?list=), else the channel (its id, or its @handle). */
    metadata(doc, location2) {
      const heading = doc.querySelector("h1.ytd-watch-metadata, h1.title")?.textContent;
      const title = (heading || doc.title.replace(/ - YouTube$/, "")).trim();
      const playlistId = location2 ? new URL(location2.href).searchParams.get("list") : null;
      const owner = doc.querySelector("ytd-video-owner-renderer a[href], #owner a[href]")?.getAttribute("href") || "";
      const channelId = doc.querySelector('meta[itemprop="channelId"]')?.content || (/^\/(?:channel\/([\w-]+)|(@[\w.-]+))/.exec(owner) || []).slice(1).find(Boolean) || null;
      return { title, season: null, episode: null, playlistId: validId(playlistId), channelId: validId(channelId) };
    },
    currentTime: (doc) => youtube.video(doc)?.currentTime ?? 0,
    currentCaption: (doc) => Array.from(doc.querySelectorAll(".ytp-caption-segment")).map((s) => s.textContent).join(" ").trim(),
    captionElement: (doc) => doc.querySelector(".ytp-caption-window-container, .caption-window"),
    isSubtitleUrl: (url) => /\/api\/timedtext/.test(url) && /[?&]fmt=json3/.test(url),
    subtitleFromResponse(url, body) {
      if (!youtube.isSubtitleUrl(url)) return null;
      const cues = parseJson3(body);
      return cues.length ? { format: "json3", filename: "subtitles.json3", text: body, cues } : null;
    },
    subtitleSources: () => [],
    seek(doc, t) {
      const video = youtube.video(doc);
      if (video) video.currentTime = t;
    }
  };
  function validId(value) {
    return value && /^[\w@.-]{1,64}$/.test(value) ? value : null;
  }

  // extension/src/detectors/index.js
  var DETECTORS = [netflix, youtube, html5];
  function detectorFor(location2) {
    return DETECTORS.find((d) => d.matches(location2));
  }

  // extension/src/content.js
  var GUARD = "__subtitleExplainerLoaded";
  async function send(type, payload = {}) {
    const answer = await chrome.runtime.sendMessage({ type, ...payload });
    if (!answer || !answer.ok) throw answer && answer.error || { code: "INTERNAL_ERROR" };
    return answer.data;
  }
  async function start() {
    const settings = await send("settings");
    const strings = stringsFor(pickLanguage(settings.language, navigator.language));
    const detector = detectorFor(location);
    const state = { videoId: null, registration: null, registering: null, lastAsk: 0, captured: null, platform: {} };
    let resume = false;
    const panel = createPanel({
      document,
      strings,
      onSeek: (t) => detector.seek(document, t),
      onFeedback: (questionId, helpful, feedbackToken) => send("feedback", { questionId, feedbackToken, helpful }),
      onOpen: () => {
        const video = detector.video(document);
        resume = Boolean(settings.pauseOnOpen && video && !video.paused);
        if (resume) video.pause();
      },
      onClose: () => {
        const video = detector.video(document);
        if (resume && video) video.play().catch(() => {
        });
        resume = false;
      }
    });
    function explainNow() {
      const now = Date.now();
      if (now - state.lastAsk < 400 && panel.isOpen()) return;
      state.lastAsk = now;
      const selection = document.getSelection();
      const selected = String(selection || "").trim();
      const text = (selected || detector.currentCaption(document)).slice(0, 500);
      const videoId = detector.videoId(document, location);
      if (!text || !videoId) return;
      if (selection) selection.removeAllRanges();
      const { title, season, episode } = metadata();
      ask({
        panel,
        question: {
          videoId,
          selectedText: text,
          timestamp: detector.currentTime(document),
          metadata: {
            title: title ? title.slice(0, 300) : void 0,
            season: season ?? void 0,
            episode: episode ?? void 0,
            platform: detector.platform
          }
        },
        explain: explainOrRegister,
        status: (id) => send("status", { videoId: id })
      });
    }
    async function explainOrRegister(question) {
      try {
        return await send("explain", { question });
      } catch (error) {
        if (!error || error.code !== "VIDEO_NOT_FOUND") throw error;
        await (state.registering || register(true));
        if (state.registration && state.registration.known) throw { code: "VIDEO_PROCESSING", retryAfter: 2 };
        throw error;
      }
    }
    function metadata() {
      const found = detector.metadata(document, location);
      const extra = state.platform[detector.videoId(document, location)] || {};
      return { ...found, ...Object.fromEntries(Object.entries(extra).filter(([, v]) => v !== null && v !== void 0)) };
    }
    document.addEventListener("keydown", (event) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === "e") {
        event.preventDefault();
        explainNow();
      }
    }, true);
    const bulb = explainButton(strings, explainNow);
    const overlay = detector.captionElement(document) === null ? captionOverlay(detector, bulb) : null;
    if (!overlay) hoverCaptions(detector, bulb);
    window.addEventListener("message", (event) => {
      const data = event.data;
      if (event.source !== window || !data || data.source !== "subtitle-explainer" || data.kind !== "subtitle-document") return;
      const known = detector.metadataFromResponse && detector.metadataFromResponse(data.url, data.body);
      if (known) {
        Object.assign(state.platform, known);
        return;
      }
      const found = detector.subtitleFromResponse && detector.subtitleFromResponse(data.url, data.body, (t, type) => new DOMParser().parseFromString(t, type));
      if (found) {
        state.captured = { text: found.text, filename: found.filename };
        register(true);
      }
    });
    function register(force = false) {
      const video = detector.video(document);
      const videoId = video && detector.videoId(document, location);
      if (!videoId || videoId === state.videoId && !force) return state.registering;
      state.videoId = videoId;
      state.registering = registerNow(video, videoId).finally(() => {
        state.registering = null;
      });
      return state.registering;
    }
    async function registerNow(video, videoId) {
      const { title, season, episode, seriesTitle, showId, playlistId, channelId } = metadata();
      let subtitles = state.captured;
      if (!subtitles) {
        for (const source of detector.subtitleSources(document)) {
          try {
            const response = await fetch(source.url);
            if (response.ok) subtitles = { text: await response.text(), filename: source.filename };
          } catch {
          }
          if (subtitles) break;
        }
      }
      const duration = Number.isFinite(video.duration) && video.duration > 0 ? Math.round(video.duration * 10) / 10 : null;
      const registration = {
        platform: detector.platform,
        videoId,
        title: (title || videoId).slice(0, 300),
        ...seriesTitle ? { seriesTitle: seriesTitle.slice(0, 300) } : {},
        ...season != null ? { season } : {},
        ...episode != null ? { episode } : {},
        ...showId ? { showId: String(showId) } : {},
        ...playlistId ? { playlistId } : {},
        ...channelId ? { channelId } : {},
        ...duration ? { duration } : {}
      };
      try {
        state.registration = await send("register", { registration, subtitles });
      } catch (error) {
        state.registration = { known: false, error };
      }
    }
    register();
    new MutationObserver(() => register()).observe(document.documentElement, { childList: true, subtree: true });
    return {
      explainNow,
      videoState: () => ({
        videoId: detector.video(document) ? detector.videoId(document, location) : null,
        platform: detector.platform,
        registration: state.registration
      })
    };
  }
  function explainButton(strings, onClick) {
    const button = h(document, "button", {
      type: "button",
      testid: "explain-button",
      title: strings.explainButton,
      "aria-label": strings.explainButton
    }, icon(document, "bulb", 20));
    Object.assign(button.style, {
      position: "fixed",
      zIndex: "2147483646",
      display: "none",
      lineHeight: "0",
      padding: "5px",
      border: "0",
      borderRadius: "8px",
      cursor: "pointer",
      color: "#fde68a",
      background: "rgba(20, 22, 28, 0.9)",
      boxShadow: "0 2px 8px rgba(0,0,0,.5)"
    });
    button.addEventListener("mousedown", (event) => event.preventDefault());
    button.addEventListener("click", onClick);
    document.documentElement.append(button);
    return {
      showBeside(box) {
        button.style.left = `${Math.min(window.innerWidth - 40, box.right + 6)}px`;
        button.style.top = `${Math.max(4, box.top)}px`;
        button.style.display = "block";
      },
      hide: () => {
        button.style.display = "none";
      },
      element: button
    };
  }
  function captionOverlay(detector, bulb) {
    const line = h(document, "div", { testid: "cue", class: "subtitle-explainer-cue" });
    Object.assign(line.style, {
      position: "fixed",
      zIndex: "2147483645",
      display: "none",
      maxWidth: "80vw",
      transform: "translateX(-50%)",
      padding: "4px 12px",
      borderRadius: "6px",
      background: "rgba(0, 0, 0, 0.72)",
      color: "#fff",
      textAlign: "center",
      font: "22px/1.5 system-ui, 'Noto Sans CJK KR', 'Apple SD Gothic Neo', sans-serif",
      whiteSpace: "pre-line",
      userSelect: "text",
      cursor: "text",
      wordBreak: "keep-all"
    });
    document.documentElement.append(line);
    let hideTimer = null;
    const hover = () => {
      clearTimeout(hideTimer);
      bulb.showBeside(line.getBoundingClientRect());
    };
    const leave = () => {
      hideTimer = setTimeout(bulb.hide, 600);
    };
    line.addEventListener("mouseenter", hover);
    line.addEventListener("mouseleave", leave);
    bulb.element.addEventListener("mouseenter", () => clearTimeout(hideTimer));
    bulb.element.addEventListener("mouseleave", leave);
    const selecting = () => {
      const selection = document.getSelection();
      return Boolean(selection && !selection.isCollapsed && line.contains(selection.anchorNode));
    };
    const draw = () => {
      const video = detector.video(document);
      const text = video ? detector.currentCaption(document) : "";
      if (line.textContent !== text && !selecting()) line.textContent = text;
      if (video && line.textContent) {
        const box = video.getBoundingClientRect();
        line.style.left = `${box.left + box.width / 2}px`;
        line.style.top = `${box.bottom - Math.max(56, box.height * 0.16)}px`;
        line.style.display = "block";
      } else line.style.display = "none";
    };
    setInterval(draw, 200);
    document.addEventListener("timeupdate", draw, true);
    document.addEventListener("seeked", draw, true);
    return line;
  }
  function hoverCaptions(detector, bulb) {
    document.addEventListener("mouseover", (event) => {
      const captions = detector.captionElement(document);
      if (captions && captions.contains(event.target) && detector.currentCaption(document)) {
        bulb.showBeside(captions.getBoundingClientRect());
      } else if (event.target !== bulb.element) bulb.hide();
    }, true);
  }
  var ownPlayer = document.querySelector('meta[name="subtitle-explainer"]') !== null;
  if (!globalThis[GUARD] && !ownPlayer) {
    globalThis[GUARD] = true;
    const started = start();
    chrome.runtime.onMessage.addListener((message, _sender, reply) => {
      if (message && message.type === SHORTCUT_MESSAGE.type) started.then((content) => content.explainNow());
      if (message && message.type === "video-state") {
        started.then((content) => reply(content.videoState()));
        return true;
      }
      return false;
    });
  }
})();
