// Every role walks through the workspace settings: what each sees and can do on the members, API tokens, providers,
// limits and audit pages, and what the server refuses whatever the page shows. The seed owner invites one user per
// role through the API; each accepts the invitation in the browser after signing in.
import type { APIResponse, BrowserContext, Page } from "@playwright/test";
import {
  BASE_URL,
  contextApi,
  expect,
  expectApiError,
  SEED,
  screenshot,
  seedApi,
  signInViaApi,
  signInViaUi,
  signUpViaApi,
  studioShell,
  test,
  uniqueEmail,
  uniqueId,
  type TestUser,
} from "../fixtures";

test.use({ colorScheme: "light" });
test.describe.configure({ mode: "serial" });

type RoleName = "owner" | "admin" | "editor" | "reviewer" | "viewer";
const ROLES: RoleName[] = ["owner", "admin", "editor", "reviewer", "viewer"];
const WS = SEED.workspace;
const SETTINGS = `/w/${WS}/settings`;

interface Actor {
  role: RoleName;
  user: Pick<TestUser, "email" | "password">;
  context: BrowserContext;
  page: Page;
  memberId: string;
}
const actors = {} as Record<RoleName, Actor>;

/** What each role may do (docs/permissions.md): the pages must show exactly this, the server enforce it. */
const CAN: Record<RoleName, { manageMembers: boolean; tokens: boolean; providers: boolean; manageProviders: boolean; limits: boolean; editLimits: boolean; verify: boolean }> = {
  owner: { manageMembers: true, tokens: true, providers: true, manageProviders: true, limits: true, editLimits: true, verify: true },
  admin: { manageMembers: true, tokens: true, providers: true, manageProviders: true, limits: true, editLimits: true, verify: true },
  editor: { manageMembers: false, tokens: true, providers: true, manageProviders: false, limits: true, editLimits: false, verify: false },
  reviewer: { manageMembers: false, tokens: false, providers: false, manageProviders: false, limits: false, editLimits: false, verify: false },
  viewer: { manageMembers: false, tokens: false, providers: false, manageProviders: false, limits: false, editLimits: false, verify: false },
};

/** A cookie-authenticated mutation from a browser context, with the studio's Origin as its pages send it. */
function mutate(context: BrowserContext, method: "PATCH" | "DELETE" | "POST", path: string, data?: unknown): Promise<APIResponse> {
  return context.request.fetch(path, { method, data: data as never, headers: { origin: BASE_URL } });
}

async function memberIdOf(request: Parameters<typeof seedApi>[0], email: string): Promise<string> {
  const res = await seedApi(request).get(`/api/v1/workspaces/${WS}/members`);
  expect(res.status()).toBe(200);
  const { members } = (await res.json()) as { members: { id: string; email: string }[] };
  const m = members.find((x) => x.email === email);
  expect(m, `${email} is a member of ${WS}`).toBeTruthy();
  return m!.id;
}

/** Sign in at the invitation link, as a person would, and join. */
async function acceptInvitationViaUi(page: Page, user: { email: string; password: string }, link: string) {
  const path = new URL(link).pathname;
  expect(path).toMatch(/^\/invite\/[\w-]+$/);
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1, name: /^Join / })).toBeVisible();
  await page.getByRole("link", { name: `Sign in as ${user.email}` }).click();
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
  await signInViaUi(page, user.email, user.password);
  await expect(page).toHaveURL(path);
  await page.getByRole("button", { name: /^Join / }).click();
  await expect(page).toHaveURL(new RegExp(`/w/${WS}(/|$)`), { timeout: 20_000 });
}

