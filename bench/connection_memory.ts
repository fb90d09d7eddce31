/**
 * What an open HTTP connection costs a Deno server, apart from anything the
 * app does: a trivial `Deno.serve` in its own process (one SSE stream per GET,
 * a small JSON answer per POST), and N clients that each hold a GET stream open
 * and make POSTs, as MCP sessions with a standalone stream do. Prints the server's RSS and open file
 * descriptors before and after, and the RSS per open connection: one holding
 * an SSE response (Deno keeps a 32 KB ring of buffer slots per streamed body)
 * and one idle between requests. Writes
 * `bench/results/connection_memory.{json,md}`.
 *
 * Run: `deno run --allow-all bench/connection_memory.ts [--sessions 200] [--posts 20]`
 */

import { numberOption } from "./_args.ts";
import { openFds, rssMb } from "./_proc.ts";

function option(name: string, fallback: number): number {
  const value = numberOption(name, fallback);
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`--${name} must be a positive integer`);
  }
  return value;
}

const SESSIONS = option("sessions", 200);
const POSTS = option("posts", 20);

const SERVER = `
const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (req) => {
  if (req.method === "GET") {
    const body = new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode(": open\\n\\n")); } });
    return new Response(body, { headers: { "content-type": "text/event-stream" } });
  }
  await req.text();
  return Response.json({ jsonrpc: "2.0", id: 1, result: { content: [{ type: "text", text: "x".repeat(400) }] } });
});
console.log("listening " + server.addr.port);
`;

const dir = await Deno.makeTempDir({ prefix: "xmcp-connections-" });
await Deno.writeTextFile(`${dir}/server.ts`, SERVER);
const child = new Deno.Command(Deno.execPath(), {
  args: ["run", "--allow-net", `${dir}/server.ts`],
  stdout: "piped",
  stderr: "inherit",
}).spawn();
const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
let text = "";
while (!/listening (\d+)/.test(text)) {
  const chunk = await reader.read();
  if (chunk.done) throw new Error(`server exited: ${text}`);
  text += chunk.value;
}
const url = `http://127.0.0.1:${/listening (\d+)/.exec(text)![1]}/`;

function sample(): { rssMb: number; fds: number } {
  return { rssMb: Math.round(rssMb(child.pid) * 10) / 10, fds: openFds(child.pid) };
}

await (await fetch(url, { method: "POST", body: "{}" })).text(); // the server's code is warm
const before = sample();
const streams: ReadableStreamDefaultReader<Uint8Array>[] = [];
for (let i = 0; i < SESSIONS; i++) {
  const response = await fetch(url, { headers: { accept: "text/event-stream" } });
  const stream = response.body!.getReader();
  await stream.read();
  streams.push(stream);
}
const withStreams = sample();
await Promise.all(Array.from({ length: SESSIONS }, async () => {
  for (let i = 0; i < POSTS; i++) {
    await (await fetch(url, { method: "POST", body: JSON.stringify({ n: i }) })).text();
  }
}));
const after = sample();
const connections = after.fds - before.fds;
const perKb = (from: { rssMb: number; fds: number }, to: { rssMb: number; fds: number }) =>
  Math.round(((to.rssMb - from.rssMb) * 1024) / Math.max(1, to.fds - from.fds));
const result = {
  date: new Date().toISOString(),
  deno: Deno.version.deno,
  sessions: SESSIONS,
  postsPerSession: POSTS,
  before,
  withStreams,
  after,
  connections,
  kbPerConnection: perKb(before, after),
  /** A connection holding an open SSE response (Deno's stream buffer included). */
  kbPerStream: perKb(before, withStreams),
  /** A keep-alive connection between requests. */
  kbPerIdleConnection: perKb(withStreams, after),
};
for (const stream of streams) await stream.cancel();
child.kill("SIGKILL");
await child.status;
await Deno.remove(dir, { recursive: true });

const md = `# What open connections cost a bare Deno server

Measured ${result.date} with Deno ${result.deno} by \`deno run --allow-all bench/connection_memory.ts --sessions ${SESSIONS} --posts ${POSTS}\`:
a trivial \`Deno.serve\` (an SSE stream per GET, a small JSON answer per POST) and ${SESSIONS} clients,
each holding a GET stream open and making ${POSTS} POSTs, as MCP sessions with a standalone stream do.

| | server RSS | open file descriptors |
| --- | ---: | ---: |
| warm, no clients | ${before.rssMb} MB | ${before.fds} |
| ${SESSIONS} GET streams open | ${withStreams.rssMb} MB | ${withStreams.fds} |
| and ${SESSIONS * POSTS} POSTs made | ${after.rssMb} MB | ${after.fds} |

${connections} connections held: about **${result.kbPerConnection} KB of RSS per open connection**; one
holding an open SSE response ~${result.kbPerStream} KB, one idle between requests ~${result.kbPerIdleConnection} KB.
`;
await Deno.writeTextFile(new URL("./results/connection_memory.md", import.meta.url), md);
await Deno.writeTextFile(
  new URL("./results/connection_memory.json", import.meta.url),
  JSON.stringify(result, null, 2) + "\n",
);
console.log(md);
