// What every test file shares: one gallery server and one browser for the file, and the
// example's own files to compare downloads with.

import assert from "node:assert/strict";
import { after, afterEach, before, beforeEach } from "node:test";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { launchBrowser, openApp } from "./browser.mjs";
import { ROOT, startServer } from "./server.mjs";

/**
 * Starts the gallery and a browser before the file's tests and stops both after them.
 * Returns an object whose `server` and `browser` are set once `before` has run.
 */
export function useGallery() {
  const fixture = { server: null, browser: null };
  before(async () => {
    fixture.server = await startServer();
    fixture.browser = await launchBrowser();
  });
  after(async () => {
    await fixture.browser?.close();
    await fixture.server?.stop();
  });
  return fixture;
}

/** The bytes of `examples/assets/NAME`. */
export function asset(name) {
  return readFileSync(resolve(ROOT, "examples/assets", name));
}

/** Every node of a component tree (the `root` of `POST /api/session`), depth first. */
export function allNodes(node) {
  return [node, ...(node.children ?? []).flatMap(allNodes)];
}

/** The node whose `elem_id` is `elemId`, or null. */
export function findById(root, elemId) {
  return allNodes(root).find((n) => n.props?.elem_id === elemId) ?? null;
}

/**
 * Opens a fresh gallery page (its own browser context) before each test of the enclosing
 * `describe`, and after each test checks that the page threw no uncaught exception and closes it.
 * Returns a stand-in for the current page's `openApp` result (`app.page`, `app.context`, …).
 */
export function useFreshPage(fixture) {
  let current = null;
  beforeEach(async () => {
    current = await openApp(fixture.browser, fixture.server.url);
  });
  afterEach(async () => {
    assert.deepEqual(current.errors, [], "the page threw no uncaught exception");
    await current.context.close();
  });
  return new Proxy({}, { get: (_, name) => current?.[name] });
}
