/**
 * The dashboard in a real browser (Debian `chromium` driven by playwright-core)
 * over the whole product as `main.ts` wires it without Xano: the local sandbox
 * stands in for Xano. Signs in as the sandbox demo user, copies the MCP URL,
 * creates and revokes an API key, makes MCP tool calls with a key and sees
 * them in events and usage, compiles and deploys in the playground.
 * Screenshots of every page go to `.artifacts/screenshots/`.
 * Skips, saying so, only when chromium is not installed on this machine.
 */

import assert from "node:assert/strict";
import { type Browser, chromium, type Page } from "playwright-core";
import { Client, StreamableHTTPClientTransport } from "../../mcp/sdk.ts";
import { memoryKv } from "../_helpers.ts";
import { DEMO, productApp } from "../_web_fakes.ts";

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
  const { app } = await productApp(kv, { publicUrl: origin });
  handler = app.fetch;
  return { server, origin };
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
  await page.getByRole("navigation", { name: "Dashboard" })
    .getByRole("link", { name: label, exact: true })
    .click();
  await page.waitForLoadState();
}

async function shot(page: Page, name: string): Promise<void> {
  await Deno.mkdir(SHOTS, { recursive: true });
  await page.screenshot({ path: new URL(`${name}.png`, SHOTS).pathname, fullPage: true });
}

function toolRow(page: Page, tool: string) {
  return page.getByRole("row").filter({ has: page.getByRole("cell", { name: tool, exact: true }) });
}

Deno.test({
  name: "browser: the dashboard over the sandbox, from sign-in to events, usage and a deploy",
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
        assert.match(await page.textContent("h1") ?? "", /^Welcome, /);
      });

      await t.step("overview: Xano connection, copy the MCP URL, refresh the token", async () => {
        await page.waitForSelector("html[data-islands=ready]");
        assert.match(await page.textContent("#xano-heading + p") ?? "", /Connected/);
        assert.match(await page.textContent(".facts") ?? "", /demo@example\.com/);
        const copy = page.getByRole("button", { name: "Copy URL" });
        await copy.click();
        await page.getByText("Copied").first().waitFor();
        assert.equal(await page.evaluate(() => navigator.clipboard.readText()), `${origin}/mcp`);
        await page.locator("#setup-cursor summary").click();
        assert.match(
          await page.textContent("#setup-cursor pre") ?? "",
          new RegExp(`"url": "${origin}/mcp"`),
        );
        await shot(page, "03-overview");
        await page.getByRole("button", { name: "Refresh now" }).click();
        await page.getByText("Xano accepted the current token").waitFor();
      });

      await t.step("API keys: create one, see it once, revoke it", async () => {
        await nav(page, "API keys");
        await page.getByLabel("Name").fill("CI deploys");
        await page.getByRole("checkbox", { name: /xano:deploy/ }).check();
        await page.getByLabel("Expires after").selectOption("30d");
        await page.getByRole("button", { name: "Create key" }).click();
        assert.match(await page.getByLabel("New API key").inputValue(), /^xmcp_ak_/);
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
        "playground: typing compiles, diagnostics at their lines, fixes, deploy",
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
            "const e = create('ping', 'GET')\n  .response({ pong: true });\nreturn e.build().script;\n",
          );
          await page.getByText("Valid XanoScript").waitFor();
          assert.match(await page.textContent(".xanoscript") ?? "", /query ping verb=GET/);
          assert.equal(await page.locator(".gutter > div").count(), 4);
          await shot(page, "06-playground");
          const target = page.getByLabel("Deploy to");
          const firstGroup = await target.locator("option").first().getAttribute("value");
          await target.selectOption(firstGroup!);
          await page.getByRole("button", { name: "Deploy to Xano" }).click();
          await page.getByText(/Deployed query "ping"/).waitFor();
          await shot(page, "06-playground-deployed");
        },
      );

      await t.step(
        "events: MCP tool calls with a dashboard API key appear, with filters",
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
          const listed = await client.callTool({ name: "xano_list_databases", arguments: {} });
          assert.notEqual(listed.isError, true, JSON.stringify(listed.content));
          const missing = await client.callTool({
            name: "xano_get_table_details",
            arguments: { workspace_id: 1, table_id: 99999 },
          });
          assert.equal(missing.isError, true);
          // End the session (DELETE) so the server closes its event stream before shutdown.
          await transport.terminateSession();
          await client.close();

          await nav(page, "Events");
          const row = toolRow(page, "xano_list_databases");
          await row.waitFor();
          assert.match(await row.textContent() ?? "", /API key "Inspector"/);
          const deployRow = toolRow(page, "deploy_sdk_code");
          assert.match(await deployRow.textContent() ?? "", /Dashboard playground[\s\S]*ok/);
          await shot(page, "07-events");
          await page.getByLabel("Outcome").selectOption("error");
          await page.getByRole("button", { name: "Apply" }).click();
          await page.waitForURL(/outcome=error/);
          assert.equal(await toolRow(page, "xano_list_databases").count(), 0);
          await toolRow(page, "xano_get_table_details").waitFor();
        },
      );

      await t.step("usage: charts render with the recorded calls", async () => {
        await nav(page, "Usage");
        await page.locator("svg[role=img] rect.bar").first().waitFor();
        assert.equal(await page.locator("svg[role=img]").count(), 4);
        const stats = await page.textContent(".stats") ?? "";
        assert.match(stats, /Tool calls\s*3/);
        assert.match(stats, /Deploy success\s*100%/);
        await page.getByRole("link", { name: "Last 30 days" }).click();
        await page.waitForURL(/range=30d/);
        await shot(page, "08-usage");
      });

      await t.step("docs page lists the tool inventory", async () => {
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
