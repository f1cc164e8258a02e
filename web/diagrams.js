// Draws the procedure diagrams of program pages with the site's own copy of Mermaid.
// Mermaid (5 MB) is fetched only on pages that have a diagram; Material's own Mermaid
// integration is not used because it would fetch the library from a CDN.
const nodes = document.querySelectorAll(".procedure-diagram");
if (nodes.length) {
  const script = document.createElement("script");
  script.src = new URL("vendor/mermaid.min.js", import.meta.url).href;
  script.onload = () => {
    globalThis.mermaid.initialize({ startOnLoad: false, securityLevel: "strict", theme: "neutral" });
    globalThis.mermaid.run({ nodes: [...nodes] });
  };
  document.head.append(script);
}
