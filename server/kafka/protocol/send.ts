import "server-only";

/** A request whose body the console encodes itself (see ./codec), for an API kafkajs does not have or decodes too eagerly. */
export interface RawRequest {
  apiKey: number;
  apiVersion: number;
  /** kafkajs's name for the API: its connection pool sends "Fetch" on a connection of its own. */
  apiName: string;
  /** The request body after the header (kafkajs adds size, api key, version, correlation id and client id). */
  body: Buffer;
}

/** The object kafkajs's broker connection sends: `encode` is asked for an Encoder, whose `buf`/`buffer` it reads. */
interface ProtocolRequest {
  request: { apiKey: number; apiVersion: number; apiName: string; encode: () => Promise<{ buf: Buffer; buffer: Buffer }> };
  response: { decode: (payload: Buffer) => Promise<Buffer>; parse: (payload: Buffer) => Promise<Buffer> };
}

type SendRequest = (request: ProtocolRequest) => Promise<Buffer>;

/**
 * kafkajs's Broker keeps its request sender under a private symbol. Found by the symbol's name,
 * failing loudly if a kafkajs upgrade renames it (the version is pinned in the lockfile).
 */
function sendRequestOf(broker: object): SendRequest {
  const symbol = Object.getOwnPropertySymbols(Object.getPrototypeOf(broker)).find((s) => s.description === "private:Broker:sendRequest");
  const send = symbol && (broker as Record<symbol, unknown>)[symbol];
  if (typeof send !== "function")
    throw new Error("kafkajs no longer exposes its broker request sender (private:Broker:sendRequest); check the kafkajs version");
  return send as SendRequest;
}

/**
 * Sends `request` to a kafkajs broker (kafkajs's Broker, or the console's KafkaBroker view of it)
 * and answers the response body after its header, undecoded: one round trip, on the broker's
 * own connection, so TLS, SASL, authentication and timeouts are kafkajs's.
 */
export async function sendRawRequest(broker: object, { apiKey, apiVersion, apiName, body }: RawRequest): Promise<Buffer> {
  return sendRequestOf(broker).call(broker, {
    request: { apiKey, apiVersion, apiName, encode: async () => ({ buf: body, buffer: body }) },
    response: { decode: async (payload) => payload, parse: async (payload) => payload },
  });
}
