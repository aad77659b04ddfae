// Where the e2e helpers look for the example binaries: under $CARGO_TARGET_DIR when it is set,
// else under target/: e2e/lib/server.mjs and the benchmark scripts. No browser, no server.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { resolve } from "node:path";
import { test } from "node:test";

import { ROOT, binPath, missingBinMessage, startServer } from "../lib/server.mjs";

test("without CARGO_TARGET_DIR the binaries are under target/release/examples", () => {
  assert.equal(binPath("download_gallery", {}), resolve(ROOT, "target/release/examples/download_gallery"));
  assert.equal(binPath("upload_gallery", { CARGO_TARGET_DIR: "" }), resolve(ROOT, "target/release/examples/upload_gallery"));
});

test("an absolute CARGO_TARGET_DIR is used as it is", () => {
  const dir = resolve(tmpdir(), "ferry-target");
  assert.equal(binPath("upload_and_download", { CARGO_TARGET_DIR: dir }), resolve(dir, "release/examples/upload_and_download"));
});

test("a relative CARGO_TARGET_DIR counts from the repository root, as cargo run there does", () => {
  assert.equal(binPath("download_gallery", { CARGO_TARGET_DIR: "build/t" }), resolve(ROOT, "build/t/release/examples/download_gallery"));
});

test("a missing binary is reported with the path that was looked at", async () => {
  const bin = binPath("download_gallery", { CARGO_TARGET_DIR: resolve(ROOT, "no-such-target-dir") });
  assert.match(missingBinMessage(bin), /build it first/);
  await assert.rejects(startServer({ bin }), (error) => {
    assert.ok(error.message.startsWith(`${bin} does not exist: build it first`), error.message);
    return true;
  });
});

// The benchmark scripts find their binary the same way: their TARGET_DIR=/BIN= lines, run by bash
// with and without CARGO_TARGET_DIR, name the path binPath() names.
for (const [script, name] of [
  ["scripts/bench-download.sh", "bench_server"],
  ["scripts/bench-upload.sh", "upload_and_download"],
]) {
  test(`${script} looks for ${name} under CARGO_TARGET_DIR when it is set`, () => {
    const text = readFileSync(resolve(ROOT, script), "utf8");
    const lines = text.split("\n").filter((line) => /^(TARGET_DIR=|\[\[ \$TARGET_DIR|BIN=)/.test(line));
    assert.ok(lines.some((line) => line.startsWith("BIN=")), `${script} has a BIN= line`);
    const bin = (env) =>
      execFileSync("bash", ["-c", `set -eu; ROOT=${JSON.stringify(ROOT)}; ${lines.join("\n")}\nprintf %s "$BIN"`], {
        env: { PATH: process.env.PATH, ...env },
        encoding: "utf8",
      });
    assert.equal(bin({}), binPath(name, {}));
    const absolute = resolve(tmpdir(), "ferry-target");
    assert.equal(bin({ CARGO_TARGET_DIR: absolute }), binPath(name, { CARGO_TARGET_DIR: absolute }));
    assert.equal(bin({ CARGO_TARGET_DIR: "build/t" }), binPath(name, { CARGO_TARGET_DIR: "build/t" }));
  });
}
