// Builds the front-end into the Python package (api/web_dist/) and the extension (extension/js/).
// Both outputs are committed, so `make run` needs no Node.js; `node web/build.mjs --check` (run by
// the JS tests in `make test`) fails when a committed file differs from a fresh build.
//
//   npm ci && npm run build      # after changing anything under web/ or extension/src/
import { build } from "esbuild";
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const check = process.argv.includes("--check");

// one bundle per page or extension context; each is self-contained (no CDN, no remote code)
const bundles = [
  ["web/src/player/home.js", "api/web_dist/home.js"],
  ["web/src/player/watch.js", "api/web_dist/watch.js"],
  ["web/src/explorer/explore.js", "api/web_dist/explore.js"],
  ["extension/src/content.js", "extension/js/content.js"],
  ["extension/src/page-hook.js", "extension/js/page-hook.js"],
  ["extension/src/background.js", "extension/js/background.js"],
  ["extension/src/popup.js", "extension/js/popup.js"],
  ["extension/src/options.js", "extension/js/options.js"],
];
// pages and style sheets of the web player, copied as they are
const copies = readdirSync(join(root, "web/pages")).sort().map((name) => [`web/pages/${name}`, `api/web_dist/${name}`]);
// the API's documentation pages (/docs, /redoc, GraphiQL on /graphql) and the npm packages they run
// on (package-lock.json), copied into the package: they worked only with unpkg/jsdelivr reachable
copies.push(...readdirSync(join(root, "web/docs")).sort().map((name) => [`web/docs/${name}`, `api/web_dist/${name}`]));
copies.push(
  ["node_modules/swagger-ui-dist/swagger-ui-bundle.js", "api/web_dist/swagger-ui-bundle.js"],
  ["node_modules/swagger-ui-dist/swagger-ui.css", "api/web_dist/swagger-ui.css"],
  ["node_modules/redoc/bundles/redoc.standalone.js", "api/web_dist/redoc-standalone.js"],
  ["node_modules/react/umd/react.production.min.js", "api/web_dist/react.js"],
  ["node_modules/react-dom/umd/react-dom.production.min.js", "api/web_dist/react-dom.js"],
  ["node_modules/graphiql/graphiql.min.js", "api/web_dist/graphiql.js"],
  ["node_modules/graphiql/graphiql.min.css", "api/web_dist/graphiql.css"],
);

async function bundle(entry) {
  const result = await build({
    entryPoints: [join(root, entry)], bundle: true, format: "iife", target: ["chrome110"], charset: "utf8",
    legalComments: "none", write: false, logLevel: "error",
    banner: { js: `// built by web/build.mjs from ${entry}: edit the sources, then npm run build` },
  });
  return Buffer.from(result.outputFiles[0].contents);
}

const outputs = [];
for (const [entry, out] of bundles) outputs.push([out, await bundle(entry)]);
for (const [from, out] of copies) outputs.push([out, readFileSync(join(root, from))]);

if (check) {
  const stale = outputs.filter(([out, data]) => !existsSync(join(root, out)) || !data.equals(readFileSync(join(root, out))));
  if (stale.length) {
    console.error(`stale build, run npm run build: ${stale.map(([out]) => out).join(", ")}`);
    process.exit(1);
  }
  console.log(`build up to date (${outputs.length} files)`);
} else {
  for (const [out, data] of outputs) {
    mkdirSync(dirname(join(root, out)), { recursive: true });
    writeFileSync(join(root, out), data);
  }
  console.log(`built ${outputs.length} files`);
}
