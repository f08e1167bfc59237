import { checkFilter } from "@/lib/kafka/filter";
import { maxReplayRate, replayCompressions, type ReplayCompression, type ReplaySpec } from "@/lib/schemas/replay";

export const replayKinds = ["republish", "reprocess", "rebuild"] as const;
export type ReplayKind = (typeof replayKinds)[number];
export const rebuildModes = ["shadow", "in-place"] as const;
export type RebuildMode = (typeof rebuildModes)[number];
export const rangeKinds = ["all", "offsets", "time"] as const;
export type RangeKind = (typeof rangeKinds)[number];
export const rewindKinds = ["earliest", "timestamp", "offset", "shift"] as const;
export type RewindKind = (typeof rewindKinds)[number];

/**
 * The new-replay form as text fields, exactly as they appear in the page's URL, so a
 * half-filled form can be shared and other pages can link to a prefilled one.
 */
export interface ReplayFormValues {
  kind: ReplayKind;
  /** Re-publish: the source topic. Reprocess: the one topic to rewind (empty: all the group reads). */
  topic: string;
  /** Comma-separated partition numbers; empty: every partition. */
  partitions: string;
  range: RangeKind;
  /** Offsets (range=offsets) or ISO instants (range=time); the end is exclusive. */
  from: string;
  to: string;
  filter: string;
  /** Empty: the source topic. */
  target: string;
  /** The copies' codec; "topic": the target topic's compression.type. */
  compression: ReplayCompression;
  /** Events per second; empty: unlimited. */
  rate: string;
  group: string;
  rewind: RewindKind;
  /** ISO instant (rewind=timestamp). */
  timestamp: string;
  offset: string;
  shift: string;
  /** Rebuild: a service from the console's SERVICES setting, and one of its projections. */
  service: string;
  projection: string;
  mode: RebuildMode;
}

export const defaultReplayForm: ReplayFormValues = {
  kind: "republish",
  topic: "",
  partitions: "",
  range: "all",
  from: "",
  to: "",
  filter: "",
  target: "",
  compression: "topic",
  rate: "",
  group: "",
  rewind: "earliest",
  timestamp: "",
  offset: "",
  shift: "-1000",
  service: "",
  projection: "",
  mode: "shadow",
};

const pick = <T extends string>(allowed: readonly T[], raw: string | null, fallback: T): T => (allowed.includes(raw as T) ? (raw as T) : fallback);

/**
 * Reads the form from a URL query; `from`/`to` without `range` mean offsets when they are
 * numbers, else times. Without a kind, a projection means a rebuild and a group a reprocess.
 */
export function replayFormFrom(params: URLSearchParams): ReplayFormValues {
  const get = (name: string) => params.get(name)?.trim() ?? "";
  const from = get("from");
  const to = get("to");
  const inferred: RangeKind = !from && !to ? "all" : /^\d*$/.test(from) && /^\d*$/.test(to) ? "offsets" : "time";
  return {
    kind: pick(replayKinds, params.get("kind"), params.get("projection") ? "rebuild" : params.get("group") ? "reprocess" : "republish"),
    topic: get("topic"),
    partitions: get("partitions"),
    range: pick(rangeKinds, params.get("range"), inferred),
    from,
    to,
    filter: params.get("filter") ?? "",
    target: get("target"),
    compression: pick(replayCompressions, params.get("compression"), defaultReplayForm.compression),
    rate: get("rate"),
    group: get("group"),
    rewind: pick(rewindKinds, params.get("rewind"), defaultReplayForm.rewind),
    timestamp: get("timestamp"),
    offset: get("offset"),
    shift: params.get("shift")?.trim() || defaultReplayForm.shift,
    service: get("service"),
    projection: get("projection"),
    mode: pick(rebuildModes, params.get("mode"), defaultReplayForm.mode),
  };
}

/** The URL query of a form: the kind, and only the fields that kind uses and that are set. */
export function replayFormQuery(values: ReplayFormValues): string {
  const query = new URLSearchParams({ kind: values.kind });
  const set = (name: string, value: string) => {
    if (value.trim()) query.set(name, value.trim());
  };
  if (values.kind === "republish") {
    set("topic", values.topic);
    set("partitions", values.partitions);
    if (values.range !== "all") {
      query.set("range", values.range);
      set("from", values.from);
      set("to", values.to);
    }
    set("filter", values.filter);
    if (values.target.trim() !== values.topic.trim()) set("target", values.target);
    if (values.compression !== "topic") query.set("compression", values.compression);
    set("rate", values.rate);
  } else if (values.kind === "rebuild") {
    set("service", values.service);
    set("projection", values.projection);
    query.set("mode", values.mode);
  } else {
    set("group", values.group);
    set("topic", values.topic);
    query.set("rewind", values.rewind);
    if (values.rewind === "timestamp") set("timestamp", values.timestamp);
    if (values.rewind === "offset") set("offset", values.offset);
    if (values.rewind === "shift") set("shift", values.shift);
  }
  return query.toString();
}

/** A link to the new-replay form, prefilled (other pages' "Replay…" buttons). */
export function newReplayHref(values: Partial<ReplayFormValues>): string {
  return `/replay/new?${replayFormQuery({ ...defaultReplayForm, ...values })}`;
}

/** Which field a problem is about, so the form can show it there. */
export type ReplayFormField = "topic" | "partitions" | "from" | "to" | "filter" | "target" | "rate" | "group" | "timestamp" | "offset" | "shift" | "projection";

