// Loaded on every page of the site. It registers the service worker (the whole site,
// validator included, works offline after one visit); on the validator page it starts the
// validator (app.js); on any other page it makes sure the validator's runtime will be at
// hand when the applicant gets there (warm.js). The other modules load only where needed.
const siteRoot = new URL("../../", import.meta.url);

const registration =
  "serviceWorker" in navigator && location.protocol !== "file:"
    ? navigator.serviceWorker.register(new URL("sw.js", siteRoot), { scope: siteRoot.pathname }).catch((error) => {
        console.warn("service worker not registered:", error);
        return null;
      })
    : Promise.resolve(null);

const root = document.querySelector("[data-validator]");
if (root) {
  import("./app.js").then(({ startValidator }) => startValidator(root, siteRoot));
} else {
  import("./warm.js").then(({ warmValidator }) => warmValidator(registration, new URL("./", import.meta.url)));
}
