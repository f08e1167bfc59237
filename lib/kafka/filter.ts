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
 */

export const maxFilterLength = 2_000;
const maxDepth = 32;

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

type Token =
  | { type: "string"; value: string; at: number }
  | { type: "number"; value: number; at: number }
  | { type: "ident"; value: string; at: number }
  | { type: "op"; value: Operator; at: number }
  | { type: "punct"; value: "(" | ")" | "." | "[" | "]" | "$"; at: number }
  | { type: "end"; at: number };

const identStart = /[A-Za-z_]/;
const identPart = /[A-Za-z0-9_-]/;

function describe(token: Token): string {
  if (token.type === "end") return "the end of the filter";
  if (token.type === "string") return `the string ${JSON.stringify(token.value)}`;
  return `"${String(token.value)}"`;
}

function readString(text: string, start: number): { value: string; end: number } {
  let i = start + 1;
  let raw = '"';
  while (i < text.length) {
    const c = text[i]!;
    if (c === "\\") {
      raw += c + (text[i + 1] ?? "");
      i += 2;
      continue;
    }
    if (c === '"') {
      try {
        // A JSON string literal, parsed by the JSON parser: data only, never code.
        return { value: JSON.parse(raw + '"') as string, end: i + 1 };
      } catch {
        throw new FilterSyntaxError("Invalid escape in string", start);
      }
    }
    if (c === "\n") break;
    raw += c;
    i++;
  }
  throw new FilterSyntaxError("Unterminated string", start);
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '"') {
      const { value, end } = readString(text, i);
      tokens.push({ type: "string", value, at: i });
      i = end;
    } else if (/[0-9]/.test(c) || (c === "-" && /[0-9]/.test(text[i + 1] ?? ""))) {
      const match = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(text.slice(i))!;
      if (/[A-Za-z0-9_]/.test(text[i + match[0].length] ?? "")) {
        throw new FilterSyntaxError("Invalid number", i);
      }
      tokens.push({ type: "number", value: Number(match[0]), at: i });
      i += match[0].length;
    } else if (identStart.test(c)) {
      let end = i + 1;
      while (end < text.length && identPart.test(text[end]!)) end++;
      tokens.push({ type: "ident", value: text.slice(i, end), at: i });
      i = end;
    } else if (text.startsWith("==", i) || text.startsWith("!=", i) || text.startsWith("<=", i) || text.startsWith(">=", i)) {
      tokens.push({ type: "op", value: text.slice(i, i + 2) as Operator, at: i });
      i += 2;
    } else if (c === "<" || c === ">") {
      tokens.push({ type: "op", value: c, at: i });
      i++;
    } else if (c === "(" || c === ")" || c === "." || c === "[" || c === "]" || c === "$") {
      tokens.push({ type: "punct", value: c, at: i });
      i++;
    } else if (c === "=") {
      throw new FilterSyntaxError('Unexpected "=" (compare with "==")', i);
    } else {
      throw new FilterSyntaxError(`Unexpected character ${JSON.stringify(c)}`, i);
    }
  }
  tokens.push({ type: "end", at: text.length });
  return tokens;
}

const keywords = new Set(["and", "or", "not", "contains", "true", "false", "null"]);
const messageFields = new Set(["key", "value", "header", "headers", "partition", "offset", "timestamp"]);

