import assert from "node:assert/strict";
import { Hono } from "hono";
import { createAuthServer } from "../../lib/auth/server.ts";
import { createLogger } from "../../lib/log.ts";
import { loadAssets } from "../../lib/web/assets.ts";
import { oauthRoutes } from "../../routes/oauth.ts";
import { OAUTH_ROUTES, SIGN_IN_ROUTES, WEB_ROUTES } from "../../routes/route_tables.ts";
import { signInRoutes } from "../../routes/sign_in.tsx";
import { memoryKv, testApp, testDeps } from "../_helpers.ts";

const lines = (routes: readonly { method: string; path: string }[]) =>
  routes.map((r) => `${r.method} ${r.path}`);
// deno-lint-ignore no-explicit-any
const mounted = (sub: Hono<any, any, any>) => lines(new Hono().route("/", sub).routes);

Deno.test("route tables: the OAuth and sign-in tables are the apps' routes, in order", async () => {
  using kv = await memoryKv();
  const resolveHost = () => Promise.resolve([]);
  const auth = createAuthServer({ ...await testDeps(kv), resolveHost });
  assert.deepEqual(lines(OAUTH_ROUTES), mounted(oauthRoutes(auth)));
  assert.deepEqual(lines(SIGN_IN_ROUTES), mounted(signInRoutes(auth, { resolveHost })));
});

Deno.test("route tables: every lazily mounted surface of the product app loads and answers", async () => {
  using kv = await memoryKv();
  const errors: string[] = [];
  const app = await testApp(kv, {
    logger: createLogger({ level: "error", write: (line) => errors.push(line) }),
    web: { assets: await loadAssets() },
  });
  const probes = [
    ["/.well-known/oauth-authorization-server", 200],
    ["/signin", 303], // no sign-in request yet: back to the start
    ["/", 200],
    ["/dashboard/usage", 303], // signed out: to /login
  ] as const;
  for (const [path, status] of probes) {
    const res = await app.request(path);
    await res.body?.cancel();
    assert.equal(res.status, status, `${path}: ${errors.join("\n")}`);
  }
  assert.ok(WEB_ROUTES.length > 0);
  assert.deepEqual(errors, []);
});
