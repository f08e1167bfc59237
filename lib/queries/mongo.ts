import { keepPreviousData, partialMatchKey, queryOptions, useMutation, useQuery, useQueryClient, type Query } from "@tanstack/react-query";
import { useCallback, useRef, useState } from "react";
import type { z } from "zod";
import { apiCall, apiResponse } from "@/lib/api/client";
import type { documentsQuerySchema, exportQuerySchema } from "@/lib/schemas/mongo-browse";

/**
 * Keys nest from the database down, so a change to a collection refreshes what shows it (its pages,
 * documents, indexes). Lists sit beside the items (`databases` / `database`, `collections` /
 * `collection`), so a database or collection named "list" cannot fall under a list's key.
 */
export const mongoKeys = {
  all: ["mongo"] as const,
  databaseLists: () => [...mongoKeys.all, "databases"] as const,
  databases: (system: boolean) => [...mongoKeys.databaseLists(), { system }] as const,
  database: (db: string) => [...mongoKeys.all, "database", db] as const,
  collections: (db: string, exact: boolean) => [...mongoKeys.database(db), "collections", { exact }] as const,
  collection: (db: string, collection: string) => [...mongoKeys.database(db), "collection", collection] as const,
  documentPages: (db: string, collection: string) => [...mongoKeys.collection(db, collection), "documents"] as const,
  documents: (db: string, collection: string, query: DocumentsQueryInput) => [...mongoKeys.documentPages(db, collection), query] as const,
  singleDocuments: (db: string, collection: string) => [...mongoKeys.collection(db, collection), "document"] as const,
  document: (db: string, collection: string, id: string) => [...mongoKeys.singleDocuments(db, collection), id] as const,
  indexes: (db: string, collection: string) => [...mongoKeys.collection(db, collection), "indexes"] as const,
  aggregate: (db: string, collection: string, run: { pipeline: string; limit: number }) => [...mongoKeys.collection(db, collection), "aggregate", run] as const,
};

/**
 * Filters for a collection's queries except its single documents: an editor's document is not
 * refetched behind its back by changes elsewhere in the collection (its save's version check catches them).
 */
export const collectionButDocuments = (db: string, collection: string) => ({
  queryKey: mongoKeys.collection(db, collection),
  predicate: (query: Query) => !partialMatchKey(query.queryKey, mongoKeys.singleDocuments(db, collection)),
});

export const mongoPollIntervals = { databases: 15_000, collections: 15_000 } as const;

/** The documents page's inputs as the URL carries them (strings, empty when unset). */
export interface DocumentsQueryInput {
  filter: string;
  sort: string;
  projection: string;
  limit: number;
  after?: string;
  before?: string;
  startAt?: string;
  exact: boolean;
}

/** The documents query: only what is set, so URLs stay short. */
function documentsQuery(query: Partial<DocumentsQueryInput>): Partial<z.input<typeof documentsQuerySchema>> {
  const params: Partial<z.input<typeof documentsQuerySchema>> = {};
  for (const key of ["filter", "sort", "projection", "after", "before", "startAt"] as const) if (query[key]?.trim()) params[key] = query[key];
  if (query.limit) params.limit = query.limit;
  if (query.exact) params.exact = "true";
  return params;
}

export const databasesOptions = (system: boolean) =>
  queryOptions({
    queryKey: mongoKeys.databases(system),
    queryFn: () => apiCall("GET /api/mongo/databases", { query: { system: system ? "true" : undefined } }),
    refetchInterval: mongoPollIntervals.databases,
    placeholderData: keepPreviousData,
  });

export const collectionsOptions = (db: string, exact: boolean) =>
  queryOptions({
    queryKey: mongoKeys.collections(db, exact),
    queryFn: () => apiCall("GET /api/mongo/databases/[db]/collections", { params: { db }, query: { exact: exact ? "true" : undefined } }),
    // An exact count reads every document on some servers: once asked, it is not repeated by polling.
    refetchInterval: exact ? false : mongoPollIntervals.collections,
    placeholderData: keepPreviousData,
  });

export const documentsOptions = (db: string, collection: string, query: DocumentsQueryInput) =>
  queryOptions({
    queryKey: mongoKeys.documents(db, collection, query),
    queryFn: () => apiCall("GET /api/mongo/databases/[db]/collections/[collection]/documents", { params: { db, collection }, query: documentsQuery(query) }),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });

export const useDatabases = (system: boolean) => useQuery(databasesOptions(system));
export const useCollections = (db: string, exact: boolean) => useQuery(collectionsOptions(db, exact));
export const useDocumentsPage = (db: string, collection: string, query: DocumentsQueryInput) => useQuery(documentsOptions(db, collection, query));

