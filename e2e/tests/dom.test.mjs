// The DOM contract (DESIGN §6, docs/protocol.md): data-testid of the wire type on the outermost
// element, elem_id as its id, elem_classes as classes; variant and size rendered and visibly distinct.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { openApp } from "../lib/browser.mjs";
import { allNodes, useGallery } from "../lib/gallery.mjs";

const g = useGallery();

describe("DOM contract", () => {
  let app;
  let rendered; // every component node that the page renders (visible !== false, not a timer)
  before(async () => {
    app = await openApp(g.browser, g.server.url);
    rendered = allNodes(app.session.root).filter((n) => n.props.visible !== false && n.type !== "timer");
  });
  after(async () => {
    assert.deepEqual(app.errors, [], "the page threw no uncaught exception");
    await app.context.close();
  });

  test("each rendered component type has as many data-testid elements as the tree has components", async () => {
    const types = new Set(rendered.map((n) => n.type));
    assert.ok(types.has("download_button") && types.has("button") && types.has("textbox") && types.has("markdown") && types.has("row"));
    for (const type of types) {
      const want = rendered.filter((n) => n.type === type).length;
      assert.equal(await app.page.locator(`[data-testid="${type}"]`).count(), want, `[data-testid=${type}] elements`);
    }
  });

  test("elem_id is the id of the outermost element, which carries data-testid of the wire type", async () => {
    const withId = rendered.filter((n) => n.props.elem_id);
    assert.ok(withId.length >= 25, `the gallery names most components (${withId.length})`);
    for (const node of withId) {
      const id = node.props.elem_id;
      const found = await app.page.locator(`[id="${id}"]`).evaluateAll((els, type) =>
        els.map((el) => ({
          testid: el.getAttribute("data-testid"),
          // the nearest enclosing component must be a layout (the row or column it sits in)
          parent: el.parentElement?.closest("[data-testid]")?.getAttribute("data-testid") ?? null,
          innerSame: el.querySelectorAll(`[data-testid="${type}"]`).length,
        })), node.type);
      assert.equal(found.length, 1, `exactly one element has id "${id}"`);
      assert.equal(found[0].testid, node.type, `#${id} carries data-testid="${node.type}"`);
      assert.ok(["row", "column", "group"].includes(found[0].parent), `#${id} sits directly in a layout, not inside another component (${found[0].parent})`);
      assert.equal(found[0].innerSame, 0, `#${id} holds no inner element of the same type`);
    }
    // The handles the brief names, as selectors.
    for (const sel of ["#from-path[data-testid=download_button]", "#reveal[data-testid=button]", "#your-text[data-testid=textbox]", "#clicks[data-testid=textbox]"]) {
      assert.equal(await app.page.locator(sel).count(), 1, sel);
    }
  });

  test("elem_classes are classes of the outermost element", async () => {
    const classes = await app.page.locator("#scale-2").getAttribute("class");
    for (const c of ["gallery-wide", "gallery-accent"]) assert.ok(classes.split(/\s+/).includes(c), `#scale-2 has class ${c}: "${classes}"`);
  });

  test("variant and size are rendered as ferry-btn-<variant> and ferry-btn-<size> classes of the <button>", async () => {
    const buttons = rendered.filter((n) => n.type === "download_button" || n.type === "button");
    for (const node of buttons) {
      if (node.props.visible === "hidden") continue;
      const sel = node.props.elem_id ? `#${node.props.elem_id} > button` : null;
      if (!sel) continue;
      const classes = (await app.page.locator(sel).getAttribute("class")).split(/\s+/);
      assert.ok(classes.includes(`ferry-btn-${node.props.variant}`), `${sel} has ferry-btn-${node.props.variant}: ${classes}`);
      assert.ok(classes.includes(`ferry-btn-${node.props.size}`), `${sel} has ferry-btn-${node.props.size}: ${classes}`);
    }
  });

  test("the three variants have visibly different backgrounds; sizes grow sm < md < lg", async () => {
    const bg = {};
    for (const v of ["primary", "secondary", "stop"]) {
      bg[v] = await app.page.locator(`#variant-${v} button`).evaluate((el) => getComputedStyle(el).backgroundColor);
    }
    assert.equal(new Set(Object.values(bg)).size, 3, `three different backgrounds: ${JSON.stringify(bg)}`);
    const height = {};
    for (const s of ["small", "medium", "large"]) height[s] = (await app.page.locator(`#size-${s} button`).boundingBox()).height;
    assert.ok(height.small < height.medium && height.medium < height.large, `heights grow: ${JSON.stringify(height)}`);
  });

  test("scale: in a row, #scale-2 is about twice as wide as #scale-1; #min-width is at least 320 px", async () => {
    await app.page.setViewportSize({ width: 1280, height: 800 });
    const w2 = (await app.page.locator("#scale-2").boundingBox()).width;
    const w1 = (await app.page.locator("#scale-1").boundingBox()).width;
    const wm = (await app.page.locator("#min-width").boundingBox()).width;
    assert.ok(wm >= 320 - 0.5, `#min-width is ${wm} px wide`);
    assert.ok(Math.abs(w2 / w1 - 2) < 0.1, `#scale-2 (${w2} px) is twice #scale-1 (${w1} px)`);
  });

  test("the disabled button and the icons: #from-path shows its icon image; #disabled looks disabled", async () => {
    const loadedWidth = (img) =>
      img.complete ? img.naturalWidth : new Promise((r) => { img.onload = () => r(img.naturalWidth); img.onerror = () => r(0); });
    const icon = app.page.locator("#from-path button img.ferry-btn-icon");
    assert.equal(await icon.count(), 1);
    assert.ok((await icon.evaluate(loadedWidth)) > 0, "the icon loaded");
    const urlIcon = app.page.locator("#from-url button img.ferry-btn-icon");
    assert.ok((await urlIcon.evaluate(loadedWidth)) > 0, "the URL icon loaded from the other origin");
    const opacity = await app.page.locator("#disabled button").evaluate((el) => Number(getComputedStyle(el).opacity));
    assert.ok(opacity < 1, `the disabled button is dimmed (opacity ${opacity})`);
  });
});
