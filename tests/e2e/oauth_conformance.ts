/**
 * `deno task conformance:oauth`: runs the official conformance suite's
 * `authorization` scenarios (0.2.0-alpha.12) against this app's authorization
 * server on a loopback port. A client is registered through `/register`; when
 * the suite prints its authorize URL, a scripted browser signs in with the demo
 * account and approves, which sends the code to the suite's callback server.
 * Exits non-zero if the suite fails.
 */

import { approveWithHttp, serveApp } from "./_serve.ts";

const SUITE = "npm:@modelcontextprotocol/conformance@0.2.0-alpha.12";

function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return port;
}

if (import.meta.main) {
  const server = await serveApp();
  const callbackPort = freePort();
  const registered = await fetch(`${server.origin}/register`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      redirect_uris: [`http://127.0.0.1:${callbackPort}/callback`],
      token_endpoint_auth_method: "none",
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
      client_name: "MCP conformance suite",
    }),
  });
  const { client_id: clientId } = await registered.json();
  const outDir = await Deno.makeTempDir({ prefix: "oauth-conformance-" });
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      "--no-lock",
      SUITE,
      "authorization",
      "--url",
      server.origin,
      "--client-id",
      clientId,
      "--resource",
      `${server.origin}/mcp`,
      "-p",
      String(callbackPort),
      "-o",
      outDir,
    ],
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).spawn();

  const decoder = new TextDecoder();
  let output = "";
  let approved = false;
  const pattern = new RegExp(`${server.origin.replaceAll(".", "\\.")}/authorize\\?\\S+`);
  const pump = async (stream: ReadableStream<Uint8Array>): Promise<void> => {
    for await (const chunk of stream) {
      const text = decoder.decode(chunk);
      output += text;
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
  await Promise.all([pump(child.stdout), pump(child.stderr)]);
  const status = await child.status;
  await server.close();
  console.log(`\nconformance authorization: exit ${status.code}, results in ${outDir}`);
  Deno.exit(status.code);
}
