// Button icons (examples/button_icons.rs) as a person sees them: an emoji, Material Symbols drawn
// from the embedded font (one square glyph, never the icon's name as text) on the left or the
// right of the label, a spinning spinner, a mistaken name explained under its button; and the
// font itself, fetched with a long cache only by pages that show a Material icon.

import assert from "node:assert/strict";
import { resolve } from "node:path";
import { after, before, describe, test } from "node:test";
import { launchBrowser, openApp } from "../lib/browser.mjs";
import { SCREENSHOTS, binPath, startServer } from "../lib/server.mjs";
import { until } from "../lib/wait.mjs";

const FONT = /\/assets\/material-symbols-rounded\.[0-9a-f]{12}\.woff2$/;

let browser;
let server;
before(async () => {
  browser = await launchBrowser();
  server = await startServer({ bin: binPath("button_icons") });
});
after(async () => {
  await server?.stop();
  await browser?.close();
});

function open() {
  return openApp(browser, server.url, {}, { ready: 'button:has-text("Hot")' });
}

/** The URLs of the Material Symbols font the page fetched. */
function fontsFetched(page) {
  return page.evaluate((pattern) => {
    const font = new RegExp(pattern);
    return performance.getEntriesByType("resource").map((e) => e.name).filter((url) => font.test(new URL(url).pathname));
  }, FONT.source);
}

const button = (app, name) => app.page.getByRole("button", { name, exact: true });

/** The boxes of a button's icon (`selector`) and its label. */
async function boxes(app, name, selector) {
  const b = button(app, name);
  return { icon: await b.locator(selector).boundingBox(), label: await b.locator(".ferry-btn-label").boundingBox() };
}

