import { test } from "node:test";
import assert from "node:assert/strict";
import { JSDOM } from "jsdom";
import { createPanel } from "../../web/src/panel/panel.js";
import { ask } from "../../web/src/panel/ask.js";
import { stringsFor, pickLanguage } from "../../web/src/i18n.js";

function setup(options = {}) {
  const { window } = new JSDOM("<!doctype html><body><p id=outside>x</p></body>");
  const seeks = [];
  const votes = [];
  const panel = createPanel({ document: window.document, strings: stringsFor("en"), onSeek: (t) => seeks.push(t),
                              onFeedback: async (id, helpful, token) => votes.push([id, helpful, token]), ...options });
  const q = (id) => panel.host.shadowRoot.querySelector(`[data-testid="${id}"]`);
  const all = (id) => [...panel.host.shadowRoot.querySelectorAll(`[data-testid="${id}"]`)];
  return { window, panel, seeks, votes, q, all };
}

const question = { videoId: "ep3", selectedText: "그때 그 사람이었어.", timestamp: 195.6 };
const answer = {
  questionId: "q1",
  feedbackToken: "t1",
  explanation: {
    text: 'It is <img src=x onerror="window.pwned=1"> Seo Do-yun.',
    resolutions: [{ expression: "그 사람", offset: 3, entity: { id: "e1", name: "서도윤" }, confidence: 0.9, evidence: ["named right after"] },
                  { expression: "그때" }, null, { confidence: 0.2 }],
    references: [{ videoId: "ep3", episode: 3, timestamp: 210, description: "봄은 늘 늦게 와요" },
                 { videoId: "ep1", episode: 1, timestamp: 751.4, description: "first seen" }, { videoId: "ep1" }],
    sources: [{ type: "wiki", title: "Wiki", url: "javascript:alert(1)" }, { title: "Namu", url: "https://namu.wiki/w/x" }],
  },
};

test("server text is inserted as text, never as markup", () => {
  const { panel, q, window } = setup();
  panel.showLoading(question);
  panel.showAnswer(answer, question);
  assert.equal(q("explain-text").textContent, answer.explanation.text);
  assert.equal(panel.host.shadowRoot.querySelectorAll("img").length, 0);
  assert.equal(window.pwned, undefined);
  const links = [...panel.host.shadowRoot.querySelectorAll("a")].map((a) => a.getAttribute("href"));
  assert.deepEqual(links, ["https://namu.wiki/w/x"]); // javascript: never becomes a link
});

test("resolutions show confidence in words; missing fields are fine", () => {
  const { panel, all } = setup();
  panel.showLoading(question);
  panel.showAnswer(answer, question);
  const items = all("explain-resolution").map((li) => li.textContent);
  assert.equal(items.length, 2);
  assert.match(items[0], /“그 사람” refers to 서도윤 · almost certain/);
  assert.match(items[0], /named right after/);
  assert.equal(items[1], "“그때”");
});

test("someone never named shows as the answer's description", () => {
  const { panel, q, all } = setup();
  panel.showLoading(question);
  panel.showAnswer({ explanation: { text: "t", resolutions: [
    { expression: "her", offset: 6, entity: null, description: "the woman Ross met at the party", confidence: 0.8 }] } },
                   question);
  assert.equal(q("explain-description").textContent, "the woman Ross met at the party");
  assert.match(all("explain-resolution")[0].textContent, /“her” refers to the woman Ross met at the party/);
});

test("a confidence badge only on a mention that names or describes someone; one with no one is unsure", () => {
  const { panel, all } = setup();
  panel.showLoading(question);
  panel.showAnswer({ explanation: { text: "이 대사의 ‘그 사람’이 누구인지는 지금까지 본 장면만으로는 알 수 없습니다.",
    resolutions: [{ expression: "그 사람", offset: 3, entity: null, description: null, confidence: 0.7 },
                  { expression: "걔", offset: 8, entity: { id: "e1", name: "서도윤" }, confidence: 0.7 }] } }, question);
  const [nobody, someone] = all("explain-resolution").map((li) => li.textContent);
  assert.equal(nobody, "“그 사람” · 확실하지 않음");
  assert.doesNotMatch(nobody, /아마도/);
  assert.match(someone, /서도윤 · 아마도/);
  panel.showAnswer({ explanation: { text: "Who ‘him’ is cannot be told.",
    resolutions: [{ expression: "him", offset: 7, entity: null, confidence: 0.65 }] } }, question);
  assert.equal(all("explain-resolution")[0].textContent, "“him” · unsure");
});

