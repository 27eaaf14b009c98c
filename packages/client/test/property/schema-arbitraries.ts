/**
 * fast-check arbitraries derived from the spec's JSON schemas: valid values, and invalid request bodies that each
 * break exactly one field in one known way (so a test can expect that field, and only it, to be named).
 *
 * Covers the subset of JSON Schema the spec uses and throws on any other keyword, so a new spec feature fails the
 * property tests loudly instead of being generated wrongly.
 */
import fc from "fast-check";

// biome-ignore lint/suspicious/noExplicitAny: schemas are untyped YAML.
export type Schema = Record<string, any>;

/** Body values the arbitraries know how to break, with what must then be reported. */
export type Breakage = "missing required field" | "wrong type" | "value not in enum" | "bad email";
export interface InvalidBody {
  body: Record<string, unknown>;
  /** The top-level property the server must name. */
  field: string;
  breakage: Breakage;
}

const ANNOTATIONS = new Set(["description", "title", "examples", "example", "deprecated", "default", "$comment"]);
const KEYWORDS = new Set([
  "$ref",
  "type",
  "enum",
  "const",
  "anyOf",
  "format",
  "minLength",
  "maxLength",
  "minimum",
  "maximum",
  "items",
  "minItems",
  "maxItems",
  "properties",
  "required",
  "additionalProperties",
]);
const JSON_TYPES = ["string", "integer", "number", "boolean", "null", "object", "array"] as const;
type JsonType = (typeof JSON_TYPES)[number];

export class SchemaArbitraries {
  constructor(private readonly spec: Schema) {}

  /** The schema behind a `$ref` (local JSON pointers only, as in the spec). */
  resolve(schema: Schema): Schema {
    let current = schema;
    while (typeof current.$ref === "string") {
      const ref: string = current.$ref;
      if (!ref.startsWith("#/")) throw new Error(`unsupported $ref ${ref}`);
      current = ref
        .slice(2)
        .split("/")
        .map((key) => key.replaceAll("~1", "/").replaceAll("~0", "~"))
        .reduce((at: Schema, key) => at?.[key], this.spec);
      if (!current) throw new Error(`unresolvable $ref ${ref}`);
    }
    return current;
  }

  /** Any value the schema accepts. Objects get every required property and any subset of the optional ones. */
  valid(input: Schema): fc.Arbitrary<unknown> {
    const schema = this.resolve(input);
    checkKeywords(schema);
    if ("const" in schema) return fc.constant(schema.const);
    if (Array.isArray(schema.enum)) return fc.constantFrom(...schema.enum);
    if (Array.isArray(schema.anyOf)) return fc.oneof(...schema.anyOf.map((branch: Schema) => this.valid(branch)));
    if (Array.isArray(schema.type))
      return fc.oneof(...schema.type.map((type: string) => this.valid({ ...schema, type })));
    switch (schema.type as JsonType | undefined) {
      case "string":
        return stringFor(schema);
      case "integer":
        return fc.integer({
          min: schema.minimum ?? Number.MIN_SAFE_INTEGER,
          max: schema.maximum ?? Number.MAX_SAFE_INTEGER,
        });
      case "number":
        // -0 would come back as 0 from JSON, so it is not a value a body can carry.
        return fc
          .double({ noNaN: true, noDefaultInfinity: true, min: schema.minimum, max: schema.maximum })
          .map((n) => (Object.is(n, -0) ? 0 : n));
      case "boolean":
        return fc.boolean();
      case "null":
        return fc.constant(null);
      case "array":
        return fc.array(this.valid(schema.items ?? {}), {
          minLength: schema.minItems,
          maxLength: schema.maxItems ?? 5,
        });
      case "object": {
        const properties: Record<string, Schema> = schema.properties ?? {};
        const model = Object.fromEntries(Object.entries(properties).map(([key, sub]) => [key, this.valid(sub)]));
        return fc.record(model, { requiredKeys: schema.required ?? [] });
      }
      default:
        throw new Error(`unsupported schema without a known type: ${JSON.stringify(schema)}`);
    }
  }

