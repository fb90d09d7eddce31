import assert from "node:assert/strict";
import { ConfigError, loadConfig, parseDuration } from "../../lib/config.ts";

const env = (vars: Record<string, string>) => new Map(Object.entries(vars));
const KEY = btoa(String.fromCharCode(...new Uint8Array(32).fill(1)));

Deno.test("config: defaults give a local development setup with the sandbox", () => {
  const config = loadConfig(env({}));
  assert.equal(config.env, "development");
  assert.equal(config.host, "127.0.0.1");
  assert.equal(config.port, 8000);
  assert.equal(config.publicUrl, "http://127.0.0.1:8000");
  assert.equal(config.kvPath, "./data/kv.sqlite3");
  assert.equal(config.encryptionKey, undefined);
  assert.equal(config.xano.useSandbox, true);
  assert.equal(config.sandbox.port, 8787);
  assert.equal(config.sandbox.demoEmail, "demo@example.com");
});

Deno.test("config: result is deeply frozen", () => {
  const config = loadConfig(env({}));
  assert.ok(Object.isFrozen(config));
  assert.ok(Object.isFrozen(config.xano));
  assert.throws(() => {
    (config as { port: number }).port = 1;
  }, TypeError);
});

Deno.test("config: reads and normalises every variable", () => {
  const config = loadConfig(env({
    APP_ENV: "production",
    HOST: "0.0.0.0",
    PORT: "9100",
    PUBLIC_URL: "https://mcp.example.com/",
    KV_PATH: ":memory:",
    ENCRYPTION_KEY: KEY,
    LOG_LEVEL: "debug",
    XANO_AUTH_URL: "https://x.xano.io/api:abc/",
    SANDBOX_TOKEN_TTL: "90s",
  }));
  assert.equal(config.port, 9100);
  assert.equal(config.publicUrl, "https://mcp.example.com");
  assert.equal(config.encryptionKey?.length, 32);
  assert.equal(config.xano.authUrl, "https://x.xano.io/api:abc");
  assert.equal(config.xano.useSandbox, false);
  assert.equal(config.sandbox.tokenTtlMs, 90_000);
});

Deno.test("config: names every invalid variable in one error", () => {
  const error = assert.throws(
    () =>
      loadConfig(
        env({
          PORT: "eighty",
          LOG_LEVEL: "loud",
          XANO_META_URL: "ftp://x",
          PUBLIC_URL: "https://a/b",
        }),
      ),
    ConfigError,
  ) as unknown;
  void error;
  try {
    loadConfig(
      env({
        PORT: "eighty",
        LOG_LEVEL: "loud",
        XANO_META_URL: "ftp://x",
        PUBLIC_URL: "https://a/b",
      }),
    );
  } catch (caught) {
    assert.ok(caught instanceof ConfigError);
    assert.equal(caught.problems.length, 4);
    assert.match(caught.message, /PORT: expected a port number/);
    assert.match(caught.message, /LOG_LEVEL: expected one of debug, info, warn, error, got "loud"/);
    assert.match(caught.message, /XANO_META_URL: expected an http\(s\) URL/);
    assert.match(caught.message, /PUBLIC_URL: expected an origin without a path/);
    return;
  }
  assert.fail("expected ConfigError");
});

Deno.test("config: production without ENCRYPTION_KEY is refused", () => {
  assert.throws(
    () => loadConfig(env({ APP_ENV: "production" })),
    /ENCRYPTION_KEY: required when APP_ENV is production/,
  );
});

Deno.test("config: a short or malformed ENCRYPTION_KEY is refused without echoing it", () => {
  try {
    loadConfig(env({ ENCRYPTION_KEY: "c2hvcnQ" }));
    assert.fail("expected ConfigError");
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    assert.match(error.message, /ENCRYPTION_KEY: expected base64/);
    assert.ok(!error.message.includes("c2hvcnQ"));
  }
});

Deno.test("config: parseDuration understands units and rejects junk", () => {
  assert.equal(parseDuration("250ms"), 250);
  assert.equal(parseDuration("1.5s"), 1500);
  assert.equal(parseDuration("15m"), 900_000);
  assert.equal(parseDuration("2h"), 7_200_000);
  assert.equal(parseDuration("1d"), 86_400_000);
  assert.equal(parseDuration("40"), 40);
  assert.equal(parseDuration("soon"), undefined);
});

Deno.test("config: MCP origins, hosts, debug tools and conformance port are read and validated", () => {
  const config = loadConfig(env({
    MCP_ALLOWED_ORIGINS: "https://app.example.com/, https://b.example.com",
    MCP_ALLOWED_HOSTS: "mcp.internal:8080",
    MCP_DEBUG_TOOLS: "1",
    CONFORMANCE_PORT: "9999",
  }));
  assert.deepEqual(config.mcp.allowedOrigins, ["https://app.example.com", "https://b.example.com"]);
  assert.deepEqual(config.mcp.allowedHosts, ["mcp.internal:8080"]);
  assert.equal(config.mcp.debugTools, true);
  assert.equal(config.mcp.conformancePort, 9999);
  assert.equal(loadConfig(env({})).mcp.debugTools, false);
  assert.throws(() => loadConfig(env({ MCP_DEBUG_TOOLS: "yes" })), /MCP_DEBUG_TOOLS/);
});

