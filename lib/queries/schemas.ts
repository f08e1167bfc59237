import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiCall } from "@/lib/api/client";
import type { CompatibilityLevel, SchemaInput } from "@/lib/schemas/schema-registry";

export const schemaKeys = {
  all: ["schemas"] as const,
  subjects: () => [...schemaKeys.all, "subjects"] as const,
  subject: (subject: string) => [...schemaKeys.all, "subjects", subject] as const,
};

export const subjectsOptions = queryOptions({
  queryKey: schemaKeys.subjects(),
  queryFn: () => apiCall("GET /api/schemas/subjects"),
  refetchInterval: 30_000,
});

export const subjectOptions = (subject: string) =>
  queryOptions({
    queryKey: schemaKeys.subject(subject),
    queryFn: () => apiCall("GET /api/schemas/subjects/[subject]", { params: { subject } }),
  });

export const useSubjects = (enabled = true) => useQuery({ ...subjectsOptions, enabled });
export const useSubject = (subject: string) => useQuery(subjectOptions(subject));

type SchemaInputBody = Partial<SchemaInput> & Pick<SchemaInput, "schema">;

export function useCheckCompatibility(subject: string) {
  return useMutation({
    mutationFn: (body: SchemaInputBody) => apiCall("POST /api/schemas/subjects/[subject]/compatibility", { params: { subject }, body }),
  });
}

export function useRegisterSchema(subject: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: SchemaInputBody) => apiCall("POST /api/schemas/subjects/[subject]/versions", { params: { subject }, body }),
    onSuccess: () => client.invalidateQueries({ queryKey: schemaKeys.all }),
  });
}

export function useSetCompatibility(subject: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (compatibility: CompatibilityLevel) => apiCall("PUT /api/schemas/subjects/[subject]/config", { params: { subject }, body: { compatibility } }),
    onSuccess: () => client.invalidateQueries({ queryKey: schemaKeys.all }),
  });
}

export function useDeleteSubject(subject: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { confirm: string; version?: number; permanent: boolean }) =>
      apiCall("DELETE /api/schemas/subjects/[subject]", { params: { subject }, body }),
    onSuccess: () => client.invalidateQueries({ queryKey: schemaKeys.all }),
  });
}
