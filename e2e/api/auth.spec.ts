// Authentication of the API: bearer tokens, session cookies, and the sign-in rate limit.
import {
  SEED,
  StudioApi,
  credentialsAccepted,
  expect,
  expectApiError,
  postCredentials,
  signInViaApi,
  signUpViaApi,
  test,
} from "../fixtures";

interface Me {
  user: { id: string; email: string; name: string };
  authenticatedBy: { type: "token" | "session"; id?: string; scopes?: string[] };
  workspaces: { slug: string; role: string }[];
}

test.describe("GET /api/v1/me", () => {
  test("answers the seed admin for the seed API token", async ({ seed }) => {
    const res = await seed.me();
    expect(res.status(), await res.text()).toBe(200);
    const me = (await res.json()) as Me;
    expect(me.user.email).toBe(SEED.email);
    expect(me.authenticatedBy.type).toBe("token");
    expect(me.authenticatedBy.id).toBeTruthy();
    expect(me.authenticatedBy.scopes).toEqual(expect.arrayContaining(["admin"]));
    // The seed token is bound to the seed workspace, so that is the only one it sees.
    expect(me.workspaces.map((w) => w.slug)).toEqual([SEED.workspace]);
    expect(me.workspaces[0].role).toBe("owner");
    expect(JSON.stringify(me)).not.toContain(SEED.token);
  });

  test("answers the signed-in user for a session cookie", async ({ request }) => {
    const user = await signUpViaApi(request);
    await signInViaApi(request, user.email, user.password);
    const res = await new StudioApi(request).me();
    expect(res.status(), await res.text()).toBe(200);
    const me = (await res.json()) as Me;
    expect(me.user).toEqual({ id: user.id, email: user.email, name: user.name });
    expect(me.authenticatedBy).toEqual({ type: "session" });
    expect(me.workspaces).toEqual([]);
  });

  test("401 without any credentials", async ({ anonymous }) => {
    await expectApiError(await anonymous.me(), 401, "unauthenticated");
  });

  for (const [what, header] of [
    ["a Basic scheme", "Basic YWRtaW46cGFzc3dvcmQ="],
    ["Bearer without a token", "Bearer"],
    ["Bearer with two words", "Bearer sst_a sst_b"],
    ["a bare token without a scheme", SEED.token],
  ] as const) {
    test(`401 with a malformed Authorization header (${what})`, async ({ anonymous }) => {
      const err = await expectApiError(await anonymous.get("/api/v1/me", undefined, { authorization: header }), 401, "unauthenticated");
      expect(err.message).toMatch(/Authorization/);
    });
  }

  test("401 with a bearer token that is not an sst_ token", async ({ anonymous }) => {
    const err = await expectApiError(await anonymous.get("/api/v1/me", undefined, { authorization: "Bearer ghp_abcdefghijklmnopqrstuvwxyz" }), 401, "unauthenticated");
    expect(err.message).toContain("sst_");
  });

  test("401 with an unknown sst_ token", async ({ request }) => {
    const unknown = new StudioApi(request, { token: "sst_e2e_seed_token_0123456789abcdefghiX" });
    const err = await expectApiError(await unknown.me(), 401, "unauthenticated");
    expect(err.message).not.toContain("sst_e2e_seed");
  });

  test("an invalid bearer token is refused even when a valid session cookie is present", async ({ request }) => {
    const user = await signUpViaApi(request);
    await signInViaApi(request, user.email, user.password);
    expect((await new StudioApi(request).me()).status()).toBe(200);
    await expectApiError(await new StudioApi(request, { token: "sst_not_a_real_token_000000000000000" }).me(), 401, "unauthenticated");
  });
});

test.describe("sign-in rate limit", () => {
  test("the 9th wrong password for one account within 15 minutes answers 429 with Retry-After", async ({ request }) => {
    const user = await signUpViaApi(request);
    for (let i = 1; i <= 8; i++) {
      const res = await postCredentials(request, user.email, `wrong password ${i}`);
      expect(res.status(), `attempt ${i}`).not.toBe(429);
      expect(await credentialsAccepted(res), `attempt ${i} must fail`).toBe(false);
    }
    const res = await postCredentials(request, user.email, "wrong password 9");
    const err = await expectApiError(res, 429, "rate_limited");
    const retryAfter = Number(res.headers()["retry-after"]);
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(err.message).toMatch(/Try again in/);

    // The account stays locked even for the right password, and the lock is per account (case-insensitive).
    await expectApiError(await postCredentials(request, user.email, user.password), 429, "rate_limited");
    await expectApiError(await postCredentials(request, user.email.toUpperCase(), user.password), 429, "rate_limited");
    const other = await signUpViaApi(request);
    expect(await credentialsAccepted(await postCredentials(request, other.email, other.password))).toBe(true);
  });
});
