import fs from "node:fs";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";

// Prisma's CLI downloads a native schema engine at run time; this loads the same engine compiled to WebAssembly
// from the npm package, so migrations work on machines with no access to Prisma's download host.

type Engine = {
  applyMigrations(input: unknown): Promise<{ appliedMigrationNames: string[] }>;
  diff(input: unknown): Promise<{ exitCode: number; stdout: string | null }>;
  free(): void;
};


export async function openSchemaEngine(databaseUrl: string, schemaText: string): Promise<Engine> {
  const bg = (await import("@prisma/schema-engine-wasm/schema_engine_bg")) as unknown as Record<string, unknown> & {
    __wbg_set_wasm(w: unknown): void;
    SchemaEngine: { new: (o: unknown, cb: (msg: string) => void, a: unknown) => Promise<Engine> };
  };
  const bytes = fs.readFileSync(path.join(process.cwd(), "node_modules", "@prisma", "schema-engine-wasm", "schema_engine_bg.wasm"));
  const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": bg as WebAssembly.ModuleImports });
  bg.__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start?: () => void }).__wbindgen_start?.();
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPg({ connectionString: databaseUrl, max: 1 }));
  return bg.SchemaEngine.new({ datamodels: [["schema.prisma", schemaText]] }, () => undefined, adapter);
}
