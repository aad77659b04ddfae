// Values computed by functions (`every`, `inputs`) and handlers that swap a button's file.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { downloadFrom } from "../lib/browser.mjs";
import { asset, useGallery, useFreshPage } from "../lib/gallery.mjs";
import { until } from "../lib/wait.mjs";

const g = useGallery();

const SNAPSHOT = /^Snapshot #(\d+)$/;

/** The text on a download button or button (its label span). */
async function labelOf(page, elemId) {
  return (await page.locator(`#${elemId} .ferry-btn-label`).innerText()).trim();
}


describe("events", () => {
  const app = useFreshPage(g);

  test("every: #every's label counts up, and a download saves the snapshot its label shows", async () => {
    const first = await labelOf(app.page, "every");
    const m0 = SNAPSHOT.exec(first);
    assert.ok(m0, `#every's label "${first}" is "Snapshot #N"`);
    const later = await until(
      async () => {
        const now = await labelOf(app.page, "every");
        return now !== first && now;
      },
      `#every's label to change from "${first}"`,
      3500,
    );
    const m1 = SNAPSHOT.exec(later);
    assert.ok(m1, `#every's label "${later}" is "Snapshot #N"`);
    assert.ok(Number(m1[1]) > Number(m0[1]), `"${later}" counts up from "${first}"`);

    // Read the label and click in the same task: no tick can land in between.
    let shown;
    const file = await downloadFrom(app.page, async () => {
      shown = await app.page.locator("#every button").evaluate((button) => {
        const text = button.textContent.trim();
        button.click();
        return text;
      });
    });
    const n = Number(SNAPSHOT.exec(shown)?.[1]);
    assert.ok(n, `label "${shown}" at click time`);
    // The snapshot shown at click time; or, when a tick's run was in flight at that moment, the
    // download waits for it and saves the snapshot it brings (the label then shows that one).
    const saved = Number(/^snapshot-(\d+)\.txt$/.exec(file.name)?.[1]);
    assert.ok(saved === n || saved === n + 1, `saved "${file.name}" is snapshot ${n} (shown at click time) or ${n + 1} (pending then)`);
    assert.equal(file.bytes.toString("utf8"), `snapshot ${saved}\n`);

    // A person's click: the file is one of the snapshots shown around the click, name and content agree.
    const before = Number(SNAPSHOT.exec(await labelOf(app.page, "every"))[1]);
    const real = await downloadFrom(app.page, () => app.page.locator("#every button").click());
    const after = Number(SNAPSHOT.exec(await labelOf(app.page, "every"))[1]);
    const k = /^snapshot-(\d+)\.txt$/.exec(real.name)?.[1];
    assert.ok(k, `saved name "${real.name}" is snapshot-N.txt`);
    assert.equal(real.bytes.toString("utf8"), `snapshot ${k}\n`, "name and content agree");
    assert.ok(Number(k) >= before && Number(k) <= after, `snapshot ${k} was shown during the click (${before}..${after})`);
  });

  test('inputs: typing "Ferry rocks" into #your-text makes #from-inputs save exactly that', async () => {
    const input = app.page.locator("#your-text input");
    assert.equal(await input.inputValue(), "Hello from Ferry");
    const button = app.page.locator("#from-inputs button");
    // The initial value is computed from the initial text.
    const initial = await downloadFrom(app.page, () => button.click());
    assert.equal(initial.name, "your-text.txt");
    assert.equal(initial.bytes.toString("utf8"), "Hello from Ferry");

    await input.click();
    await app.page.keyboard.press("ControlOrMeta+A");
    await input.pressSequentially("Ferry rocks", { delay: 20 });
    assert.equal(await input.inputValue(), "Ferry rocks");
    // The new value arrives with its size in the button's tooltip.
    await until(async () => (await button.getAttribute("title")) === "your-text.txt (11 B)", "the tooltip of the new file");
    const file = await downloadFrom(app.page, () => button.click());
    assert.equal(file.name, "your-text.txt");
    assert.equal(file.bytes.toString("utf8"), "Ferry rocks");
  });

  test("a click right after typing saves what was typed: the download waits for the pending run, showing busy", async () => {
    const button = app.page.locator("#from-inputs button");
    await until(async () => (await button.getAttribute("title")) === "your-text.txt (16 B)", "the initial file");
    await button.evaluate((el) => {
      window.__busySeen = false;
      new MutationObserver(() => {
        if (el.getAttribute("aria-busy") === "true") window.__busySeen = true;
      }).observe(el, { attributes: true });
    });
    // Type and click in the same task: the run for the new text has not even started to answer.
    const file = await downloadFrom(app.page, () =>
      app.page.evaluate(() => {
        const input = document.querySelector("#your-text input");
        input.value = "typed, then clicked at once";
        input.dispatchEvent(new Event("input", { bubbles: true }));
        document.querySelector("#from-inputs button").click();
      }),
    );
    assert.equal(file.name, "your-text.txt");
    assert.equal(file.bytes.toString("utf8"), "typed, then clicked at once");
    assert.equal(await app.page.evaluate(() => window.__busySeen), true, "the button showed busy while it waited");
    await until(async () => (await button.getAttribute("aria-busy")) === null, "the busy state to end");

    // The same with real keystrokes and a real click, no waiting in between.
    const input = app.page.locator("#your-text input");
    await input.click();
    await app.page.keyboard.press("ControlOrMeta+A");
    await input.pressSequentially("quick", { delay: 5 });
    const quick = await downloadFrom(app.page, () => button.click());
    assert.equal(quick.bytes.toString("utf8"), "quick");
  });

  test("handlers: #swap swaps #swapped's file and icon back and forth (its change event fills #current-file); clicking #swapped counts in #clicks", async () => {
    const clicks = app.page.locator("#clicks input");
    // The Material glyph the update's icon names, drawn from the embedded font.
    const glyph = () => app.page.locator("#swapped .ferry-symbol").innerText();
    assert.equal(await glyph(), "\ue6cf", "csv");
    const current = app.page.locator("#current-file input"); // filled by #swapped's change event
    assert.equal(await clicks.inputValue(), "0");
    assert.equal(await labelOf(app.page, "swapped"), "Download report.csv");

    await app.page.locator("#swap button").click();
    await until(async () => (await labelOf(app.page, "swapped")) === "Download download.svg", '"Download download.svg"');
    assert.equal(await glyph(), "\ue251", "image");
    await until(async () => (await current.inputValue()) === "download.svg", '#current-file to read "download.svg" (change event)');
    const svg = await downloadFrom(app.page, () => app.page.locator("#swapped button").click());
    assert.equal(svg.name, "download.svg");
    assert.deepEqual(svg.bytes, asset("download.svg"));
    await until(async () => (await clicks.inputValue()) === "1", '#clicks to read "1"');

    await app.page.locator("#swap button").click();
    await until(async () => (await labelOf(app.page, "swapped")) === "Download report.csv", '"Download report.csv" again');
    assert.equal(await glyph(), "\ue6cf", "csv again");
    await until(async () => (await current.inputValue()) === "report.csv", '#current-file to read "report.csv" (change event)');
    const csv = await downloadFrom(app.page, () => app.page.locator("#swapped button").click());
    assert.equal(csv.name, "report.csv");
    assert.deepEqual(csv.bytes, asset("report.csv"));
    await until(async () => (await clicks.inputValue()) === "2", '#clicks to read "2"');
  });
});
