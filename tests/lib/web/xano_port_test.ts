import assert from "node:assert/strict";
import { manualClock } from "../../../lib/clock.ts";
import { createSealer } from "../../../lib/crypto.ts";
import { xanoPort } from "../../../lib/web/xano_port.ts";
import { createXanoRuntime } from "../../../lib/xano/mod.ts";
import { memoryKv } from "../../_helpers.ts";

async function runtime(kv: Deno.Kv, fetch: (req: Request) => Promise<Response>) {
  const clock = manualClock(Date.UTC(2026, 10, 20));
  return {
    clock,
    xano: createXanoRuntime({
      kv,
      sealer: await createSealer(new Uint8Array(32).fill(3)),
      clock,
      fetch,
    }),
  };
}

const account = {
  kind: "account",
  authUrl: "https://x1.xano.io/api:auth",
  metaUrl: "https://x1.xano.io/api:meta",
  authToken: "auth-1",
  metaToken: "meta-1",
  email: "demo@example.com",
  obtainedAt: Date.UTC(2026, 10, 19),
} as const;

Deno.test("xano port: status shows instance, sign-in kind and state; null without a credential", async () => {
  using kv = await memoryKv();
  const { xano } = await runtime(kv, () => Promise.reject(new Error("offline")));
  const port = xanoPort(xano);
  assert.equal(await port.status("u-1"), null);
  await xano.credentials.put("u-1", account);
  const status = await port.status("u-1");
  assert.equal(status?.instance, "https://x1.xano.io");
  assert.equal(status?.kind, "account");
  assert.equal(status?.email, "demo@example.com");
  assert.equal(status?.state, "ok");
  await xano.credentials.markNeedsSignIn("u-1", "auth token rejected");
  assert.equal((await port.status("u-1"))?.state, "needs_sign_in");
});

Deno.test("xano port: refresh checks the token with Xano and renews it when Xano rejects it", async () => {
  using kv = await memoryKv();
  let valid = "meta-1";
  const seen: string[] = [];
  const { xano } = await runtime(kv, (req) => {
    const url = new URL(req.url);
    const token = req.headers.get("authorization")?.replace("Bearer ", "") ?? "";
    seen.push(`${url.pathname} ${token}`);
    if (url.pathname === "/api:auth/auth/me") {
      return Promise.resolve(
        Response.json({ id: 1, name: "Demo", email: "demo@example.com", api_key: "meta-2" }),
      );
    }
    if (token !== valid) {
      return Promise.resolve(Response.json({ message: "Unauthorized" }, { status: 401 }));
    }
    return Promise.resolve(Response.json({ id: 1, name: "Demo", email: "demo@example.com" }));
  });
  const port = xanoPort(xano);
  assert.deepEqual(await port.refresh("u-1"), {
    ok: false,
    message: "No Xano credential is stored; sign in again",
  });
  await xano.credentials.put("u-1", account);
  const current = await port.refresh("u-1");
  assert.equal(current.ok, true, current.message);
  assert.match(current.message, /nothing needed renewing/);
  assert.deepEqual(seen, ["/api:meta/auth/me meta-1"]);

  valid = "meta-2";
  const renewed = await port.refresh("u-1");
  assert.equal(renewed.ok, true, renewed.message);
  assert.match(renewed.message, /a new one was obtained/);
  assert.equal((await xano.credentials.get("u-1"))?.metaToken, "meta-2");
  assert.equal((await port.status("u-1"))?.state, "ok");
});
