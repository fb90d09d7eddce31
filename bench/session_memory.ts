/**
 * Memory against CPU for V8 heap settings: starts `main.ts` once per setting
 * and round (settings interleaved, so a busy machine hurts them alike), drives
 * it like `bench/ops_load.ts` (1, 10, 50 and 200 concurrent sessions of
 * `xano_list_tables`, sessions kept open between levels) and prints, per
 * level, server RSS, calls/s and server CPU per call (from /proc: user +
 * system time, which queueing on a shared machine does not inflate the way it
 * inflates latency). Prints to stdout only.
 *
 * Run: `deno run --allow-all bench/session_memory.ts [--rounds 3] [--calls 20] [SETTING...]`
 * where each SETTING is comma-separated V8 flags, `default` for none, `start` for those of
 * `deno task start` (the default settings are `default start`).
 */

import { freePort, prepareKv, startServer } from "../tests/reliability/_process.ts";
import { numberOption } from "./_args.ts";
import { connectClient } from "./_client.ts";
import { cpuMs, rssMb } from "./_proc.ts";

const LEVELS = [1, 10, 50, 200];
const TOOL = { name: "xano_list_tables", arguments: {} };
const ROUNDS = numberOption("rounds", 3);
const CALLS = numberOption("calls", 20);
const settings = Deno.args.filter((arg, i) =>
  !/^--(rounds|calls)(=|$)/.test(arg) && !["--rounds", "--calls"].includes(Deno.args[i - 1]!)
);
if (settings.length === 0) settings.push("default", "start");

function procStatus(pid: number): { rssMb: number; cpuMs: number } {
  return { rssMb: Math.round(rssMb(pid)), cpuMs: cpuMs(pid) };
}

async function run(setting: string): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "xmcp-memory-" });
  const port = freePort();
  const origin = `http://127.0.0.1:${port}`;
  const { key } = await prepareKv(dir, origin);
  const server = await startServer({
    dir,
    port,
    env: { LOG_LEVEL: "warn", MCP_RATE_LIMIT_IP: "1000000/1m", MCP_RATE_LIMIT_TOKEN: "1000000/1m" },
    ...(setting === "start" ? {} : { v8Flags: setting === "default" ? "" : setting }),
  });
  const cells = [`idle ${procStatus(server.pid).rssMb} MB`];
  try {
    for (const sessions of LEVELS) {
      const clients = await Promise.all(
        Array.from(
          { length: sessions },
          () => connectClient(`${origin}/mcp`, key, "session-memory"),
        ),
      );
      await Promise.all(clients.map((client) => client.callTool(TOOL)));
      const before = procStatus(server.pid).cpuMs;
      const started = performance.now();
      await Promise.all(clients.map(async (client) => {
        for (let i = 0; i < CALLS; i++) await client.callTool(TOOL);
      }));
      const seconds = (performance.now() - started) / 1000;
      const after = procStatus(server.pid);
      const calls = sessions * CALLS;
      cells.push(
        `${sessions}: ${after.rssMb} MB, ${Math.round(calls / seconds)}/s, ${
          ((after.cpuMs - before) / calls).toFixed(2)
        } ms CPU/call`,
      );
      await Promise.all(clients.map((client) => client.close()));
    }
  } finally {
    await server.stop();
    await Deno.remove(dir, { recursive: true });
  }
  return cells.join(" | ");
}

for (let round = 1; round <= ROUNDS; round++) {
  for (const setting of settings) console.log(`[${setting}] round ${round}: ${await run(setting)}`);
}
