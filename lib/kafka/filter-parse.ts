import { FilterSyntaxError, type Field, type FilterNode, type Literal, type Operator, type PathSegment } from "./filter-types";
import { describe, tokenize, type Token } from "./filter-tokenize";

export const maxFilterLength = 2_000;
const maxDepth = 32;

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
