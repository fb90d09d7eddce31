/**
 * The SDK client every load and start-up bench drives a server with: the
 * streamable HTTP transport, with the API key as a bearer token when given.
 *
 * @module
 */

import { Client, StreamableHTTPClientTransport } from "../mcp/sdk.ts";

/** An SDK client connected (`initialize` done) to the MCP endpoint at `url`. */
export async function connectClient(
  url: string | URL,
  key?: string,
  name = "bench",
): Promise<Client> {
  const transport = new StreamableHTTPClientTransport(new URL(url), {
    requestInit: key ? { headers: { authorization: `Bearer ${key}` } } : {},
  });
  const client = new Client({ name, version: "1" });
  await client.connect(transport);
  return client;
}
