// The one caller of Tauri's invoke: every command goes through `call`, which
// turns whatever the backend rejects with into an ApiError. The typed functions
// are generated from the Rust command table (bindings/commands.ts).
import { invoke } from "@tauri-apps/api/core";
import type { AppError } from "./bindings/AppError";

/** What every failed command rejects with; `message` is Chinese, shown as is. */
export type ApiError = AppError;

export function isApiError(e: unknown): e is ApiError {
  return (
    typeof e === "object" &&
    e !== null &&
    typeof (e as ApiError).code === "string" &&
    typeof (e as ApiError).message === "string"
  );
}

/** Anything thrown (a backend error, a plain string, a crash) as an ApiError. */
export function toApiError(e: unknown): ApiError {
  if (isApiError(e)) return e;
  if (typeof e === "string") return { code: "unknown", message: e };
  if (e instanceof Error) return { code: "unknown", message: `程序内部错误：${e.message}` };
  return { code: "unknown", message: "程序内部错误" };
}

export async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (e) {
    throw toApiError(e);
  }
}

