/**
 * The sign-in and consent pages in a real browser (Debian `chromium` driven by
 * playwright-core) with JavaScript switched off: a person signs in with the
 * demo account, chooses read-only on the consent page and is sent to the
 * client's loopback callback with a code that the token endpoint accepts.
 * Skips, saying so, only when chromium is not installed on this machine.
 */

import assert from "node:assert/strict";
import { chromium } from "playwright-core";
import { pkceChallengeS256, randomToken } from "../../lib/crypto.ts";
import { serveApp } from "../e2e/_serve.ts";

const CHROMIUM = "/usr/bin/chromium";
const hasChromium = await Deno.stat(CHROMIUM).then(() => true, () => false);
if (!hasChromium) {
  console.warn(`browser tests skipped: ${CHROMIUM} is missing (apt-get install -y chromium)`);
}

Deno.test({
  name: "browser: sign-in and consent work without JavaScript and end at the client's callback",
  ignore: !hasChromium,
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const app = await serveApp();
    const received: URL[] = [];
    await using callback = Deno.serve(
      { hostname: "127.0.0.1", port: 0, onListen: () => {} },
      (req) => {
        const url = new URL(req.url);
        if (url.pathname === "/callback") received.push(url); // not /favicon.ico
        return new Response("You can close this window.");
      },
    );
    const redirectUri = `http://127.0.0.1:${callback.addr.port}/callback`;
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--no-first-run",
        "--disable-quic",
      ],
    });
    try {
      const client = await (await fetch(`${app.origin}/register`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          redirect_uris: [redirectUri],
          token_endpoint_auth_method: "none",
          client_name: "Browser Test Client",
        }),
      })).json();
      const verifier = randomToken(48);
      const params = new URLSearchParams({
        response_type: "code",
        client_id: client.client_id,
        redirect_uri: redirectUri,
        code_challenge: await pkceChallengeS256(verifier),
        code_challenge_method: "S256",
        state: "browser-state",
        resource: `${app.origin}/mcp`,
      });
      const context = await browser.newContext({ javaScriptEnabled: false });
      const page = await context.newPage();
      const violations: string[] = [];
      page.on("console", (message) => {
        if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
      });

      await page.goto(`${app.origin}/authorize?${params}`);
      assert.equal(await page.title(), "Sign in · Xano MCP");
      await page.getByLabel("Email").fill("demo@example.com");
      await page.getByLabel("Password", { exact: true }).fill("wrong-password");
      await page.getByRole("button", { name: "Sign in with Xano account" }).click();
      assert.match(await page.getByRole("alert").innerText(), /incorrect/);
      await page.getByLabel("Password", { exact: true }).fill("demo1234");
      await page.getByRole("button", { name: "Sign in with Xano account" }).click();

      await page.waitForURL(/\/consent\?/);
      const heading = await page.getByRole("heading", { level: 1 }).innerText();
      assert.match(heading, /Browser Test Client/);
      assert.match(
        await page.locator("body").innerText(),
        new RegExp(`127\\.0\\.0\\.1:${callback.addr.port}`),
      );
      await page.getByLabel(/Read-only/).check();
      await page.getByLabel("Debugging tools").check();
      await page.getByRole("button", { name: "Allow" }).click();
      await page.waitForURL(/\/callback\?/);

      const back = received.at(-1)!;
      assert.equal(back.searchParams.get("state"), "browser-state");
      assert.equal(back.searchParams.get("iss"), app.origin);
      const token = await fetch(`${app.origin}/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          grant_type: "authorization_code",
          code: back.searchParams.get("code")!,
          code_verifier: verifier,
          redirect_uri: redirectUri,
          client_id: client.client_id,
        }),
      });
      assert.equal(token.status, 200);
      assert.equal((await token.json()).scope, "xano:read");
      assert.deepEqual(violations, []);
      await context.close();
    } finally {
      await browser.close();
      await app.close();
    }
  },
});
