/**
 * The local Xano sandbox: a test double of Xano's Metadata API
 * (`<base>/api:meta`) and of an auth API group (`<base>/api:auth`), with
 * Xano's paths, envelopes, status codes and error bodies, seeded demo data,
 * and fault injection. State lives in Deno KV (under `["sandbox", …]`) or, by
 * default, in memory.
 *
 * Call it in process through {@link Sandbox.fetch} (no port; a dropped
 * connection rejects like a network error) or serve {@link Sandbox.app}
 * (a dropped connection is aborted mid-response).
 *
 * @example
 * ```ts
 * const sandbox = createSandbox({ clock: systemClock });
 * const login = await sandbox.fetch(new Request("http://sandbox/api:auth/auth/login", {
 *   method: "POST",
 *   headers: { "content-type": "application/json" },
 *   body: JSON.stringify({ email: "demo@example.com", password: "demo1234" }),
 * }));
 * const { authToken } = await login.json();
 * ```
 * @module
 */

import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { Clock, IdGenerator } from "../clock.ts";
import { randomId } from "../clock.ts";
import { randomToken } from "../crypto.ts";
import type { Logger } from "../log.ts";
import { normaliseEmail } from "./accounts.ts";
import { adminRoutes } from "./admin.ts";
import type { SandboxContext, SandboxEnv } from "./context.ts";
import { createDb } from "./db.ts";
import { badRequest, notFound, XanoError, xanoErrorResponse } from "./errors.ts";
import { createFaultController, type FaultController, type FaultSpec } from "./faults.ts";
import { MAX_BODY_BYTES } from "./http.ts";
import type { Scopes } from "./model.ts";
import { authApiRoutes } from "./routes/auth_api.ts";
import { metaApiRoutes, type RouteModule } from "./routes/meta.ts";
import { seedSandbox } from "./seed.ts";
import { kvStore, memoryStore } from "./store.ts";
import { createLock, DROP_HEADER, faultPipeline } from "./pipeline.ts";
import { issueToken } from "./tokens.ts";
import { validatorGate, type XanoScriptGate } from "./xanoscript.ts";

export { FaultSpecError, parseFaultSpec } from "./faults.ts";
export type { FaultController, FaultSpec } from "./faults.ts";
export type { XanoScriptGate } from "./xanoscript.ts";

/** Options of {@link createSandbox}. */
export interface SandboxOptions {
  /** Keep state in this KV (under `["sandbox", …]`); in memory when absent. */
  readonly kv?: Deno.Kv;
  readonly clock: Clock;
  /** Ids for guids and canonicals (default random UUIDs). */
  readonly ids?: IdGenerator;
  /** Secrets for tokens (default 32 random bytes, base64url). */
  readonly secret?: () => string;
  /** The demo account (default `demo@example.com` / `demo1234`). */
  readonly demoEmail?: string;
  readonly demoPassword?: string;
  /** Lifetime of auth and Metadata tokens (default 24 h). */
  readonly tokenTtlMs?: number;
  /** Initial faults, as a spec string or parsed spec (default none). */
  readonly faults?: string | FaultSpec;
  /** Seed of the demo data (default 1). */
  readonly seed?: number;
  /** Path prefix, e.g. `/_sandbox` when mounted in the app (default none). */
  readonly basePath?: string;
  /** Whether the `_admin` routes exist (default true). */
  readonly admin?: boolean;
  /** Which XanoScript the create/update routes accept (default: what `lib/xs` validates). */
  readonly xs?: XanoScriptGate;
  /** How latency is waited for (default `setTimeout`); tests can record instead. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Where unexpected errors are logged. */
  readonly logger?: Logger;
  /** Route modules added to the Metadata API after the built-in ones. */
  readonly routes?: readonly RouteModule[];
}

/** Options of {@link Sandbox.issueToken}. */
export interface IssueTokenOptions {
  /** Account (default: the demo account). */
  readonly email?: string;
  /** Rights per area (default: all). */
  readonly scopes?: Scopes;
  readonly ttlMs?: number;
}

/** A running sandbox. */
export interface Sandbox {
  /** The Hono app; its routes start at `basePath`. */
  readonly app: Hono;
  /** Answers a request in process; a dropped connection rejects with a `TypeError`. */
  fetch(request: Request): Promise<Response>;
  readonly faults: FaultController;
  /** Seeds the store if needed; every request awaits it too. */
  ready(): Promise<void>;
  /** Mints a Metadata API token directly (tests, CLI). */
  issueToken(options?: IssueTokenOptions): Promise<string>;
  /** Expires every token (or every token of one kind) now; returns how many there were. */
  expireTokens(kind?: "auth" | "meta"): Promise<number>;
  /** Wipes the state and seeds again. */
  reset(): Promise<void>;
  /** The Metadata and auth API base URLs under `origin`. */
  urls(origin: string): { meta: string; auth: string };
}

/**
 * Creates a sandbox. Nothing is written until the first request (or
 * {@link Sandbox.ready}) seeds the store.
 */
