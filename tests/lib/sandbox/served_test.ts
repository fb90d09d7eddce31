import assert from "node:assert/strict";
import { silentLogger } from "../../../lib/log.ts";
import { serveSandbox } from "../../../sandbox.ts";
import { memoryKv, testConfig } from "../../_helpers.ts";

Deno.test("served sandbox: answers over HTTP and aborts dropped connections", async () => {
  using kv = await memoryKv();
  const { server, origin, sandbox } = await serveSandbox(testConfig(), {
    kv,
    logger: silentLogger,
    port: 0,
  });
  try {
    const login = await fetch(`${origin}/api:auth/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "demo@example.com", password: "demo1234" }),
    });
    assert.equal(login.status, 200);
    assert.ok((await login.json()).authToken);
    sandbox.faults.set("drop_rate=1");
    await assert.rejects(async () => {
      const res = await fetch(`${origin}/api:meta/workspace`);
      await res.text();
    });
    sandbox.faults.clear();
    const after = await fetch(`${origin}/api:meta/workspace`);
    assert.equal(after.status, 401, "the server keeps serving after a drop");
    await after.body?.cancel();
  } finally {
    await server.shutdown();
  }
});
