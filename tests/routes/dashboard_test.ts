import assert from "node:assert/strict";
import { listGrants } from "../../lib/auth/grants.ts";
import { XANO_TOOLS } from "../../mcp/tools/mod.ts";
import { UpstreamError } from "../../lib/errors.ts";
import { memoryKv } from "../_helpers.ts";
import {
  authorizeThrough,
  pkceParams,
  registerClient,
  tokenRequest,
} from "../lib/auth/_harness.ts";
import { type Harness, harness } from "./_client.ts";

const PAGES = [
  ["/dashboard", /Your MCP URL/],
  ["/dashboard/connections", /No assistant is connected yet/],
  ["/dashboard/api-keys", /Create a key/],
  ["/dashboard/usage", /Calls per tool per day/],
  ["/dashboard/events", /No events match/],
  ["/dashboard/playground", /Compiler playground/],
  ["/dashboard/docs", /Tool reference/],
] as const;

/** Connects an MCP client through the real OAuth flow; returns its access token. */
async function connectClient(h: Harness, name: string): Promise<string> {
  const client = await registerClient(h.app, { client_name: name });
  const { verifier, params } = await pkceParams(client.client_id);
  const redirect = await authorizeThrough(h.browser, params, { read_only: "on" });
  const res = await tokenRequest(h.app, {
    grant_type: "authorization_code",
    code: redirect.searchParams.get("code")!,
    client_id: client.client_id,
    redirect_uri: "http://127.0.0.1:3999/callback",
    code_verifier: verifier,
    resource: "http://127.0.0.1:8000/mcp",
  });
  assert.equal(res.status, 200, await res.clone().text());
  return (await res.json()).access_token;
}

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
    assert.ok(html.includes(`name="csrf" value="${h.csrf}"`), `${path} sign-out form has CSRF`);
  }
});

Deno.test("overview: MCP URL, copy island, setup for every client, Xano state and refresh", async () => {
  using kv = await memoryKv();
  const h = await harness(kv);
  const html = await (await h.get("/dashboard")).text();
  assert.match(html, /Welcome, Demo/);
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
  assert.equal(h.xano.refreshed, 0);
  const res = await h.post("/dashboard/xano/refresh", { csrf: h.csrf });
  assert.equal(res.status, 200);
  assert.match(await res.text(), /Xano token refreshed/);
  assert.equal(h.xano.refreshed, 1);
});

Deno.test("overview: without a Xano credential service the page says so and refresh explains", async () => {
  using kv = await memoryKv();
  const h = await harness(kv, { web: { xano: undefined } });
  assert.match(
    await (await h.get("/dashboard")).text(),
    /cannot report the state of your Xano credential/,
  );
  const res = await h.post("/dashboard/xano/refresh", { csrf: h.csrf });
  assert.equal(res.status, 502);
  assert.match(await res.text(), /not available on this server yet/);
});

