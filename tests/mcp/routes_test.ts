import assert from "node:assert/strict";
import { Hono } from "hono";
import { manualClock } from "../../lib/clock.ts";
import { silentLogger } from "../../lib/log.ts";
import { createMcpRoutes, perUser } from "../../mcp/routes.ts";
import { memoryKv, testConfig } from "../_helpers.ts";
import { connect, grant, mapVerifier } from "./_harness.ts";
import { memoryXano } from "./_memory_xano.ts";

Deno.test("mcp routes: a user's sessions share one Xano client; another user gets their own", async () => {
  using kv = await memoryKv();
  const xano = memoryXano();
  const asked: string[] = [];
  const { app: mcp, sessions } = createMcpRoutes({
    config: testConfig({ PUBLIC_URL: "http://127.0.0.1:8000" }),
    kv,
    clock: manualClock(Date.now()),
    logger: silentLogger,
    verifier: mapVerifier({
      "token-a1": grant({ grantId: "g-a1" }),
      "token-a2": grant({ grantId: "g-a2" }),
      "token-b1": grant({ grantId: "g-b", userId: "u2" }),
    }),
    xanoFor: (userId) => {
      asked.push(userId);
      return Promise.resolve(xano);
    },
  });
  const app = new Hono().route("/", mcp);
  const clients = [];
  for (const token of ["token-a1", "token-a2", "token-b1"]) {
    const { client } = await connect(app, { token });
    const result = await client.callTool({ name: "xano_list_databases", arguments: {} });
    assert.equal(result.isError, undefined);
    clients.push(client);
  }
  assert.deepEqual(asked, ["u1", "u2"]);
  for (const client of clients) await client.close();
  await sessions.closeAll();
});

Deno.test("mcp routes: perUser keeps the most recently used users within its bound", () => {
  const made: string[] = [];
  const of = perUser(2, (userId) => {
    made.push(userId);
    return { userId };
  });
  const a = of("a");
  assert.equal(of("a"), a);
  of("b");
  of("a"); // a is now the most recently used
  of("c"); // drops b
  assert.equal(of("a"), a);
  of("b");
  assert.deepEqual(made, ["a", "b", "c", "b"]);
});
