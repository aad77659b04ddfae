// Whether the footer links the "Use via API" page, and whether this page load asks for it. The
// page itself is a script of its own (api_main.tsx), loaded only then: most loads never need it.

import type { Dependency } from "./protocol";

/** Whether the page has events an API client can call: the footer links the API page then. */
export function hasPublicApi(dependencies: Dependency[]): boolean {
  return dependencies.some(
    (d) => d.backend && d.api_visibility === "public" && (d.triggers.length > 0 || !!d.after),
  );
}

/** Whether this page load asks for the API page. */
export function wantsApiPage(): boolean {
  return new URLSearchParams(window.location.search).get("view") === "api";
}

/** Loads the API page's script, named by the shell on the bundle's own script element. */
export function loadApiPage(): boolean {
  const src = document.querySelector<HTMLScriptElement>("script[data-api]")?.dataset.api;
  if (!src) return false;
  const script = document.createElement("script");
  script.type = "module";
  script.src = src;
  document.head.appendChild(script);
  return true;
}
