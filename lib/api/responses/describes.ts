import type { z } from "zod";

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/**
 * Returns `schema` when what it parses is exactly `T` (the compiler checks both directions; a
 * mismatch is an "expected 2 arguments" error), so a response schema cannot drift from the
 * interface in lib/schemas it describes.
 */
export function describes<T>() {
  return <S extends z.ZodType>(schema: S, ..._exact: Same<z.output<S>, T> extends true ? [] : [mismatch: never]): S => schema;
}
