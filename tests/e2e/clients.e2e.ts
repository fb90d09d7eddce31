/**
 * End-to-end tests with real MCP clients against the product `/mcp` routes on
 * a loopback port: the SDK `Client` over streamable HTTP with a bearer token,
 * the MCP Inspector CLI 1.0.3 and `mcp-remote-client` 0.15.1 (both fetched as
 * npm packages and run by Deno). Run with `deno task e2e`; not part of the
 * fast default suite because the first run downloads the CLIs.
 */

import assert from "node:assert/strict";
import { Client, ElicitRequestSchema, StreamableHTTPClientTransport } from "../../mcp/sdk.ts";
import { XANO_TOOLS } from "../../mcp/tools/mod.ts";
import { E2E_TOKEN, startServer } from "./_server.ts";
import { errorMeta } from "../mcp/_harness.ts";

const PING = 'query "ping" verb=GET {\n  input {\n  }\n  stack {\n  }\n  response = "pong"\n}';

async function run(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}) {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--no-config", ...args],
    cwd: options.cwd,
    env: { NO_COLOR: "1", ...options.env },
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const output = await child.output();
  const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  return { code: output.code, stdout: decode(output.stdout), stderr: decode(output.stderr) };
}

async function sdkClient(url: string, capabilities: Record<string, unknown> = {}) {
  const transport = new StreamableHTTPClientTransport(new URL(url), {
    requestInit: { headers: { authorization: `Bearer ${E2E_TOKEN}` } },
  });
  const client = new Client({ name: "e2e", version: "1" }, { capabilities });
  await client.connect(transport);
  return client;
}

Deno.test("e2e sdk client: lists tools, calls every read tool, deploys, deletes through both confirmations", async () => {
  await using server = await startServer();
  const client = await sdkClient(server.url);
  const tools = (await client.listTools()).tools;
  assert.ok(tools.length >= 30);
  const readArgs: Record<string, Record<string, unknown>> = {
    xano_get_instance_details: { instance_name: "x1" },
    xano_search_table_content: { table_id: 2, conditions: [{ field: "name", value: "Lamp" }] },
    xano_list_apis: { api_group_id: 7 },
    xano_get_api: { api_group_id: 7, api_id: 70 },
    xano_get_function: { function_id: 5 },
    validate_xanoscript: { source: PING },
    compile_sdk_code: { code: 'create("ping", "GET").response({ ok: true })' },
  };
  for (
    const tool of XANO_TOOLS.filter((t) => t.annotations.readOnlyHint && t.toolset !== "debug")
  ) {
    const args = { table_id: 2, record_id: 1, ...readArgs[tool.name] };
    const result = await client.callTool({ name: tool.name, arguments: args });
    assert.equal(result.isError, undefined, `${tool.name}: ${JSON.stringify(result.content)}`);
  }
  const deployed = await client.callTool({
    name: "deploy_xanoscript",
    arguments: { api_group_id: 7, source: PING },
  });
  assert.equal(
    (deployed.structuredContent as { endpoint_url: string }).endpoint_url,
    "https://x1.xano.io/api:abc123/ping",
  );

  const first = await client.callTool({
    name: "xano_delete_table_record",
    arguments: { table_id: 2, record_id: 1 },
  });
  const token = errorMeta(first).confirmation_token as string;
  const done = await client.callTool({
    name: "xano_delete_table_record",
    arguments: { table_id: 2, record_id: 1, confirmation_token: token },
  });
  assert.equal(done.isError, undefined);
  await client.close();

  const asking = await sdkClient(server.url, { elicitation: {} });
  asking.setRequestHandler(
    ElicitRequestSchema,
    () => ({ action: "accept", content: { confirm: true } }),
  );
  const elicited = await asking.callTool({
    name: "xano_delete_table_record",
    arguments: { table_id: 2, record_id: 2 },
  });
  assert.deepEqual(elicited.structuredContent, { deleted_id: 2 });
  await asking.close();
});

Deno.test("e2e inspector cli 1.0.3: lists tools and calls a read tool with a bearer header", async () => {
  await using server = await startServer();
  // The CLI imports "../package.json" when that path exists relative to the working directory.
  const dir = await Deno.makeTempDir();
  await Deno.writeTextFile(`${dir}/package.json`, "{}");
  await Deno.mkdir(`${dir}/cwd`);
  const cli = "npm:@modelcontextprotocol/inspector-cli@1.0.3/build/index.js";
  const common = [
    server.url,
    "--transport",
    "http",
    "--header",
    `Authorization: Bearer ${E2E_TOKEN}`,
  ];
  const list = await run([cli, ...common, "--method", "tools/list"], { cwd: `${dir}/cwd` });
  assert.equal(list.code, 0, list.stderr);
  assert.ok(
    JSON.parse(list.stdout).tools.some((t: { name: string }) => t.name === "xano_list_tables"),
  );
  const call = await run(
    [cli, ...common, "--method", "tools/call", "--tool-name", "xano_list_tables"],
    { cwd: `${dir}/cwd` },
  );
  assert.equal(call.code, 0, call.stderr);
  assert.match(JSON.parse(call.stdout).content[0].text, /3 table\(s\) in workspace 1/);
  const denied = await run([cli, server.url, "--transport", "http", "--method", "tools/list"], {
    cwd: `${dir}/cwd`,
  });
  assert.notEqual(denied.code, 0);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("e2e mcp-remote-client 0.15.1: connects with a bearer header and lists tools and resources", async () => {
  await using server = await startServer();
  const home = await Deno.makeTempDir();
  const result = await run(
    [
      "npm:mcp-remote@0.15.1/dist/client.js",
      server.url,
      "--header",
      `Authorization: Bearer ${E2E_TOKEN}`,
      "--allow-http",
    ],
    { env: { HOME: home } },
  );
  assert.equal(result.code, 0, result.stderr.slice(-2000));
  assert.match(result.stderr, /Connected successfully!/);
  assert.match(result.stderr, /"name": "xano_list_tables"/);
  assert.match(result.stderr, /xano:\/\/docs\/quick-reference/);
  assert.match(result.stderr, /Exiting OK/);
  await Deno.remove(home, { recursive: true });
});

Deno.test("e2e mcp-remote-client 0.15.1: the legacy /sse transport with a bearer header", async () => {
  await using server = await startServer();
  const home = await Deno.makeTempDir();
  const url = server.url.replace(/\/mcp$/, "/sse");
  const result = await run(
    [
      "npm:mcp-remote@0.15.1/dist/client.js",
      url,
      "--header",
      `Authorization: Bearer ${E2E_TOKEN}`,
      "--allow-http",
      "--transport",
      "sse-only",
    ],
    { env: { HOME: home } },
  );
  assert.equal(result.code, 0, result.stderr.slice(-2000));
  assert.match(result.stderr, /SSEClientTransport/);
  assert.match(result.stderr, /"name": "xano_list_tables"/);
  await Deno.remove(home, { recursive: true });
});
