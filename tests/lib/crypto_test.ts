import assert from "node:assert/strict";
import {
  createSealer,
  pkceChallengeS256,
  randomToken,
  SealError,
  sha256Hex,
  timingSafeEqual,
} from "../../lib/crypto.ts";

const master = new Uint8Array(32).map((_, i) => i);

Deno.test("crypto: seal and open round-trip", async () => {
  const sealer = await createSealer(master);
  const sealed = await sealer.seal("xano-credential", '{"token":"abc"}', "user-1");
  assert.equal(await sealer.open("xano-credential", sealed, "user-1"), '{"token":"abc"}');
  assert.ok(!sealed.includes("abc"));
});

Deno.test("crypto: every seal uses a distinct IV", async () => {
  const sealer = await createSealer(master);
  const ivs = new Set<string>();
  for (let i = 0; i < 50; i++) ivs.add((await sealer.seal("p", "same text", "aad")).split(".")[1]);
  assert.equal(ivs.size, 50);
});

Deno.test("crypto: tampered ciphertext is rejected", async () => {
  const sealer = await createSealer(master);
  const sealed = await sealer.seal("p", "secret", "u");
  const [v, iv, data] = sealed.split(".");
  const flipped = data[5] === "A" ? "B" : "A";
  const tampered = `${v}.${iv}.${data.slice(0, 5)}${flipped}${data.slice(6)}`;
  await assert.rejects(sealer.open("p", tampered, "u"), SealError);
  await assert.rejects(sealer.open("p", "garbage", "u"), SealError);
});

Deno.test("crypto: a value sealed for one purpose cannot be opened as another", async () => {
  const sealer = await createSealer(master);
  const sealed = await sealer.seal("xano-credential", "secret", "u");
  await assert.rejects(sealer.open("session", sealed, "u"), /wrong key, purpose or context/);
});

Deno.test("crypto: a wrong AAD or another master key is rejected", async () => {
  const sealer = await createSealer(master);
  const other = await createSealer(new Uint8Array(32).fill(9));
  const sealed = await sealer.seal("p", "secret", "user-1");
  await assert.rejects(sealer.open("p", sealed, "user-2"), SealError);
  await assert.rejects(other.open("p", sealed, "user-1"), SealError);
});

Deno.test("crypto: a master key shorter than 32 bytes is refused", async () => {
  await assert.rejects(createSealer(new Uint8Array(16)), RangeError);
});

Deno.test("crypto: random tokens are url-safe and unique", () => {
  const a = randomToken();
  assert.match(a, /^[A-Za-z0-9_-]{43}$/);
  assert.notEqual(a, randomToken());
  assert.equal(randomToken(16).length, 22);
});

Deno.test("crypto: sha256Hex matches the known vector", async () => {
  assert.equal(
    await sha256Hex("abc"),
    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
  );
});

Deno.test("crypto: PKCE S256 matches RFC 7636 appendix B", async () => {
  assert.equal(
    await pkceChallengeS256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
    "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
  );
});

Deno.test("crypto: timingSafeEqual compares exactly", () => {
  assert.equal(timingSafeEqual("abc", "abc"), true);
  assert.equal(timingSafeEqual("abc", "abd"), false);
  assert.equal(timingSafeEqual("abc", "abcd"), false);
  assert.equal(timingSafeEqual("", ""), true);
});
