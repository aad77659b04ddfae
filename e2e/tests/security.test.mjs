// Capability URLs seen from a browser and from a second client: unknown tokens are 404, a
// session's files are reachable only under that session's id.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { openApp } from "../lib/browser.mjs";
import { findById, useGallery } from "../lib/gallery.mjs";

const g = useGallery();

/** `POST /api/session` from node: a second client, with no browser. */
async function newSession(url) {
  const res = await fetch(`${url}/api/session`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
  assert.equal(res.status, 200);
  return res.json();
}

describe("security", () => {
  let app;
  before(async () => {
    app = await openApp(g.browser, g.server.url);
  });
  after(async () => {
    assert.deepEqual(app.errors, [], "the page threw no uncaught exception");
    await app.context.close();
  });

  test("from the page: an unknown token is 404", async () => {
    const status = await app.page.evaluate(async () => (await fetch("/file/app/" + "0".repeat(32) + "/x")).status);
    assert.equal(status, 404);
  });

  test("from the page: an app-wide token is 200; the same token with one digit changed is 404", async () => {
    const url = findById(app.session.root, "from-path").props.value.url; // file/app/<token>/report.csv
    const token = url.split("/")[2];
    assert.match(token, /^[0-9a-f]{32}$/);
    const flipped = token.slice(0, -1) + (token.at(-1) === "0" ? "1" : "0");
    const statuses = await app.page.evaluate(
      async ([good, bad]) => [(await fetch(good)).status, (await fetch(bad)).status],
      [url, url.replace(token, flipped)],
    );
    assert.deepEqual(statuses, [200, 404]);
  });

  test("a session's file is 200 under its own session id and 404 under another session's", async () => {
    const a = await newSession(g.server.url);
    const b = await newSession(g.server.url);
    assert.notEqual(a.session, b.session);
    for (const elemId of ["every", "from-inputs"]) {
      const value = findById(a.root, elemId).props.value;
      assert.ok(value.url.startsWith(`file/${a.session}/`), `${elemId}'s file is owned by session A: ${value.url}`);
      const own = await fetch(`${g.server.url}/${value.url}`);
      assert.equal(own.status, 200, `${value.url} with A's id`);
      const body = await own.text();
      assert.equal(Buffer.byteLength(body), value.size);
      const stolen = await fetch(`${g.server.url}/${value.url.replace(a.session, b.session)}`);
      assert.equal(stolen.status, 404, `A's token under B's id`);
      await stolen.body?.cancel();
      const unknown = await fetch(`${g.server.url}/${value.url.replace(a.session, "f".repeat(32))}`);
      assert.equal(unknown.status, 404, `A's token under an unknown session id`);
      await unknown.body?.cancel();
    }
  });

  test("the browser gets the download headers: attachment with a UTF-8 file name, nosniff", async () => {
    const url = findById(app.session.root, "from-text").props.value.url;
    const h = await app.page.evaluate(async (u) => {
      const r = await fetch(u);
      await r.arrayBuffer();
      return Object.fromEntries(r.headers.entries());
    }, url);
    assert.equal(h["x-content-type-options"], "nosniff");
    assert.match(h["content-disposition"], /^attachment;/);
    assert.ok(h["content-disposition"].includes("filename*=UTF-8''r%C3%A9sum%C3%A9%20%E2%80%93%20%C3%A9t%C3%A9.txt"), h["content-disposition"]);
    assert.match(h["content-type"], /^text\/plain/);
  });
});
