import { describe, expect, it, vi } from "vitest";
import { checkFilter, compileFilter, FilterSyntaxError, lookupPath, maxFilterLength, parseFilter, requiredNeedles, type FilterSubject } from "./filter";

interface TestMessage {
  key?: string | null;
  value?: string | null;
  headers?: Record<string, string>;
  partition?: number;
  offset?: number;
  timestamp?: number;
}

function subject(message: TestMessage): FilterSubject {
  const value = message.value ?? null;
  return {
    keyText: () => message.key ?? null,
    keyContains: (needle) => (message.key ?? "").includes(needle) && message.key != null,
    valueText: () => value,
    valueContains: (needle) => value !== null && value.includes(needle),
    header: (name) => message.headers?.[name] ?? null,
    json: () => {
      try {
        return value === null ? undefined : JSON.parse(value);
      } catch {
        return undefined;
      }
    },
    partition: message.partition ?? 0,
    offset: message.offset ?? 0,
    timestamp: message.timestamp ?? 0,
  };
}

const matches = (filter: string, message: TestMessage) => compileFilter(parseFilter(filter))(subject(message));

const order = {
  key: "order-1",
  value: JSON.stringify({ type: "OrderChanged", payload: { status: "rejected", total: 42.5, tags: ["vip", "eu"], items: [{ sku: "a-1" }], note: null } }),
  headers: { traceId: "t-123", "x-kind": "retail" },
  partition: 2,
  offset: 17,
  timestamp: 1_700_000_000_000,
};

describe("the message filter language", () => {
  it("matches substrings of the key, the value and headers", () => {
    expect(matches('value contains "rejected"', order)).toBe(true);
    expect(matches('value contains "approved"', order)).toBe(false);
    expect(matches('key contains "der-"', order)).toBe(true);
    expect(matches('header.traceId contains "123"', order)).toBe(true);
    expect(matches('header["x-kind"] == "retail"', order)).toBe(true);
    expect(matches('header.x-kind == "retail"', order)).toBe(true);
    expect(matches('header.missing contains "x"', order)).toBe(false);
  });

  it("compares the key and headers for equality, null meaning absent", () => {
    expect(matches('key == "order-1"', order)).toBe(true);
    expect(matches('key != "order-1"', order)).toBe(false);
    expect(matches("key == null", { value: "x" })).toBe(true);
    expect(matches("key != null", order)).toBe(true);
    expect(matches("header.missing == null", order)).toBe(true);
    expect(matches('header.traceId == "t-123"', order)).toBe(true);
  });

  it("follows JSON paths into the decoded value with strict equality", () => {
    expect(matches('payload.status == "rejected"', order)).toBe(true);
    expect(matches('payload.status == "approved"', order)).toBe(false);
    expect(matches('payload.status != "approved"', order)).toBe(true);
    expect(matches("payload.total == 42.5", order)).toBe(true);
    expect(matches('payload.total == "42.5"', order)).toBe(false);
    expect(matches('payload.items[0].sku == "a-1"', order)).toBe(true);
    expect(matches('$.payload["status"] == "rejected"', order)).toBe(true);
    expect(matches('value.type == "OrderChanged"', order)).toBe(true);
    expect(matches('payload.tags contains "vip"', order)).toBe(true);
    expect(matches('payload.tags contains "us"', order)).toBe(false);
    expect(matches("payload.note == null", order)).toBe(true);
    expect(matches("payload.absent == null", order)).toBe(true);
    expect(matches('payload.status == "rejected"', { value: "not json" })).toBe(false);
  });

  it("orders numbers and strings, and never mixes them", () => {
    expect(matches("payload.total > 40", order)).toBe(true);
    expect(matches("payload.total <= 40", order)).toBe(false);
    expect(matches('payload.total > "40"', order)).toBe(false);
    expect(matches("offset >= 17 and partition == 2", order)).toBe(true);
    expect(matches("offset < 17", order)).toBe(false);
    expect(matches("timestamp > 1699999999999", order)).toBe(true);
    expect(matches('payload.status > "a"', order)).toBe(true);
  });

  it("combines with and, or, not and parentheses, and binds and tighter than or", () => {
    expect(matches('key == "x" or key == "order-1" and partition == 2', order)).toBe(true);
    expect(matches('(key == "x" or key == "order-1") and partition == 3', order)).toBe(false);
    expect(matches('not key == "x"', order)).toBe(true);
    expect(matches('NOT (payload.status == "rejected") OR offset == 17', order)).toBe(true);
    expect(matches('not not value contains "vip"', order)).toBe(true);
  });

  it("accepts JSON escapes in strings", () => {
    expect(matches('value contains "\\"status\\":\\"rejected\\""', order)).toBe(true);
    expect(matches('payload.status == "rej\\u0065cted"', order)).toBe(true);
  });

  it("finds only own properties: inherited names match nothing", () => {
    const value = '{"a":1,"__proto__":{"polluted":true}}';
    expect(matches("constructor != null", { value })).toBe(false);
    expect(matches('a.constructor.name == "Number"', { value })).toBe(false);
    expect(matches("toString == null", { value })).toBe(true);
    expect(matches("__proto__.polluted == true", { value })).toBe(true); // its own key in the JSON, as data
    expect(matches("polluted == true", { value })).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(lookupPath([1, 2], ["length"])).toBeUndefined();
    expect(lookupPath("text", ["length"])).toBeUndefined();
  });

  it("treats would-be code as paths, strings or syntax errors and runs nothing", () => {
    const exit = vi.spyOn(process, "exit").mockImplementation(() => undefined as never);
    try {
      expect(() => parseFilter("process.exit()")).toThrow(FilterSyntaxError);
      expect(() => parseFilter("process.exit(1) == 1")).toThrow(/Expected an operator/);
      expect(parseFilter("process.exit == 1")).toEqual({ type: "compare", field: { kind: "json", path: ["process", "exit"] }, operator: "==", literal: 1 });
      expect(matches("process.exit == null", order)).toBe(true);
      expect(matches('value contains "process.exit()"', order)).toBe(false);
      expect(() => parseFilter('constructor.constructor("return process")() == 1')).toThrow(FilterSyntaxError);
      expect(() => parseFilter("key == `whoami`")).toThrow(/Unexpected character "`"/);
      expect(() => parseFilter("key == ${x}")).toThrow(FilterSyntaxError);
      expect(() => parseFilter("key == 'k1'")).toThrow(/Unexpected character "'"/);
      expect(() => parseFilter('key == "a"; process.exit()')).toThrow(/Unexpected character ";"/);
      expect(exit).not.toHaveBeenCalled();
    } finally {
      exit.mockRestore();
    }
  });

  it("reports syntax errors with their position", () => {
    const cases: Array<[string, RegExp, number]> = [
      ['key = "a"', /compare with "=="/, 4],
      ['key == "a', /Unterminated string/, 7],
      ["key ==", /Expected a value .* after "==" but found the end of the filter/, 6],
      ['key "a"', /Expected an operator/, 4],
      ['(key == "a"', /Expected a closing "\)"/, 11],
      ['key == "a")', /Expected "and", "or" or the end/, 10],
      ['key == "a" and', /Expected a field/, 14],
      ['== "a"', /Expected a field/, 0],
      ['header == "a"', /Expected a header name/, 7],
      ['key.x == "a"', /"key" has no fields/, 3],
      ['payload.[0] == "a"', /Expected a field name after "."/, 8],
      ['items[-1] == "a"', /inside \[ \]/, 6],
      ['key == "\\x"', /Invalid escape/, 7],
      ["   ", /The filter is empty/, 0],
      ["offset == 12abc", /Invalid number/, 10],
      ['key == "a" and and key == "b"', /Expected a field .* found "and"/, 15],
    ];
    for (const [filter, message, position] of cases) {
      const error = checkFilter(filter);
      expect(error, filter).toBeInstanceOf(FilterSyntaxError);
      expect(error?.message, filter).toMatch(message);
      expect(error?.position, filter).toBe(position);
      expect(error?.message, filter).toContain(`at position ${position + 1}`);
    }
    expect(checkFilter('payload.status == "rejected"')).toBeNull();
  });

  it("refuses filters that are too long or nested too deep, without overflowing the stack", () => {
    expect(checkFilter("x".repeat(maxFilterLength + 1))?.message).toMatch(/longer than/);
    expect(checkFilter(`${"(".repeat(40)}key == "a"${")".repeat(40)}`)?.message).toMatch(/Nested more than 32/);
    expect(checkFilter(`${"not ".repeat(40)}key == "a"`)?.message).toMatch(/Nested more than 32/);
    const long = Array.from({ length: 120 }, (_, i) => `offset == ${i}`).join(" or ");
    expect(matches(long, { offset: 119 })).toBe(true);
  });
});

