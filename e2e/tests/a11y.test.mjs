// Accessibility: axe-core finds no serious or critical violation, in light and dark mode, on the
// page as loaded and on what appears later (an error toast, the revealed buttons).

import { describe, test } from "node:test";
import { assertNone, seriousViolations } from "../lib/axe.mjs";
import { openApp } from "../lib/browser.mjs";
import { useGallery } from "../lib/gallery.mjs";

const g = useGallery();

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
