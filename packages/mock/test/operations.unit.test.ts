/**
 * The spec's operations as the mock reads them (`operations`, `operation`, `deref`, `examplesOf`), compared with
 * the spec file itself: every operation once, its method, auth, parameters, body and responses resolved.
 */
import { readFileSync } from "node:fs";
import { specPath } from "@planky-kit/spec/path";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { deref, examplesOf, jsonMedia, operation, operations } from "../src/operations";

const spec = parse(readFileSync(specPath, "utf8"));
const HTTP_METHODS = ["get", "put", "post", "delete", "patch", "head", "options"];

describe("operations", () => {
  test("one entry per operation of the spec file, with its method in capitals and its path", () => {
    const expected = Object.entries(spec.paths as Record<string, Record<string, { operationId: string }>>)
      .flatMap(([path, item]) =>
        Object.entries(item)
          .filter(([method]) => HTTP_METHODS.includes(method))
          .map(([method, op]) => `${method.toUpperCase()} ${path} ${op.operationId}`),
      )
      .sort();
    expect(operations.map((op) => `${op.method} ${op.path} ${op.id}`).sort()).toEqual(expected);
  });

  test("a required body is required; an optional one is not; none is undefined", () => {
    expect(operation("createInvitation").requestBody?.required).toBe(true);
    expect(operation("createConsentScreen").requestBody?.required).toBe(false);
    expect(operation("createInvitation").requestBody?.schema).toBeDefined();
    expect(operation("listInvitations").requestBody).toBeUndefined();
  });

  test("security: the operation's own, or none for the token endpoint", () => {
    expect(operation("createAccessToken").security).toEqual([]);
    expect(operation("listInvitations").security).toEqual([{ BearerAuth: [] }]);
    expect(operation("listWebflowBanks").security).toEqual([{ AppUserToken: [] }]);
  });

  test("parameters and responses given as $refs are resolved", () => {
    const list = operation("listInvitations");
    expect(list.parameters.map((p) => `${p.in} ${p.name}`)).toEqual(["query page", "query max_per_page"]);
    expect(Object.keys(list.responses)).toEqual(["200", "400", "401", "403", "429", "500", "503"]);
    for (const response of Object.values(list.responses)) {
      expect(response).not.toHaveProperty("$ref");
      expect(response.description).toBeTypeOf("string");
    }
  });

  test("an unknown operation id names the known ones", () => {
    expect(() => operation("nope" as never)).toThrow(
      `The spec has no operation "nope". Known: ${operations.map((op) => op.id).join(", ")}`,
    );
  });
});

describe("deref", () => {
  test("a local $ref is resolved to the spec's node; anything else is returned as is", () => {
    expect(deref({ $ref: "#/components/examples/UnauthorizedError" })).toEqual(
      spec.components.examples.UnauthorizedError,
    );
    const plain = { description: "plain" };
    expect(deref(plain)).toBe(plain);
    const notARef = { $ref: 42 };
    expect(deref(notARef)).toBe(notARef);
    expect(deref(undefined)).toBeUndefined();
  });

  test("a $ref to nothing is an error naming it", () => {
    expect(() => deref({ $ref: "#/components/examples/Nope" })).toThrow(
      "The bundled spec has no #/components/examples/Nope",
    );
  });
});

describe("examplesOf", () => {
  test("a referenced example is known by its key and by its components name, with the components value", () => {
    const examples = examplesOf(jsonMedia(operation("listInvitations").responses["200"]));
    const last = examples.find((e) => e.names[0] === "LastOfTwoPages");
    expect(last?.names).toEqual(["LastOfTwoPages", "InvitationListLastOfTwo"]);
    expect(last?.value).toEqual(spec.components.examples.InvitationListLastOfTwo.value);
  });

  test("an example whose key is its components name has that one name", () => {
    const examples = examplesOf(jsonMedia(operation("listInvitations").responses["401"]));
    expect(examples.map((e) => e.names)).toEqual([["UnauthorizedError"]]);
  });

  test("an inline example is known by its key; no media means no examples", () => {
    expect(examplesOf({ examples: { Inline: { value: { a: 1 } } } } as never)).toEqual([
      { names: ["Inline"], value: { a: 1 } },
    ]);
    expect(examplesOf(undefined)).toEqual([]);
    expect(jsonMedia(undefined)).toBeUndefined();
  });
});
