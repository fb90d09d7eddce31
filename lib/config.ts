/**
 * The only module that reads the environment. {@link loadConfig} turns a set of
 * environment variables into a frozen, typed {@link Config}; `main.ts` passes
 * pieces of it down. Every invalid variable is named in one {@link ConfigError}.
 *
 * @example
 * ```ts
 * const config = loadConfig(Deno.env);
 * console.log(config.port); // 8000
 * ```
 * @module
 */

/** Where the app runs; `production` demands an explicit `ENCRYPTION_KEY`. */
export type AppEnv = "development" | "test" | "production";

/** Log verbosity, lowest first. */
export type LogLevel = "debug" | "info" | "warn" | "error";

/** The whole runtime configuration, read once at start. */
export interface Config {
  /** `APP_ENV`: development (default), test or production. */
  readonly env: AppEnv;
  /** `HOST`: interface to bind (default `127.0.0.1`). */
  readonly host: string;
  /** `PORT`: TCP port (default `8000`; `0` picks a free one). */
  readonly port: number;
  /** `PUBLIC_URL`: origin clients use to reach us, no trailing slash (default `http://HOST:PORT`). */
  readonly publicUrl: string;
  /** `KV_PATH`: Deno KV location (default `./data/kv.sqlite3`; `:memory:` or a KV Connect URL also work). */
  readonly kvPath: string;
  /** `DATA_DIR`: folder for local files such as the development key (default `./data`). */
  readonly dataDir: string;
  /** `ENCRYPTION_KEY`: base64/base64url master key of at least 32 bytes; required in production. */
  readonly encryptionKey: Uint8Array | undefined;
  /** `LOG_LEVEL`: debug, info (default), warn or error. */
  readonly logLevel: LogLevel;
  /**
   * Log lines go through `console`, where Deno's OpenTelemetry exports them as OTLP logs: set
   * when `OTEL_DENO` is on and `OTEL_DENO_CONSOLE` is not `ignore` (otherwise the server writes
   * its lines to stdout in batches, once per event-loop turn).
   */
  readonly logThroughConsole: boolean;
  /** `METRICS_TOKEN`: when set, `/metrics` requires it as a bearer token. */
  readonly metricsToken: string | undefined;
  /** `COMPILE_CACHE_TTL`: how long compiled SDK code stays in the KV compile cache (default `24h`). */
  readonly compileCacheTtlMs: number;
  /** Upstream Xano; when neither URL is set the embedded sandbox stands in. */
  readonly xano: XanoConfig;
  /** The local Xano sandbox. */
  readonly sandbox: SandboxConfig;
  /** The OAuth authorization server. */
  readonly auth: AuthConfig;
  /** The MCP endpoint. */
  readonly mcp: McpConfig;
  /** Rate limits and the audit trail. */
  readonly ops: OpsConfig;
}

/** At most `limit` requests per `windowMs` (the shape `lib/kv/rate_limits.ts` takes). */
export interface RateRule {
  readonly limit: number;
  readonly windowMs: number;
}

/** Rate limits and audit retention. A `null` limit is switched off (`off`, `/mcp` only). */
export interface OpsConfig {
  /** `AUDIT_RETENTION`: how long audit records are kept (default `30d`). */
  readonly auditRetentionMs: number;
  /** `MCP_RATE_LIMIT_IP`: `/mcp` requests per client IP (default `1200/1m`). */
  readonly mcpPerIp: RateRule | null;
  /** `MCP_RATE_LIMIT_TOKEN`: `/mcp` requests per bearer token (default `600/1m`). */
  readonly mcpPerToken: RateRule | null;
  /**
   * `MCP_RATE_LIMIT_SYNC`: how old another process's `/mcp` counts may get before this
   * process reads them again (default `250ms`).
   */
  readonly mcpLimitSyncMs: number;
  /**
   * `AUTH_CACHE_TTL`: how long a process reuses a verified token or API key, an MCP session
   * record and an unsealed Xano credential before reading KV again (default `1s`; `off`).
   * Revocations and changes made in the same process apply at once.
   */
  readonly authCacheMs: number;
  /** `SIGNIN_RATE_LIMIT_IP`: sign-in attempts per client IP (default `30/15m`). */
  readonly signInPerIp: RateRule;
  /** `SIGNIN_RATE_LIMIT_ACCOUNT`: failed sign-ins per account (default `10/15m`). */
  readonly signInPerAccount: RateRule;
  /** `REGISTER_RATE_LIMIT_IP`: client registrations per client IP (default `60/10m`). */
  readonly registerPerIp: RateRule;
}

