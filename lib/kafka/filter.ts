/**
 * The message filter language: a small declarative expression parsed into a tree and
 * compiled into a predicate over a message. Nothing in a filter is ever evaluated as
 * code — names are only ever looked up as fields (own properties of the decoded JSON),
 * so `constructor`, `__proto__` or `process.exit()` are just paths or syntax errors.
 *
 *   value contains "abc"            key == "k1"             header.traceId == "x"
 *   payload.status == "rejected"    $.items[0].sku != "a"   offset >= 100
 *   not (key == null) and (payload.total > 10 or header["x-kind"] contains "vip")
 *
 * Fields: `key`, `value` (the raw bytes as UTF-8 text), `header.<name>` or
 * `header["name"]`, `partition`, `offset`, `timestamp` (ms since the epoch), and any other
 * name — or `$`, or `value.` followed by a path — is a path into the value decoded as JSON.
 * Operators: `==`, `!=`, `contains`, `<`, `<=`, `>`, `>=`; literals: "strings" (JSON
 * escapes), numbers, true, false, null; combined with `and`, `or`, `not` and parentheses.
 *
 * The rest of the app imports it from here; it lives in filter-types (the tree), filter-tokenize
 * and filter-parse (text to tree), and filter-eval (tree to predicate, and the byte needles a
 * scan uses to pass over record batches).
 */

export { FilterSyntaxError, type Field, type FilterNode, type Literal, type Operator, type PathSegment } from "./filter-types";
export { checkFilter, maxFilterLength, parseFilter } from "./filter-parse";
export { compileFilter, lookupPath, requiredNeedles, type FilterSubject, type MessagePredicate } from "./filter-eval";