export function createSandbox(options: SandboxOptions): Sandbox {
  const basePath = (options.basePath ?? "").replace(/\/+$/, "");
  const faults = createFaultController(options.faults ?? "");
  const db = createDb(options.kv ? kvStore(options.kv) : memoryStore());
  const ttl = options.tokenTtlMs ?? 24 * 3_600_000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const ctx: SandboxContext = {
    db,
    clock: options.clock,
    faults,
    ids: options.ids ?? randomId,
    secret: options.secret ?? (() => randomToken()),
    tokenTtlMs: (kind) =>
      (kind === "meta" ? faults.spec.metaTokenTtlMs : undefined) ?? faults.spec.tokenTtlMs ?? ttl,
    demo: {
      email: options.demoEmail ?? "demo@example.com",
      password: options.demoPassword ?? "demo1234",
    },
    xs: options.xs ?? validatorGate(),
    basePath,
  };
  const lock = createLock();
  let seeding: Promise<void> | undefined;
  const ready = () => (seeding ??= seedSandbox(ctx, options.seed ?? 1).catch((error) => {
    seeding = undefined;
    throw error;
  }));
  const onUnexpected = (error: unknown) =>
    options.logger?.error("sandbox: unexpected error", {
      error: error instanceof Error ? error : String(error),
    });

  const app = new Hono<SandboxEnv>().basePath(basePath || "/");
  app.onError((error) => xanoErrorResponse(error, onUnexpected));
  app.notFound((c) =>
    xanoErrorResponse(
      notFound(`Unable to locate request: no route for ${c.req.method} ${c.req.path}`),
    )
  );
  app.use(bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () =>
      xanoErrorResponse(
        new XanoError(
          413,
          "ERROR_CODE_BAD_REQUEST",
          `Request body is larger than ${MAX_BODY_BYTES} bytes`,
        ),
      ),
  }));

  for (const api of ["/api:meta/*", "/api:auth/*"]) {
    app.use(api, faultPipeline({ faults, lock, ready, sleep }));
  }
  app.route("/api:meta", metaApiRoutes(ctx, options.routes));
  app.route("/api:auth", authApiRoutes(ctx));

  async function issue(
    opts: IssueTokenOptions = {},
  ): Promise<{ token: string; expires_at: number }> {
    await ready();
    return lock.run(async () => {
      const email = normaliseEmail(opts.email ?? ctx.demo.email);
      const accountId = await db.accountsByEmail.get(email);
      if (accountId === null) throw badRequest(`No sandbox account has the email "${email}"`);
      const issued = await issueToken(ctx, {
        kind: "meta",
        accountId,
        ttlMs: opts.ttlMs ?? ctx.tokenTtlMs("meta"),
        scopes: opts.scopes,
      });
      await db.commit([issued.mutation]);
      return { token: issued.token, expires_at: issued.record.expires_at };
    });
  }

  async function expireTokens(kind?: "auth" | "meta"): Promise<number> {
    await ready();
    return lock.run(async () => {
      const now = options.clock.now();
      const tokens = (await db.tokens.entries()).filter(([, t]) => !kind || t.kind === kind);
      const accounts = await db.accounts.list();
      await db.commit([
        ...tokens.map(([hash, record]) =>
          db.tokens.set(hash, { ...record, expires_at: Math.min(record.expires_at, now) })
        ),
        ...(kind === "auth" ? [] : accounts).map((a) =>
          db.accounts.set(a.id, { ...a, api_key: undefined, api_key_expires_at: undefined })
        ),
      ]);
      return tokens.length;
    });
  }

  async function reset(): Promise<void> {
    await lock.run(async () => {
      await db.store.clear();
      seeding = undefined;
    });
    await ready();
  }

  if (options.admin ?? true) {
    app.route("/_admin", adminRoutes({ faults, issueToken: issue, expireTokens, reset }));
  }
  app.all("*", (c) => {
    throw notFound(`Unable to locate request: no route for ${c.req.method} ${c.req.path}`);
  });

  return {
    app: app as unknown as Hono,
    faults,
    ready,
    async fetch(request) {
      const response = await app.fetch(request);
      if (response.headers.get(DROP_HEADER) === "drop") {
        await response.body?.cancel().catch(() => {});
        throw new TypeError("error sending request: connection closed before message completed");
      }
      return response;
    },
    issueToken: async (opts) => (await issue(opts)).token,
    expireTokens,
    reset,
    urls: (origin) => ({
      meta: `${origin.replace(/\/+$/, "")}${basePath}/api:meta`,
      auth: `${origin.replace(/\/+$/, "")}${basePath}/api:auth`,
    }),
  };
}

/**
 * A fetch that answers requests for the sandbox's own URLs under `origin` in
 * process (no loopback round trip; faults still apply) and passes every other
 * request to `fallback`. `main.ts` gives it to the Xano client and sign-in.
 *
 * @example
 * ```ts
 * const fetchXano = sandboxFetch(sandbox, "http://127.0.0.1:8000", globalThis.fetch);
 * ```
 */
export function sandboxFetch(
  sandbox: Sandbox,
  origin: string,
  fallback: (request: Request) => Promise<Response>,
): (request: Request) => Promise<Response> {
  const { meta, auth } = sandbox.urls(origin);
  const prefixes = [`${meta}/`, `${auth}/`];
  return (request) =>
    prefixes.some((p) => request.url.startsWith(p)) ? sandbox.fetch(request) : fallback(request);
}
