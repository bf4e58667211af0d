// Shared fixtures and helpers for the Playwright suites (e2e/api: real HTTP, e2e/flows: real browser).
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { test as base, expect, type APIRequestContext, type APIResponse, type BrowserContext, type Page } from "@playwright/test";

/** What playwright.config.ts's webServer creates through STUDIO_INIT_*. */
export const SEED = {
  email: "admin@e2e.test",
  password: "e2e admin password",
  workspace: "e2e-seed",
  token: "sst_e2e_seed_token_0123456789abcdefghij",
} as const;

export const BASE_URL = `http://localhost:${Number(process.env.E2E_PORT ?? 3210)}`;
/** An origin that is not the studio's, for CSRF tests. */
export const FOREIGN_ORIGIN = "https://evil.example";

// ---------------------------------------------------------------------------------------------------------------
// Test data
// ---------------------------------------------------------------------------------------------------------------

const runId = `${Date.now().toString(36)}${randomBytes(2).toString("hex")}`;
let counter = 0;

/** A unique token for this run (lowercase letters and digits), usable in e-mails, slugs and names. */
export function uniqueId(): string {
  counter += 1;
  return `${runId}${counter.toString(36)}${randomBytes(2).toString("hex")}`;
}

/** A unique, valid e-mail address on the e2e.test domain. */
export function uniqueEmail(prefix = "user"): string {
  return `${prefix}-${uniqueId()}@e2e.test`;
}

/** A password that passes the studio's rules (10+ characters, 5+ distinct, not common). */
export function strongPassword(): string {
  return `pw-${randomBytes(9).toString("base64url")}-ok`;
}

/** A unique workspace slug (3–40 characters, lowercase, dashes). */
export function uniqueSlug(prefix = "ws"): string {
  return `${prefix}-${uniqueId()}`.slice(0, 40);
}

export interface TestUser {
  id: string;
  email: string;
  name: string;
  password: string;
}

// ---------------------------------------------------------------------------------------------------------------
// API client
// ---------------------------------------------------------------------------------------------------------------

export interface ApiErrorBody {
  error: { code: string; message: string; details: unknown };
}

export interface Workspace {
  id: string;
  slug: string;
  name: string;
  role: string;
}

export interface AuditEvent {
  id: string;
  seq: number;
  occurredAt: string;
  actor: { type: string; id: string | null; label: string | null };
  action: string;
  resource: { type: string; id: string | null };
  hash: string;
  after: unknown;
  metadata: unknown;
}

export interface AuditPage {
  events: AuditEvent[];
  nextCursor: string | null;
}

type Query = Record<string, string | number | undefined>;

function withQuery(p: string, query?: Query): string {
  if (!query) return p;
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) q.set(k, String(v));
  const s = q.toString();
  return s ? `${p}?${s}` : p;
}

/**
 * A thin client for the studio's HTTP API. Authenticates with a bearer token when given one, otherwise with
 * whatever cookies the request context carries (a browser context's `context.request` shares the page's cookies).
 * Mutations send the studio's own Origin unless told otherwise, as the studio's pages do.
 */
export class StudioApi {
  constructor(
    readonly request: APIRequestContext,
    readonly opts: { token?: string; origin?: string | null } = {},
  ) {}

  private headers(extra?: Record<string, string>, mutation = false): Record<string, string> {
    const h: Record<string, string> = { ...extra };
    if (this.opts.token) h.authorization = `Bearer ${this.opts.token}`;
    const origin = this.opts.origin === undefined ? BASE_URL : this.opts.origin;
    if (mutation && origin) h.origin = origin;
    return h;
  }

  get(p: string, query?: Query, headers?: Record<string, string>): Promise<APIResponse> {
    return this.request.get(withQuery(p, query), { headers: this.headers(headers) });
  }

  post(p: string, data: unknown, headers?: Record<string, string>): Promise<APIResponse> {
    return this.request.post(p, { data: data as never, headers: this.headers(headers, true) });
  }

  delete(p: string, headers?: Record<string, string>): Promise<APIResponse> {
    return this.request.delete(p, { headers: this.headers(headers, true) });
  }

  me(): Promise<APIResponse> {
    return this.get("/api/v1/me");
  }

  listWorkspaces(): Promise<APIResponse> {
    return this.get("/api/v1/workspaces");
  }

  createWorkspaceRaw(input: { name: string; slug?: string }, headers?: Record<string, string>): Promise<APIResponse> {
    return this.post("/api/v1/workspaces", input, headers);
  }

