// The spec list of a new workspace in a real browser: empty state, New spec (blank or example), Import .yaml
// (and refusing binary files), search, rename, archive/unarchive, export.
import type { Page } from "@playwright/test";
import { SPEC_EXAMPLES } from "../../lib/specs/examples";
import { StudioApi, expect, screenshot, signedInUser, test, uniqueId } from "../fixtures";

test.use({ colorScheme: "light", viewport: { width: 1440, height: 900 } });

function listPage(page: Page) {
  const table = page.getByRole("table");
  return {
    heading: page.getByRole("heading", { name: "Specs", level: 1 }),
    newSpec: page.getByRole("button", { name: "New spec" }).first(),
    importYaml: page.getByRole("button", { name: "Import .yaml" }).first(),
    search: page.getByLabel("Search specs by name"),
    showArchived: page.getByLabel("Show archived"),
    table,
    row: (name: string) => table.getByRole("row").filter({ has: page.getByRole("link", { name, exact: true }) }),
    rows: table.getByRole("row"),
    actions: (name: string) => page.getByRole("button", { name: `Actions for ${name}` }),
  };
}

const editorText = (page: Page) =>
  page.evaluate(() => {
    type View = { state: { doc: { toString(): string } } };
    const el = document.querySelector(".cm-content") as (Element & { cmTile?: { root?: { view?: View } }; cmView?: { rootView?: { view?: View } } }) | null;
    const view = el?.cmTile?.root?.view ?? el?.cmView?.rootView?.view;
    // null until the editor has loaded (it is set up after hydration).
    return view ? view.state.doc.toString() : null;
  });

