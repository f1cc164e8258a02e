// Writes <site>/sw.js with Workbox. What a first visit fetches, it fetches once, and a
// reader pays only for the pages they open. Nothing here depends on a bundle version: which
// rules the validator uses is decided by its worker (web/worker.mjs), from the published
// manifest, so a publish reaches the first visit after it, whatever service worker runs.
// * the validator's runtime (wasm, stdlib, packages, catalogue, a memory snapshot) lives in
//   the cache `validator-<bundle version>`, written and read by the validator's worker only.
//   Its network requests carry `?v=<version>` and the manifest is asked of the network on
//   each start: this service worker leaves both alone, so neither is answered from a cache
//   of another version;
// * the validator page's own files (its scripts, the papers' modules, the build-written
//   forms, the worker's modules) go to `validator-scripts`: the newest when online, the kept
//   copy offline. The worker puts every file the manifest lists there once it is ready, so
//   the papers work offline too, though no click fetched them (nothing else deletes it);
// * pages are cached as they are visited (network first), the theme's files as they are
//   used; the page that installed the service worker keeps what it had loaded before it ran
//   (validate.js). Nothing is precached, so a first visit fetches nothing twice.
// Usage: node web/build-sw.mjs SITE_DIR
import { generateSW } from "workbox-build";

const siteDir = process.argv[2];
if (!siteDir) {
  console.error("usage: node web/build-sw.mjs SITE_DIR");
  process.exit(2);
}

const { warnings } = await generateSW({
  globDirectory: siteDir,
  globPatterns: [],
  swDest: `${siteDir}/sw.js`,
  // Directory URLs (/validate/) are served by their index.html.
  directoryIndex: "index.html",
  cleanupOutdatedCaches: true,
  clientsClaim: true,
  skipWaiting: true,
  runtimeCaching: [
    {
      urlPattern: ({ request, sameOrigin }) => sameOrigin && request.mode === "navigate",
      handler: "NetworkFirst",
      options: { cacheName: "pages", networkTimeoutSeconds: 4, matchOptions: { ignoreSearch: true } },
    },
    // The worker's own requests (the published manifest, runtime files asked for with ?v=)
    // match no route. Each matcher is copied into sw.js as source: it can use nothing else here.
    {
      // Pyodide's modules change only with Pyodide: from the cache at once, refreshed behind.
      urlPattern: ({ url, sameOrigin }) =>
        sameOrigin && url.pathname.includes("/assets/validator/pyodide/") && url.pathname.endsWith(".mjs") && !url.searchParams.has("v"),
      handler: "StaleWhileRevalidate",
      options: { cacheName: "validator-scripts" },
    },
    {
      // The validator page's scripts and forms: the newest when online, kept for offline use.
      urlPattern: ({ url, sameOrigin }) =>
        sameOrigin &&
        url.pathname.includes("/assets/validator/") &&
        !url.pathname.includes("/pyodide/") &&
        !url.pathname.endsWith("/manifest.json") &&
        !url.searchParams.has("v"),
      handler: "NetworkFirst",
      options: { cacheName: "validator-scripts", networkTimeoutSeconds: 4 },
    },
    {
      // The theme's files carry a hash in their names; the search index changes with a build.
      urlPattern: ({ url, sameOrigin }) => sameOrigin && !url.pathname.includes("/assets/validator/"),
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
console.log("sw.js written: pages, page files and theme files cached as used; the validator's runtime is its worker's");
