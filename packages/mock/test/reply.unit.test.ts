/**
 * What the MSW handlers answer (`resolveReply`): the spec's first 2xx and its first example by default, a named
 * example with its status, a status alone with its declared headers, an override body checked against the spec,
 * and a `MockConfigError` naming the mistake for anything the spec does not allow.
 */
import { describe, expect, test } from "vitest";
import { type MockOperation, operation } from "../src/operations";
import { MockConfigError, resolveReply } from "../src/reply";

const invitations = operation("listInvitations");
const createInvitation = operation("createInvitation");

function configError(run: () => unknown): MockConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof MockConfigError) return error;
    throw error;
  }
  throw new Error("expected a MockConfigError");
}

describe("resolveReply defaults", () => {
  test("no override: the first declared 2xx (200 before 201) with its first example, as JSON", () => {
    const reply = resolveReply(createInvitation);
    expect(reply.status).toBe(200);
    expect(reply.headers.get("content-type")).toBe("application/json");
    expect(reply.body).toEqual(resolveReply(createInvitation, { example: "IndividualInvitation" }).body);
    expect(reply.body).not.toEqual(resolveReply(createInvitation, { example: "BusinessInvitation" }).body);
    expect((reply.body as { json: unknown }).json).toBeTypeOf("object");
  });

  test("a status alone: that status's first example and its declared headers (Retry-After)", () => {
    const reply = resolveReply(invitations, { status: 429 });
    expect(reply.status).toBe(429);
    expect(reply.headers.get("retry-after")).toBe("30");
    expect(reply.headers.get("content-type")).toBe("application/json");
    expect(reply.body).toEqual(resolveReply(invitations, { example: "TooManyRequestsError" }).body);
  });

  test("a status with no example and no body (204) sends no body and no content type", () => {
    const reply = resolveReply(operation("deleteConsent"), { status: 204 });
    expect(reply).toMatchObject({ status: 204, body: undefined });
    expect(reply.headers.get("content-type")).toBeNull();
  });

  test("a declared header without an example is not sent", () => {
    const withHeader: MockOperation = {
      ...invitations,
      responses: {
        ...invitations.responses,
        "200": {
          ...(invitations.responses["200"] as object),
          headers: { "X-Total": { schema: { type: "integer" } } },
        } as never,
      },
    };
    expect(resolveReply(withHeader).headers.has("x-total")).toBe(false);
  });

  test("a status without a Retry-After example sends no Retry-After", () => {
    expect(resolveReply(invitations, { status: 500 }).headers.get("retry-after")).toBeNull();
  });
});

describe("named examples", () => {
  test("a named example picks its status and body, by its key or its components name", () => {
    const byKey = resolveReply(invitations, { example: "LastOfTwoPages" });
    const byComponent = resolveReply(invitations, { example: "InvitationListLastOfTwo" });
    expect(byKey.status).toBe(200);
    expect(byKey.body).toEqual(byComponent.body);
    expect(byKey.body).not.toEqual(resolveReply(invitations).body); // not simply the first example
    const error = resolveReply(invitations, { example: "InvalidMaxPerPageError" });
    expect(error.status).toBe(400);
  });

  test("an example named with a status is looked up under that status only", () => {
    expect(resolveReply(createInvitation, { example: "BusinessInvitation", status: 201 }).status).toBe(201);
    const error = configError(() => resolveReply(createInvitation, { example: "BusinessInvitation", status: 400 }));
    expect(error.message).toBe(
      `createInvitation has no response example "BusinessInvitation" for status 400. Known: ${[
        "200 IndividualInvitation",
        "200 BusinessInvitation",
        "201 IndividualInvitation",
        "201 BusinessInvitation",
        "400 MissingEmailError",
        "400 MissingReferenceError",
        "401 UnauthorizedError",
        "403 ForbiddenError",
        "429 TooManyRequestsError",
        "500 InternalServerError",
        "503 ServiceUnavailableError",
      ].join(", ")}`,
    );
  });

  test("an unknown example is a MockConfigError listing the known ones", () => {
    const error = configError(() => resolveReply(invitations, { example: "Nope" }));
    expect(error.name).toBe("MockConfigError");
    expect(error.message).toMatch(/^listInvitations has no response example "Nope"\. Known: 200 SinglePage, /);
  });
});

