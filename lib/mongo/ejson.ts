import { EJSON, type Document } from "bson";
import { parse as parseJsonc, printParseErrorCode, type ParseError } from "jsonc-parser";

/** Operators that run JavaScript on the server: refused wherever they appear in a query or pipeline. */
export const serverSideJavaScript = ["$where", "$function", "$accumulator", "$eval", "$mapReduce"] as const;

export class EjsonInputError extends Error {
  constructor(
    message: string,
    /** 0-based character offset of the problem in the input, when known. */
    readonly position?: number,
  ) {
    super(message);
    this.name = "EjsonInputError";
  }
}

/** The first syntax error of strict JSON in `text`, with its offset; undefined when the text is JSON. */
function firstSyntaxError(text: string): { position: number; message: string } | undefined {
  const errors: ParseError[] = [];
  parseJsonc(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const [first] = errors;
  return first ? { position: first.offset, message: printParseErrorCode(first.error) } : undefined;
}

/** The first key naming server-side JavaScript anywhere in `value`, with its path; undefined when there is none. */
export function findServerSideJavaScript(value: unknown, path = ""): string | undefined {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findServerSideJavaScript(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (value === null || typeof value !== "object") return undefined;
  for (const [key, child] of Object.entries(value)) {
    const here = path ? `${path}.${key}` : key;
    if ((serverSideJavaScript as readonly string[]).includes(key)) return here;
    const found = findServerSideJavaScript(child, here);
    if (found) return found;
  }
  return undefined;
}

/**
 * Parses MongoDB Extended JSON (relaxed or canonical) typed by a person: a syntax error names
 * its position, and server-side JavaScript (`$where`, `$function`, `$accumulator`, …) anywhere
 * in the tree is refused. Never evaluates anything.
 */
export function parseEjson(text: string, what = "input"): unknown {
  const syntax = firstSyntaxError(text);
  if (syntax) throw new EjsonInputError(`${what} is not valid JSON at position ${syntax.position}: ${syntax.message}`, syntax.position);
  const plain: unknown = JSON.parse(text);
  const js = findServerSideJavaScript(plain);
  if (js) throw new EjsonInputError(`${what}: server-side JavaScript is not allowed (${js})`);
  try {
    return EJSON.deserialize(plain as Document, { relaxed: false });
  } catch (error) {
    throw new EjsonInputError(`${what} is not valid Extended JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Like parseEjson, for inputs that must be one document (a filter, a projection, a sort, a document to save). */
export function parseEjsonDocument(text: string, what = "input"): Document {
  const value = parseEjson(text, what);
  // Canonical EJSON turns `0` into an Int32 and `{"$date": …}` into a Date: objects, but no documents.
  const prototype = value !== null && typeof value === "object" ? Object.getPrototypeOf(value) : undefined;
  if (prototype !== Object.prototype && prototype !== null) throw new EjsonInputError(`${what} must be a JSON object`);
  return value as Document;
}

/** A document as canonical Extended JSON: every BSON type keeps its type on the way back. */
export function toEjson(value: unknown): unknown {
  return EJSON.serialize(value, { relaxed: false });
}