test("create, import, search, rename, archive and export specs from the list", async ({ page, context }) => {
  test.setTimeout(180_000);
  await signedInUser(context);
  const ws = await new StudioApi(context.request).createWorkspace({ name: `Specs ${uniqueId()}` });
  const list = listPage(page);
  const example = SPEC_EXAMPLES.find((e) => e.id === "customer_onboarding")!;

  await test.step("a new workspace shows the empty state, with what to do", async () => {
    await page.goto(`/w/${ws.slug}/specs`);
    await expect(list.heading).toBeVisible();
    await expect(page.getByRole("heading", { name: "No specs yet", level: 2 })).toBeVisible();
    await expect(page.getByText(/Start from a blank spec or one of the examples, or import a \.yaml file/)).toBeVisible();
    await expect(page.getByRole("button", { name: "New spec" })).toHaveCount(2);
    await screenshot(page, "specs-empty");
  });

  await test.step("New spec from an example opens it in the editor", async () => {
    await list.newSpec.click();
    const dialog = page.getByRole("dialog", { name: "New spec" });
    await expect(dialog.getByLabel("Name")).toBeFocused();
    // A name is required.
    await dialog.getByRole("button", { name: "Create spec" }).click();
    await expect(dialog.getByText("Enter a name for the spec.")).toBeVisible();
    await dialog.getByLabel("Name").fill("Customer onboarding");
    await dialog.getByRole("radio", { name: /Customer onboarding \(long form\)/ }).check();
    await dialog.getByRole("button", { name: "Create spec" }).click();
    await expect(page.getByRole("heading", { name: "Customer onboarding", level: 1 })).toBeVisible({ timeout: 20_000 });
    await expect(page.getByTestId("sync-status")).toHaveText("Saved", { timeout: 30_000 });
    await expect.poll(() => editorText(page)).toBe(example.yaml);
    await expect(page.getByRole("navigation", { name: "Steps" }).getByRole("button")).toHaveCount(4);
    await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "Specs" }).click();
    await expect(list.row("Customer onboarding")).toBeVisible();
  });

  await test.step("a blank spec, with the keyboard; a taken name is refused in the form", async () => {
    await list.newSpec.focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: "New spec" });
    await page.keyboard.type("Customer onboarding");
    await page.keyboard.press("Enter");
    await expect(dialog.getByText(/already exists in this workspace\. Choose another name\./)).toBeVisible();
    await expect(dialog.getByLabel("Name")).toHaveAttribute("aria-invalid", "true");
    await dialog.getByLabel("Name").fill("Nightly report");
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { name: "Nightly report", level: 1 })).toBeVisible({ timeout: 20_000 });
    await expect(page.getByTestId("sync-status")).toHaveText("Saved", { timeout: 30_000 });
    await expect.poll(() => editorText(page)).toContain("name: nightly_report");
    await page.goto(`/w/${ws.slug}/specs`);
  });

  await test.step("Import .yaml refuses binary and non-YAML files, with a reason", async () => {
    await list.importYaml.click();
    const dialog = page.getByRole("dialog", { name: "Import a YAML spec" });
    const file = dialog.getByLabel("YAML file");
    await file.setInputFiles({ name: "logo.yaml", mimeType: "application/yaml", buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]) });
    await expect(dialog.getByText("“logo.yaml” looks like a binary file (it contains NUL bytes). A spec must be YAML text.")).toBeVisible();
    await expect(file).toHaveAttribute("aria-invalid", "true");
    await file.setInputFiles({ name: "latin1.yml", mimeType: "application/yaml", buffer: Buffer.from([0x77, 0x6f, 0x72, 0x6b, 0xe9, 0x3a, 0x0a]) });
    await expect(dialog.getByText(/“latin1\.yml” is not UTF-8 text/)).toBeVisible();
    await file.setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("workflow:\n") });
    await expect(dialog.getByText(/“notes\.txt” is not a YAML file/)).toBeVisible();
    await dialog.getByRole("button", { name: "Import spec" }).click();
    await expect(dialog).toBeVisible();

    await file.setInputFiles({ name: "invoice_flow.yaml", mimeType: "application/yaml", buffer: Buffer.from(SPEC_EXAMPLES[2].yaml) });
    await expect(dialog.getByText(/Ready to import “invoice_flow\.yaml”/)).toBeVisible();
    await expect(dialog.getByLabel("Name")).toHaveValue("invoice_flow");
    await dialog.getByRole("button", { name: "Import spec" }).click();
    await expect(page.getByRole("heading", { name: "invoice_flow", level: 1 })).toBeVisible({ timeout: 20_000 });
    await expect(page.getByTestId("sync-status")).toHaveText("Saved", { timeout: 30_000 });
    await expect.poll(() => editorText(page)).toBe(SPEC_EXAMPLES[2].yaml);
    await page.goto(`/w/${ws.slug}/specs`);
  });

  await test.step("the list shows every spec with its state and latest revision (screenshot)", async () => {
    const api = new StudioApi(context.request);
    const base = `/api/v1/workspaces/${ws.slug}/specs`;
    const broken = await api.post(base, { name: "Broken draft", content: "workflow:\n  name: broken\n  steps:\n    - id: a\n     bad: [1, 2\n" });
    expect(broken.status()).toBe(201);
    const onboarding = ((await (await api.get(base, { q: "Customer onboarding" })).json()) as { specs: { id: string }[] }).specs[0];
    expect((await api.post(`${base}/${onboarding.id}/revisions`, { message: "First cut" })).status()).toBe(201);
    await page.reload();
    await expect(list.rows).toHaveCount(5);
    await expect(list.rows.nth(1)).toContainText("Broken draft");
    await expect(list.row("Customer onboarding")).toContainText("#1");
    await expect(list.row("Broken draft")).toContainText("Invalid");
    for (const name of ["Nightly report", "invoice_flow"]) {
      await expect(list.row(name)).toContainText("Valid");
      await expect(list.row(name)).toContainText("None yet");
    }
    await screenshot(page, "specs-list");
  });

  await test.step("search by name (debounced), and a search without matches", async () => {
    await list.search.fill("INVOICE");
    await expect(list.rows).toHaveCount(2);
    await expect(list.row("invoice_flow")).toBeVisible();
    await list.search.fill("no such spec");
    await expect(page.getByRole("heading", { name: "No specs match “no such spec”" })).toBeVisible();
    await page.getByRole("button", { name: "Clear search" }).click();
    await expect(list.rows).toHaveCount(5);
  });

  await test.step("rename from the row menu", async () => {
    await list.actions("Nightly report").click();
    await page.getByRole("menuitem", { name: "Rename…" }).click();
    const dialog = page.getByRole("dialog", { name: "Rename spec" });
    await expect(dialog.getByLabel("Name")).toHaveValue("Nightly report");
    await dialog.getByLabel("Name").fill("Daily report");
    await dialog.getByRole("button", { name: "Rename" }).click();
    await expect(dialog).toBeHidden();
    await expect(list.row("Daily report")).toBeVisible();
    await expect(page.getByRole("link", { name: "Nightly report", exact: true })).toHaveCount(0);
  });

  await test.step("archive hides the spec; Show archived finds it; unarchive brings it back", async () => {
    await list.actions("Daily report").click();
    await page.getByRole("menuitem", { name: "Archive" }).click();
    await expect(page.getByText("Archived “Daily report”")).toBeVisible();
    await expect(list.row("Daily report")).toHaveCount(0);
    await list.showArchived.check();
    await expect(list.row("Daily report")).toContainText("Archived");
    // An archived spec opens read-only.
    await list.row("Daily report").getByRole("link", { name: "Daily report" }).click();
    await expect(page.getByText("Read only — this spec is archived")).toBeVisible();
    await expect(page.getByRole("button", { name: "Save revision" })).toHaveCount(0);
    await expect(page.getByRole("textbox", { name: "Spec YAML" })).toHaveAttribute("contenteditable", "false");
    await page.goBack();
    await list.showArchived.check();
    await list.actions("Daily report").click();
    await page.getByRole("menuitem", { name: "Unarchive" }).click();
    await expect(page.getByText("Unarchived “Daily report”")).toBeVisible();
    await list.showArchived.uncheck();
    await expect(list.row("Daily report")).toBeVisible();
    await expect(list.row("Daily report")).not.toContainText("Archived");
  });

  await test.step("export downloads the YAML", async () => {
    await list.actions("Customer onboarding").click();
    const download = page.waitForEvent("download");
    await page.getByRole("menuitem", { name: "Export .yaml" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe("Customer_onboarding.yaml");
    const fs = await import("node:fs/promises");
    expect(await fs.readFile((await file.path())!, "utf8")).toBe(example.yaml);
  });
});
