// Writes <site>/sw.js with Workbox. What a first visit fetches, it fetches once, and a
// reader pays only for the pages they open:
// * the validator's runtime (wasm, stdlib, packages, catalogue, worker, a memory snapshot)
//   lives in the cache `validator-<bundle version>`: the validator's worker keeps each file
//   it fetches there (web/worker.mjs) and this service worker answers from it, so the 6 MB
//   are downloaded once, by the worker, and only by a reader who opens the validator (or
//   whose connection allows fetching it ahead, warm.js); a new bundle, a new cache;
// * pages are cached as they are visited (network first), the validator's and the theme's
//   scripts and styles as they are used; the page that installed the service worker keeps
//   what it had loaded before it ran (validate.js). Nothing is precached but the manifest,
//   so a first visit fetches nothing twice.
// So the validator and every page visited work offline after one visit.
// Usage: node web/build-sw.mjs SITE_DIR
import { readFileSync } from "node:fs";
import { generateSW } from "workbox-build";

const siteDir = process.argv[2];
if (!siteDir) {
  console.error("usage: node web/build-sw.mjs SITE_DIR");
  process.exit(2);
}
const { version } = JSON.parse(readFileSync(`${siteDir}/assets/validator/manifest.json`, "utf-8"));

const { count, size, warnings } = await generateSW({
  globDirectory: siteDir,
  // The bundle's version, read by the worker before anything else: it names the cache.
  globPatterns: ["assets/validator/manifest.json"],
  swDest: `${siteDir}/sw.js`,
  // Directory URLs (/validate/) are served by their index.html.
  directoryIndex: "index.html",
  cleanupOutdatedCaches: true,
  clientsClaim: true,
  skipWaiting: true,
  // ?program= picks the program; ?snapshot=off (tests, benchmark) forces a normal start.
  ignoreURLParametersMatching: [/^program$/, /^snapshot$/, /^utm_/],
  runtimeCaching: [
    {
      // Written by the validator's worker; the name changes with the bundle.
      urlPattern: ({ url, sameOrigin }) =>
        sameOrigin && /\/assets\/validator\/(pyodide\/|catalog\.json$|worker\.mjs$)/.test(url.pathname),
      handler: "CacheFirst",
      options: { cacheName: `validator-${version}`, matchOptions: { ignoreSearch: true } },
    },
    {
      urlPattern: ({ request, sameOrigin }) => sameOrigin && request.mode === "navigate",
      handler: "NetworkFirst",
      options: { cacheName: "pages", networkTimeoutSeconds: 4 },
    },
    {
      // The validator's page scripts: the newest when online, kept for offline use.
      urlPattern: ({ url, sameOrigin }) => sameOrigin && url.pathname.includes("/assets/validator/"),
      handler: "NetworkFirst",
      options: { cacheName: "validator-scripts", networkTimeoutSeconds: 4 },
    },
    {
      // The theme's files carry a hash in their names; the search index changes with a build.
      urlPattern: ({ sameOrigin }) => sameOrigin,
      handler: "StaleWhileRevalidate",
      options: { cacheName: "assets" },
    },
  ],
  inlineWorkboxRuntime: true,
  sourcemap: false,
  mode: "production",
});
for (const warning of warnings) console.warn(warning);
if (warnings.length) process.exit(1);
console.log(`sw.js precaches ${count} files, ${(size / 1e6).toFixed(2)} MB; the validator's runtime goes to validator-${version}`);
