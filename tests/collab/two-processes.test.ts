// Two studio processes (`npm start`) on one PostgreSQL database, as when the studio is scaled out behind a load
// balancer: an editor on one process and an editor on the other must see each other's edits and presence, relayed
// through the database (lib/realtime/bus.ts: LISTEN/NOTIFY). Everything goes through real HTTP with an API token.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import pg from "pg";
import * as Y from "yjs";
import {
  api,
  CollabClient,
  createFreshDatabase,
  dropDatabase,
  ensureBuilt,
  markBuildCurrent,
  SseStream,
  startStudio,
  waitUntil,
  withDatabase,
  type StudioProcess,
} from "@/tests/helpers/studio-process";
import { FOUR_STEP_YAML } from "@/tests/helpers/runs";

const pglite = process.env.TEST_DB === "pglite";
const DIST_DIR = ".next-2p";
const SEED = {
  email: "owner@two-processes.test",
  password: "two processes owner password",
  workspace: "two-proc",
  token: "sst_two_processes_token_0123456789abcdef",
};
const auth = { authorization: `Bearer ${SEED.token}` };

type SpecView = { id: string; content: string; valid: boolean };

describe.skipIf(pglite)("two studio processes on one database", { timeout: 60_000 }, () => {
  const dbUrl = pglite ? "" : withDatabase(inject("databaseUrl"), `spec_studio_test_2p_${process.pid}`);
  let a: StudioProcess;
  let b: StudioProcess;
  let sql: pg.Client;
  const clients: CollabClient[] = [];
  const streams: SseStream[] = [];

  const createSpec = async (on: StudioProcess, name: string, content = FOUR_STEP_YAML) => {
    const res = await api<{ spec: SpecView }>(on.url, SEED.token, "POST", `/api/v1/workspaces/${SEED.workspace}/specs`, { name, content });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.spec;
  };
  const getSpec = async (on: StudioProcess, id: string) => {
    const res = await api<{ spec: SpecView }>(on.url, SEED.token, "GET", `/api/v1/workspaces/${SEED.workspace}/specs/${id}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.spec;
  };
  const client = async (on: StudioProcess, specId: string) => {
    const c = new CollabClient(on.url, SEED.workspace, specId, SEED.token);
    clients.push(c);
    await c.connect();
    return c;
  };

  beforeAll(async () => {
    await createFreshDatabase(dbUrl);
    // One build folder for both, built before either starts (the first build takes a minute or two).
    await ensureBuilt(DIST_DIR);
    a = await startStudio({ databaseUrl: dbUrl, distDir: DIST_DIR, seed: SEED });
    // Sources may have changed meanwhile (others edit in parallel): B must not rebuild the folder A serves.
    markBuildCurrent(DIST_DIR);
    b = await startStudio({ databaseUrl: dbUrl, distDir: DIST_DIR, seed: SEED });
    sql = new pg.Client({ connectionString: dbUrl });
    await sql.connect();
  }, 380_000);

  afterAll(async () => {
    for (const c of clients) c.close();
    for (const s of streams) s.close();
    await sql?.end();
    await Promise.all([a?.stop(), b?.stop()]);
    if (dbUrl) await dropDatabase(dbUrl);
  }, 60_000);

  it("both ran the STUDIO_INIT_* seeding; the second created nothing", async () => {
    expect(a.output()).toMatch(/Created from STUDIO_INIT_\*: user owner@two-processes\.test, workspace two-proc, API token/);
    expect(b.output()).not.toMatch(/Created from STUDIO_INIT_/);
    const count = async (q: string) => Number((await sql.query<{ n: string }>(q)).rows[0].n);
    expect(await count(`SELECT count(*) AS n FROM users WHERE email = '${SEED.email}'`)).toBe(1);
    expect(await count(`SELECT count(*) AS n FROM workspaces WHERE slug = '${SEED.workspace}'`)).toBe(1);
    expect(await count(`SELECT count(*) AS n FROM memberships`)).toBe(1);
    expect(await count(`SELECT count(*) AS n FROM api_tokens`)).toBe(1);
    expect(await count(`SELECT count(*) AS n FROM audit_events WHERE action IN ('user.created', 'workspace.created', 'token.created')`)).toBe(3);
    for (const p of [a, b]) {
      const res = await fetch(`${p.url}/api/health`);
      expect(await res.json()).toMatchObject({ status: "ok", database: "postgres", migrations: "up-to-date" });
    }
  });

  it("an update posted to A reaches B's event stream, and B's API shows the new text; then the reverse", async () => {
    const spec = await createSpec(a, "relay both ways");
    const base = (p: StudioProcess) => `${p.url}/api/collab/${SEED.workspace}/specs/${spec.id}`;

    // B's live stream: hello, then the full state.
    const onB = await SseStream.open(`${base(b)}/events`, auth);
    streams.push(onB);
    expect(JSON.parse((await onB.next("hello")).data)).toMatchObject({ canEdit: true, role: "owner", archived: false });
    const stateB = Buffer.from((await onB.next("sync")).data, "base64");

    // An editor's document built from that state; its edit encoded as the update the browser would send.
    const doc = new Y.Doc();
    Y.applyUpdate(doc, stateB);
    expect(doc.getText("content").toString()).toBe(FOUR_STEP_YAML);
    let update: Uint8Array | null = null;
    doc.on("update", (u: Uint8Array) => (update = u));
    doc.getText("content").insert(0, "# edited through A\n");
    expect(update).not.toBeNull();

    const posted = await fetch(`${base(a)}/updates`, {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body: JSON.stringify({ update: Buffer.from(update!).toString("base64") }),
    });
    expect(posted.status, await posted.clone().text()).toBe(204);
    const relayed = await onB.next("update", 5_000);
    expect(new Uint8Array(Buffer.from(relayed.data, "base64"))).toEqual(update);
    const expected = `# edited through A\n${FOUR_STEP_YAML}`;
    await waitUntil(async () => (await getSpec(b, spec.id)).content === expected, 5_000);

    // The reverse: an update posted to B reaches a stream on A.
    const onA = await SseStream.open(`${base(a)}/events`, auth);
    streams.push(onA);
    const stateA = new Y.Doc();
    Y.applyUpdate(stateA, Buffer.from((await onA.next("sync")).data, "base64"));
    expect(stateA.getText("content").toString()).toBe(expected);
    let back: Uint8Array | null = null;
    stateA.on("update", (u: Uint8Array) => (back = u));
    stateA.getText("content").insert(stateA.getText("content").length, "# edited through B\n");
    const postedB = await fetch(`${base(b)}/updates`, {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body: JSON.stringify({ update: Buffer.from(back!).toString("base64") }),
    });
    expect(postedB.status).toBe(204);
    const relayedBack = await onA.next("update", 5_000);
    expect(new Uint8Array(Buffer.from(relayedBack.data, "base64"))).toEqual(back);
    const both = `${expected}# edited through B\n`;
    await waitUntil(async () => (await getSpec(a, spec.id)).content === both, 5_000);
    expect((await getSpec(b, spec.id)).content).toBe(both);
  });

  it("text replaced with PATCH on B reaches an editor on A", async () => {
    const spec = await createSpec(a, "patch on b");
    const onA = await client(a, spec.id);
    const onB = await client(b, spec.id); // B's room is loaded and followed too
    const next = FOUR_STEP_YAML.replace("name: customer_onboarding", "name: patched_on_b");
    const res = await api<{ spec: SpecView }>(b.url, SEED.token, "PATCH", `/api/v1/workspaces/${SEED.workspace}/specs/${spec.id}`, { content: next });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.spec.content).toBe(next);
    await onA.waitForText((t) => t === next, 5_000);
    await onB.waitForText((t) => t === next, 5_000);
    expect((await getSpec(a, spec.id)).content).toBe(next);
  });

  it("editors on both processes typing at once converge, and the stored document matches", async () => {
    const spec = await createSpec(b, "concurrent typing");
    const onA = await client(a, spec.id);
    const onB = await client(b, spec.id);
    // Each edit is a whole line inserted at the start of a line, so that no edit can land inside another's marker.
    const typing = async (c: CollabClient, tag: string) => {
      for (let i = 0; i < 25; i++) {
        const t = c.doc.getText("content");
        const lines = t.toString().split("\n");
        const line = (i * 7) % lines.length;
        const pos = lines.slice(0, line).reduce((n, l) => n + l.length + 1, 0);
        t.insert(pos, `# ${tag}${i};\n`);
        if (i % 5 === 0) await c.flush();
        await new Promise((r) => setTimeout(r, 5));
      }
      await c.flush();
    };
    await Promise.all([typing(onA, "A"), typing(onB, "B")]);
    const done = (t: string) => Array.from({ length: 25 }, (_, i) => [`# A${i};\n`, `# B${i};\n`]).flat().every((m) => t.includes(m));
    await onA.waitForText(done, 10_000);
    await onB.waitForText(done, 10_000);
    await waitUntil(() => onA.text === onB.text, 5_000);
    expect(onA.errors.concat(onB.errors)).toEqual([]);
    // What a third editor loads (from B's room) and what the API shows (the mirrored row) are the same text.
    const third = await client(b, spec.id);
    expect(third.text).toBe(onA.text);
    await waitUntil(async () => (await getSpec(a, spec.id)).content === onA.text, 5_000);
  });

  it("an editor on B keeps up with 260 edits made on A, across a compaction (rooms compact every 200 updates)", async () => {
    const spec = await createSpec(a, "long session");
    const onA = await client(a, spec.id);
    const onB = await client(b, spec.id);
    for (let i = 0; i < 260; i++) {
      const t = onA.doc.getText("content");
      t.insert(t.length, `# line ${i}\n`);
      await onA.flush();
    }
    await onB.waitForText((t) => t.endsWith("# line 259\n"), 15_000);
    await waitUntil(() => onB.text === onA.text, 5_000).catch(() => undefined);
    expect(onB.text).toBe(onA.text);
    const count = async (q: string) => Number((await sql.query<{ n: string }>(q, [spec.id])).rows[0].n);
    expect(await count("SELECT count(*) AS n FROM spec_updates WHERE spec_id = $1")).toBeLessThan(260);
    // A new editor on either process loads the whole text.
    for (const p of [a, b]) expect((await client(p, spec.id)).text).toBe(onA.text);
  }, 150_000);

  // The relay is NOTIFY; a process whose LISTEN connection dropped catches up from the database when it is back.
  it("an edit relayed while B's LISTEN connection is down reaches B's editors once it reconnects", async () => {
    const spec = await createSpec(a, "listen gap");
    const onA = await client(a, spec.id);
    const onB = await client(b, spec.id);
    onA.doc.getText("content").insert(0, "# before\n");
    await onA.flush();
    await onB.waitForText((t) => t.startsWith("# before\n"), 5_000);
    const killed = await sql.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query ILIKE 'LISTEN%'");
    expect(killed.rowCount).toBeGreaterThan(0);
    onA.doc.getText("content").insert(0, "# during\n");
    await onA.flush();
    await new Promise((r) => setTimeout(r, 2_500)); // the bus reconnects after 1 s
    onA.doc.getText("content").insert(0, "# after\n");
    await onA.flush();
    await onB.waitForText((t) => t.startsWith("# after\n# during\n# before\n"), 10_000);
  });

  it("presence set on A shows on B, and is withdrawn on B when the editor on A leaves", async () => {
    const spec = await createSpec(a, "presence");
    const onA = await client(a, spec.id);
    const onB = await client(b, spec.id);
    expect(await onA.setPresence({ user: { name: "Ada", color: "#f00" }, cursor: { anchor: 3 } })).toBe(204);
    await waitUntil(() => onB.awareness.getStates().get(onA.doc.clientID)?.user?.name === "Ada", 5_000);
    // and the other way
    expect(await onB.setPresence({ user: { name: "Bo" } })).toBe(204);
    await waitUntil(() => onA.awareness.getStates().get(onB.doc.clientID)?.user?.name === "Bo", 5_000);
    // A late joiner on B sees both (B's room holds the presence relayed from A).
    const late = await client(b, spec.id);
    await waitUntil(() => late.awareness.getStates().get(onA.doc.clientID)?.user?.name === "Ada", 5_000);
    // The editor on A closes its stream: A withdraws its presence and relays that to B.
    onA.stream!.close();
    await waitUntil(() => !onB.awareness.getStates().has(onA.doc.clientID), 5_000);
  });
});
