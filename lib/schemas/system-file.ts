import { z } from "zod";
import { topicNameSchema } from "./kafka";

/**
 * The system view's declarations: what Kafka, MongoDB and Prometheus cannot tell about the
 * services (which database each owns, which entities travel on which topics, which data is
 * copied from one service to another). Read from the `eventdeck` section of the file named
 * by SYSTEM_CONFIG_FILE (default `eventdeck.config.json`).
 */

const serviceName = z.string().regex(/^[a-z][a-z0-9-]{0,62}$/, "lowercase letters, digits and '-'");
export const entityName = z.string().regex(/^[a-z][a-z0-9-]{0,62}$/, "lowercase letters, digits and '-'");
const mongoName = z.string().regex(/^[A-Za-z0-9_.-]{1,120}$/, "a MongoDB database or collection name");
const fieldPath = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/, "a field path such as customerId or customer.status");
const metricName = z.string().regex(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/, "a Prometheus metric name");
const labelName = z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, "a Prometheus label name");
const pattern = z
  .string()
  .max(500)
  .refine((text) => {
    try {
      new RegExp(text);
      return true;
    } catch {
      return false;
    }
  }, "not a valid regular expression");

/** A collection holding an entity's documents, found by `idField` equal to the entity id. */
const documentRef = z.strictObject({
  service: serviceName,
  database: mongoName,
  collection: mongoName,
  /** A rebuildable read model of the service: the collection its /admin/projections names live wins over `collection`. */
  projection: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,100}$/)
    .optional(),
  idField: fieldPath.default("_id"),
});
export type DocumentRef = z.infer<typeof documentRef>;

export const systemConfigSchema = z.strictObject({
  eventdeck: z
    .strictObject({
      description: z.string().max(4000).optional(),
      /** Only topics and consumer groups matching these belong to the system (default: every one not internal). */
      match: z.strictObject({ topics: pattern.optional(), groups: pattern.optional() }).default({}),
      /** The metrics the services export: events produced and consumed per service and topic, handler errors. */
      metrics: z
        .strictObject({
          produced: metricName.default("storefront_events_produced_total"),
          consumed: metricName.default("storefront_events_consumed_total"),
          errors: metricName.default("storefront_handler_errors_total"),
          serviceLabel: labelName.default("service"),
          topicLabel: labelName.default("topic"),
        })
        .default({
          produced: "storefront_events_produced_total",
          consumed: "storefront_events_consumed_total",
          errors: "storefront_handler_errors_total",
          serviceLabel: "service",
          topicLabel: "topic",
        }),
      services: z
        .array(
          z.strictObject({
            name: serviceName,
            description: z.string().max(1000).optional(),
            /** Kafka client ids its consumers use (default: its name). */
            clientIds: z.array(z.string().min(1).max(255)).max(20).optional(),
            /** Its own database, shown with its collections. */
            database: mongoName.optional(),
            /** Topics it publishes to, besides those its metrics show. */
            produces: z.array(topicNameSchema).max(200).default([]),
            /** Its consumer groups, besides those whose members carry one of its client ids. */
            groups: z.array(z.string().min(1).max(255)).max(200).default([]),
            /** A dashboard id of the metrics pages with the service's variable. */
            dashboard: z
              .string()
              .regex(/^[a-z0-9-]{1,64}$/)
              .optional(),
          }),
        )
        .max(200)
        .default([]),
      /** The documented event envelope, shown to newcomers on the system page. */
      envelope: z
        .strictObject({
          description: z.string().max(2000).default(""),
          key: z.string().max(500).default(""),
          fields: z
            .array(z.strictObject({ name: z.string().min(1).max(100), type: z.string().max(100), description: z.string().max(1000) }))
            .max(100)
            .default([]),
          headers: z
            .array(z.strictObject({ name: z.string().min(1).max(100), description: z.string().max(1000) }))
            .max(100)
            .default([]),
        })
        .optional(),
      entities: z
        .array(
          z.strictObject({
            name: entityName,
            description: z.string().max(1000).optional(),
            /** Topics whose message key is this entity's id. */
            topics: z.array(topicNameSchema).min(1).max(50),
            documents: z.array(documentRef).max(50).default([]),
            /** Other entities this one names in a field of its documents (an order's customerId): traced with it. */
            related: z
              .array(z.strictObject({ entity: entityName, field: fieldPath }))
              .max(20)
              .default([]),
          }),
        )
        .max(100)
        .default([]),
      /** Data one service copies from another, compared by the consistency check. */
      copies: z
        .array(
          z.strictObject({
            name: z.string().regex(/^[a-z][a-z0-9-]{0,62}$/, "lowercase letters, digits and '-'"),
            entity: entityName,
            source: documentRef,
            copy: documentRef,
            /** Fields that must agree. */
            fields: z.array(fieldPath).min(1).max(100),
            /** A number that grows with every change of the source: tells a stale copy from a diverged one. */
            versionField: fieldPath.default("version"),
            /** When the source last changed: how long a stale copy has been stale at most. */
            updatedAtField: fieldPath.optional(),
            /** The topic carrying the source's changes; an entity replay re-publishes the entity's events on it. */
            topic: topicNameSchema,
          }),
        )
        .max(100)
        .default([]),
    })
    .superRefine((system, ctx) => {
      const entities = new Set(system.entities.map((e) => e.name));
      system.entities.forEach((entity, i) => {
        entity.related.forEach((related, j) => {
          if (!entities.has(related.entity))
            ctx.addIssue({ code: "custom", path: ["entities", i, "related", j, "entity"], message: `no entity "${related.entity}"` });
        });
      });
      system.copies.forEach((copy, i) => {
        if (!entities.has(copy.entity)) ctx.addIssue({ code: "custom", path: ["copies", i, "entity"], message: `no entity "${copy.entity}"` });
      });
      const names = system.copies.map((c) => c.name);
      names.forEach((name, i) => {
        if (names.indexOf(name) !== i) ctx.addIssue({ code: "custom", path: ["copies", i, "name"], message: `"${name}" is declared twice` });
      });
    }),
});
export type SystemConfig = z.infer<typeof systemConfigSchema>["eventdeck"];
