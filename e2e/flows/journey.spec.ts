// A new user's first visit, end to end in a real browser.
import {
  auditPageObject,
  expect,
  newWorkspacePage,
  screenshot,
  signInPage,
  signOutViaUi,
  signUpPage,
  strongPassword,
  studioShell,
  submitSignIn,
  test,
  uniqueEmail,
  uniqueId,
} from "../fixtures";

test.use({ colorScheme: "light" });

test("a new user signs up, creates a workspace, tours it, audits it, signs out and back in", async ({ page }) => {
  test.setTimeout(180_000);
  const email = uniqueEmail("journey");
  const password = strongPassword();
  const name = "Grace Hopper";
  const wsName = `Journey ${uniqueId()}`;
  const slug = wsName.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  const shell = studioShell(page);
  const audit = auditPageObject(page);

  await test.step("sign-in page (screenshot)", async () => {
    const form = signInPage(page);
    await form.goto();
    await expect(form.heading).toBeVisible();
    await expect(page).toHaveTitle(/Sign in/);
    await screenshot(page, "sign-in");
    await page.getByRole("link", { name: "Create an account" }).click();
    await expect(page).toHaveURL(/\/sign-up$/);
  });

  await test.step("sign up", async () => {
    const form = signUpPage(page);
    await expect(form.heading).toBeVisible();
    await form.name.fill(name);
    await form.email.fill(email);
    await form.password.fill(password);
    await form.submit.click();
  });

  await test.step("lands on Create a workspace and creates one", async () => {
    const form = newWorkspacePage(page);
    await expect(page).toHaveURL(/\/workspaces\/new$/, { timeout: 20_000 });
    await expect(form.heading).toBeVisible();
    await form.name.fill(wsName);
    await expect(form.address).toHaveValue(slug);
    await expect(page.getByText(`Your workspace will live at /w/${slug}`)).toBeVisible();
    await form.submit.click();
  });

  await test.step("sees the Specs empty state (screenshot)", async () => {
    await expect(page).toHaveURL(new RegExp(`/w/${slug}/specs$`), { timeout: 20_000 });
    await expect(shell.heading).toHaveText("Specs");
    await expect(shell.emptyTitle("No specs yet")).toBeVisible();
    await expect(shell.navLink("Specs")).toHaveAttribute("aria-current", "page");
    await expect(shell.switcher).toContainText(wsName);
    await expect(page.getByText("Role: owner")).toBeVisible();
    await screenshot(page, "workspace-specs-empty");
  });

  await test.step("navigates every section, each in its empty state", async () => {
    // [nav link, path, h1, what a new workspace shows there]
    const sections: [Parameters<typeof shell.navLink>[0], string, string, () => ReturnType<typeof page.getByText>][] = [
      ["Runs", "runs", "Runs", () => shell.emptyTitle("No runs yet")],
      ["Reviews", "reviews", "Reviews", () => shell.emptyTitle("Nothing to review")],
      ["Settings", "settings", "Settings", () => page.getByText("No model providers configured yet.")],
      ["Specs", "specs", "Specs", () => shell.emptyTitle("No specs yet")],
    ];
    for (const [link, path, heading, empty] of sections) {
      await shell.navLink(link).click();
      await expect(page).toHaveURL(new RegExp(`/w/${slug}/${path}$`));
      await expect(shell.heading).toHaveText(heading);
      await expect(empty(), `${heading} in a new workspace`).toBeVisible();
      await expect(shell.navLink(link)).toHaveAttribute("aria-current", "page");
      await expect(page).toHaveTitle(new RegExp(`^${heading}`));
    }
  });

  await test.step("audit shows workspace.created by this user, and the chain verifies (screenshot)", async () => {
    await shell.navLink("Audit").click();
    await expect(page).toHaveURL(new RegExp(`/w/${slug}/audit$`));
    await expect(audit.heading).toBeVisible();
    const created = audit.event("workspace.created");
    await expect(created).toHaveCount(1);
    await expect(created).toContainText(email);
    await audit.verify.click();
    await expect(audit.verifyStatus).toContainText("Chain intact");
    await expect(audit.verifyStatus).toHaveText("Chain intact: 1 event verified");
    await created.getByRole("button").click();
    await expect(created.getByRole("button")).toHaveAttribute("aria-expanded", "true");
    await expect(created).toContainText(`"slug": "${slug}"`);
    await screenshot(page, "workspace-audit");
  });

  await test.step("signs out through the account menu and lands on sign-in", async () => {
    await expect(shell.accountMenu).toHaveAccessibleName(`Account: ${name}`);
    await signOutViaUi(page);
    await expect(signInPage(page).heading).toBeVisible();
  });

  await test.step("a signed-out visit to the audit is sent to sign-in", async () => {
    await page.goto(`/w/${slug}/audit`);
    await expect(page).toHaveURL(/\/sign-in/);
    await expect(signInPage(page).heading).toBeVisible();
  });

  await test.step("a wrong password is refused with a message, the right one signs in", async () => {
    const form = signInPage(page);
    await submitSignIn(page, email, `${password}-wrong`);
    await expect(form.error).toHaveText("Wrong e-mail or password.");
    await expect(page).toHaveURL(/\/sign-in/);
    await expect(form.password).toBeEditable();
    await submitSignIn(page, email, password);
    await expect(page).toHaveURL(new RegExp(`/w/${slug}/specs$`), { timeout: 20_000 });
  });

  await test.step("finds their own events in the audit, also by searching for their e-mail", async () => {
    await shell.navLink("Audit").click();
    await expect(audit.event("workspace.created")).toContainText(email);
    await audit.search.fill(email);
    await audit.applyFilters.click();
    await expect(audit.events).toHaveCount(1);
    await expect(audit.events.first()).toContainText("workspace.created");
    await audit.search.fill("no-such-actor-anywhere");
    await audit.applyFilters.click();
    await expect(page.getByRole("heading", { name: "No events match these filters" })).toBeVisible();
  });
});
