import { test } from "node:test";
import assert from "node:assert/strict";
import { JSDOM } from "jsdom";
import { detectorFor } from "../../extension/src/detectors/index.js";
import { netflix } from "../../extension/src/detectors/netflix.js";
import { youtube } from "../../extension/src/detectors/youtube.js";
import { parseJson3, parseTtml, ttmlTime } from "../../extension/src/detectors/timing.js";

const parse = (text, type) => new new JSDOM("").window.DOMParser().parseFromString(text, type);
const at = (href) => new URL(href);

test("each platform has its detector, any other page the generic HTML5 one", () => {
  assert.equal(detectorFor(at("https://www.netflix.com/watch/81234567")).platform, "netflix");
  assert.equal(detectorFor(at("https://www.youtube.com/watch?v=abcdefghijk")).platform, "youtube");
  assert.equal(detectorFor(at("http://127.0.0.1:8000/watch/x")).platform, "local");
  assert.equal(detectorFor(at("https://notyoutube.com/")).platform, "local");
});

test("YouTube json3 timed text becomes cues; only json3 timedtext responses are taken", () => {
  const body = JSON.stringify({ events: [{ tStartMs: 1500, dDurationMs: 2000, segs: [{ utf8: "그때 " }, { utf8: "그 사람" }] },
                                         { tStartMs: 4000, dDurationMs: 500 }, { tStartMs: 5000, segs: [{ utf8: "\n" }] }] });
  assert.deepEqual(parseJson3(body), [{ start: 1.5, end: 3.5, text: "그때 그 사람" }]);
  assert.equal(youtube.subtitleFromResponse("https://www.youtube.com/api/timedtext?v=x&fmt=json3", body).format, "json3");
  assert.equal(youtube.subtitleFromResponse("https://www.youtube.com/api/timedtext?v=x&fmt=srv3", body), null);
  assert.equal(youtube.videoId(null, at("https://www.youtube.com/watch?v=abcdefghijk&t=3")), "abcdefghijk");
});

test("Netflix TTML/DFXP: clock and tick times, <br/> and <span>s", () => {
  assert.equal(ttmlTime("00:01:02.500"), 62.5);
  assert.equal(ttmlTime("8100000t", 10000000), 0.81);
  const ttml = `<?xml version="1.0"?><tt xmlns="http://www.w3.org/ns/ttml" xmlns:ttp="http://www.w3.org/ns/ttml#parameter"
    ttp:tickRate="10000000"><body><div><p begin="20000000t" end="40000000t">그때<br/><span>그 사람이었어.</span></p>
    <p begin="bad" end="x">skip</p></div></body></tt>`;
  assert.deepEqual(parseTtml(ttml, parse), [{ start: 2, end: 4, text: "그때\n그 사람이었어." }]);
  const found = netflix.subtitleFromResponse("https://ipv4-c001.1.oca.nflxvideo.net/?o=1&v=5", ttml, parse);
  assert.equal(found.format, "ttml");
  assert.equal(found.cues.length, 1);
});

test("Netflix title, season and episode come from the player's title block", () => {
  const { document } = new JSDOM(`<div data-uia="video-title"><h4>수첩 속의 봄</h4><span>S1:E3</span><span>그때 그 사람</span></div>`).window;
  assert.deepEqual(netflix.metadata(document), { title: "수첩 속의 봄 그때 그 사람", seriesTitle: "수첩 속의 봄", season: 1, episode: 3 });
  assert.equal(netflix.videoId(document, at("https://www.netflix.com/watch/81234567?trackId=1")), "81234567");
});

test("WebVTT cue text: tags removed, character references decoded", async () => {
  const { stripCueMarkup, decodeEntities } = await import("../../extension/src/detectors/html5.js");
  assert.equal(stripCueMarkup("Tom &amp; Jerry &lt;3"), "Tom & Jerry <3");
  assert.equal(stripCueMarkup("<v Anna><i>It&apos;s &quot;him&quot;</i></v> &#8212; &#x2014;&nbsp;ok"), "It's \"him\" — — ok");
  assert.equal(decodeEntities("&unknown; &amp;lt;"), "&unknown; &lt;");  // decoded once, unknown names kept
});

test("the show as the platform knows it: a YouTube playlist or channel, Netflix's show id per episode", () => {
  const { document } = new JSDOM(`<meta itemprop="channelId" content="UCabc_123"><h1 class="title">Cooking EP.4</h1>`).window;
  const meta = youtube.metadata(document, at("https://www.youtube.com/watch?v=abcdefghijk&list=PLx-1"));
  assert.deepEqual([meta.title, meta.playlistId, meta.channelId], ["Cooking EP.4", "PLx-1", "UCabc_123"]);
  const owner = new JSDOM(`<div id="owner"><a href="/@some.cook">Cook</a></div>`).window.document;
  assert.equal(youtube.metadata(owner, at("https://www.youtube.com/watch?v=abcdefghijk")).channelId, "@some.cook");
  const body = JSON.stringify({ video: { id: 80100172, type: "show", title: "수첩 속의 봄", seasons: [
    { seq: 1, episodes: [{ id: 81234567, seq: 3, title: "그때 그 사람" }] }] } });
  assert.deepEqual(netflix.metadataFromResponse("https://www.netflix.com/nq/website/memberapi/x/metadata?movieid=81234567", body),
                   { 81234567: { showId: "80100172", seriesTitle: "수첩 속의 봄", season: 1, episode: 3,
                                 title: "수첩 속의 봄 그때 그 사람" } });
  assert.equal(netflix.metadataFromResponse("https://www.netflix.com/other", body), null);
});
