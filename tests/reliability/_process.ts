/**
 * Real server processes for the reliability suite: `deno run main.ts` on a
 * temporary KV file and a free loopback port, with the embedded sandbox as
 * Xano. The user (a sealed Xano credential and a personal API key) is written
 * into the KV file beforehand, the way sign-in would leave it.
 */

import { createApiKeyStore } from "../../lib/auth/api_keys.ts";
import { randomId, systemClock } from "../../lib/clock.ts";
import { createSealer } from "../../lib/crypto.ts";
import { createSandbox } from "../../lib/sandbox/mod.ts";
import { createCredentialStore } from "../../lib/xano/credentials.ts";
import { Client, StreamableHTTPClientTransport } from "../../mcp/sdk.ts";

const ROOT = new URL("../../", import.meta.url);
const KEY_BYTES = new Uint8Array(32).fill(9);
/** The master key every process of a test shares, so each can open the others' sealed credentials. */
export const ENCRYPTION_KEY = KEY_BYTES.toBase64();

/** A running `main.ts`. */
export interface ServerProcess {
  readonly pid: number;
  readonly port: number;
  readonly url: string;
  /** SIGKILL: no shutdown hook runs, KV is left as the kill finds it. */
  kill(): Promise<void>;
  /** SIGTERM and wait (SIGKILL after 10 s). */
  stop(): Promise<void>;
  /** Log lines at level error so far (JSON). */
  errors(): string[];
}

/** A free loopback port (bound, read, released). */
export function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return port;
}

/** Starts `main.ts` and resolves once it logs "listening". */
export async function startServer(options: {
  readonly dir: string;
  readonly port: number;
  readonly env?: Record<string, string>;
}): Promise<ServerProcess> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-all", "main.ts"],
    cwd: ROOT,
    env: {
      APP_ENV: "test",
      HOST: "127.0.0.1",
      PORT: String(options.port),
      KV_PATH: `${options.dir}/kv.sqlite3`,
      DATA_DIR: options.dir,
      ENCRYPTION_KEY,
      LOG_LEVEL: "info",
      NO_COLOR: "1",
      ...options.env,
    },
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  // Drain both pipes so the child never blocks on a full one; keep error lines.
  const errors: string[] = [];
  const keep = (chunk: string) =>
    errors.push(...chunk.split("\n").filter((line) => line.includes('"level":"error"')));
  let output = "";
  const drained = Promise.all(
    [child.stdout, child.stderr].map((stream) =>
      stream.pipeThrough(new TextDecoderStream()).pipeTo(
        new WritableStream({
          write(chunk) {
            if (output.length < 20_000) output += chunk;
            keep(chunk);
          },
        }),
      ).catch(() => {})
    ),
  );
  let exitedEarly = false;
  child.status.then(() => exitedEarly = true);
  // Ready when it answers /health/live (whatever LOG_LEVEL says).
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (exitedEarly) {
      await drained;
      throw new Error(`main.ts exited before listening: ${output}`);
    }
    if (Date.now() > deadline) throw new Error(`main.ts did not start: ${output}`);
    const live = await fetch(`http://127.0.0.1:${options.port}/health/live`).catch(() => null);
    await live?.body?.cancel();
    if (live?.ok) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  let exited = false;
  const status = child.status.then((s) => {
    exited = true;
    return s;
  });
  return {
    pid: child.pid,
    port: options.port,
    url: `http://127.0.0.1:${options.port}`,
    async kill() {
      if (!exited) child.kill("SIGKILL");
      await status;
    },
    async stop() {
      if (!exited) child.kill("SIGTERM");
      // main.ts drains for 5 s; a process still alive well after that is killed.
      const timer = setTimeout(() => exited || child.kill("SIGKILL"), 10_000);
      await status;
      clearTimeout(timer);
    },
    errors: () => [...errors],
  };
}

/**
 * Prepares a KV file: seeds the sandbox, stores user `u-1`'s sealed credential
 * for the sandbox served at `origin`, and returns a personal API key for it.
 */
export async function prepareKv(
  dir: string,
  origin: string,
): Promise<{ key: string; meta: { url: string; token: string } }> {
  const kv = await Deno.openKv(`${dir}/kv.sqlite3`);
  try {
    const sandbox = createSandbox({ kv, clock: systemClock, basePath: "/_sandbox" });
    await sandbox.ready();
    const sealer = await createSealer(KEY_BYTES);
    const meta = { url: sandbox.urls(origin).meta, token: await sandbox.issueToken() };
    await createCredentialStore({ kv, sealer, clock: systemClock }).put("u-1", {
      kind: "token",
      metaUrl: meta.url,
      metaToken: meta.token,
      obtainedAt: Date.now(),
    });
    const { key } = await createApiKeyStore({ kv, clock: systemClock, ids: randomId }).create(
      "u-1",
      {
        name: "reliability",
        scopes: ["xano:read", "xano:write"],
        expiresInDays: 1,
        workspaceId: 1,
      },
    );
    return { key, meta };
  } finally {
    kv.close();
  }
}

/** An SDK client over real HTTP whose requests go to `route()`'s origin, chosen per request. */
export async function httpClient(key: string, route: () => string): Promise<Client> {
  const transport = new StreamableHTTPClientTransport(new URL("http://127.0.0.1/mcp"), {
    requestInit: { headers: { authorization: `Bearer ${key}` } },
    fetch: (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      const target = new URL(route());
      url.host = target.host;
      return fetch(url, init);
    },
  });
  const client = new Client({ name: "reliability", version: "1.0.0" });
  await client.connect(transport);
  return client;
}
