// Keyboard-only use of the sign-in form.
import { expect, signInPage, signUpViaApi, test } from "../fixtures";

test.use({ colorScheme: "light" });

test("the sign-in form can be completed with the keyboard only", async ({ page, request }) => {
  const user = await signUpViaApi(request);
  const form = signInPage(page);
  await form.goto();
  // The e-mail field has focus on arrival.
  await expect(form.email).toBeFocused();
  await page.keyboard.type(user.email);
  await page.keyboard.press("Tab");
  await expect(form.password).toBeFocused();
  await page.keyboard.type(user.password);
  await page.keyboard.press("Tab");
  await expect(form.submit).toBeFocused();
  await page.keyboard.press("Enter");
  // A user without a workspace is taken to create one.
  await expect(page).toHaveURL(/\/workspaces\/new$/, { timeout: 20_000 });
  await expect(page.getByRole("heading", { name: "Create a workspace" })).toBeVisible();
});

test("Enter in the password field submits, and a wrong password is announced", async ({ page, request }) => {
  const user = await signUpViaApi(request);
  const form = signInPage(page);
  await form.goto();
  await page.keyboard.type(user.email);
  await page.keyboard.press("Tab");
  await page.keyboard.type("not the password");
  await page.keyboard.press("Enter");
  await expect(form.error).toHaveText("Wrong e-mail or password.");
  // Shift+Tab goes back to the e-mail field; the form keeps what was typed.
  await form.password.focus();
  await page.keyboard.press("Shift+Tab");
  await expect(form.email).toBeFocused();
  await expect(form.email).toHaveValue(user.email);
  await form.password.focus();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type(user.password);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/workspaces\/new$/, { timeout: 20_000 });
});
