import "server-only";
import { MongoNetworkError, MongoServerError, MongoServerSelectionError, MongoTopologyClosedError } from "mongodb";
import { AppError, errorMessage } from "../http/errors";

/** Maps a driver failure to our error; connection strings never appear in the message. */
export function toMongoError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof MongoServerSelectionError || error instanceof MongoNetworkError || error instanceof MongoTopologyClosedError) {
    return new AppError("MONGO_UNAVAILABLE", `MongoDB is unavailable: ${error.message}`);
  }
  if (error instanceof MongoServerError) {
    // What the server refuses is about the request (FerretDB's "not implemented yet" included):
    // a 422 in the server's own words; a duplicate key is a conflict, a spent maxTimeMS a timeout.
    const said = `${error.message} (code ${error.code}${error.codeName ? ` ${error.codeName}` : ""})`;
    if (error.code === 11000) return new AppError("CONFLICT", `MongoDB refused: ${said}`);
    if (error.code === 50) return new AppError("TIMEOUT", `MongoDB stopped the command at its time limit: ${said}`);
    return new AppError("MONGO_REFUSED", `MongoDB refused: ${said}`);
  }
  return new AppError("MONGO_ERROR", `MongoDB request failed: ${errorMessage(error)}`);
}
