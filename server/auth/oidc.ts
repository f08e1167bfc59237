import "server-only";
import * as client from "openid-client";
import { sealData, unsealData } from "iron-session";
import { roles, type Role, type SessionUser } from "@/lib/auth";
import { getConfig } from "../config";
import { AppError } from "../http/errors";
import { sessionSecret } from "./session";

export const oidcCookie = "eventdeck_oidc";
const flowTtlSeconds = 600;

const cache = globalThis as unknown as { eventdeckOidc?: Promise<client.Configuration> };

/** The provider's configuration from its discovery document, fetched once (and again after a failure). */
function providerConfiguration(): Promise<client.Configuration> {
  const config = getConfig();
  if (!config.OIDC_ISSUER || !config.OIDC_CLIENT_ID) throw new AppError("BAD_REQUEST", "OpenID Connect is not configured (OIDC_ISSUER, OIDC_CLIENT_ID)");
  cache.eventdeckOidc ??= client
    .discovery(new URL(config.OIDC_ISSUER), config.OIDC_CLIENT_ID, config.OIDC_CLIENT_SECRET, undefined, {
      // A plain-http issuer (a provider on this machine, as in the tests) must be allowed explicitly.
      ...(config.OIDC_ISSUER.startsWith("http:") ? { execute: [client.allowInsecureRequests] } : {}),
      timeout: 5,
    })
    .catch((error: unknown) => {
      cache.eventdeckOidc = undefined;
      throw new AppError(
        "SERVICE_UNAVAILABLE",
        `The identity provider ${config.OIDC_ISSUER} did not answer its discovery request: ${(error as Error).message}`,
      );
    });
  return cache.eventdeckOidc;
}

interface Flow {
  verifier: string;
  state: string;
  nonce: string;
  returnTo: string;
}

/** Only a path of this console: never another site (an open redirect). */
export function safeReturnTo(value: string | null): string {
  return value && value.startsWith("/") && !value.startsWith("//") && !value.startsWith("/\\") ? value : "/";
}

/** The console's origin as the browser sees it: PUBLIC_URL, else the request's (forwarded) host and protocol. */
export function publicOrigin(request: Request): string {
  const configured = getConfig().PUBLIC_URL;
  if (configured) return new URL(configured).origin;
  const url = new URL(request.url);
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host") ?? url.host;
  const proto = request.headers.get("x-forwarded-proto") ?? url.protocol.replace(":", "");
  return `${proto.split(",")[0]!.trim()}://${host.split(",")[0]!.trim()}`;
}

const callbackUrl = (request: Request) => `${publicOrigin(request)}/api/auth/oidc/callback`;

/** Starts an authorization-code flow with PKCE: where to send the browser, and the sealed cookie that remembers the flow. */
export async function startSignIn(request: Request): Promise<{ location: string; cookie: string }> {
  const configuration = await providerConfiguration();
  const flow: Flow = {
    verifier: client.randomPKCECodeVerifier(),
    state: client.randomState(),
    nonce: client.randomNonce(),
    returnTo: safeReturnTo(new URL(request.url).searchParams.get("returnTo")),
  };
  const location = client.buildAuthorizationUrl(configuration, {
    redirect_uri: callbackUrl(request),
    scope: "openid profile email",
    code_challenge: await client.calculatePKCECodeChallenge(flow.verifier),
    code_challenge_method: "S256",
    state: flow.state,
    nonce: flow.nonce,
  });
  const sealed = await sealData(flow, { password: sessionSecret(), ttl: flowTtlSeconds });
  return { location: location.toString(), cookie: `${oidcCookie}=${sealed}; Path=/api/auth/oidc; HttpOnly; SameSite=Lax; Max-Age=${flowTtlSeconds}` };
}

/** The highest console role the claim names (a string or a list); the default role when it names none. */
export function roleFromClaim(claim: unknown, fallback: Role | "none"): Role | null {
  const named = (Array.isArray(claim) ? claim : [claim]).filter((value): value is Role => roles.includes(value as Role));
  if (named.length > 0) return named.sort((a, b) => roles.indexOf(b) - roles.indexOf(a))[0]!;
  return fallback === "none" ? null : fallback;
}

/** Completes the flow at the callback: checks state, nonce and PKCE, and maps the ID token's claims to a console user. */
export async function finishSignIn(request: Request, sealedFlow: string | null): Promise<{ user: SessionUser; returnTo: string }> {
  if (!sealedFlow) throw new AppError("UNAUTHENTICATED", "The sign-in took too long or was started elsewhere; start again");
  const flow = await unsealData<Partial<Flow>>(sealedFlow, { password: sessionSecret(), ttl: flowTtlSeconds });
  if (!flow.verifier || !flow.state) throw new AppError("UNAUTHENTICATED", "The sign-in took too long or was started elsewhere; start again");
  const configuration = await providerConfiguration();
  const current = new URL(request.url);
  const callback = new URL(callbackUrl(request));
  callback.search = current.search;
  let claims: client.IDToken | undefined;
  try {
    const tokens = await client.authorizationCodeGrant(configuration, callback, {
      pkceCodeVerifier: flow.verifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
    });
    claims = tokens.claims();
  } catch (error) {
    throw new AppError("UNAUTHENTICATED", `The identity provider's answer was refused: ${(error as Error).message}`);
  }
  if (!claims) throw new AppError("UNAUTHENTICATED", "The identity provider sent no ID token");
  const config = getConfig();
  const role = roleFromClaim(claims[config.OIDC_ROLE_CLAIM], config.OIDC_DEFAULT_ROLE);
  const name = String(claims.preferred_username ?? claims.email ?? claims.sub);
  if (!role) throw new AppError("FORBIDDEN", `${name} has no Eventdeck role (claim ${config.OIDC_ROLE_CLAIM})`);
  return { user: { name, role }, returnTo: safeReturnTo(flow.returnTo ?? "/") };
}