test("setup: the seed owner invites one user per role and each accepts in the browser", async ({ browser, request }) => {
  test.setTimeout(240_000);
  const seed = seedApi(request);
  // The owner is the seed account itself.
  {
    const context = await browser.newContext({ colorScheme: "light" });
    const page = await context.newPage();
    await signInViaUi(page, SEED.email, SEED.password, `${SETTINGS}/members`);
    actors.owner = { role: "owner", user: { email: SEED.email, password: SEED.password }, context, page, memberId: await memberIdOf(request, SEED.email) };
  }
  for (const role of ROLES.slice(1)) {
    const user = await signUpViaApi(request, { email: uniqueEmail(role), name: `${role[0].toUpperCase()}${role.slice(1)} ${uniqueId().slice(-4)}` });
    const res = await seed.post(`/api/v1/workspaces/${WS}/members`, { email: user.email, role });
    expect(res.status(), await res.text()).toBe(201);
    const { invitation } = (await res.json()) as { invitation: { link: string; role: string; status: string } };
    expect(invitation).toMatchObject({ role, status: "pending" });
    const context = await browser.newContext({ colorScheme: "light" });
    const page = await context.newPage();
    await acceptInvitationViaUi(page, user, invitation.link);
    await expect(page.getByText(`Role: ${role}`, { exact: true })).toBeVisible();
    actors[role] = { role, user, context, page, memberId: await memberIdOf(request, user.email) };
  }
});

test.afterAll(async () => {
  for (const a of Object.values(actors)) await a.context.close().catch(() => undefined);
});

for (const role of ROLES) {
  test(`${role}: sees and can do on the settings pages exactly what the role allows`, async () => {
    test.setTimeout(120_000);
    const { page } = actors[role];
    const can = CAN[role];
    const forbidden = page.getByRole("heading", { name: "Your role does not allow this" });

    await test.step("members page", async () => {
      await page.goto(`${SETTINGS}/members`);
      await expect(page.getByRole("heading", { name: /^Members/, level: 2 })).toBeVisible();
      const table = page.getByRole("table", { name: "Members" });
      for (const other of ROLES) await expect(table.getByRole("row").filter({ hasText: actors[other].user.email })).toHaveCount(1);
      await expect(table.getByRole("row").filter({ hasText: actors[role].user.email })).toContainText("You");
      await expect(page.getByRole("button", { name: "Invite member" })).toHaveCount(can.manageMembers ? 1 : 0);
      await expect(page.getByRole("heading", { name: "Pending invitations", exact: true })).toHaveCount(can.manageMembers ? 1 : 0);
      const roleSelects = page.getByRole("combobox", { name: /^Role of / });
      if (!can.manageMembers) {
        await expect(page.getByText("only admins and owners can invite people, change roles or remove members")).toBeVisible();
        await expect(roleSelects).toHaveCount(0);
        await expect(page.getByRole("button", { name: /^Actions for / })).toHaveCount(1); // only "Leave workspace" on their own row
      } else {
        // a role picker for everyone at or below their rank, but not for themselves
        await expect(page.getByRole("combobox", { name: `Role of ${actors.viewer.user.email}` })).toBeVisible();
        await expect(page.getByRole("combobox", { name: `Role of ${actors[role].user.email}` })).toHaveCount(0);
        await expect(page.getByRole("combobox", { name: `Role of ${actors.owner.user.email}` })).toHaveCount(0);
        if (role === "admin") {
          // the owner's row is read-only for an admin; roles above admin are offered but disabled
          await expect(table.getByRole("row").filter({ hasText: actors.owner.user.email }).getByRole("combobox")).toHaveCount(0);
          await page.getByRole("combobox", { name: `Role of ${actors.editor.user.email}` }).click();
          await expect(page.getByRole("option", { name: "Owner", exact: true })).toHaveAttribute("data-disabled", "");
          await expect(page.getByRole("option", { name: "Admin", exact: true })).not.toHaveAttribute("data-disabled", "");
          await page.keyboard.press("Escape");
        }
      }
      if (role === "owner") await screenshot(page, "members");
    });

    await test.step("API tokens page", async () => {
      await page.goto(`${SETTINGS}/tokens`);
      if (can.tokens) {
        await expect(page.getByRole("heading", { name: "API tokens", level: 2, exact: true })).toBeVisible();
        await expect(page.getByRole("button", { name: "Create token" })).toBeVisible();
      } else {
        await expect(forbidden).toBeVisible();
        await expect(page).toHaveURL(/forbidden\?need=token%3Aread/);
      }
    });

    await test.step("providers page", async () => {
      await page.goto(`${SETTINGS}/providers`);
      if (can.providers) {
        await expect(page.getByRole("heading", { name: "Model providers", level: 2, exact: true })).toBeVisible();
        // (the header and the empty state both offer it)
        if (can.manageProviders) await expect(page.getByRole("button", { name: "Add provider" }).first()).toBeVisible();
        else await expect(page.getByRole("button", { name: "Add provider" })).toHaveCount(0);
        if (!can.manageProviders) await expect(page.getByText("Only admins can add, change or test providers.")).toBeVisible();
      } else {
        await expect(forbidden).toBeVisible();
      }
    });

    await test.step("limits page", async () => {
      await page.goto(`${SETTINGS}/limits`);
      if (can.limits) {
        await expect(page.getByRole("button", { name: "Save limits" })).toHaveCount(can.editLimits ? 1 : 0);
        if (!can.editLimits) await expect(page.getByText("Only admins can change the limits.")).toBeVisible();
      } else {
        await expect(forbidden).toBeVisible();
      }
    });

    await test.step("audit page", async () => {
      await page.goto(`/w/${WS}/audit`);
      await expect(page.getByRole("heading", { name: "Audit trail", level: 1 })).toBeVisible();
      await expect(page.getByRole("button", { name: "Export", exact: true })).toBeVisible();
      await expect(page.getByRole("button", { name: "Verify chain" })).toHaveCount(can.verify ? 1 : 0);
    });

    await test.step("account menu: Account for everyone, Instance admin only for the first account", async () => {
      const shell = studioShell(page);
      await shell.accountMenu.click();
      await expect(page.getByRole("menuitem", { name: "Account" })).toBeVisible();
      await expect(page.getByRole("menuitem", { name: "Instance admin" })).toHaveCount(role === "owner" ? 1 : 0);
      await page.keyboard.press("Escape");
    });
  });
}