Deno.test("config: OAUTH_REDIRECT_URIS and TRUST_PROXY are read and validated", () => {
  const config = loadConfig(
    new Map([
      ["OAUTH_REDIRECT_URIS", "https://vscode.dev/redirect, https://app.example.com/cb/*"],
      ["TRUST_PROXY", "true"],
    ]),
  );
  assert.deepEqual(config.auth.redirectUris, [
    "https://vscode.dev/redirect",
    "https://app.example.com/cb/*",
  ]);
  assert.equal(config.auth.trustProxy, true);
  assert.deepEqual(loadConfig(new Map()).auth, { redirectUris: [], trustProxy: false });
  assert.throws(
    () => loadConfig(new Map([["TRUST_PROXY", "maybe"]])),
    /TRUST_PROXY: expected true or false/,
  );
  assert.throws(
    () => loadConfig(new Map([["OAUTH_REDIRECT_URIS", "not a url"]])),
    /OAUTH_REDIRECT_URIS: expected redirect URIs/,
  );
});

Deno.test("config: reads the Xano client timeout and cache TTL, rejecting bad durations", () => {
  const config = loadConfig(env({ XANO_TIMEOUT: "5s", XANO_CACHE_TTL: "1500ms" }));
  assert.equal(config.xano.timeoutMs, 5_000);
  assert.equal(config.xano.cacheTtlMs, 1_500);
  assert.equal(loadConfig(env({})).xano.timeoutMs, 20_000);
  assert.throws(
    () => loadConfig(env({ XANO_TIMEOUT: "soon" })),
    /XANO_TIMEOUT: expected a duration/,
  );
});

Deno.test("config: rate limits and audit retention have defaults, parse N/duration and accept off on /mcp", () => {
  const defaults = loadConfig(env({})).ops;
  assert.equal(defaults.auditRetentionMs, 30 * 86_400_000);
  assert.deepEqual(defaults.mcpPerIp, { limit: 1200, windowMs: 60_000 });
  assert.deepEqual(defaults.mcpPerToken, { limit: 600, windowMs: 60_000 });
  assert.deepEqual(defaults.signInPerIp, { limit: 30, windowMs: 900_000 });
  assert.equal(defaults.mcpLimitSyncMs, 250);
  assert.equal(defaults.authCacheMs, 1_000);
  assert.equal(loadConfig(env({ AUTH_CACHE_TTL: "off" })).ops.authCacheMs, 0);
  assert.equal(loadConfig(env({ AUTH_CACHE_TTL: "5s" })).ops.authCacheMs, 5_000);
  assert.throws(() => loadConfig(env({ AUTH_CACHE_TTL: "soon" })), /AUTH_CACHE_TTL: expected/);
  const ops = loadConfig(env({
    AUDIT_RETENTION: "7d",
    MCP_RATE_LIMIT_IP: "off",
    MCP_RATE_LIMIT_TOKEN: "50 / 10s",
    SIGNIN_RATE_LIMIT_ACCOUNT: "5/1h",
  })).ops;
  assert.equal(ops.auditRetentionMs, 7 * 86_400_000);
  assert.equal(ops.mcpPerIp, null);
  assert.deepEqual(ops.mcpPerToken, { limit: 50, windowMs: 10_000 });
  assert.deepEqual(ops.signInPerAccount, { limit: 5, windowMs: 3_600_000 });
});

Deno.test("config: invalid rate limits are named, and sign-in limits cannot be switched off", () => {
  assert.throws(
    () =>
      loadConfig(env({
        MCP_RATE_LIMIT_IP: "lots",
        MCP_RATE_LIMIT_TOKEN: "0/1m",
        SIGNIN_RATE_LIMIT_IP: "off",
        AUDIT_RETENTION: "forever",
      })),
    (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.equal(error.problems.length, 4);
      assert.match(
        error.message,
        /MCP_RATE_LIMIT_IP: expected a limit such as 100\/1m or off, got "lots"/,
      );
      assert.match(error.message, /MCP_RATE_LIMIT_TOKEN/);
      assert.match(
        error.message,
        /SIGNIN_RATE_LIMIT_IP: expected a limit such as 100\/1m, got "off"/,
      );
      assert.match(error.message, /AUDIT_RETENTION/);
      return true;
    },
  );
});

Deno.test("config: log lines go through console only when Deno's OpenTelemetry exports console output", () => {
  assert.equal(loadConfig(env({})).logThroughConsole, false);
  assert.equal(loadConfig(env({ OTEL_DENO: "true" })).logThroughConsole, true);
  assert.equal(loadConfig(env({ OTEL_DENO: "1" })).logThroughConsole, true);
  assert.equal(
    loadConfig(env({ OTEL_DENO: "true", OTEL_DENO_CONSOLE: "ignore" })).logThroughConsole,
    false,
  );
  assert.equal(loadConfig(env({ OTEL_DENO: "false" })).logThroughConsole, false);
});
