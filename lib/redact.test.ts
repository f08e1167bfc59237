import { describe, expect, it } from "vitest";
import { redactCredentials, redactCredentialsIn } from "./redact";

describe("redactCredentials", () => {
  it("hides user and password", () => {
    expect(redactCredentials("mongodb://admin:s3cret@db:27017/app")).toBe("mongodb://***@db:27017/app");
  });
  it("keeps a URI without credentials as is", () => {
    expect(redactCredentials("mongodb://127.0.0.1:27018/")).toBe("mongodb://127.0.0.1:27018/");
  });
  it("does not mistake an @ in the path for credentials", () => {
    expect(redactCredentials("http://prom:9090/a@b")).toBe("http://prom:9090/a@b");
  });
});

describe("redactCredentialsIn", () => {
  it("masks the credentials of every URI in a text, leaving the rest", () => {
    expect(redactCredentialsIn('connect to mongodb://app:hunter2@db:27017 failed; also "http://u:p@x/y" and https://plain.example')).toBe(
      'connect to mongodb://***@db:27017 failed; also "http://***@x/y" and https://plain.example',
    );
  });
});
