import type { Spec } from "../../specs/types";
import { SCAFFOLDER_LABEL } from "./constants";
import { stepNames } from "./names";
import { stepsInOrder } from "./order";
import { quote } from "./text";
import { jsDoc } from "./ts-step";

/**
 * src/flow.ts: same design as flow.py. Steps may be sync or async (real steps do I/O), so run() awaits
 * each one. No parameter properties or enums, so the file also runs under Node's type stripping.
 */
const FLOW_CLASS = `/** A step function; each step declares its own input type, so the flow only knows it takes one object. */
export type Step = (data: never) => object | Promise<object>;

/** A step failed; \`step\` names it and \`cause\` is the original error. */
export class FlowStepError extends Error {
  readonly flow: string;
  readonly step: string;

  constructor(flow: string, step: string, cause: unknown) {
    super(\`flow "\${flow}": step "\${step}" failed\`, { cause });
    this.name = "FlowStepError";
    this.flow = flow;
    this.step = step;
  }
}

/** Runs steps in the order they were added and stops at the first failure. */
export class Flow {
  readonly name: string;
  private readonly steps: Array<{ name: string; run: Step }> = [];
  private readonly log: Pick<Console, "info" | "error">;

  constructor(name: string, log: Pick<Console, "info" | "error"> = console) {
    this.name = name;
    this.log = log;
  }

  addStep(step: Step, name: string = step.name): this {
    this.steps.push({ name, run: step });
    return this;
  }

  async run(data: Record<string, unknown>): Promise<Record<string, unknown>> {
    const context: Record<string, unknown> = { ...data };
    for (const step of this.steps) {
      this.log.info(\`flow \${this.name}: step \${step.name} started\`);
      let outputs: object;
      try {
        // Each step sees the caller's data plus every earlier step's outputs.
        outputs = await (step.run as (data: Record<string, unknown>) => object | Promise<object>)(context);
      } catch (error) {
        this.log.error(\`flow \${this.name}: step \${step.name} failed\`, error);
        throw new FlowStepError(this.name, step.name, error);
      }
      Object.assign(context, outputs);
      this.log.info(\`flow \${this.name}: step \${step.name} succeeded\`);
    }
    this.log.info(\`flow \${this.name}: all \${this.steps.length} steps succeeded\`);
    return context;
  }
}`;

export function tsFlowModule(spec: Spec): string {
  const names = stepNames(spec);
  const ordered = stepsInOrder(spec).map((step) => names.get(step.id)!);
  const description = spec.description.trim();
  const doc = `Flow of the workflow \`${spec.name}\`: runs its steps in depends_on order.${description ? `\n\n${description}` : ""}\n\nScaffolded by the ${SCAFFOLDER_LABEL}.`;
  return [
    jsDoc(doc),
    ...ordered.map((n) => `import { ${n.fn} } from ${quote(n.importFromFlow)};`),
    "",
    FLOW_CLASS,
    "",
    `export const flow = new Flow(${quote(spec.name)})${ordered.map((n) => `\n  .addStep(${n.fn}, ${quote(n.fn)})`).join("")};`,
    "",
    "/** Runs the whole workflow on `data` and returns it merged with every step's outputs. */",
    "export function run(data: Record<string, unknown>): Promise<Record<string, unknown>> {",
    "  return flow.run(data);",
    "}",
    "",
  ].join("\n");
}
