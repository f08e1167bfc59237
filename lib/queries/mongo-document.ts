import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchJson, sendJson } from "@/lib/api/fetch-json";
import { isOneDocumentKey, mongoKeys } from "./mongo";
import type { AggregateResult, CreateIndexInput, CreateIndexResult, DeleteDocumentResult, DocumentView, IndexList } from "@/lib/schemas/mongo-document";

const enc = encodeURIComponent;
const collectionApi = (db: string, collection: string) => `/api/mongo/databases/${enc(db)}/collections/${enc(collection)}`;

/**
 * An id segment (encodeDocumentId) that cannot be mistaken for a fixed path: the API's
 * `documents/insert` and the page's `doc/new` are spelled as Extended JSON strings instead.
 */
export function unambiguousSegment(segment: string): string {
  return segment === "insert" || segment === "new" ? `ejson:${JSON.stringify(segment)}` : segment;
}

export const collectionHref = (db: string, collection: string) => `/mongo/${enc(db)}/${enc(collection)}`;
export const documentHref = (db: string, collection: string, segment: string) => `${collectionHref(db, collection)}/doc/${enc(unambiguousSegment(segment))}`;
export const newDocumentHref = (db: string, collection: string, copyOf?: string) =>
  `${collectionHref(db, collection)}/doc/new${copyOf === undefined ? "" : `?copy=${enc(copyOf)}`}`;

const documentApi = (db: string, collection: string, segment: string) => `${collectionApi(db, collection)}/documents/${enc(unambiguousSegment(segment))}`;

/** One document; never refetched behind an editor's back (the version check on save is what catches changes). */
export const documentOptions = (db: string, collection: string, segment: string) =>
  queryOptions({
    queryKey: mongoKeys.document(db, collection, segment),
    queryFn: () => fetchJson<DocumentView>(documentApi(db, collection, segment)),
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });

export const useDocument = (db: string, collection: string, segment: string | undefined) =>
  useQuery({ ...documentOptions(db, collection, segment ?? ""), enabled: segment !== undefined });

export function useSaveDocument(db: string, collection: string, segment: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { document: string; version: string }) => sendJson<DocumentView>(documentApi(db, collection, segment), "PUT", input),
    onSuccess: (saved) => {
      queryClient.setQueryData(mongoKeys.document(db, collection, segment), saved);
      void queryClient.invalidateQueries({
        queryKey: [...mongoKeys.collection(db, collection), "documents"],
        predicate: (q) => !isOneDocumentKey(q.queryKey),
      });
    },
  });
}

export function useInsertDocument(db: string, collection: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (document: string) => sendJson<DocumentView>(`${collectionApi(db, collection)}/documents/insert`, "POST", { document }),
    onSuccess: (created) => {
      queryClient.setQueryData(mongoKeys.document(db, collection, created.id), created);
      void queryClient.invalidateQueries({ queryKey: mongoKeys.collection(db, collection), predicate: (q) => !isOneDocumentKey(q.queryKey) });
    },
  });
}

export function useDeleteDocument(db: string, collection: string, segment: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (version: string) => sendJson<DeleteDocumentResult>(documentApi(db, collection, segment), "DELETE", { version }),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: mongoKeys.document(db, collection, segment) });
      void queryClient.invalidateQueries({ queryKey: mongoKeys.collection(db, collection), predicate: (q) => !isOneDocumentKey(q.queryKey) });
    },
  });
}

export const indexesOptions = (db: string, collection: string) =>
  queryOptions({
    queryKey: mongoKeys.indexes(db, collection),
    queryFn: () => fetchJson<IndexList>(`${collectionApi(db, collection)}/indexes`),
  });

export const useIndexes = (db: string, collection: string) => useQuery(indexesOptions(db, collection));

export function useCreateIndex(db: string, collection: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateIndexInput) => sendJson<CreateIndexResult>(`${collectionApi(db, collection)}/indexes`, "POST", input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: mongoKeys.collection(db, collection) }),
  });
}

export function useDropIndex(db: string, collection: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => sendJson<{ dropped: string }>(`${collectionApi(db, collection)}/indexes/${enc(name)}`, "DELETE", { confirm: name }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: mongoKeys.collection(db, collection) }),
  });
}

/** A pipeline run: keyed by its text and limit (both in the URL); run again with refetch. */
export const useAggregate = (db: string, collection: string, run: { pipeline: string; limit: number } | undefined) =>
  useQuery({
    queryKey: mongoKeys.aggregate(db, collection, run ?? { pipeline: "", limit: 0 }),
    queryFn: () => sendJson<AggregateResult>(`${collectionApi(db, collection)}/aggregate`, "POST", run),
    enabled: run !== undefined,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    retry: false,
  });
