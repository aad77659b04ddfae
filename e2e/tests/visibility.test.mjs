// visible: "hidden" (in the DOM, not shown), false (not rendered), updates that reveal them;
// interactive: false (a disabled button that downloads nothing).

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { downloadFrom, downloadWithin } from "../lib/browser.mjs";
import { asset, useGallery, useFreshPage } from "../lib/gallery.mjs";

const g = useGallery();

describe("visibility and interactivity", () => {
  const app = useFreshPage(g);

  test('#hidden is in the DOM but not visible; #removed is not in the DOM', async () => {
    const hidden = app.page.locator("#hidden");
    assert.equal(await hidden.count(), 1, "#hidden is in the DOM");
    assert.equal(await hidden.isVisible(), false, "#hidden is not visible");
    assert.equal(await hidden.evaluate((el) => getComputedStyle(el).display), "none");
    assert.equal(await app.page.locator("#removed").count(), 0, "#removed is not in the DOM");
    assert.equal(await app.page.getByText("Not rendered").count(), 0, "its label is nowhere on the page");
  });

  test("clicking #reveal shows both, and #removed then saves report.csv", async () => {
    await app.page.locator("#reveal button").click();
    await app.page.locator("#hidden button").waitFor({ state: "visible", timeout: 5000 });
    await app.page.locator("#removed button").waitFor({ state: "visible", timeout: 5000 });
    assert.equal((await app.page.locator("#removed button").innerText()).trim(), "Not rendered");
    assert.equal((await app.page.locator("#hidden button").innerText()).trim(), "Hidden in the DOM");
    for (const id of ["removed", "hidden"]) {
      const file = await downloadFrom(app.page, () => app.page.locator(`#${id} button`).click());
      assert.equal(file.name, "report.csv");
      assert.deepEqual(file.bytes, asset("report.csv"));
    }
  });

  test("#disabled's button is disabled and a (forced) click downloads nothing within 1.5 s", async () => {
    const button = app.page.locator("#disabled button");
    await button.waitFor({ state: "visible" });
    assert.equal(await button.isDisabled(), true);
    const download = await downloadWithin(app.context, () => button.click({ force: true }), 1500);
    assert.equal(download, null, `a disabled button downloaded ${download?.suggestedFilename()}`);
  });
});
