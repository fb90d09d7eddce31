/**
 * The dashboard in a real browser (Debian `chromium` driven by playwright-core):
 * sign in, overview and copying the MCP URL, API keys, the playground, events
 * and usage. Screenshots of every page go to `.artifacts/screenshots/`.
 * Skips, saying so, only when chromium is not installed on this machine.
 */

import assert from "node:assert/strict";
import { type Browser, chromium, type Page } from "playwright-core";
import { manualClock } from "../../lib/clock.ts";
import { Client, StreamableHTTPClientTransport } from "../../mcp/sdk.ts";
import { memoryXano } from "../mcp/_memory_xano.ts";
import { memoryKv } from "../_helpers.ts";
import { DEMO, webApp } from "../_web_fakes.ts";

const CHROMIUM = "/usr/bin/chromium";
const SHOTS = new URL("../../.artifacts/screenshots/", import.meta.url);
const hasChromium = await Deno.stat(CHROMIUM).then(() => true, () => false);
if (!hasChromium) {
  console.warn(`browser tests skipped: ${CHROMIUM} is missing (apt-get install -y chromium)`);
}

async function startServer(kv: Deno.Kv) {
  let handler: (req: Request) => Response | Promise<Response> = () =>
    new Response(null, { status: 503 });
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    (req) => handler(req),
  );
  const origin = `http://127.0.0.1:${server.addr.port}`;
  const xano = memoryXano();
  const built = await webApp(kv, {
    clock: manualClock(Date.now()),
    publicUrl: origin,
    app: { mcp: { xanoFor: () => Promise.resolve(xano) } },
  });
  handler = built.app.fetch;
  return { server, origin, ...built };
}

async function launch(): Promise<Browser> {
  return await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
}

async function nav(page: Page, label: string): Promise<void> {
  await page.getByRole("navigation", { name: "Dashboard" }).getByRole("link", {
    name: label,
    exact: true,
  })
    .click();
  await page.waitForLoadState();
}

async function shot(page: Page, name: string): Promise<void> {
  await Deno.mkdir(SHOTS, { recursive: true });
  await page.screenshot({ path: new URL(`${name}.png`, SHOTS).pathname, fullPage: true });
}