/** Settings of the OAuth authorization server and sign-in pages. */
export interface AuthConfig {
  /**
   * `OAUTH_REDIRECT_URIS`: comma-separated extra redirect URIs clients may register, beyond
   * loopback and the Claude/ChatGPT callbacks; an entry ending in `*` is a prefix (default none).
   */
  readonly redirectUris: readonly string[];
  /** `TRUST_PROXY`: `1`/`true` to take the client IP from `X-Forwarded-For` (default off). */
  readonly trustProxy: boolean;
}

/** Settings of the MCP endpoint. */
export interface McpConfig {
  /** `MCP_ALLOWED_ORIGINS`: extra browser origins allowed on `/mcp`, comma-separated (loopback and PUBLIC_URL always are). */
  readonly allowedOrigins: readonly string[];
  /** `MCP_ALLOWED_HOSTS`: extra `Host` values allowed on `/mcp`, comma-separated (loopback and PUBLIC_URL's host always are). */
  readonly allowedHosts: readonly string[];
  /** `MCP_DEBUG_TOOLS`: `1` makes the debug toolset available to grants that ask for it (default off). */
  readonly debugTools: boolean;
  /** `CONFORMANCE_PORT`: port of `deno task conformance:serve` (default `8765`). */
  readonly conformancePort: number;
}

/** Upstream Xano endpoints. */
export interface XanoConfig {
  /** `XANO_AUTH_URL`: base URL of the auth API group (`https://x.xano.io/api:abc`). */
  readonly authUrl: string | undefined;
  /** `XANO_META_URL`: Metadata API base URL (`https://x.xano.io/api:meta`). */
  readonly metaUrl: string | undefined;
  /** `XANO_META_TOKEN`: a Metadata API token, used by the stdio transport and the CLI. */
  readonly metaToken: string | undefined;
  /** True when neither URL is set and the embedded sandbox is used. */
  readonly useSandbox: boolean;
  /** `XANO_TIMEOUT`: per-attempt timeout of a Metadata API call (default `20s`). */
  readonly timeoutMs: number;
  /** `XANO_CACHE_TTL`: lifetime of cached Xano reads such as table schemas (default `10s`). */
  readonly cacheTtlMs: number;
}

/** Settings of the local Xano sandbox. */
export interface SandboxConfig {
  /** `SANDBOX_PORT`: port for `deno task sandbox` (default `8787`). */
  readonly port: number;
  /** `SANDBOX_FAULTS`: fault spec such as `latency=50ms,error_rate=0.1` (default none). */
  readonly faults: string;
  /** `SANDBOX_DEMO_EMAIL` (default `demo@example.com`). */
  readonly demoEmail: string;
  /** `SANDBOX_DEMO_PASSWORD` (default `demo1234`). */
  readonly demoPassword: string;
  /** `SANDBOX_TOKEN_TTL`: lifetime of sandbox auth and Metadata tokens (default `24h`). */
  readonly tokenTtlMs: number;
}

/** Raised when one or more environment variables are invalid; names each of them. */
export class ConfigError extends Error {
  /** One entry per invalid variable: `NAME: reason`. */
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`Invalid configuration: ${problems.join("; ")}`);
    this.name = "ConfigError";
    this.problems = problems;
  }
}

/** The subset of `Deno.env` that {@link loadConfig} needs; a Map-like object works in tests. */
export interface EnvReader {
  get(name: string): string | undefined;
}

/**
 * Reads and validates every variable; throws a {@link ConfigError} naming all invalid ones.
 *
 * @example
 * ```ts
 * const config = loadConfig(new Map([["PORT", "9000"]]));
 * ```
 */
