import { expect } from "vitest";
import { AppError, type ErrorCode } from "@/lib/errors";

/** Await `p`, expect it to reject with an AppError of `code`, and return the error for further assertions. */
export async function expectAppError(p: Promise<unknown>, code: ErrorCode): Promise<AppError> {
  let caught: unknown;
  try {
    await p;
  } catch (err) {
    caught = err;
  }
  expect(caught, `expected an AppError ${code}, but nothing was thrown`).toBeInstanceOf(AppError);
  const err = caught as AppError;
  expect(err.code, `AppError: ${err.message}`).toBe(code);
  return err;
}