Deno.test("api keys: create validates, shows the secret once, the key works as a bearer, and revokes", async () => {
  using kv = await memoryKv();
  const h = await harness(kv);
  const form = {
    csrf: h.csrf,
    name: "CI deploys",
    scopes: ["xano:read", "xano:deploy"],
    expiry: "30d",
  };
  assert.equal((await h.post("/dashboard/api-keys", { ...form, csrf: "" })).status, 403);
  assert.equal(
    (await h.post("/dashboard/api-keys", form, { origin: "https://evil.example" })).status,
    403,
  );
  const badScope = await h.post("/dashboard/api-keys", { ...form, scopes: "root" });
  assert.equal(badScope.status, 400);
  assert.match(await badScope.text(), /Unknown scope/);
  assert.equal((await h.post("/dashboard/api-keys", { ...form, name: " " })).status, 400);
  assert.equal((await h.post("/dashboard/api-keys", { ...form, expiry: "forever" })).status, 400);
  assert.doesNotMatch(await (await h.get("/dashboard/api-keys")).text(), /Revoke key/);

  const created = await h.post("/dashboard/api-keys", form);
  assert.equal(created.status, 201);
  const html = await created.text();
  const secret = /id="new-key" class="mono" type="text" readonly value="([^"]+)"/.exec(html)?.[1];
  assert.match(secret ?? "", /^xmcp_ak_/);
  assert.match(html, /will not be shown again/);
  const grant = await (await import("../../lib/auth/api_keys.ts")).createApiKeyStore({
    kv,
    clock: h.clock,
    ids: () => "unused",
  }).verify(secret!);
  assert.deepEqual(grant?.scopes, ["xano:read", "xano:deploy"]);
  assert.equal(grant?.expiresAt, h.clock.now() + 30 * 86_400_000);

  const list = await (await h.get("/dashboard/api-keys")).text();
  assert.match(list, /CI deploys/);
  assert.ok(!list.includes(secret!), "the secret is not shown again");
  assert.ok(list.includes(`…${secret!.slice(-4)}`), "the hint is shown");
  const revokeUrl = /action="(\/dashboard\/api-keys\/[^"]+\/revoke)"/.exec(list)?.[1];
  assert.ok(revokeUrl);
  const revoked = await h.post(revokeUrl!, { csrf: h.csrf });
  assert.equal(revoked.status, 303);
  assert.equal(revoked.headers.get("location"), "/dashboard/api-keys?notice=key-revoked");
  const again = await h.post(revokeUrl!, { csrf: h.csrf });
  assert.equal(again.headers.get("location"), "/dashboard/api-keys?notice=key-missing");
  assert.match(
    await (await h.get("/dashboard/api-keys?notice=key-missing")).text(),
    /no longer exists/,
  );
});

Deno.test("connections: a client connected through OAuth is listed with its access and can be revoked", async () => {
  using kv = await memoryKv();
  const h = await harness(kv);
  await connectClient(h, "Claude");
  await h.audit.record({
    userId: h.userId,
    clientId: (await listGrants(kv, h.userId))[0]!.clientId,
    clientName: "Claude",
    tool: "xano_list_tables",
    args: {},
    ok: true,
    durationMs: 5,
  });
  const html = await (await h.get("/dashboard/connections")).text();
  for (
    const text of [
      "Claude",
      "127.0.0.1:3999",
      "read-only",
      "tables, records",
      "xano:read",
      "2026-11-20 12:00 UTC",
    ]
  ) {
    assert.ok(html.includes(text), text);
  }
  const grantId = /action="\/dashboard\/connections\/([^"]+)\/revoke"/.exec(html)?.[1];
  assert.ok(grantId);
  assert.equal(
    (await h.post(`/dashboard/connections/${grantId}/revoke`, { csrf: "nope" })).status,
    403,
  );
  const res = await h.post(`/dashboard/connections/${grantId}/revoke`, { csrf: h.csrf });
  assert.equal(res.status, 303);
  assert.deepEqual(await listGrants(kv, h.userId), []);
  const after = await (await h.get("/dashboard/connections?notice=connection-revoked")).text();
  assert.match(after, /Access revoked/);
  assert.doesNotMatch(after, /127\.0\.0\.1:3999/);
});

