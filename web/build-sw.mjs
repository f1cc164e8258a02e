// Writes <site>/sw.js with Workbox: every page, asset, the Pyodide runtime and the wheels
// are precached on the first visit, so the whole site and the validator work offline.
// Usage: node web/build-sw.mjs SITE_DIR
import { generateSW } from "workbox-build";

const siteDir = process.argv[2];
if (!siteDir) {
  console.error("usage: node web/build-sw.mjs SITE_DIR");
  process.exit(2);
}

const { count, size, warnings } = await generateSW({
  globDirectory: siteDir,
  globPatterns: ["**/*.{html,js,mjs,css,json,wasm,zip,whl,svg,png,ico,woff2,txt,xml}"],
  globIgnores: [
    "sw.js", "workbox-*.js", "**/*.map", "sitemap.xml.gz",
    // Mermaid (5.5 MB) is cached at run time, on the first page with a diagram.
    "assets/vendor/**",
    // Search needs only lunr's Chinese and multi-language support, not the other languages.
    "assets/javascripts/lunr/wordcut.js",
    "assets/javascripts/lunr/min/lunr.!(stemmer.support|zh|multi).min.js",
  ],
  additionalManifestEntries: [],
  swDest: `${siteDir}/sw.js`,
  // The Pyodide wasm (9.6 MB) and stdlib (2.5 MB) exceed Workbox's 2 MB default, which
  // would drop them with only a warning: the validator would then fail offline.
  maximumFileSizeToCacheInBytes: 16 * 1024 * 1024,
  // Directory URLs (/validate/) are served by their index.html.
  directoryIndex: "index.html",
  cleanupOutdatedCaches: true,
  clientsClaim: true,
  skipWaiting: true,
  ignoreURLParametersMatching: [/^program$/, /^utm_/],
  runtimeCaching: [
    {
      urlPattern: ({ url }) => url.pathname.includes("/assets/vendor/") || url.pathname.includes("/assets/javascripts/lunr/"),
      handler: "CacheFirst",
      options: { cacheName: "vendor" },
    },
  ],
  inlineWorkboxRuntime: true,
  sourcemap: false,
  mode: "production",
});
for (const warning of warnings) console.warn(warning);
if (warnings.length) process.exit(1);
console.log(`sw.js precaches ${count} files, ${(size / 1e6).toFixed(1)} MB`);
