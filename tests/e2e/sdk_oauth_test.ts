import assert from "node:assert/strict";
import { Client, StreamableHTTPClientTransport } from "../../mcp/sdk.ts";
import { memoryKv } from "../_helpers.ts";
import { type Browser, harness, hiddenFields, REDIRECT } from "../lib/auth/_harness.ts";
import { testMcpRoutes } from "./_test_mcp.ts";

/** An in-memory OAuthClientProvider, as a CLI would implement it. */
class MemoryProvider {
  redirectUrl = REDIRECT;
  clientMetadata = {
    redirect_uris: [REDIRECT],
    client_name: "SDK OAuth test",
    token_endpoint_auth_method: "none",
    grant_types: ["authorization_code", "refresh_token"],
    response_types: ["code"],
  };
  #client: unknown;
  #tokens: { access_token: string; token_type: string; refresh_token?: string } | undefined;
  #verifier = "";
  authorizationUrl: URL | undefined;
  state(): string {
    return "sdk-state-1";
  }
  clientInformation() {
    return this.#client as { client_id: string } | undefined;
  }
  saveClientInformation(info: unknown): void {
    this.#client = info;
  }
  tokens() {
    return this.#tokens;
  }
  saveTokens(tokens: { access_token: string; token_type: string; refresh_token?: string }): void {
    this.#tokens = tokens;
  }
  redirectToAuthorization(url: URL): void {
    this.authorizationUrl = url;
  }
  saveCodeVerifier(verifier: string): void {
    this.#verifier = verifier;
  }
  codeVerifier(): string {
    return this.#verifier;
  }
}

/** What a person does in the browser: sign in, approve, and hand back the code. */
async function approveInBrowser(browser: Browser, url: URL): Promise<URL> {
  const start = await browser.request(url.pathname + url.search);
  assert.equal(start.status, 303, await start.clone().text());
  const page = await browser.request(start.headers.get("location")!);
  const signedIn = await browser.post("/signin", {
    ...hiddenFields(await page.text()),
    method: "password",
    email: "demo@example.com",
    password: "demo1234",
  });
  const consent = await browser.request(signedIn.headers.get("location")!);
  const done = await browser.post("/consent", {
    ...hiddenFields(await consent.text()),
    decision: "approve",
    toolsets: ["tables", "records"],
  });
  assert.equal(done.status, 303);
  return new URL(done.headers.get("location")!);
}

Deno.test("e2e: the SDK client's OAuth provider completes DCR, authorize, token, tool call and refresh", async () => {
  using kv = await memoryKv();
  let handler: Deno.ServeHandler = () => new Response("starting", { status: 503 });
  await using server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    (req, info) => handler(req, info),
  );
  const origin = `http://127.0.0.1:${server.addr.port}`;
  const h = await harness(kv, { env: { PUBLIC_URL: origin } });
  const mcp = testMcpRoutes(h.auth.verifier, h.auth.urls);
  const seen: string[] = [];
  handler = async (req, info) => {
    const url = new URL(req.url);
    const body = req.method === "POST" && url.pathname === "/token" ? await req.clone().text() : "";
    const res = url.pathname === "/mcp" ? await mcp.fetch(req, info) : await h.app.fetch(req, info);
    seen.push(
      `${req.method} ${url.pathname}${
        body ? ` ${new URLSearchParams(body).get("grant_type")}` : ""
      } ${res.status}`,
    );
    return res;
  };

  const provider = new MemoryProvider();
  const first = new StreamableHTTPClientTransport(new URL(`${origin}/mcp`), {
    authProvider: provider,
  });
  const client = new Client({ name: "sdk-oauth-test", version: "1.0.0" });
  await assert.rejects(
    client.connect(first),
    (error: Error) => error.constructor.name === "UnauthorizedError",
  );
  assert.ok(provider.authorizationUrl, "the SDK sent the user to /authorize");
  const authorize = provider.authorizationUrl!;
  assert.equal(authorize.searchParams.get("resource"), `${origin}/mcp`);
  assert.equal(authorize.searchParams.get("code_challenge_method"), "S256");
  assert.equal(authorize.searchParams.get("scope"), "xano:read xano:write xano:deploy");

  const callback = await approveInBrowser(h.browser, authorize);
  assert.equal(callback.searchParams.get("iss"), origin);
  assert.equal(callback.searchParams.get("state"), "sdk-state-1");
  await first.finishAuth(callback.searchParams.get("code")!);
  assert.match(provider.tokens()!.access_token, /^xmcp_at_/);

  const transport = new StreamableHTTPClientTransport(new URL(`${origin}/mcp`), {
    authProvider: provider,
  });
  const connected = new Client({ name: "sdk-oauth-test", version: "1.0.0" });
  await connected.connect(transport);
  const result = await connected.callTool({ name: "whoami", arguments: {} });
  const grant = JSON.parse((result.content as { text: string }[])[0].text);
  assert.deepEqual(grant.scopes, ["xano:read", "xano:write", "xano:deploy"]);
  assert.deepEqual(grant.toolsets, ["tables", "records"]);
  assert.equal(grant.clientId, provider.clientInformation()!.client_id);

  const before = provider.tokens()!;
  h.clock.advance(3_600_000 + 1);
  const after = await connected.callTool({ name: "touch", arguments: { what: "x" } });
  assert.equal((after.content as { text: string }[])[0].text, "touched x");
  assert.notEqual(provider.tokens()!.access_token, before.access_token, "refreshed");
  assert.notEqual(provider.tokens()!.refresh_token, before.refresh_token, "rotated");
  await connected.close();

  assert.ok(seen.includes("POST /register 201"), seen.join("\n"));
  assert.ok(seen.includes("GET /.well-known/oauth-protected-resource/mcp 200"));
  assert.ok(seen.includes("GET /.well-known/oauth-authorization-server 200"));
  assert.ok(seen.includes("POST /token authorization_code 200"));
  assert.ok(seen.includes("POST /token refresh_token 200"), seen.join("\n"));
});
