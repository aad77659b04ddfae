// Accessibility: axe-core finds no serious or critical violation, in light and dark mode, on the
// page as loaded and on what appears later (an error toast, the revealed buttons).

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, test } from "node:test";
import { openApp } from "../lib/browser.mjs";
import { useGallery } from "../lib/gallery.mjs";

const g = useGallery();
const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** Runs axe on `include` (selectors; the whole page by default); one line per serious or critical node. */
async function seriousViolations(page, include = null) {
  await page.addScriptTag({ content: AXE });
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

function assertNone(found) {
  assert.equal(found.length, 0, `axe found ${found.length} serious/critical violation(s):\n  ${found.join("\n  ")}`);
}

describe("accessibility (axe-core)", () => {
  for (const colorScheme of ["light", "dark"]) {
    test(`the page as loaded: no serious or critical violations (${colorScheme})`, async () => {
      const app = await openApp(g.browser, g.server.url, { colorScheme });
      await app.page.locator('#missing [role="alert"]').waitFor();
      const found = await seriousViolations(app.page);
      await app.context.close();
      assertNone(found);
    });

    test(`an error toast and the revealed buttons: no serious or critical violations (${colorScheme})`, async () => {
      const app = await openApp(g.browser, g.server.url, { colorScheme });
      await app.page.locator("#reveal button").click();
      await app.page.locator("#removed button").waitFor();
      await app.page.locator("#hidden button").waitFor();
      await app.page.locator("#fail button").click();
      await app.page.locator('[data-testid="toast"]').waitFor();
      const found = await seriousViolations(app.page, ['[data-testid="toast"]', "#hidden", "#removed"]);
      await app.context.close();
      assertNone(found);
    });
  }
});
