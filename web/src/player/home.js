// GET /: the series and their ready episodes (each series linking its explorer), from the GraphQL
// API, and how to add a video.
import { formatTime } from "../format.js";
import { h } from "../panel/dom.js";
import { graphql, setup } from "./common.js";

const CATALOG = `query Catalog {
  seriesList(first: 100) { edges { node { id title language videos(status: "ready") { id season episode title duration } } } }
}`;

async function main() {
  const { strings } = setup();
  document.getElementById("home-lead").textContent = strings.homeTitle;
  const root = document.getElementById("catalog");
  let data;
  try {
    data = await graphql(CATALOG);
  } catch {
    root.append(h(document, "p", { class: "status", role: "alert", text: strings.failed }));
    return;
  }
  const series = data.seriesList.edges.map((e) => e.node).filter((s) => s.videos.length);
  if (!series.length) root.append(h(document, "p", { class: "status", text: strings.homeEmpty }));
  const lang = new URLSearchParams(location.search).get("lang");
  for (const s of series) {
    const episodes = s.videos.map((v) => {
      const href = `/watch/${encodeURIComponent(v.id)}${lang ? `?lang=${encodeURIComponent(lang)}` : ""}`;
      return h(document, "li", { testid: "episode" },
               h(document, "a", { href, text: strings.episodeLabel(v.episode ?? "?", v.title || v.id) }),
               v.duration ? h(document, "span", { class: "meta", text: formatTime(v.duration) }) : null);
    });
    const explore = `/explore/${encodeURIComponent(s.id)}${lang ? `?lang=${encodeURIComponent(lang)}` : ""}`;
    root.append(h(document, "section", { class: "series", testid: "series", "data-series-id": s.id },
                  h(document, "h2", { text: s.title || s.id }),
                  h(document, "p", { class: "meta" }, h(document, "a", { href: explore, testid: "series-explore",
                                                                          text: strings.homeExplore })),
                  h(document, "ol", {}, episodes)));
  }
  root.append(howToAdd(strings));
}

/** How a video gets here: the extension (a viewer), or the REST API with an operator key. */
function howToAdd(strings) {
  const origin = location.origin;
  const commands = [
    `curl -X POST ${origin}/api/video/register -H 'X-API-Key: KEY' -H 'Content-Type: application/json' \\`,
    `  -d '{"platform":"local","videoId":"my-show-s01e01","title":"My Show 1화"}'`,
    `curl -X POST ${origin}/api/video/my-show-s01e01/subtitles -H 'X-API-Key: KEY' -F file=@episode1.srt`,
  ].join("\n");
  return h(document, "section", { class: "add-video", testid: "add-video" },
           h(document, "h2", { text: strings.homeAddTitle }),
           h(document, "p", { text: strings.homeAddExtension }),
           h(document, "p", { text: strings.homeAddOperator }),
           h(document, "pre", {}, h(document, "code", { text: commands })));
}

main();