test("the server refuses what each role may not do, whatever the page shows", async ({ request }) => {
  const members = `/api/v1/workspaces/${WS}/members`;
  const { viewer, reviewer, editor, admin, owner } = actors;

  // viewer, reviewer, editor: no member management
  for (const a of [viewer, reviewer, editor]) {
    await expectApiError(await mutate(a.context, "PATCH", `${members}/${actors.viewer.memberId}`, { role: "reviewer" }), 403, "forbidden");
    await expectApiError(await mutate(a.context, "POST", members, { email: uniqueEmail("nope"), role: "viewer" }), 403, "forbidden");
    await expectApiError(await mutate(a.context, "DELETE", `${members}/${owner.memberId}`), 403, "forbidden");
    await expectApiError(await mutate(a.context, "POST", `${members}/transfer`, { memberId: a.memberId }), 403, "forbidden");
    await expectApiError(await contextApi(a.context).get(`/api/v1/workspaces/${WS}/invitations`), 403, "forbidden");
  }
  const viewerPatch = await expectApiError(await mutate(viewer.context, "PATCH", `${members}/${editor.memberId}`, { role: "viewer" }), 403, "forbidden");
  expect(viewerPatch.message).toContain("(viewer) does not allow member:update");

  // reviewer and viewer: no API tokens at all; editor may
  for (const a of [viewer, reviewer]) await expectApiError(await contextApi(a.context).get(`/api/v1/workspaces/${WS}/tokens`), 403, "forbidden");
  expect((await contextApi(editor.context).get(`/api/v1/workspaces/${WS}/tokens`)).status()).toBe(200);

  // an admin cannot touch the owner, nor grant a role above their own, nor transfer ownership
  const aboveMe = await expectApiError(await mutate(admin.context, "PATCH", `${members}/${owner.memberId}`, { role: "viewer" }), 403, "forbidden");
  expect(aboveMe.message).toMatch(/above your role/);
  const grant = await expectApiError(await mutate(admin.context, "PATCH", `${members}/${viewer.memberId}`, { role: "owner" }), 403, "forbidden");
  expect(grant.message).toMatch(/cannot give anyone the owner role/);
  await expectApiError(await mutate(admin.context, "POST", members, { email: uniqueEmail("promo"), role: "owner" }), 403, "forbidden");
  await expectApiError(await mutate(admin.context, "POST", `${members}/transfer`, { memberId: viewer.memberId }), 403, "forbidden");

  // inviting an existing member is a conflict; the last owner cannot be demoted
  const dup = await expectApiError(await mutate(owner.context, "POST", members, { email: viewer.user.email, role: "viewer" }), 409, "conflict");
  expect(dup.message).toContain("already a member");
  const last = await expectApiError(await mutate(owner.context, "PATCH", `${members}/${owner.memberId}`, { role: "admin" }), 409, "conflict");
  expect(last.message).toMatch(/last owner/);

  // instance administration: 404 for every workspace role but the first account's
  for (const a of [admin, editor, reviewer, viewer]) await expectApiError(await contextApi(a.context).get("/api/v1/admin/users"), 404, "not_found");
  expect((await contextApi(owner.context).get("/api/v1/admin/users")).status()).toBe(200);
  // the seed token is bound to one workspace: it does not reach instance administration either
  await expectApiError(await seedApi(request).get("/api/v1/admin/users"), 404, "not_found");
});

