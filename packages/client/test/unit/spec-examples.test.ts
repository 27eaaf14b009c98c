/**
 * Every named example in the spec validates against the schema it illustrates (JSON Schema 2020-12, as
 * OpenAPI 3.1 uses), so Prism serves, and the docs show, only bodies the API can really send.
 */
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { describe, expect, test } from "vitest";
import { spec } from "../support/spec";

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema(spec, "spec");

// biome-ignore lint/suspicious/noExplicitAny: walking untyped YAML.
type Node = any;

function deref(node: Node): Node {
  if (typeof node?.$ref === "string" && node.$ref.startsWith("#/")) {
    return node.$ref
      .slice(2)
      .split("/")
      .reduce((at: Node, key: string) => at?.[key], spec);
  }
  return node;
}

/** Every media type of every request body and response in the spec (paths and webhooks), with where it is. */
function mediaObjects(): { where: string; media: Node }[] {
  const found: { where: string; media: Node }[] = [];
  const pathItems = [
    ...Object.entries<Node>(spec.paths),
    ...Object.entries<Node>(spec.webhooks ?? {}).map(([name, item]) => [`webhook ${name}`, item] as const),
  ];
  for (const [path, item] of pathItems) {
    for (const [method, rawOperation] of Object.entries<Node>(item)) {
      const operation = deref(rawOperation);
      const bodies: [string, Node][] = Object.entries<Node>(operation?.responses ?? {}).map(([s, r]) => [s, deref(r)]);
      if (operation?.requestBody) bodies.push(["request", deref(operation.requestBody)]);
      for (const [label, body] of bodies) {
        for (const [mediaType, media] of Object.entries<Node>(body?.content ?? {})) {
          found.push({ where: `${method.toUpperCase()} ${path} ${label} ${mediaType}`, media });
        }
      }
    }
  }
  return found;
}

const uses = mediaObjects().flatMap(({ where, media }) =>
  Object.entries<Node>(media.examples ?? {}).map(([name, ref]) => ({
    where: `${where} example "${name}"`,
    exampleRef: ref.$ref as string,
    schema: media.schema,
  })),
);

describe("spec examples", () => {
  test("every request body and every response has at least one named example", () => {
    expect(uses.length).toBeGreaterThan(0);
    const missing = mediaObjects()
      .filter(({ media }) => Object.keys(media.examples ?? {}).length === 0)
      .map(({ where }) => where);
    expect(missing).toEqual([]);
  });

  test.each(uses.map((use) => [use.where, use] as const))("%s validates", (_where, use) => {
    const example = deref({ $ref: use.exampleRef });
    expect(example, `unresolvable ${use.exampleRef}`).toBeDefined();
    const validate = ajv.compile(toSpecRefs(use.schema) as object);
    const valid = validate(example.value);
    expect(validate.errors ?? [], JSON.stringify(example.value)).toEqual([]);
    expect(valid).toBe(true);
  });

  test("the webhooks section is covered: one request-body example per documented webhook type", () => {
    const webhookUses = uses.filter((use) => use.where.startsWith("POST webhook "));
    expect(webhookUses.map((use) => use.where.split(" ")[2]).sort()).toEqual([
      "ACCOUNT_AUTHORIZATION_GRANTED",
      "ACCOUNT_AUTHORIZATION_LOST",
      "NEW_EVENT",
      "REPORT_AVAILABLE",
      "REPORT_UPDATED",
    ]);
  });

  test("the validator is not vacuous: a webhook with a string customer_id fails", () => {
    const validate = ajv.compile(toSpecRefs(spec.components.schemas.ReportAvailableWebhook) as object);
    const docsExample = structuredClone(spec.components.examples.ReportAvailableWebhook.value);
    expect(validate(docsExample)).toBe(true);
    docsExample.customer_id = "123";
    expect(validate(docsExample)).toBe(false);
  });

  test("the validator is not vacuous: the docs' consent example fails with a string timestamp", () => {
    const schema = spec.components.schemas.ConsentStatus;
    const validate = ajv.compile(toSpecRefs(schema) as object);
    const docsExample = structuredClone(spec.components.examples.AwaitingAuthorisationFromDocs.value);
    expect(validate(docsExample)).toBe(true);
    docsExample.creation_date_time = "1642076018";
    expect(validate(docsExample)).toBe(false);
  });
});

/** Rewrites local `#/...` refs so they resolve inside the spec registered as "spec". */
function toSpecRefs(schema: unknown): unknown {
  return JSON.parse(JSON.stringify(schema), (key, value) =>
    key === "$ref" && typeof value === "string" && value.startsWith("#/") ? `spec${value}` : value,
  );
}
