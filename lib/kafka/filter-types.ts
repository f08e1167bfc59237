/** The filter language's tree (see ./filter.ts for the language itself) and its syntax error. */

export type Literal = string | number | boolean | null;
export type Operator = "==" | "!=" | "contains" | "<" | "<=" | ">" | ">=";
export type PathSegment = string | number;

export type Field =
  | { kind: "key" }
  | { kind: "value" }
  | { kind: "header"; name: string }
  | { kind: "partition" }
  | { kind: "offset" }
  | { kind: "timestamp" }
  | { kind: "json"; path: PathSegment[] };

export type FilterNode =
  | { type: "and" | "or"; left: FilterNode; right: FilterNode }
  | { type: "not"; operand: FilterNode }
  | { type: "compare"; field: Field; operator: Operator; literal: Literal };

/** A syntax error with the 0-based position in the filter text where it was found. */
export class FilterSyntaxError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(`${message} at position ${position + 1}`);
    this.name = "FilterSyntaxError";
  }
}
