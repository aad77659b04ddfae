// What every test file shares: one gallery server and one browser for the file, and the
// example's own files to compare downloads with.

import { after, before } from "node:test";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { launchBrowser } from "./browser.mjs";
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
