import assert from "node:assert/strict";
import { createClientStore } from "../../../lib/auth/clients.ts";
import { redirectPolicy } from "../../../lib/auth/redirect_uris.ts";
import { manualClock, sequentialIds } from "../../../lib/clock.ts";
import { memoryKv } from "../../_helpers.ts";
import { harness, hiddenFields, ORIGIN } from "./_harness.ts";

const DOC_URL = "https://client.example/oauth/metadata.json";
const doc = {
  client_id: DOC_URL,
  client_name: "Doc Client",
  redirect_uris: ["http://127.0.0.1:7777/callback"],
  token_endpoint_auth_method: "none",
};

function fakeFetch(respond: (url: string, init?: RequestInit) => Response) {
  const calls: string[] = [];
  const fetch = ((input: string | URL | Request, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    calls.push(url);
    return Promise.resolve(respond(url, init));
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

function store(
  kv: Deno.Kv,
  fetch: typeof globalThis.fetch,
  resolve: Record<string, string[]> = {},
  timeoutMs?: number,
) {
  const clock = manualClock();
  return {
    clock,
    clients: createClientStore({
      kv,
      clock,
      ids: sequentialIds("c"),
      fetch,
      resolveHost: (host) => Promise.resolve(resolve[host] ?? ["93.184.216.34"]),
      redirects: redirectPolicy({ extra: [] }),
      allowLoopback: false,
      ...(timeoutMs ? { timeoutMs } : {}),
    }),
  };
}

Deno.test("cimd: fetches, validates and caches a client metadata document", async () => {
  using kv = await memoryKv();
  const { fetch, calls } = fakeFetch((_url, init) => {
    assert.equal(init?.redirect, "manual");
    assert.ok(init?.signal, "the fetch has a time limit");
    return Response.json(doc, { headers: { "cache-control": "max-age=600" } });
  });
  const { clients, clock } = store(kv, fetch);
  const client = await clients.get(DOC_URL);
  assert.equal(client?.clientName, "Doc Client");
  assert.deepEqual(client?.redirectUris, doc.redirect_uris);
  assert.equal(client?.tokenEndpointAuthMethod, "none");
  await clients.get(DOC_URL);
  assert.equal(calls.length, 1, "cached");
  clock.advance(601_000);
  await clients.get(DOC_URL);
  assert.equal(calls.length, 2, "refetched after max-age");
});

Deno.test("cimd: refuses mismatched, oversized, redirected, private and malformed documents", async () => {
  using kv = await memoryKv();
  const cases: [string, (url: string) => Response, RegExp, Record<string, string[]>?][] = [
    [
      DOC_URL,
      () => Response.json({ ...doc, client_id: "https://other.example/x" }),
      /must equal the document URL/,
    ],
    [
      DOC_URL,
      () => Response.json({ ...doc, redirect_uris: ["https://evil.example/cb"] }),
      /not an allowed redirect URI/,
    ],
    [DOC_URL, () => Response.json({ ...doc, redirect_uris: [] }), /non-empty array/],
    [
      DOC_URL,
      () => Response.json({ ...doc, token_endpoint_auth_method: "client_secret_post" }),
      /not supported/,
    ],
    [DOC_URL, () => Response.json({ ...doc, client_secret: "x" }), /must not contain/],
    [DOC_URL, () => Response.json({ ...doc, padding: "x".repeat(9000) }), /larger than/],
    [
      DOC_URL,
      () => new Response(null, { status: 302, headers: { location: "http://10.0.0.1/" } }),
      /HTTP 302/,
    ],
    [DOC_URL, () => new Response("not json", { status: 200 }), /not a JSON object/],
    [DOC_URL, () => new Response("nope", { status: 404 }), /HTTP 404/],
    ["http://client.example/oauth/metadata.json", () => Response.json(doc), /must use https/],
    [DOC_URL, () => Response.json(doc), /private or reserved/, {
      "client.example": ["192.168.0.10"],
    }],
  ];
  for (const [url, respond, message, resolve] of cases) {
    const { fetch } = fakeFetch(respond);
    const { clients } = store(kv, fetch, resolve);
    await assert.rejects(clients.get(url), (error: Error & { oauthCode?: string }) => {
      assert.equal(error.oauthCode, "invalid_client");
      assert.match(error.message, message);
      return true;
    });
  }
});

Deno.test("cimd: a stalled server times out instead of hanging the request", async () => {
  using kv = await memoryKv();
  const fetch = ((_url: string, init?: RequestInit) =>
    new Promise((_resolve, reject) => {
      init?.signal?.addEventListener("abort", () =>
        reject(new DOMException("timed out", "TimeoutError")));
    })) as typeof globalThis.fetch;
  const { clients } = store(kv, fetch, {}, 50);
  await assert.rejects(clients.get(DOC_URL), /did not answer in time/);
});

Deno.test("cimd: a metadata-document client can authorize through the app", async () => {
  using kv = await memoryKv();
  const { fetch } = fakeFetch(() => Response.json(doc));
  const { browser } = await harness(kv, { fetch });
  const params = new URLSearchParams({
    response_type: "code",
    client_id: DOC_URL,
    redirect_uri: "http://127.0.0.1:7777/callback",
    code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
    code_challenge_method: "S256",
    state: "s",
  });
  const start = await browser.request(`/authorize?${params}`);
  assert.equal(start.status, 303);
  const page = await browser.request(start.headers.get("location")!);
  assert.match(await page.clone().text(), /Doc Client/);
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
    toolsets: "tables",
  });
  const back = new URL(done.headers.get("location")!);
  assert.equal(back.searchParams.get("iss"), ORIGIN);
  assert.ok(back.searchParams.get("code"));
});
