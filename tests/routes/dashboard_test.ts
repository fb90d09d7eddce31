import assert from "node:assert/strict";
import { memoryKv } from "../_helpers.ts";
import { harness } from "./_client.ts";

const PAGES = [
  ["/dashboard", /Your MCP URL/],
  ["/dashboard/connections", /Claude/],
  ["/dashboard/api-keys", /Create a key/],
  ["/dashboard/usage", /Calls per tool per day/],
  ["/dashboard/events", /No events match/],
  ["/dashboard/playground", /Compiler playground/],
  ["/dashboard/docs", /Tool reference/],
] as const;

Deno.test("dashboard: every page renders as HTML with the nav, no inline script or style", async () => {
  using kv = await memoryKv();
  const h = await harness(kv);
  for (const [path, expected] of PAGES) {
    const res = await h.get(path);
    assert.equal(res.status, 200, path);
    const html = await res.text();
    assert.match(html, expected, path);
    assert.match(
      html,
      new RegExp(`href="${path}" aria-current="page"`),
      `${path} marks its nav item`,
    );
    assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, `${path} has no inline script`);
    assert.doesNotMatch(html, /\sstyle=/, `${path} has no inline style`);
    assert.match(html, /<main id="main"/, `${path} has a main landmark`);
    assert.match(
      html,
      /name="csrf" value="csrf-fixed-0123456789"/,
      `${path} sign-out form has CSRF`,
    );
  }
});

Deno.test("overview: MCP URL, copy island, setup for every client, Xano state and refresh", async () => {
  using kv = await memoryKv();
  const h = await harness(kv);
  const html = await (await h.get("/dashboard")).text();
  assert.match(html, /value="http:\/\/127\.0\.0\.1:8000\/mcp"/);
  assert.match(html, /data-island="CopyButton"/);
  for (
    const client of ["Claude desktop", "claude.ai", "ChatGPT", "Cursor", "VS Code", "mcp-remote"]
  ) {
    assert.ok(html.includes(client), client);
  }
  assert.match(html, /Demo workspace/);
  assert.match(html, /Connected/);
  const forged = await h.post("/dashboard/xano/refresh", {});
  assert.equal(forged.status, 403);
  assert.equal(h.fakes.xano.refreshed, 0);
  const res = await h.post("/dashboard/xano/refresh", { csrf: h.csrf });
  assert.equal(res.status, 200);
  assert.match(await res.text(), /Xano token refreshed/);
  assert.equal(h.fakes.xano.refreshed, 1);
});

Deno.test("api keys: create validates, shows the secret once, lists it, and revokes", async () => {
  using kv = await memoryKv();
  const h = await harness(kv);
  const noCsrf = await h.post("/dashboard/api-keys", {
    name: "ci",
    scopes: "xano:read",
    expiry: "30d",
  });
  assert.equal(noCsrf.status, 403);
  const crossSite = await h.post("/dashboard/api-keys", {
    csrf: h.csrf,
    name: "ci",
    scopes: "xano:read",
    expiry: "30d",
  }, {
    origin: "https://evil.example",
  });
  assert.equal(crossSite.status, 403);
  const badScope = await h.post("/dashboard/api-keys", {
    csrf: h.csrf,
    name: "ci",
    scopes: "root",
    expiry: "30d",
  });
  assert.equal(badScope.status, 400);
  assert.match(await badScope.text(), /Unknown scope/);
  const noName = await h.post("/dashboard/api-keys", {
    csrf: h.csrf,
    name: " ",
    scopes: "xano:read",
    expiry: "30d",
  });
  assert.equal(noName.status, 400);
  const noExpiry = await h.post("/dashboard/api-keys", {
    csrf: h.csrf,
    name: "ci",
    scopes: "xano:read",
    expiry: "forever",
  });
  assert.equal(noExpiry.status, 400);
  assert.equal(h.fakes.apiKeys.keys.size, 0);

  const created = await h.post("/dashboard/api-keys", {
    csrf: h.csrf,
    name: "CI deploys",
    scopes: ["xano:read", "xano:deploy"],
    expiry: "30d",
  });
  assert.equal(created.status, 201);
  const html = await created.text();
  assert.match(html, /value="xmk_secret_key-1_abcdef0123456789"/);
  assert.match(html, /will not be shown again/);
  const [key] = [...h.fakes.apiKeys.keys.values()];
  assert.deepEqual(key!.scopes, ["xano:read", "xano:deploy"]);
  assert.equal(key!.expiresAt, h.web.clock.now() + 30 * 86_400_000);

  const list = await (await h.get("/dashboard/api-keys")).text();
  assert.match(list, /CI deploys/);
  assert.doesNotMatch(list, /xmk_secret/, "the secret is not shown again");

  const revoked = await h.post("/dashboard/api-keys/key-1/revoke", { csrf: h.csrf });
  assert.equal(revoked.status, 303);
  assert.equal(revoked.headers.get("location"), "/dashboard/api-keys?notice=key-revoked");
  assert.equal(h.fakes.apiKeys.keys.size, 0);
  const again = await h.post("/dashboard/api-keys/key-1/revoke", { csrf: h.csrf });
  assert.equal(again.headers.get("location"), "/dashboard/api-keys?notice=key-missing");
  assert.match(
    await (await h.get("/dashboard/api-keys?notice=key-missing")).text(),
    /no longer exists/,
  );
});

