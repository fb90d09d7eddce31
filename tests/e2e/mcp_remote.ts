/**
 * `deno task e2e:mcp-remote`: runs `mcp-remote-client` (mcp-remote 0.15.1, the
 * stdio↔remote proxy's test client) against the app on a loopback port. It
 * discovers the server, registers (DCR), prints an authorize URL and waits on
 * its own callback port; a scripted browser signs in and approves; the client
 * then connects with its token and lists tools. Exits non-zero unless the
 * tool list arrives.
 */

import { approveWithHttp, serveApp } from "./_serve.ts";

const CLIENT = "npm:mcp-remote@0.15.1/dist/client.js";

if (import.meta.main) {
  const server = await serveApp();
  const home = await Deno.makeTempDir({ prefix: "mcp-remote-auth-" });
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const callbackPort = (listener.addr as Deno.NetAddr).port;
  listener.close();
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      "--no-lock",
      CLIENT,
      `${server.origin}/mcp`,
      String(callbackPort),
      "--auth-timeout",
      "60",
    ],
    // Kept open: the client shuts down when its stdin ends.
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
    env: { MCP_REMOTE_CONFIG_DIR: home, NO_COLOR: "1", BROWSER: "none" },
  }).spawn();

  const decoder = new TextDecoder();
  let output = "";
  let approved = false;
  const pattern = new RegExp(`${server.origin.replaceAll(".", "\\.")}/authorize\\?\\S+`);
  const pump = async (stream: ReadableStream<Uint8Array>): Promise<void> => {
    for await (const chunk of stream) {
      output += decoder.decode(chunk);
      await Deno.stdout.write(chunk);
      const match = pattern.exec(output);
      if (match && !approved) {
        approved = true;
        const callback = await approveWithHttp(match[0]);
        const res = await fetch(callback);
        await res.body?.cancel();
      }
    }
  };
  const timer = setTimeout(() => child.kill(), 120_000);
  await Promise.all([pump(child.stdout), pump(child.stderr)]);
  const status = await child.status;
  clearTimeout(timer);
  await child.stdin.close().catch(() => {});
  await server.close();
  // The consent in approveWithHttp grants the "tables" toolset only.
  const listed = /"xano_list_tables"/.test(output) && !/"xano_list_instances"/.test(output);
  console.log(
    `\nmcp-remote-client: exit ${status.code}, approved ${approved}, tools listed ${listed}`,
  );
  Deno.exit(approved && listed ? 0 : 1);
}