  /** The JSON types a value of this schema may have. */
  types(input: Schema): Set<JsonType> {
    const schema = this.resolve(input);
    if ("const" in schema) return new Set([jsonType(schema.const)]);
    if (Array.isArray(schema.enum)) return new Set(schema.enum.map(jsonType));
    if (Array.isArray(schema.anyOf)) return new Set(schema.anyOf.flatMap((b: Schema) => [...this.types(b)]));
    const declared: JsonType[] = Array.isArray(schema.type) ? schema.type : [schema.type];
    // An integer is a number, so "number" admits integers too.
    return new Set(declared.flatMap((type) => (type === "number" ? ["number", "integer"] : [type])) as JsonType[]);
  }

  /** Request bodies that break one top-level field of an object schema, in every way the schema allows. */
  invalid(input: Schema): fc.Arbitrary<InvalidBody> {
    const schema = this.resolve(input);
    if (schema.type !== "object") throw new Error("invalid bodies are generated for object schemas only");
    const valid = this.valid(schema) as fc.Arbitrary<Record<string, unknown>>;
    const breakages: fc.Arbitrary<InvalidBody>[] = [];
    const set = (field: string, breakage: Breakage, value: fc.Arbitrary<unknown>) =>
      fc.tuple(valid, value).map(([body, bad]) => ({ body: { ...body, [field]: bad }, field, breakage }));

    for (const field of (schema.required ?? []) as string[]) {
      breakages.push(
        valid.map((body) => {
          const { [field]: _dropped, ...rest } = body;
          return { body: rest, field, breakage: "missing required field" as const };
        }),
      );
    }
    for (const [field, raw] of Object.entries<Schema>(schema.properties ?? {})) {
      const property = this.resolve(raw);
      const allowed = this.types(property);
      const wrong = JSON_TYPES.filter((type) => !allowed.has(type) && !(type === "integer" && allowed.has("number")));
      breakages.push(set(field, "wrong type", fc.oneof(...wrong.map(anyValueOfType))));
      if (Array.isArray(property.enum) && allowed.size === 1 && allowed.has("string")) {
        const known: unknown[] = property.enum;
        breakages.push(
          set(
            field,
            "value not in enum",
            fc.string({ unit: "binary" }).filter((s) => !known.includes(s)),
          ),
        );
      }
      if (property.format === "email") breakages.push(set(field, "bad email", badEmail));
    }
    return fc.oneof(...breakages);
  }
}

function checkKeywords(schema: Schema): void {
  for (const keyword of Object.keys(schema)) {
    if (!KEYWORDS.has(keyword) && !ANNOTATIONS.has(keyword) && !keyword.startsWith("x-")) {
      throw new Error(`schema-arbitraries does not support "${keyword}" yet (in ${JSON.stringify(schema)})`);
    }
  }
}

function stringFor(schema: Schema): fc.Arbitrary<string> {
  const length = { minLength: schema.minLength, maxLength: schema.maxLength };
  switch (schema.format) {
    case undefined:
      // Any code point, not just ASCII: the client must pass every string through unchanged.
      return fc.string({ unit: "binary", ...length });
    case "email":
      return fc.emailAddress();
    case "uri":
      return fc.webUrl();
    default:
      throw new Error(`schema-arbitraries does not support string format "${schema.format}" yet`);
  }
}

function jsonType(value: unknown): JsonType {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value as JsonType;
}

function anyValueOfType(type: JsonType): fc.Arbitrary<unknown> {
  switch (type) {
    case "string":
      return fc.string({ unit: "binary" });
    case "integer":
      return fc.integer();
    case "number":
      return fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Number.isInteger(n));
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "object":
      return fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 3 });
    case "array":
      return fc.array(fc.jsonValue(), { maxLength: 3 });
  }
}

/** Strings no definition of an email address accepts: no `@`, nothing before or after it, or a space in it. */
const badEmail: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: "binary" }).filter((s) => !s.includes("@")),
  fc.emailAddress().map((email) => email.replace("@", "")),
  fc.emailAddress().map((email) => `${email.split("@")[0]}@`),
  fc.emailAddress().map((email) => `@${email.split("@")[1]}`),
  fc.emailAddress().map((email) => email.replace("@", " @")),
);
