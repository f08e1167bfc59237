import "server-only";
import type { CompatibilityLevel, SchemaInput, SubjectDetail, SubjectSummary } from "@/lib/schemas/schema-registry";
import { AppError, errorMessage } from "../http/errors";
import { fetchAllMetadata } from "../kafka/topics";
import { asAppError, registryBase, registryCall, RegistryAnswer, subjectVersion, type SchemaType } from "./client";
import { compileSchema, resolveReferences } from "./decoder";

const path = (subject: string) => `/subjects/${encodeURIComponent(subject)}`;

type LevelAnswer = { compatibilityLevel?: CompatibilityLevel; compatibility?: CompatibilityLevel };
const levelOf = (answer: LevelAnswer) => answer.compatibilityLevel ?? answer.compatibility;

/**
 * The level that applies to a subject, and whether the subject sets it itself. Confluent answers
 * 404 for a subject without a level of its own; Apicurio answers NONE, so a NONE that differs
 * from the level in force (asked with defaultToGlobal=true) is read as "not set".
 */
async function subjectLevel(subject: string, global: CompatibilityLevel): Promise<{ level: CompatibilityLevel; set: boolean }> {
  const ask = async (defaultToGlobal: boolean) => {
    try {
      return levelOf(await registryCall<LevelAnswer>("GET", `/config/${encodeURIComponent(subject)}?defaultToGlobal=${defaultToGlobal}`));
    } catch (error) {
      if (error instanceof RegistryAnswer && error.status === 404) return undefined;
      throw asAppError(error);
    }
  };
  const [own, effective] = await Promise.all([ask(false), ask(true)]);
  const level = effective ?? own ?? global;
  return { level, set: own !== undefined && own === level };
}

export async function globalLevel(): Promise<CompatibilityLevel> {
  const answer = await registryCall<{ compatibilityLevel?: CompatibilityLevel; compatibility?: CompatibilityLevel }>("GET", "/config").catch((e) => {
    throw asAppError(e);
  });
  return answer.compatibilityLevel ?? answer.compatibility ?? "BACKWARD";
}

/** The topic a subject belongs to by TopicNameStrategy (`<topic>-value`, `<topic>-key`), when that topic exists. */
function topicOf(subject: string, topics: Set<string>): { topic: string; part: "key" | "value" } | undefined {
  const match = /^(.*)-(key|value)$/.exec(subject);
  if (match && topics.has(match[1]!)) return { topic: match[1]!, part: match[2] as "key" | "value" };
  return undefined;
}

async function topicNames(): Promise<Set<string>> {
  try {
    return new Set((await fetchAllMetadata()).map((t) => t.name));
  } catch {
    // Kafka down: the subjects are still listed, without their topics.
    return new Set();
  }
}

/** Runs `work` over `items` with at most `limit` at a time. */
async function mapLimited<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await work(items[i]!);
      }
    }),
  );
  return results;
}

export async function listSubjects(): Promise<{ registry: string; compatibility: CompatibilityLevel; subjects: SubjectSummary[] }> {
  const [names, level, topics] = await Promise.all([
    registryCall<string[]>("GET", "/subjects").catch((e) => {
      throw asAppError(e);
    }),
    globalLevel(),
    topicNames(),
  ]);
  const subjects = await mapLimited([...names].sort(), 8, async (subject): Promise<SubjectSummary> => {
    const [latest, own] = await Promise.all([subjectVersion(subject, "latest"), subjectLevel(subject, level)]);
    const name = schemaName(latest.schemaType, latest.schema);
    return {
      subject,
      latestVersion: latest.version,
      id: latest.id,
      type: latest.schemaType,
      ...(name ? { name } : {}),
      compatibility: own.level,
      compatibilitySet: own.set,
      ...topicOf(subject, topics),
    };
  });
  return { registry: registryBase(), compatibility: level, subjects };
}

/** The record's, message's or schema's name, for RecordNameStrategy subjects and the list. */
function schemaName(type: SchemaType, schema: string): string | undefined {
  try {
    if (type === "AVRO") {
      const parsed = JSON.parse(schema) as { name?: string; namespace?: string };
      if (!parsed.name) return undefined;
      return parsed.name.includes(".") || !parsed.namespace ? parsed.name : `${parsed.namespace}.${parsed.name}`;
    }
    if (type === "JSON") return (JSON.parse(schema) as { title?: string }).title;
    return compileSchema({ schemaType: type, schema, references: [] }).name;
  } catch {
    return undefined;
  }
}

