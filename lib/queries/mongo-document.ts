import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiCall } from "@/lib/api/client";
import type { CreateIndexInput } from "@/lib/schemas/mongo-document";
import { collectionButDocuments, mongoKeys } from "./mongo";

const enc = encodeURIComponent;

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

/** The path parameters of one document's operations. */
const documentParams = (db: string, collection: string, segment: string) => ({ params: { db, collection, id: unambiguousSegment(segment) } });

/** One document; never refetched behind an editor's back (the version check on save is what catches changes). */
export const documentOptions = (db: string, collection: string, segment: string) =>
  queryOptions({
    queryKey: mongoKeys.document(db, collection, segment),
    queryFn: () => apiCall("GET /api/mongo/databases/[db]/collections/[collection]/documents/[id]", documentParams(db, collection, segment)),
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });

export const useDocument = (db: string, collection: string, segment: string | undefined) =>
  useQuery({ ...documentOptions(db, collection, segment ?? ""), enabled: segment !== undefined });

export function useSaveDocument(db: string, collection: string, segment: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { document: string; version: string }) =>
      apiCall("PUT /api/mongo/databases/[db]/collections/[collection]/documents/[id]", { ...documentParams(db, collection, segment), body: input }),
    onSuccess: (saved) => {
      queryClient.setQueryData(documentOptions(db, collection, segment).queryKey, saved);
      void queryClient.invalidateQueries({ queryKey: mongoKeys.documentPages(db, collection) });
    },
  });
}

export function useInsertDocument(db: string, collection: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (document: string) =>
      apiCall("POST /api/mongo/databases/[db]/collections/[collection]/documents/insert", { params: { db, collection }, body: { document } }),
    onSuccess: (created) => {
      queryClient.setQueryData(documentOptions(db, collection, created.id).queryKey, created);
      void queryClient.invalidateQueries(collectionButDocuments(db, collection));
    },
  });
}

export function useDeleteDocument(db: string, collection: string, segment: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (version: string) =>
      apiCall("DELETE /api/mongo/databases/[db]/collections/[collection]/documents/[id]", { ...documentParams(db, collection, segment), body: { version } }),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: mongoKeys.document(db, collection, segment) });
      void queryClient.invalidateQueries(collectionButDocuments(db, collection));
    },
  });
}

export const indexesOptions = (db: string, collection: string) =>
  queryOptions({
    queryKey: mongoKeys.indexes(db, collection),
    queryFn: () => apiCall("GET /api/mongo/databases/[db]/collections/[collection]/indexes", { params: { db, collection } }),
  });

export const useIndexes = (db: string, collection: string) => useQuery(indexesOptions(db, collection));

export function useCreateIndex(db: string, collection: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateIndexInput) =>
      apiCall("POST /api/mongo/databases/[db]/collections/[collection]/indexes", { params: { db, collection }, body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: mongoKeys.collection(db, collection) }),
  });
}

export function useDropIndex(db: string, collection: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) =>
      apiCall("DELETE /api/mongo/databases/[db]/collections/[collection]/indexes/[name]", { params: { db, collection, name }, body: { confirm: name } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: mongoKeys.collection(db, collection) }),
  });
}

/** A pipeline run: keyed by its text and limit (both in the URL); run again with refetch. */
export const useAggregate = (db: string, collection: string, run: { pipeline: string; limit: number } | undefined) =>
  useQuery({
    queryKey: mongoKeys.aggregate(db, collection, run ?? { pipeline: "", limit: 0 }),
    queryFn: () => apiCall("POST /api/mongo/databases/[db]/collections/[collection]/aggregate", { params: { db, collection }, body: run! }),
    enabled: run !== undefined,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    retry: false,
  });
