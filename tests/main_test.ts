import assert from "node:assert/strict";

const ROOT = new URL("../", import.meta.url);

interface GraphModule {
  readonly specifier: string;
  readonly dependencies?: readonly {
    readonly code?: { readonly specifier: string };
    readonly isDynamic?: boolean;
  }[];
}

/** `deno info --json main.ts`: every module, with static and dynamic imports told apart. */
async function graph(): Promise<{ statics: Set<string>; all: Set<string> }> {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["info", "--json", "main.ts"],
    cwd: ROOT,
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.ok(output.success, new TextDecoder().decode(output.stderr));
  const info = JSON.parse(new TextDecoder().decode(output.stdout)) as {
    roots: string[];
    modules: GraphModule[];
  };
  const bySpecifier = new Map(info.modules.map((m) => [m.specifier, m]));
  const statics = new Set<string>();
  const pending = [...info.roots];
  while (pending.length > 0) {
    const specifier = pending.pop()!;
    if (statics.has(specifier)) continue;
    statics.add(specifier);
    for (const dep of bySpecifier.get(specifier)?.dependencies ?? []) {
      if (dep.code && !dep.isDynamic) pending.push(dep.code.specifier);
    }
  }
  return { statics, all: new Set(bySpecifier.keys()) };
}

const local = (path: string) => new URL(path, ROOT).href;

Deno.test("start-up: main.ts statically loads only what the first MCP answer needs", async () => {
  const { statics, all } = await graph();
  // Imports name npm modules as written (`npm:zod@^4`, `npm:/hono@^4/cors`): compare without the slash.
  const loaded = [...statics].map((s) => s.replace(/^npm:\//, "npm:"));
  const forbidden: [string, (specifier: string) => boolean][] = [
    ["the v2 SDK (2026-07-28 era)", (s) => s.startsWith("npm:@modelcontextprotocol/server")],
    ["the v2 SDK (2026-07-28 era)", (s) => s === local("mcp/modern.ts")],
    ["the MCP SDK client", (s) => /^npm:@modelcontextprotocol\/sdk@[^/]+\/client\//.test(s)],
    ["Preact", (s) => s.startsWith("npm:preact")],
    ["acorn (SDK compiler)", (s) => s.startsWith("npm:acorn")],
    ["the SDK compiler", (s) => s.startsWith(local("lib/xs/sdk/")) && !s.endsWith("/version.ts")],
    ["prom-client's package entry", (s) => /^npm:prom-client@[^/]+$/.test(s)],
    ["page modules", (s) => s.startsWith(local("routes/")) && !s.endsWith("/route_tables.ts")],
    ["page modules", (s) => s.startsWith(local("components/")) || s.startsWith(local("islands/"))],
    ["the tool docs", (s) => s === local("mcp/tool_docs.ts")],
    [
      "the Xano sandbox (only when it stands in for Xano)",
      (s) => s.startsWith(local("lib/sandbox/")),
    ],
  ];
  for (const [what, matches] of forbidden) {
    const found = loaded.filter(matches);
    assert.deepEqual(found, [], `${what} must load on first use, not at start-up`);
  }
  // Still in the graph through static-string import(), so `deno check main.ts` covers them.
  const lazy = [
    "routes/mod.tsx",
    "routes/sign_in.tsx",
    "routes/oauth.ts",
    "mcp/modern.ts",
    "lib/xs/sdk/mod.ts",
    "lib/sandbox/mod.ts",
  ];
  for (const path of lazy) {
    assert.ok(all.has(local(path)), `${path} is reachable from main.ts`);
  }
  assert.ok(statics.has(local("mcp/modern_lazy.ts")));
});
