/** Hand-written fetch fakes for the Xano client tests: real Request/Response objects. */

import { createXanoClient, type XanoClient } from "../../../lib/xano/client.ts";
import { createXanoResilience, type ResilienceOptions } from "../../../lib/xano/resilience.ts";
import type { XanoCredential } from "../../../lib/xano/types.ts";

/** A request as the fake saw it. */
export interface Seen {
  readonly method: string;
  readonly url: URL;
  readonly headers: Headers;
  readonly body: string;
}

/** A fetch that answers with `handler` and records every request. */
export function fakeFetch(
  handler: (seen: Seen, index: number) => Response | Promise<Response>,
): { fetch: (request: Request) => Promise<Response>; seen: Seen[] } {
  const seen: Seen[] = [];
  return {
    seen,
    async fetch(request) {
      const entry = {
        method: request.method,
        url: new URL(request.url),
        headers: request.headers,
        body: await request.text(),
      };
      seen.push(entry);
      return handler(entry, seen.length - 1);
    },
  };
}

/** A JSON response. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}

/** A token credential for `https://x.test/api:meta`. */
export const TOKEN: XanoCredential = {
  kind: "token",
  metaUrl: "https://x.test/api:meta",
  metaToken: "meta-secret",
  obtainedAt: 0,
};

/** Fast resilience settings for tests. */
export const FAST: ResilienceOptions = {
  timeoutMs: 200,
  baseDelayMs: 1,
  maxDelayMs: 4,
  halfOpenAfterMs: 40,
  breakerThreshold: 3,
  random: () => 0.5,
};

/** A client over `fetch` with fast settings. */
export function fakeClient(
  fetch: (request: Request) => Promise<Response>,
  options: ResilienceOptions = {},
): XanoClient {
  return createXanoClient({
    fetch,
    credentials: TOKEN,
    resilience: createXanoResilience({ ...FAST, ...options }),
  });
}

/** An error shaped like Deno's fetch failure before a connection was made. */
export function connectError(): TypeError {
  return new TypeError("fetch failed", {
    cause: new Error(
      "error sending request for url (https://x.test/): client error (Connect): tcp connect error: Connection refused (os error 111)",
    ),
  });
}

/** An error shaped like Deno's fetch failure after the request was written. */
export function droppedError(): TypeError {
  return new TypeError("fetch failed", {
    cause: new Error(
      "error sending request for url (https://x.test/): client error (SendRequest): connection closed before message completed",
    ),
  });
}
