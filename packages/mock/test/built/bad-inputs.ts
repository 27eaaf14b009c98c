/**
 * Bad input for the built sandbox: the reliability review's §4 groups A–L (shared/reviews/sandbox-reliability.md),
 * with the exact requests it sent, plus issue 29's escapes (`%25ZZ`: Prism decodes path parameters twice) and the
 * API paths the bundler once left unguarded. Each with the 4xx it must get.
 */
import type { Exchange } from "./built-bin";

export interface BadInput extends Omit<Exchange, "headers"> {
  name: string;
  /** Which credential to send; the JSON content type is sent unless `headers` says otherwise. */
  auth?: "bearer" | "appUser";
  headers?: Record<string, string>;
  /** Raw bytes instead of a request (`fetch` and node:http refuse to send these). */
  raw?: string;
  status: number;
  /** The field a 400 must name (`errors[0].field`), where the sandbox's guard answers. */
  field?: string;
}

const MB10 = 10 * 1024 * 1024;
const nested = (depth: number) => `{"user_reference":${"[".repeat(depth)}${"]".repeat(depth)}}`;
const wrongJson = ["[]", "[1,2]", "123", "null", '"str"', "true"];

export const badInputs: BadInput[] = [
  // A: JSON that does not parse (each one hung before).
  {
    name: "A truncated JSON, customers",
    method: "POST",
    path: "/public/v3/customers",
    auth: "bearer",
    body: '{"user_reference":',
    status: 400,
  },
  {
    name: "A trailing }}, customers",
    method: "POST",
    path: "/public/v3/customers",
    auth: "bearer",
    body: '{"user_reference":"x"}}',
    status: 400,
  },
  {
    name: "A truncated JSON, token",
    method: "POST",
    path: "/oauth/v2/token",
    body: '{"client_id":"a","client_secret":',
    status: 400,
  },
  {
    name: "A truncated JSON, invitations",
    method: "POST",
    path: "/public/v3/invitations",
    auth: "bearer",
    body: '{"email":"a@b.c",',
    status: 400,
  },
  {
    name: "A not JSON, webhooks",
    method: "POST",
    path: "/public/v3/webhooks",
    auth: "bearer",
    body: "xxxxxxxx",
    status: 400,
  },
  {
    name: "A truncated JSON, consent screen",
    method: "POST",
    path: "/public/v3/webflow/banks/barclays/consent",
    auth: "appUser",
    body: "{",
    status: 400,
  },
  { name: "A not JSON, control consents", method: "POST", path: "/_sandbox/consents", body: "{bad", status: 400 },
  { name: "A not JSON, control webhooks", method: "POST", path: "/_sandbox/webhooks", body: "{bad", status: 400 },
  // B: JSON of the wrong type.
  ...["/public/v3/customers", "/oauth/v2/token", "/public/v3/invitations"].flatMap((path) =>
    wrongJson.map(
      (body): BadInput => ({ name: `B ${body} to ${path}`, method: "POST", path, auth: "bearer", body, status: 400 }),
    ),
  ),
  ...wrongJson.map(
    (body): BadInput => ({
      name: `B ${body} to control consents`,
      method: "POST",
      path: "/_sandbox/consents",
      body,
      status: 400,
    }),
  ),
  { name: "B {} to customers", method: "POST", path: "/public/v3/customers", auth: "bearer", body: "{}", status: 400 },
  { name: "B empty body to customers", method: "POST", path: "/public/v3/customers", auth: "bearer", status: 400 },
  ...["5", "true", "null", "[]", "{}"].map(
    (value): BadInput => ({
      name: `B user_reference ${value}`,
      method: "POST",
      path: "/public/v3/customers",
      auth: "bearer",
      body: `{"user_reference":${value}}`,
      status: 400,
    }),
  ),
  {
    name: "B email: 5",
    method: "POST",
    path: "/public/v3/invitations",
    auth: "bearer",
    body: '{"email":5}',
    status: 400,
  },
  {
    name: "B webhook url not a URL",
    method: "POST",
    path: "/public/v3/webhooks",
    auth: "bearer",
    body: '{"url":"not a url"}',
    status: 400,
  },
  // C: 10 MB bodies (over the 1 MB limit).
  {
    name: "C 10 MB valid JSON, customers",
    method: "POST",
    path: "/public/v3/customers",
    auth: "bearer",
    body: `{"user_reference":"${"x".repeat(MB10)}"}`,
    status: 413,
  },
  {
    name: "C 10 MB valid JSON, token",
    method: "POST",
    path: "/oauth/v2/token",
    body: `{"client_id":"${"x".repeat(MB10)}"}`,
    status: 413,
  },
  {
    name: "C 10 MB of x as JSON",
    method: "POST",
    path: "/public/v3/customers",
    auth: "bearer",
    body: "x".repeat(MB10),
    status: 413,
  },
  {
    name: "C 10 MB customer_id, control consents",
    method: "POST",
    path: "/_sandbox/consents",
    body: `{"customer_id":"${"1".repeat(MB10)}"}`,
    status: 413,
  },
  // D: deep nesting (Prism's stack overflowed).
  ...[10_000, 100_000].flatMap((depth) => [
    {
      name: `D ${depth} levels, customers`,
      method: "POST",
      path: "/public/v3/customers",
      auth: "bearer" as const,
      body: nested(depth),
      status: 400,
    },
    { name: `D ${depth} levels, token`, method: "POST", path: "/oauth/v2/token", body: nested(depth), status: 400 },
  ]),
  // E: headers.
  {
    name: "E a 20 KiB header",
    method: "GET",
    path: "/public/v3/webflow/banks",
    auth: "appUser",
    headers: { "x-big": "a".repeat(20 * 1024) },
    status: 431,
  },
  {
    name: "E a 64 KiB header",
    method: "GET",
    path: "/public/v3/webflow/banks",
    auth: "appUser",
    headers: { "x-big": "a".repeat(64 * 1024) },
    status: 431,
  },
  {
    name: "E 3,000 headers",
    method: "GET",
    path: "/public/v3/webflow/banks",
    auth: "appUser",
    headers: Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`x-h${i}`, "1"])),
    status: 431,
  },
  {
    name: "E a 12 KiB bearer token",
    method: "GET",
    path: "/public/v3/invitations",
    headers: { authorization: `Bearer ${"t".repeat(12 * 1024)}` },
    status: 401,
  },
  // F: text the sandbox could not store faithfully; bytes no HTTP parser accepts.
  {
    name: "F lone surrogate",
    method: "POST",
    path: "/public/v3/customers",
    auth: "bearer",
    body: '{"user_reference":"\\ud800x"}',
    status: 400,
  },
  {
    name: "F invalid UTF-8",
    method: "POST",
    path: "/public/v3/customers",
    auth: "bearer",
    body: Buffer.concat([Buffer.from('{"user_reference":"a'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]),
    status: 400,
  },
  {
    name: "F NUL in the path",
    method: "GET",
    path: "",
    raw: "GET /public/v3/webflow/banks/\u0000x/consent/status HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    status: 400,
  },
  {
    name: "F method FOO",
    method: "FOO",
    path: "",
    raw: "FOO /public/v3/customers HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    status: 400,
  },
  // G: traversal, and malformed escapes (Prism died on these; the bundler had removed the check).
  {
    name: "G traversal in bank_slug",
    method: "GET",
    path: "/public/v3/webflow/banks/..%2F..%2Fetc%2Fpasswd/consent/status",
    auth: "appUser",
    status: 404,
  },
  {
    name: "G traversal in the control logo",
    method: "GET",
    path: "/_sandbox/banks/..%2F..%2Fetc%2Fpasswd/logo.svg",
    status: 404,
  },
  {
    name: "G %ZZ as bank_slug",
    field: "bank_slug",
    method: "GET",
    path: "/public/v3/webflow/banks/%ZZ/consent/status",
    auth: "appUser",
    status: 400,
  },
  {
    name: "G %E0%A4%A as bank_slug",
    field: "bank_slug",
    method: "GET",
    path: "/public/v3/webflow/banks/%E0%A4%A/consent/status",
    auth: "appUser",
    status: 400,
  },
  {
    name: "G % as customer_id",
    field: "customer_id",
    method: "POST",
    path: "/public/v3/customers/%/token",
    auth: "bearer",
    status: 400,
  },
  {
    name: "G %25ZZ as bank_slug (Prism decodes twice)",
    field: "bank_slug",
    method: "GET",
    path: "/public/v3/webflow/banks/%25ZZ/consent/status",
    auth: "appUser",
    status: 400,
  },
  {
    name: "G %25 as customer_id (Prism decodes twice)",
    field: "customer_id",
    method: "POST",
    path: "/public/v3/customers/%25/token",
    auth: "bearer",
    status: 400,
  },
  {
    name: "G %ZZ in the consent screen",
    field: "bank_slug",
    method: "POST",
    path: "/public/v3/webflow/banks/%ZZ/consent",
    auth: "appUser",
    body: "{}",
    status: 400,
  },
  {
    name: "G %ZZ in the bank flow",
    field: "bank_slug",
    method: "POST",
    path: "/public/v3/webflow/banks/%ZZ/redirect?url=https://a.test/",
    auth: "appUser",
    status: 400,
  },
  {
    name: "G %ZZ in a customer's accounts",
    field: "customer_id",
    method: "GET",
    path: "/public/v3/customers/%ZZ/accounts",
    auth: "bearer",
    status: 400,
  },
  { name: "G control bank %ZZ", field: "consent_id", method: "GET", path: "/_sandbox/bank/%ZZ", status: 400 },
  { name: "G control bank %E0%A4%A", field: "consent_id", method: "GET", path: "/_sandbox/bank/%E0%A4%A", status: 400 },
  { name: "G control logo %ZZ", field: "bank_slug", method: "GET", path: "/_sandbox/banks/%ZZ/logo.svg", status: 400 },
  {
    name: "G control invitation %",
    field: "invitation_id",
    method: "GET",
    path: "/_sandbox/invitations/%",
    status: 400,
  },
  // H: long slugs.
  {
    name: "H 15,000-character slug",
    method: "GET",
    path: `/public/v3/webflow/banks/${"a".repeat(15_000)}/consent/status`,
    auth: "appUser",
    status: 404,
  },
  {
    name: "H 70,000-character slug",
    method: "GET",
    path: `/public/v3/webflow/banks/${"a".repeat(70_000)}/consent/status`,
    auth: "appUser",
    status: 431,
  },
  // I: content types.
  ...["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml"].flatMap(
    (type) => [
      {
        name: `I ${type}, customers`,
        method: "POST",
        path: "/public/v3/customers",
        headers: { "content-type": type },
        auth: "bearer" as const,
        body: "user_reference=x",
        status: 400,
      },
    ],
  ),
  {
    name: "I form-urlencoded, token",
    method: "POST",
    path: "/oauth/v2/token",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: "grant_type=client_credentials",
    status: 400,
  },
  // J: methods.
  { name: "J PATCH customers", method: "PATCH", path: "/public/v3/customers", auth: "bearer", body: "{}", status: 405 },
  { name: "J PUT customers", method: "PUT", path: "/public/v3/customers", auth: "bearer", body: "{}", status: 405 },
  { name: "J TRACE customers", method: "TRACE", path: "/public/v3/customers", status: 405 },
  { name: "J TRACE control reset", method: "TRACE", path: "/_sandbox/reset", status: 405 },
  {
    name: "J HEAD consent status",
    method: "HEAD",
    path: "/public/v3/webflow/banks/barclays/consent/status",
    auth: "appUser",
    status: 405,
  },
  // L: the control API's wrong fields, list parameters.
  ...[
    '{"customer_id":{},"bank_slug":"barclays","status":"Authorised"}',
    '{"customer_id":"CUSTOMER","bank_slug":123,"status":"Authorised"}',
    '{"customer_id":"CUSTOMER","bank_slug":"barclays","status":"authorised"}',
    "{}",
  ].map(
    (body): BadInput => ({
      name: `L control consents ${body}`,
      method: "POST",
      path: "/_sandbox/consents",
      body,
      status: 400,
    }),
  ),
  {
    name: "L control consents, unknown customer",
    method: "POST",
    path: "/_sandbox/consents",
    body: '{"customer_id":"999999","bank_slug":"barclays","status":"Authorised"}',
    status: 404,
  },
  {
    name: "L control webhooks, webhook_type FOO",
    method: "POST",
    path: "/_sandbox/webhooks",
    body: '{"webhook_type":"FOO","customer_id":1}',
    status: 400,
  },
  {
    name: "L bank flow url not a URL",
    method: "POST",
    path: "/public/v3/webflow/banks/barclays/redirect?url=not%20a%20url",
    auth: "appUser",
    status: 400,
  },
  ...["page=0", "page=-1", "page=abc", "max_per_page=0", "max_per_page=1.5", "page=1e400"].map(
    (query): BadInput => ({
      name: `L invitations?${query}`,
      method: "GET",
      path: `/public/v3/invitations?${query}`,
      auth: "bearer",
      status: 400,
    }),
  ),
];