test("admin: changes a role with the picker and sees the change in the audit diff", async () => {
  const { page } = actors.admin;
  const target = actors.viewer.user.email;
  await page.goto(`${SETTINGS}/members`);
  await page.getByRole("combobox", { name: `Role of ${target}` }).click();
  await page.getByRole("option", { name: "Reviewer", exact: true }).click();
  await expect(page.getByText(`is now reviewer`)).toBeVisible();
  await expect(page.getByRole("combobox", { name: `Role of ${target}` })).toHaveText("Reviewer");
  // …and back, so the viewer stays a viewer for the other tests
  await page.getByRole("combobox", { name: `Role of ${target}` }).click();
  await page.getByRole("option", { name: "Viewer", exact: true }).click();
  await expect(page.getByRole("combobox", { name: `Role of ${target}` })).toHaveText("Viewer");

  // the audit shows each change as a diff of before/after with the changed key named
  await page.goto(`/w/${WS}/audit?action=member.role_changed&actor=${encodeURIComponent((await (await contextApi(actors.admin.context).me()).json()).user.id)}`);
  const list = page.getByRole("list", { name: "Audit events, newest first" });
  await expect(list.getByRole("listitem")).toHaveCount(2);
  const latest = list.getByRole("listitem").first();
  await latest.getByRole("button").click();
  const diff = latest.getByTestId("audit-diff");
  await expect(diff).toContainText("1 key changed");
  await expect(diff.getByTestId("audit-changed-key")).toHaveText(/role\s*"reviewer" → "viewer"/);
  await expect(diff.locator('[data-kind="removed"]')).toContainText('"role": "reviewer"');
  await expect(diff.locator('[data-kind="added"]')).toContainText('"role": "viewer"');
  await expect(page.getByRole("group", { name: "Applied filters" })).toContainText("action:member.role_changed");
  await screenshot(page, "audit-diff");
});

