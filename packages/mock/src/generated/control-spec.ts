// GENERATED from spec/flows/sandbox-control.openapi.yaml by scripts/bundle-spec.mjs. Do not edit: run `pnpm --filter @planky-kit/mock generate`.
import type { SpecDocument } from "../spec-document";

/** The operationId of every operation of the sandbox's control API. */
export type ControlOperationId = "setSandboxConsent" | "sendSandboxWebhook" | "listSandboxDeliveries" | "sandboxHealth" | "resetSandbox" | "sandboxBankDecision" | "sandboxReturnPage" | "sandboxReceiver" | "armSandboxFault" | "listSandboxFaults" | "clearSandboxFaults" | "addSandboxTransactions" | "moveSandboxClock" | "readSandboxClock" | "getSandboxInvitation" | "getSandboxBankLogo";

// The control API's spec as the sandbox routes and checks it (its `$ref`s into openapi.yaml stay unresolved: only
// answers use them, and the sandbox does not check its own answers).
export const controlSpec = {
  "openapi": "3.1.0",
  "info": {
    "title": "Control API of the @planky-kit/mock sandbox",
    "version": "1.0.0",
    "summary": "Not part of Planky's API. Moves the local sandbox's flow along and triggers its webhooks.",
    "description": "The local sandbox (`npx @planky-kit/mock serve`) answers Planky's API on its origin and this control API under\n`/_sandbox/` on the same origin. It stands in for what the customer and the bank do in the real flow. Described\nhere so that the Arazzo workflow `onboarding.arazzo.yaml` can call it; see `packages/mock/README.md`.\n",
    "license": {
      "name": "MIT",
      "url": "https://opensource.org/license/mit"
    }
  },
  "servers": [
    {
      "url": "http://127.0.0.1:4010",
      "description": "The sandbox as `npx @planky-kit/mock serve --port 4010` starts it."
    }
  ],
  "security": [],
  "tags": [
    {
      "name": "Sandbox",
      "description": "The sandbox's control API."
    }
  ],
  "paths": {
    "/_sandbox/consents": {
      "post": {
        "operationId": "setSandboxConsent",
        "tags": [
          "Sandbox"
        ],
        "summary": "Set a consent's status",
        "description": "Sets (or creates) the status of the customer's consent at one bank and delivers the webhooks the transition implies: the customer's first `Authorised` sends `REPORT_AVAILABLE`; `Authorised` to `Revoked` sends `ACCOUNT_AUTHORIZATION_LOST`.",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
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
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The consent as the consent-status endpoint now returns it, and the deliveries made.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "consent",
                    "deliveries"
                  ],
                  "properties": {
                    "consent": {
                      "$ref": "../openapi.yaml#/components/schemas/ConsentStatus"
                    },
                    "deliveries": {
                      "type": "array",
                      "items": {
                        "$ref": "#/components/schemas/Delivery"
                      }
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          }
        }
      }
    },
    "/_sandbox/webhooks": {
      "post": {
        "operationId": "sendSandboxWebhook",
        "tags": [
          "Sandbox"
        ],
        "summary": "Deliver one webhook now",
        "description": "Delivers one webhook of any type to every registered receiver. Payload fields left out come from the spec's example for that type.",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
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
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The deliveries made.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "deliveries"
                  ],
                  "properties": {
                    "deliveries": {
                      "type": "array",
                      "items": {
                        "$ref": "#/components/schemas/Delivery"
                      }
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          }
        }
      }
    },
    "/_sandbox/webhooks/deliveries": {
      "get": {
        "operationId": "listSandboxDeliveries",
        "tags": [
          "Sandbox"
        ],
        "summary": "List webhook deliveries",
        "description": "Every webhook delivery since the last reset, oldest first, with the receiver's status code. Deliveries run in the background (a receiver never holds up the call that triggered it); one still waiting for its receiver has `pending: true`. With `wait=true` the answer comes once none is pending (each delivery gives up after 5 s).",
        "parameters": [
          {
            "$ref": "#/components/parameters/ClientIdQuery"
          },
          {
            "name": "wait",
            "in": "query",
            "required": false,
            "description": "`true`: first wait until every delivery has its result.",
            "schema": {
              "type": "string",
              "enum": [
                "true",
                "false"
              ]
            }
          }
        ],
        "responses": {
          "200": {
            "description": "The deliveries.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "data"
                  ],
                  "properties": {
                    "data": {
                      "type": "array",
                      "items": {
                        "$ref": "#/components/schemas/Delivery"
                      }
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          }
        }
      }
    },
    "/_sandbox/health": {
      "get": {
        "operationId": "sandboxHealth",
        "tags": [
          "Sandbox"
        ],
        "summary": "Readiness",
        "description": "`200 {\"status\":\"ok\"}` once a request makes the whole trip through Prism to the stateful API and back; otherwise `503` with a `message` saying which part does not answer (e.g. while Prism restarts).",
        "responses": {
          "200": {
            "description": "Ready.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "status"
                  ],
                  "properties": {
                    "status": {
                      "type": "string",
                      "const": "ok"
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "503": {
            "description": "Not ready.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "status",
                    "message"
                  ],
                  "properties": {
                    "status": {
                      "type": "string",
                      "const": "unavailable"
                    },
                    "message": {
                      "type": "string"
                    }
                  }
                }
              }
            }
          }
        }
      }
    },
    "/_sandbox/reset": {
      "post": {
        "operationId": "resetSandbox",
        "tags": [
          "Sandbox"
        ],
        "summary": "Forget everything, or one client id's partition",
        "description": "Forgets customers, tokens, invitations, consents, receivers, deliveries and faults; with `client_id` (in the body or the query) only that client id's partition.",
        "parameters": [
          {
            "$ref": "#/components/parameters/ClientIdQuery"
          }
        ],
        "requestBody": {
          "required": false,
          "content": {
            "application/json": {
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
              "example": {
                "client_id": "ci-7"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "Reset.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "reset"
                  ],
                  "properties": {
                    "reset": {
                      "type": "boolean",
                      "const": true
                    },
                    "client_id": {
                      "type": "string",
                      "x-problem": "must be a string",
                      "description": "The partition forgotten, when one was named."
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          }
        }
      }
    },
    "/_sandbox/bank/{consent_id}": {
      "get": {
        "operationId": "sandboxBankDecision",
        "tags": [
          "Sandbox"
        ],
        "summary": "The simulated bank a bank flow URL points at",
        "description": "Where `createBankFlowUrl`'s `url` leads on the sandbox: the customer \"authorises\" the consent (or, with\n`?result=Rejected`, declines) and is sent back (`302`) to the registered return URL with the query parameters\nPlanky documents: `status`, `message` (on error), `customer_id`, `consent_id`, `state`, `bank_slug`.\n",
        "parameters": [
          {
            "name": "consent_id",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "result",
            "in": "query",
            "required": false,
            "schema": {
              "type": "string",
              "enum": [
                "Authorised",
                "Rejected"
              ]
            }
          }
        ],
        "responses": {
          "200": {
            "description": "What the return URL answers, for a caller that follows the redirect (e.g. the sandbox's `/_sandbox/return` page, which echoes the query parameters).",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "additionalProperties": {
                    "type": "string"
                  }
                }
              }
            }
          },
          "302": {
            "description": "Back to the return URL.",
            "headers": {
              "Location": {
                "description": "The return URL with the documented query parameters.",
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          }
        }
      }
    },
    "/_sandbox/return": {
      "get": {
        "operationId": "sandboxReturnPage",
        "tags": [
          "Sandbox"
        ],
        "summary": "A return page that echoes what the bank sent back",
        "description": "A stand-in for your application's page: register it with `createAllowedRedirectUrl` and pass it to `createBankFlowUrl`, and the simulated bank's redirect lands here; the answer is the query parameters as a JSON object (`400` without any: the page expects the bank's parameters).",
        "responses": {
          "200": {
            "description": "The query parameters the customer came back with.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "additionalProperties": {
                    "type": "string"
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          }
        }
      }
    },
    "/_sandbox/receiver": {
      "post": {
        "operationId": "sandboxReceiver",
        "tags": [
          "Sandbox"
        ],
        "summary": "A webhook receiver that accepts anything",
        "description": "Register this URL with `POST /public/v3/webhooks` to try the flow before you have a receiver.",
        "requestBody": {
          "required": false,
          "description": "Any body; the sandbox does not read it.",
          "content": {
            "application/json": {}
          }
        },
        "responses": {
          "204": {
            "description": "Accepted."
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          }
        }
      }
    },
    "/_sandbox/faults": {
      "post": {
        "operationId": "armSandboxFault",
        "tags": [
          "Sandbox"
        ],
        "summary": "Make the next calls of an operation fail",
        "description": "The next `times` (default 1) calls of one operation of Planky's API answer with the given status (one the spec declares for the operation; the body defaults to the spec's example for that status, and a given body must match its schema), late (`delay_ms`), or not at all (`drop_connection`); then normal answers resume. Faults are applied in front of Prism (a `429` reaches the caller as a `429`, not as Prism's `500`) and are kept in memory only, not in `--state`.",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
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
              "example": {
                "operation_id": "createInvitation",
                "status": 429,
                "headers": {
                  "retry-after": "1"
                },
                "times": 2
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The fault as armed.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "fault"
                  ],
                  "properties": {
                    "fault": {
                      "$ref": "#/components/schemas/Fault"
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          }
        }
      },
      "get": {
        "operationId": "listSandboxFaults",
        "tags": [
          "Sandbox"
        ],
        "summary": "The armed faults",
        "description": "Every armed fault with the calls it still applies to (`remaining`); with `client_id`, that client id's faults and everyone's.",
        "parameters": [
          {
            "$ref": "#/components/parameters/ClientIdQuery"
          }
        ],
        "responses": {
          "200": {
            "description": "The armed faults.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "data"
                  ],
                  "properties": {
                    "data": {
                      "type": "array",
                      "items": {
                        "$ref": "#/components/schemas/Fault"
                      }
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          }
        }
      },
      "delete": {
        "operationId": "clearSandboxFaults",
        "tags": [
          "Sandbox"
        ],
        "summary": "Disarm the faults",
        "description": "Disarms every fault, or with `client_id` that client id's; answers how many.",
        "parameters": [
          {
            "$ref": "#/components/parameters/ClientIdQuery"
          }
        ],
        "responses": {
          "200": {
            "description": "How many faults were disarmed.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "cleared"
                  ],
                  "properties": {
                    "cleared": {
                      "type": "integer",
                      "minimum": 0
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          }
        }
      }
    },
    "/_sandbox/transactions": {
      "post": {
        "operationId": "addSandboxTransactions",
        "tags": [
          "Sandbox"
        ],
        "summary": "Add transactions to a bank feed",
        "description": "Adds `count` new transactions, dated now on the sandbox clock, to the feed of the customer's authorised consent at one bank, and delivers `REPORT_UPDATED`. Past the consent's `consent_reconfirmation_date` the feed does not update (Planky: \"We will not update bank feed data if we do not receive reconfirmation within each 90-day period\"): the answer says so, and nothing is added or sent.",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
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
                  }
                }
              },
              "example": {
                "customer_id": "1001",
                "bank_slug": "barclays",
                "count": 25
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "What was added and the deliveries made (`feed: live`), or, past the reconfirmation date, nothing (`feed: stopped`, with the `reason`).",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "added",
                    "deliveries",
                    "feed"
                  ],
                  "properties": {
                    "added": {
                      "type": "integer",
                      "minimum": 0
                    },
                    "deliveries": {
                      "type": "array",
                      "items": {
                        "$ref": "#/components/schemas/Delivery"
                      }
                    },
                    "feed": {
                      "type": "string",
                      "enum": [
                        "live",
                        "stopped"
                      ]
                    },
                    "reason": {
                      "type": "string",
                      "description": "Why the feed did not update (`feed: stopped` only)."
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "404": {
            "description": "No customer with that id, or no authorised consent at that bank.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          }
        }
      }
    },
    "/_sandbox/clock": {
      "post": {
        "operationId": "moveSandboxClock",
        "tags": [
          "Sandbox"
        ],
        "summary": "Move a sandbox clock forward",
        "description": "Moves the sandbox clock of one client id's partition (without `client_id`: of every partition that exists now) forward. The clock drives consent reconfirmation dates and the synthetic data's dates, not token expiry. Answers the clocks as `GET /_sandbox/clock` does.",
        "parameters": [
          {
            "$ref": "#/components/parameters/ClientIdQuery"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
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
              "example": {
                "advance_days": 91,
                "client_id": "ci-1"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The clocks after the move.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Clocks"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "404": {
            "description": "No partition for that client id.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          }
        }
      },
      "get": {
        "operationId": "readSandboxClock",
        "tags": [
          "Sandbox"
        ],
        "summary": "Read the sandbox clocks",
        "description": "Each partition's clock (with `client_id`, that partition's).",
        "parameters": [
          {
            "$ref": "#/components/parameters/ClientIdQuery"
          }
        ],
        "responses": {
          "200": {
            "description": "The clocks.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Clocks"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          }
        }
      }
    },
    "/_sandbox/invitations/{id}": {
      "get": {
        "operationId": "getSandboxInvitation",
        "tags": [
          "Sandbox"
        ],
        "summary": "The invitation an invitation's `url` points at",
        "description": "Where `createInvitation`'s `url` leads on the sandbox: the invitation as `createInvitation` answered it (Planky's own invitation page is not documented; the sandbox shows the record instead).",
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "The invitation.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "../openapi.yaml#/components/schemas/Invitation"
                }
              }
            }
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          }
        }
      }
    },
    "/_sandbox/banks/{bank_slug}/logo.svg": {
      "get": {
        "operationId": "getSandboxBankLogo",
        "tags": [
          "Sandbox"
        ],
        "summary": "A sandbox bank's logo",
        "description": "The logo the sandbox's bank list (`listWebflowBanks`) links to, drawn by the sandbox.",
        "parameters": [
          {
            "name": "bank_slug",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "The logo.",
            "content": {
              "image/svg+xml": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          }
        }
      }
    }
  },
  "components": {
    "parameters": {
      "ClientIdQuery": {
        "name": "client_id",
        "in": "query",
        "required": false,
        "description": "Only this client id's partition (the client id of the credentials its calls were made with).",
        "schema": {
          "type": "string"
        }
      }
    },
    "schemas": {
      "Delivery": {
        "type": "object",
        "required": [
          "id",
          "webhook_type",
          "receiver_id",
          "url",
          "payload",
          "status",
          "delivered_at"
        ],
        "properties": {
          "id": {
            "type": "integer",
            "description": "Delivery id."
          },
          "webhook_type": {
            "type": "string",
            "description": "The payload's `webhook_type`."
          },
          "receiver_id": {
            "type": "string",
            "description": "The id `POST /public/v3/webhooks` returned for the receiver."
          },
          "url": {
            "type": "string",
            "description": "The receiver's URL."
          },
          "payload": {
            "type": "object",
            "description": "The JSON body sent."
          },
          "status": {
            "type": [
              "integer",
              "null"
            ],
            "description": "The receiver's HTTP status; `null` when it could not be reached."
          },
          "error": {
            "type": "string",
            "description": "Why the receiver could not be reached."
          },
          "pending": {
            "type": "boolean",
            "const": true,
            "description": "Present while the receiver has not answered yet (`status` is then `null`)."
          },
          "delivered_at": {
            "type": "integer",
            "description": "When, Unix time in seconds."
          }
        }
      },
      "Fault": {
        "type": "object",
        "required": [
          "id",
          "client_id",
          "operation_id",
          "remaining"
        ],
        "properties": {
          "id": {
            "type": "integer"
          },
          "client_id": {
            "type": [
              "string",
              "null"
            ],
            "description": "Only this client id's calls; `null`: every call."
          },
          "operation_id": {
            "type": "string"
          },
          "status": {
            "type": "integer"
          },
          "headers": {
            "type": "object",
            "additionalProperties": {
              "type": "string"
            }
          },
          "body": {
            "description": "The answer's body as given."
          },
          "delay_ms": {
            "type": "integer"
          },
          "drop_connection": {
            "type": "boolean"
          },
          "remaining": {
            "type": "integer",
            "minimum": 1,
            "description": "How many more calls it applies to."
          }
        }
      },
      "Clocks": {
        "type": "object",
        "required": [
          "data"
        ],
        "properties": {
          "data": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "client_id",
                "now",
                "offset_seconds"
              ],
              "properties": {
                "client_id": {
                  "type": "string",
                  "x-problem": "must be a string"
                },
                "now": {
                  "type": "integer",
                  "description": "The partition's sandbox time, Unix time in seconds."
                },
                "offset_seconds": {
                  "type": "integer",
                  "description": "How far its clock is ahead of the machine's."
                }
              }
            }
          }
        }
      },
      "Problem": {
        "type": "object",
        "required": [
          "message"
        ],
        "properties": {
          "message": {
            "type": "string",
            "description": "What is wrong."
          },
          "errors": {
            "type": "array",
            "description": "One entry per offending field.",
            "items": {
              "type": "object",
              "required": [
                "in",
                "field",
                "problem"
              ],
              "properties": {
                "in": {
                  "type": "string",
                  "description": "Where, e.g. `body`."
                },
                "field": {
                  "type": "string",
                  "description": "The field, e.g. `status`."
                },
                "problem": {
                  "type": "string",
                  "description": "What is wrong with it."
                }
              }
            }
          }
        }
      }
    },
    "responses": {
      "BadRequest": {
        "description": "A field is missing or invalid; `errors` names each.",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Problem"
            }
          }
        }
      },
      "NotFound": {
        "description": "No customer with that id.",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Problem"
            }
          }
        }
      }
    }
  }
} as unknown as SpecDocument;