describe("statuses", () => {
  test.each([199, 600, 200.5, Number.NaN])("status %s is a MockConfigError saying what is allowed", (status) => {
    expect(configError(() => resolveReply(invitations, { status })).message).toBe(
      `listInvitations: status must be a whole number from 200 to 599, got ${status}`,
    );
  });

  test.each([200, 599])("status %s is allowed (the bounds)", (status) => {
    expect(resolveReply(invitations, { status }).status).toBe(status);
  });

  test("an undeclared status sends no example body", () => {
    expect(resolveReply(invitations, { status: 418 })).toMatchObject({ status: 418, body: undefined });
  });

  test("a status covered by a declared range (4XX) takes the range's example and headers", () => {
    const ranged: MockOperation = {
      ...invitations,
      responses: {
        "200": invitations.responses["200"] as never,
        "4XX": { ...(invitations.responses["429"] as object), description: "any client error" } as never,
      },
    };
    const reply = resolveReply(ranged, { status: 418 });
    expect(reply.headers.get("retry-after")).toBe("30");
    expect(reply.body).toEqual(resolveReply(invitations, { status: 429 }).body);
  });

  test("an operation that declares no 2xx needs a status", () => {
    const errorsOnly: MockOperation = { ...invitations, responses: { "400": invitations.responses["400"] as never } };
    expect(configError(() => resolveReply(errorsOnly)).message).toBe(
      "listInvitations declares no 2xx response; pass a status",
    );
    expect(resolveReply(errorsOnly, { status: 400 }).status).toBe(400);
  });

  test("the default is a 2xx, not another status that merely contains 2xx", () => {
    const odd: MockOperation = {
      ...invitations,
      responses: {
        "1200": invitations.responses["200"] as never,
        "2000": invitations.responses["200"] as never,
        "20X": invitations.responses["200"] as never,
        "204": { description: "no content" } as never,
      },
    };
    expect(resolveReply(odd).status).toBe(204);
  });
});

describe("override bodies", () => {
  test("a body that breaks the spec is a MockConfigError naming each field", () => {
    const error = configError(() =>
      resolveReply(invitations, { body: { data: [{ id: "not-a-number" }], total: "many" } }),
    );
    expect(error.message).toMatch(
      /^listInvitations: the override body does not match the spec's 200 response: .+; .+\. Fix the fixture, or pass validateBody: false to send it anyway\.$/,
    );
    expect(error.message).toContain("data[0]");
    expect(error.problems.length).toBeGreaterThan(1);
  });

  test("a body of the wrong type altogether is reported as (body)", () => {
    const error = configError(() => resolveReply(invitations, { body: "text" }));
    expect(error.message).toContain("response: (body) must be object.");
  });

  test("validateBody: false sends it anyway, as JSON", () => {
    const reply = resolveReply(invitations, { body: "text", validateBody: false });
    expect(reply.body).toEqual({ json: "text" });
    expect(reply.headers.get("content-type")).toBe("application/json");
  });

  test("a valid override body replaces the example", () => {
    const empty = resolveReply(invitations, { example: "NoInvitations" }).body as { json: unknown };
    expect(resolveReply(invitations, { body: empty.json }).body).toEqual(empty);
  });

  test("text is sent as text/plain unless the override's headers say otherwise", () => {
    const html = resolveReply(invitations, { status: 502, text: "<html>Bad gateway</html>" });
    expect(html).toMatchObject({ status: 502, body: { text: "<html>Bad gateway</html>" } });
    expect(html.headers.get("content-type")).toBe("text/plain");
    const typed = resolveReply(invitations, { status: 502, text: "<html/>", headers: { "content-type": "text/html" } });
    expect(typed.headers.get("content-type")).toBe("text/html");
  });

  test("override headers replace declared ones", () => {
    expect(resolveReply(invitations, { status: 429, headers: { "retry-after": "1" } }).headers.get("retry-after")).toBe(
      "1",
    );
  });
});