class Parser {
  private index = 0;
  private depth = 0;

  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.index]!;
  }

  private next(): Token {
    return this.tokens[this.index++]!;
  }

  private isWord(word: string): boolean {
    const token = this.peek();
    return token.type === "ident" && token.value.toLowerCase() === word;
  }

  private isPunct(value: string): boolean {
    const token = this.peek();
    return token.type === "punct" && token.value === value;
  }

  private expectPunct(value: string, what: string): void {
    if (!this.isPunct(value)) throw new FilterSyntaxError(`Expected ${what} but found ${describe(this.peek())}`, this.peek().at);
    this.index++;
  }

  parse(): FilterNode {
    const node = this.parseOr();
    const rest = this.peek();
    if (rest.type !== "end") {
      throw new FilterSyntaxError(`Expected "and", "or" or the end of the filter but found ${describe(rest)}`, rest.at);
    }
    return node;
  }

  private parseOr(): FilterNode {
    let left = this.parseAnd();
    while (this.isWord("or")) {
      this.index++;
      left = { type: "or", left, right: this.parseAnd() };
    }
    return left;
  }

  private parseAnd(): FilterNode {
    let left = this.parseUnary();
    while (this.isWord("and")) {
      this.index++;
      left = { type: "and", left, right: this.parseUnary() };
    }
    return left;
  }

  private parseUnary(): FilterNode {
    if (++this.depth > maxDepth) throw new FilterSyntaxError(`Nested more than ${maxDepth} levels deep`, this.peek().at);
    try {
      if (this.isWord("not")) {
        this.index++;
        return { type: "not", operand: this.parseUnary() };
      }
      if (this.isPunct("(")) {
        this.index++;
        const inner = this.parseOr();
        this.expectPunct(")", 'a closing ")"');
        return inner;
      }
      return this.parseComparison();
    } finally {
      this.depth--;
    }
  }

  private parseComparison(): FilterNode {
    const field = this.parseField();
    const token = this.peek();
    let operator: Operator;
    if (token.type === "op") operator = token.value;
    else if (token.type === "ident" && token.value.toLowerCase() === "contains") operator = "contains";
    else throw new FilterSyntaxError(`Expected an operator (==, !=, contains, <, <=, >, >=) but found ${describe(token)}`, token.at);
    this.index++;
    return { type: "compare", field, operator, literal: this.parseLiteral(operator) };
  }

  private parseLiteral(operator: Operator): Literal {
    const token = this.next();
    if (token.type === "string" || token.type === "number") return token.value;
    if (token.type === "ident") {
      const word = token.value.toLowerCase();
      if (word === "true") return true;
      if (word === "false") return false;
      if (word === "null") return null;
    }
    throw new FilterSyntaxError(`Expected a value (a "string", a number, true, false or null) after "${operator}" but found ${describe(token)}`, token.at);
  }

  private parseField(): Field {
    const token = this.peek();
    if (token.type === "punct" && token.value === "$") {
      this.index++;
      return { kind: "json", path: this.parsePathRest([]) };
    }
    if (token.type !== "ident" || keywords.has(token.value.toLowerCase())) {
      throw new FilterSyntaxError(`Expected a field (key, value, header.<name> or a JSON path) but found ${describe(token)}`, token.at);
    }
    this.index++;
    const name = token.value;
    if (!messageFields.has(name)) return { kind: "json", path: this.parsePathRest([name]) };
    if (name === "header" || name === "headers") {
      const segment = this.parseSegment();
      if (segment === undefined || typeof segment === "number") {
        throw new FilterSyntaxError('Expected a header name: header.<name> or header["name"]', this.peek().at);
      }
      return { kind: "header", name: segment };
    }
    if (name === "value" && (this.isPunct(".") || this.isPunct("["))) return { kind: "json", path: this.parsePathRest([]) };
    if (this.isPunct(".") || this.isPunct("[")) throw new FilterSyntaxError(`"${name}" has no fields`, this.peek().at);
    return { kind: name as "key" | "value" | "partition" | "offset" | "timestamp" };
  }

  private parsePathRest(path: PathSegment[]): PathSegment[] {
    for (;;) {
      const segment = this.parseSegment();
      if (segment === undefined) return path;
      path.push(segment);
    }
  }

  /** `.name`, `["name"]` or `[3]`; undefined when the path ends here. */
  private parseSegment(): PathSegment | undefined {
    if (this.isPunct(".")) {
      this.index++;
      const token = this.next();
      if (token.type !== "ident") throw new FilterSyntaxError(`Expected a field name after "." but found ${describe(token)}`, token.at);
      return token.value;
    }
    if (this.isPunct("[")) {
      this.index++;
      const token = this.next();
      if (token.type === "string") {
        this.expectPunct("]", 'a closing "]"');
        return token.value;
      }
      if (token.type === "number" && Number.isInteger(token.value) && token.value >= 0) {
        this.expectPunct("]", 'a closing "]"');
        return token.value;
      }
      throw new FilterSyntaxError(`Expected a "name" or an array index inside [ ] but found ${describe(token)}`, token.at);
    }
    return undefined;
  }
}

/** Parses a filter into its tree; throws FilterSyntaxError (with a position) on bad input. */
export function parseFilter(text: string): FilterNode {
  if (text.length > maxFilterLength) throw new FilterSyntaxError(`The filter is longer than ${maxFilterLength} characters`, maxFilterLength);
  if (text.trim() === "") throw new FilterSyntaxError("The filter is empty", 0);
  return new Parser(tokenize(text)).parse();
}

/** Checks a filter without throwing: null when it parses, else the error (for live validation in the page). */
export function checkFilter(text: string): FilterSyntaxError | null {
  try {
    parseFilter(text);
    return null;
  } catch (error) {
    if (error instanceof FilterSyntaxError) return error;
    throw error;
  }
}

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