export function loadConfig(env: EnvReader): Config {
  const problems: string[] = [];
  const read = new Reader(env, problems);

  const appEnv = read.oneOf("APP_ENV", ["development", "test", "production"], "development");
  const host = read.string("HOST", "127.0.0.1");
  const port = read.port("PORT", 8000);
  const publicUrl = read.origin("PUBLIC_URL", `http://${hostForUrl(host)}:${port}`);
  const encryptionKey = read.key("ENCRYPTION_KEY");
  if (appEnv === "production" && encryptionKey === undefined && !read.has("ENCRYPTION_KEY")) {
    problems.push("ENCRYPTION_KEY: required when APP_ENV is production (32+ random bytes, base64)");
  }
  const authUrl = read.url("XANO_AUTH_URL");
  const metaUrl = read.url("XANO_META_URL");

  const config: Config = {
    env: appEnv,
    host,
    port,
    publicUrl,
    kvPath: read.string("KV_PATH", "./data/kv.sqlite3"),
    dataDir: read.string("DATA_DIR", "./data"),
    encryptionKey,
    logLevel: read.oneOf("LOG_LEVEL", ["debug", "info", "warn", "error"], "info"),
    logThroughConsole: ["true", "1"].includes(read.optional("OTEL_DENO")?.toLowerCase() ?? "") &&
      read.optional("OTEL_DENO_CONSOLE")?.toLowerCase() !== "ignore",
    metricsToken: read.optional("METRICS_TOKEN"),
    compileCacheTtlMs: read.duration("COMPILE_CACHE_TTL", 24 * 3_600_000),
    xano: {
      authUrl,
      metaUrl,
      metaToken: read.optional("XANO_META_TOKEN"),
      useSandbox: authUrl === undefined && metaUrl === undefined,
      timeoutMs: read.duration("XANO_TIMEOUT", 20_000),
      cacheTtlMs: read.duration("XANO_CACHE_TTL", 10_000),
    },
    sandbox: {
      port: read.port("SANDBOX_PORT", 8787),
      faults: read.string("SANDBOX_FAULTS", ""),
      demoEmail: read.string("SANDBOX_DEMO_EMAIL", "demo@example.com"),
      demoPassword: read.string("SANDBOX_DEMO_PASSWORD", "demo1234"),
      tokenTtlMs: read.duration("SANDBOX_TOKEN_TTL", 24 * 3_600_000),
    },
    auth: {
      redirectUris: read.redirectList("OAUTH_REDIRECT_URIS"),
      trustProxy: read.flag("TRUST_PROXY", false),
    },
    mcp: {
      allowedOrigins: read.list("MCP_ALLOWED_ORIGINS").map((origin) => origin.replace(/\/+$/, "")),
      allowedHosts: read.list("MCP_ALLOWED_HOSTS"),
      debugTools: read.oneOf("MCP_DEBUG_TOOLS", ["0", "1"], "0") === "1",
      conformancePort: read.port("CONFORMANCE_PORT", 8765),
    },
    ops: {
      auditRetentionMs: read.duration("AUDIT_RETENTION", 30 * 86_400_000),
      mcpPerIp: read.rate("MCP_RATE_LIMIT_IP", { limit: 1200, windowMs: 60_000 }),
      mcpPerToken: read.rate("MCP_RATE_LIMIT_TOKEN", { limit: 600, windowMs: 60_000 }),
      mcpLimitSyncMs: read.duration("MCP_RATE_LIMIT_SYNC", 250),
      authCacheMs: read.optional("AUTH_CACHE_TTL") === "off"
        ? 0
        : read.duration("AUTH_CACHE_TTL", 1_000),
      signInPerIp: read.rate("SIGNIN_RATE_LIMIT_IP", { limit: 30, windowMs: 15 * 60_000 }, false)!,
      signInPerAccount: read.rate("SIGNIN_RATE_LIMIT_ACCOUNT", {
        limit: 10,
        windowMs: 15 * 60_000,
      }, false)!,
      registerPerIp: read.rate(
        "REGISTER_RATE_LIMIT_IP",
        { limit: 60, windowMs: 10 * 60_000 },
        false,
      )!,
    },
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return deepFreeze(config);
}

/**
 * Parses a duration such as `250ms`, `30s`, `15m`, `24h`, `7d` or a bare number of
 * milliseconds. Returns `undefined` for anything else.
 */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?$/.exec(text.trim());
  if (!match) return undefined;
  const unit = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2] ?? "ms"]!;
  return Math.round(Number(match[1]) * unit);
}

class Reader {
  #env: EnvReader;
  #problems: string[];

  constructor(env: EnvReader, problems: string[]) {
    this.#env = env;
    this.#problems = problems;
  }

  has(name: string): boolean {
    return this.optional(name) !== undefined;
  }

  optional(name: string): string | undefined {
    const value = this.#env.get(name)?.trim();
    return value === undefined || value === "" ? undefined : value;
  }