test("a same-episode scene seeks; another episode's is named 'episode 1, 12:31'", () => {
  const { panel, all, seeks } = setup();
  panel.showLoading(question);
  panel.showAnswer(answer, question);
  const [here, other] = all("explain-reference");
  assert.equal(all("explain-reference").length, 2);
  here.querySelector("button").click();
  assert.deepEqual(seeks, [210]);
  assert.match(other.textContent, /^episode 1, 12:31 — first seen$/);
});

test("feedback posts the vote once; Esc and a click outside close the panel", async () => {
  const { panel, q, votes, window } = setup();
  panel.showLoading(question);
  panel.showAnswer(answer, question);
  q("explain-feedback-down").click();
  await new Promise((r) => setTimeout(r, 0));
  assert.deepEqual(votes, [["q1", false, "t1"]]);
  assert.equal(q("explain-feedback-up").disabled, true);
  window.document.dispatchEvent(new window.KeyboardEvent("keydown", { key: "Escape" }));
  assert.equal(panel.isOpen(), false);
  panel.showLoading(question);
  window.document.getElementById("outside").dispatchEvent(new window.Event("pointerdown", { bubbles: true, composed: true }));
  assert.equal(panel.isOpen(), false);
});

test("a video being analysed shows its progress and is asked again after retryAfter", async () => {
  const { panel, q } = setup();
  const seen = [];
  let calls = 0;
  const data = await ask({
    panel, question,
    explain: async () => {
      calls += 1;
      if (calls === 1) throw { code: "VIDEO_PROCESSING", retryAfter: 7 };
      if (calls === 2) throw { code: "RATE_LIMIT_EXCEEDED", retryAfter: 20 };
      return answer;
    },
    status: async () => ({ progress: 40 }),
    wait: async (seconds) => seen.push([seconds, (q("explain-progress") || q("explain-retry")).textContent]),
  });
  assert.equal(data, answer);
  assert.deepEqual(seen, [[7, "Reading this episode, 40 % — the answer follows by itself when it is done."],
                          [20, "Lots of questions right now. Trying again in 20 s — no need to do anything."]]);
  assert.equal(q("explain-text").textContent, answer.explanation.text);
});

test("the UI language follows the browser unless chosen", () => {
  assert.equal(pickLanguage("auto", "ko-KR"), "ko");
  assert.equal(pickLanguage("auto", "en-US"), "en");
  assert.equal(pickLanguage("en", "ko-KR"), "en");
  assert.equal(stringsFor("ko").episodeAt(3, "12:31"), "3화 12:31");
});

test("with a container the panel docks in it (the web player's video column); without one it joins the body", () => {
  const { window } = new JSDOM('<!doctype html><body><div id="player"></div><aside id="transcript"></aside></body>');
  const container = window.document.getElementById("player");
  const docked = createPanel({ document: window.document, strings: stringsFor("en"), container });
  docked.showLoading(question);
  assert.equal(docked.host.parentElement, container);
  assert.equal(docked.host.hasAttribute("docked"), true);
  const floating = createPanel({ document: window.document, strings: stringsFor("en") });
  floating.showLoading(question);
  assert.equal(floating.host.parentElement, window.document.body);
  assert.equal(floating.host.hasAttribute("docked"), false);
});

test("an answer's labels follow its language; the votes are SVG icons, no emoji", () => {
  const { panel, q, all } = setup();  // an English page
  panel.showLoading(question);
  panel.showAnswer({ questionId: "q9", explanation: { text: "'그 사람'은 서도윤을 말해요.",
    resolutions: [{ expression: "그 사람", entity: { id: "e1", name: "서도윤" }, confidence: 0.9 }],
    references: [{ videoId: "ep1", episode: 1, timestamp: 60 }] } }, question);
  const headings = [...panel.host.shadowRoot.querySelectorAll("h3")].map((e) => e.textContent);
  assert.deepEqual(headings, ["누구를 가리키나요", "앞서 나온 장면"]);
  assert.match(all("explain-resolution")[0].textContent, /거의 확실/);
  assert.equal(all("explain-reference")[0].textContent, "1화 1:00");
  for (const id of ["explain-feedback-up", "explain-feedback-down"]) {
    const button = q(id);
    assert.equal(button.querySelector("svg").getAttribute("aria-hidden"), "true");
    assert.doesNotMatch(button.textContent, /\p{Extended_Pictographic}/u);
  }
  panel.showAnswer({ explanation: { text: "It was Monica." } }, question);
  assert.equal(q("explain-text").textContent, "It was Monica.");
  panel.showAnswer({ questionId: "q10", explanation: { text: "Monica.", resolutions: [{ expression: "she", entity: { name: "Monica" } }] } }, question);
  assert.deepEqual([...panel.host.shadowRoot.querySelectorAll("h3")].map((e) => e.textContent), ["Who is who"]);
});
