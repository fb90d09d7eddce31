/**
 * The floor for `bench/ops_load.ts`: the official SDK's streamable HTTP server
 * with one tool that answers a fixed result, with no auth, no KV and no Xano.
 * Sessions live in a Map. Prints `listening <port>` when ready.
 *
 * Run: `deno run --allow-all bench/bare_server.ts PAYLOAD_JSON_FILE` (the SDK's module graph reads env)
 */

import { z } from "zod";
import {
  isInitializeRequest,
  McpServer,
  WebStandardStreamableHTTPServerTransport,
} from "../mcp/sdk.ts";

const payload = JSON.parse(await Deno.readTextFile(Deno.args[0]!)) as {
  text: string;
  structured: Record<string, unknown>;
};
const sessions = new Map<string, WebStandardStreamableHTTPServerTransport>();

async function newSession(): Promise<WebStandardStreamableHTTPServerTransport> {
  const server = new McpServer({ name: "bare", version: "1.0.0" });
  server.registerTool(
    "xano_list_tables",
    { description: "Fixed answer", inputSchema: { workspace_id: z.number().optional() } },
    () => ({
      content: [{ type: "text", text: payload.text }],
      structuredContent: payload.structured,
    }),
  );
  const transport = new WebStandardStreamableHTTPServerTransport({
    sessionIdGenerator: () => crypto.randomUUID(),
    onsessioninitialized: (id) => void sessions.set(id, transport),
  });
  await server.connect(transport);
  return transport;
}

const httpServer = Deno.serve(
  { hostname: "127.0.0.1", port: 0, onListen: () => {} },
  async (req) => {
    const id = req.headers.get("mcp-session-id");
    const body = req.method === "POST" ? await req.json() : undefined;
    const transport = id
      ? sessions.get(id)
      : isInitializeRequest(body)
      ? await newSession()
      : undefined;
    if (!transport) return new Response("unknown session", { status: 404 });
    return await transport.handleRequest(req, { parsedBody: body });
  },
);
console.log(`listening ${httpServer.addr.port}`);
