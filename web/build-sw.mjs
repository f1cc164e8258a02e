// Writes <site>/sw.js with Workbox. What a first visit fetches, it fetches once:
// * precached at install: the validator's two pages and its scripts (small). The theme's
//   files are cached as they are used (the page that installed the service worker keeps
//   what it loaded, see validate.js), so a first visit never fetches them twice;
// * the validator's runtime (wasm, stdlib, packages, catalogue, a memory snapshot) is not
//   precached: the validator's worker keeps each file it fetches in the cache
//   `validator-<bundle version>` (web/worker.mjs), and this service worker answers from
//   that cache, so the 6 MB runtime is downloaded once, by the worker, and only by a
//   reader who opens the validator (or whose connection allows fetching it ahead, warm.js);
// * every other page and asset is cached as it is visited (network first for pages).
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
  globPatterns: [
    "validate/index.html",
    "en/validate/index.html",
    "assets/validator/*.{js,mjs}",
    "assets/validator/manifest.json",
  ],
  globIgnores: ["**/*.map"],
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
      urlPattern: ({ url, sameOrigin }) => sameOrigin && url.pathname.includes("/assets/validator/"),
      handler: "CacheFirst",
      options: { cacheName: `validator-${version}`, matchOptions: { ignoreSearch: true } },
    },
    {
      urlPattern: ({ request, sameOrigin }) => sameOrigin && request.mode === "navigate",
      handler: "NetworkFirst",
      options: { cacheName: "pages", networkTimeoutSeconds: 4 },
    },
    {
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