  async createWorkspace(input: { name?: string; slug?: string } = {}): Promise<Workspace> {
    const slug = input.slug ?? uniqueSlug();
    const res = await this.createWorkspaceRaw({ name: input.name ?? `Workspace ${slug}`, slug });
    expect(res.status(), await res.text()).toBe(201);
    return ((await res.json()) as { workspace: Workspace }).workspace;
  }

  audit(slug: string, query?: Query): Promise<APIResponse> {
    return this.get(`/api/v1/workspaces/${slug}/audit`, query);
  }

  async auditPage(slug: string, query?: Query): Promise<AuditPage> {
    const res = await this.audit(slug, query);
    expect(res.status(), await res.text()).toBe(200);
    return (await res.json()) as AuditPage;
  }

  verify(slug: string): Promise<APIResponse> {
    return this.get(`/api/v1/workspaces/${slug}/audit/verify`);
  }
}

/** The API client that authenticates as the seed admin with the STUDIO_INIT_API_TOKEN. */
export const seedApi = (request: APIRequestContext) => new StudioApi(request, { token: SEED.token });

/** The API client of a browser context: its cookies, its origin. */
export const contextApi = (context: BrowserContext) => new StudioApi(context.request);

/** Assert the API's error shape and status; returns the error for further checks. */
export async function expectApiError(res: APIResponse, status: number, code: string): Promise<ApiErrorBody["error"]> {
  const text = await res.text();
  expect(res.status(), text).toBe(status);
  expect(res.headers()["content-type"]).toMatch(/^application\/json/);
  const body = JSON.parse(text) as ApiErrorBody;
  expect(Object.keys(body)).toEqual(["error"]);
  expect(Object.keys(body.error).sort()).toEqual(["code", "details", "message"]);
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe("string");
  expect(body.error.message.length).toBeGreaterThan(0);
  return body.error;
}

// ---------------------------------------------------------------------------------------------------------------
// Accounts
// ---------------------------------------------------------------------------------------------------------------

/** POST /api/sign-up with the studio's own Origin (the endpoint refuses cross-site posts). */
export function postSignUp(request: APIRequestContext, body: unknown, headers: Record<string, string> = {}): Promise<APIResponse> {
  return request.post("/api/sign-up", { data: body as never, headers: { origin: BASE_URL, ...headers } });
}

/** Create an account through the API. */
export async function signUpViaApi(request: APIRequestContext, input: Partial<Omit<TestUser, "id">> = {}): Promise<TestUser> {
  const email = input.email ?? uniqueEmail();
  const name = input.name ?? `Tester ${email.split("@")[0].slice(-6)}`;
  const password = input.password ?? strongPassword();
  const res = await postSignUp(request, { email, name, password });
  expect(res.status(), await res.text()).toBe(201);
  const { user } = (await res.json()) as { user: { id: string; email: string; name: string } };
  return { id: user.id, email: user.email, name: user.name, password };
}

/**
 * Post to next-auth's credentials callback exactly as lib/client/sign-in.ts does (csrf token from /api/auth/csrf in
 * the same cookie jar, form-encoded, json=true). On success the request context holds the session cookie.
 */
export async function postCredentials(request: APIRequestContext, email: string, password: string): Promise<APIResponse> {
  const csrf = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  return request.post("/api/auth/callback/credentials", {
    form: { email, password, csrfToken: csrf.csrfToken, callbackUrl: "/", json: "true" },
  });
}

/** Whether a credentials response means "signed in" (next-auth answers 200 with a url that has no ?error=). */
export async function credentialsAccepted(res: APIResponse): Promise<boolean> {
  if (!res.ok()) return false;
  const body = (await res.json().catch(() => null)) as { url?: string } | null;
  return !!body?.url && !new URL(body.url, BASE_URL).searchParams.get("error");
}

/** Sign in through the API; the request context (e.g. `context.request`) then carries the session cookie. */
export async function signInViaApi(request: APIRequestContext, email: string, password: string): Promise<void> {
  const res = await postCredentials(request, email, password);
  expect(await credentialsAccepted(res), `sign-in of ${email} answered ${res.status()}`).toBe(true);
}

/** A new account, signed in inside `context` (cookies shared with its pages). */
export async function signedInUser(context: BrowserContext): Promise<TestUser> {
  const user = await signUpViaApi(context.request);
  await signInViaApi(context.request, user.email, user.password);
  return user;
}

