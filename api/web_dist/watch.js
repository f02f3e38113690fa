// built by web/build.mjs from web/src/player/watch.js: edit the sources, then npm run build
(() => {
  // web/src/api.js
  var ApiError = class extends Error {
    constructor({ code = "INTERNAL_ERROR", message = "", retryAfter = null, status = 0 } = {}) {
      super(message || code);
      this.code = code;
      this.retryAfter = retryAfter;
      this.status = status;
    }
    toJSON() {
      return { code: this.code, message: this.message, retryAfter: this.retryAfter, status: this.status };
    }
  };
  function createClient({
    baseUrl = "",
    apiKey = "",
    clientToken = "",
    fetchImpl = globalThis.fetch.bind(globalThis)
  } = {}) {
    const base = String(baseUrl).replace(/\/+$/, "");
    async function call(path, { method = "GET", json, body, key = false } = {}) {
      const headers = {};
      if (json !== void 0) headers["Content-Type"] = "application/json";
      if (key && apiKey) headers["X-API-Key"] = apiKey;
      else if (key && clientToken) headers["X-Client-Token"] = clientToken;
      let response;
      try {
        response = await fetchImpl(`${base}${path}`, {
          method,
          headers,
          body: json !== void 0 ? JSON.stringify(json) : body
        });
      } catch (error2) {
        throw new ApiError({ code: "NETWORK_ERROR", message: String(error2 && error2.message) });
      }
      let payload = null;
      try {
        payload = await response.json();
      } catch {
        payload = null;
      }
      if (response.ok && payload && payload.success !== false) return payload.data ?? payload;
      const error = payload && payload.error || {};
      const header = Number(response.headers.get("Retry-After"));
      throw new ApiError({
        code: error.code || `HTTP_${response.status}`,
        message: error.message || response.statusText,
        retryAfter: Number(error.retryAfter) || (Number.isFinite(header) && header > 0 ? header : null),
        status: response.status
      });
    }
    return {
      explain: ({ videoId: videoId2, selectedText, timestamp, metadata }) => call("/api/explain", { method: "POST", json: { videoId: videoId2, selectedText, timestamp, ...metadata ? { metadata } : {} } }),
      feedback: ({ questionId, feedbackToken, helpful, comment }) => call("/api/feedback", { method: "POST", json: { questionId, feedbackToken, helpful, ...comment ? { comment } : {} } }),
      status: (videoId2) => call(`/api/video/${encodeURIComponent(videoId2)}/status`),
      cues: (videoId2) => call(`/api/video/${encodeURIComponent(videoId2)}/cues`),
      catalog: () => call("/api/catalog"),
      health: () => call("/health"),
      newClient: () => call("/api/clients", { method: "POST" }),
      register: (registration) => call("/api/video/register", { method: "POST", json: registration, key: true }),
      uploadSubtitles: (videoId2, { text, filename }) => {
        const form = new FormData();
        form.append("file", new Blob([text], { type: "text/plain" }), filename);
        return call(`/api/video/${encodeURIComponent(videoId2)}/subtitles`, { method: "POST", body: form, key: true });
      }
    };
  }
  function progressSocketUrl(baseUrl, location2 = globalThis.location) {
    const base = baseUrl ? new URL(baseUrl) : new URL(location2.href);
    const scheme = base.protocol === "https:" ? "wss:" : "ws:";
    return `${scheme}//${base.host}/ws`;
  }

  // web/src/format.js
  function formatTime(seconds) {
    const total = Math.max(0, Math.floor(Number(seconds) || 0));
    const h2 = Math.floor(total / 3600);
    const m = Math.floor(total % 3600 / 60);
    const s = String(total % 60).padStart(2, "0");
    return h2 > 0 ? `${h2}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
  }
  function confidenceWord(confidence, strings2) {
    const c = Number(confidence);
    if (!Number.isFinite(c)) return null;
    if (c >= 0.85) return strings2.confidence.certain;
    if (c >= 0.6) return strings2.confidence.likely;
    if (c >= 0.35) return strings2.confidence.possible;
    return strings2.confidence.unsure;
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
  function createPanel({ document: doc, strings: strings2, onSeek, referenceHref, onFeedback, onOpen, onClose, container }) {
    const host = doc.createElement("subtitle-explainer-panel");
    if (container) host.setAttribute("docked", "");
    const shadow = host.attachShadow({ mode: "open" });
    adoptStyles(doc, shadow);
    const title = h(doc, "h2", { id: "explain-title", text: strings2.panelTitle });
    const closeButton = h(doc, "button", {
      class: "close",
      type: "button",
      "aria-label": strings2.close,
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
    let labels = strings2;
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
      show(h(doc, "p", { class: "status calm", role: "status", text: strings2.thinking }));
      return token;
    }
    function showProcessing(percent) {
      const value = Math.max(0, Math.min(100, Math.round(Number(percent) || 0)));
      show(h(doc, "p", { class: "status", role: "status", testid: "explain-progress", text: strings2.processing(value) }));
    }
    function showRateLimited(seconds) {
      const wait = Math.max(1, Math.round(Number(seconds) || 10));
      show(h(doc, "p", { class: "status calm", role: "status", testid: "explain-retry", text: strings2.rateLimited(wait) }));
    }
    function showError(error) {
      const text = error && error.code === "VIDEO_NOT_FOUND" ? strings2.notFound : strings2.failed;
      show(h(doc, "p", { class: "status", role: "alert", testid: "explain-error", text }));
    }
    function showAnswer(data, answeredQuestion = question) {
      question = answeredQuestion;
      const explanation = data && data.explanation || {};
      labels = labelsFor(explanation.text, strings2);
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

  // web/src/progress.js
  function normaliseProgress(message) {
    if (!message || typeof message !== "object") return null;
    if (message.type === "subscribed") {
      const c = message.current || {};
      return { status: c.status || "registered", progress: Number(c.progress) || 0, step: c.currentStep || c.step || null };
    }
    if (message.type === "progress") {
      return { status: message.status || "processing", progress: Number(message.progress) || 0, step: message.step || null };
    }
    if (message.type === "complete") return { status: "ready", progress: 100, step: "done" };
    if (message.type === "error") {
      return { status: "error", progress: Number(message.progress) || 0, step: null, error: message.error || null };
    }
    return null;
  }
  function watchProgress({ url, videoId: videoId2, onUpdate, WebSocketImpl = globalThis.WebSocket }) {
    const socket = new WebSocketImpl(url);
    socket.addEventListener("open", () => socket.send(JSON.stringify({ type: "subscribe", videoId: videoId2 })));
    socket.addEventListener("message", (event) => {
      let message;
      try {
        message = JSON.parse(event.data);
      } catch {
        return;
      }
      if (message.videoId !== void 0 && message.videoId !== videoId2) return;
      const update = normaliseProgress(message);
      if (update) onUpdate(update);
    });
    return () => socket.close();
  }

  // web/src/player/clock.js
  function timerClock({
    duration,
    now = () => performance.now(),
    schedule = (fn) => setInterval(fn, 200),
    cancel = (id) => clearInterval(id)
  }) {
    let base = 0;
    let startedAt = null;
    let timer = null;
    const listeners = /* @__PURE__ */ new Set();
    const clamp = (t) => Math.max(0, Math.min(duration, t));
    const time = () => clamp(startedAt === null ? base : base + (now() - startedAt) / 1e3);
    const emit = () => {
      const t = time();
      if (startedAt !== null && t >= duration) clock.pause();
      for (const fn of listeners) fn(t);
    };
    const clock = {
      get currentTime() {
        return time();
      },
      get paused() {
        return startedAt === null;
      },
      duration,
      play() {
        if (startedAt !== null) return;
        if (time() >= duration) base = 0;
        startedAt = now();
        timer = schedule(emit);
        emit();
      },
      pause() {
        if (startedAt === null) return;
        base = time();
        startedAt = null;
        cancel(timer);
        timer = null;
        emit();
      },
      seek(t) {
        base = clamp(Number(t) || 0);
        if (startedAt !== null) startedAt = now();
        emit();
      },
      onTick(fn) {
        listeners.add(fn);
      }
    };
    return clock;
  }
  function videoClock(video) {
    return {
      get currentTime() {
        return video.currentTime;
      },
      get paused() {
        return video.paused;
      },
      get duration() {
        return video.duration;
      },
      play() {
        return video.play();
      },
      pause() {
        video.pause();
      },
      seek(t) {
        video.currentTime = Number(t) || 0;
      },
      onTick(fn) {
        for (const name of ["timeupdate", "seeked", "play", "pause"]) video.addEventListener(name, () => fn(video.currentTime));
      }
    };
  }
  function cueAt(cues, t) {
    let lo = 0;
    let hi = cues.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = lo + hi >> 1;
      if (cues[mid].start <= t) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found >= 0 && t < cues[found].end ? found : -1;
  }

  // web/src/player/common.js
  function pageLanguage(location2 = globalThis.location, navigator = globalThis.navigator) {
    const asked = new URLSearchParams(location2.search).get("lang");
    return pickLanguage(asked || "auto", navigator && navigator.language);
  }
  function setup() {
    const language = pageLanguage();
    document.documentElement.lang = language;
    return { language, strings: stringsFor(language), client: createClient({ baseUrl: "" }) };
  }

  // web/src/player/watch.js
  var { strings, client } = setup();
  var videoId = decodeURIComponent(location.pathname.replace(/^\/watch\//, ""));
  var $ = (id) => document.getElementById(id);
  async function main() {
    $("transcript-title").textContent = strings.transcript;
    $("back").textContent = `← ${strings.backToList}`;
    document.head.append(h(document, "meta", { name: "subtitle-explainer:video-id", content: videoId }));
    let episode;
    try {
      episode = await client.cues(videoId);
    } catch (error) {
      $("status").textContent = error.code === "VIDEO_NOT_FOUND" ? strings.notFound : strings.failed;
      return;
    }
    $("episode-title").textContent = [episode.seriesTitle, episode.episode != null ? strings.episodeLabel(episode.episode, episode.title || "") : episode.title].filter(Boolean).join(" · ");
    document.title = `${episode.title || videoId} · ${document.title}`;
    if (episode.status !== "ready") {
      showProgress(episode);
      return;
    }
    play(episode);
  }
  function showProgress(episode) {
    const bar = h(document, "progress", { class: "progress", max: 100, value: episode.progress || 0, testid: "episode-progress" });
    const text = h(document, "span", {});
    $("status").replaceChildren(text, " ", bar);
    const update = ({ status, progress, step }) => {
      if (status === "ready") {
        location.reload();
        return;
      }
      bar.value = progress;
      text.textContent = strings.episodeProcessing(progress, step);
    };
    client.status(videoId).then((s) => update({ status: s.status, progress: s.progress, step: s.currentStep })).catch(() => update({ status: episode.status, progress: 0, step: null }));
    watchProgress({ url: progressSocketUrl(""), videoId, onUpdate: update });
  }
  function play(episode) {
    const cues = episode.cues;
    const duration = episode.duration || (cues.length ? cues[cues.length - 1].end + 2 : 0);
    let clock;
    if (episode.mediaUrl) {
      const video = h(document, "video", { src: episode.mediaUrl, controls: true, preload: "metadata", playsinline: true });
      $("screen").prepend(video);
      clock = videoClock(video);
    } else {
      clock = timerClock({ duration });
      $("controls").append(...timerControls(clock, duration));
    }
    const subtitle = $("subtitle");
    const items = cues.map((cue, i) => h(document, "li", {
      testid: "cue",
      tabindex: 0,
      "data-index": i,
      "data-start": cue.start,
      "data-end": cue.end
    }, h(document, "time", { text: formatTime(cue.start) }), h(document, "span", { class: "line", text: cue.text })));
    $("cues").append(...items);
    $("hint").textContent = strings.clickHint;
    let resumeAfterPanel = false;
    const panel = createPanel({
      document,
      strings,
      container: $("player"),
      onSeek: (t) => clock.seek(t),
      referenceHref: (ref) => ref.videoId ? `/watch/${encodeURIComponent(ref.videoId)}?t=${Math.floor(ref.timestamp)}${langParam()}` : null,
      onFeedback: (questionId, helpful, feedbackToken) => client.feedback({ questionId, feedbackToken, helpful }),
      onOpen: () => {
        resumeAfterPanel = !clock.paused;
        clock.pause();
      },
      onClose: () => {
        if (resumeAfterPanel) clock.play();
      }
    });
    const explain = (text, timestamp) => ask({
      panel,
      question: { videoId, selectedText: text, timestamp },
      explain: (q) => client.explain(q),
      status: (id) => client.status(id)
    });
    let current = -1;
    const render = (t) => {
      const index = cueAt(cues, t);
      if (index === current) return;
      if (current >= 0) items[current].removeAttribute("aria-current");
      current = index;
      subtitle.textContent = index >= 0 ? cues[index].text : "";
      if (index >= 0) {
        items[index].setAttribute("aria-current", "true");
        keepVisible($("cues"), items[index]);
      }
    };
    clock.onTick(render);
    const lineOf = (target) => target.closest && target.closest('[data-testid="cue"]');
    $("cues").addEventListener("click", (event) => {
      const item = lineOf(event.target);
      if (!item) return;
      const cue = cues[Number(item.dataset.index)];
      const selected = selectionIn(item);
      clock.seek(cue.start);
      explain(selected || cue.text, cue.start);
    });
    $("cues").addEventListener("keydown", (event) => {
      const item = lineOf(event.target);
      if (item && (event.key === "Enter" || event.key === " ")) {
        event.preventDefault();
        item.click();
      }
    });
    subtitle.addEventListener("click", () => {
      if (current < 0) return;
      explain(selectionIn(subtitle) || cues[current].text, clock.currentTime);
    });
    const start = Number(new URLSearchParams(location.search).get("t"));
    clock.seek(Number.isFinite(start) && start > 0 ? start : 0);
    render(clock.currentTime);
  }
  function timerControls(clock, duration) {
    const button = h(document, "button", { type: "button", testid: "play", text: strings.play });
    const range = h(document, "input", {
      type: "range",
      min: 0,
      max: Math.ceil(duration),
      step: 0.1,
      value: 0,
      "aria-label": "position"
    });
    const time = h(document, "output", { testid: "clock", text: `0:00 / ${formatTime(duration)}` });
    button.addEventListener("click", () => clock.paused ? clock.play() : clock.pause());
    range.addEventListener("input", () => clock.seek(Number(range.value)));
    clock.onTick((t) => {
      button.textContent = clock.paused ? strings.play : strings.pause;
      range.value = String(t);
      time.textContent = `${formatTime(t)} / ${formatTime(duration)}`;
      time.dataset.seconds = t.toFixed(1);
    });
    return [button, range, time];
  }
  function selectionIn(element) {
    const selection = document.getSelection();
    if (!selection || selection.isCollapsed || !element.contains(selection.anchorNode)) return "";
    return selection.toString().trim();
  }
  function keepVisible(container, item) {
    const top = item.offsetTop - container.offsetTop;
    if (top < container.scrollTop || top + item.offsetHeight > container.scrollTop + container.clientHeight) {
      container.scrollTop = Math.max(0, top - container.clientHeight / 3);
    }
  }
  function langParam() {
    const lang = new URLSearchParams(location.search).get("lang");
    return lang ? `&lang=${encodeURIComponent(lang)}` : "";
  }
  main();
})();
