// Full-page screenshots in light and dark mode (and a phone-sized one) for a person to look at,
// saved to e2e/test-results/ferry-e2e-*.png (ignored by git); plus what can be checked by machine:
// the two themes really differ, and nothing overflows the page sideways.

import assert from "node:assert/strict";
import { SCREENSHOTS } from "../lib/server.mjs";
import { statSync } from "node:fs";
import { describe, test } from "node:test";
import { openApp } from "../lib/browser.mjs";
import { useGallery } from "../lib/gallery.mjs";

const g = useGallery();
const OUT = process.env.FERRY_E2E_SCREENSHOTS || SCREENSHOTS;

/** Opens the gallery, waits for its icons, checks horizontal overflow, saves a full-page PNG. */
async function shoot(name, contextOptions, prepare = async () => {}) {
  const app = await openApp(g.browser, g.server.url, contextOptions);
  await app.page.locator('#missing [role="alert"]').waitFor();
  await app.page.evaluate(() => Promise.all([...document.images].map((img) => img.complete || new Promise((r) => (img.onload = img.onerror = r)))));
  await prepare(app.page);
  const overflow = await app.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  const background = await app.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const path = `${OUT}/ferry-e2e-${name}.png`;
  await app.page.screenshot({ path, fullPage: true, animations: "disabled" });
  await app.context.close();
  assert.ok(statSync(path).size > 10_000, `${path} holds a real picture`);
  assert.equal(overflow, 0, `${name}: the page scrolls sideways by ${overflow} px`);
  return { path, background };
}

describe("screenshots", () => {
  test("light and dark full-page screenshots; the themes differ; no sideways overflow", async () => {
    const viewport = { width: 1280, height: 800 };
    const light = await shoot("light", { colorScheme: "light", viewport });
    const dark = await shoot("dark", { colorScheme: "dark", viewport });
    assert.notEqual(light.background, dark.background, "dark mode changes the page background");
  });

  test("phone-sized (390 px) screenshot with no sideways overflow", async () => {
    await shoot("phone", { colorScheme: "light", viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  });

  test("states: revealed buttons, swapped file, an error toast (light and dark)", async () => {
    const states = async (page) => {
      await page.locator("#reveal button").click();
      await page.locator("#removed button").waitFor();
      await page.locator("#swap button").click();
      await page.locator("#swapped button", { hasText: "download.svg" }).waitFor();
      await page.locator("#fail button").click();
      await page.locator('[data-testid="toast"]').waitFor();
      await page.locator("#your-text input").focus();
    };
    await shoot("states-light", { colorScheme: "light", viewport: { width: 1280, height: 800 } }, states);
    await shoot("states-dark", { colorScheme: "dark", viewport: { width: 1280, height: 800 } }, states);
  });
});
