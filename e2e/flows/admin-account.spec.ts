// The account page: name, password change (which signs out every other browser at its next request), and the list of
// sessions with "sign out" per session and everywhere else.
import type { BrowserContext } from "@playwright/test";
import { BASE_URL, credentialsAccepted, expect, expectApiError, postCredentials, screenshot, signInViaApi, signInViaUi, signUpViaApi, strongPassword, test } from "../fixtures";

test.use({ colorScheme: "light" });

/** A signed-in browser's next request: does the studio still know who it is? */
async function stillSignedIn(context: BrowserContext): Promise<boolean> {
  const res = await context.request.get("/api/v1/me");
  return res.status() === 200;
}

test("password change signs the other browser out at its next request; this one stays", async ({ browser, request }) => {
  test.setTimeout(120_000);
  const user = await signUpViaApi(request);
  const a = await browser.newContext({ colorScheme: "light" });
  const b = await browser.newContext();
  const page = await a.newPage();
  await signInViaUi(page, user.email, user.password, "/account");
  await signInViaApi(b.request, user.email, user.password);
  const otherPage = await b.newPage();
  await otherPage.goto("/account");
  await expect(otherPage.getByRole("heading", { name: "Account", level: 1 })).toBeVisible();

  await test.step("the sessions list shows both browsers, this one marked", async () => {
    await page.goto("/account");
    const rows = page.getByTestId("session-row");
    await expect(rows).toHaveCount(2);
    await expect(page.locator('[data-testid="session-row"][data-current]')).toContainText("This session");
    await expect(rows.filter({ hasText: "This session" })).toHaveCount(1);
    await expect(rows.first()).toContainText(/Chrome on /);
    await screenshot(page, "account-sessions");
  });

  await test.step("the name is changed and shown in the menu", async () => {
    const name = page.getByRole("form", { name: "Profile" }).getByLabel("Name");
    await name.fill("Ada Lovelace");
    await page.getByRole("button", { name: "Save name" }).click();
    await expect(page.getByText("Name saved")).toBeVisible();
    await expect(page.getByRole("button", { name: "Account: Ada Lovelace" })).toBeVisible();
  });

  const newPassword = strongPassword();
  await test.step("a wrong current password is refused on its field, and nothing changes", async () => {
    const form = page.getByRole("form", { name: "Change password" });
    await form.getByLabel("Current password").fill("not my password at all");
    await form.locator('input[name="newPassword"]').fill(newPassword);
    await form.getByLabel("Repeat the new password").fill(newPassword);
    await form.getByRole("button", { name: "Change password" }).click();
    await expect(form.getByText("The current password is not correct.")).toBeVisible();
    expect(await stillSignedIn(b)).toBe(true);
  });

  await test.step("the right one changes it: the other browser is signed out at its next request", async () => {
    const form = page.getByRole("form", { name: "Change password" });
    await form.getByLabel("Current password").fill(user.password);
    await form.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByText("Password changed")).toBeVisible();
    await expect(page.getByText("1 other session was signed out")).toBeVisible();
    await expect(page.getByTestId("session-row")).toHaveCount(1);

    await otherPage.reload();
    await expect(otherPage).toHaveURL(/\/sign-in/);
    expect(await stillSignedIn(b)).toBe(false);
    expect(await stillSignedIn(a)).toBe(true);
  });

  await test.step("the old password no longer signs in; the new one does", async () => {
    const fresh = await browser.newContext();
    expect(await credentialsAccepted(await postCredentials(fresh.request, user.email, user.password))).toBe(false);
    expect(await credentialsAccepted(await postCredentials(fresh.request, user.email, newPassword))).toBe(true);
    await fresh.close();
  });

  await a.close();
  await b.close();
});

test("sign out one session, then everywhere else", async ({ browser, request }) => {
  const user = await signUpViaApi(request);
  const [a, b, c] = [await browser.newContext(), await browser.newContext(), await browser.newContext()];
  const page = await a.newPage();
  await signInViaUi(page, user.email, user.password, "/account");
  for (const ctx of [b, c]) await signInViaApi(ctx.request, user.email, user.password);
  await page.reload();
  await expect(page.getByTestId("session-row")).toHaveCount(3);

  // one: the first row that is not this one
  await page.locator('[data-testid="session-row"]:not([data-current])').first().getByRole("button", { name: /^Sign out/ }).click();
  await expect(page.getByText("Session signed out")).toBeVisible();
  await expect(page.getByTestId("session-row")).toHaveCount(2);
  expect([await stillSignedIn(b), await stillSignedIn(c)].filter(Boolean)).toHaveLength(1);

  // everywhere else
  await page.getByRole("button", { name: "Sign out everywhere else" }).click();
  await expect(page.getByRole("dialog")).toContainText("1 other session will be signed out");
  await page.getByRole("dialog").getByRole("button", { name: "Sign out other sessions" }).click();
  await expect(page.getByText("1 session signed out")).toBeVisible();
  await expect(page.getByTestId("session-row")).toHaveCount(1);
  await expect(page.getByRole("button", { name: "Sign out everywhere else" })).toBeDisabled();
  expect(await stillSignedIn(b)).toBe(false);
  expect(await stillSignedIn(c)).toBe(false);
  expect(await stillSignedIn(a)).toBe(true);
  for (const ctx of [a, b, c]) await ctx.close();
});

test("account endpoints need a browser session: API tokens get a 403 that says so", async ({ request }) => {
  const token = { authorization: "Bearer sst_e2e_seed_token_0123456789abcdefghij" };
  const pw = await expectApiError(await request.post("/api/v1/me/password", { headers: token, data: { currentPassword: "x", newPassword: strongPassword() } }), 403, "forbidden");
  expect(pw.message).toMatch(/API tokens cannot/);
  await expectApiError(await request.get("/api/v1/me/sessions", { headers: token }), 403, "forbidden");
  await expectApiError(await request.patch("/api/v1/me/profile", { headers: token, data: { name: "Token" } }), 403, "forbidden");
  // signed out: 401
  await expectApiError(await request.get("/api/v1/me/sessions"), 401, "unauthenticated");
  // signing everything out needs the explicit scope
  const user = await signUpViaApi(request);
  await signInViaApi(request, user.email, user.password);
  const bad = await expectApiError(await request.delete("/api/v1/me/sessions", { headers: { origin: BASE_URL } }), 400, "bad_request");
  expect(bad.message).toContain("scope=others");
  // a cross-site password change is refused before anything is checked
  await expectApiError(
    await request.post("/api/v1/me/password", { headers: { origin: "https://evil.example" }, data: { currentPassword: user.password, newPassword: strongPassword() } }),
    403,
    "forbidden",
  );
  const short = await request.post("/api/v1/me/password", { headers: { origin: BASE_URL }, data: { currentPassword: user.password, newPassword: "short" } });
  expect(short.status()).toBe(422);
});
