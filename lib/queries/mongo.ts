import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchJson, sendJson } from "@/lib/api/fetch-json";
import { namespacePath, type CollectionSummary, type DatabaseSummary, type DocumentsPage, type ImportReport } from "@/lib/schemas/mongo-browse";

/** Keys nest from the database down, so a change to a collection refreshes what shows it (its pages, documents, indexes). */
export const mongoKeys = {
  all: ["mongo"] as const,
  databases: (system: boolean) => ["mongo", "databases", "list", { system }] as const,
  database: (db: string) => ["mongo", "databases", db] as const,
  collections: (db: string, exact: boolean) => [...mongoKeys.database(db), "collections", "list", { exact }] as const,
  collection: (db: string, collection: string) => [...mongoKeys.database(db), "collections", collection] as const,
  documents: (db: string, collection: string, query: DocumentsQueryInput) => [...mongoKeys.collection(db, collection), "documents", "page", query] as const,
  document: (db: string, collection: string, id: string) => [...mongoKeys.collection(db, collection), "documents", "one", id] as const,
  indexes: (db: string, collection: string) => [...mongoKeys.collection(db, collection), "indexes"] as const,
  aggregate: (db: string, collection: string, run: { pipeline: string; limit: number }) => [...mongoKeys.collection(db, collection), "aggregate", run] as const,
};

/** Where one document's key says "one" (its editor's query, which changes elsewhere in the collection must not refetch). */
const oneDocumentAt = mongoKeys.document("db", "collection", "id").indexOf("one");

/** Whether a query key is one document's, not a page of documents, the indexes or an aggregation. */
export function isOneDocumentKey(key: readonly unknown[]): boolean {
  return key[oneDocumentAt - 1] === "documents" && key[oneDocumentAt] === "one";
}

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

const enc = encodeURIComponent;
export const databaseApi = (db: string) => `/api/mongo/databases/${enc(db)}`;

/** The documents query string: only what is set, so URLs stay short. */
export function documentsSearch(query: Partial<DocumentsQueryInput>): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of ["filter", "sort", "projection", "after", "before", "startAt"] as const) if (query[key]?.trim()) params.set(key, query[key]!);
  if (query.limit) params.set("limit", String(query.limit));
  if (query.exact) params.set("exact", "true");
  return params;
}

export const databasesOptions = (system: boolean) =>
  queryOptions({
    queryKey: mongoKeys.databases(system),
    queryFn: () => fetchJson<{ databases: DatabaseSummary[] }>(`/api/mongo/databases${system ? "?system=true" : ""}`),
    refetchInterval: mongoPollIntervals.databases,
    placeholderData: keepPreviousData,
  });

export const collectionsOptions = (db: string, exact: boolean) =>
  queryOptions({
    queryKey: mongoKeys.collections(db, exact),
    queryFn: () => fetchJson<{ database: string; collections: CollectionSummary[] }>(`${databaseApi(db)}/collections${exact ? "?exact=true" : ""}`),
    // An exact count reads every document on some servers: once asked, it is not repeated by polling.
    refetchInterval: exact ? false : mongoPollIntervals.collections,
    placeholderData: keepPreviousData,
  });

export const documentsOptions = (db: string, collection: string, query: DocumentsQueryInput) =>
  queryOptions({
    queryKey: mongoKeys.documents(db, collection, query),
    queryFn: () => fetchJson<DocumentsPage>(`${namespacePath(db, collection)}/documents?${documentsSearch(query)}`),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });

export const useDatabases = (system: boolean) => useQuery(databasesOptions(system));
export const useCollections = (db: string, exact: boolean) => useQuery(collectionsOptions(db, exact));
export const useDocumentsPage = (db: string, collection: string, query: DocumentsQueryInput) => useQuery(documentsOptions(db, collection, query));

export function useDropDatabase() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ db, confirm }: { db: string; confirm: string }) => sendJson<{ database: string }>(databaseApi(db), "DELETE", { confirm }),
    onSuccess: ({ database }) => {
      queryClient.removeQueries({ queryKey: mongoKeys.database(database) });
      void queryClient.invalidateQueries({ queryKey: ["mongo", "databases", "list"] });
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
    mutationFn: (name: string) => sendJson<CollectionSummary>(`${databaseApi(db)}/collections`, "POST", { name }),
    onSuccess: () => refresh(),
  });
}

export function useRenameCollection(db: string) {
  const refresh = useRefreshMongo();
  return useMutation({
    mutationFn: ({ from, to }: { from: string; to: string }) => sendJson<CollectionSummary>(namespacePath(db, from), "PATCH", { to }),
    onSuccess: () => refresh(),
  });
}

export function useDropCollection(db: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ collection, confirm }: { collection: string; confirm: string }) =>
      sendJson<{ collection: string }>(namespacePath(db, collection), "DELETE", { confirm }),
    onSuccess: ({ collection }) => {
      queryClient.removeQueries({ queryKey: mongoKeys.collection(db, collection) });
      void queryClient.invalidateQueries({ queryKey: mongoKeys.all });
    },
  });
}

export function useImportDocuments(db: string, collection: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Blob | string) =>
      fetchJson<ImportReport>(`${namespacePath(db, collection)}/import`, { method: "POST", headers: { "content-type": "application/x-ndjson" }, body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: mongoKeys.collection(db, collection) }),
  });
}
