import "server-only";
import { timedBackendCall } from "../metrics/registry";
import { getMongoClient } from "./client";
import { toMongoError } from "./errors";

export interface MongoServerInfo {
  /** The MongoDB version the server reports (FerretDB reports the version it is compatible with). */
  version: string;
  /** A distinct product name when the server is not MongoDB itself. */
  product?: string;
}

/** Pings the server and reads its build info (two round trips). */
export async function fetchMongoServerInfo(): Promise<MongoServerInfo> {
  try {
    return await timedBackendCall("mongo", "buildInfo", async () => {
      const admin = getMongoClient().db("admin");
      await admin.command({ ping: 1 });
      const info = await admin.command({ buildInfo: 1 });
      const ferretdbVersion = typeof info.ferretdbVersion === "string" ? info.ferretdbVersion : undefined;
      return {
        version: String(info.version ?? "unknown"),
        ...(ferretdbVersion ? { product: `FerretDB ${ferretdbVersion}` } : {}),
      };
    });
  } catch (error) {
    throw toMongoError(error);
  }
}