Deno.test("playground: the island is server-rendered with the compiled sample, deploy disabled without a deploy service", async () => {
  using kv = await memoryKv();
  const h = await harness(kv);
  const html = await (await h.get("/dashboard/playground")).text();
  assert.match(html, /data-island="Playground"/);
  assert.match(html, /<textarea[^>]*name="code"/);
  assert.match(html, /query &quot;get-product&quot; verb=GET|query "get-product" verb=GET/);
  assert.match(html, /Valid XanoScript/);
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

Deno.test("playground: deploy lists the user's targets and goes through the deploy port", async () => {
  using kv = await memoryKv();
  const calls: unknown[] = [];
  const h = await harness(kv, {
    web: {
      deploy: {
        targets: () =>
          Promise.resolve([{
            workspaceId: 1,
            workspaceName: "Demo",
            apiGroups: [{ id: 7, name: "Shop" }],
          }]),
        deploy(userId, input) {
          calls.push([userId, input]);
          return Promise.resolve({
            ok: true,
            message: "Deployed",
            endpointUrl: "http://x/api:demo/get-product",
          });
        },
      },
    },
  });
  const page = await (await h.get("/dashboard/playground")).text();
  assert.match(page, /<optgroup label="Demo"><option value="1:7">Shop \(API group 7\)<\/option>/);
  assert.match(page, /<button type="submit" class="button">Deploy to Xano/);
  const empty = await h.post("/dashboard/playground/deploy", {
    csrf: h.csrf,
    code: "  ",
    target: "1:7",
  });
  assert.equal(empty.status, 422);
  const noTarget = await h.post("/dashboard/playground/deploy", {
    csrf: h.csrf,
    code: "x",
    target: "x",
  });
  assert.equal(noTarget.status, 422);
  assert.match(await noTarget.text(), /Choose where to deploy/);
  const res = await h.post("/dashboard/playground/deploy", {
    csrf: h.csrf,
    code: "create('a','GET')",
    target: "1:7",
  });
  assert.equal(res.status, 200);
  const html = await res.text();
  assert.match(html, /api:demo\/get-product/);
  assert.match(html, /<option value="1:7" selected/);
  await h.post("/dashboard/playground/deploy", { csrf: h.csrf, code: "create('t')", target: "1:" });
  assert.deepEqual(calls, [
    [h.userId, { code: "create('a','GET')", workspaceId: 1, apiGroupId: 7 }],
    [h.userId, { code: "create('t')", workspaceId: 1 }],
  ]);
  const big = await h.post("/dashboard/playground/deploy", {
    csrf: h.csrf,
    code: "x".repeat(200_000),
  });
  assert.equal(big.status, 413);
  assert.match(await big.text(), /larger than 128 KB/);
});

Deno.test("playground: when Xano cannot be listed the page says why and disables deploy", async () => {
  using kv = await memoryKv();
  const h = await harness(kv, {
    web: {
      deploy: {
        targets: () => Promise.reject(new UpstreamError("Xano is not reachable")),
        deploy: () => Promise.reject(new Error("unused")),
      },
    },
  });
  const page = await (await h.get("/dashboard/playground")).text();
  assert.match(page, /Cannot list your workspaces: Xano is not reachable/);
  assert.match(page, /<button type="submit" class="button" disabled/);
});

Deno.test("docs: public, and the tool reference is generated from the MCP tool inventory", async () => {
  using kv = await memoryKv();
  const h = await harness(kv);
  const html = await (await h.anonymous("/dashboard/docs")).text();
  for (const tool of XANO_TOOLS) {
    assert.ok(html.includes(`id="tool-${tool.name}"`), tool.name);
  }
  assert.match(html, new RegExp(`${XANO_TOOLS.length} tools in \\d+\\s*(<!-- -->)?\\s*toolsets`));
  const del = html.slice(html.indexOf('id="tool-xano_delete_table"'));
  assert.match(del.slice(0, 400), /destructive/);
  assert.match(html, /id="ts-records"/);
  assert.match(html, /Table rows: browse, search/);
  assert.match(html, /<code>table_id<\/code>/, "input parameters come from the zod schemas");
});

Deno.test("dashboard: unknown pages and failures render HTML error pages, not JSON or stacks", async () => {
  using kv = await memoryKv();
  const h = await harness(kv);
  const missing = await h.get("/dashboard/nope");
  assert.equal(missing.status, 404);
  assert.match(missing.headers.get("content-type") ?? "", /text\/html/);
  assert.match(await missing.text(), /Page not found/);
  const broken = await harness(kv, {
    web: {
      xano: {
        status: () => Promise.reject(new Error("exploded at secret place")),
        refresh: () => Promise.reject(new Error("x")),
      },
    },
  });
  const res = await broken.get("/dashboard");
  assert.equal(res.status, 500);
  const html = await res.text();
  assert.match(html, /Something went wrong/);
  assert.doesNotMatch(html, /exploded|secret place/);
});
