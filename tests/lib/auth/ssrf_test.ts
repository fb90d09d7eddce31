import assert from "node:assert/strict";
import { checkFetchableUrl, isPublicIp } from "../../../lib/auth/ssrf.ts";

Deno.test("ssrf: isPublicIp refuses private, loopback, link-local and reserved ranges", () => {
  for (
    const ip of [
      "10.1.2.3",
      "127.0.0.1",
      "172.16.0.1",
      "172.31.255.255",
      "192.168.1.1",
      "169.254.169.254",
      "100.64.0.1",
      "0.0.0.0",
      "224.0.0.1",
      "255.255.255.255",
      "::1",
      "::",
      "fc00::1",
      "fd12:3456::1",
      "fe80::1",
      "::ffff:10.0.0.1",
      "::ffff:7f00:1",
      "64:ff9b::a00:1",
      "2001:db8::1",
      "ff02::1",
      "not-an-ip",
    ]
  ) assert.equal(isPublicIp(ip), false, ip);
  for (
    const ip of ["93.184.216.34", "8.8.8.8", "172.32.0.1", "2606:4700::6810:85e5", "::ffff:8.8.8.8"]
  ) {
    assert.equal(isPublicIp(ip), true, ip);
  }
});

Deno.test("ssrf: checkFetchableUrl wants https and public addresses", async () => {
  const table: Record<string, string[]> = {
    "public.example": ["93.184.216.34"],
    "internal.example": ["93.184.216.34", "10.0.0.5"],
    "metadata.example": ["169.254.169.254"],
  };
  const resolveHost = (host: string) => Promise.resolve(table[host] ?? []);
  const strict = { resolveHost, allowLoopback: false };
  assert.equal(await checkFetchableUrl("https://public.example/client.json", strict), null);
  assert.match((await checkFetchableUrl("http://public.example/c", strict))!, /must use https/);
  assert.match((await checkFetchableUrl("https://internal.example/c", strict))!, /private/);
  assert.match((await checkFetchableUrl("https://metadata.example/c", strict))!, /private/);
  assert.match((await checkFetchableUrl("https://10.0.0.1/c", strict))!, /private/);
  assert.match((await checkFetchableUrl("https://[::1]/c", strict))!, /private/);
  assert.match((await checkFetchableUrl("https://localhost/c", strict))!, /loopback/);
  assert.match(
    (await checkFetchableUrl("https://nowhere.example/c", strict))!,
    /cannot be resolved/,
  );
  assert.match((await checkFetchableUrl("https://u:p@public.example/c", strict))!, /credentials/);
  assert.match((await checkFetchableUrl("file:///etc/passwd", strict))!, /https/);
  const dev = { resolveHost, allowLoopback: true };
  assert.equal(await checkFetchableUrl("http://127.0.0.1:8000/_sandbox/api:meta", dev), null);
  assert.equal(await checkFetchableUrl("http://localhost:8000/x", dev), null);
  assert.match((await checkFetchableUrl("http://public.example/x", dev))!, /https/);
  assert.match((await checkFetchableUrl("https://internal.example/c", dev))!, /private/);
});
