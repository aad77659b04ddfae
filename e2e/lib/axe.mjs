// axe-core in the page: the serious and critical violations, one readable line each.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** Runs axe on `include` (selectors; the whole page by default); one line per serious or critical node. */
export async function seriousViolations(page, include = null) {
  // Evaluated rather than added as an inline <script>, which the page's CSP blocks (rightly).
  await page.evaluate(AXE);
  const found = await page.evaluate(async (include) => {
    const { violations } = await window.axe.run(include ? { include } : document, { resultTypes: ["violations"] });
    return violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .flatMap((v) =>
        v.nodes.map((n) => {
          // Name the component (its elem_id) as well as axe's selector.
          const el = document.querySelector(n.target.join(" "));
          const owner = el?.closest("[data-testid][id]");
          const where = owner ? `#${owner.id} ` : "";
          return `${v.impact} ${v.id}: ${where}(${n.target.join(" ")}) — ${n.failureSummary.replace(/\s+/g, " ")}`;
        }),
      );
  }, include);
  return found;
}

/** Fails listing every violation `seriousViolations` found. */
export function assertNone(found) {
  assert.equal(found.length, 0, `axe found ${found.length} serious/critical violation(s):\n  ${found.join("\n  ")}`);
}