test("owner: invites through the page, copies the one-time link, revokes it; errors from the server are shown", async ({ request }) => {
  const { page } = actors.owner;
  await page.goto(`${SETTINGS}/members`);
  const email = uniqueEmail("invitee");
  await page.getByRole("button", { name: "Invite member" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("E-mail is not set up on this studio (SMTP_URL), so you copy the link and send it yourself.");
  await dialog.getByLabel("E-mail").fill(email);
  await dialog.getByRole("combobox", { name: "Role" }).click();
  await page.getByRole("option", { name: /^Reviewer/ }).click();
  await dialog.getByRole("button", { name: "Create invitation" }).click();
  await expect(dialog.getByRole("heading", { name: "Invitation created" })).toBeVisible();
  const link = await dialog.getByLabel("Invitation link", { exact: true }).inputValue();
  expect(new URL(link).pathname).toMatch(/^\/invite\/[\w-]+$/);
  await expect(dialog.getByTestId("invitation-email")).toContainText("Copy the link; e-mail is not configured");
  await expect(dialog).toContainText("The link is shown only now");
  await screenshot(page, "members-invite-link");
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(page.getByRole("dialog")).toBeHidden();

  // pending, then revoked: the link stops working
  const row = page.getByRole("table", { name: "Pending invitations" }).getByRole("row").filter({ hasText: email });
  await expect(row).toContainText("Reviewer");
  await row.getByRole("button", { name: `Revoke the invitation for ${email}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke invitation" }).click();
  // (while a dialog is open the page behind it is hidden from the accessibility tree: wait for it to close)
  await expect(page.getByRole("dialog")).toBeHidden();
  await expect(page.getByText(`Invitation for ${email} revoked`)).toBeVisible();
  await expect(row).toHaveCount(0);
  const described = await request.get(`/api/v1/invitations/${new URL(link).pathname.split("/").pop()}`);
  expect(((await described.json()) as { invitation: { status: string } }).invitation.status).toBe("revoked");

  // an existing member: the server's conflict shows on the e-mail field
  await page.getByRole("button", { name: "Invite member" }).click();
  await page.getByRole("dialog").getByLabel("E-mail").fill(actors.editor.user.email);
  await page.getByRole("dialog").getByRole("button", { name: "Create invitation" }).click();
  await expect(page.getByRole("dialog").getByText(`${actors.editor.user.email} is already a member of this workspace.`)).toBeVisible();
  await page.keyboard.press("Escape");

  // the last owner cannot leave: the refusal shows in the dialog
  await page.getByRole("button", { name: `Actions for ${SEED.email}` }).click();
  await page.getByRole("menuitem", { name: "Leave workspace…" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Leave workspace" }).click();
  await expect(page.getByRole("dialog").getByRole("alert")).toContainText("last owner");
  await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
});

test("owner: removes a member after confirming; they lose access at their next request", async ({ browser, request }) => {
  const { page } = actors.owner;
  const user = await signUpViaApi(request, { email: uniqueEmail("removed") });
  const res = await seedApi(request).post(`/api/v1/workspaces/${WS}/members`, { email: user.email, role: "editor" });
  const { invitation } = (await res.json()) as { invitation: { link: string } };
  const context = await browser.newContext();
  await signInViaApi(context.request, user.email, user.password);
  const accept = await mutate(context, "POST", `/api/v1/invitations/${new URL(invitation.link).pathname.split("/").pop()}/accept`, {});
  expect(accept.status(), await accept.text()).toBe(200);

  await page.goto(`${SETTINGS}/members`);
  await page.getByRole("button", { name: `Actions for ${user.email}` }).click();
  await page.getByRole("menuitem", { name: "Remove from workspace…" }).click();
  await expect(page.getByRole("dialog")).toContainText(`Remove ${user.email}?`);
  await page.getByRole("dialog").getByRole("button", { name: "Remove member" }).click();
  await expect(page.getByRole("dialog")).toBeHidden();
  await expect(page.getByText(`${user.email} was removed`)).toBeVisible();
  await expect(page.getByRole("table", { name: "Members" }).getByRole("row").filter({ hasText: user.email })).toHaveCount(0);
  await expectApiError(await contextApi(context).get(`/api/v1/workspaces/${WS}/specs`), 404, "not_found");
  await context.close();
});

test("owner: transfers ownership of a workspace and becomes an admin", async ({ browser, request }) => {
  const context = await browser.newContext({ colorScheme: "light" });
  const page = await context.newPage();
  const owner = await signUpViaApi(request, { email: uniqueEmail("founder") });
  await signInViaApi(context.request, owner.email, owner.password);
  const ws = await contextApi(context).createWorkspace({ name: `Handover ${uniqueId()}` });
  const heir = await signUpViaApi(request, { email: uniqueEmail("heir") });
  const inv = await contextApi(context).post(`/api/v1/workspaces/${ws.slug}/members`, { email: heir.email, role: "editor" });
  expect(inv.status()).toBe(201);
  const heirContext = await browser.newContext();
  await signInViaApi(heirContext.request, heir.email, heir.password);
  const secret = new URL(((await inv.json()) as { invitation: { link: string } }).invitation.link).pathname.split("/").pop();
  expect((await mutate(heirContext, "POST", `/api/v1/invitations/${secret}/accept`, {})).status()).toBe(200);

  await page.goto(`/w/${ws.slug}/settings/members`);
  await expect(page.getByText("Role: owner", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: `Actions for ${heir.email}` }).click();
  await page.getByRole("menuitem", { name: "Transfer ownership…" }).click();
  await expect(page.getByRole("dialog")).toContainText("You become an admin");
  await page.getByRole("dialog").getByRole("button", { name: "Transfer ownership" }).click();
  await expect(page.getByText(`${heir.email} is now the owner`)).toBeVisible();
  await expect(page.getByText("Role: admin", { exact: true })).toBeVisible();
  const heirRow = page.getByRole("table", { name: "Members" }).getByRole("row").filter({ hasText: heir.email });
  await expect(heirRow).toContainText("Owner");
  await expect(heirRow.getByRole("combobox")).toHaveCount(0); // above the (now) admin
  await heirContext.close();
  await context.close();
});

test("editor: creates an API token, sees the secret once, uses it, revokes it with immediate effect", async ({ playwright }) => {
  const { page } = actors.editor;
  await page.goto(`${SETTINGS}/tokens`);
  const name = `CI ${uniqueId()}`;
  await page.getByRole("button", { name: "Create token" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByRole("checkbox", { name: /^run/ }).check();
  await dialog.getByText("30 days").click();
  await dialog.getByRole("button", { name: "Create token" }).click();
  await expect(dialog).toContainText("you won't see it again");
  const secret = await dialog.getByLabel("API token", { exact: true }).inputValue();
  expect(secret).toMatch(/^sst_/);
  await screenshot(page, "tokens-secret");

  const api = await playwright.request.newContext({ baseURL: BASE_URL });
  const asToken = { authorization: `Bearer ${secret}` };
  const me = await api.get("/api/v1/me", { headers: asToken });
  expect(me.status()).toBe(200);
  expect(((await me.json()) as { authenticatedBy: { scopes: string[] } }).authenticatedBy.scopes).toEqual(["read", "run"]);

  await dialog.getByRole("button", { name: "I have copied it" }).click();
  await expect(page.getByRole("dialog")).toBeHidden();
  // opening the dialog again starts a new token: the secret is not shown a second time
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByRole("dialog").getByLabel("Name")).toHaveValue("");
  await expect(page.getByRole("dialog").getByLabel("API token", { exact: true })).toHaveCount(0);
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toBeHidden();
  const row = page.getByTestId("token-row").filter({ hasText: name });
  await expect(row).toContainText(secret.slice(0, 8));
  await expect(row).toContainText("This workspace");
  await expect(row).toContainText("Active");
  expect(await page.content()).not.toContain(secret); // gone from the page once the dialog is closed
  await screenshot(page, "tokens");

  await row.getByRole("button", { name: `Revoke ${name}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke token" }).click();
  await expect(page.getByRole("dialog")).toBeHidden();
  await expect(page.getByText(`“${name}” revoked`)).toBeVisible();
  await expect(row).toHaveCount(0);
  await page.getByRole("button", { name: /revoked or expired/ }).click();
  await expect(page.getByTestId("token-row").filter({ hasText: name })).toContainText("Revoked");
  const after = await api.get("/api/v1/me", { headers: asToken });
  expect(after.status()).toBe(401);
  expect(((await after.json()) as { error: { message: string } }).error.message).toMatch(/revoked/);
  await api.dispose();
});