export type SpecResult = { spec: ReplaySpec; problems?: undefined } | { spec?: undefined; problems: Partial<Record<ReplayFormField, string>> };

const topicName = /^[a-zA-Z0-9._-]{1,249}$/;
const serviceName = /^[a-z][a-z0-9-]{0,62}$/;
const projectionName = /^[A-Za-z0-9_.-]{1,100}$/;
const isInstant = (text: string) => !Number.isNaN(Date.parse(text));

/** The spec the API takes, or what is wrong with the form (checked again on the server). */
export function replaySpecOf(values: ReplayFormValues): SpecResult {
  const problems: Partial<Record<ReplayFormField, string>> = {};
  const topic = values.topic.trim();
  if (values.kind === "rebuild") {
    const service = values.service.trim();
    const projection = values.projection.trim();
    if (!service || !projection) problems.projection = "Choose the projection to rebuild.";
    else if (!serviceName.test(service) || !projectionName.test(projection))
      problems.projection = "Not a service and projection the console knows: choose one from the list.";
    if (Object.keys(problems).length > 0) return { problems };
    return { spec: { kind: "rebuild", service, projection, mode: values.mode } };
  }
  if (values.kind === "reprocess") {
    const group = values.group.trim();
    if (!group) problems.group = "Enter the consumer group to rewind.";
    if (topic && !topicName.test(topic)) problems.topic = "Letters, digits, “.”, “_” and “-” only.";
    let to: Extract<ReplaySpec, { kind: "reprocess" }>["to"] = { kind: "earliest" };
    if (values.rewind === "timestamp") {
      if (!isInstant(values.timestamp)) problems.timestamp = "Choose a time.";
      else to = { kind: "timestamp", timestamp: new Date(values.timestamp).toISOString() };
    } else if (values.rewind === "offset") {
      if (!/^\d{1,19}$/.test(values.offset.trim())) problems.offset = "A non-negative whole number.";
      else to = { kind: "offset", offset: values.offset.trim() };
    } else if (values.rewind === "shift") {
      const by = Number(values.shift);
      if (!Number.isInteger(by) || by >= 0) problems.shift = "A negative whole number: how many events back.";
      else to = { kind: "shift", by };
    }
    if (Object.keys(problems).length > 0) return { problems };
    return { spec: { kind: "reprocess", groupId: group, ...(topic ? { topic } : {}), to } };
  }

  if (!topic) problems.topic = "Enter the topic to read from.";
  else if (!topicName.test(topic)) problems.topic = "Letters, digits, “.”, “_” and “-” only.";
  const partitionsText = values.partitions.replace(/\s+/g, "");
  if (partitionsText && !/^\d{1,6}(,\d{1,6})*$/.test(partitionsText)) problems.partitions = "Partition numbers separated by commas, e.g. 0,2.";
  const partitions = partitionsText ? [...new Set(partitionsText.split(",").map(Number))].sort((a, b) => a - b) : [];
  const from = values.from.trim();
  const to = values.to.trim();
  let range: Extract<ReplaySpec, { kind: "republish" }>["source"]["range"] = { kind: "all" };
  if (values.range === "offsets") {
    if (from && !/^\d{1,19}$/.test(from)) problems.from = "A non-negative whole number.";
    if (to && !/^\d{1,19}$/.test(to)) problems.to = "A non-negative whole number.";
    else if (from && to && /^\d+$/.test(from) && BigInt(to) <= BigInt(from)) problems.to = "The end (exclusive) must be after the start.";
    range = { kind: "offsets", ...(from ? { from } : {}), ...(to ? { to } : {}) };
  } else if (values.range === "time") {
    if (from && !isInstant(from)) problems.from = "Choose a time.";
    if (to && !isInstant(to)) problems.to = "Choose a time.";
    else if (from && to && isInstant(from) && Date.parse(to) <= Date.parse(from)) problems.to = "The end must be after the start.";
    range = {
      kind: "time",
      ...(from && isInstant(from) ? { from: new Date(from).toISOString() } : {}),
      ...(to && isInstant(to) ? { to: new Date(to).toISOString() } : {}),
    };
  }
  const filter = values.filter.trim();
  const filterProblem = filter ? checkFilter(filter) : null;
  if (filterProblem) problems.filter = filterProblem.message;
  const target = values.target.trim() || topic;
  if (values.target.trim() && !topicName.test(target)) problems.target = "Letters, digits, “.”, “_” and “-” only.";
  const rateText = values.rate.trim();
  const rate = Number(rateText);
  if (rateText && (!/^\d+$/.test(rateText) || rate < 1 || rate > maxReplayRate)) {
    problems.rate = `A whole number of events per second, 1 to ${maxReplayRate.toLocaleString("en-US")}; empty for no limit.`;
  }
  if (Object.keys(problems).length > 0) return { problems };
  return {
    spec: {
      kind: "republish",
      source: { topic, partitions, range },
      filter,
      target: { topic: target, ...(values.compression !== "topic" ? { compression: values.compression } : {}) },
      ...(rateText ? { ratePerSecond: rate } : {}),
    },
  };
}

/** ISO instant ⇄ the local "YYYY-MM-DDTHH:mm:ss" a datetime-local input shows (the browser's time zone). */
export function toLocalInput(iso: string): string {
  const date = new Date(iso);
  if (!iso || Number.isNaN(date.getTime())) return "";
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 19);
}

export function fromLocalInput(local: string): string {
  const date = new Date(local);
  return !local || Number.isNaN(date.getTime()) ? "" : date.toISOString();
}