describe("button icons", () => {
  test("a Material icon is one glyph of the embedded font, left of the label, never its name as text", async () => {
    const app = await open();
    const symbol = button(app, "Download report").locator(".ferry-symbol");
    await symbol.waitFor();
    await app.page.evaluate(() => document.fonts.ready);
    const drawn = await symbol.evaluate((el) => {
      const style = getComputedStyle(el);
      const size = parseFloat(style.fontSize);
      const box = el.getBoundingClientRect();
      const face = [...document.fonts].find((f) => f.family.replace(/"/g, "") === "ferry-symbols");
      return {
        text: el.textContent,
        hidden: el.getAttribute("aria-hidden"),
        family: style.fontFamily,
        status: face?.status,
        check: document.fonts.check(`${size}px ferry-symbols`, el.textContent),
        size,
        width: box.width,
        height: box.height,
      };
    });
    assert.equal(drawn.text, "\u{e171}", "the glyph's codepoint is the text");
    assert.notEqual(drawn.text, "download");
    assert.equal(drawn.hidden, "true", "decorative: the label names the button");
    assert.equal(drawn.family, "ferry-symbols");
    assert.equal(drawn.status, "loaded", "the embedded font was loaded");
    assert.ok(drawn.check, "the font draws the glyph");
    // One square about 1em wide: not the word "download", nor a fallback font's box.
    assert.ok(Math.abs(drawn.width - drawn.size) < drawn.size * 0.15, `${drawn.width}px wide at ${drawn.size}px`);
    assert.ok(Math.abs(drawn.height - drawn.size) < drawn.size * 0.25, `${drawn.height}px high at ${drawn.size}px`);
    // The button is named by its label alone (found by it above), and no text shows the
    // icon's name.
    assert.ok(!(await button(app, "Download report").innerText()).includes("download"));
    const { icon, label } = await boxes(app, "Download report", ".ferry-symbol");
    assert.ok(icon.x + icon.width <= label.x, "the icon is left of the label by default");
    assert.deepEqual(app.errors, []);
    await app.context.close();
  });

  test("icon_position right puts the icon after the label", async () => {
    const app = await open();
    const like = await boxes(app, "Like", ".ferry-symbol");
    assert.ok(like.label.x + like.label.width <= like.icon.x, `label ${JSON.stringify(like.label)} icon ${JSON.stringify(like.icon)}`);
    assert.equal(await button(app, "Like").locator(".ferry-symbol").textContent(), "\u{e817}");
    const star = await boxes(app, "Star", ".ferry-emoji");
    assert.ok(star.label.x + star.label.width <= star.icon.x, "an emoji on the right too");
    await app.context.close();
  });

  test("the emoji shows as text before the label, and clicks rerun the script with the icons kept", async () => {
    const app = await open();
    const hot = button(app, "Hot");
    const emoji = hot.locator(".ferry-emoji");
    assert.equal(await emoji.textContent(), "🔥");
    assert.ok(await emoji.isVisible());
    const { icon, label } = await boxes(app, "Hot", ".ferry-emoji");
    assert.ok(icon.width > 8 && icon.x + icon.width <= label.x);
    await hot.click();
    await until(async () => (await app.page.locator(".ferry-app").innerText()).includes("Clicked 1 time(s)."), "the rerun", 5000);
    await button(app, "Like").click();
    await until(async () => (await app.page.locator(".ferry-app").innerText()).includes("Clicked 2 time(s)."), "the rerun", 5000);
    assert.equal(await emoji.textContent(), "🔥");
    assert.equal(await button(app, "Like").locator(".ferry-symbol").count(), 1);
    assert.deepEqual(app.errors, []);
    await app.context.close();
  });

  test("an image file named as an icon is shown", async () => {
    const app = await open();
    const img = button(app, "Flower").locator("img.ferry-btn-icon");
    await until(() => img.evaluate((el) => el.complete && el.naturalWidth > 0), "the icon to load", 5000);
    assert.equal(await img.evaluate((el) => el.naturalWidth), 480, "the flower itself");
    const { icon, label } = await boxes(app, "Flower", "img.ferry-btn-icon");
    assert.ok(icon.x + icon.width <= label.x);
    assert.deepEqual(app.errors, []);
    await app.context.close();
  });

  test("the spinner icon spins", async () => {
    const app = await open();
    const spinner = button(app, "Working").locator(".ferry-spinner");
    assert.ok(await spinner.isVisible());
    const running = await spinner.evaluate((el) => {
      const animations = el.getAnimations();
      return animations.length > 0 && animations.every((a) => a.playState === "running");
    });
    assert.ok(running, "the spinner has a running animation");
    const first = await spinner.evaluate((el) => getComputedStyle(el).transform);
    await until(async () => (await spinner.evaluate((el) => getComputedStyle(el).transform)) !== first, "the spinner to turn", 2000);
    await app.context.close();
  });

  test("an unknown Material name is explained under its button", async () => {
    const app = await open();
    const block = app.page.locator('[data-testid="button"]', { has: button(app, "Thumbs") });
    const message = await block.innerText();
    assert.match(message, /`:material\/thumbs_up:` is not one of the \d+ Material Symbols Ferry embeds/);
    assert.match(message, /did you mean `thumb_up`\?/);
    assert.equal(await button(app, "Thumbs").locator(".ferry-symbol, .ferry-emoji").count(), 0);
    await app.page.screenshot({ path: resolve(SCREENSHOTS, "ferry-e2e-icons.png"), fullPage: true });
    await app.context.close();
  });

  test("the font is served as woff2 with a year's cache", async () => {
    const app = await open();
    await app.page.evaluate(() => document.fonts.ready);
    const src = await app.page.evaluate(() => [...document.styleSheets].flatMap((s) => [...s.cssRules]).find((r) => r instanceof CSSFontFaceRule)?.style.getPropertyValue("src"));
    const path = /url\("?([^")]+)"?\)/.exec(src ?? "")?.[1];
    assert.ok(path && FONT.test(new URL(path, server.url + "/").pathname), `the @font-face names the hashed font: ${src}`);
    const response = await app.page.request.get(new URL(path, server.url + "/").href);
    assert.equal(response.status(), 200);
    assert.equal(response.headers()["content-type"], "font/woff2");
    assert.equal(response.headers()["cache-control"], "public, max-age=31536000, immutable");
    assert.equal((await fontsFetched(app.page)).length, 1, "the page fetched the font once");
    const body = await response.body();
    assert.equal(body.subarray(0, 4).toString("latin1"), "wOF2");
    assert.ok(body.length < 100 * 1024, `${body.length} bytes`);
    await app.context.close();
  });
});

describe("a page without Material icons", () => {
  let plain;
  before(async () => {
    plain = await startServer({ bin: binPath("script_hello") });
  });
  after(async () => {
    await plain?.stop();
  });

  test("does not fetch the font", async () => {
    const app = await openApp(browser, plain.url, {}, { ready: 'button:has-text("Shout")' });
    await app.page.evaluate(() => document.fonts.ready);
    const faces = await app.page.evaluate(() => [...document.fonts].map((f) => [f.family, f.status]));
    assert.deepEqual(faces, [["ferry-symbols", "unloaded"]], "declared, never loaded");
    assert.deepEqual(await fontsFetched(app.page), []);
    await app.context.close();
  });
});
