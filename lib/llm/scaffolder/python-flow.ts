import type { Spec } from "../../specs/types";
import { SCAFFOLDER_LABEL } from "./constants";
import { stepNames } from "./names";
import { stepsInOrder } from "./order";
import { pyDocText, quote } from "./text";

/**
 * flow.py: a small Flow class plus the steps registered in depends_on order. Each step receives the
 * caller's data merged with every earlier step's outputs, which is how a step reads what the steps it
 * depends on produced. The first failure stops the run (later steps would only see missing inputs).
 */
const FLOW_CLASS = `logger = logging.getLogger(__name__)

Step = Callable[[Any], Mapping[str, Any]]


class FlowStepError(RuntimeError):
    """A step failed; \`step\` names it and the original exception is the __cause__."""

    def __init__(self, flow: str, step: str) -> None:
        super().__init__(f"flow {flow!r}: step {step!r} failed")
        self.flow = flow
        self.step = step


class Flow:
    """Runs steps in the order they were added and stops at the first failure."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.steps: list[Step] = []

    def add_step(self, step: Step) -> Flow:
        self.steps.append(step)
        return self

    def run(self, data: Mapping[str, Any]) -> dict[str, Any]:
        context: dict[str, Any] = dict(data)
        for step in self.steps:
            step_name = getattr(step, "__name__", repr(step))
            logger.info("flow %s: step %s started", self.name, step_name)
            try:
                outputs = step(context)
            except Exception as exc:
                logger.error("flow %s: step %s failed: %s", self.name, step_name, exc)
                raise FlowStepError(self.name, step_name) from exc
            context.update(outputs)
            logger.info("flow %s: step %s succeeded", self.name, step_name)
        logger.info("flow %s: all %d steps succeeded", self.name, len(self.steps))
        return context`;

export function pythonFlowModule(spec: Spec): string {
  const names = stepNames(spec);
  const ordered = stepsInOrder(spec).map((step) => names.get(step.id)!);
  const description = spec.description.trim();
  const header = [
    `"""Flow of the workflow \`${pyDocText(spec.name)}\`: runs its steps in depends_on order.`,
    ...(description ? ["", pyDocText(description)] : []),
    "",
    `Scaffolded by the ${SCAFFOLDER_LABEL}.`,
    '"""',
    "",
    "from __future__ import annotations",
    "",
    "import logging",
    "from typing import Any, Callable, Mapping",
    "",
    ...ordered.map((n) => `from ${n.importFromFlow} import ${n.fn}`),
  ];
  const wiring = [
    `flow = Flow(${quote(spec.name)})`,
    ...ordered.map((n) => `flow.add_step(${n.fn})`),
    "",
    "",
    "def run(data: Mapping[str, Any]) -> dict[str, Any]:",
    '    """Runs the whole workflow on `data` and returns it merged with every step\'s outputs."""',
    "    return flow.run(data)",
  ];
  return `${header.join("\n")}\n\n${FLOW_CLASS}\n\n\n${wiring.join("\n")}\n`;
}
