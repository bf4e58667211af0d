// `npm start`'s build step for the page benchmarks, in its own process so that next build's output can go to stderr
// (a benchmark's stdout carries only its figures).
import { buildIfNeeded } from "@/lib/setup/build-if-needed";
import { ROOT } from "./runs-fixture";

buildIfNeeded(ROOT);
