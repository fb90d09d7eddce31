import assert from "node:assert/strict";
import { ensureKvDir, sandboxLogFields } from "../../lib/startup.ts";
import { testConfig } from "../_helpers.ts";

Deno.test("startup: ensureKvDir makes a KV file's folder, and leaves :memory: and KV Connect URLs alone", async () => {
  const root = await Deno.makeTempDir();
  try {
    await ensureKvDir(`${root}/a/b/kv.sqlite3`);
    assert.ok((await Deno.stat(`${root}/a/b`)).isDirectory);
    await ensureKvDir(":memory:");
    await ensureKvDir("https://kv.internal:4512");
    await ensureKvDir("kv.sqlite3"); // no folder part: nothing to make
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("startup: the sandbox log names the demo password only in development", () => {
  const urls = { meta: "http://x/_sandbox/api:meta", auth: "http://x/_sandbox/api:auth" };
  const dev = sandboxLogFields(testConfig({ APP_ENV: "development" }), urls);
  assert.match(String(dev.demoSignIn), / \/ /);
  assert.equal(dev.metaApi, urls.meta);
  const test = sandboxLogFields(testConfig({ APP_ENV: "test" }), urls);
  assert.equal("demoSignIn" in test, false);
  assert.equal(test.faults, "none");
});
