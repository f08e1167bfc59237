import "server-only";
import { MongoNetworkError, MongoServerError, MongoServerSelectionError, MongoTopologyClosedError } from "mongodb";
import { AppError, errorMessage } from "../http/errors";

/** Maps a driver failure to our error; connection strings never appear in the message. */
export function toMongoError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof MongoServerSelectionError || error instanceof MongoNetworkError || error instanceof MongoTopologyClosedError) {
    return new AppError("MONGO_UNAVAILABLE", `MongoDB is unavailable: ${error.message}`, 503);
  }
  if (error instanceof MongoServerError) {
    return new AppError("MONGO_REFUSED", `MongoDB refused the command: ${error.message} (code ${error.code})`, 502);
  }
  return new AppError("MONGO_UNAVAILABLE", `MongoDB request failed: ${errorMessage(error)}`, 502);
}
