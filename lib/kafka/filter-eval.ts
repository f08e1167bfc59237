import type { Field, FilterNode, Literal, Operator, PathSegment } from "./filter-types";

/**
 * What a predicate reads from a message. Implementations decode lazily, so a filter on
 * the key never decodes the value.
 */
export interface FilterSubject {
  keyText(): string | null;
  keyContains(needle: string): boolean;
  valueText(): string | null;
  valueContains(needle: string): boolean;
  header(name: string): string | null;
  /** The value decoded as JSON; undefined when it is absent or not JSON. */
  json(): unknown;
  partition: number;
  offset: number;
  timestamp: number;
}

export type MessagePredicate = (message: FilterSubject) => boolean;

/** Follows a path through own properties only: inherited names (`constructor`, `__proto__`) find nothing. */
export function lookupPath(root: unknown, path: PathSegment[]): unknown {
  let current = root;
  for (const segment of path) {
    if (current === null || typeof current !== "object") return undefined;
    if (Array.isArray(current)) {
      if (typeof segment !== "number" && !/^(0|[1-9][0-9]*)$/.test(segment)) return undefined;
      current = current[Number(segment)];
    } else {
      const name = String(segment);
      if (!Object.prototype.hasOwnProperty.call(current, name)) return undefined;
      current = (current as Record<string, unknown>)[name];
    }
  }
  return current;
}

function compareValues(actual: unknown, operator: Operator, literal: Literal): boolean {
  switch (operator) {
    case "==":
      return literal === null ? actual === null || actual === undefined : actual === literal;
    case "!=":
      return !compareValues(actual, "==", literal);
    case "contains":
      if (typeof actual === "string") return literal !== null && actual.includes(String(literal));
      if (Array.isArray(actual)) return actual.some((item) => item === literal);
      return false;
    default: {
      const bothNumbers = typeof actual === "number" && typeof literal === "number";
      const bothStrings = typeof actual === "string" && typeof literal === "string";
      if (!bothNumbers && !bothStrings) return false;
      const a = actual as number | string;
      const b = literal as number | string;
      return operator === "<" ? a < b : operator === "<=" ? a <= b : operator === ">" ? a > b : a >= b;
    }
  }
}

function compileComparison(field: Field, operator: Operator, literal: Literal): MessagePredicate {
  switch (field.kind) {
    case "key":
    case "value": {
      const isKey = field.kind === "key";
      if (operator === "contains" && typeof literal === "string") {
        return isKey ? (m) => m.keyContains(literal) : (m) => m.valueContains(literal);
      }
      return isKey ? (m) => compareValues(m.keyText(), operator, literal) : (m) => compareValues(m.valueText(), operator, literal);
    }
    case "header":
      return (m) => compareValues(m.header(field.name), operator, literal);
    case "partition":
    case "offset":
    case "timestamp": {
      const kind = field.kind;
      return (m) => compareValues(m[kind], operator, literal);
    }
    case "json":
      return (m) => compareValues(lookupPath(m.json(), field.path), operator, literal);
  }
}

/** Turns a parsed filter into a predicate: plain closures over the tree, no code generation. */
export function compileFilter(node: FilterNode): MessagePredicate {
  switch (node.type) {
    case "and": {
      const left = compileFilter(node.left);
      const right = compileFilter(node.right);
      return (m) => left(m) && right(m);
    }
    case "or": {
      const left = compileFilter(node.left);
      const right = compileFilter(node.right);
      return (m) => left(m) || right(m);
    }
    case "not": {
      const operand = compileFilter(node.operand);
      return (m) => !operand(m);
    }
    case "compare":
      return compileComparison(node.field, node.operator, node.literal);
  }
}

/**
 * Strings at least one of which (as UTF-8 bytes) appears in the key, the value or a
 * header value of every message the filter matches; null when the filter promises no
 * such thing (a JSON path may match an escaped string, `not` promises nothing). A scan
 * uses them to pass over whole record batches that contain none of them.
 */
export function requiredNeedles(node: FilterNode): string[] | null {
  switch (node.type) {
    case "compare": {
      const { field, operator, literal } = node;
      const onBytes = field.kind === "key" || field.kind === "value" || field.kind === "header";
      // U+FFFD could stand for any invalid byte sequence decoded as text.
      if (!onBytes || typeof literal !== "string" || literal === "" || literal.includes("\uFFFD")) return null;
      return operator === "contains" || operator === "==" ? [literal] : null;
    }
    case "and": {
      const left = requiredNeedles(node.left);
      const right = requiredNeedles(node.right);
      if (!left || !right) return left ?? right;
      // Either side must hold: keep the more selective one (fewer, longer alternatives).
      const weight = (needles: string[]) => needles.length * 1000 - Math.min(...needles.map((n) => n.length));
      return weight(left) <= weight(right) ? left : right;
    }
    case "or": {
      const left = requiredNeedles(node.left);
      const right = requiredNeedles(node.right);
      return left && right ? [...left, ...right] : null;
    }
    case "not":
      return null;
  }
}
