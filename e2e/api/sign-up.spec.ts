// POST /api/sign-up with bad input: each refusal has the API's error shape and writes nothing.
import {
  BASE_URL,
  FOREIGN_ORIGIN,
  StudioApi,
  credentialsAccepted,
  expect,
  expectApiError,
  postCredentials,
  postSignUp,
  signUpViaApi,
  strongPassword,
  test,
  uniqueEmail,
} from "../fixtures";
import type { APIRequestContext } from "@playwright/test";

/** Nothing was written for `email`: a normal sign-up with it still succeeds. */
async function expectEmailStillFree(request: APIRequestContext, email: string) {
  const res = await postSignUp(request, { email, name: "Afterwards", password: strongPassword() });
  expect(res.status(), `the refused sign-up must not have created ${email}: ${await res.text()}`).toBe(201);
}

test.describe("POST /api/sign-up", () => {
  test("creates an account (201) without leaking the password hash", async ({ request }) => {
    const email = uniqueEmail("Mixed.Case");
    const res = await postSignUp(request, { email, name: "  Ada Lovelace  ", password: strongPassword() });
    expect(res.status(), await res.text()).toBe(201);
    const body = await res.json();
    expect(body).toEqual({ user: { id: expect.any(String), email: email.toLowerCase(), name: "Ada Lovelace" } });
    expect(JSON.stringify(body)).not.toMatch(/hash|password/i);
  });

  test("409 for a taken e-mail, and the account keeps its original password and name", async ({ request }) => {
    const original = await signUpViaApi(request, { name: "Original Owner" });
    const intruderPassword = strongPassword();
    const res = await postSignUp(request, { email: original.email.toUpperCase(), name: "Intruder", password: intruderPassword });
    const err = await expectApiError(res, 409, "conflict");
    expect(err.details).toEqual({ field: "email" });

    expect(await credentialsAccepted(await postCredentials(request, original.email, intruderPassword)), "the new password must not work").toBe(false);
    expect(await credentialsAccepted(await postCredentials(request, original.email, original.password)), "the original password must work").toBe(true);
    const me = await (await new StudioApi(request).me()).json();
    expect(me.user).toEqual({ id: original.id, email: original.email, name: "Original Owner" });
  });

  test("422 for a weak password, with details naming the password", async ({ request }) => {
    const email = uniqueEmail("weak");
    for (const password of ["short", "password1", "aaaaaaaaaaaaaaa"]) {
      const err = await expectApiError(await postSignUp(request, { email, name: "Weak", password }), 422, "validation_failed");
      const details = err.details as { path: string; message: string }[];
      expect(Array.isArray(details)).toBe(true);
      expect(details.length, password).toBeGreaterThan(0);
      expect(new Set(details.map((d) => d.path)), password).toEqual(new Set(["password"]));
      expect(details[0].message.length).toBeGreaterThan(0);
    }
    await expectEmailStillFree(request, email);
  });

  test("422 for a missing name and an invalid e-mail, naming each field", async ({ request }) => {
    const err = await expectApiError(await postSignUp(request, { email: "not-an-email", password: strongPassword() }), 422, "validation_failed");
    expect((err.details as { path: string }[]).map((d) => d.path).sort()).toEqual(["email", "name"]);
  });

  test("400 for malformed JSON", async ({ request }) => {
    const email = uniqueEmail("badjson");
    // Buffers go out byte for byte (Playwright would JSON-encode a string).
    const raw = (text: string) => postSignUp(request, Buffer.from(text), { "content-type": "application/json" });
    const truncated = await expectApiError(await raw(`{"email": "${email}", "name": "Bad", "password": `), 400, "bad_request");
    expect(truncated.message).toMatch(/not valid JSON/);
    await expectApiError(await raw(`{email: '${email}'}`), 400, "bad_request");
    await expectApiError(await raw(""), 400, "bad_request");
    await expectEmailStillFree(request, email);
  });

  test("413 for a body over 1 MB", async ({ request }) => {
    const email = uniqueEmail("huge");
    const body = JSON.stringify({ email, name: "Huge", password: strongPassword(), padding: "x".repeat(1_100_000) });
    const res = await postSignUp(request, Buffer.from(body), { "content-type": "application/json" });
    const err = await expectApiError(res, 413, "payload_too_large");
    expect(err.details).toEqual({ limit: 1_000_000 });
    await expectEmailStillFree(request, email);
  });

  test("415 for a body that is not sent as JSON", async ({ request }) => {
    const email = uniqueEmail("plain");
    const password = strongPassword();
    const json = JSON.stringify({ email, name: "Plain", password });
    await expectApiError(await postSignUp(request, Buffer.from(json), { "content-type": "text/plain" }), 415, "unsupported_media_type");
    await expectApiError(await postSignUp(request, Buffer.from(json), { "content-type": "application/octet-stream" }), 415, "unsupported_media_type");
    const form = await request.post("/api/sign-up", { form: { email, name: "Form", password }, headers: { origin: BASE_URL } });
    await expectApiError(form, 415, "unsupported_media_type");
    await expectEmailStillFree(request, email);
  });

  test("403 for a sign-up posted from another site", async ({ request }) => {
    const email = uniqueEmail("csrf");
    const res = await postSignUp(request, { email, name: "Cross", password: strongPassword() }, { origin: FOREIGN_ORIGIN });
    await expectApiError(res, 403, "forbidden");
    await expectEmailStillFree(request, email);
  });
});
