// GENERATED from spec/flows/sandbox-control.openapi.yaml by scripts/bundle-spec.mjs. Do not edit: run `pnpm --filter @planky-kit/mock generate`.
import type { Schema } from "../spec-document";

/** The operationId of every operation of the sandbox's control API. */
export type ControlOperationId = "setSandboxConsent" | "sendSandboxWebhook" | "listSandboxDeliveries" | "sandboxHealth" | "resetSandbox" | "sandboxBankDecision" | "sandboxReturnPage" | "sandboxReceiver" | "listSandboxFaults" | "armSandboxFault" | "clearSandboxFaults" | "addSandboxTransactions" | "bookSandboxTransactions" | "removeSandboxTransactions" | "listSandboxWebhookFaults" | "armSandboxWebhookFault" | "clearSandboxWebhookFaults" | "readSandboxClock" | "moveSandboxClock" | "getSandboxInvitation" | "getSandboxBankLogo";

export interface ControlOperation {
  id: ControlOperationId;
  /** Upper case, e.g. `POST`. */
  method: string;
  /** The path template, e.g. `/_sandbox/bank/{consent_id}`. */
  path: string;
  summary: string;
  /** The JSON request body's schema, when the operation takes one. */
  body?: { schema: Schema; required: boolean };
}

/** Every operation of the control API's spec, in the spec's order: what the sandbox routes and checks. */
export const controlOperations: ControlOperation[] = [
  {
    "id": "setSandboxConsent",
    "method": "POST",
    "path": "/_sandbox/consents",
    "summary": "Set a consent's status",
    "body": {
      "schema": {
        "type": "object",
        "required": [
          "customer_id",
          "bank_slug",
          "status"
        ],
        "properties": {
          "customer_id": {
            "type": [
              "string",
              "integer"
            ],
            "minLength": 1,
            "x-problem": "is required (string)",
            "description": "The customer's id (as the REST API or a webhook writes it)."
          },
          "bank_slug": {
            "type": "string",
            "minLength": 1,
            "x-problem": "is required (string), e.g. barclays",
            "description": "The bank, e.g. `barclays`."
          },
          "status": {
            "type": "string",
            "enum": [
              "Authorised",
              "AwaitingAuthorisation",
              "Rejected",
              "Revoked"
            ],
            "description": "The new status."
          }
        }
      },
      "required": true
    }
  },
  {
    "id": "sendSandboxWebhook",
    "method": "POST",
    "path": "/_sandbox/webhooks",
    "summary": "Deliver one webhook now",
    "body": {
      "schema": {
        "type": "object",
        "required": [
          "webhook_type",
          "customer_id"
        ],
        "properties": {
          "webhook_type": {
            "type": "string",
            "enum": [
              "ACCOUNT_AUTHORIZATION_GRANTED",
              "ACCOUNT_AUTHORIZATION_LOST",
              "REPORT_AVAILABLE",
              "REPORT_UPDATED",
              "NEW_EVENT"
            ],
            "description": "Which webhook to send."
          },
          "customer_id": {
            "type": [
              "string",
              "integer"
            ],
            "minLength": 1,
            "x-problem": "is required",
            "description": "A known customer's id."
          }
        },
        "additionalProperties": true
      },
      "required": true
    }
  },
  {
    "id": "listSandboxDeliveries",
    "method": "GET",
    "path": "/_sandbox/webhooks/deliveries",
    "summary": "List webhook deliveries"
  },
  {
    "id": "sandboxHealth",
    "method": "GET",
    "path": "/_sandbox/health",
    "summary": "Readiness"
  },
  {
    "id": "resetSandbox",
    "method": "POST",
    "path": "/_sandbox/reset",
    "summary": "Forget everything, or one client id's partition",
    "body": {
      "schema": {
        "type": "object",
        "properties": {
          "client_id": {
            "type": "string",
            "x-problem": "must be a string",
            "description": "The partition to forget (or `?client_id=`)."
          }
        }
      },
      "required": false
    }
  },
  {
    "id": "sandboxBankDecision",
    "method": "GET",
    "path": "/_sandbox/bank/{consent_id}",
    "summary": "The simulated bank a bank flow URL points at"
  },
  {
    "id": "sandboxReturnPage",
    "method": "GET",
    "path": "/_sandbox/return",
    "summary": "A return page that echoes what the bank sent back"
  },
  {
    "id": "sandboxReceiver",
    "method": "POST",
    "path": "/_sandbox/receiver",
    "summary": "A webhook receiver that accepts anything"
  },
  {
    "id": "listSandboxFaults",
    "method": "GET",
    "path": "/_sandbox/faults",
    "summary": "The armed faults"
  },
  {
    "id": "armSandboxFault",
    "method": "POST",
    "path": "/_sandbox/faults",
    "summary": "Make the next calls of an operation fail",
    "body": {
      "schema": {
        "type": "object",
        "required": [
          "operation_id"
        ],
        "additionalProperties": false,
        "properties": {
          "client_id": {
            "type": "string",
            "x-problem": "must be a string",
            "description": "Only calls made with this client id's credentials. Default: anyone's."
          },
          "operation_id": {
            "type": "string",
            "x-problem": "must be the operationId of an operation of the spec, e.g. createCustomer",
            "description": "The `operationId` of an operation of Planky's API (spec/openapi.yaml), e.g. `createInvitation`."
          },
          "status": {
            "type": "integer",
            "description": "The answer's status: one the spec declares for the operation. Required unless `delay_ms` or `drop_connection` is given."
          },
          "headers": {
            "type": "object",
            "additionalProperties": {
              "type": "string"
            },
            "x-problem": "must be an object of header name → string value",
            "description": "Headers of the answer, e.g. `{ \"retry-after\": \"1\" }` (needs `status`)."
          },
          "body": {
            "description": "The answer's body (needs `status`); it must match the status's schema."
          },
          "delay_ms": {
            "type": "integer",
            "minimum": 0,
            "maximum": 120000,
            "x-problem": "must be a whole number of milliseconds from 0 to 120000",
            "description": "Answer this much later; alone, the normal answer comes late."
          },
          "drop_connection": {
            "type": "boolean",
            "x-problem": "must be true or false",
            "description": "`true`: close the connection without an answer (not with `status` or `body`)."
          },
          "times": {
            "type": "integer",
            "minimum": 1,
            "x-problem": "must be a whole number ≥ 1",
            "default": 1,
            "description": "How many calls the fault applies to."
          }
        }
      },
      "required": true
    }
  },
  {
    "id": "clearSandboxFaults",
    "method": "DELETE",
    "path": "/_sandbox/faults",
    "summary": "Disarm the faults"
  },
  {
    "id": "addSandboxTransactions",
    "method": "POST",
    "path": "/_sandbox/transactions",
    "summary": "Add transactions to a bank feed",
    "body": {
      "schema": {
        "type": "object",
        "required": [
          "customer_id",
          "bank_slug"
        ],
        "properties": {
          "customer_id": {
            "type": [
              "string",
              "integer"
            ],
            "minLength": 1,
            "x-problem": "is required (string)",
            "description": "The customer's id."
          },
          "bank_slug": {
            "type": "string",
            "minLength": 1,
            "x-problem": "is required (string), e.g. barclays",
            "description": "The bank of an authorised consent, e.g. `barclays`."
          },
          "count": {
            "type": "integer",
            "minimum": 1,
            "maximum": 100000,
            "x-problem": "must be a whole number from 1 to 100000",
            "default": 1,
            "description": "How many transactions to add."
          },
          "status": {
            "type": "string",
            "enum": [
              "Booked",
              "Pending"
            ],
            "x-problem": "must be \"Booked\" or \"Pending\"",
            "default": "Booked",
            "description": "The new transactions' `status` (Planky's Transaction: \"Allowed:(Booked, Pending)\"). Pending ones become Booked with `POST /_sandbox/transactions/book`."
          }
        }
      },
      "required": true
    }
  },
  {
    "id": "bookSandboxTransactions",
    "method": "POST",
    "path": "/_sandbox/transactions/book",
    "summary": "Book a customer's Pending transactions",
    "body": {
      "schema": {
        "type": "object",
        "required": [
          "customer_id"
        ],
        "additionalProperties": false,
        "properties": {
          "customer_id": {
            "type": [
              "string",
              "integer"
            ],
            "minLength": 1,
            "x-problem": "is required (string)",
            "description": "The customer's id."
          },
          "keep_ids": {
            "type": "boolean",
            "default": false,
            "x-problem": "must be true or false",
            "description": "`true`: each transaction keeps its `id`. Default: each gets a new `id`."
          }
        }
      },
      "required": true
    }
  },
  {
    "id": "removeSandboxTransactions",
    "method": "POST",
    "path": "/_sandbox/transactions/remove",
    "summary": "Remove transactions from a customer's feeds",
    "body": {
      "schema": {
        "type": "object",
        "required": [
          "customer_id",
          "transaction_ids"
        ],
        "additionalProperties": false,
        "properties": {
          "customer_id": {
            "type": [
              "string",
              "integer"
            ],
            "minLength": 1,
            "x-problem": "is required (string)",
            "description": "The customer's id."
          },
          "transaction_ids": {
            "type": "array",
            "minItems": 1,
            "maxItems": 100000,
            "items": {
              "type": "string",
              "minLength": 1
            },
            "x-problem": "must be a non-empty array of transaction ids (strings)",
            "description": "The `id`s of the transactions to remove."
          }
        }
      },
      "required": true
    }
  },
  {
    "id": "listSandboxWebhookFaults",
    "method": "GET",
    "path": "/_sandbox/faults/webhooks",
    "summary": "The armed webhook faults"
  },
  {
    "id": "armSandboxWebhookFault",
    "method": "POST",
    "path": "/_sandbox/faults/webhooks",
    "summary": "Repeat or hold back the next webhooks",
    "body": {
      "schema": {
        "type": "object",
        "additionalProperties": false,
        "properties": {
          "client_id": {
            "type": "string",
            "x-problem": "must be a string",
            "description": "Only webhooks of this client id's partition. Default: any partition's."
          },
          "webhook_type": {
            "type": "string",
            "enum": [
              "REPORT_AVAILABLE",
              "REPORT_UPDATED",
              "ACCOUNT_AUTHORIZATION_GRANTED",
              "ACCOUNT_AUTHORIZATION_LOST",
              "NEW_EVENT"
            ],
            "x-problem": "must be a webhook type of Planky's spec, e.g. REPORT_UPDATED",
            "description": "Only webhooks of this type, e.g. `REPORT_UPDATED`. Default: any."
          },
          "repeat": {
            "type": "integer",
            "minimum": 0,
            "maximum": 10,
            "default": 0,
            "x-problem": "must be a whole number from 0 to 10",
            "description": "How many extra copies of each delivery to send."
          },
          "delay_ms": {
            "type": "integer",
            "minimum": 0,
            "maximum": 60000,
            "default": 0,
            "x-problem": "must be a whole number of milliseconds from 0 to 60000",
            "description": "How long to hold each delivery (and its copies) back."
          },
          "times": {
            "type": "integer",
            "minimum": 1,
            "default": 1,
            "x-problem": "must be a whole number ≥ 1",
            "description": "How many webhooks the fault applies to."
          }
        }
      },
      "required": true
    }
  },
  {
    "id": "clearSandboxWebhookFaults",
    "method": "DELETE",
    "path": "/_sandbox/faults/webhooks",
    "summary": "Disarm the webhook faults"
  },
  {
    "id": "readSandboxClock",
    "method": "GET",
    "path": "/_sandbox/clock",
    "summary": "Read the sandbox clocks"
  },
  {
    "id": "moveSandboxClock",
    "method": "POST",
    "path": "/_sandbox/clock",
    "summary": "Move a sandbox clock forward",
    "body": {
      "schema": {
        "type": "object",
        "required": [
          "advance_days"
        ],
        "properties": {
          "advance_days": {
            "type": "number",
            "exclusiveMinimum": 0,
            "maximum": 3650,
            "x-problem": "must be a number of days from 0 to 3650",
            "description": "How many days forward (fractions allowed)."
          },
          "client_id": {
            "type": "string",
            "x-problem": "must be a string",
            "description": "The partition whose clock moves (or `?client_id=`)."
          }
        }
      },
      "required": true
    }
  },
  {
    "id": "getSandboxInvitation",
    "method": "GET",
    "path": "/_sandbox/invitations/{invitation_id}",
    "summary": "The invitation an invitation's `url` points at"
  },
  {
    "id": "getSandboxBankLogo",
    "method": "GET",
    "path": "/_sandbox/banks/{bank_slug}/logo.svg",
    "summary": "A sandbox bank's logo"
  }
];