  string(name: string, fallback: string): string {
    return this.optional(name) ?? fallback;
  }

  list(name: string): string[] {
    return (this.optional(name) ?? "").split(",").map((item) => item.trim()).filter((item) =>
      item !== ""
    );
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.optional(name);
    if (value === undefined) return fallback;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    return this.#fail(name, `expected one of ${allowed.join(", ")}, got "${value}"`, fallback);
  }

  port(name: string, fallback: number): number {
    const value = this.optional(name);
    if (value === undefined) return fallback;
    const port = Number(value);
    if (/^\d+$/.test(value) && port >= 0 && port <= 65535) return port;
    return this.#fail(name, `expected a port number 0-65535, got "${value}"`, fallback);
  }

  duration(name: string, fallback: number): number {
    const value = this.optional(name);
    if (value === undefined) return fallback;
    const ms = parseDuration(value);
    if (ms !== undefined && ms > 0) return ms;
    return this.#fail(
      name,
      `expected a duration such as 30s, 15m or 24h, got "${value}"`,
      fallback,
    );
  }

  url(name: string): string | undefined {
    const value = this.optional(name);
    if (value === undefined) return undefined;
    const url = URL.parse(value);
    if (url && (url.protocol === "http:" || url.protocol === "https:")) {
      return value.replace(/\/+$/, "");
    }
    return this.#fail(name, `expected an http(s) URL, got "${value}"`, undefined);
  }

  origin(name: string, fallback: string): string {
    const value = this.url(name);
    if (value === undefined) return fallback;
    const url = new URL(value);
    if (url.pathname !== "/" || url.search || url.hash) {
      return this.#fail(name, `expected an origin without a path, got "${value}"`, fallback);
    }
    return url.origin;
  }

  key(name: string): Uint8Array | undefined {
    const value = this.optional(name);
    if (value === undefined) return undefined;
    const bytes = decodeBase64Loose(value);
    if (bytes && bytes.length >= 32) return bytes;
    // The value itself is secret: never echo it.
    return this.#fail(name, "expected base64 or base64url of at least 32 bytes", undefined);
  }

  flag(name: string, fallback: boolean): boolean {
    const value = this.optional(name)?.toLowerCase();
    if (value === undefined) return fallback;
    if (["1", "true", "yes", "on"].includes(value)) return true;
    if (["0", "false", "no", "off"].includes(value)) return false;
    return this.#fail(name, `expected true or false, got "${value}"`, fallback);
  }

  redirectList(name: string): string[] {
    const entries = (this.optional(name) ?? "").split(",").map((s) => s.trim()).filter(Boolean);
    for (const entry of entries) {
      const url = URL.parse(entry.replace(/\*$/, ""));
      if (!url || url.protocol === "javascript:" || url.protocol === "data:" || url.hash) {
        return this.#fail(
          name,
          `expected redirect URIs or prefixes ending in *, got "${entry}"`,
          [],
        );
      }
    }
    return entries;
  }

  /** `100/1m` (at most 100 per minute), or `off` when `allowOff`. */
  rate(name: string, fallback: RateRule, allowOff = true): RateRule | null {
    const value = this.optional(name);
    if (value === undefined) return fallback;
    if (allowOff && value.toLowerCase() === "off") return null;
    const match = /^(\d+)\s*\/\s*(.+)$/.exec(value);
    const limit = Number(match?.[1]);
    const windowMs = match ? parseDuration(match[2]!) : undefined;
    if (limit > 0 && windowMs !== undefined && windowMs > 0) return { limit, windowMs };
    const expected = allowOff ? "a limit such as 100/1m or off" : "a limit such as 100/1m";
    return this.#fail(name, `expected ${expected}, got "${value}"`, fallback);
  }

  #fail<T>(name: string, reason: string, fallback: T): T {
    this.#problems.push(`${name}: ${reason}`);
    return fallback;
  }
}

function decodeBase64Loose(text: string): Uint8Array | undefined {
  const normal = text.replaceAll("-", "+").replaceAll("_", "/");
  const padded = normal + "=".repeat((4 - (normal.length % 4)) % 4);
  try {
    return Uint8Array.fromBase64(padded);
  } catch {
    return undefined;
  }
}

function hostForUrl(host: string): string {
  if (host === "0.0.0.0" || host === "::") return "127.0.0.1";
  return host.includes(":") ? `[${host}]` : host;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !(value instanceof Uint8Array)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
