/**
 * What a connection error adds to its code so the message says where the client tried to connect and what to
 * check: `ECONNREFUSED` alone does not say whether the server is down or `baseUrl` points at the wrong place.
 * `baseUrl` never holds credentials (the client refuses such a URL), so its origin is safe to print.
 */
export function connectionHint(code: string | undefined, baseUrl: string): string {
  const { origin, hostname } = new URL(baseUrl);
  switch (code) {
    case "ECONNREFUSED":
      return ` (nothing accepted the connection at ${origin}: is the server running, and is baseUrl right?)`;
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return ` (the host ${hostname} of ${origin} was not found: check baseUrl and your DNS or network)`;
    default:
      // A reset or truncated body happened after the server was reached: the code is the useful part.
      return "";
  }
}
