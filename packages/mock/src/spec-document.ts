/** The parts of an OpenAPI 3.1 document the mock reads. Schemas stay opaque: ajv interprets them. */
export type Schema = Record<string, unknown>;
export type Ref = { $ref: string };

export interface MediaType {
  schema?: Schema;
  examples?: Record<string, Ref | { value: unknown }>;
}

export interface ResponseObject {
  description?: string;
  headers?: Record<string, Ref | HeaderObject>;
  content?: Record<string, MediaType>;
}

export interface HeaderObject {
  schema?: Schema;
  example?: unknown;
}

export interface ParameterObject {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  schema?: Schema;
}

export type SecurityRequirement = Record<string, string[]>;

export interface OperationObject {
  operationId?: string;
  security?: SecurityRequirement[];
  parameters?: (Ref | ParameterObject)[];
  requestBody?: Ref | { required?: boolean; content?: Record<string, MediaType> };
  responses?: Record<string, Ref | ResponseObject>;
}

export interface SecurityScheme {
  type: "http" | "apiKey" | "oauth2" | "openIdConnect" | "mutualTLS";
  scheme?: string;
  in?: string;
  name?: string;
}

export interface SpecDocument {
  security?: SecurityRequirement[];
  paths: Record<string, Record<string, unknown>>;
  webhooks?: Record<string, Record<string, unknown>>;
  components: {
    schemas?: Record<string, Schema>;
    examples?: Record<string, { value: unknown }>;
    securitySchemes?: Record<string, SecurityScheme>;
    [section: string]: unknown;
  };
  [key: string]: unknown;
}
