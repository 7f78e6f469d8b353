// What describeError says for each fault, shared by the read and write fault tables.
export const SERVER_500 = /Vercel had a server error \(HTTP 500\): An unexpected internal error occurred\. Nothing was changed; try again later\./;
export const SERVER_503 = /Vercel had a server error \(HTTP 503\): An unexpected internal error occurred\. Nothing was changed; try again later\./;
/** A 5xx to a create or delete: Vercel may have acted before it failed. */
export const WRITE_500 =
  /Vercel had a server error \(HTTP 500\): An unexpected internal error occurred\. The request may or may not have been carried out; refresh before trying again\./;
export const WRITE_502 =
  /Vercel's gateway failed \(HTTP 502\): Vercel answered with HTTP 502 and no readable error\. The request may or may not have been carried out; refresh before trying again\./;
export const WRITE_503 =
  /Vercel had a server error \(HTTP 503\): An unexpected internal error occurred\. The request may or may not have been carried out; refresh before trying again\./;
export const REFUSED = /Could not connect to 127\.0\.0\.1:\d+ \(ECONNREFUSED\)\./;
export const RESET = /The connection to 127\.0\.0\.1:\d+ failed \(ECONNRESET\)\./;
export const NOT_JSON = /Vercel sent a response this extension cannot read: HTTP 200 with a body that is not JSON\./;
export const MISSING = /Vercel sent a response this extension cannot read: (?:response\.)?\w+ is missing\./;
export const TIMEOUT = /Vercel did not answer within 1 s\./;
export const CANCELLED = /The request was cancelled\./;

/** The setting the fault tables run with, so that a hang ends in TIMEOUT after 1 s. */
export const TIMEOUT_SETTING: [string, unknown][] = [['vercelTokens.requestTimeoutSeconds', 1]];

/** `^prefix` + the reason + `suffix$`, as one RegExp. */
export function said(prefix: string, reason: RegExp, suffix = ''): RegExp {
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${escape(prefix)}${reason.source}${escape(suffix)}$`);
}
