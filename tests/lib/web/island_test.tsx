import assert from "node:assert/strict";
import { renderToString } from "preact-render-to-string";
import { Island } from "../../../lib/web/island.tsx";
import { csrfMatches, isSameOrigin, readCookie } from "../../../lib/web/csrf.ts";

function decodeAttribute(text: string): string {
  return text.replaceAll("&quot;", '"').replaceAll("&lt;", "<").replaceAll("&gt;", ">")
    .replaceAll("&#39;", "'").replaceAll("&amp;", "&");
}

Deno.test("island: props survive any text, escaped inside the data attribute", () => {
  const text = `"></div><script>alert(1)</script>&amp; 'quotes' \u2028 ü`;
  const html = renderToString(<Island name="CopyButton" props={{ text, label: "Copy" }} />);
  const match = /^<div data-island="CopyButton" data-props="([^"]*)" class="island">/.exec(html);
  assert.ok(match, html);
  assert.doesNotMatch(match[1]!, /[<"]/, "no character that could end the attribute or open a tag");
  assert.deepEqual(JSON.parse(decodeAttribute(match[1]!)), { text, label: "Copy" });
  assert.doesNotMatch(html, /<script>/);
});

Deno.test("island: the copy button is rendered hidden until hydration", () => {
  const html = renderToString(
    <Island name="CopyButton" props={{ text: "x", label: "Copy URL" }} />,
  );
  assert.match(html, /<button type="button" class="button small" hidden/);
});

Deno.test("csrf: tokens compare in constant time and never match when empty", () => {
  assert.equal(csrfMatches("abc", "abc"), true);
  assert.equal(csrfMatches("abc", "abd"), false);
  assert.equal(csrfMatches("", ""), false);
  assert.equal(csrfMatches("abc", undefined), false);
  assert.equal(csrfMatches("abc", ["abc"]), false);
});

Deno.test("csrf: same-origin check honours Origin and Fetch Metadata", () => {
  const url = "http://127.0.0.1:8000";
  const req = (headers: Record<string, string>) =>
    new Request(`${url}/x`, { method: "POST", headers });
  assert.equal(isSameOrigin(req({ origin: url }), url), true);
  assert.equal(isSameOrigin(req({}), url), true);
  assert.equal(isSameOrigin(req({ origin: "https://evil.example" }), url), false);
  assert.equal(isSameOrigin(req({ "sec-fetch-site": "cross-site" }), url), false);
  assert.equal(isSameOrigin(req({ origin: "null" }), url), false);
  assert.equal(isSameOrigin(req({ origin: "null", "sec-fetch-site": "same-origin" }), url), true);
  assert.equal(isSameOrigin(req({ origin: "null", "sec-fetch-site": "same-site" }), url), false);
  assert.equal(
    isSameOrigin(req({ origin: "https://evil.example", "sec-fetch-site": "same-origin" }), url),
    false,
  );
  assert.equal(readCookie(req({ cookie: "a=1; b=two=2" }), "b"), "two=2");
  assert.equal(readCookie(req({ cookie: "a=1" }), "b"), undefined);
});