export async function describeSubject(subject: string): Promise<SubjectDetail> {
  const [numbers, own, topics] = await Promise.all([
    registryCall<number[]>("GET", `${path(subject)}/versions`).catch((e) => {
      throw asAppError(e, `The Schema Registry has no subject "${subject}"`);
    }),
    globalLevel().then((global) => subjectLevel(subject, global)),
    topicNames(),
  ]);
  const versions = await mapLimited(numbers, 8, (version) => subjectVersion(subject, version));
  return {
    subject,
    compatibility: own.level,
    compatibilitySet: own.set,
    ...topicOf(subject, topics),
    versions: versions.map((v) => ({ version: v.version, id: v.id, type: v.schemaType, schema: v.schema, references: v.references })),
  };
}

/** Compiles the schema here first, so a mistake is told with the parser's words before the registry sees it. */
async function checkParses(input: SchemaInput): Promise<void> {
  try {
    compileSchema(await resolveReferences({ schema: input.schema, schemaType: input.schemaType, references: input.references }));
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError(
      "SCHEMA_INVALID",
      `The ${input.schemaType === "AVRO" ? "Avro" : input.schemaType === "PROTOBUF" ? "Protobuf" : "JSON"} schema does not parse: ${errorMessage(error)}`,
    );
  }
}

const registryBody = (input: SchemaInput) => ({
  schema: input.schema,
  // Confluent's registry reads an absent type as AVRO; some refuse an explicit "AVRO".
  ...(input.schemaType === "AVRO" ? {} : { schemaType: input.schemaType }),
  ...(input.references.length ? { references: input.references } : {}),
});

/** Whether `input` may become the subject's next version under its compatibility level, with the registry's reasons. */
export async function checkCompatibility(subject: string, input: SchemaInput): Promise<{ compatible: boolean; level: CompatibilityLevel; messages: string[] }> {
  await checkParses(input);
  const { level } = await subjectLevel(subject, await globalLevel());
  try {
    const answer = await registryCall<{ is_compatible: boolean; messages?: string[] }>(
      "POST",
      `/compatibility${path(subject)}/versions/latest?verbose=true`,
      registryBody(input),
    );
    return { compatible: answer.is_compatible, level, messages: answer.messages ?? [] };
  } catch (error) {
    // A subject with no version yet: anything may be its first.
    if (error instanceof RegistryAnswer && error.status === 404)
      return { compatible: true, level, messages: ["The subject has no version yet: any schema may be its first."] };
    throw asAppError(error);
  }
}

/** Registers `input` as the subject's next version (or finds the version that already holds it). */
export async function registerSchema(subject: string, input: SchemaInput): Promise<{ subject: string; id: number; version: number }> {
  await checkParses(input);
  try {
    const { id } = await registryCall<{ id: number }>("POST", `${path(subject)}/versions`, registryBody(input));
    const found = await registryCall<{ version: number }>("POST", path(subject), registryBody(input));
    return { subject, id, version: found.version };
  } catch (error) {
    throw asAppError(error);
  }
}

export async function setCompatibility(subject: string, compatibility: CompatibilityLevel): Promise<{ subject: string; compatibility: CompatibilityLevel }> {
  try {
    await registryCall("PUT", `/config/${encodeURIComponent(subject)}`, { compatibility });
    return { subject, compatibility };
  } catch (error) {
    throw asAppError(error, `The Schema Registry has no subject "${subject}"`);
  }
}

/** Soft-deletes a subject (or one version); `permanent` then removes it for good (a hard delete). */
export async function deleteSubject(
  subject: string,
  options: { version?: number; permanent: boolean },
): Promise<{ subject: string; deleted: number[]; permanent: boolean }> {
  const target = options.version === undefined ? path(subject) : `${path(subject)}/versions/${options.version}`;
  try {
    const answer = await registryCall<number[] | number>("DELETE", target);
    if (options.permanent) await registryCall("DELETE", `${target}?permanent=true`);
    return { subject, deleted: Array.isArray(answer) ? answer : [answer], permanent: options.permanent };
  } catch (error) {
    throw asAppError(error, `The Schema Registry has no subject "${subject}"${options.version === undefined ? "" : ` version ${options.version}`}`);
  }
}
