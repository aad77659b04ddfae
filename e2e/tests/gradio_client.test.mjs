// Gradio's JavaScript client (@gradio/client, pinned in package.json) against Ferry apps: the
// upload_and_download demo (a file in, the same file out), the events gallery (a stream, its
// cancel, a handler's error, an unlisted endpoint) and gradio_values (an image, a table and the
// form widgets through the API).

import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, before, describe, test } from "node:test";
import { promisify } from "node:util";
import { Client, handle_file } from "@gradio/client";
import { ROOT, SCREENSHOTS, UPLOAD_BIN, binPath, startServer } from "../lib/server.mjs";

describe("@gradio/client and upload_and_download", () => {
  let server;
  before(async () => {
    server = await startServer({ bin: UPLOAD_BIN });
  });
  after(async () => {
    await server?.stop();
  });

  test("view_api lists the endpoints with their components", async () => {
    const app = await Client.connect(`${server.url}/`);
    const api = await app.view_api();
    assert.deepEqual(Object.keys(api.named_endpoints).sort(), ["/download", "/upload"]);
    const upload = api.named_endpoints["/upload"];
    assert.equal(upload.parameters[0].component, "UploadButton");
    assert.deepEqual(
      upload.returns.map((r) => r.component),
      ["UploadButton", "DownloadButton"],
    );
    app.close();
  });

  test("predict uploads a file and the returned file downloads byte for byte", async () => {
    const app = await Client.connect(`${server.url}/`);
    const bytes = new Uint8Array([104, 105, 0, 255, 10]);
    const result = await app.predict("/upload", [handle_file(new Blob([bytes]))]);
    const download = result.data[1];
    assert.equal(download.size, bytes.length);
    assert.equal(download.meta._type, "gradio.FileData");
    assert.match(download.path, /^[0-9a-f]{32}\/[0-9a-f]{32}\/[^/]+$/, "an opaque token, not a server path");
    assert.equal(download.url, `${server.url}/gradio_api/file=${download.path}`);
    const response = await fetch(download.url);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("x-content-type-options"), "nosniff");
    assert.deepEqual(new Uint8Array(await response.arrayBuffer()), bytes);
    const passwd = await fetch(`${server.url}/gradio_api/file=/etc/passwd`);
    assert.equal(passwd.status, 404);
    app.close();
  });
});

test("the API page's JavaScript snippet runs as shown", async () => {
  const server = await startServer({ bin: UPLOAD_BIN });
  const folder = mkdtempSync(join(tmpdir(), "ferry-js-snippet-"));
  // Next to e2e/node_modules, so that the snippet's import resolves.
  const script = join(SCREENSHOTS, `snippet-${process.pid}.mjs`);
  try {
    const info = await (await fetch(`${server.url}/gradio_api/info`)).json();
    const snippet = info.named_endpoints["/upload"].code_snippets.javascript;
    assert.ok(snippet.includes(`Client.connect("${server.url}/")`), snippet);
    writeFileSync(join(folder, "file.txt"), "from the snippet\n");
    writeFileSync(script, snippet);
    const { stdout } = await promisify(execFile)(process.execPath, [script], { cwd: folder, timeout: 60_000 });
    assert.match(stdout, /orig_name: 'file\.txt'/);
    assert.match(stdout, /size: 17/);
  } finally {
    rmSync(script, { force: true });
    rmSync(folder, { recursive: true, force: true });
    await server.stop();
  }
});

describe("@gradio/client and the events gallery", () => {
  let server;
  before(async () => {
    server = await startServer({ bin: binPath("events_gallery") });
  });
  after(async () => {
    await server?.stop();
  });

  test("submit streams each value of a stream, and cancel ends it", async () => {
    const app = await Client.connect(`${server.url}/`);
    const job = app.submit("/count", []);
    const seen = [];
    for await (const message of job) {
      if (message.type !== "data") continue;
      seen.push(message.data[0]);
      if (seen.length === 3) await job.cancel();
      if (seen.length > 3) break;
    }
    assert.deepEqual(seen, ["1", "2", "3"]);
    app.close();
  });

  test("a handler's error rejects predict with its message, and the page's rules hold", async () => {
    const app = await Client.connect(`${server.url}/`);
    await assert.rejects(app.predict("/save", ["  "]), (error) => {
      assert.equal(error.message, "A name is needed");
      assert.equal(error.title, "Not saved");
      return true;
    });
    const saved = await app.predict("/save", ["Ada"]);
    assert.deepEqual(saved.data, ["Saved Ada"]);
    app.close();
  });

  test("an unlisted endpoint is not in view_api but answers", async () => {
    const app = await Client.connect(`${server.url}/`);
    const api = await app.view_api();
    assert.ok(!("/error" in api.named_endpoints));
    assert.ok("/count" in api.named_endpoints);
    await assert.rejects(app.predict("/error", []), /No rows match the filter\./);
    app.close();
  });
});

describe("@gradio/client and gradio_values", () => {
  let server;
  before(async () => {
    server = await startServer({ bin: binPath("gradio_values") });
  });
  after(async () => {
    await server?.stop();
  });

  test("an image goes in and comes back byte for byte, with its size", async () => {
    const flower = readFileSync(resolve(ROOT, "examples/assets/flower.png"));
    const app = await Client.connect(`${server.url}/`);
    // A File, as a page's file input gives.
    const result = await app.predict("/picture", [handle_file(new File([flower], "flower.png", { type: "image/png" }))]);
    const [image, size] = result.data;
    assert.equal(size, flower.length);
    assert.equal(image.meta._type, "gradio.FileData");
    const response = await fetch(image.url);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("content-type"), "image/png");
    assert.deepEqual(Buffer.from(await response.arrayBuffer()), flower);
    // A bare Blob (the client names it "blob"): taken by its bytes, as Gradio takes it.
    const blob = await app.predict("/picture", [handle_file(new Blob([flower], { type: "image/png" }))]);
    assert.equal(blob.data[1], flower.length);
    const echoed = await fetch(blob.data[0].url);
    assert.equal(echoed.headers.get("content-type"), "image/png");
    assert.deepEqual(Buffer.from(await echoed.arrayBuffer()), flower);
    // Not an image: refused with the reason, not echoed.
    await assert.rejects(
      app.predict("/picture", [handle_file(new File(["<html>"], "page.html", { type: "text/html" }))]),
      /not one of the types this component takes/,
    );
    app.close();
  });

  test("a table goes in and comes back with its total row", async () => {
    const app = await Client.connect(`${server.url}/`);
    const table = { headers: ["item", "count"], data: [["pens", 3], ["pads", 4.5]] };
    const result = await app.predict("/table", [table]);
    assert.deepEqual(result.data[0].headers, ["item", "count"]);
    assert.deepEqual(result.data[0].data, [["pens", 3], ["pads", 4.5], ["total", 7.5]]);
    await assert.rejects(app.predict("/table", [{ headers: ["a"], data: [[1, 2]] }]));
    app.close();
  });

  test("the widgets' values round trip", async () => {
    const app = await Client.connect(`${server.url}/`);
    const result = await app.predict("/widgets", ["ferry", 2.25, true, 7.5, "blue"]);
    assert.deepEqual(result.data.slice(0, 5), ["ferry", 2.25, true, 7.5, "blue"]);
    assert.equal(result.data[5], "**ferry** 2.25 true 7.5 blue");
    app.close();
  });
});
