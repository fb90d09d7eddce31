import assert from "node:assert/strict";
import { loadOrCreateDevKey } from "../../lib/dev_key.ts";

Deno.test("dev key: generated once with mode 0600, then reused", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const first = await loadOrCreateDevKey(`${dir}/data`);
    assert.equal(first.created, true);
    assert.equal(first.key.length, 32);
    assert.equal((await Deno.stat(first.path)).mode! & 0o777, 0o600);
    const second = await loadOrCreateDevKey(`${dir}/data`);
    assert.equal(second.created, false);
    assert.deepEqual(second.key, first.key);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("dev key: a corrupt key file is an error, not a silent new key", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/dev-encryption-key`, "c2hvcnQ\n");
    await assert.rejects(loadOrCreateDevKey(dir), /shorter than 32 bytes/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
