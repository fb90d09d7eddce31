import assert from "node:assert/strict";
import { manualClock } from "../../../lib/clock.ts";
import {
  BadRequestError,
  RateLimitError,
  UnauthorizedError,
  UpstreamError,
} from "../../../lib/errors.ts";
import { createXanoAuthenticator } from "../../../lib/xano/authenticator.ts";
import { signInWithMetaToken, signInWithPassword } from "../../../lib/xano/sign_in.ts";
import { connectError, fakeFetch, json } from "./_fake.ts";

const INPUT = {
  authUrl: "https://x.test/api:auth/",
  metaUrl: "https://x.test/api:meta",
  email: " a@b.c ",
  password: "pw",
};

Deno.test("sign_in: password sign-in logs in, reads auth/me and returns an account credential", async () => {
  const fake = fakeFetch((seen) =>
    seen.url.pathname.endsWith("/auth/login")
      ? json({ authToken: "auth-1" })
      : json({ id: 7, name: "Ada", email: "a@b.c", api_key: "meta-1" })
  );
  const clock = manualClock(42);
  const result = await signInWithPassword({ fetch: fake.fetch, clock }, INPUT);
  assert.equal(fake.seen[0]!.method, "POST");
  assert.equal(fake.seen[0]!.url.href, "https://x.test/api:auth/auth/login");
  assert.deepEqual(JSON.parse(fake.seen[0]!.body), { email: "a@b.c", password: "pw" });
  assert.equal(fake.seen[1]!.headers.get("authorization"), "Bearer auth-1");
  assert.deepEqual(result, {
    identity: "xano:x.test:7",
    name: "Ada",
    email: "a@b.c",
    credential: {
      kind: "account",
      authUrl: "https://x.test/api:auth",
      metaUrl: "https://x.test/api:meta",
      authToken: "auth-1",
      metaToken: "meta-1",
      email: "a@b.c",
      obtainedAt: 42,
    },
  });
});

Deno.test("sign_in: wrong password is UnauthorizedError with a clear message", async () => {
  const fake = fakeFetch(() =>
    json({ code: "ERROR_CODE_ACCESS_DENIED", message: "Invalid Credentials." }, 403)
  );
  await assert.rejects(
    signInWithPassword({ fetch: fake.fetch, clock: manualClock() }, INPUT),
    (error: Error) =>
      error instanceof UnauthorizedError &&
      /did not accept this email and password/.test(error.message),
  );
});

Deno.test("sign_in: a profile without api_key is refused plainly", async () => {
  const fake = fakeFetch((seen) =>
    seen.url.pathname.endsWith("/auth/login")
      ? json({ authToken: "auth-1" })
      : json({ id: 7, name: "Ada", email: "a@b.c" })
  );
  await assert.rejects(
    signInWithPassword({ fetch: fake.fetch, clock: manualClock() }, INPUT),
    /no Metadata API key/,
  );
});

Deno.test("sign_in: Xano down or unreachable is UpstreamError", async () => {
  const down = fakeFetch(() => json({ message: "x" }, 503));
  await assert.rejects(
    signInWithPassword({ fetch: down.fetch, clock: manualClock() }, INPUT),
    UpstreamError,
  );
  const gone = fakeFetch(() => {
    throw connectError();
  });
  await assert.rejects(
    signInWithMetaToken({ fetch: gone.fetch, clock: manualClock() }, {
      metaUrl: INPUT.metaUrl,
      token: "t",
    }),
    UpstreamError,
  );
});

Deno.test("sign_in: a Metadata token is verified with auth/me on the instance", async () => {
  const fake = fakeFetch(() => json({ id: 3, name: "Bo", email: "b@c.d" }));
  const result = await signInWithMetaToken({ fetch: fake.fetch, clock: manualClock(9) }, {
    metaUrl: "https://x.test/api:meta",
    token: " tok ",
  });
  assert.equal(fake.seen[0]!.url.href, "https://x.test/api:meta/auth/me");
  assert.equal(fake.seen[0]!.headers.get("authorization"), "Bearer tok");
  assert.deepEqual(result.credential, {
    kind: "token",
    metaUrl: "https://x.test/api:meta",
    metaToken: "tok",
    obtainedAt: 9,
  });
  assert.equal(result.identity, "xano:x.test:3");
});

Deno.test("sign_in: a rejected token or bad input fails before anything is stored", async () => {
  const fake = fakeFetch(() => json({ message: "Invalid token" }, 401));
  await assert.rejects(
    signInWithMetaToken({ fetch: fake.fetch, clock: manualClock() }, {
      metaUrl: "https://x.test/api:meta",
      token: "bad",
    }),
    UnauthorizedError,
  );
  await assert.rejects(
    signInWithMetaToken({ fetch: fake.fetch, clock: manualClock() }, {
      metaUrl: "ftp://x",
      token: "t",
    }),
    BadRequestError,
  );
  await assert.rejects(
    signInWithPassword({ fetch: fake.fetch, clock: manualClock() }, { ...INPUT, password: "" }),
    BadRequestError,
  );
});

Deno.test("authenticator: password sign-in needs the configured URLs; tokens work without", async () => {
  const fake = fakeFetch(() => json({ id: 3, name: "Bo" }));
  const bare = createXanoAuthenticator({ fetch: fake.fetch, clock: manualClock() });
  await assert.rejects(bare.password("a@b.c", "pw"), /no XANO_AUTH_URL/);
  const result = await bare.token("https://x.test/api:meta", "tok");
  assert.equal(result.credential.kind, "token");
});

Deno.test("sign_in: a rate-limited login is RateLimitError with Retry-After", async () => {
  const fake = fakeFetch(() => json({ message: "slow" }, 429, { "retry-after": "12" }));
  const error = await signInWithPassword({ fetch: fake.fetch, clock: manualClock() }, INPUT).catch((
    e,
  ) => e);
  assert.ok(error instanceof RateLimitError);
  assert.equal(error.retryAfterSeconds, 12);
});
