import assert from "node:assert/strict";
import { memoryKv } from "../_helpers.ts";
import { Browser, signIn, webApp } from "../_web_fakes.ts";
import { safeNext } from "../../routes/public.tsx";
import { harness } from "./_client.ts";

Deno.test("landing: says what the product does and, in sandbox mode, that a sandbox stands in for Xano", async () => {
  using kv = await memoryKv();
  const { app } = await webApp(kv);
  const res = await app.request("/");
  assert.equal(res.status, 200);
  assert.match(res.headers.get("content-type") ?? "", /text\/html/);
  assert.match(res.headers.get("content-security-policy") ?? "", /script-src 'self'/);
  const html = await res.text();
  assert.match(html, /^<!doctype html>/);
  assert.match(html, /Let your AI assistant build and run your Xano backend/);
  assert.match(html, /local sandbox/);
  assert.match(html, /href="\/login"/);
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, "no inline script");
  assert.doesNotMatch(html, /\sstyle=/, "no inline style");
});

Deno.test("landing: with a real Xano configured there is no sandbox notice", async () => {
  using kv = await memoryKv();
  const { app } = await webApp(kv, { env: { XANO_AUTH_URL: "https://x.xano.io/api:abc" } });
  assert.doesNotMatch(await (await app.request("/")).text(), /sandbox/i);
});

Deno.test("login: signed-out dashboard visits go through /login to the sign-in page and back", async () => {
  using kv = await memoryKv();
  const { app } = await webApp(kv);
  const res = await app.request("/dashboard/usage?range=30d");
  assert.equal(res.status, 303);
  assert.equal(res.headers.get("location"), "/login?next=%2Fdashboard%2Fusage");
  const login = await app.request("/login?next=%2Fdashboard%2Fusage");
  assert.equal(login.status, 303);
  assert.equal(login.headers.get("location"), "/signin?return_to=%2Fdashboard%2Fusage");
  const evil = await app.request("/login?next=%2F%2Fevil.example");
  assert.equal(evil.headers.get("location"), "/signin?return_to=%2Fdashboard");

  const browser = new Browser(app);
  await signIn(browser, "/dashboard/usage");
  const back = await browser.request("/login?next=%2Fdashboard%2Fevents");
  assert.equal(back.status, 303, "signed-in visitors skip the sign-in page");
  assert.equal(back.headers.get("location"), "/dashboard/events");
});

Deno.test("login: next never leaves the dashboard", () => {
  assert.equal(safeNext("/dashboard/events"), "/dashboard/events");
  assert.equal(safeNext("//evil.example/dashboard"), "/dashboard");
  assert.equal(safeNext("https://evil.example"), "/dashboard");
  assert.equal(safeNext("/dashboard\\@evil"), "/dashboard");
  assert.equal(safeNext(undefined), "/dashboard");
});

Deno.test("logout: GET asks, POST needs the session's CSRF token and a same-origin form", async () => {
  using kv = await memoryKv();
  const h = await harness(kv);
  const ask = await h.get("/logout");
  assert.equal(ask.status, 200);
  assert.ok((await ask.text()).includes(`name="csrf" value="${h.csrf}"`));
  const forged = await h.post("/logout", { csrf: "wrong" });
  assert.equal(forged.headers.get("location"), "/logout");
  const crossSite = await h.post("/logout", { csrf: h.csrf }, { origin: "https://evil.example" });
  assert.equal(crossSite.headers.get("location"), "/logout");
  assert.equal((await h.get("/dashboard")).status, 200, "still signed in");
  const res = await h.post("/logout", { csrf: h.csrf });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get("location"), "/");
  assert.equal((await h.get("/dashboard")).status, 303, "signed out");
});

Deno.test("static: versioned assets are cached for a year, unversioned ones revalidate", async () => {
  using kv = await memoryKv();
  const { app, deps } = await webApp(kv);
  const assets = deps.web!.assets;
  const versioned = await app.request(assets.css);
  assert.equal(versioned.status, 200);
  assert.match(versioned.headers.get("content-type") ?? "", /text\/css/);
  assert.equal(versioned.headers.get("cache-control"), "public, max-age=31536000, immutable");
  await versioned.body?.cancel();
  const plain = await app.request("/static/app.css");
  assert.equal(plain.headers.get("cache-control"), "public, max-age=0, must-revalidate");
  await plain.body?.cancel();
  assert.ok(assets.js, "island bundle was built before the tests");
  const js = await app.request(assets.js!);
  assert.match(js.headers.get("content-type") ?? "", /javascript/);
  const entry = await js.text();
  const chunk = /["'](\.\/chunk-[A-Z0-9]{8}\.js)["']/.exec(entry)?.[1];
  assert.ok(chunk, "the entry imports content-hashed chunks");
  const shared = await app.request(`/static/islands/${chunk!.slice(2)}`);
  assert.equal(shared.headers.get("cache-control"), "public, max-age=31536000, immutable");
  await shared.body?.cancel();
  const traversal = await app.request("/static/../deno.json");
  assert.notEqual(traversal.status, 200);
  await traversal.body?.cancel();
});