Deno.test("connections: lists clients with their access and revokes one", async () => {
  using kv = await memoryKv();
  const h = await harness(kv);
  const html = await (await h.get("/dashboard/connections")).text();
  for (
    const text of [
      "Claude",
      "claude.ai",
      "Cursor",
      "127.0.0.1:6274",
      "read-only",
      "tables, records",
      "xano:write",
    ]
  ) {
    assert.ok(html.includes(text), text);
  }
  const forged = await h.post("/dashboard/connections/g-1/revoke", { csrf: "nope" });
  assert.equal(forged.status, 403);
  const res = await h.post("/dashboard/connections/g-1/revoke", { csrf: h.csrf });
  assert.equal(res.status, 303);
  assert.equal(h.fakes.connections.grants.has("g-1"), false);
  const after = await (await h.get("/dashboard/connections?notice=connection-revoked")).text();
  assert.match(after, /Access revoked/);
  assert.doesNotMatch(after, /claude\.ai/);
});

Deno.test("playground: island with escaped props, deploy disabled without a deploy service", async () => {
  using kv = await memoryKv();
  const h = await harness(kv);
  const html = await (await h.get("/dashboard/playground")).text();
  assert.match(html, /data-island="Playground"/);
  assert.match(html, /<textarea[^>]*name="code"/);
  assert.match(html, /compiler is not part of this build yet/);
  assert.match(html, /<button type="submit" class="button" disabled/);
  const res = await h.post("/dashboard/playground/deploy", {
    csrf: h.csrf,
    code: "create('x','GET')",
  });
  assert.equal(res.status, 422);
  const body = await res.text();
  assert.match(body, /Deploying is not available/);
  assert.match(body, /create\(&#39;x&#39;,&#39;GET&#39;\)|create\('x','GET'\)/, "code is kept");
});

Deno.test("playground: deploy goes through the deploy port with the signed-in user", async () => {
  using kv = await memoryKv();
  const calls: [string, string][] = [];
  const h = await harness(kv, {
    deploy: {
      deploy(userId, code) {
        calls.push([userId, code]);
        return Promise.resolve({
          ok: true,
          message: "Deployed",
          endpointUrl: "http://x/api:demo/get-product",
        });
      },
    },
  });
  const empty = await h.post("/dashboard/playground/deploy", { csrf: h.csrf, code: "  " });
  assert.equal(empty.status, 422);
  const res = await h.post("/dashboard/playground/deploy", {
    csrf: h.csrf,
    code: "create('a','GET')",
  });
  assert.equal(res.status, 200);
  assert.match(await res.text(), /api:demo\/get-product/);
  assert.deepEqual(calls, [["u-demo", "create('a','GET')"]]);
  const big = await h.post("/dashboard/playground/deploy", {
    csrf: h.csrf,
    code: "x".repeat(200_000),
  });
  assert.equal(big.status, 413);
  assert.match(await big.text(), /larger than 128 KB/);
});

Deno.test("docs: the tool reference is generated from the inventory, and says when there is none", async () => {
  using kv = await memoryKv();
  const h = await harness(kv);
  const html = await (await h.get("/dashboard/docs", "")).text();
  assert.match(html, /id="tool-xano_list_tables"/);
  assert.match(html, /workspace_id/);
  assert.match(html, /destructive/);
  assert.match(html, /2 tools in 1\s*(<!-- -->)?\s*toolsets/);
  const bare = await harness(kv, { web: { tools: undefined } });
  assert.match(
    await (await bare.get("/dashboard/docs")).text(),
    /tool inventory is not part of this build/,
  );
});

Deno.test("dashboard: unknown pages and bad requests render HTML error pages, not JSON or stacks", async () => {
  using kv = await memoryKv();
  const h = await harness(kv);
  const missing = await h.get("/dashboard/nope");
  assert.equal(missing.status, 404);
  assert.match(missing.headers.get("content-type") ?? "", /text\/html/);
  assert.match(await missing.text(), /Page not found/);
  const broken = await harness(kv, {
    web: { usage: { report: () => Promise.reject(new Error("kv exploded at secret place")) } },
  });
  const res = await broken.get("/dashboard/usage");
  assert.equal(res.status, 500);
  const html = await res.text();
  assert.match(html, /Something went wrong/);
  assert.doesNotMatch(html, /exploded|at secret/);
});
