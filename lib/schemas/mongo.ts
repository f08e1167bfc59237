import { z } from "zod";

/** MongoDB's rules for database names: 1–63 bytes, none of / \ . " $ * < > : | ? or spaces. */
export const databaseNameSchema = z
  .string()
  .min(1)
  .max(63)
  .regex(/^[^/\\. "$*<>:|?\u0000]+$/, 'database names cannot contain / \\ . " $ * < > : | ? or spaces');

/** Collection names: 1–255 characters, no "$" or NUL, not starting with "system.". */
export const collectionNameSchema = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[^$\u0000]+$/, "collection names cannot contain $")
  .refine((name) => !name.startsWith("system."), "system collections are not shown or changed here");

export const namespaceParams = z.object({ db: databaseNameSchema, collection: collectionNameSchema });
