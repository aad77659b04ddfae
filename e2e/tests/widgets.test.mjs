// The form widgets as a person uses them: examples/widgets_gallery.rs (Blocks: each handler echoes
// the value it received) and examples/widgets_script.rs (a script that writes every value). Each
// widget is set with the mouse or the keyboard and the echo shows the exact value; an out-of-range
// value typed, and values forged past the page, are refused by the server with its message.

import assert from "node:assert/strict";
import { resolve } from "node:path";
import { after, before, describe, test } from "node:test";
import { assertNone, seriousViolations } from "../lib/axe.mjs";
import { launchBrowser, openApp } from "../lib/browser.mjs";
import { SCREENSHOTS, binPath, startServer } from "../lib/server.mjs";
import { until } from "../lib/wait.mjs";

let browser;
let gallery;
let script;
before(async () => {
  browser = await launchBrowser();
  gallery = await startServer({ bin: binPath("widgets_gallery") });
  script = await startServer({ bin: binPath("widgets_script") });
});
after(async () => {
  await gallery?.stop();
  await script?.stop();
  await browser?.close();
});

const openGallery = () => openApp(browser, gallery.url, {}, { ready: '[data-testid="checkbox"] input' });
const openScript = () => openApp(browser, script.url, {}, { ready: '[data-testid="slider"] input' });

/** Waits until the read-only echo field `#id input` holds exactly `want`. */
async function echoed(app, id, want) {
  const field = app.page.locator(`#${id} input`);
  await until(async () => (await field.inputValue()) === want, `#${id} to read ${JSON.stringify(want)}`, 5000);
}

/** The component with this elem_id in the session's page, and the dependency it triggers on `event`. */
function wiring(session, elemId, event) {
  const find = (node) => (node.props?.elem_id === elemId ? node : (node.children ?? []).map(find).find(Boolean));
  const node = find(session.root);
  const dep = session.dependencies.find((d) => d.triggers.some(([id, e]) => id === node.id && e === event));
  return { id: node.id, dep: dep.id };
}

/** POSTs a run from inside the page (its own origin) with `value` for the trigger's input. */
async function forge(app, elemId, event, value) {
  const { id, dep } = wiring(app.session, elemId, event);
  return app.page.evaluate(
    async ({ session, dep, id, event, value }) => {
      const res = await fetch("api/run", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ session, dependency: dep, trigger: [id, event], data: [value] }),
      });
      return { status: res.status, text: await res.text() };
    },
    { session: app.session.session, dep, id, event, value },
  );
}

const toast = (app) => app.page.locator('[data-testid="toast"]');