// ---------------------------------------------------------------------------------------------------------------
// Page objects
// ---------------------------------------------------------------------------------------------------------------

export function signInPage(page: Page) {
  return {
    goto: (callbackUrl?: string) => page.goto(callbackUrl ? `/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}` : "/sign-in"),
    heading: page.getByRole("heading", { name: "Sign in", level: 1 }),
    email: page.getByLabel("E-mail"),
    password: page.getByLabel("Password"),
    submit: page.getByRole("button", { name: "Sign in" }),
    // Scoped to <main>: the toast region and Next's route announcer are alert regions too.
    error: page.getByRole("main").getByRole("alert"),
  };
}

export function signUpPage(page: Page) {
  return {
    goto: () => page.goto("/sign-up"),
    heading: page.getByRole("heading", { name: "Create your account", level: 1 }),
    name: page.getByLabel("Name"),
    email: page.getByLabel("E-mail"),
    password: page.getByLabel("Password"),
    submit: page.getByRole("button", { name: "Create account" }),
  };
}

export function newWorkspacePage(page: Page) {
  return {
    heading: page.getByRole("heading", { name: "Create a workspace", level: 1 }),
    name: page.getByLabel("Workspace name"),
    address: page.getByLabel("Address"),
    submit: page.getByRole("button", { name: "Create workspace" }),
  };
}

/** The studio shell around every /w/<slug> page. */
export function studioShell(page: Page) {
  const nav = page.getByRole("navigation", { name: "Workspace" });
  return {
    nav,
    navLink: (name: "Specs" | "Runs" | "Reviews" | "Audit" | "Settings") => nav.getByRole("link", { name, exact: true }),
    heading: page.getByRole("heading", { level: 1 }),
    emptyTitle: (title: string) => page.getByRole("heading", { name: title, level: 2 }),
    switcher: page.getByRole("button", { name: /^Workspace: .*Switch workspace$/ }),
    accountMenu: page.getByRole("button", { name: /^Account: / }),
    signOut: page.getByRole("menuitem", { name: "Sign out" }),
  };
}

export function auditPageObject(page: Page) {
  const list = page.getByRole("list", { name: "Audit events, newest first" });
  return {
    heading: page.getByRole("heading", { name: "Audit trail", level: 1 }),
    list,
    events: list.getByRole("listitem"),
    event: (action: string) => list.getByRole("listitem").filter({ hasText: action }),
    // exact: the "Remove the search filter" chip button would match a substring.
    search: page.getByLabel("Search", { exact: true }),
    action: page.getByLabel("Action", { exact: true }),
    applyFilters: page.getByRole("button", { name: "Apply filters" }),
    verify: page.getByRole("button", { name: "Verify chain" }),
    verifyStatus: page.getByRole("status").filter({ hasText: /Chain|Broken/ }),
  };
}

/** Fill and submit the sign-in form; does not wait for the outcome. */
export async function submitSignIn(page: Page, email: string, password: string): Promise<void> {
  const form = signInPage(page);
  await form.email.fill(email);
  await form.password.fill(password);
  await form.submit.click();
}

/** Sign in through the sign-in page and wait until the studio has left it. */
export async function signInViaUi(page: Page, email: string, password: string, callbackUrl?: string): Promise<void> {
  const form = signInPage(page);
  if (callbackUrl || !page.url().includes("/sign-in")) await form.goto(callbackUrl);
  await expect(form.heading).toBeVisible();
  await submitSignIn(page, email, password);
  await expect(page).not.toHaveURL(/\/sign-in/, { timeout: 20_000 });
}

/** Sign out through the account menu at the bottom of the sidebar. */
export async function signOutViaUi(page: Page): Promise<void> {
  const shell = studioShell(page);
  await shell.accountMenu.click();
  await shell.signOut.click();
  await expect(page).toHaveURL(/\/sign-in/);
}

/** A full-page screenshot into test-results/screens/<name>.png (not committed; look at them after a run). */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = path.join(process.cwd(), "test-results", "screens");
  fs.mkdirSync(dir, { recursive: true });
  // Let fonts and the theme class settle so the picture is what a person sees.
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true, animations: "disabled" });
}

// ---------------------------------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------------------------------

export const test = base.extend<{ seed: StudioApi; anonymous: StudioApi }>({
  seed: async ({ request }, provide) => provide(seedApi(request)),
  anonymous: async ({ request }, provide) => provide(new StudioApi(request)),
});

export { expect };
