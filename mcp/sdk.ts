/**
 * Re-exports of the MCP SDK's deep modules with their real types. Under Deno
 * the SDK's `"./*"` export maps `server/mcp.js` to a non-existent
 * `mcp.js.d.ts`, so without `@ts-types` every class silently becomes `any`
 * (typescript-sdk issue #2701). Import the SDK only through this module, or,
 * from the server's own modules, through `mcp/sdk_server.ts` (its server
 * half, which keeps the SDK client out of the server's start-up).
 *
 * @module
 */

export * from "./sdk_server.ts";
// @ts-types="@modelcontextprotocol/sdk/client/index"
export { Client } from "@modelcontextprotocol/sdk/client/index.js";
// @ts-types="@modelcontextprotocol/sdk/client/streamableHttp"
export { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
// @ts-types="@modelcontextprotocol/sdk/inMemory"
export { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
// @ts-types="@modelcontextprotocol/sdk/server/stdio"
export { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
// @ts-types="@modelcontextprotocol/sdk/client/sse"
export { SSEClientTransport } from "@modelcontextprotocol/sdk/client/sse.js";
// @ts-types="@modelcontextprotocol/sdk/client/stdio"
export { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
