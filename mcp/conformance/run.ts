/**
 * `deno task conformance`: starts the fixture server in this process, runs the
 * official conformance suite (0.1.16 active scenarios, then 0.2.0-alpha.12
 * with `--requirements 2025-11-25` and `--requirements 2026-07-28`) against it and prints each summary.
 * `--short` runs only the 0.1.16 suite. Exits non-zero if any run fails.
 *
 * @module
 */

import { loadConfig } from "../../lib/config.ts";
import { conformanceApp } from "./serve.ts";

const SUITES = [
  { name: "0.1.16 (active)", args: ["npm:@modelcontextprotocol/conformance@0.1.16", "server"] },
  {
    name: "0.2.0-alpha.12 (--requirements 2025-11-25)",
    args: [
      "npm:@modelcontextprotocol/conformance@0.2.0-alpha.12",
      "server",
      "--requirements",
      "2025-11-25",
    ],
  },
  {
    name: "0.2.0-alpha.12 (--requirements 2026-07-28)",
    args: [
      "npm:@modelcontextprotocol/conformance@0.2.0-alpha.12",
      "server",
      "--requirements",
      "2026-07-28",
    ],
  },
];

async function runSuite(
  args: string[],
  url: string,
  outDir: string,
): Promise<{ ok: boolean; summary: string }> {
  const command = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--no-config", ...args, "--url", url, "-o", outDir],
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  });
  const output = await command.output();
  const text = new TextDecoder().decode(output.stdout) + new TextDecoder().decode(output.stderr);
  const at = text.indexOf("=== SUMMARY ===");
  const summary = at >= 0 ? text.slice(at) : text.slice(-4000);
  return { ok: output.success, summary: summary.trim() };
}

if (import.meta.main) {
  const config = loadConfig(Deno.env);
  const short = Deno.args.includes("--short");
  const kv = await Deno.openKv(":memory:");
  const port = config.mcp.conformancePort;
  const server = Deno.serve(
    { hostname: "127.0.0.1", port, onListen: () => {} },
    conformanceApp({ kv, port }).fetch,
  );
  const url = `http://127.0.0.1:${port}/mcp`;
  const outDir = await Deno.makeTempDir({ prefix: "conformance-" });
  let failed = false;
  for (const suite of short ? SUITES.slice(0, 1) : SUITES) {
    console.log(`\n## conformance ${suite.name} against ${url}`);
    const result = await runSuite(suite.args, url, outDir);
    console.log(result.summary);
    if (!result.ok) failed = true;
  }
  console.log(`\nresults: ${outDir}`);
  await server.shutdown();
  kv.close();
  Deno.exit(failed ? 1 : 0);
}
