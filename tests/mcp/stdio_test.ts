import assert from "node:assert/strict";
import { Client, StdioClientTransport } from "../../mcp/sdk.ts";
import { parseStdioArgs } from "../../mcp/stdio.ts";

const STDIO_ENTRY = new URL("../../mcp/stdio.ts", import.meta.url).pathname;

Deno.test("stdio: flags parse, and a bad flag or toolset is named", () => {
  assert.deepEqual(parseStdioArgs(["--read-only", "--toolsets=tables,records", "--workspace=3"]), {
    readOnly: true,
    toolsets: ["tables", "records"],
    workspaceId: 3,
  });
  assert.deepEqual(parseStdioArgs([]), {
    readOnly: false,
    toolsets: undefined,
    workspaceId: undefined,
  });
  assert.throws(() => parseStdioArgs(["--toolsets=nope"]), /Unknown toolset nope/);
  assert.throws(() => parseStdioArgs(["--fast"]), /Unknown flag "--fast"/);
});

Deno.test("stdio: a client over stdio lists read-only tools and reads the sandbox", async () => {
  const transport = new StdioClientTransport({
    command: Deno.execPath(),
    args: ["run", "--allow-net", "--allow-env", "--allow-read", STDIO_ENTRY, "--read-only"],
    env: { NO_COLOR: "1", PATH: "" },
    stderr: "ignore",
  });
  const client = new Client({ name: "stdio-test", version: "1" });
  await client.connect(transport);
  try {
    const tools = (await client.listTools()).tools;
    assert.ok(tools.length > 10);
    assert.ok(tools.every((tool) => tool.annotations?.readOnlyHint === true));
    const dbs = await client.callTool({ name: "xano_list_databases", arguments: {} });
    assert.equal(dbs.isError, undefined, JSON.stringify(dbs.content));
  } finally {
    await client.close();
  }
});
