// GET /: the series and their ready episodes, from the GraphQL API.
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
  if (!series.length) {
    root.append(h(document, "p", { class: "status", text: strings.homeEmpty }));
    return;
  }
  const lang = new URLSearchParams(location.search).get("lang");
  for (const s of series) {
    const episodes = s.videos.map((v) => {
      const href = `/watch/${encodeURIComponent(v.id)}${lang ? `?lang=${encodeURIComponent(lang)}` : ""}`;
      return h(document, "li", { testid: "episode" },
               h(document, "a", { href, text: strings.episodeLabel(v.episode ?? "?", v.title || v.id) }),
               v.duration ? h(document, "span", { class: "meta", text: formatTime(v.duration) }) : null);
    });
    root.append(h(document, "section", { class: "series", testid: "series", "data-series-id": s.id },
                  h(document, "h2", { text: s.title || s.id }), h(document, "ol", {}, episodes)));
  }
}

main();