describe("the byte strings a filter requires", () => {
  const needles = (filter: string) => requiredNeedles(parseFilter(filter));

  it("come from substring and equality tests on the key, the value and headers", () => {
    expect(needles('value contains "abc"')).toEqual(["abc"]);
    expect(needles('key == "k1"')).toEqual(["k1"]);
    expect(needles('header.traceId == "t-1"')).toEqual(["t-1"]);
    expect(needles('value contains "abc" and key == "longer-key"')).toEqual(["longer-key"]);
    expect(needles('value contains "abc" or key contains "def"')).toEqual(["abc", "def"]);
    expect(needles('(value contains "a" or value contains "b") and key == "k"')).toEqual(["k"]);
    expect(needles('payload.status == "rejected" and value contains "order"')).toEqual(["order"]);
  });

  it("are null where a match need not contain them", () => {
    expect(needles('payload.status == "rejected"')).toBeNull();
    expect(needles('not value contains "abc"')).toBeNull();
    expect(needles('key != "k1"')).toBeNull();
    expect(needles('value contains "abc" or offset > 5')).toBeNull();
    expect(needles('value == ""')).toBeNull();
    expect(needles("key == null")).toBeNull();
    expect(needles('value contains "\\ufffd"')).toBeNull();
  });

  it("are always present in what the filter matches", () => {
    const filters = [
      'value contains "rejected" and key == "order-1"',
      'header.traceId == "t-123" or value contains "vip"',
      'key contains "der-" and not payload.total > 50',
    ];
    for (const filter of filters) {
      const node = parseFilter(filter);
      const required = requiredNeedles(node)!;
      expect(matches(filter, order), filter).toBe(true);
      const bytes = [order.key, order.value, ...Object.values(order.headers)].join("\n");
      expect(
        required.some((needle) => bytes.includes(needle)),
        filter,
      ).toBe(true);
    }
  });
});
