// Instance administration: the first account (the e2e seed admin) sees every account and workspace and can disable
// an account, which signs it out everywhere and refuses its API tokens; everyone else gets a 404.
import { BASE_URL, contextApi, credentialsAccepted, expect, expectApiError, postCredentials, SEED, screenshot, signInViaApi, signInViaUi, signUpViaApi, test, uniqueEmail } from "../fixtures";

test.use({ colorScheme: "light" });

test("a non-admin gets 404 for the admin page and API, exactly like an unknown address", async ({ page, context, request }) => {
  const user = await signUpViaApi(request);
  await signInViaApi(context.request, user.email, user.password);
  const res = await page.goto("/admin");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Instance admin" })).toHaveCount(0);

  const api = contextApi(context);
  const known = await expectApiError(await api.get("/api/v1/admin/users"), 404, "not_found");
  const unknown = await expectApiError(await api.get("/api/v1/admin/nothing-here"), 404, "not_found");
  expect(known.message.replace("/users", "/X")).toBe(unknown.message.replace("/nothing-here", "/X"));
  await expectApiError(await api.get("/api/v1/admin/workspaces"), 404, "not_found");
  await expectApiError(await api.post(`/api/v1/admin/users/${user.id}/disable`, {}), 404, "not_found");
  // signed out, or with a bad token: the same 404, not a 401 that would reveal the endpoint
  await expectApiError(await request.get("/api/v1/admin/users"), 404, "not_found");
  await expectApiError(await request.get("/api/v1/admin/users", { headers: { authorization: "Bearer sst_not_a_real_token_0000000000000" } }), 404, "not_found");
});

test("the first account lists users and workspaces, disables an account (signed out, tokens refused) and enables it again", async ({ browser, request }) => {
  test.setTimeout(120_000);
  // the victim: signed in in a browser, with an API token of their own workspace
  const victim = await signUpViaApi(request, { email: uniqueEmail("disabled") });
  const victimCtx = await browser.newContext();
  await signInViaApi(victimCtx.request, victim.email, victim.password);
  const ws = await contextApi(victimCtx).createWorkspace({});
  const created = await contextApi(victimCtx).post(`/api/v1/workspaces/${ws.slug}/tokens`, { name: "victim ci", scopes: ["read"], expiresInDays: 30 });
  expect(created.status()).toBe(201);
  const { token } = (await created.json()) as { token: { secret: string } };
  const asToken = { authorization: `Bearer ${token.secret}` };
  expect((await request.get("/api/v1/me", { headers: asToken })).status()).toBe(200);

  const adminCtx = await browser.newContext({ colorScheme: "light" });
  const page = await adminCtx.newPage();
  await signInViaUi(page, SEED.email, SEED.password, "/admin");
  await expect(page.getByRole("heading", { name: "Instance admin", level: 1 })).toBeVisible();

  await test.step("users: the first account is marked admin and cannot disable itself", async () => {
    const me = page.getByTestId("admin-user-row").filter({ hasText: SEED.email });
    await expect(me).toContainText("Admin");
    await expect(me).toContainText("You");
    await expect(me.getByRole("button", { name: "You cannot disable your own account" })).toBeDisabled();
    await page.getByRole("searchbox", { name: "Search users" }).fill(victim.email);
    await expect(page.getByTestId("admin-user-row")).toHaveCount(1);
    await expect(page.getByTestId("admin-user-row")).toContainText("Active");
  });

  await test.step("workspaces tab lists the victim's workspace with its counts", async () => {
    await page.getByRole("tab", { name: /Workspaces/ }).click();
    await page.getByRole("searchbox", { name: "Search workspaces" }).fill(ws.slug);
    const row = page.getByTestId("admin-workspace-row").filter({ hasText: ws.slug });
    await expect(row).toHaveCount(1);
    await expect(row.getByRole("cell").nth(1)).toHaveText("1"); // members
    await page.getByRole("searchbox", { name: "Search workspaces" }).fill("");
    await expect(page.getByTestId("admin-workspace-row").filter({ hasText: SEED.workspace })).toHaveCount(1);
    await page.getByRole("tab", { name: /Users/ }).click();
  });

  await test.step("disable: sessions end, sign-in and tokens are refused", async () => {
    await page.getByRole("searchbox", { name: "Search users" }).fill("");
    await screenshot(page, "admin");
    await page.getByRole("searchbox", { name: "Search users" }).fill(victim.email);
    await page.getByRole("button", { name: `Disable ${victim.email}` }).click();
    await expect(page.getByRole("dialog")).toContainText("they cannot sign in");
    await page.getByRole("dialog").getByRole("button", { name: "Disable account" }).click();
    await expect(page.getByText(`${victim.email} is disabled`)).toBeVisible();
    await expect(page.getByTestId("admin-user-row")).toContainText("Disabled");

    expect((await victimCtx.request.get("/api/v1/me")).status()).toBe(401);
    const refused = await expectApiError(await request.get("/api/v1/me", { headers: asToken }), 401, "unauthenticated");
    expect(refused.message).toMatch(/disabled/);
    const again = await browser.newContext();
    expect(await credentialsAccepted(await postCredentials(again.request, victim.email, victim.password))).toBe(false);
    await again.close();
  });

  await test.step("the admin API refuses to disable yourself", async () => {
    const meId = ((await (await contextApi(adminCtx).me()).json()) as { user: { id: string } }).user.id;
    const self = await expectApiError(await contextApi(adminCtx).post(`/api/v1/admin/users/${meId}/disable`, {}), 409, "conflict");
    expect(self.message).toMatch(/your own account/);
  });

  await test.step("enable: the account signs in again and its token works", async () => {
    await page.getByRole("button", { name: `Enable ${victim.email}` }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Enable account" }).click();
    await expect(page.getByText(`${victim.email} is enabled again`)).toBeVisible();
    await expect(page.getByTestId("admin-user-row")).toContainText("Active");
    expect((await request.get("/api/v1/me", { headers: asToken })).status()).toBe(200);
    const again = await browser.newContext();
    expect(await credentialsAccepted(await postCredentials(again.request, victim.email, victim.password))).toBe(true);
    await again.close();
  });

  await test.step("both changes are audited on the instance chain (not visible in any workspace)", async () => {
    const res = await request.get(`/api/v1/workspaces/${SEED.workspace}/audit`, { headers: { authorization: `Bearer ${SEED.token}` }, params: { action: "user." } });
    const { events } = (await res.json()) as { events: { action: string }[] };
    expect(events.filter((e) => e.action === "user.disabled")).toHaveLength(0);
  });

  // the menu offers the admin page to the first account
  await page.goto(`/w/${SEED.workspace}/specs`);
  await page.getByRole("button", { name: /^Account: / }).click();
  await page.getByRole("menuitem", { name: "Instance admin" }).click();
  await expect(page).toHaveURL(`${BASE_URL}/admin`);
  await victimCtx.close();
  await adminCtx.close();
});
