// Invitation e-mails in the browser. The suite's own studio has no SMTP (admin-roles.spec.ts checks the page says
// so); this file starts a second studio (`npm start` on the suite's build, a fresh PostgreSQL database) whose
// SMTP_URL points at a real SMTP server inside this test process. The owner invites on the members page: the mail
// arrives and its link joins the workspace; a recipient the server refuses (550) still gets an invitation, and the
// dialog says why no e-mail went out.
import type { Browser, BrowserContext } from "@playwright/test";
import { expect, screenshot, signInViaUi, strongPassword, test, uniqueEmail, uniqueId } from "../fixtures";
import { createFreshDatabase, dropDatabase, freePort, markBuildCurrent, startStudio, type StudioProcess } from "../../tests/helpers/studio-process";
import { startTestSmtpServer, type TestSmtpServer } from "../../lib/mail/testing/test-smtp-server";

test.use({ colorScheme: "light" });
test.describe.configure({ mode: "serial" });

const PORT = Number(process.env.E2E_PORT ?? 3210);
const DIST_DIR = process.env.CI ? ".next" : `.next-e2e-${PORT}`;
const DB_URL = `postgresql://postgres@127.0.0.1:5432/spec_studio_test_e2e_mail_${process.pid}`;
const SEED = { email: "owner@mail.e2e.test", password: "mail e2e owner password", workspace: "mail-e2e", token: "sst_mail_e2e_token_0123456789abcdefgh" };

let smtp: TestSmtpServer;
let studio: StudioProcess;
let owner: BrowserContext;

async function newContext(browser: Browser) {
  return browser.newContext({ baseURL: studio.url, colorScheme: "light" });
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  smtp = await startTestSmtpServer({ refuse: /^bounce-/ });
  await createFreshDatabase(DB_URL);
  // The suite's webServer built DIST_DIR moments ago; do not let a source edited since then trigger a rebuild.
  markBuildCurrent(DIST_DIR);
  const port = await freePort();
  studio = await startStudio({
    databaseUrl: DB_URL,
    distDir: DIST_DIR,
    port,
    seed: SEED,
    // STUDIO_URL is what invitation links start with (docs/configuration.md, E-mail)
    env: { SMTP_URL: smtp.url, SMTP_FROM: "Spec Studio <studio@mail.e2e.test>", STUDIO_URL: `http://127.0.0.1:${port}`, STUDIO_TEST_MODE: "1" },
    readyTimeoutMs: 120_000,
  });
  owner = await newContext(browser);
});

test.afterAll(async () => {
  await owner?.close();
  await studio?.stop();
  await smtp?.close();
  await dropDatabase(DB_URL).catch(() => undefined);
});

async function inviteOnPage(email: string) {
  const page = owner.pages()[0] ?? (await owner.newPage());
  if (!page.url().includes("/settings/members")) {
    await signInViaUi(page, SEED.email, SEED.password, `/w/${SEED.workspace}/settings/members`);
    await expect(page.getByRole("heading", { name: /^Members/, level: 2 })).toBeVisible();
  }
  await page.getByRole("button", { name: "Invite member" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("The link is e-mailed to them, and you can also copy it.");
  await dialog.getByLabel("E-mail").fill(email);
  await dialog.getByRole("combobox", { name: "Role" }).click();
  await page.getByRole("option", { name: /^Editor/ }).click();
  await dialog.getByRole("button", { name: "Create invitation" }).click();
  await expect(dialog.getByRole("heading", { name: "Invitation created" })).toBeVisible();
  return { page, dialog, link: await dialog.getByLabel("Invitation link", { exact: true }).inputValue() };
}

test("with SMTP configured the invitation is e-mailed, and the link in the e-mail joins the workspace", async ({ browser }) => {
  test.setTimeout(120_000);
  const email = uniqueEmail("mailed");
  const { page, dialog, link } = await inviteOnPage(email);
  const outcome = dialog.getByTestId("invitation-email");
  await expect(outcome).toHaveAttribute("data-sent", "true");
  await expect(outcome).toContainText(`E-mail sent to ${email}`);
  await screenshot(page, "members-invite-emailed");
  await dialog.getByRole("button", { name: "Done" }).click();

  const mail = await smtp.waitFor(email);
  expect(mail.subject).toContain(`invited you to`);
  const mailed = /https?:\/\/\S+\/invite\/[\w-]+/.exec(mail.text)?.[0];
  expect(mailed?.startsWith(`${studio.url}/invite/`), mailed).toBe(true);
  expect(mailed).toBe(link);

  // The invitee signs up, opens the link from their inbox and joins.
  const invitee = await newContext(browser);
  try {
    const password = strongPassword();
    const res = await invitee.request.post("/api/sign-up", { data: { email, name: `Mailed ${uniqueId().slice(-4)}`, password }, headers: { origin: studio.url } });
    expect(res.status(), await res.text()).toBe(201);
    const p = await invitee.newPage();
    await p.goto(mailed!);
    await expect(p.getByRole("heading", { level: 1, name: /^Join / })).toBeVisible();
    await p.getByRole("link", { name: `Sign in as ${email}` }).click();
    await expect(p).toHaveURL(/\/sign-in\?callbackUrl=/);
    await signInViaUi(p, email, password);
    await expect(p).toHaveURL(mailed!);
    await p.getByRole("button", { name: /^Join / }).click();
    await expect(p).toHaveURL(new RegExp(`/w/${SEED.workspace}(/|$)`), { timeout: 20_000 });
  } finally {
    await invitee.close();
  }
  await page.reload();
  await expect(page.getByRole("table", { name: "Members" }).getByRole("row").filter({ hasText: email })).toContainText("Editor");
});

test("a recipient the mail server refuses still gets an invitation; the dialog says why no e-mail went out", async () => {
  const email = `bounce-${uniqueId()}@e2e.test`;
  const { page, dialog, link } = await inviteOnPage(email);
  expect(new URL(link).pathname).toMatch(/^\/invite\/[\w-]+$/);
  const outcome = dialog.getByTestId("invitation-email");
  await expect(outcome).toHaveAttribute("data-sent", "false");
  await expect(outcome).toContainText("The e-mail was not sent");
  await expect(outcome).toContainText("550 5.1.1 mailbox unavailable");
  await expect(outcome).toContainText(`copy the link and send it to ${email} yourself`);
  await expect(outcome).not.toContainText(new URL(link).pathname.split("/").pop()!);
  await screenshot(page, "members-invite-email-failed");
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(page.getByRole("table", { name: "Pending invitations" }).getByRole("row").filter({ hasText: email })).toHaveCount(1);
  expect(smtp.received.some((m) => m.to.includes(email))).toBe(false);
  // The server log names the invitation, never its link.
  expect(studio.output()).toMatch(/\[mail\] invitation \w+ was created but its e-mail was not sent: The mail server refused the message: 550/);
  expect(studio.output()).not.toContain(new URL(link).pathname);
});
