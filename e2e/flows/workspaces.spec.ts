// The workspace switcher, and workspaces of other users.
import { BASE_URL, contextApi, expect, signInViaUi, signUpViaApi, signedInUser, studioShell, test, uniqueId } from "../fixtures";

test.use({ colorScheme: "light" });

test("the workspace switcher lists the user's workspaces and switches between them", async ({ page, context }) => {
  const user = await signUpViaApi(context.request);
  await signInViaUi(page, user.email, user.password);
  await expect(page).toHaveURL(/\/workspaces\/new$/);
  // The page's session cookie authenticates the API calls too.
  const api = contextApi(context);
  const id = uniqueId();
  const alpha = await api.createWorkspace({ name: `Alpha ${id}`, slug: `alpha-${id}` });
  const beta = await api.createWorkspace({ name: `Beta ${id}`, slug: `beta-${id}` });
  const shell = studioShell(page);

  // "/" opens the first workspace by name.
  await page.goto("/");
  await expect(page).toHaveURL(new RegExp(`/w/${alpha.slug}/specs$`));
  await expect(shell.switcher).toHaveAccessibleName(`Workspace: ${alpha.name}. Switch workspace`);

  await shell.switcher.click();
  const menu = page.getByRole("menu");
  await expect(menu.getByRole("menuitem")).toHaveText([new RegExp(alpha.name), new RegExp(beta.name), /New workspace/]);
  await expect(menu.getByRole("menuitem", { name: new RegExp(alpha.name) })).toHaveAttribute("aria-current", "true");
  await menu.getByRole("menuitem", { name: new RegExp(beta.name) }).click();

  await expect(page).toHaveURL(new RegExp(`/w/${beta.slug}/specs$`));
  await expect(shell.switcher).toHaveAccessibleName(`Workspace: ${beta.name}. Switch workspace`);
  await expect(shell.heading).toHaveText("Specs");

  // Escape closes the menu without navigating; the "New workspace" entry leads to the creation page.
  await shell.switcher.click();
  await expect(page.getByRole("menu")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("menu")).toBeHidden();
  await expect(shell.switcher).toBeFocused();
  await shell.switcher.click();
  await page.getByRole("menuitem", { name: "New workspace" }).click();
  await expect(page).toHaveURL(/\/workspaces\/new$/);
  await expect(page.getByRole("heading", { name: "Create a workspace" })).toBeVisible();
});

test("a second user cannot open the first user's workspace: Not found", async ({ page, context, browser }) => {
  await signedInUser(context);
  const ws = await contextApi(context).createWorkspace({ name: `Private ${uniqueId()}` });

  const otherContext = await browser.newContext({ baseURL: BASE_URL, colorScheme: "light" });
  try {
    await signedInUser(otherContext);
    const other = await otherContext.newPage();
    for (const path of [`/w/${ws.slug}`, `/w/${ws.slug}/specs`, `/w/${ws.slug}/audit`, `/w/${ws.slug}/settings`]) {
      const res = await other.goto(path);
      expect(res?.status(), path).toBe(404);
      await expect(other.getByRole("heading", { name: "Not found" })).toBeVisible();
      await expect(other.getByText(ws.name)).toHaveCount(0);
    }
    await other.getByRole("link", { name: "Go to your workspaces" }).click();
    await expect(other).toHaveURL(/\/workspaces\/new$/);
  } finally {
    await otherContext.close();
  }

  // The owner still opens it.
  await page.goto(`/w/${ws.slug}/specs`);
  await expect(studioShell(page).switcher).toContainText(ws.name);
});