describe("the widgets gallery (Blocks)", () => {
  test("a checkbox ticked with the mouse and unticked with Space", async () => {
    const app = await openGallery();
    const box = app.page.getByLabel("Subscribe");
    await box.click();
    await echoed(app, "checkbox-echo", "subscribed: true");
    assert.equal(await box.isChecked(), true);
    await box.focus();
    await app.page.keyboard.press("Space");
    await echoed(app, "checkbox-echo", "subscribed: false");
    const forged = await forge(app, "checkbox", "change", "yes");
    assert.equal(forged.status, 400);
    assert.match(forged.text, /“Subscribe”: expected true or false, got text/);
    assert.deepEqual(app.errors, []);
    await app.context.close();
  });

  test("a number typed and sent with Enter, rounded on leaving the field, refused out of range", async () => {
    const app = await openGallery();
    const age = app.page.getByLabel("Age");
    await age.fill("42");
    await age.press("Enter");
    await echoed(app, "number-echo", "age: 42");
    await age.fill("7.4");
    await age.press("Tab");
    await echoed(app, "number-echo", "age: 7");
    await age.focus();
    await app.page.keyboard.press("ArrowUp");
    await age.press("Enter");
    await echoed(app, "number-echo", "age: 8");
    await age.fill("500");
    await age.press("Enter");
    await toast(app).first().waitFor({ state: "visible", timeout: 5000 });
    assert.match(await toast(app).first().innerText(), /“Age”: 500 is above the maximum 120/);
    assert.equal(await app.page.locator("#number-echo input").inputValue(), "age: 8", "the handler never saw 500");
    await app.page.screenshot({ path: resolve(SCREENSHOTS, "ferry-e2e-widgets-refused.png"), fullPage: true });
    const forged = await forge(app, "number", "submit", "12");
    assert.equal(forged.status, 400);
    assert.match(forged.text, /“Age”: expected a number, got text/);
    assert.equal((await forge(app, "number", "submit", -1)).status, 400);
    assert.equal((await forge(app, "number", "submit", 120)).status, 200);
    assert.deepEqual(app.errors, []);
    await app.context.close();
  });

  test("a slider dragged with the mouse (input while dragging, release at the end) and stepped with a key", async () => {
    const app = await openGallery();
    const range = app.page.getByLabel("Volume");
    const box = await range.boundingBox();
    const y = box.y + box.height / 2;
    await app.page.mouse.move(box.x + box.width / 2, y);
    await app.page.mouse.down();
    await app.page.mouse.move(box.x + box.width * 0.75, y, { steps: 5 });
    await until(async () => (await app.page.locator("#slider-live input").inputValue()) !== "", "input while dragging", 5000);
    assert.equal(await app.page.locator("#slider-echo input").inputValue(), "", "no release yet");
    await app.page.mouse.move(box.x + box.width + 20, y, { steps: 5 });
    await app.page.mouse.up();
    await echoed(app, "slider-echo", "volume: 10");
    await echoed(app, "slider-live", "volume: 10");
    assert.equal(await app.page.locator('[data-testid="slider"] output').innerText(), "10");
    await range.focus();
    await app.page.keyboard.press("ArrowLeft");
    await echoed(app, "slider-echo", "volume: 9.5");
    const offStep = await forge(app, "slider", "release", 5.25);
    assert.equal(offStep.status, 400);
    assert.match(offStep.text, /“Volume”: 5.25 is not 0 plus a multiple of the step 0.5/);
    const above = await forge(app, "slider", "release", 10.5);
    assert.equal(above.status, 400);
    assert.match(above.text, /“Volume”: 10.5 is above the maximum 10/);
    assert.deepEqual(app.errors, []);
    await app.context.close();
  });

  test("a dropdown chosen with the mouse and the keyboard gives the choice's value; an unknown value is refused", async () => {
    const app = await openGallery();
    const fruit = app.page.getByLabel("Fruit");
    assert.equal(await fruit.inputValue(), "apple");
    await fruit.selectOption({ label: "Cherry" });
    await echoed(app, "dropdown-echo", "fruit: cherry");
    await fruit.focus();
    await app.page.keyboard.press("ArrowUp");
    await echoed(app, "dropdown-echo", "fruit: pear");
    const forged = await forge(app, "dropdown", "change", "/etc/passwd");
    assert.equal(forged.status, 400);
    assert.match(forged.text, /“Fruit”: \\"\/etc\/passwd\\" is not one of the choices/);
    // The label is shown, never taken as a value.
    assert.equal((await forge(app, "dropdown", "change", "Cherry")).status, 400);
    const toppings = app.page.getByLabel("Toppings");
    await toppings.selectOption(["Cream", "Honey"]);
    await echoed(app, "multiselect-echo", "toppings: Cream, Honey");
    const three = await forge(app, "multiselect", "change", ["Cream", "Nuts", "Honey"]);
    assert.equal(three.status, 400);
    assert.match(three.text, /“Toppings”: at most 2 choices, got 3/);
    await app.page.screenshot({ path: resolve(SCREENSHOTS, "ferry-e2e-widgets.png"), fullPage: true });
    assert.deepEqual(app.errors, []);
    await app.context.close();
  });
});

