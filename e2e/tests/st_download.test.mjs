// Streamlit's st.download_button page as Ferry scripts, used as a person would:
// examples/st_download_file.rs (a PNG shown and saved), st_download_text.rs (a text area, a
// "Prepare download" button revealing a page-only download) and st_download_options.rs (every
// parameter: Markdown label, help tooltip on hover and on keyboard focus, shortcut, callback,
// page-only, tertiary, disabled, widths, no wrap).

import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { after, before, describe, test } from "node:test";
import { assertNone, seriousViolations } from "../lib/axe.mjs";
import { downloadFrom, downloadWithin, launchBrowser, openApp } from "../lib/browser.mjs";
import { ROOT, SCREENSHOTS, binPath, startServer } from "../lib/server.mjs";
import { until } from "../lib/wait.mjs";

let browser;
const servers = {};
before(async () => {
  browser = await launchBrowser();
  for (const name of ["st_download_file", "st_download_text", "st_download_options"]) {
    servers[name] = await startServer({ bin: binPath(name) });
  }
});
after(async () => {
  for (const server of Object.values(servers)) await server?.stop();
  await browser?.close();
});

/** The Content-Type the server gives a download's URL (fetched with the page's cookies). */
async function typeOf(app, url) {
  const response = await app.context.request.get(url);
  return response.headers()["content-type"];
}

/** Counts the run requests (`POST api/run`) the page sends while `action` runs and settles. */
async function runsDuring(app, action) {
  let runs = 0;
  const count = (request) => {
    if (request.method() === "POST" && new URL(request.url()).pathname.endsWith("/api/run")) runs++;
  };
  app.page.on("request", count);
  await action();
  await app.page.waitForTimeout(400);
  app.page.off("request", count);
  return runs;
}

const button = (app, name) => app.page.getByRole("button", { name, exact: true });

describe("Streamlit's examples", () => {
  test("Download a file: the PNG is shown and saved as flower.png, image/png", async () => {
    const app = await openApp(browser, servers.st_download_file.url, {}, { ready: '[data-testid="image"] img' });
    const img = app.page.locator('[data-testid="image"] img');
    await until(async () => (await img.evaluate((el) => el.naturalWidth)) === 480, "the picture to load", 5000);
    assert.equal(await app.page.locator('[data-testid="image"] figcaption').innerText(), "flower.png");
    const file = await downloadFrom(app.page, () => button(app, "Download image").click());
    assert.equal(file.name, "flower.png");
    assert.deepEqual(file.bytes, await readFile(resolve(ROOT, "examples/assets/flower.png")));
    assert.equal(await typeOf(app, file.url), "image/png");
    const picture = await downloadFrom(app.page, async () => {
      await img.hover();
      await app.page.locator('[data-testid="image-download"]').click();
    });
    assert.equal(picture.name, "flower.png", "the picture's own download control");
    await app.page.screenshot({ path: resolve(SCREENSHOTS, "ferry-e2e-st-download-file.png"), fullPage: true });
    assertNone(await seriousViolations(app.page));
    assert.deepEqual(app.errors, []);
    await app.context.close();
  });

  test("Download a string: Prepare reveals a primary page-only button that saves message.txt and reruns nothing", async () => {
    const app = await openApp(browser, servers.st_download_text.url, {}, { ready: 'button:has-text("Prepare download")' });
    assert.equal(await button(app, "Download text").count(), 0);
    await button(app, "Prepare download").click();
    const download = button(app, "Download text");
    await download.waitFor({ state: "visible", timeout: 5000 });
    assert.match(await download.getAttribute("class"), /ferry-btn-primary/);
    const glyph = download.locator(".ferry-symbol");
    assert.equal(await glyph.textContent(), "\ue171", ":material/download: as its glyph, not its name");
    await until(async () => await app.page.evaluate(() => document.fonts.check('16px "ferry-symbols"', "\ue171")), "the symbol font", 5000);
    let file;
    const runs = await runsDuring(app, async () => {
      file = await downloadFrom(app.page, () => download.click());
    });
    assert.equal(file.name, "message.txt");
    assert.equal(file.bytes.toString("utf8"), "Lorem ipsum.\nStreamlit is cool.");
    assert.equal(await typeOf(app, file.url), "text/plain; charset=utf-8");
    assert.equal(runs, 0, "on_click ignore: the click sends no rerun");
    assert.equal(await download.isVisible(), true, "the button stays: no rerun hid it");
    // A new message, prepared again, is the one saved.
    await app.page.getByLabel("Message").fill("Ferry is fast.");
    await button(app, "Prepare download").click();
    await until(async () => {
      const again = await downloadFrom(app.page, () => button(app, "Download text").click());
      return again.bytes.toString("utf8") === "Ferry is fast.";
    }, "the prepared download of the new text", 8000);
    await app.page.screenshot({ path: resolve(SCREENSHOTS, "ferry-e2e-st-download-text.png"), fullPage: true });
    assert.deepEqual(app.errors, []);
    await app.context.close();
  });
});

