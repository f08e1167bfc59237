import { FilterSyntaxError, type Operator } from "./filter-types";

export type Token =
  | { type: "string"; value: string; at: number }
  | { type: "number"; value: number; at: number }
  | { type: "ident"; value: string; at: number }
  | { type: "op"; value: Operator; at: number }
  | { type: "punct"; value: "(" | ")" | "." | "[" | "]" | "$"; at: number }
  | { type: "end"; at: number };

const identStart = /[A-Za-z_]/;
const identPart = /[A-Za-z0-9_-]/;

export function describe(token: Token): string {
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

export function tokenize(text: string): Token[] {
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