describe("the widgets' markup", () => {
  for (const colorScheme of ["light", "dark"]) {
    test(`each control is named by its label, and axe finds nothing serious (${colorScheme})`, async () => {
      const app = await openApp(browser, gallery.url, { colorScheme }, { ready: '[data-testid="checkbox"] input' });
      assert.equal(await app.page.getByRole("checkbox", { name: "Subscribe" }).count(), 1);
      assert.equal(await app.page.getByRole("spinbutton", { name: "Age" }).count(), 1);
      assert.equal(await app.page.getByRole("slider", { name: "Volume" }).count(), 1);
      assert.equal(await app.page.getByRole("combobox", { name: "Fruit" }).count(), 1);
      assert.equal(await app.page.getByRole("listbox", { name: "Toppings" }).count(), 1);
      assert.equal(
        await app.page.getByRole("slider", { name: "Volume" }).getAttribute("aria-describedby"),
        await app.page.getByText("Steps of 0.5.").getAttribute("id"),
        "the line of help describes the control",
      );
      await app.page.screenshot({ path: resolve(SCREENSHOTS, `ferry-e2e-widgets-${colorScheme}.png`), fullPage: true });
      const found = await seriousViolations(app.page);
      await app.context.close();
      assertNone(found);
    });
  }

  test("the first paint, before the script runs, shows each widget with its value", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${gallery.url}/`);
    assert.equal(await page.getByRole("checkbox", { name: "Subscribe" }).isChecked(), false);
    assert.equal(await page.getByRole("spinbutton", { name: "Age" }).inputValue(), "30");
    assert.equal(await page.getByRole("slider", { name: "Volume" }).inputValue(), "5");
    assert.equal(await page.getByRole("combobox", { name: "Fruit" }).inputValue(), "apple");
    await page.screenshot({ path: resolve(SCREENSHOTS, "ferry-e2e-widgets-first-paint.png"), fullPage: true });
    await context.close();
  });
});

describe("the widgets in a script", () => {
  test("each widget reruns the script with its new value", async () => {
    const app = await openScript();
    const line = app.page.locator('[data-testid="markdown"]').filter({ hasText: "Subscribed:" });
    const reads = (want) => until(async () => (await line.innerText()) === want, `the line to read ${want}`, 5000);
    await reads("Subscribed: false · Copies: 1 · Level: 3 · Fruit: Pear · Extras: Milk");
    const boxId = await app.page.getByLabel("Subscribe").getAttribute("id");
    await app.page.getByLabel("Subscribe").check();
    await reads("Subscribed: true · Copies: 1 · Level: 3 · Fruit: Pear · Extras: Milk");
    assert.ok((await app.page.locator(".ferry-app").innerText()).includes("Thanks for subscribing."));
    assert.equal(await app.page.getByLabel("Subscribe").getAttribute("id"), boxId, "the same widget");
    const copies = app.page.getByLabel("Copies");
    await copies.fill("4");
    await copies.press("Enter");
    await reads("Subscribed: true · Copies: 4 · Level: 3 · Fruit: Pear · Extras: Milk");
    await app.page.getByLabel("Level").focus();
    await app.page.keyboard.press("ArrowRight");
    await reads("Subscribed: true · Copies: 4 · Level: 4 · Fruit: Pear · Extras: Milk");
    await app.page.getByLabel("Fruit").selectOption("Cherry");
    await reads("Subscribed: true · Copies: 4 · Level: 4 · Fruit: Cherry · Extras: Milk");
    await app.page.getByLabel("Extras").selectOption(["Sugar", "Lemon"]);
    await reads("Subscribed: true · Copies: 4 · Level: 4 · Fruit: Cherry · Extras: Sugar, Lemon");
    await app.page.screenshot({ path: resolve(SCREENSHOTS, "ferry-e2e-widgets-script.png"), fullPage: true });
    // Out of range: refused, and the script never ran with it.
    await copies.fill("11");
    await copies.press("Enter");
    await toast(app).first().waitFor({ state: "visible", timeout: 5000 });
    assert.match(await toast(app).first().innerText(), /“Copies”: 11 is above the maximum 10/);
    assert.equal(await line.innerText(), "Subscribed: true · Copies: 4 · Level: 4 · Fruit: Cherry · Extras: Sugar, Lemon");
    assert.deepEqual(app.errors, []);
    await app.context.close();
  });
});