export function useDropDatabase() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ db, confirm }: { db: string; confirm: string }) => apiCall("DELETE /api/mongo/databases/[db]", { params: { db }, body: { confirm } }),
    onSuccess: ({ database }) => {
      queryClient.removeQueries({ queryKey: mongoKeys.database(database) });
      void queryClient.invalidateQueries({ queryKey: mongoKeys.databaseLists() });
    },
  });
}

/** Database and collection lists both change with a collection: everything under "mongo" is cheap to refetch. */
function useRefreshMongo() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: mongoKeys.all });
}

export function useCreateCollection(db: string) {
  const refresh = useRefreshMongo();
  return useMutation({
    mutationFn: (name: string) => apiCall("POST /api/mongo/databases/[db]/collections", { params: { db }, body: { name } }),
    onSuccess: () => refresh(),
  });
}

export function useRenameCollection(db: string) {
  const refresh = useRefreshMongo();
  return useMutation({
    mutationFn: ({ from, to }: { from: string; to: string }) =>
      apiCall("PATCH /api/mongo/databases/[db]/collections/[collection]", { params: { db, collection: from }, body: { to } }),
    onSuccess: () => refresh(),
  });
}

export function useDropCollection(db: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ collection, confirm }: { collection: string; confirm: string }) =>
      apiCall("DELETE /api/mongo/databases/[db]/collections/[collection]", { params: { db, collection }, body: { confirm } }),
    onSuccess: ({ collection }) => {
      queryClient.removeQueries({ queryKey: mongoKeys.collection(db, collection) });
      void queryClient.invalidateQueries({ queryKey: mongoKeys.all });
    },
  });
}

/** Inserts the documents of a JSON lines file (or text); the answer reports the lines that failed. */
export function useImportDocuments(db: string, collection: string) {
  const queryClient = useQueryClient();
  return useMutation({
    // The operation takes the JSON lines as text (at most 10 MiB, checked before sending).
    mutationFn: async (body: Blob | string) =>
      apiCall("POST /api/mongo/databases/[db]/collections/[collection]/import", {
        params: { db, collection },
        body: typeof body === "string" ? body : await body.text(),
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: mongoKeys.collection(db, collection) }),
  });
}

export type ExportFormat = NonNullable<z.input<typeof exportQuerySchema>["format"]>;

export type ExportState =
  { status: "idle" } | { status: "running"; done: number; total: number | null } | { status: "finished"; done: number } | { status: "failed"; message: string };

function countNewlines(chunk: Uint8Array): number {
  let n = 0;
  for (const byte of chunk) if (byte === 10) n++;
  return n;
}

/**
 * Exports the documents a filter matches (JSON lines or CSV), reading the streamed answer to count
 * documents exported of the server's estimate (or `total`). `start` resolves to the file once the
 * stream ends, or null when it was stopped or failed (the state says why); `stop` ends the read.
 */
export function useExportDocuments(db: string, collection: string) {
  const [state, setState] = useState<ExportState>({ status: "idle" });
  const abort = useRef<AbortController | null>(null);

  const start = useCallback(
    async (format: ExportFormat, query: { filter: string; sort: string; projection: string }, total: number | null) => {
      const controller = new AbortController();
      abort.current = controller;
      const filters: Partial<z.input<typeof exportQuerySchema>> = {};
      for (const key of ["filter", "sort", "projection"] as const) if (query[key].trim()) filters[key] = query[key];
      try {
        const response = await apiResponse(
          "GET /api/mongo/databases/[db]/collections/[collection]/export",
          { params: { db, collection }, query: { format, ...filters } },
          { signal: controller.signal },
        );
        if (!response.body) throw new Error(`HTTP ${response.status}`);
        const header = response.headers.get("x-estimated-total");
        const estimated = header === null ? total : Number(header);
        const headerLines = format === "csv" ? 1 : 0;
        const chunks: BlobPart[] = [];
        const reader = response.body.getReader();
        let lines = 0;
        setState({ status: "running", done: 0, total: estimated });
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          chunks.push(value as BlobPart);
          lines += countNewlines(value);
          setState({ status: "running", done: Math.max(0, lines - headerLines), total: estimated });
        }
        const name = /filename="([^"]+)"/.exec(response.headers.get("content-disposition") ?? "")?.[1] ?? `${collection}.${format}`;
        const blob = new Blob(chunks, { type: response.headers.get("content-type") ?? "application/octet-stream" });
        setState({ status: "finished", done: Math.max(0, lines - headerLines) });
        return { name, blob };
      } catch (error) {
        setState(controller.signal.aborted ? { status: "idle" } : { status: "failed", message: error instanceof Error ? error.message : String(error) });
        return null;
      }
    },
    [db, collection],
  );
  const stop = useCallback(() => abort.current?.abort(), []);
  return { state, start, stop };
}