describe("every st.download_button parameter", () => {
  const open = () => openApp(browser, servers.st_download_options.url, {}, { ready: 'button:has-text("Raw bytes")' });

  test("a Markdown label, Streamlit's default types, and the tooltip on hover and on keyboard focus", async () => {
    const app = await open();
    const notes = app.page.locator('[data-testid="download_button"] button').first();
    assert.equal(await notes.locator(".ferry-btn-label").innerHTML(), "<strong>Bold</strong> <em>notes</em> as <code>text</code>");
    const file = await downloadFrom(app.page, () => notes.click());
    assert.equal(file.name, "notes.csv");
    assert.equal(await typeOf(app, file.url), "text/plain; charset=utf-8", "text is text/plain whatever its name");
    const raw = await downloadFrom(app.page, () => button(app, "Raw bytes").click());
    assert.deepEqual([...raw.bytes], [0, 1, 2, 255]);
    assert.equal(await typeOf(app, raw.url), "application/octet-stream");

    const help = button(app, "With help");
    const tip = app.page.locator(`#${await help.getAttribute("aria-describedby")}`);
    assert.equal((await tip.textContent()).trim(), "Saves help.txt, a one-line file.");
    await app.page.mouse.move(0, 0); // the reruns moved the buttons under the pointer
    assert.equal(await tip.isVisible(), false, "hidden until wanted");
    await help.hover();
    await until(async () => (await tip.evaluate((el) => getComputedStyle(el).opacity)) === "1", "the tooltip on hover", 3000);
    assert.equal(await tip.locator("strong").innerText(), "help.txt", "Markdown in the tooltip");
    const [ink, paper] = await tip.locator("p").evaluate((el) => [getComputedStyle(el).color, getComputedStyle(el.closest(".ferry-tip")).backgroundColor]);
    assert.notEqual(ink, paper, "the tooltip's text shows on its background");
    await app.page.waitForTimeout(200); // the fade-in, for the screenshot
    await app.page.screenshot({ path: resolve(SCREENSHOTS, "ferry-e2e-st-download-help.png") });
    await app.page.mouse.move(0, 0);
    await until(async () => !(await tip.isVisible()), "the tooltip to go with the pointer", 3000);
    await button(app, "Raw bytes").focus();
    await app.page.keyboard.press("Tab");
    assert.equal(await help.evaluate((el) => el === document.activeElement), true);
    await until(async () => await tip.isVisible(), "the tooltip on keyboard focus", 3000);
    assert.deepEqual(app.errors, []);
    await app.context.close();
  });

  test("the shortcut downloads and is named in the tooltip; the callback runs before the rerun", async () => {
    const app = await open();
    const shortcut = button(app, "With a shortcut");
    assert.equal(await shortcut.getAttribute("aria-keyshortcuts"), "Control+Shift+S");
    const tip = app.page.locator(`#${await shortcut.getAttribute("aria-describedby")}`);
    assert.equal(await tip.textContent(), "Ctrl+Shift+S");
    const file = await downloadFrom(app.page, () => app.page.keyboard.press("Control+Shift+S"));
    assert.equal(file.name, "shortcut.txt");
    assert.equal(file.bytes.toString("utf8"), "shortcut\n");
    const none = await downloadWithin(app.context, () => app.page.keyboard.press("Shift+S"), 800);
    assert.equal(none, null, "the key without its modifiers does nothing");

    const counted = await downloadFrom(app.page, () => button(app, "Count my saves").click());
    assert.equal(counted.name, "counted.txt");
    await until(async () => (await app.page.locator(".ferry-app").innerText()).includes("The callback ran 1 time(s)."), "the callback's count", 5000);
    assert.deepEqual(app.errors, []);
    await app.context.close();
  });

  test("page-only sends nothing, disabled does nothing, tertiary has no border, widths and no wrap", async () => {
    const app = await open();
    let file;
    const runs = await runsDuring(app, async () => {
      file = await downloadFrom(app.page, () => button(app, "Page only").click());
    });
    assert.equal(file.name, "page-only.txt");
    assert.equal(runs, 0);

    const disabled = button(app, "Disabled");
    assert.equal(await disabled.isDisabled(), true);
    const none = await downloadWithin(app.context, () => disabled.click({ force: true }), 800);
    assert.equal(none, null, "a disabled button downloads nothing");

    const tertiary = button(app, "Tertiary");
    const look = await tertiary.evaluate((el) => {
      const s = getComputedStyle(el);
      return { border: s.borderTopColor, background: s.backgroundColor, shadow: s.boxShadow };
    });
    assert.deepEqual(look, { border: "rgba(0, 0, 0, 0)", background: "rgba(0, 0, 0, 0)", shadow: "none" });
    const secondary = await button(app, "Raw bytes").evaluate((el) => getComputedStyle(el).borderTopColor);
    assert.notEqual(secondary, "rgba(0, 0, 0, 0)", "a secondary button has one");

    const width = async (name) => (await button(app, name).boundingBox()).width;
    const column = (await app.page.locator('[data-testid="download_button"]').first().boundingBox()).width;
    assert.equal(Math.round(await width("Stretch")), Math.round(column), "use_container_width fills the column");
    assert.equal(Math.round(await width("300 px")), 300);
    assert.ok((await width("Page only")) < 200, "content width is the label's");
    const long = button(app, "A label far too long to fit on one line of a narrow button");
    assert.equal(Math.round((await long.boundingBox()).width), 200);
    const label = await long.locator(".ferry-btn-label").evaluate((el) => ({
      cut: el.scrollWidth > el.clientWidth,
      ellipsis: getComputedStyle(el).textOverflow,
      lines: Math.round(el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight)),
    }));
    assert.deepEqual(label, { cut: true, ellipsis: "ellipsis", lines: 1 });
    await app.page.screenshot({ path: resolve(SCREENSHOTS, "ferry-e2e-st-download-options.png"), fullPage: true });
    assertNone(await seriousViolations(app.page));
    assert.deepEqual(app.errors, []);
    await app.context.close();
  });
});
