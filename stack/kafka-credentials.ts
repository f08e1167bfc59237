import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { stateDir } from "./settings";
import { ensureDir, run, writeFileEnsuringDir } from "./proc";

// What the brokers' SASL_SSL listener authenticates with: the stack's account and certificates.

/**
 * The one account of the brokers' SASL listener, made once per stack with a random password
 * (kept in the stack's state directory, never in the repository), so that a console configured
 * with `KAFKA_SASL_*` can be tried against a real authenticating broker: PLAIN, SCRAM-SHA-256
 * and SCRAM-SHA-512 all accept it.
 */
export function kafkaSaslAccount(): { username: string; password: string } {
  const file = join(stateDir, "kafka", "sasl-account.json");
  if (!existsSync(file)) writeFileEnsuringDir(file, JSON.stringify({ username: "eventdeck", password: randomBytes(18).toString("base64url") }));
  return JSON.parse(readFileSync(file, "utf8")) as { username: string; password: string };
}

export const scramMechanisms = ["SCRAM-SHA-256", "SCRAM-SHA-512"] as const;

export interface StackTls {
  /** The stack's certificate authority: what a client trusts (`KAFKA_TLS_CA_FILE`), and the brokers trust for client certificates. */
  ca: string;
  /** The broker's PKCS#8 key followed by its certificate (for 127.0.0.1 and localhost): Kafka's PEM key store. */
  keystore: string;
  /** A client certificate the CA signed, and its key (`KAFKA_TLS_CERT_FILE`, `KAFKA_TLS_KEY_FILE`). */
  clientCert: string;
  clientKey: string;
}

/** The stack's own certificate authority and the certificates it signs, made once per stack with openssl. */
export function kafkaStackTls(): StackTls {
  const dir = ensureDir(join(stateDir, "kafka", "tls"));
  const file = (name: string) => join(dir, name);
  const tls = { ca: file("ca.pem"), keystore: file("broker.pem"), clientCert: file("client.crt"), clientKey: file("client.key") };
  if (existsSync(tls.ca)) return tls;
  const days = "3650";
  run("openssl", [
    "req",
    "-x509",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-keyout",
    file("ca.key"),
    "-out",
    file("ca.tmp"),
    "-days",
    days,
    "-subj",
    "/CN=Eventdeck stack CA",
  ]);
  const sign = (name: string, subject: string, extensions: string) => {
    run("openssl", ["req", "-newkey", "rsa:2048", "-nodes", "-keyout", file(`${name}.key`), "-out", file(`${name}.csr`), "-subj", subject]);
    writeFileSync(file(`${name}.ext`), extensions);
    run("openssl", [
      "x509",
      "-req",
      "-in",
      file(`${name}.csr`),
      "-CA",
      file("ca.tmp"),
      "-CAkey",
      file("ca.key"),
      "-CAcreateserial",
      "-out",
      file(`${name}.crt`),
      "-days",
      days,
      "-extfile",
      file(`${name}.ext`),
    ]);
  };
  sign("broker", "/CN=localhost", "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n");
  sign("client", "/CN=eventdeck", "extendedKeyUsage=clientAuth\n");
  writeFileSync(tls.keystore, readFileSync(file("broker.key"), "utf8") + readFileSync(file("broker.crt"), "utf8"));
  renameSync(file("ca.tmp"), tls.ca); // last: its presence says the set is complete
  return tls;
}