Deno.test({
  name:
    "browser: sign in, copy the MCP URL, manage API keys, use the playground, see events and usage",
  ignore: !hasChromium,
  sanitizeOps: false,
  sanitizeResources: false,
  async fn(t) {
    using kv = await memoryKv();
    const { server, origin } = await startServer(kv);
    const browser = await launch();
    try {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      page.on("console", (m) => {
        if (m.type() === "error") errors.push(m.text());
      });

      await t.step(
        "landing page says what the product does and that the sandbox stands in",
        async () => {
          await page.goto(`${origin}/`);
          await page.getByRole("heading", { level: 1 }).waitFor();
          assert.match(await page.textContent("main") ?? "", /local sandbox/);
          await shot(page, "01-landing");
        },
      );

      await t.step("sign in as the sandbox demo user", async () => {
        await page.getByRole("link", { name: "Sign in to get started" }).click();
        await page.waitForURL(/\/signin\?request=/);
        await shot(page, "02-sign-in");
        await page.getByLabel("Email").fill(DEMO.email);
        await page.getByLabel("Password").fill(DEMO.password);
        await page.getByRole("button", { name: "Sign in with Xano account" }).click();
        await page.waitForURL(`${origin}/dashboard`);
        assert.equal(await page.textContent("h1"), "Welcome, Demo");
      });

      await t.step("overview: islands hydrate and the MCP URL is copied", async () => {
        await page.waitForSelector("html[data-islands=ready]");
        const copy = page.getByRole("button", { name: "Copy URL" });
        await copy.waitFor({ state: "visible" });
        await copy.click();
        await page.getByText("Copied").first().waitFor();
        const clip = await page.evaluate(() => navigator.clipboard.readText());
        assert.equal(clip, `${origin}/mcp`);
        await page.locator("#setup-cursor summary").click();
        assert.match(
          await page.textContent("#setup-cursor pre") ?? "",
          new RegExp(`"url": "${origin}/mcp"`),
        );
        await shot(page, "03-overview");
      });

      await t.step("API keys: create one, see it once, revoke it", async () => {
        await nav(page, "API keys");
        await page.getByLabel("Name").fill("CI deploys");
        await page.getByRole("checkbox", { name: /xano:deploy/ }).check();
        await page.getByLabel("Expires after").selectOption("30d");
        await page.getByRole("button", { name: "Create key" }).click();
        const secret = await page.getByLabel("New API key").inputValue();
        assert.match(secret, /^xmcp_ak_/);
        await shot(page, "04-api-key-created");
        await nav(page, "API keys");
        assert.equal(await page.getByLabel("New API key").count(), 0, "secret is not shown again");
        await page.getByRole("button", { name: "Revoke key CI deploys" }).click();
        await page.getByText("API key revoked").waitFor();
        assert.equal(await page.getByRole("row", { name: /CI deploys/ }).count(), 0);
      });

      await t.step("connections page", async () => {
        await nav(page, "Connections");
        await page.getByText("No assistant is connected yet").waitFor();
        await shot(page, "05-connections");
      });

      await t.step(
        "playground: typing compiles to XanoScript, with diagnostics at their lines and fixes",
        async () => {
          await nav(page, "Playground");
          await page.waitForSelector("html[data-islands=ready]");
          const editor = page.getByLabel("SDK code");
          await editor.fill(
            "const e = create('ping', 'GET')\n  .auth('user')\n  .input('n', 'string')\n  .bogus(1)\n  .response('$input.n');\n",
          );
          await page.getByText("Line 4:4").waitFor();
          assert.match(await page.textContent(".diagnostics") ?? "", /bogus\(\) is not a method/);
          assert.equal(
            await page.locator(".gutter > div:nth-child(4)").getAttribute("class"),
            "mark-error",
          );
          assert.match(await page.textContent(".fixes") ?? "", /method-alias[\s\S]*type-alias/);
          await shot(page, "06-playground-diagnostics");
          await page.getByText("Line 4:4").click();
          const selected = await editor.evaluate((el: HTMLTextAreaElement) =>
            el.value.slice(el.selectionStart, el.selectionEnd)
          );
          assert.equal(selected, "  .bogus(1)");
          await editor.fill(
            "const e = create('ping', 'GET')\n  .response('pong');\nreturn e.build().script;\n",
          );
          await page.getByText("Valid XanoScript").waitFor();
          assert.match(
            await page.textContent(".xanoscript") ?? "",
            /query ping verb=GET[\s\S]*response = "pong"/,
          );
          assert.equal(await page.locator(".gutter > div").count(), 4);
          await shot(page, "06-playground");
        },
      );

      await t.step(
        "events: tool calls made over MCP with a dashboard API key appear, and filters work",
        async () => {
          await nav(page, "API keys");
          await page.getByLabel("Name").fill("Inspector");
          await page.getByRole("button", { name: "Create key" }).click();
          const key = await page.getByLabel("New API key").inputValue();
          const client = new Client({ name: "browser-test", version: "1" });
          const transport = new StreamableHTTPClientTransport(new URL(`${origin}/mcp`), {
            requestInit: { headers: { authorization: `Bearer ${key}` } },
          });
          await client.connect(transport);
          const listed = await client.callTool({
            name: "xano_list_tables",
            arguments: { workspace_id: 1, note: "Bearer should-not-show-1234" },
          });
          assert.notEqual(listed.isError, true);
          const missing = await client.callTool({
            name: "xano_get_table_details",
            arguments: { workspace_id: 1, table_id: 999 },
          });
          assert.equal(missing.isError, true);
          // End the session (DELETE) so the server closes its event stream before shutdown.
          await transport.terminateSession();
          await client.close();
          await nav(page, "Events");
          const toolRow = (tool: string) =>
            page.getByRole("row").filter({
              has: page.getByRole("cell", { name: tool, exact: true }),
            });
          const row = toolRow("xano_list_tables");
          await row.waitFor();
          const text = await row.textContent() ?? "";
          assert.match(text, /API key "Inspector"/);
          assert.match(text, /\d+ ms/);
          assert.doesNotMatch(text, /should-not-show/);
          await shot(page, "07-events");
          await page.getByLabel("Outcome").selectOption("error");
          await page.getByRole("button", { name: "Apply" }).click();
          await page.waitForURL(/outcome=error/);
          assert.equal(await toolRow("xano_list_tables").count(), 0);
          await toolRow("xano_get_table_details").waitFor();
        },
      );

      await t.step("usage: charts render with the recorded calls", async () => {
        await nav(page, "Usage");
        await page.locator("svg[role=img] rect.bar").first().waitFor();
        assert.equal(await page.locator("svg[role=img]").count(), 4);
        assert.match(await page.textContent(".stats") ?? "", /Tool calls\s*2/);
        await page.getByRole("link", { name: "Last 30 days" }).click();
        await page.waitForURL(/range=30d/);
        await shot(page, "08-usage");
      });

      await t.step("docs page", async () => {
        await nav(page, "Docs");
        await page.locator("#tool-xano_list_tables").waitFor();
        await shot(page, "09-docs");
      });

      await t.step("phone layout: the overview fits a narrow screen", async () => {
        const phone = await browser.newContext({
          viewport: { width: 390, height: 844 },
          deviceScaleFactor: 2,
        });
        await phone.addCookies(await context.cookies());
        const small = await phone.newPage();
        await small.goto(`${origin}/dashboard`);
        const overflow = await small.evaluate(() =>
          document.documentElement.scrollWidth - globalThis.innerWidth
        );
        assert.ok(overflow <= 0, `page is ${overflow}px wider than the phone`);
        await shot(small, "10-overview-phone");
        await phone.close();
      });

      await t.step("sign out", async () => {
        await page.getByRole("button", { name: "Sign out" }).click();
        await page.waitForURL(`${origin}/`);
        await page.goto(`${origin}/dashboard`);
        await page.waitForURL(/\/signin\?request=/);
      });

      assert.deepEqual(errors, [], "no script errors in the browser");
    } finally {
      await browser.close();
      await server.shutdown();
    }
  },
});
