/** Shared fixtures for sandbox tests: an in-memory sandbox and a tiny client. */

import { type ManualClock, manualClock, sequentialIds } from "../../../lib/clock.ts";
import { createSandbox, type Sandbox, type SandboxOptions } from "../../../lib/sandbox/mod.ts";

/** A sandbox in memory with a manual clock and sequential ids. */
export function testSandbox(
  options: Partial<SandboxOptions> = {},
): { sandbox: Sandbox; clock: ManualClock } {
  const clock = manualClock();
  const sandbox = createSandbox({
    clock,
    ids: sequentialIds("guid"),
    tokenTtlMs: 3_600_000,
    ...options,
  });
  return { sandbox, clock };
}

/** A response with its parsed body. */
export interface Reply {
  readonly status: number;
  readonly headers: Headers;
  // deno-lint-ignore no-explicit-any
  readonly body: any;
}

/** Calls the sandbox in process. `body` strings are sent as-is (set the content type). */
export async function call(
  sandbox: Sandbox,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (typeof options.body === "string") body = options.body;
  else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers["content-type"] ??= "application/json";
  }
  const res = await sandbox.fetch(
    new Request(`http://sandbox.test${path}`, { method, headers, body }),
  );
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, headers: res.headers, body: parsed };
}

/** Signs in as the demo user and returns the auth token and Metadata API key. */
export async function signIn(sandbox: Sandbox): Promise<{ authToken: string; apiKey: string }> {
  const login = await call(sandbox, "POST", "/api:auth/auth/login", {
    body: { email: "demo@example.com", password: "demo1234" },
  });
  if (login.status !== 200) throw new Error(`login failed: ${login.status}`);
  const me = await call(sandbox, "GET", "/api:auth/auth/me", { token: login.body.authToken });
  return { authToken: login.body.authToken, apiKey: me.body.api_key };
}

/** A sandbox plus a full-scope Metadata token. */
export async function metaSandbox(options: Partial<SandboxOptions> = {}) {
  const { sandbox, clock } = testSandbox(options);
  const token = await sandbox.issueToken();
  const meta = (
    method: string,
    path: string,
    extra: { body?: unknown; headers?: Record<string, string> } = {},
  ) => call(sandbox, method, `/api:meta${path}`, { token, ...extra });
  return { sandbox, clock, token, meta };
}
