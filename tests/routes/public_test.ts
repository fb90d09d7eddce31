import assert from "node:assert/strict";
import { memoryKv } from "../_helpers.ts";
import { harness } from "./_client.ts";
import { safeNext } from "../../routes/public.tsx";

Deno.test("landing: says what the product does and, in sandbox mode, that a sandbox stands in for Xano", async () => {
  using kv = await memoryKv();
  const h = await harness(kv);
  const res = await h.get("/", "");
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

Deno.test("landing: without sandbox mode there is no sandbox notice", async () => {
  using kv = await memoryKv();
  const h = await harness(kv);
  const real = await harness(kv, {
    web: { config: { ...h.web.config, xano: { ...h.web.config.xano, useSandbox: false } } },
  });
  const html = await (await real.get("/", "")).text();
  assert.doesNotMatch(html, /sandbox/i);
});

Deno.test("login: a signed-out dashboard visit redirects to sign-in and back", async () => {
  using kv = await memoryKv();
  const h = await harness(kv);
  const res = await h.get("/dashboard/usage?range=30d", "");
  assert.equal(res.status, 303);
  assert.equal(res.headers.get("location"), "/login?next=%2Fdashboard%2Fusage");
  const page = await h.get("/login?next=%2Fdashboard%2Fusage", "");
  const html = await page.text();
  assert.match(html, /name="next" value="\/dashboard\/usage"/);
  assert.match(html, /demo@example\.com/, "sandbox demo account is shown");
});

Deno.test("login: the form needs its CSRF cookie, rejects bad input and wrong passwords, and signs in", async () => {
  using kv = await memoryKv();
  const h = await harness(kv);
  const page = await h.get("/login", "");
  const setCookie = page.headers.get("set-cookie") ?? "";
  const cookieToken = /xm_login_csrf=([^;]+)/.exec(setCookie)?.[1];
  assert.ok(cookieToken, "login page sets its CSRF cookie");
  assert.match(setCookie, /HttpOnly/);
  const html = await page.text();
  assert.ok(html.includes(`name="csrf" value="${cookieToken}"`));
  const cookie = `xm_login_csrf=${cookieToken}`;

  const noToken = await h.post("/login", {
    method: "account",
    email: "demo@example.com",
    password: "demo1234",
  }, { cookie });
  assert.equal(noToken.status, 403);

  const crossSite = await h.post("/login", {
    csrf: cookieToken,
    method: "account",
    email: "a@b.c",
    password: "x",
  }, {
    cookie,
    origin: "https://evil.example",
  });
  assert.equal(crossSite.status, 403);

  const badEmail = await h.post("/login", {
    csrf: cookieToken,
    method: "account",
    email: "nope",
    password: "x",
  }, { cookie });
  assert.equal(badEmail.status, 400);
  assert.match(await badEmail.text(), /Enter the email address/);

  const wrong = await h.post("/login", {
    csrf: cookieToken,
    method: "account",
    email: "demo@example.com",
    password: "bad",
  }, {
    cookie,
  });
  assert.equal(wrong.status, 401);
  const wrongHtml = await wrong.text();
  assert.match(wrongHtml, /Wrong email or password/);
  assert.match(wrongHtml, /value="demo@example\.com"/, "email is kept");
  assert.doesNotMatch(wrongHtml, /value="bad"/, "password is never echoed");

  const badToken = await h.post("/login", {
    csrf: cookieToken,
    method: "token",
    instance_url: "ftp://x",
    meta_token: "t",
  }, { cookie });
  assert.equal(badToken.status, 400);
  assert.match(await badToken.text(), /Enter the instance URL/);

  const ok = await h.post("/login", {
    csrf: cookieToken,
    method: "account",
    email: "demo@example.com",
    password: "demo1234",
    next: "/dashboard/events",
  }, { cookie });
  assert.equal(ok.status, 303);
  assert.equal(ok.headers.get("location"), "/dashboard/events");
  const cookies = ok.headers.getSetCookie();
  assert.ok(cookies.some((c) => c.startsWith("xm_test_session=")));
  assert.ok(cookies.some((c) => c.startsWith("xm_login_csrf=;")), "login CSRF cookie is cleared");
});

Deno.test("login: next never leaves the dashboard", () => {
  assert.equal(safeNext("/dashboard/events"), "/dashboard/events");
  assert.equal(safeNext("//evil.example/dashboard"), "/dashboard");
  assert.equal(safeNext("https://evil.example"), "/dashboard");
  assert.equal(safeNext("/dashboard\\@evil"), "/dashboard");
  assert.equal(safeNext(undefined), "/dashboard");
});

Deno.test("logout: GET asks, POST with the session's CSRF token signs out", async () => {
  using kv = await memoryKv();
  const h = await harness(kv);
  const ask = await h.get("/logout");
  assert.equal(ask.status, 200);
  assert.match(await ask.text(), /name="csrf" value="csrf-fixed-0123456789"/);
  const forged = await h.post("/logout", { csrf: "wrong" });
  assert.equal(forged.status, 303);
  assert.equal(forged.headers.get("location"), "/logout");
  assert.ok(h.fakes.sessions.sessions.has("fixed"));
  const res = await h.post("/logout", { csrf: h.csrf });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get("location"), "/");
  assert.match(res.headers.get("set-cookie") ?? "", /Max-Age=0/);
  assert.equal(h.fakes.sessions.sessions.has("fixed"), false);
});

Deno.test("static: versioned assets are cached for a year, unversioned ones revalidate", async () => {
  using kv = await memoryKv();
  const h = await harness(kv);
  const versioned = await h.get(h.web.assets.css, "");
  assert.equal(versioned.status, 200);
  assert.match(versioned.headers.get("content-type") ?? "", /text\/css/);
  assert.equal(versioned.headers.get("cache-control"), "public, max-age=31536000, immutable");
  await versioned.body?.cancel();
  const plain = await h.get("/static/app.css", "");
  assert.equal(plain.headers.get("cache-control"), "public, max-age=0, must-revalidate");
  await plain.body?.cancel();
  assert.ok(h.web.assets.js, "island bundle was built before the tests");
  const js = await h.get(h.web.assets.js!, "");
  assert.match(js.headers.get("content-type") ?? "", /javascript/);
  await js.body?.cancel();
  const traversal = await h.get("/static/../deno.json", "");
  assert.notEqual(traversal.status, 200);
  await traversal.body?.cancel();
});
