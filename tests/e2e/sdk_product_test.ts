import assert from "node:assert/strict";
import { createApp } from "../../lib/app.ts";
import { manualClock, sequentialIds } from "../../lib/clock.ts";
import { createSandbox } from "../../lib/sandbox/mod.ts";
import { createXanoAuthenticator } from "../../lib/xano/authenticator.ts";
import { createXanoRuntime } from "../../lib/xano/mod.ts";
import { Client, StreamableHTTPClientTransport } from "../../mcp/sdk.ts";
import { memoryKv, testConfig, testDeps } from "../_helpers.ts";
import { Browser, hiddenFields, REDIRECT } from "../lib/auth/_harness.ts";

type Tokens = { access_token: string; token_type: string; refresh_token?: string };

/** An in-memory OAuthClientProvider. */
class MemoryProvider {
  redirectUrl = REDIRECT;
  clientMetadata = {
    redirect_uris: [REDIRECT],
    client_name: "SDK product test",
    token_endpoint_auth_method: "none",
    grant_types: ["authorization_code", "refresh_token"],
    response_types: ["code"],
  };
  #client: unknown;
  #tokens: Tokens | undefined;
  #verifier = "";
  authorizationUrl: URL | undefined;
  state = () => "product-state";
  clientInformation = () => this.#client as { client_id: string } | undefined;
  saveClientInformation = (info: unknown) => void (this.#client = info);
  tokens = () => this.#tokens;
  saveTokens = (tokens: Tokens) => void (this.#tokens = tokens);
  redirectToAuthorization = (url: URL) => void (this.authorizationUrl = url);
  saveCodeVerifier = (verifier: string) => void (this.#verifier = verifier);
  codeVerifier = () => this.#verifier;
}

Deno.test("e2e: SDK client against the product /mcp: sandbox sign-in, consent, Xano tool call, refresh", async () => {
  using kv = await memoryKv();
  let handler: Deno.ServeHandler = () => new Response(null, { status: 503 });
  await using server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    (req, info) => handler(req, info),
  );
  const origin = `http://127.0.0.1:${server.addr.port}`;
  const clock = manualClock(Date.now());
  const sandbox = createSandbox({ kv, clock, basePath: "/_sandbox" });
  await sandbox.ready();
  const urls = sandbox.urls(origin);
  const sandboxFetch = (request: Request) => sandbox.fetch(request);
  const base = await testDeps(kv, {
    config: testConfig({ PUBLIC_URL: origin }),
    clock,
    ids: sequentialIds("id"),
  });
  const xano = createXanoRuntime({ kv, sealer: base.sealer, clock, fetch: sandboxFetch });
  const app = createApp({
    ...base,
    sandbox,
    credentials: xano.credentials,
    authenticator: createXanoAuthenticator({
      fetch: sandboxFetch,
      clock,
      authUrl: urls.auth,
      metaUrl: urls.meta,
    }),
    // XanoClient and the MCP layer's XanoApi differ in declared types only (instances lack `id`).
    mcp: { xanoFor: (userId) => Promise.resolve(xano.clientFor(userId) as never) },
    authTimes: { accessMs: 60_000 },
  });
  const seen: string[] = [];
  handler = async (req, info) => {
    const res = await app.fetch(req, info);
    seen.push(`${req.method} ${new URL(req.url).pathname} ${res.status}`);
    return res;
  };

  const provider = new MemoryProvider();
  const first = new StreamableHTTPClientTransport(new URL(`${origin}/mcp`), {
    authProvider: provider,
  });
  await assert.rejects(
    new Client({ name: "product-test", version: "1.0.0" }).connect(first),
    (error: Error) => error.constructor.name === "UnauthorizedError",
  );
  const browser = new Browser(app);
  const authorize = provider.authorizationUrl!;
  const start = await browser.request(authorize.pathname + authorize.search);
  const page = await browser.request(start.headers.get("location")!);
  const signedIn = await browser.post("/signin", {
    ...hiddenFields(await page.text()),
    method: "password",
    email: "demo@example.com",
    password: "demo1234",
  });
  assert.equal(signedIn.status, 303, await signedIn.clone().text());
  const consent = await browser.request(signedIn.headers.get("location")!);
  const done = await browser.post("/consent", {
    ...hiddenFields(await consent.text()),
    decision: "approve",
    read_only: "on",
    toolsets: ["instances", "tables", "schema"],
  });
  const callback = new URL(done.headers.get("location")!);
  await first.finishAuth(callback.searchParams.get("code")!);

  const client = new Client({ name: "product-test", version: "1.0.0" });
  const transport = new StreamableHTTPClientTransport(new URL(`${origin}/mcp`), {
    authProvider: provider,
  });
  await client.connect(transport);
  const tools = (await client.listTools()).tools.map((tool) => tool.name);
  assert.ok(tools.includes("xano_list_tables"), tools.join(", "));
  assert.ok(!tools.includes("xano_create_table"), "read-only grant hides write tools");
  const tables = await client.callTool({
    name: "xano_list_tables",
    arguments: { workspace_id: 1 },
  });
  assert.notEqual(tables.isError, true, JSON.stringify(tables));
  assert.match(JSON.stringify(tables.content), /users/);

  const before = provider.tokens()!;
  clock.advance(61_000);
  const again = await client.callTool({ name: "xano_list_tables", arguments: { workspace_id: 1 } });
  assert.notEqual(again.isError, true, JSON.stringify(again));
  assert.notEqual(provider.tokens()!.refresh_token, before.refresh_token, "refreshed and rotated");
  // End the session (DELETE) so the server closes its event stream before shutdown.
  await transport.terminateSession();
  await client.close();
  assert.ok(seen.filter((line) => line === "POST /token 200").length >= 2, seen.join("\n"));
});
