// GENERATED from spec/openapi.yaml by scripts/bundle-spec.mjs. Do not edit: run `pnpm --filter @planky-kit/mock generate`.
import type { SpecDocument } from "../spec-document";

/** The operationId of every operation in the spec's `paths`. */
export type OperationId = "createAccessToken" | "listCustomers" | "createCustomer" | "createCustomerToken" | "createInvitation" | "listInvitations" | "getConsentStatus" | "listCustomerBanks" | "getBankConsent" | "createWebhook" | "listWebflowBanks" | "createConsentScreen" | "createBankFlowUrl" | "deleteConsent" | "createAllowedRedirectUrl" | "reconfirmBankConsent" | "listAccounts" | "listBalances" | "listTransactions";

/** The name of every webhook in the spec's `webhooks` section. */
export type WebhookType = "ACCOUNT_AUTHORIZATION_GRANTED" | "ACCOUNT_AUTHORIZATION_LOST" | "REPORT_AVAILABLE" | "REPORT_UPDATED" | "NEW_EVENT";

// Typed by the subset the mock reads; the literal carries more (descriptions, summaries).
export const spec = {
  "openapi": "3.1.0",
  "info": {
    "title": "Planky Open Banking API (v3)",
    "version": "3.0.0",
    "summary": "Server-side and customer-token endpoints of Planky's v3 open-banking API.",
    "description": "Planky (operated by Friendly Score UK Ltd, whose documentation pages say\n\"Authorised and Regulated by the Financial Conduct Authority\") lets you ask\nyour customers to share their UK bank account data with you through Open\nBanking, and then read that data and the reports built from it.\n\nThis document is a **hand-written** description of the part of the v3 API\nthat this client library uses: authentication, customers and customer\ntokens, invitations, webhook registration, allowed redirect URLs, the\ncustom-UX (\"webflow\") consent steps, the server-side bank and consent\nreads, the 90-day consent reconfirmation, and the shared data (accounts,\nbalances, transactions). **Not covered** (call them yourself, see Planky's\nreference): account parties, report readiness statuses,\ninsights and forecasts, personal events, uploading your own data\n(`account_collections`), the web component (`component_auth`) and the\ntransaction categorisation endpoints. Planky publishes no machine-readable\nOpenAPI file; everything here is taken from the public documentation at\n<https://docs.planky.com/api-reference/v3.0/> (the same pages are mirrored\nunder <https://docs.friendlyscore.com/api-reference/v3.0/>). Nothing here was\nchecked against the live API. Where the documentation is silent (error body\nshape, rate limits, the success status code of creates, what happens for an\nunknown bank or customer) the spec models the behaviour conservatively and\nsays so in the description of the affected item.\n\n## How the pieces fit together\n\n1. **Get an access token** with your client id and secret\n   (`POST /oauth/v2/token`, OAuth2 client-credentials grant with a JSON body).\n   Send it as `Authorization: Bearer {access_token}` on every server-side\n   `/public/v3/*` call. It is valid for a limited time (`expires_in` seconds);\n   after it expires calls return `401` and you fetch a new one.\n2. **Register your webhook URL** once (`POST /public/v3/webhooks`) and,\n   if you build your own bank-connection UX, every URL the customer may be\n   sent back to from their bank (`POST /public/v3/allowed-redirect-urls`:\n   \"For security reasons you need to register all the URLs that we are\n   allowed to redirect the customer back\").\n3. **Create a customer** (`POST /public/v3/customers`) with a\n   `user_reference`, a unique string from your own system. Planky returns the\n   customer `id` you use on every customer-scoped endpoint.\n4. Let the customer connect a bank, in one of two ways:\n   - **invite the customer** (`POST /public/v3/invitations`): Planky returns\n     an invitation URL (and can email it) where the customer shares their\n     bank data, or\n   - **build your own bank-connection UX**: create a **customer token**\n     (`POST /public/v3/customers/{customer_id}/token`) and call the\n     \"webflow\" endpoints with `Authorization: AppUserToken {customer_token}`\n     (bank list, consent screen, bank flow URL, consent status).\n5. **Wait for the `REPORT_AVAILABLE` webhook**: the create-invitation page\n   says to listen for `REPORT_AVAILABLE` and `REPORT_UPDATED` after the\n   customer shares data.\n6. **Read which banks the customer connected and the consent there**, with\n   the access token: `GET /public/v3/customers/{customer_id}/banks` and\n   `GET /public/v3/customers/{customer_id}/bank/{bank_slug}/consent/account`.\n   Before the customer has consented at a bank there is no consent to read\n   (modelled as `404`).\n7. **Pull the data**: `GET /public/v3/customers/{customer_id}/accounts`,\n   `.../balances` and `.../transactions` (paginated). After\n   `REPORT_UPDATED` (\"new data available\"), pull again.\n8. **Reconfirm the consent every 90 days**\n   (`POST /public/v3/customers/{customer_id}/bank/{bank_slug}/consent/account/reconfirmation`):\n   \"We will not update bank feed data if we do not receive reconfirmation\n   within each 90-day period.\"\n\n## Conventions\n\n- Request and response bodies are JSON.\n- Timestamps are **integer Unix time in seconds** unless stated otherwise.\n- The shape of error bodies is **not published** by Planky; see the `Error`\n  schema.\n- **Success status of creates.** Planky's docs never say whether a `POST`\n  that creates something answers `200` or `201`. Every create here\n  declares both, with the same body; accept any 2xx. (The token endpoint\n  is OAuth2, where RFC 6749 prescribes `200`.)\n- No sandbox host name is published. Planky documents a \"sandbox\" and a\n  \"production\" environment, selected by which client id/secret you use.\n",
    "contact": {
      "name": "Planky (Friendly Score UK Ltd)",
      "url": "https://docs.planky.com"
    },
    "license": {
      "name": "Proprietary (Planky's terms apply)",
      "url": "https://docs.planky.com"
    }
  },
  "externalDocs": {
    "description": "Planky API reference v3.0",
    "url": "https://docs.planky.com/api-reference/v3.0/authentication"
  },
  "servers": [
    {
      "url": "https://api.friendlyscore.com",
      "description": "Production. Every v3 example in Planky's documentation uses this host, with the path directly after it (no extra prefix)."
    },
    {
      "url": "http://127.0.0.1:4010",
      "description": "Local Prism mock server generated from this document (`prism mock spec/openapi.yaml`). Returns the named examples; not the real API."
    }
  ],
  "security": [
    {
      "BearerAuth": []
    }
  ],
  "tags": [
    {
      "name": "Authentication",
      "description": "Obtaining the OAuth2 access token used by every server-side call.\nSource: <https://docs.planky.com/api-reference/v3.0/authentication>\n"
    },
    {
      "name": "Customers",
      "description": "Customers are the people or businesses whose bank data you request.\nYou create one per person/business in your system, identified by your own\n`user_reference`, and optionally issue a customer token for the\ncustom-UX (\"webflow\") endpoints.\nSource: <https://docs.planky.com/api-reference/v3.0/customers/create-customer>\n"
    },
    {
      "name": "Invitations",
      "description": "Invitations are links you send to a customer to ask for their bank\naccount data. Planky can email the link for you.\nSource: <https://docs.planky.com/api-reference/v3.0/invitations/create-invitation>\n"
    },
    {
      "name": "Banks",
      "description": "The banks a customer can connect, with the customer's accounts and\nconsents there. Your server reads them with the access token\n(`listCustomerBanks`); a front end reads them with the customer token\n(`listWebflowBanks`). Bank slugs come from these lists.\nSources: <https://docs.planky.com/api-reference/v3.0/customer-banking-data/get-banks>,\n<https://docs.planky.com/api-reference/v3.0/custom-ux-flow/build-steps/step-4-get-list-of-banks>\n"
    },
    {
      "name": "Consents",
      "description": "The customer's Open Banking consent (permission for Planky to read\naccount data) at a given bank. Your server reads it with the access\ntoken (`getBankConsent`); the custom-UX \"webflow\" endpoints (consent\nstatus, consent screen, bank flow URL, delete consent) authenticate\nwith the customer token (`AppUserToken`) instead.\nSources: <https://docs.planky.com/api-reference/v3.0/customer-banking-data/get-bank-details>,\n<https://docs.planky.com/api-reference/v3.0/custom-ux-flow/utils/get-consent-status>\n"
    },
    {
      "name": "Allowed redirect URLs",
      "description": "The URLs Planky may send the customer back to after their bank, in the\ncustom-UX flow. \"For security reasons you need to register all the URLs\nthat we are allowed to redirect the customer back.\"\nSources: <https://docs.planky.com/api-reference/v3.0/custom-ux-flow/allowed-redirects/create-allowed-redirect-url>,\n<https://docs.friendlyscore.com/api-reference/v3.0/custom-web-flow/overview>\n"
    },
    {
      "name": "Customer banking data",
      "description": "The data a customer shared, read with the access token: accounts,\nbalances and transactions. The create-invitation page says: \"Once the\ncustomer shares their bank account data, you can listen to Webhooks\n(REPORT_AVAILABLE and REPORT_UPDATED) to pull data into your system.\"\nSources: <https://docs.planky.com/api-reference/v3.0/customer-banking-data/get-accounts>,\n<https://docs.planky.com/api-reference/v3.0/customer-banking-data/get-balances>,\n<https://docs.planky.com/api-reference/v3.0/customer-banking-data/get-transactions>\n"
    },
    {
      "name": "Webhook registration",
      "description": "Registering the URL Planky sends webhooks to (`createWebhook`). The\npayloads themselves are listed under Webhooks.\nSource: <https://docs.planky.com/api-reference/v3.0/webhooks/create-webhook>\n"
    },
    {
      "name": "Webhooks",
      "description": "Notifications Planky sends to your server as JSON `POST` requests, once\nyou have registered a URL (`POST /public/v3/webhooks`). Every payload has\n`msg` (human-readable text), `customer_id` and `webhook_type`; the five\ndocumented types are listed in the `webhooks` section. Planky does not\nsay what a non-2xx answer does (retry? disable the webhook?), so our\nadvice is to acknowledge every delivery with a 2xx and log any\n`webhook_type` you do not know rather than reject it.\n\nThe docs print the payloads with single quotes (`{'msg': ...}`); that is\na rendering artefact, the payloads here are JSON. In those payloads\n`customer_id`, `account_id` and `event_id` are **numbers**, while the\nREST API types the customer id as a string: convert before comparing.\n\n**No signature scheme is documented.** Planky publishes no signing\nsecret, signature header or verification procedure, nor the headers it\nsends, whether it retries, or which response it expects. Nothing here\ninvents one. Treat a webhook as an unauthenticated hint: keep the\nreceiving URL unguessable, and read the customer's data back through the\nauthenticated API rather than trusting the payload.\nSource: <https://docs.planky.com/api-reference/v3.0/webhooks/create-webhook>\n"
    }
  ],
  "paths": {
    "/oauth/v2/token": {
      "post": {
        "operationId": "createAccessToken",
        "tags": [
          "Authentication"
        ],
        "summary": "Get an access token (OAuth2 client credentials)",
        "description": "Exchanges your API credentials for a short-lived access token. Get the\n`client_id` and `client_secret` from \"Planky API keys\" in the Planky\ndashboard (a Planky user account is needed).\n\nUnlike most OAuth2 servers, this endpoint takes the credentials **in a\nJSON body** (`Content-Type: application/json`), not form-encoded and not\nas HTTP Basic auth, so the operation itself has no security\nrequirement. `grant_type` must be `client_credentials`; other grant types\nare not used.\n\nSend the returned token as `Authorization: Bearer {access_token}` on the\nother `/public/v3/*` calls. The token is valid for `expires_in` seconds\n(3600 in the docs' example); once it has expired, calls return `401` and\nyou must request a new token. Cache the token and reuse it until it\nexpires rather than requesting one per call.\n\nSource: <https://docs.planky.com/api-reference/v3.0/authentication>\n",
        "security": [],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/TokenRequest"
              },
              "examples": {
                "TokenRequest": {
                  "$ref": "#/components/examples/TokenRequest"
                }
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The access token.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/TokenResponse"
                },
                "examples": {
                  "TokenResponse": {
                    "$ref": "#/components/examples/TokenResponse"
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/OAuthBadRequest"
          },
          "401": {
            "$ref": "#/components/responses/OAuthUnauthorized"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "500": {
            "$ref": "#/components/responses/InternalServerError"
          },
          "503": {
            "$ref": "#/components/responses/ServiceUnavailable"
          }
        }
      }
    },
    "/public/v3/customers": {
      "get": {
        "operationId": "listCustomers",
        "tags": [
          "Customers"
        ],
        "summary": "List customers, optionally filtered by user reference",
        "description": "Returns your customers in `data`. With the `by-user-reference` query\nparameter the list is filtered to find a particular customer, for\nexample to learn whether a `createCustomer` whose answer you never\nreceived did create the customer.\n\nThe docs show a plain `{\"data\": [...]}` list with no paging fields and\nno paging parameters.\n\nNot documented by Planky: whether the filter is an exact match (this\nspec assumes so), what an unfiltered list returns for many customers\n(no paging is documented), and the order of the items.\n\nSource: <https://docs.friendlyscore.com/api-reference/v3.0/customers/get-customers>\n",
        "parameters": [
          {
            "name": "by-user-reference",
            "in": "query",
            "required": false,
            "description": "Filter the results by user reference (the `user_reference` you gave `createCustomer`). Optional per the docs.",
            "schema": {
              "type": "string",
              "minLength": 1
            },
            "example": "user-42"
          }
        ],
        "responses": {
          "200": {
            "description": "The matching customers. What Planky answers when none match is not documented; the `NoMatch` example assumes an empty `data` (our assumption). If Planky answers `404` instead, this spec does not declare it: the conformance run, the validating proxy and the client's response check report it as an undeclared status, the signal to add it here.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/CustomerList"
                },
                "examples": {
                  "OneMatch": {
                    "$ref": "#/components/examples/CustomerListOneMatch"
                  },
                  "NoMatch": {
                    "$ref": "#/components/examples/CustomerListNoMatch"
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/ListCustomersBadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "500": {
            "$ref": "#/components/responses/InternalServerError"
          },
          "503": {
            "$ref": "#/components/responses/ServiceUnavailable"
          }
        }
      },
      "post": {
        "operationId": "createCustomer",
        "tags": [
          "Customers"
        ],
        "summary": "Create a customer",
        "description": "Creates a customer: the person or business whose bank account data you\nwill request. `user_reference` is a unique string from your own system\n(for example a primary key) that identifies the customer; invitations\nare later matched to the customer by this value.\n\nThe returned `id` is the Planky customer id used by all\ncustomer-scoped endpoints.\n\nNot documented by Planky: what happens when `user_reference` is already\nused, and whether success is `200` or `201` (the docs show only the\nbody), so both are declared with the same body (the rule for every\ncreate in this spec); accept any 2xx. If a create fails without an\nanswer, look the customer up with `listCustomers`\n(`?by-user-reference=`) before creating it again.\n\nSource: <https://docs.planky.com/api-reference/v3.0/customers/create-customer>\n",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/CreateCustomerRequest"
              },
              "examples": {
                "CreateCustomerRequest": {
                  "$ref": "#/components/examples/CreateCustomerRequest"
                }
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The created customer.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Customer"
                },
                "examples": {
                  "CreateCustomerResponse": {
                    "$ref": "#/components/examples/CreateCustomerResponse"
                  }
                }
              }
            }
          },
          "201": {
            "description": "The created customer (same body as `200`).",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Customer"
                },
                "examples": {
                  "CreateCustomerResponse": {
                    "$ref": "#/components/examples/CreateCustomerResponse"
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/CreateCustomerBadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "500": {
            "$ref": "#/components/responses/InternalServerError"
          },
          "503": {
            "$ref": "#/components/responses/ServiceUnavailable"
          }
        }
      }
    },
    "/public/v3/customers/{customer_id}/token": {
      "post": {
        "operationId": "createCustomerToken",
        "tags": [
          "Customers"
        ],
        "summary": "Create a customer token (AppUserToken)",
        "description": "Issues a **customer token** for one customer. Use it as\n`Authorization: AppUserToken {customer_token}` on the custom-UX\n\"webflow\" endpoints (bank list, consent screen, bank redirect URL,\nconsent status, delete consent) and in Planky's mobile SDKs (\"several\nAPI endpoints and Mobile SDK\"). Our reading: it lets a front end act\nfor that one customer without holding your API credentials.\n\nNo request body and no query parameters. Planky does not document a\nlifetime or an expiry for the customer token.\n\nNot documented by Planky: the response for an unknown `customer_id`\n(modelled here as `404`) and whether success is `200` or `201` (both\nare declared with the same body, the rule for every create here).\n\nSource: <https://docs.planky.com/api-reference/v3.0/custom-web-flow/build-steps/step-3-create-customer-token>\n",
        "parameters": [
          {
            "$ref": "#/components/parameters/CustomerId"
          }
        ],
        "responses": {
          "200": {
            "description": "The customer token.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/CustomerToken"
                },
                "examples": {
                  "CustomerTokenResponse": {
                    "$ref": "#/components/examples/CustomerTokenResponse"
                  }
                }
              }
            }
          },
          "201": {
            "description": "The customer token (same body as `200`).",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/CustomerToken"
                },
                "examples": {
                  "CustomerTokenResponse": {
                    "$ref": "#/components/examples/CustomerTokenResponse"
                  }
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/CustomerNotFound"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "500": {
            "$ref": "#/components/responses/InternalServerError"
          },
          "503": {
            "$ref": "#/components/responses/ServiceUnavailable"
          }
        }
      }
    },
    "/public/v3/invitations": {
      "post": {
        "operationId": "createInvitation",
        "tags": [
          "Invitations"
        ],
        "summary": "Create an invitation",
        "description": "Creates an invitation: a special link for a customer that asks them to\nshare their bank account data with you.\n\n**Create the customer first** (`createCustomer`). Invitations are\nattached to a customer automatically by `reference`, which must be\nequal to that customer's `user_reference`. You can create as many\ninvitations as you like, for example to ask for more bank accounts.\n\nWith `send_email: true` Planky emails the invitation to `email`; with\n`false` you only get the `url` and deliver it yourself. Once the\ncustomer has shared their data, listen for the `REPORT_AVAILABLE` and\n`REPORT_UPDATED` webhooks and then pull the data.\n\n**Success status.** The docs do not say whether a successful create\nreturns `200` or `201`, so both are declared with the same body.\nClients should accept either (in practice: any 2xx).\n\n**Response fields.** The docs' response table was published without an\nexample (the example block is empty in every published copy). Older\ncopies of the page described a different response (the request echoed\nback, without `id`, `url` or timestamps); this spec follows the newer\ntable.\n\nSource: <https://docs.planky.com/api-reference/v3.0/invitations/create-invitation>\n",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/CreateInvitationRequest"
              },
              "examples": {
                "IndividualInvitationRequest": {
                  "$ref": "#/components/examples/IndividualInvitationRequest"
                },
                "BusinessInvitationRequest": {
                  "$ref": "#/components/examples/BusinessInvitationRequest"
                },
                "MinimalInvitationRequest": {
                  "$ref": "#/components/examples/MinimalInvitationRequest"
                }
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The created invitation. The docs do not say whether success is `200` or `201`; both are declared with the same body.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Invitation"
                },
                "examples": {
                  "IndividualInvitation": {
                    "$ref": "#/components/examples/IndividualInvitation"
                  },
                  "BusinessInvitation": {
                    "$ref": "#/components/examples/BusinessInvitation"
                  }
                }
              }
            }
          },
          "201": {
            "description": "The created invitation (same body as `200`; the docs do not say which of the two the API returns).",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Invitation"
                },
                "examples": {
                  "IndividualInvitation": {
                    "$ref": "#/components/examples/IndividualInvitation"
                  },
                  "BusinessInvitation": {
                    "$ref": "#/components/examples/BusinessInvitation"
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/CreateInvitationBadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "500": {
            "$ref": "#/components/responses/InternalServerError"
          },
          "503": {
            "$ref": "#/components/responses/ServiceUnavailable"
          }
        }
      },
      "get": {
        "operationId": "listInvitations",
        "tags": [
          "Invitations"
        ],
        "summary": "List invitations (paginated)",
        "description": "Returns your invitations, one page at a time. Each page carries its\nposition (`page` of `pages`, at most `max_per_page` items) and HAL-style\n`_links` (`self`, `next`, `previous`, `last`, each with an `href`).\n\n**Query parameters are an assumption.** The Get Invitations page lists\n**no** query parameters, although its response is paginated. The `page`\nand `max_per_page` parameters here are modelled on the paginated Get\nTransactions endpoint, which documents `page` (\"Page number (1 by\ndefault)\") and `max_per_page` (\"Item count on one page (1000 by\ndefault)\"). Whether this endpoint honours them is not documented.\nClients should prefer following `_links.next.href` when it is present\nand stop when `page >= pages` or a page comes back empty.\n\nNot documented by Planky: which `_links` are present on the first and\nlast page (this spec makes every link optional), whether `href` is\nabsolute or relative to the API host, the default page size of this\nendpoint, and the order of the invitations.\n\n**Field types.** The docs' example prints the timestamps and\n`expires_in` of each invitation as JSON strings and every paging number\nas `0`; this spec follows the field table (integers; see `Invitation`).\n\nSource: <https://docs.planky.com/api-reference/v3.0/invitations/get-invitations>\n",
        "parameters": [
          {
            "$ref": "#/components/parameters/Page"
          },
          {
            "$ref": "#/components/parameters/MaxPerPage"
          }
        ],
        "responses": {
          "200": {
            "description": "One page of invitations.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/InvitationList"
                },
                "examples": {
                  "SinglePage": {
                    "$ref": "#/components/examples/InvitationListSinglePage"
                  },
                  "FirstOfTwoPages": {
                    "$ref": "#/components/examples/InvitationListFirstOfTwo"
                  },
                  "LastOfTwoPages": {
                    "$ref": "#/components/examples/InvitationListLastOfTwo"
                  },
                  "NoInvitations": {
                    "$ref": "#/components/examples/InvitationListEmpty"
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/ListInvitationsBadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "500": {
            "$ref": "#/components/responses/InternalServerError"
          },
          "503": {
            "$ref": "#/components/responses/ServiceUnavailable"
          }
        }
      }
    },
    "/public/v3/webflow/banks/{bank_slug}/consent/status": {
      "get": {
        "operationId": "getConsentStatus",
        "tags": [
          "Consents"
        ],
        "summary": "Get the customer's consent status at one bank",
        "description": "Returns the status of the customer's consent (their permission for\nPlanky to read bank account data) at the bank identified by\n`bank_slug`.\n\n**Authentication:** this is a custom-UX \"webflow\" endpoint, so it uses\nthe customer token, not the Bearer access token:\n`Authorization: AppUserToken {customer_token}` (create the token with\n`createCustomerToken`). The customer is implied by the token; there is\nno customer id in the path.\n\nNo query parameters and no request body (the docs' curl example still\nsends `Content-Type: application/json`).\n\nNot documented by Planky: the response when the customer has no consent\nat that bank, or when the bank slug is unknown (modelled here as\n`404`), and the response for an invalid or expired customer token\n(modelled here as `401`).\n\nSource: <https://docs.planky.com/api-reference/v3.0/custom-ux-flow/utils/get-consent-status>\n",
        "security": [
          {
            "AppUserToken": []
          }
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/BankSlug"
          }
        ],
        "responses": {
          "200": {
            "description": "The consent status.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ConsentStatus"
                },
                "examples": {
                  "AwaitingAuthorisationFromDocs": {
                    "$ref": "#/components/examples/AwaitingAuthorisationFromDocs"
                  },
                  "Authorised": {
                    "$ref": "#/components/examples/Authorised"
                  }
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/CustomerTokenUnauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/ConsentNotFound"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "500": {
            "$ref": "#/components/responses/InternalServerError"
          },
          "503": {
            "$ref": "#/components/responses/ServiceUnavailable"
          }
        }
      }
    },
    "/public/v3/customers/{customer_id}/banks": {
      "get": {
        "operationId": "listCustomerBanks",
        "tags": [
          "Banks"
        ],
        "summary": "List the banks and bank consents of one customer",
        "description": "Server-side view of the banks available to one customer, each with the\ncustomer's consents at that bank (`account_consents`). Our reading: a\nbank where the customer consented after an invitation appears here\nwith that consent, so your server can learn the bank's `slug` without\na customer token (the docs do not say so explicitly). \"Currently only\nGB is supported\" (`country_code`).\n\nThe docs call `data` an \"Array of available banks\", so a bank may\nappear with an empty `account_consents` (our reading; the docs do not\nsay so explicitly).\n\nNot documented by Planky: the response for an unknown `customer_id`\n(modelled here as `404`). Older snapshots of the docs spell the\n`AwaitingAuthorisation` status without a space; see\n`AccountConsentStatus` for the variant.\n\nSource: <https://docs.planky.com/api-reference/v3.0/customer-banking-data/get-banks>\n",
        "parameters": [
          {
            "$ref": "#/components/parameters/CustomerId"
          }
        ],
        "responses": {
          "200": {
            "description": "The banks of this customer, with their consents.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/CustomerBankList"
                },
                "examples": {
                  "ConnectedToOneBank": {
                    "$ref": "#/components/examples/CustomerBanksConnected"
                  },
                  "NothingConnectedYet": {
                    "$ref": "#/components/examples/CustomerBanksNoConsent"
                  }
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/CustomerNotFound"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "500": {
            "$ref": "#/components/responses/InternalServerError"
          },
          "503": {
            "$ref": "#/components/responses/ServiceUnavailable"
          }
        }
      }
    },
    "/public/v3/customers/{customer_id}/bank/{bank_slug}/consent/account": {
      "get": {
        "operationId": "getBankConsent",
        "tags": [
          "Consents"
        ],
        "summary": "Get one customer's consent at one bank (server side)",
        "description": "The Bearer (server-side) counterpart of `getConsentStatus`: the\ncustomer's consent at the bank `bank_slug`, addressed by\n`customer_id`, so no customer token is needed.\n\nThe newer snapshot of the page adds `consent_reconfirmation_date`:\n\"Consent must be reconfirmed by the end customer every 90 days. The\nbank feed will not be updated if you do not reconfirm with end\ncustomer consent every 90 days.\" Older snapshots lack the field, so\nit is optional here.\n\n**Status spelling.** The newer snapshot lists the statuses as\n\"Rejected, Awaiting Authorisation, Authorised, Revoked\" (with a\nspace), the older one as `AwaitingAuthorisation`; both are accepted\n(see `AccountConsentStatus`).\n\nNot documented by Planky: the response when the customer has no\nconsent at that bank, or the customer or bank is unknown (modelled\nhere as `404`). The older snapshot's example prints every timestamp\nas a JSON string (`\"1553077496\"`); the newer one uses integers, as\nthis spec does.\n\nSource: <https://docs.planky.com/api-reference/v3.0/customer-banking-data/get-bank-details>\n",
        "parameters": [
          {
            "$ref": "#/components/parameters/CustomerId"
          },
          {
            "$ref": "#/components/parameters/BankSlug"
          }
        ],
        "responses": {
          "200": {
            "description": "The customer's consent at this bank.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/AccountConsent"
                },
                "examples": {
                  "AuthorisedFromDocs": {
                    "$ref": "#/components/examples/BankConsentAuthorisedFromDocs"
                  },
                  "AwaitingAuthorisationNewerSpelling": {
                    "$ref": "#/components/examples/BankConsentAwaitingWithSpace"
                  }
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/BankConsentNotFound"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "500": {
            "$ref": "#/components/responses/InternalServerError"
          },
          "503": {
            "$ref": "#/components/responses/ServiceUnavailable"
          }
        }
      }
    },
    "/public/v3/webhooks": {
      "post": {
        "operationId": "createWebhook",
        "tags": [
          "Webhook registration"
        ],
        "summary": "Register a webhook URL",
        "description": "Registers a URL that Planky calls: \"Planky will send a POST request to\nthat URL when specific events occur\" (the payloads are the `webhooks`\nof this document, told apart by `webhook_type`). The request has no\nevent-type filter.\n\n**Success status.** The docs do not say whether a successful create\nreturns `200` or `201`, so both are declared with the same body\n(the rule this spec applies to every create); accept any 2xx.\n\nNot documented by Planky: whether registering the same URL twice\ncreates a second webhook, and any endpoint to list or delete webhooks\n(none was found).\n\nSource: <https://docs.planky.com/api-reference/v3.0/webhooks/create-webhook>\n",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/CreateWebhookRequest"
              },
              "examples": {
                "CreateWebhookRequest": {
                  "$ref": "#/components/examples/CreateWebhookRequest"
                }
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The registered webhook. The docs do not say whether success is `200` or `201`; both are declared with the same body.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Webhook"
                },
                "examples": {
                  "CreateWebhookResponse": {
                    "$ref": "#/components/examples/CreateWebhookResponse"
                  }
                }
              }
            }
          },
          "201": {
            "description": "The registered webhook (same body as `200`; the docs do not say which of the two the API returns).",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Webhook"
                },
                "examples": {
                  "CreateWebhookResponse": {
                    "$ref": "#/components/examples/CreateWebhookResponse"
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/InvalidUrl"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "500": {
            "$ref": "#/components/responses/InternalServerError"
          },
          "503": {
            "$ref": "#/components/responses/ServiceUnavailable"
          }
        }
      }
    },
    "/public/v3/webflow/banks": {
      "get": {
        "operationId": "listWebflowBanks",
        "tags": [
          "Banks"
        ],
        "summary": "List the banks for the customer of the customer token",
        "description": "The bank list a front end shows its customer (\"Step 4: Get list of\nBanks\"): each item wraps the bank's metadata (`bank`), the customer's\nconnected accounts there (`accounts`), whether the bank is connected\n(`connected`) and, optionally, the last consent.\n\n**Authentication:** `Authorization: AppUserToken {customer_token}`\n(create the token with `createCustomerToken`); the customer is implied\nby the token.\n\n**`last_account_consent` differs between snapshots.** Older copies\nof the page type it as `int`, \"Timestamp of the last consent\"; the\nnewer copy as an \"Account Consent\" object (whose status list spells\n\"Awaiting Authorisation\" with a space). Both shapes are accepted.\n\nThe response is a bare JSON array (the docs' example starts with\n`[`), not wrapped in `data`.\n\nNot documented by Planky: the response for an invalid customer token\n(modelled here as `401`).\n\nSource: <https://docs.planky.com/api-reference/v3.0/custom-ux-flow/build-steps/step-4-get-list-of-banks>\n",
        "security": [
          {
            "AppUserToken": []
          }
        ],
        "responses": {
          "200": {
            "description": "The banks, with this customer's accounts and last consent at each.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "array",
                  "items": {
                    "$ref": "#/components/schemas/WebflowBank"
                  }
                },
                "examples": {
                  "OneConnectedOneNot": {
                    "$ref": "#/components/examples/WebflowBanks"
                  }
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/CustomerTokenUnauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "500": {
            "$ref": "#/components/responses/InternalServerError"
          },
          "503": {
            "$ref": "#/components/responses/ServiceUnavailable"
          }
        }
      }
    },
    "/public/v3/webflow/banks/{bank_slug}/consent": {
      "post": {
        "operationId": "createConsentScreen",
        "tags": [
          "Consents"
        ],
        "summary": "Get the texts for your consent screen (\"Step 5\")",
        "description": "\"Creates all the necessary metadata and consent descriptions to build\nthe Consent Screen that will be displayed back to the customer\"\nbefore they are sent to their bank.\n\n**Authentication:** `Authorization: AppUserToken {customer_token}`.\n\n**Thin docs.** The request fields are documented. The response is\ndocumented as `metadata` (\"Consent Screen Metadata\") and `consents`\n(\"Ready to use consent descriptions\"); the `metadata` fields below are\nthose the published table lists, and further fields are allowed. The\nshape of `consents` is **not documented** in any published copy, so\nit is left open here. No example response was published; ours is\nillustrative.\n\nThe request fields changed between snapshots: older copies say \"Set\nto null\" to share with no third party / use the default purpose, the\nnewer one \"Send an empty array\". Both are accepted.\n\n**Success status.** Not documented; `200` and `201` are declared with\nthe same body (the rule for every create in this spec).\n\nNot documented by Planky: the response for an unknown `bank_slug`\n(modelled here as `404`) or an invalid customer token (`401`).\n\nSource: <https://docs.planky.com/api-reference/v3.0/custom-ux-flow/build-steps/step-5-create-consent-screen>\n",
        "security": [
          {
            "AppUserToken": []
          }
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/BankSlug"
          }
        ],
        "requestBody": {
          "required": false,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/DataSharingDetails"
              },
              "examples": {
                "NoThirdPartiesDefaultPurpose": {
                  "$ref": "#/components/examples/DataSharingDefaults"
                },
                "SharedWithAThirdParty": {
                  "$ref": "#/components/examples/DataSharingWithThirdParty"
                }
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The consent-screen metadata and texts. The docs do not say whether success is `200` or `201`; both are declared.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ConsentScreen"
                },
                "examples": {
                  "ConsentScreen": {
                    "$ref": "#/components/examples/ConsentScreen"
                  }
                }
              }
            }
          },
          "201": {
            "description": "The consent-screen metadata and texts (same body as `200`).",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ConsentScreen"
                },
                "examples": {
                  "ConsentScreen": {
                    "$ref": "#/components/examples/ConsentScreen"
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/InvalidDataSharingDetails"
          },
          "401": {
            "$ref": "#/components/responses/CustomerTokenUnauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/BankNotFound"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "500": {
            "$ref": "#/components/responses/InternalServerError"
          },
          "503": {
            "$ref": "#/components/responses/ServiceUnavailable"
          }
        }
      }
    },
    "/public/v3/webflow/banks/{bank_slug}/redirect": {
      "post": {
        "operationId": "createBankFlowUrl",
        "tags": [
          "Consents"
        ],
        "summary": "Get the URL that sends the customer to their bank (\"Step 6\")",
        "description": "\"Create Bank Flow URL. You must direct the customer to their online\nbanking provider via this URL.\" The query parameter `url` is where\nthe customer comes back to your application afterwards; such URLs\nmust be registered first (\"For security reasons you need to register\nall the URLs that we are allowed to redirect the customer back\":\n`createAllowedRedirectUrl`). The\ncustomer returns with `status` (`Success` or `Error`), `message`,\n`customer_id`, `consent_id`, `state` and `bank_slug` in the query\n(<https://docs.planky.com/api-reference/v3.0/custom-ux-flow/allowed-redirects/create-allowed-redirect-url>).\n\n**Authentication:** `Authorization: AppUserToken {customer_token}`.\n\nThe page also lists the same optional request fields as the consent\nscreen (`application_sharing_third_parties`,\n`application_sharing_purposes`), so the body is optional here. No\nexample response was published; ours is illustrative.\n\n**Success status.** Not documented; `200` and `201` are declared with\nthe same body (the rule for every create in this spec).\n\nNot documented by Planky: the response for a `url` that is not an\nallowed redirect URL (modelled here as `400`), an unknown `bank_slug`\n(`404`) or an invalid customer token (`401`).\n\nSource: <https://docs.planky.com/api-reference/v3.0/custom-ux-flow/build-steps/step-6-create-bank-flow-url>\n",
        "security": [
          {
            "AppUserToken": []
          }
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/BankSlug"
          },
          {
            "name": "url",
            "in": "query",
            "required": true,
            "description": "\"URL to which we will redirect the customer back to your application\". Register it as an allowed redirect URL first (see above). Planky types it as a plain string (`minLength` is our addition).",
            "schema": {
              "type": "string",
              "minLength": 1
            },
            "example": "https://app.example.com/planky/return"
          }
        ],
        "requestBody": {
          "required": false,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/DataSharingDetails"
              },
              "examples": {
                "NoThirdPartiesDefaultPurpose": {
                  "$ref": "#/components/examples/DataSharingDefaults"
                }
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The bank flow URL. The docs do not say whether success is `200` or `201`; both are declared.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/BankFlowUrl"
                },
                "examples": {
                  "BankFlowUrl": {
                    "$ref": "#/components/examples/BankFlowUrl"
                  }
                }
              }
            }
          },
          "201": {
            "description": "The bank flow URL (same body as `200`).",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/BankFlowUrl"
                },
                "examples": {
                  "BankFlowUrl": {
                    "$ref": "#/components/examples/BankFlowUrl"
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/InvalidUrl"
          },
          "401": {
            "$ref": "#/components/responses/CustomerTokenUnauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/BankNotFound"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "500": {
            "$ref": "#/components/responses/InternalServerError"
          },
          "503": {
            "$ref": "#/components/responses/ServiceUnavailable"
          }
        }
      }
    },
    "/public/v3/webflow/banks/{bank_slug}/consent/delete": {
      "delete": {
        "operationId": "deleteConsent",
        "tags": [
          "Consents"
        ],
        "summary": "Delete the customer's consent at one bank",
        "description": "\"Delete the customer consent for bank account data\" at the bank\n`bank_slug`.\n\n**Authentication:** `Authorization: AppUserToken {customer_token}`.\n\n**Two answers are documented.** The REST docs show `200` with\n`{\"status\": \"success\"}` (\"Status of the operation\", a string); Planky's\nAndroid API-wrapper SDK expects `204 No Content` for the same call\n(<https://github.com/FriendlyScore/FriendlyScore-Connect-Api-Wrapper-Android-Example>).\nBoth are declared; treat any 2xx as success and do not require a body.\n\nNot documented by Planky: the response when there is no consent at\nthat bank (modelled here as `404`) or for an invalid customer token\n(`401`), and whether the consent is revoked at the bank as well.\n\nSource: <https://docs.planky.com/api-reference/v3.0/custom-web-flow/utils/delete-consent>\n",
        "security": [
          {
            "AppUserToken": []
          }
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/BankSlug"
          }
        ],
        "responses": {
          "200": {
            "description": "The consent was deleted (the REST docs' answer).",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/OperationStatus"
                },
                "examples": {
                  "DeletedFromDocs": {
                    "$ref": "#/components/examples/ConsentDeleted"
                  }
                }
              }
            }
          },
          "204": {
            "description": "The consent was deleted, no body (what Planky's Android API-wrapper SDK expects)."
          },
          "401": {
            "$ref": "#/components/responses/CustomerTokenUnauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/ConsentNotFound"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "500": {
            "$ref": "#/components/responses/InternalServerError"
          },
          "503": {
            "$ref": "#/components/responses/ServiceUnavailable"
          }
        }
      }
    },
    "/public/v3/allowed-redirect-urls": {
      "post": {
        "operationId": "createAllowedRedirectUrl",
        "tags": [
          "Allowed redirect URLs"
        ],
        "summary": "Register a URL the customer may be sent back to after their bank",
        "description": "\"The endpoint is to register URLs that we will use to redirect the\ncustomer from their online banking provider to your application.\"\nThe custom web flow overview adds: \"For security reasons you need to\nregister all the URLs that we are allowed to redirect the customer\nback\" (<https://docs.friendlyscore.com/api-reference/v3.0/custom-web-flow/overview>).\nRegister every `url` you will pass to `createBankFlowUrl` before you\npass it. \"For mobile applications with custom scheme please use our\nAndroid or iOS SDK.\"\n\n**The return from the bank.** \"We will redirect the customer to your\napplication with a GET request, containing the query parameters listed\nbelow\": `status` (\"Success if the customer successfully shared their\nonline banking accounts. Error, otherwise\"), `message` (optional,\n\"Additional description if status is error\"), `customer_id`,\n`consent_id` and `state` (\"provided in the response for creating the\nbank flow URL\") and `bank_slug`. Compare `state` with the one\n`createBankFlowUrl` returned before trusting the rest (our advice).\n\n**Not documented by Planky:** an endpoint to list or delete allowed\nredirect URLs (none was found, so none is modelled), whether the same\nURL may be registered twice, how a registered URL is matched (exact\nstring, prefix, query string), and the success status (`200` and\n`201` are declared with the same body, the rule for every create\nhere). The `400` for a missing or empty `url` is modelled.\n\nSource: <https://docs.planky.com/api-reference/v3.0/custom-ux-flow/allowed-redirects/create-allowed-redirect-url>\n",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/CreateAllowedRedirectUrlRequest"
              },
              "examples": {
                "CreateAllowedRedirectUrlRequest": {
                  "$ref": "#/components/examples/CreateAllowedRedirectUrlRequest"
                }
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The registered URL's id. The docs do not say whether success is `200` or `201`; both are declared with the same body.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/AllowedRedirectUrl"
                },
                "examples": {
                  "AllowedRedirectUrlFromDocs": {
                    "$ref": "#/components/examples/AllowedRedirectUrlFromDocs"
                  }
                }
              }
            }
          },
          "201": {
            "description": "The registered URL's id (same body as `200`).",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/AllowedRedirectUrl"
                },
                "examples": {
                  "AllowedRedirectUrlFromDocs": {
                    "$ref": "#/components/examples/AllowedRedirectUrlFromDocs"
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/InvalidUrl"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "500": {
            "$ref": "#/components/responses/InternalServerError"
          },
          "503": {
            "$ref": "#/components/responses/ServiceUnavailable"
          }
        }
      }
    },
    "/public/v3/customers/{customer_id}/bank/{bank_slug}/consent/account/reconfirmation": {
      "post": {
        "operationId": "reconfirmBankConsent",
        "tags": [
          "Consents"
        ],
        "summary": "Reconfirm the customer's consent at one bank (every 90 days)",
        "description": "\"To access your customer's account information after 90 days, you must\ncollect consent reconfirmation. Use this endpoint to confirm that your\ncustomer allows you to access their data every 90 days. We will not\nupdate bank feed data if we do not receive reconfirmation within each\n90-day period.\"\n\nThe consent's `consent_reconfirmation_date` (`getBankConsent`) is\ndocumented as the \"Consent reconfirmation date\" (whether it is a\ndeadline is not documented; the docs' example puts it 151 days after\nthe consent's creation). Planky does not say what this call does to\nthe consent's `status` or to\n`consent_reconfirmation_date`, nor how your customer's reconfirmation\nis to be collected.\n\nNo parameters besides the path, no request body. The page's heading\nsays `POST`; its curl example says `--request GET`. This spec follows\nthe heading.\n\n**Not documented by Planky:** the success status (`200` is declared),\nthe answer when `status` is `false`, and the answer for an unknown\ncustomer or bank or when there is no consent at that bank (modelled\nas `404`).\n\nSource: <https://docs.planky.com/api-reference/v3.0/customer-banking-data/post-bank-consent-reconfirmation>\n",
        "parameters": [
          {
            "$ref": "#/components/parameters/CustomerId"
          },
          {
            "$ref": "#/components/parameters/BankSlug"
          }
        ],
        "responses": {
          "200": {
            "description": "Whether the reconfirmation was recorded.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ReconfirmationStatus"
                },
                "examples": {
                  "ReconfirmedFromDocs": {
                    "$ref": "#/components/examples/ReconfirmedFromDocs"
                  }
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/BankConsentNotFound"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "500": {
            "$ref": "#/components/responses/InternalServerError"
          },
          "503": {
            "$ref": "#/components/responses/ServiceUnavailable"
          }
        }
      }
    },
    "/public/v3/customers/{customer_id}/accounts": {
      "get": {
        "operationId": "listAccounts",
        "tags": [
          "Customer banking data"
        ],
        "summary": "List the customer's bank accounts",
        "description": "The bank accounts the customer shared, at every bank, each with its\n`bank_slug`. No query parameters and no request body.\n\n**Envelope.** The page's field table lists the fields of one account;\nits example could not be retrieved from any published copy. This spec\nwraps the accounts in `data`, as the Get Balances example and Get\nBanks do (our inference).\n\n**`sort_code_and_account_number`** (\"Sort code and account number are\nnot null only when the scheme_name is set to\nUK.OBIE.SortCodeAccountNumber\") is typed \"Sort Code and Account\nNumber\", a table whose rows could not be retrieved: it is left open\nhere (any object, or `null`).\n\n**Not documented by Planky:** paging (none is documented, so none is\nmodelled), the order of the accounts, the answer before the customer\nhas shared any account (this spec's reading: an empty `data`), and\nfor an unknown customer (modelled as `404`).\n\nSource: <https://docs.planky.com/api-reference/v3.0/customer-banking-data/get-accounts>\n",
        "parameters": [
          {
            "$ref": "#/components/parameters/CustomerId"
          }
        ],
        "responses": {
          "200": {
            "description": "The customer's accounts.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/AccountList"
                },
                "examples": {
                  "OneCurrentAccount": {
                    "$ref": "#/components/examples/AccountsOneCurrentAccount"
                  },
                  "NoAccountsYet": {
                    "$ref": "#/components/examples/EmptyDataList"
                  }
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/CustomerNotFound"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "500": {
            "$ref": "#/components/responses/InternalServerError"
          },
          "503": {
            "$ref": "#/components/responses/ServiceUnavailable"
          }
        }
      }
    },
    "/public/v3/customers/{customer_id}/balances": {
      "get": {
        "operationId": "listBalances",
        "tags": [
          "Customer banking data"
        ],
        "summary": "List the balances of the customer's accounts",
        "description": "Balances of the customer's accounts, each naming its `bank_slug` and\n`account_number`. No query parameters and no request body. The docs'\nexample wraps the balances in `data`.\n\n**Table and example disagree.** The field table types `amount` as\n`float` and `date_time` as `integer`, and `credit_line` as one \"Credit\nLine\" object; the example prints `\"amount\": \"22.35\"` and\n`\"date_time\": \"1553077496\"` as strings, `credit_line` as an array, and\nadds `custom_data: {}`, a field the table does not list. This spec\nfollows the table for the types, accepts both shapes of `credit_line`\nand allows further fields.\n\n**Not documented by Planky:** paging (none is modelled), whether\nseveral balances per account and type are returned (current and\nhistorical: the API overview lists \"Balances: current and\nhistorical\"), and the answer for an unknown customer (modelled as\n`404`).\n\nSource: <https://docs.planky.com/api-reference/v3.0/customer-banking-data/get-balances>\n",
        "parameters": [
          {
            "$ref": "#/components/parameters/CustomerId"
          }
        ],
        "responses": {
          "200": {
            "description": "The balances of the customer's accounts.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/BalanceList"
                },
                "examples": {
                  "OneBalance": {
                    "$ref": "#/components/examples/BalancesOneBalance"
                  },
                  "NoBalancesYet": {
                    "$ref": "#/components/examples/EmptyDataList"
                  }
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/CustomerNotFound"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "500": {
            "$ref": "#/components/responses/InternalServerError"
          },
          "503": {
            "$ref": "#/components/responses/ServiceUnavailable"
          }
        }
      }
    },
    "/public/v3/customers/{customer_id}/transactions": {
      "get": {
        "operationId": "listTransactions",
        "tags": [
          "Customer banking data"
        ],
        "summary": "List the customer's transactions (paginated)",
        "description": "The customer's transactions at every bank, one page at a time, with\noptional filters. `page` is \"Page number (1 by default)\" and\n`max_per_page` \"Item count on one page (1000 by default)\".\n\n**Envelope.** The page's field table lists the fields of one\ntransaction; its example could not be retrieved. Planky's paginated\nresponses wrap the items in `data` and add `page`, `pages`,\n`max_per_page` and HAL-style `_links` (Get Invitations), so this spec\nuses that envelope here (our inference). Follow `_links.next.href`\nwhen present, and stop when `page >= pages` or a page comes back\nempty.\n\n**Sub-objects.** `balance` (\"Transaction Balance ocject\", required),\n`merchant_details` (\"Details of the merchant involved in the\ntransaction\") and `proprietary_bank_transaction_code` (\"Set of\nelements to fully identify a proprietary bank transaction code\") are\ntyped by tables whose rows could not be retrieved: they are left open\nhere.\n\n**Not documented by Planky:** the order of the transactions, the\nlargest `max_per_page`, whether transactions can appear or move\nbetween pages while you page through (new data arrives with\n`REPORT_UPDATED`), and the answer for an unknown customer (modelled\nas `404`) or a bad filter (modelled as `400`).\n\nSource: <https://docs.planky.com/api-reference/v3.0/customer-banking-data/get-transactions>\n",
        "parameters": [
          {
            "$ref": "#/components/parameters/CustomerId"
          },
          {
            "$ref": "#/components/parameters/TransactionsPage"
          },
          {
            "$ref": "#/components/parameters/TransactionsMaxPerPage"
          },
          {
            "name": "bank_slug",
            "in": "query",
            "required": false,
            "description": "\"Filter by bank slug\". Planky types it as a plain string; `minLength: 1` is our addition (an empty filter is never meant).",
            "schema": {
              "type": "string",
              "minLength": 1
            },
            "example": "barclays"
          },
          {
            "name": "account_number",
            "in": "query",
            "required": false,
            "description": "\"Filter by account number\". Planky types it as a plain string; `minLength: 1` is our addition (an empty filter is never meant).",
            "schema": {
              "type": "string",
              "minLength": 1
            }
          },
          {
            "name": "account_type",
            "in": "query",
            "required": false,
            "description": "\"Filter by account type. Account type can be ('Personal' or 'Business')\".",
            "schema": {
              "type": "string",
              "enum": [
                "Personal",
                "Business"
              ]
            }
          },
          {
            "name": "category_id",
            "in": "query",
            "required": false,
            "description": "\"Filter by specific Category\". Planky types it as a plain string; `minLength: 1` is our addition (an empty filter is never meant).",
            "schema": {
              "type": "string",
              "minLength": 1
            }
          },
          {
            "name": "currency",
            "in": "query",
            "required": false,
            "description": "\"Filter by Currency (ISO 4217 format)\". Planky types it as a plain string; `minLength: 1` is our addition (an empty filter is never meant).",
            "schema": {
              "type": "string",
              "minLength": 1
            },
            "example": "GBP"
          },
          {
            "name": "booking_date_time_from",
            "in": "query",
            "required": false,
            "description": "\"Min value (inclusive) for booking date time filter (UNIX timestamp in seconds)\". Planky types it as an integer; `minimum: 0` is our addition.",
            "schema": {
              "type": "integer",
              "format": "int64",
              "minimum": 0
            }
          },
          {
            "name": "booking_date_time_to",
            "in": "query",
            "required": false,
            "description": "\"Max value (inclusive) for booking date time filter (UNIX timestamp in seconds)\". Planky types it as an integer; `minimum: 0` is our addition.",
            "schema": {
              "type": "integer",
              "format": "int64",
              "minimum": 0
            }
          }
        ],
        "responses": {
          "200": {
            "description": "One page of transactions.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/TransactionList"
                },
                "examples": {
                  "SinglePage": {
                    "$ref": "#/components/examples/TransactionsSinglePage"
                  },
                  "FirstOfTwoPages": {
                    "$ref": "#/components/examples/TransactionsFirstOfTwo"
                  },
                  "NoTransactions": {
                    "$ref": "#/components/examples/TransactionsEmpty"
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/ListTransactionsBadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/CustomerNotFound"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "500": {
            "$ref": "#/components/responses/InternalServerError"
          },
          "503": {
            "$ref": "#/components/responses/ServiceUnavailable"
          }
        }
      }
    }
  },
  "webhooks": {
    "ACCOUNT_AUTHORIZATION_GRANTED": {
      "post": {
        "operationId": "accountAuthorizationGrantedWebhook",
        "tags": [
          "Webhooks"
        ],
        "summary": "A bank account was re-authorised",
        "description": "Sent when the customer has **re-authorised** access to a bank account\n(\"bank account re-authorised by the customer\"). The docs do not say it\nis sent for the first authorisation; for that, `REPORT_AVAILABLE` is\nthe documented signal. `customer_id` and `account_id` are **numbers** in this\npayload, while the REST API types the customer id as a string.\nSource: <https://docs.planky.com/api-reference/v3.0/webhooks/create-webhook>\n",
        "security": [],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/AccountAuthorizationGrantedWebhook"
              },
              "examples": {
                "AccountAuthorizationGranted": {
                  "$ref": "#/components/examples/AccountAuthorizationGrantedWebhook"
                }
              }
            }
          }
        },
        "responses": {
          "200": {
            "$ref": "#/components/responses/WebhookReceived"
          },
          "400": {
            "$ref": "#/components/responses/WebhookRejected"
          }
        }
      }
    },
    "ACCOUNT_AUTHORIZATION_LOST": {
      "post": {
        "operationId": "accountAuthorizationLostWebhook",
        "tags": [
          "Webhooks"
        ],
        "summary": "Access to a bank account was lost",
        "description": "Sent when Planky can no longer read a bank account; the customer must\nre-authorise it. `customer_id` and `account_id` are **numbers** in this\npayload, while the REST API types the customer id as a string.\nSource: <https://docs.planky.com/api-reference/v3.0/webhooks/create-webhook>\n",
        "security": [],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/AccountAuthorizationLostWebhook"
              },
              "examples": {
                "AccountAuthorizationLost": {
                  "$ref": "#/components/examples/AccountAuthorizationLostWebhook"
                }
              }
            }
          }
        },
        "responses": {
          "200": {
            "$ref": "#/components/responses/WebhookReceived"
          },
          "400": {
            "$ref": "#/components/responses/WebhookRejected"
          }
        }
      }
    },
    "REPORT_AVAILABLE": {
      "post": {
        "operationId": "reportAvailableWebhook",
        "tags": [
          "Webhooks"
        ],
        "summary": "The customer's report is available",
        "description": "Sent when the customer has shared data for the first time and all\nprocessing (account holder verification, classification, insights)\nhas completed: pull the data now. `customer_id` is a **number** in this\npayload, while the REST API types the customer id as a string.\nSource: <https://docs.planky.com/api-reference/v3.0/webhooks/create-webhook>\n",
        "security": [],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/ReportAvailableWebhook"
              },
              "examples": {
                "ReportAvailable": {
                  "$ref": "#/components/examples/ReportAvailableWebhook"
                }
              }
            }
          }
        },
        "responses": {
          "200": {
            "$ref": "#/components/responses/WebhookReceived"
          },
          "400": {
            "$ref": "#/components/responses/WebhookRejected"
          }
        }
      }
    },
    "REPORT_UPDATED": {
      "post": {
        "operationId": "reportUpdatedWebhook",
        "tags": [
          "Webhooks"
        ],
        "summary": "The customer's report was updated",
        "description": "Sent when new data is available for the customer and its processing\nhas completed. `customer_id` is a **number** in this payload, while the\nREST API types the customer id as a string.\nSource: <https://docs.planky.com/api-reference/v3.0/webhooks/create-webhook>\n",
        "security": [],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/ReportUpdatedWebhook"
              },
              "examples": {
                "ReportUpdated": {
                  "$ref": "#/components/examples/ReportUpdatedWebhook"
                }
              }
            }
          }
        },
        "responses": {
          "200": {
            "$ref": "#/components/responses/WebhookReceived"
          },
          "400": {
            "$ref": "#/components/responses/WebhookRejected"
          }
        }
      }
    },
    "NEW_EVENT": {
      "post": {
        "operationId": "newEventWebhook",
        "tags": [
          "Webhooks"
        ],
        "summary": "A new event or alert for the customer",
        "description": "Sent when a new event or alert is raised for the customer (see\nPlanky's \"Events Dictionary\", which is not published beyond the example\n`PENSION_MISSING`). `event_id` and `customer_id` are **numbers** in this\npayload, while the REST API types the customer id as a string.\nSource: <https://docs.planky.com/api-reference/v3.0/webhooks/create-webhook>\n",
        "security": [],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/NewEventWebhook"
              },
              "examples": {
                "NewEvent": {
                  "$ref": "#/components/examples/NewEventWebhook"
                }
              }
            }
          }
        },
        "responses": {
          "200": {
            "$ref": "#/components/responses/WebhookReceived"
          },
          "400": {
            "$ref": "#/components/responses/WebhookRejected"
          }
        }
      }
    }
  },
  "components": {
    "securitySchemes": {
      "BearerAuth": {
        "type": "http",
        "scheme": "bearer",
        "description": "The access token from `createAccessToken`, sent as\n`Authorization: Bearer {access_token}`. Required by every server-side\n`/public/v3/*` endpoint except the \"webflow\" ones. The token expires\nafter `expires_in` seconds; an expired or invalid token gives `401`.\n\n**Getting the token: call `createAccessToken` yourself.** It is an\nOAuth2 client-credentials grant, but Planky expects `client_id`,\n`client_secret` and `grant_type` **in a JSON request body**, not HTTP\nBasic auth and not a form-encoded body; generic OAuth2 tooling\n(Swagger UI, Postman, generated SDKs) sends the latter, so this spec\ndeclares no OAuth2 flow for tools to run. No scopes are documented.\nSource: <https://docs.planky.com/api-reference/v3.0/authentication>\n"
      },
      "AppUserToken": {
        "type": "apiKey",
        "in": "header",
        "name": "Authorization",
        "description": "The customer token from `createCustomerToken`, sent in the\n`Authorization` header as **`AppUserToken {customer_token}`**: the\nliteral word `AppUserToken`, one space, then the token, e.g.\n`Authorization: AppUserToken 9f2c4e7a1b3d`. The header *value* must\ninclude the prefix.\n\nPlanky's docs show this header on the custom-UX \"webflow\" endpoints;\nit is not a registered HTTP auth scheme, so this spec models it as an\nAPI key in the `Authorization` header (our modelling choice, not\nPlanky's wording). No lifetime is documented for the customer token.\nSource: <https://docs.planky.com/api-reference/v3.0/custom-ux-flow/utils/get-consent-status>\n"
      }
    },
    "parameters": {
      "CustomerId": {
        "name": "customer_id",
        "in": "path",
        "required": true,
        "description": "Planky customer id, as returned in `id` by `createCustomer`.",
        "schema": {
          "type": "string",
          "minLength": 1
        },
        "example": "1234"
      },
      "BankSlug": {
        "name": "bank_slug",
        "in": "path",
        "required": true,
        "description": "Bank identifier (\"slug\"), e.g. `barclays`. Slugs come from the bank lists (`GET /public/v3/webflow/banks` with the customer token, or `GET /public/v3/customers/{customer_id}/banks` with the access token); Planky publishes no fixed list.",
        "schema": {
          "type": "string",
          "minLength": 1
        },
        "example": "barclays"
      },
      "Page": {
        "name": "page",
        "in": "query",
        "required": false,
        "description": "Page number, starting at 1. **Assumption:** Planky documents this parameter for Get Transactions (\"Page number (1 by default)\"), not for this endpoint.",
        "schema": {
          "type": "integer",
          "minimum": 1,
          "default": 1
        },
        "example": 2
      },
      "MaxPerPage": {
        "name": "max_per_page",
        "in": "query",
        "required": false,
        "description": "Items per page. **Assumption:** Planky documents this parameter for Get Transactions (\"Item count on one page (1000 by default)\"), not for this endpoint; its default and maximum here are not documented.",
        "schema": {
          "type": "integer",
          "minimum": 1
        },
        "example": 50
      },
      "TransactionsPage": {
        "name": "page",
        "in": "query",
        "required": false,
        "description": "\"Page number (1 by default)\". Planky types it as an integer; `minimum: 1` is our addition.",
        "schema": {
          "type": "integer",
          "minimum": 1,
          "default": 1
        },
        "example": 2
      },
      "TransactionsMaxPerPage": {
        "name": "max_per_page",
        "in": "query",
        "required": false,
        "description": "\"Item count on one page (1000 by default)\". The largest value Planky accepts is not documented; `minimum: 1` is our addition.",
        "schema": {
          "type": "integer",
          "minimum": 1,
          "default": 1000
        },
        "example": 1000
      }
    },
    "headers": {
      "RetryAfter": {
        "description": "Optional. If present, how long to wait before retrying, either as a number of seconds or as an HTTP date (RFC 9110 section 10.2.3). Planky does not document sending this header; clients should use it when it is present and fall back to their own backoff otherwise.",
        "required": false,
        "schema": {
          "type": "string"
        },
        "example": "30"
      }
    },
    "schemas": {
      "TokenRequest": {
        "type": "object",
        "description": "Client-credentials token request, sent as JSON.",
        "required": [
          "client_id",
          "client_secret",
          "grant_type"
        ],
        "properties": {
          "client_id": {
            "type": "string",
            "description": "OAuth client id from \"Planky API keys\" in the dashboard."
          },
          "client_secret": {
            "type": "string",
            "description": "OAuth client secret from \"Planky API keys\" in the dashboard."
          },
          "grant_type": {
            "type": "string",
            "enum": [
              "client_credentials"
            ],
            "description": "Must be `client_credentials`; other grant types are not used."
          }
        }
      },
      "TokenResponse": {
        "type": "object",
        "description": "The access token. Field set taken from the docs' example\n`{\"access_token\": \"abcd\", \"expires_in\": 3600, \"token_type\": \"bearer\",\n\"scope\": null}`; the docs have no field table, so only the fields a\nclient needs (`access_token`, `expires_in`, `token_type`) are required.\n",
        "required": [
          "access_token",
          "expires_in",
          "token_type"
        ],
        "properties": {
          "access_token": {
            "type": "string",
            "description": "Send as `Authorization: Bearer {access_token}`."
          },
          "expires_in": {
            "type": "integer",
            "minimum": 0,
            "description": "Lifetime of the token in seconds (3600 in the docs' example)."
          },
          "token_type": {
            "type": "string",
            "minLength": 1,
            "description": "Token type. The docs' example has lowercase `bearer`; compare it case-insensitively."
          },
          "scope": {
            "type": [
              "string",
              "null"
            ],
            "description": "Granted scope. `null` in the docs' example."
          }
        }
      },
      "OAuthError": {
        "type": "object",
        "description": "Standard OAuth2 error body (RFC 6749 section 5.2) returned by the token\nendpoint. Documented by FriendlyScore's older API reference for the\nsame `/oauth/v2/token` endpoint: an invalid client gives HTTP `400` with\n`{\"error\": \"invalid_client\", \"error_description\": \"The client credentials ...\"}`\n(<https://developers.friendlyscore.com/cloud/api-reference>). Not\nre-confirmed by the v3 docs.\n",
        "required": [
          "error"
        ],
        "properties": {
          "error": {
            "type": "string",
            "description": "OAuth2 error code, e.g. `invalid_client`, `invalid_request`, `unsupported_grant_type`."
          },
          "error_description": {
            "type": "string",
            "description": "Human-readable explanation."
          }
        },
        "additionalProperties": true
      },
      "Error": {
        "type": "object",
        "description": "Error body of the `/public/v3/*` endpoints. **Planky does not publish\nthe shape of v3 error bodies** (no field names, no example), so this\nschema only lists fields commonly seen in such bodies, all optional,\nand allows anything else. Clients must not rely on any of these fields\nbeing present; use the HTTP status code to decide what happened and\ntreat the body as diagnostic text only. The body may not even be JSON.\n",
        "properties": {
          "error": {
            "type": "string",
            "description": "Short error code, if present (OAuth2 style)."
          },
          "error_description": {
            "type": "string",
            "description": "Human-readable explanation, if present (OAuth2 style)."
          },
          "message": {
            "type": "string",
            "description": "Human-readable message, if present."
          },
          "code": {
            "type": [
              "string",
              "integer"
            ],
            "description": "Machine-readable error code, if present."
          }
        },
        "additionalProperties": true
      },
      "CreateCustomerRequest": {
        "type": "object",
        "required": [
          "user_reference"
        ],
        "properties": {
          "user_reference": {
            "type": "string",
            "description": "A unique string from your system that identifies the customer (for example a primary key). Use the same value as `reference` when creating invitations for this customer."
          }
        }
      },
      "Customer": {
        "type": "object",
        "required": [
          "id",
          "user_reference"
        ],
        "properties": {
          "id": {
            "type": "string",
            "description": "Customer id. You will use this id across all customer-scoped endpoints."
          },
          "user_reference": {
            "type": "string",
            "description": "The `user_reference` you supplied."
          }
        }
      },
      "CustomerToken": {
        "type": "object",
        "required": [
          "token"
        ],
        "properties": {
          "token": {
            "type": "string",
            "description": "Customer token. Use it as `Authorization: AppUserToken {token}` on the custom-UX \"webflow\" endpoints and in Planky's mobile SDKs. No lifetime is documented."
          }
        }
      },
      "CustomerType": {
        "type": "string",
        "enum": [
          "Individual",
          "Business"
        ],
        "description": "Whether the invited customer is a private individual or a business."
      },
      "CreateInvitationRequest": {
        "type": "object",
        "description": "Only `email` and `reference` are required. Source: <https://docs.planky.com/api-reference/v3.0/invitations/create-invitation>",
        "required": [
          "email",
          "reference"
        ],
        "properties": {
          "customer_type": {
            "$ref": "#/components/schemas/CustomerType"
          },
          "last_name": {
            "type": "string",
            "description": "Customer's last name."
          },
          "first_name": {
            "type": "string",
            "description": "Customer's first name."
          },
          "company_name": {
            "type": "string",
            "description": "Company name (for business customers)."
          },
          "email": {
            "type": "string",
            "format": "email",
            "description": "Email address of the customer; the invitation is sent here when `send_email` is `true`. Planky's table types it as a plain string; `format: email` is our addition."
          },
          "phone": {
            "type": "string",
            "description": "Customer's phone number (free text; the docs' example is `+44123456789`)."
          },
          "reference": {
            "type": "string",
            "description": "Customer reference: must be equal to the `user_reference` of a customer you created before. The invitation is attached to that customer."
          },
          "send_email": {
            "type": "boolean",
            "description": "Set to `true` to have Planky email the invitation; `false` to only get the URL back. The default when omitted is not documented."
          }
        }
      },
      "Invitation": {
        "type": "object",
        "description": "An invitation, as returned by `createInvitation` (and as the elements of\n`GET /public/v3/invitations`).\n\n**Required but nullable fields.** Planky's response table marks\n`customer_type`, `last_name`, `first_name`, `company_name` and `phone`\nas required, but the matching request fields are optional (a business\ninvitation typically has no first/last name, an individual one no\ncompany name). The docs do not say what is returned for a field that\nwas not supplied, so these are modelled as **required (always present,\nas documented) but nullable**.\n\n**Timestamps** (`created_at`, `revoked_at`, `used_at`) are integer Unix\ntime in seconds, as the table says. Note that the docs' Get Invitations\nexample prints them (and `expires_in`) as JSON *strings*, e.g.\n`\"created_at\": \"1553077496\"`; this spec follows the table, but a\ntolerant client may want to accept numeric strings too.\nSource: <https://docs.planky.com/api-reference/v3.0/invitations/get-invitations>\n",
        "required": [
          "id",
          "customer_type",
          "last_name",
          "first_name",
          "company_name",
          "email",
          "phone",
          "reference",
          "send_email",
          "created_at",
          "expires_in",
          "url"
        ],
        "properties": {
          "id": {
            "type": "string",
            "description": "Invitation id."
          },
          "customer_type": {
            "description": "`Individual` or `Business`. Nullable because the request field is optional and no default is documented.",
            "anyOf": [
              {
                "$ref": "#/components/schemas/CustomerType"
              },
              {
                "type": "null"
              }
            ]
          },
          "last_name": {
            "type": [
              "string",
              "null"
            ],
            "description": "Last name (`null` if not supplied; see above)."
          },
          "first_name": {
            "type": [
              "string",
              "null"
            ],
            "description": "First name (`null` if not supplied; see above)."
          },
          "company_name": {
            "type": [
              "string",
              "null"
            ],
            "description": "Company name (`null` if not supplied; see above)."
          },
          "email": {
            "type": "string",
            "format": "email",
            "description": "Email address of the customer. Planky's table types it as a plain string; `format: email` is our addition."
          },
          "phone": {
            "type": [
              "string",
              "null"
            ],
            "description": "Phone number (`null` if not supplied; see above)."
          },
          "reference": {
            "type": "string",
            "description": "Customer reference (the customer's `user_reference`)."
          },
          "send_email": {
            "type": "boolean",
            "description": "Whether Planky emails the invitation (the docs' Get Invitations page says \"Determines if the invitation e-mail was sent\")."
          },
          "created_at": {
            "type": "integer",
            "format": "int64",
            "minimum": 0,
            "description": "When the invitation was created, Unix time in seconds."
          },
          "revoked_at": {
            "type": [
              "integer",
              "null"
            ],
            "format": "int64",
            "minimum": 0,
            "description": "When the invitation was revoked, Unix time in seconds. Optional in the docs; absent or `null` when not revoked."
          },
          "used_at": {
            "type": [
              "integer",
              "null"
            ],
            "format": "int64",
            "minimum": 0,
            "description": "When the customer used the invitation, Unix time in seconds. Optional in the docs; absent or `null` when not used yet."
          },
          "expires_in": {
            "type": "integer",
            "minimum": 0,
            "description": "Validity of the invitation in seconds (\"Expires in [s] seconds\"). The docs do not say from when it counts; presumably from `created_at`."
          },
          "url": {
            "type": "string",
            "format": "uri",
            "description": "The invitation URL to share with your customer, e.g. `https://planky.com/invitation/123456789abcdef`. Planky types it as a plain string; `format: uri` is our addition."
          }
        }
      },
      "InvitationList": {
        "type": "object",
        "description": "One page of `GET /public/v3/invitations`. `page` is 1-based (as for Get\nTransactions); the docs' example shows `0` for every paging number,\nwhich reads as a placeholder, so `0` is allowed (e.g. `pages: 0` for no\ninvitations at all).\nSource: <https://docs.planky.com/api-reference/v3.0/invitations/get-invitations>\n",
        "required": [
          "page",
          "pages",
          "max_per_page",
          "data"
        ],
        "properties": {
          "page": {
            "type": "integer",
            "minimum": 0,
            "description": "Number of this page (1 is the first)."
          },
          "pages": {
            "type": "integer",
            "minimum": 0,
            "description": "Total number of pages."
          },
          "max_per_page": {
            "type": "integer",
            "minimum": 0,
            "description": "Maximum number of items on one page."
          },
          "data": {
            "type": "array",
            "description": "The invitations on this page.",
            "items": {
              "$ref": "#/components/schemas/Invitation"
            }
          },
          "_links": {
            "$ref": "#/components/schemas/PageLinks"
          }
        }
      },
      "PageLinks": {
        "type": "object",
        "description": "HAL-style links between pages. The docs show all four; which of them are present on the first and the last page is not documented, so each is optional. A client should follow `next` when present.",
        "properties": {
          "self": {
            "$ref": "#/components/schemas/Link"
          },
          "next": {
            "$ref": "#/components/schemas/Link"
          },
          "previous": {
            "$ref": "#/components/schemas/Link"
          },
          "last": {
            "$ref": "#/components/schemas/Link"
          }
        }
      },
      "Link": {
        "type": "object",
        "required": [
          "href"
        ],
        "properties": {
          "href": {
            "type": "string",
            "description": "URL of the linked page. Whether it is absolute or relative to the API host is not documented; resolve it against the URL of the request that returned it."
          }
        }
      },
      "AccountAuthorizationGrantedWebhook": {
        "type": "object",
        "description": "Payload of `ACCOUNT_AUTHORIZATION_GRANTED`.",
        "required": [
          "msg",
          "customer_id",
          "account_id",
          "webhook_type"
        ],
        "properties": {
          "msg": {
            "$ref": "#/components/schemas/WebhookMessage"
          },
          "customer_id": {
            "$ref": "#/components/schemas/WebhookCustomerId"
          },
          "account_id": {
            "$ref": "#/components/schemas/WebhookAccountId"
          },
          "webhook_type": {
            "type": "string",
            "enum": [
              "ACCOUNT_AUTHORIZATION_GRANTED"
            ]
          }
        }
      },
      "AccountAuthorizationLostWebhook": {
        "type": "object",
        "description": "Payload of `ACCOUNT_AUTHORIZATION_LOST`.",
        "required": [
          "msg",
          "customer_id",
          "account_id",
          "webhook_type"
        ],
        "properties": {
          "msg": {
            "$ref": "#/components/schemas/WebhookMessage"
          },
          "customer_id": {
            "$ref": "#/components/schemas/WebhookCustomerId"
          },
          "account_id": {
            "$ref": "#/components/schemas/WebhookAccountId"
          },
          "webhook_type": {
            "type": "string",
            "enum": [
              "ACCOUNT_AUTHORIZATION_LOST"
            ]
          }
        }
      },
      "ReportAvailableWebhook": {
        "type": "object",
        "description": "Payload of `REPORT_AVAILABLE`.",
        "required": [
          "msg",
          "customer_id",
          "webhook_type"
        ],
        "properties": {
          "msg": {
            "$ref": "#/components/schemas/WebhookMessage"
          },
          "customer_id": {
            "$ref": "#/components/schemas/WebhookCustomerId"
          },
          "webhook_type": {
            "type": "string",
            "enum": [
              "REPORT_AVAILABLE"
            ]
          }
        }
      },
      "ReportUpdatedWebhook": {
        "type": "object",
        "description": "Payload of `REPORT_UPDATED`.",
        "required": [
          "msg",
          "customer_id",
          "webhook_type"
        ],
        "properties": {
          "msg": {
            "$ref": "#/components/schemas/WebhookMessage"
          },
          "customer_id": {
            "$ref": "#/components/schemas/WebhookCustomerId"
          },
          "webhook_type": {
            "type": "string",
            "enum": [
              "REPORT_UPDATED"
            ]
          }
        }
      },
      "NewEventWebhook": {
        "type": "object",
        "description": "Payload of `NEW_EVENT`.",
        "required": [
          "msg",
          "event_id",
          "customer_id",
          "webhook_type"
        ],
        "properties": {
          "msg": {
            "$ref": "#/components/schemas/WebhookMessage"
          },
          "event_id": {
            "type": "integer",
            "description": "Id of the new event or alert. A number in the docs' example (`'event_id': 123`)."
          },
          "customer_id": {
            "$ref": "#/components/schemas/WebhookCustomerId"
          },
          "webhook_type": {
            "type": "string",
            "enum": [
              "NEW_EVENT"
            ]
          }
        }
      },
      "WebhookMessage": {
        "type": "string",
        "description": "Human-readable description of the event, e.g. `Customer report is available`. Meant for people; do not branch on it, use `webhook_type`."
      },
      "WebhookCustomerId": {
        "type": "integer",
        "description": "Planky customer id. A **number** in the webhook examples (`'customer_id': 123`) while the REST API returns the customer id as a string (`\"id\": \"1234\"`); compare as `String(customer_id)`."
      },
      "WebhookAccountId": {
        "type": "integer",
        "description": "Id of the bank account the event is about. A **number** in the docs' example (`'account_id': 123`)."
      },
      "ConsentStatus": {
        "type": "object",
        "description": "The customer's consent at one bank. Timestamps are integer Unix time in\nseconds (the docs' example values decode to dates in 2019-2022).\nSource: <https://docs.planky.com/api-reference/v3.0/custom-ux-flow/utils/get-consent-status>\n",
        "required": [
          "consent_id",
          "creation_date_time",
          "status",
          "status_update_date_time",
          "permissions",
          "transaction_from_date_time",
          "transaction_to_date_time"
        ],
        "properties": {
          "consent_id": {
            "type": "string",
            "description": "Id of the customer's consent for bank account data."
          },
          "creation_date_time": {
            "type": "integer",
            "format": "int64",
            "minimum": 0,
            "description": "When the consent was created, Unix time in seconds."
          },
          "status": {
            "type": "string",
            "enum": [
              "Authorised",
              "AwaitingAuthorisation",
              "Rejected",
              "Revoked"
            ],
            "description": "Status of the consent. Planky lists the values without explaining\nthem. They, like this object's field names, are those of the UK\nOpen Banking account-access-consent resource, whose standard\ndefines them: `AwaitingAuthorisation` \"The account access consent\nis awaiting authorisation\", `Rejected` \"has been rejected\",\n`Authorised` \"has been successfully authorised\", `Revoked` \"has\nbeen revoked\"\n(<https://openbankinguk.github.io/read-write-api-site3/v3.1.10/resources-and-data-models/aisp/account-access-consents.html>).\nThat Planky passes the bank's status through unchanged is our\ninference.\n\nThe standard has **no `Expired` status**: expiry is the separate\n`expiration_date_time`, so a consent past that time may still read\n`Authorised` (our reading of the standard). Planky also documents a\n90-day reconfirmation: \"We will not update bank feed data if we do\nnot receive reconfirmation within each 90-day period\"\n(<https://docs.planky.com/api-reference/v3.0/customer-banking-data/post-bank-consent-reconfirmation>;\nsee `reconfirmBankConsent` and `consent_reconfirmation_date` on\n`getBankConsent`). What happens to the status without it is not\ndocumented.\n\nThe values follow the consent-status page. Newer snapshots of\n*other* Planky pages (Get Bank Consent, the bank list's\n`last_account_consent`) spell one value with a space,\n`Awaiting Authorisation` (see `AccountConsentStatus`, which accepts\nboth); a tolerant client may want to treat both spellings, and\nunknown values, gracefully.\n"
          },
          "status_update_date_time": {
            "type": "integer",
            "format": "int64",
            "minimum": 0,
            "description": "When the status last changed, Unix time in seconds."
          },
          "permissions": {
            "type": "array",
            "description": "Permissions that were requested. Planky documents no fixed list; the values in the docs' example are UK Open Banking (OBIE) permission codes such as `ReadAccountsBasic`, `ReadBalances` or `ReadTransactionsDetail`.",
            "items": {
              "type": "string",
              "examples": [
                "ReadAccountsBasic",
                "ReadAccountsDetail",
                "ReadBalances",
                "ReadTransactionsDetail"
              ]
            }
          },
          "expiration_date_time": {
            "type": [
              "integer",
              "null"
            ],
            "format": "int64",
            "minimum": 0,
            "description": "When the consent expires, Unix time in seconds. Optional and \"can be null\" per the docs (the docs' example has `null` while awaiting authorisation)."
          },
          "transaction_from_date_time": {
            "type": "integer",
            "format": "int64",
            "minimum": 0,
            "description": "Start of the period of transaction data requested from the bank, Unix time in seconds. By default Planky tries to pull 5 years of data; banks can restrict the history to a shorter period. (In the docs' own example it is 3 years before `creation_date_time`, not 5.)"
          },
          "transaction_to_date_time": {
            "type": "integer",
            "format": "int64",
            "minimum": 0,
            "description": "End of the period of data access, Unix time in seconds. The docs say \"By default it is 3 months\" (in the docs' example it is 90 days after `creation_date_time`)."
          }
        }
      },
      "CustomerList": {
        "type": "object",
        "description": "`GET /public/v3/customers`: the customers in `data`, no paging fields. Source: <https://docs.friendlyscore.com/api-reference/v3.0/customers/get-customers>",
        "required": [
          "data"
        ],
        "properties": {
          "data": {
            "type": "array",
            "description": "Customer objects.",
            "items": {
              "$ref": "#/components/schemas/Customer"
            }
          }
        }
      },
      "Bank": {
        "type": "object",
        "description": "A bank, as both bank lists describe it (shared fields). The customer\nbank list (`listCustomerBanks`) documents exactly these; the webflow\nlist (`listWebflowBanks`) adds `logo_url` and `bank_configuration`\n(see `WebflowBankMetadata`).\nSources: <https://docs.planky.com/api-reference/v3.0/customer-banking-data/get-banks>,\n<https://docs.planky.com/api-reference/v3.0/custom-ux-flow/build-steps/step-4-get-list-of-banks>\n",
        "required": [
          "name",
          "slug",
          "is_active",
          "country_code",
          "type",
          "is_working",
          "is_api_only"
        ],
        "properties": {
          "name": {
            "type": "string",
            "description": "Name of the bank."
          },
          "slug": {
            "type": "string",
            "minLength": 1,
            "description": "Bank slug, the bank's unique identifier: \"You will use bank slug in many endpoints to identify bank\" (the `bank_slug` path parameter)."
          },
          "is_active": {
            "type": "boolean",
            "description": "Whether the bank is active (\"and should be displayed to customers\", says the webflow page)."
          },
          "country_code": {
            "type": "string",
            "description": "Country code. \"Currently only GB is supported.\"",
            "examples": [
              "GB"
            ]
          },
          "type": {
            "type": [
              "string",
              "null"
            ],
            "enum": [
              "Personal",
              "Business",
              null
            ],
            "description": "Bank type: `Personal`, `Business`, or `null` (\"personal and business bank accounts\", per the webflow page)."
          },
          "is_working": {
            "type": "boolean",
            "description": "Whether Planky can reach the bank (its API responds) at this moment."
          },
          "is_api_only": {
            "type": "boolean",
            "description": "Whether the bank is only used for posting your own data to Planky (no connectivity); such a bank is not displayed to customers."
          }
        }
      },
      "BankConfiguration": {
        "type": "object",
        "description": "Data-access period of a bank, in months.",
        "required": [
          "transactions_consent_from",
          "transactions_consent_to"
        ],
        "properties": {
          "transactions_consent_from": {
            "type": "integer",
            "description": "\"Number of historical months for which bank account data will be accessed from the bank\"."
          },
          "transactions_consent_to": {
            "type": "integer",
            "description": "\"Number of months in the future for which bank account data will be accessible\"."
          }
        }
      },
      "WebflowBankMetadata": {
        "description": "The `bank` of a webflow bank-list item (\"Bank Metadata\").",
        "allOf": [
          {
            "$ref": "#/components/schemas/Bank"
          },
          {
            "type": "object",
            "required": [
              "logo_url",
              "bank_configuration"
            ],
            "properties": {
              "logo_url": {
                "type": "string",
                "description": "Logo URL."
              },
              "bank_configuration": {
                "$ref": "#/components/schemas/BankConfiguration"
              }
            }
          }
        ]
      },
      "BankAccount": {
        "type": "object",
        "description": "A connected bank account, as listed by `listWebflowBanks`.",
        "required": [
          "account_type",
          "account_number",
          "is_authorized"
        ],
        "properties": {
          "account_type": {
            "type": "string",
            "enum": [
              "Personal",
              "Business"
            ],
            "description": "Type of the bank account."
          },
          "account_number": {
            "type": "string",
            "description": "Account number."
          },
          "is_authorized": {
            "type": "boolean",
            "description": "Whether Planky is authorised to pull data for this account."
          }
        }
      },
      "WebflowBank": {
        "type": "object",
        "description": "One item of `GET /public/v3/webflow/banks`.",
        "required": [
          "bank",
          "accounts",
          "connected"
        ],
        "properties": {
          "bank": {
            "$ref": "#/components/schemas/WebflowBankMetadata"
          },
          "accounts": {
            "type": "array",
            "description": "The customer's connected accounts at this bank.",
            "items": {
              "$ref": "#/components/schemas/BankAccount"
            }
          },
          "connected": {
            "type": "boolean",
            "description": "Whether the bank is connected."
          },
          "last_account_consent": {
            "description": "The last consent at this bank. Optional. **The snapshots\ndisagree:** older copies of the page type it as `int`\n(\"Timestamp of the last consent\"), the newer copy as an Account\nConsent object; both are accepted, and `null` too (our\ntolerance, not documented).\n",
            "anyOf": [
              {
                "$ref": "#/components/schemas/AccountConsent"
              },
              {
                "type": "integer",
                "description": "Timestamp of the last consent (older snapshots)."
              },
              {
                "type": "null"
              }
            ]
          }
        }
      },
      "CustomerBank": {
        "description": "One item of `listCustomerBanks`: a bank and the customer's consents there.",
        "allOf": [
          {
            "$ref": "#/components/schemas/Bank"
          },
          {
            "type": "object",
            "required": [
              "account_consents"
            ],
            "properties": {
              "account_consents": {
                "type": "array",
                "description": "\"Bank accounts consents for this bank\". The docs name the type \"Account Consent\"; that it is an array follows from the plural (our reading).",
                "items": {
                  "$ref": "#/components/schemas/AccountConsent"
                }
              }
            }
          }
        ]
      },
      "CustomerBankList": {
        "type": "object",
        "required": [
          "data"
        ],
        "properties": {
          "data": {
            "type": "array",
            "description": "Array of available banks.",
            "items": {
              "$ref": "#/components/schemas/CustomerBank"
            }
          }
        }
      },
      "AccountConsentStatus": {
        "type": "string",
        "enum": [
          "Authorised",
          "AwaitingAuthorisation",
          "Awaiting Authorisation",
          "Rejected",
          "Revoked"
        ],
        "description": "Status of a bank consent, as the Bearer consent endpoints and the\nwebflow bank list's `last_account_consent` report it. For what the\nvalues mean (UK Open Banking account-access-consent statuses; no\n`Expired`; the 90-day reconfirmation) see `ConsentStatus.status`. Older snapshots\nof these pages spell one value `AwaitingAuthorisation`; the newer\nsnapshots write \"Awaiting Authorisation\", with a space. Which one the\nAPI sends is not documented, so both are accepted; treat them as the\nsame status.\n"
      },
      "AccountConsent": {
        "type": "object",
        "description": "A customer's consent at one bank (\"Account Consent\"), as returned by\n`getBankConsent`, in `listCustomerBanks`' `account_consents` and in\nthe webflow bank list's `last_account_consent`. Timestamps are Unix\ntime in seconds (the newer snapshot's example uses integers; the older\none prints them as JSON strings).\nSources: <https://docs.planky.com/api-reference/v3.0/customer-banking-data/get-bank-details>,\n<https://docs.planky.com/api-reference/v3.0/customer-banking-data/get-banks>,\n<https://docs.planky.com/api-reference/v3.0/custom-ux-flow/build-steps/step-4-get-list-of-banks>\n",
        "required": [
          "consent_id",
          "creation_date_time",
          "status",
          "status_update_date_time",
          "expiration_date_time",
          "transaction_from_date_time",
          "transaction_to_date_time"
        ],
        "properties": {
          "consent_id": {
            "type": "string",
            "minLength": 1,
            "description": "Consent id provided by the bank (\"Min 1 char\")."
          },
          "creation_date_time": {
            "type": "integer",
            "format": "int64",
            "minimum": 0,
            "description": "Creation timestamp."
          },
          "status": {
            "$ref": "#/components/schemas/AccountConsentStatus"
          },
          "status_update_date_time": {
            "type": "integer",
            "format": "int64",
            "minimum": 0,
            "description": "Status update timestamp."
          },
          "permissions": {
            "type": "array",
            "description": "List of permissions. Listed for `last_account_consent` on the webflow bank list only, so optional here.",
            "items": {
              "type": "string",
              "examples": [
                "ReadAccountsBasic",
                "ReadBalances",
                "ReadTransactionsDetail"
              ]
            }
          },
          "expiration_date_time": {
            "type": [
              "integer",
              "null"
            ],
            "format": "int64",
            "minimum": 0,
            "description": "When the permissions expire. \"If it is null, the permissions will not expire.\""
          },
          "transaction_from_date_time": {
            "type": [
              "integer",
              "null"
            ],
            "format": "int64",
            "minimum": 0,
            "description": "Start of the transaction query period. \"If this is not populated, the start date will be open-ended\" (so `null` is accepted)."
          },
          "transaction_to_date_time": {
            "type": [
              "integer",
              "null"
            ],
            "format": "int64",
            "minimum": 0,
            "description": "End of the transaction query period. \"If this is not populated, the end date will be open-ended\" (so `null` is accepted)."
          },
          "consent_reconfirmation_date": {
            "type": [
              "integer",
              "null"
            ],
            "format": "int64",
            "minimum": 0,
            "description": "Consent reconfirmation date. \"Consent must be reconfirmed by the end customer every 90 days. The bank feed will not be updated if you do not reconfirm with end customer consent every 90 days.\" Only in the newer snapshot of Get Bank Consent, so optional here. Whether it is the last day to reconfirm is not documented: the page's own example puts it 151 days after `creation_date_time`, not 90."
          }
        }
      },
      "CreateWebhookRequest": {
        "type": "object",
        "required": [
          "url"
        ],
        "properties": {
          "url": {
            "type": "string",
            "minLength": 1,
            "description": "\"Valid URL for webhook\". Planky types it as a plain string (`minLength` is our addition)."
          },
          "comment": {
            "type": "string",
            "description": "Optional comment (the docs give no further meaning)."
          }
        }
      },
      "Webhook": {
        "type": "object",
        "required": [
          "id"
        ],
        "properties": {
          "id": {
            "type": "string",
            "description": "Webhook id."
          }
        }
      },
      "ThirdParty": {
        "type": "object",
        "description": "A third-party company that will receive the customer's shared data.",
        "required": [
          "company_name"
        ],
        "properties": {
          "company_name": {
            "type": "string",
            "description": "Third-party company name."
          },
          "company_address": {
            "type": "string"
          },
          "company_city": {
            "type": "string"
          },
          "company_country": {
            "type": "string"
          },
          "company_phone": {
            "type": "string"
          },
          "company_email": {
            "type": "string"
          },
          "company_website": {
            "type": "string"
          }
        }
      },
      "SharingPurpose": {
        "type": "object",
        "required": [
          "description"
        ],
        "properties": {
          "description": {
            "type": "string",
            "description": "Description of the purpose of sharing the data."
          }
        }
      },
      "DataSharingDetails": {
        "type": "object",
        "description": "What you tell the customer about data sharing; both fields optional.\nThe newer docs say to send an empty array for \"no third parties\" /\n\"use the default purpose\" (\"Apply bank transaction data to improve\nyour financial credibility\"); older copies said to set them to\n`null`. Both are accepted.\nSource: <https://docs.planky.com/api-reference/v3.0/custom-ux-flow/build-steps/step-5-create-consent-screen>\n",
        "properties": {
          "application_sharing_third_parties": {
            "type": [
              "array",
              "null"
            ],
            "description": "Third-party companies that will receive shared customer data; the customer must be told about them on the consent screen.",
            "items": {
              "$ref": "#/components/schemas/ThirdParty"
            }
          },
          "application_sharing_purposes": {
            "type": [
              "array",
              "null"
            ],
            "description": "Purposes of sharing the data.",
            "items": {
              "$ref": "#/components/schemas/SharingPurpose"
            }
          }
        }
      },
      "ConsentScreen": {
        "type": "object",
        "description": "Response of `createConsentScreen`. **Thinly documented:** only the\ntwo top-level fields and the `metadata` fields below are published.\n",
        "required": [
          "metadata",
          "consents"
        ],
        "properties": {
          "metadata": {
            "type": "object",
            "description": "Consent screen metadata; fields beyond those listed are allowed.",
            "required": [
              "name",
              "slug",
              "logo_url",
              "company_name",
              "application_name"
            ],
            "properties": {
              "name": {
                "type": "string",
                "description": "Bank name."
              },
              "slug": {
                "type": "string",
                "description": "Bank slug."
              },
              "logo_url": {
                "type": "string",
                "description": "Bank logo URL."
              },
              "company_name": {
                "type": "string",
                "description": "Your company name."
              },
              "application_name": {
                "type": "string",
                "description": "Your application name (\"will be the same as company_name as default\")."
              },
              "application_sharing_purposes": {
                "type": [
                  "array",
                  "null"
                ],
                "description": "Sharing purposes (listed in the table; its description is cut off in every copy).",
                "items": {
                  "$ref": "#/components/schemas/SharingPurpose"
                }
              }
            },
            "additionalProperties": true
          },
          "consents": {
            "description": "\"Ready to use consent descriptions\". **The shape is not documented** in any published copy, so this spec leaves it open."
          }
        }
      },
      "BankFlowUrl": {
        "type": "object",
        "description": "Response of `createBankFlowUrl`.",
        "required": [
          "url",
          "consent_id",
          "state",
          "transaction_from_date_time",
          "transaction_to_date_time"
        ],
        "properties": {
          "url": {
            "type": "string",
            "format": "uri",
            "description": "Bank flow URL. \"You must direct the customer to their online banking provider via this URL.\" Planky types it as a plain string; `format: uri` is our addition."
          },
          "consent_id": {
            "type": "string",
            "description": "Id of the bank consent."
          },
          "state": {
            "type": "string",
            "description": "\"Unique state for current process\"; it comes back as the `state` query parameter of your redirect URL."
          },
          "transaction_from_date_time": {
            "type": "integer",
            "format": "int64",
            "minimum": 0,
            "description": "Start of the data-access period, Unix time in seconds."
          },
          "transaction_to_date_time": {
            "type": "integer",
            "format": "int64",
            "minimum": 0,
            "description": "End of the data-access period, Unix time in seconds."
          }
        }
      },
      "OperationStatus": {
        "type": "object",
        "required": [
          "status"
        ],
        "properties": {
          "status": {
            "type": "string",
            "description": "Status of the operation (`success` in the docs' example)."
          }
        }
      },
      "CreateAllowedRedirectUrlRequest": {
        "type": "object",
        "description": "Source: <https://docs.planky.com/api-reference/v3.0/custom-ux-flow/allowed-redirects/create-allowed-redirect-url>",
        "required": [
          "url"
        ],
        "properties": {
          "url": {
            "type": "string",
            "minLength": 1,
            "description": "\"URL to which we will redirect the customer back to your application\". Planky types it as a plain string (`minLength` is our addition)."
          },
          "comment": {
            "type": "string",
            "description": "\"A description for the URL\"."
          }
        }
      },
      "AllowedRedirectUrl": {
        "type": "object",
        "required": [
          "allowed_redirect_url_id"
        ],
        "properties": {
          "allowed_redirect_url_id": {
            "type": "integer",
            "description": "\"ID of the Allowed Redirect URL\" (an `int`, unlike most Planky ids)."
          }
        }
      },
      "ReconfirmationStatus": {
        "type": "object",
        "required": [
          "status"
        ],
        "properties": {
          "status": {
            "type": "boolean",
            "description": "\"Return status fo[r] the operation\" (`true` in the docs' example)."
          }
        }
      },
      "Account": {
        "type": "object",
        "description": "One of the customer's bank accounts.\nSource: <https://docs.planky.com/api-reference/v3.0/customer-banking-data/get-accounts>\n",
        "required": [
          "id",
          "currency",
          "is_authorized",
          "bank_slug",
          "type",
          "sub_type",
          "number",
          "scheme_name"
        ],
        "properties": {
          "id": {
            "type": "string",
            "description": "Account ID."
          },
          "currency": {
            "type": "string",
            "description": "Currency code (compatible with ISO 4217)."
          },
          "name": {
            "type": "string",
            "description": "\"The account name is the name or names of the account owner(s) represented at an account level, as displayed by the ASPSPs online channels. Note, the account name is not the product name or the nickname of the account.\""
          },
          "is_authorized": {
            "type": "boolean",
            "description": "\"Determines if Planky is authorized to pull data for this bank account\"."
          },
          "nickname": {
            "type": "string",
            "description": "\"The nickname of the account, assigned by the account owner in order to provide an additional means of identification of the account.\""
          },
          "identification": {
            "type": "string",
            "description": "\"Identification assigned by an institution to identify an account. This identification is known by the account owner.\""
          },
          "secondary_identification": {
            "type": "string",
            "description": "\"This is secondary identification of the account, as assigned by the account servicing institution. This can be used by building societies to additionally identify accounts with a roll number (in addition to a sort code and account number combination).\""
          },
          "bank_slug": {
            "type": "string",
            "description": "Slug of the associated bank."
          },
          "type": {
            "type": "string",
            "enum": [
              "Business",
              "Personal"
            ],
            "description": "Account type (\"Allowed:(Business, Personal)\")."
          },
          "sub_type": {
            "type": "string",
            "enum": [
              "ChargeCard",
              "CreditCard",
              "CurrentAccount",
              "EMoney",
              "Loan",
              "Mortgage",
              "PrePaidCard",
              "Savings"
            ],
            "description": "Account sub-type, as the docs list the allowed values."
          },
          "number": {
            "type": "string",
            "description": "Account number (full Open Banking account number)."
          },
          "sort_code_and_account_number": {
            "type": [
              "object",
              "null"
            ],
            "description": "\"Sort code and account number. Sort code and account number are not null only when the scheme_name is set to UK.OBIE.SortCodeAccountNumber.\" Its fields (\"Sort Code and Account Number\") could not be retrieved from the published pages, so the object is left open.",
            "additionalProperties": true
          },
          "scheme_name": {
            "type": "string",
            "description": "\"Name of the identification scheme.\" For example: \"Where \"UK.OBIE.SortCodeAccountNumber\" is specified as the SchemeName, the Identification field must be populated with the 6 digit Sort Code and 8 digit Account Number (a 14 digit field)\". The rest of the docs' list of schemes could not be retrieved, so no enum is modelled."
          }
        }
      },
      "AccountList": {
        "type": "object",
        "description": "`GET /public/v3/customers/{customer_id}/accounts`. Wrapping the accounts in `data` is our inference (see `listAccounts`).",
        "required": [
          "data"
        ],
        "properties": {
          "data": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/Account"
            }
          }
        }
      },
      "CreditLine": {
        "type": "object",
        "description": "A credit line of the account (\"Credit Line\"); both fields are optional.",
        "properties": {
          "amount": {
            "type": "string",
            "description": "Credit line amount (a string in the table and the example)."
          },
          "type": {
            "type": "string",
            "description": "Credit line type (`Pre-Agreed` in the docs' example)."
          }
        }
      },
      "Balance": {
        "type": "object",
        "description": "One balance of one of the customer's accounts. Further fields are\nallowed (the docs' example has `custom_data`, which the table does not\nlist).\nSource: <https://docs.planky.com/api-reference/v3.0/customer-banking-data/get-balances>\n",
        "required": [
          "id",
          "amount",
          "currency",
          "type",
          "bank_slug",
          "account_number",
          "date_time"
        ],
        "properties": {
          "id": {
            "type": "string",
            "description": "Balance ID."
          },
          "amount": {
            "type": "number",
            "description": "\"Amount of associated currency (positive for income and negative for expenditure)\". A `float` in the table; the docs' example prints it as a string (`\"22.35\"`)."
          },
          "currency": {
            "type": "string",
            "description": "Currency code (compatible with ISO 4217)."
          },
          "type": {
            "type": "string",
            "enum": [
              "ClosingAvailable",
              "ClosingBooked",
              "ClosingCleared",
              "Expected",
              "ForwardAvailable",
              "Information",
              "InterimAvailable",
              "InterimBooked",
              "InterimCleared",
              "OpeningAvailable",
              "OpeningBooked",
              "OpeningCleared"
            ],
            "description": "Balance type, as the docs list the allowed values."
          },
          "bank_slug": {
            "type": "string",
            "description": "Slug of the associated bank."
          },
          "account_number": {
            "type": "string",
            "description": "Number of the associated account."
          },
          "date_time": {
            "type": "integer",
            "format": "int64",
            "minimum": 0,
            "description": "\"date and time in timestamp format\" (Unix seconds; the docs' example prints it as a string)."
          },
          "credit_line": {
            "description": "Credit line. One \"Credit Line\" object in the table, an array of them in the docs' example; both are accepted.",
            "anyOf": [
              {
                "$ref": "#/components/schemas/CreditLine"
              },
              {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/CreditLine"
                }
              }
            ]
          }
        },
        "additionalProperties": true
      },
      "BalanceList": {
        "type": "object",
        "description": "`GET /public/v3/customers/{customer_id}/balances`, wrapped in `data` as in the docs' example.",
        "required": [
          "data"
        ],
        "properties": {
          "data": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/Balance"
            }
          }
        }
      },
      "Transaction": {
        "type": "object",
        "description": "One transaction of one of the customer's accounts.\nSource: <https://docs.planky.com/api-reference/v3.0/customer-banking-data/get-transactions>\n",
        "required": [
          "id",
          "name",
          "amount",
          "balance",
          "currency",
          "status",
          "bank_slug",
          "account_number",
          "value_date_time",
          "booking_date_time"
        ],
        "properties": {
          "id": {
            "type": "string",
            "description": "Transaction ID."
          },
          "external_transaction_id": {
            "type": "string",
            "description": "\"Transaction ID from the original data source. Must be unique for associated customer and bank account.\""
          },
          "name": {
            "type": "string",
            "description": "Transaction name or description."
          },
          "type": {
            "type": "string",
            "description": "Transaction type, if available."
          },
          "amount": {
            "type": "number",
            "description": "\"Amount of associated currency (positive for income and negative for expenditure)\" (`float`)."
          },
          "balance": {
            "type": "object",
            "description": "\"Transaction Balance ocject\" (sic). Its fields (\"Balance\") could not be retrieved from the published pages, so the object is left open.",
            "additionalProperties": true
          },
          "currency": {
            "type": "string",
            "description": "Currency code (compatible with ISO 4217)."
          },
          "status": {
            "type": "string",
            "enum": [
              "Booked",
              "Pending"
            ],
            "description": "Transaction status (\"Allowed:(Booked, Pending)\")."
          },
          "bank_slug": {
            "type": "string",
            "description": "Slug of the associated bank."
          },
          "account_number": {
            "type": "string",
            "description": "Account number (\"Includes account number and sort code\")."
          },
          "category": {
            "type": "string",
            "description": "Category of the transaction."
          },
          "category_type": {
            "type": "string",
            "description": "Category type."
          },
          "address_line": {
            "type": "string",
            "description": "Address line."
          },
          "merchant_details": {
            "type": "object",
            "description": "\"Details of the merchant involved in the transaction\". Its fields could not be retrieved from the published pages, so the object is left open.",
            "additionalProperties": true
          },
          "proprietary_bank_transaction_code": {
            "type": "object",
            "description": "\"Set of elements to fully identify a proprietary bank transaction code.\" Its fields could not be retrieved from the published pages, so the object is left open.",
            "additionalProperties": true
          },
          "value_date_time": {
            "type": "integer",
            "format": "int64",
            "minimum": 0,
            "description": "Timestamp of value date and time (Unix seconds)."
          },
          "booking_date_time": {
            "type": "integer",
            "format": "int64",
            "minimum": 0,
            "description": "Timestamp of booking date and time (Unix seconds)."
          }
        }
      },
      "TransactionList": {
        "type": "object",
        "description": "One page of `GET /public/v3/customers/{customer_id}/transactions`. The\nenvelope is that of Planky's other paginated list (Get Invitations);\nthat Get Transactions uses it too is our inference (see\n`listTransactions`).\n",
        "required": [
          "page",
          "pages",
          "max_per_page",
          "data"
        ],
        "properties": {
          "page": {
            "type": "integer",
            "minimum": 0,
            "description": "Number of this page (1 is the first)."
          },
          "pages": {
            "type": "integer",
            "minimum": 0,
            "description": "Total number of pages (`0` when there are no transactions)."
          },
          "max_per_page": {
            "type": "integer",
            "minimum": 0,
            "description": "Maximum number of items on one page."
          },
          "data": {
            "type": "array",
            "description": "The transactions on this page.",
            "items": {
              "$ref": "#/components/schemas/Transaction"
            }
          },
          "_links": {
            "$ref": "#/components/schemas/PageLinks"
          }
        }
      }
    },
    "responses": {
      "OAuthBadRequest": {
        "description": "The token request was rejected, e.g. wrong `client_id`/`client_secret`\n(`invalid_client`) or a missing field. Body: the standard OAuth2 error\nshape, as documented by FriendlyScore's older API reference for the same\nendpoint (<https://developers.friendlyscore.com/cloud/api-reference>);\nthe v3 docs only list the messages \"Invalid client_id or client_secret\"\nand \"Invalid client_credentials\" (<https://docs.planky.com/sdk/web-component>).\n",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/OAuthError"
            },
            "examples": {
              "InvalidClient": {
                "$ref": "#/components/examples/InvalidClient"
              }
            }
          }
        }
      },
      "OAuthUnauthorized": {
        "description": "The client could not be authenticated. Not documented for this endpoint\nby Planky (the older docs return `400` for an invalid client), but RFC\n6749 allows `401` here, so clients should handle it. The body shape is\nnot published; it is modelled with the tolerant `Error` schema, which\nalso accepts the OAuth2 `{error, error_description}` shape.\n",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            },
            "examples": {
              "OAuthUnauthorizedError": {
                "$ref": "#/components/examples/OAuthUnauthorizedError"
              }
            }
          }
        }
      },
      "CreateCustomerBadRequest": {
        "description": "`user_reference` is missing or not a string. Planky documents `400` for missing or invalid fields on other\nv3 endpoints (<https://docs.planky.com/sdk/web-component>); this case\nand the error body shape are not published (see `Error`).\n",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            },
            "examples": {
              "MissingUserReferenceError": {
                "$ref": "#/components/examples/MissingUserReferenceError"
              }
            }
          }
        }
      },
      "CreateInvitationBadRequest": {
        "description": "A required field (`email`, `reference`) is missing or malformed. Planky documents `400` for missing or invalid fields on other\nv3 endpoints (<https://docs.planky.com/sdk/web-component>); this case\nand the error body shape are not published (see `Error`).\n",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            },
            "examples": {
              "MissingEmailError": {
                "$ref": "#/components/examples/MissingEmailError"
              },
              "MissingReferenceError": {
                "$ref": "#/components/examples/MissingReferenceError"
              }
            }
          }
        }
      },
      "ListInvitationsBadRequest": {
        "description": "A paging parameter (`page`, `max_per_page`) is not a whole number ≥ 1. Planky documents `400` for missing or invalid fields on other\nv3 endpoints (<https://docs.planky.com/sdk/web-component>); this case\nand the error body shape are not published (see `Error`).\n",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            },
            "examples": {
              "InvalidMaxPerPageError": {
                "$ref": "#/components/examples/InvalidMaxPerPageError"
              }
            }
          }
        }
      },
      "ListCustomersBadRequest": {
        "description": "The `by-user-reference` filter is empty or malformed. Planky documents `400` for missing or invalid fields on other\nv3 endpoints (<https://docs.planky.com/sdk/web-component>); this case\nand the error body shape are not published (see `Error`).\n",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            },
            "examples": {
              "InvalidUserReferenceFilterError": {
                "$ref": "#/components/examples/InvalidUserReferenceFilterError"
              }
            }
          }
        }
      },
      "ListTransactionsBadRequest": {
        "description": "A paging parameter (`page`, `max_per_page`) is not a whole number ≥ 1,\nor a filter is malformed. Planky documents `400` for missing or invalid\nfields on other v3 endpoints (<https://docs.planky.com/sdk/web-component>);\nthis case and the error body shape are not published (see `Error`).\n",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            },
            "examples": {
              "InvalidMaxPerPageError": {
                "$ref": "#/components/examples/InvalidMaxPerPageError"
              }
            }
          }
        }
      },
      "Unauthorized": {
        "description": "Missing, invalid or expired credentials. For Bearer endpoints Planky\ndocuments `401` when the access token has expired: request a new token\nand retry (<https://docs.planky.com/api-reference/v3.0/authentication>).\n(For the `AppUserToken` endpoints see `CustomerTokenUnauthorized`.) The\nerror body shape is not published (see `Error`).\n",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            },
            "examples": {
              "UnauthorizedError": {
                "$ref": "#/components/examples/UnauthorizedError"
              }
            }
          }
        }
      },
      "Forbidden": {
        "description": "The credentials are valid but not allowed to do this. Not documented for\nv3; FriendlyScore's older API used `403` for \"Insufficient permissions\"\nand Planky's Android API-wrapper SDK treats `403` as \"unauthorized\".\nThe error body shape is not published (see `Error`).\n",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            },
            "examples": {
              "ForbiddenError": {
                "$ref": "#/components/examples/ForbiddenError"
              }
            }
          }
        }
      },
      "CustomerNotFound": {
        "description": "No customer with this `customer_id` (for your API client). **Not\ndocumented by Planky**: modelled as `404` conservatively. The error body\nshape is not published (see `Error`).\n",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            },
            "examples": {
              "CustomerNotFoundError": {
                "$ref": "#/components/examples/CustomerNotFoundError"
              }
            }
          }
        }
      },
      "ConsentNotFound": {
        "description": "Unknown `bank_slug`, or the customer has no consent at that bank. **Not\ndocumented by Planky** (the docs do not say whether this is a `404` or\nan empty/other response); modelled as `404` conservatively. The error\nbody shape is not published (see `Error`).\n",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            },
            "examples": {
              "ConsentNotFoundError": {
                "$ref": "#/components/examples/ConsentNotFoundError"
              }
            }
          }
        }
      },
      "BankConsentNotFound": {
        "description": "Unknown `customer_id` or `bank_slug`, or the customer has no consent\nat that bank. **Not documented by Planky**; modelled as `404`\nconservatively. Until the customer has consented at that bank there\nis no consent to read, so expect this answer and handle it (our\nreading). The error body shape is not published (see `Error`).\n",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            },
            "examples": {
              "BankConsentNotFoundError": {
                "$ref": "#/components/examples/BankConsentNotFoundError"
              }
            }
          }
        }
      },
      "BankNotFound": {
        "description": "Unknown `bank_slug`. **Not documented by Planky**; modelled as `404`\nconservatively. The error body shape is not published (see `Error`).\n",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            },
            "examples": {
              "BankNotFoundError": {
                "$ref": "#/components/examples/BankNotFoundError"
              }
            }
          }
        }
      },
      "CustomerTokenUnauthorized": {
        "description": "Missing, invalid or unknown customer token on an `AppUserToken`\nendpoint. **Not documented by Planky**; modelled as `401`. Ask your\nserver for a new customer token (`createCustomerToken`). The error\nbody shape is not published (see `Error`).\n",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            },
            "examples": {
              "CustomerTokenUnauthorizedError": {
                "$ref": "#/components/examples/CustomerTokenUnauthorizedError"
              }
            }
          }
        }
      },
      "InvalidUrl": {
        "description": "`url` is missing or not a valid URL (for `createBankFlowUrl`, also:\nnot one of your allowed redirect URLs). Planky documents `400` for\nmissing or invalid fields on other v3 endpoints\n(<https://docs.planky.com/sdk/web-component>); this case itself and\nthe error body shape are not published (see `Error`).\n",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            },
            "examples": {
              "InvalidUrlError": {
                "$ref": "#/components/examples/InvalidUrlError"
              }
            }
          }
        }
      },
      "InvalidDataSharingDetails": {
        "description": "The data-sharing details are malformed (e.g. a third party without\n`company_name`). Planky documents `400` for missing or invalid fields\non other v3 endpoints (<https://docs.planky.com/sdk/web-component>);\nthis case itself and the error body shape are not published.\n",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            },
            "examples": {
              "InvalidDataSharingDetailsError": {
                "$ref": "#/components/examples/InvalidDataSharingDetailsError"
              }
            }
          }
        }
      },
      "TooManyRequests": {
        "description": "Too many requests. **Planky does not document rate limits** or `429`\nresponses; this response is declared so that clients handle it if it\nhappens: wait (honouring `Retry-After` if present) and retry with\nbackoff. The error body shape is not published (see `Error`).\n",
        "headers": {
          "Retry-After": {
            "$ref": "#/components/headers/RetryAfter"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            },
            "examples": {
              "TooManyRequestsError": {
                "$ref": "#/components/examples/TooManyRequestsError"
              }
            }
          }
        }
      },
      "InternalServerError": {
        "description": "Unexpected server error. Not documented for v3 (FriendlyScore's older\nAPI listed 500/502/503/504 on the same host); other 5xx codes may occur\ntoo. Safe to retry only for idempotent requests; Planky documents no\nidempotency keys. The error body shape is not published (see `Error`).\n",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            },
            "examples": {
              "InternalServerError": {
                "$ref": "#/components/examples/InternalServerError"
              }
            }
          }
        }
      },
      "ServiceUnavailable": {
        "description": "The service is temporarily unavailable (maintenance or overload). Not\ndocumented for v3; retry later, honouring `Retry-After` if present.\nThe error body shape is not published (see `Error`).\n",
        "headers": {
          "Retry-After": {
            "$ref": "#/components/headers/RetryAfter"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            },
            "examples": {
              "ServiceUnavailableError": {
                "$ref": "#/components/examples/ServiceUnavailableError"
              }
            }
          }
        }
      },
      "WebhookReceived": {
        "description": "Your server received the webhook. Planky does not document which\nstatus it expects, whether it reads the body, or whether it retries\nafter a failure; a quick empty `200` for every delivery, including an\nunknown `webhook_type` (log it), is our advice.\n"
      },
      "WebhookRejected": {
        "description": "Your server refused the payload. **Not recommended:** what Planky does\nwith a non-2xx answer (retry, give up, disable the webhook) is not\ndocumented, so our advice is to answer `200` and log what you could\nnot use.\n"
      }
    },
    "examples": {
      "TokenRequest": {
        "summary": "Client-credentials token request",
        "value": {
          "client_id": "5f3a9c2e-71b4-4d0a-9e8f-2c6b1d7a4e90",
          "client_secret": "s3cr3t-Qm9zZ2lkZW50aWFsLWV4YW1wbGU",
          "grant_type": "client_credentials"
        }
      },
      "TokenResponse": {
        "summary": "Access token (shape of the docs' example)",
        "description": "Same shape as the docs' example: lowercase `bearer`, `scope` null, 3600 seconds.",
        "value": {
          "access_token": "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJleGFtcGxlIn0.c2lnbmF0dXJl",
          "expires_in": 3600,
          "token_type": "bearer",
          "scope": null
        }
      },
      "InvalidClient": {
        "summary": "Wrong client id or secret",
        "description": "OAuth2 error as documented by FriendlyScore's older API reference (the published description text is cut off; this completion is illustrative).",
        "value": {
          "error": "invalid_client",
          "error_description": "The client credentials are invalid"
        }
      },
      "OAuthUnauthorizedError": {
        "summary": "Client authentication failed (illustrative)",
        "description": "Illustrative only; the body of a 401 from the token endpoint is not documented.",
        "value": {
          "error": "invalid_client",
          "error_description": "Invalid client_id or client_secret"
        }
      },
      "CreateCustomerRequest": {
        "summary": "Create a customer for your user 42",
        "value": {
          "user_reference": "user-42"
        }
      },
      "CreateCustomerResponse": {
        "summary": "The created customer",
        "value": {
          "id": "1234",
          "user_reference": "user-42"
        }
      },
      "CustomerTokenResponse": {
        "summary": "A customer token",
        "value": {
          "token": "9f2c4e7a1b3d48e6a0c5b7d9e1f3a2c4"
        }
      },
      "IndividualInvitationRequest": {
        "summary": "Invite an individual and let Planky send the email",
        "value": {
          "customer_type": "Individual",
          "first_name": "Jane",
          "last_name": "Doe",
          "email": "jane.doe@example.com",
          "phone": "+447700900123",
          "reference": "user-42",
          "send_email": true
        }
      },
      "BusinessInvitationRequest": {
        "summary": "Invite a business and deliver the URL yourself",
        "value": {
          "customer_type": "Business",
          "company_name": "Acme Widgets Ltd",
          "email": "accounts@acme-widgets.example.com",
          "reference": "user-42",
          "send_email": false
        }
      },
      "MinimalInvitationRequest": {
        "summary": "Only the required fields",
        "value": {
          "email": "jane.doe@example.com",
          "reference": "user-42"
        }
      },
      "IndividualInvitation": {
        "summary": "Invitation for an individual (not used yet)",
        "description": "Illustrative; Planky publishes no example of this response. Values follow the documented field table; the URL format is taken from the docs' Get Invitations example.",
        "value": {
          "id": "5678",
          "customer_type": "Individual",
          "last_name": "Doe",
          "first_name": "Jane",
          "company_name": null,
          "email": "jane.doe@example.com",
          "phone": "+447700900123",
          "reference": "user-42",
          "send_email": true,
          "created_at": 1732465200,
          "revoked_at": null,
          "used_at": null,
          "expires_in": 3600,
          "url": "https://planky.com/invitation/123456789abcdef"
        }
      },
      "BusinessInvitation": {
        "summary": "Invitation for a business (no names, optional timestamps omitted)",
        "description": "Illustrative; Planky publishes no example of this response. Shows the nullable name/phone fields as `null` and the optional `revoked_at` / `used_at` left out.",
        "value": {
          "id": "5679",
          "customer_type": "Business",
          "last_name": null,
          "first_name": null,
          "company_name": "Acme Widgets Ltd",
          "email": "accounts@acme-widgets.example.com",
          "phone": null,
          "reference": "user-42",
          "send_email": false,
          "created_at": 1732465260,
          "expires_in": 3600,
          "url": "https://planky.com/invitation/fedcba987654321"
        }
      },
      "AwaitingAuthorisationFromDocs": {
        "summary": "Awaiting authorisation (the docs' example, verbatim)",
        "description": "The response example from <https://docs.planky.com/api-reference/v3.0/custom-ux-flow/utils/get-consent-status>. Its data period starts 3 years before the consent was created, although the field table says Planky tries to pull 5.",
        "value": {
          "consent_id": "abc",
          "creation_date_time": 1642076018,
          "status": "AwaitingAuthorisation",
          "status_update_date_time": 1642076018,
          "permissions": [
            "ReadAccountsBasic",
            "ReadAccountsDetail",
            "ReadBalances",
            "ReadBeneficiariesBasic",
            "ReadBeneficiariesDetail",
            "ReadDirectDebits",
            "ReadTransactionsCredits",
            "ReadTransactionsDebits",
            "ReadTransactionsDetail"
          ],
          "expiration_date_time": null,
          "transaction_from_date_time": 1547381617,
          "transaction_to_date_time": 1649852017
        }
      },
      "Authorised": {
        "summary": "Authorised consent with an expiry",
        "description": "Illustrative values in the documented shape.",
        "value": {
          "consent_id": "7c9e6679-7425-40de-944b-e07fc1f90ae7",
          "creation_date_time": 1732464000,
          "status": "Authorised",
          "status_update_date_time": 1732464300,
          "permissions": [
            "ReadAccountsBasic",
            "ReadAccountsDetail",
            "ReadBalances",
            "ReadTransactionsCredits",
            "ReadTransactionsDebits",
            "ReadTransactionsDetail"
          ],
          "expiration_date_time": 1740240000,
          "transaction_from_date_time": 1574697600,
          "transaction_to_date_time": 1740240000
        }
      },
      "MissingUserReferenceError": {
        "summary": "user_reference missing (illustrative body)",
        "description": "Illustrative only; Planky does not publish the v3 error body shape.",
        "value": {
          "message": "user_reference is invalid or missing"
        }
      },
      "MissingEmailError": {
        "summary": "email missing (illustrative body)",
        "description": "Illustrative only; Planky does not publish the v3 error body shape.",
        "value": {
          "message": "email is invalid or missing"
        }
      },
      "MissingReferenceError": {
        "summary": "reference missing (illustrative body)",
        "description": "Illustrative only; Planky does not publish the v3 error body shape.",
        "value": {
          "message": "reference is invalid or missing"
        }
      },
      "InvalidMaxPerPageError": {
        "summary": "max_per_page is not a positive number (illustrative body)",
        "description": "Illustrative only; Planky does not publish the v3 error body shape.",
        "value": {
          "message": "max_per_page is invalid"
        }
      },
      "InvalidUserReferenceFilterError": {
        "summary": "Empty by-user-reference (illustrative body)",
        "description": "Illustrative only; Planky does not publish the v3 error body shape.",
        "value": {
          "message": "by-user-reference is invalid"
        }
      },
      "UnauthorizedError": {
        "summary": "Expired or missing token (illustrative body)",
        "description": "Illustrative only; the message is the one FriendlyScore's older API documented for 401. The v3 error body shape is not published.",
        "value": {
          "message": "Invalid OAuth2 access token or OAuth2 access token not provided"
        }
      },
      "ForbiddenError": {
        "summary": "Insufficient permissions (illustrative body)",
        "description": "Illustrative only; the message is the one FriendlyScore's older API documented for 403. The v3 error body shape is not published.",
        "value": {
          "message": "Insufficient permissions"
        }
      },
      "CustomerNotFoundError": {
        "summary": "Unknown customer (illustrative body)",
        "description": "Illustrative only; this case and its body are not documented.",
        "value": {
          "message": "Customer not found"
        }
      },
      "ConsentNotFoundError": {
        "summary": "No consent at this bank (illustrative body)",
        "description": "Illustrative only; this case and its body are not documented.",
        "value": {
          "message": "Consent not found"
        }
      },
      "TooManyRequestsError": {
        "summary": "Rate limited (illustrative body)",
        "description": "Illustrative only; Planky documents no rate limits.",
        "value": {
          "message": "Too many requests"
        }
      },
      "InternalServerError": {
        "summary": "Server error (illustrative body)",
        "description": "Illustrative only; the v3 error body shape is not published.",
        "value": {
          "message": "Internal server error"
        }
      },
      "ServiceUnavailableError": {
        "summary": "Temporarily unavailable (illustrative body)",
        "description": "Illustrative only; the v3 error body shape is not published.",
        "value": {
          "message": "Service temporarily unavailable"
        }
      },
      "InvitationListSinglePage": {
        "summary": "All invitations fit on one page",
        "description": "Illustrative; the docs' example prints every paging number as `0`. There is no `next` link on the only page.",
        "value": {
          "page": 1,
          "pages": 1,
          "max_per_page": 1000,
          "data": [
            {
              "id": "5678",
              "customer_type": "Individual",
              "last_name": "Doe",
              "first_name": "Jane",
              "company_name": null,
              "email": "jane.doe@example.com",
              "phone": "+447700900123",
              "reference": "user-42",
              "send_email": true,
              "created_at": 1732465200,
              "revoked_at": null,
              "used_at": null,
              "expires_in": 3600,
              "url": "https://planky.com/invitation/123456789abcdef"
            }
          ],
          "_links": {
            "self": {
              "href": "/public/v3/invitations?page=1"
            },
            "last": {
              "href": "/public/v3/invitations?page=1"
            }
          }
        }
      },
      "InvitationListFirstOfTwo": {
        "summary": "First of two pages (one invitation per page)",
        "description": "Illustrative; the `href` format is not documented.",
        "value": {
          "page": 1,
          "pages": 2,
          "max_per_page": 1,
          "data": [
            {
              "id": "5678",
              "customer_type": "Individual",
              "last_name": "Doe",
              "first_name": "Jane",
              "company_name": null,
              "email": "jane.doe@example.com",
              "phone": "+447700900123",
              "reference": "user-42",
              "send_email": true,
              "created_at": 1732465200,
              "revoked_at": null,
              "used_at": 1732468800,
              "expires_in": 3600,
              "url": "https://planky.com/invitation/123456789abcdef"
            }
          ],
          "_links": {
            "self": {
              "href": "/public/v3/invitations?page=1&max_per_page=1"
            },
            "next": {
              "href": "/public/v3/invitations?page=2&max_per_page=1"
            },
            "last": {
              "href": "/public/v3/invitations?page=2&max_per_page=1"
            }
          }
        }
      },
      "InvitationListLastOfTwo": {
        "summary": "Last of two pages (no `next` link)",
        "description": "Illustrative; the `href` format is not documented.",
        "value": {
          "page": 2,
          "pages": 2,
          "max_per_page": 1,
          "data": [
            {
              "id": "5679",
              "customer_type": "Business",
              "last_name": null,
              "first_name": null,
              "company_name": "Acme Widgets Ltd",
              "email": "accounts@acme-widgets.example.com",
              "phone": null,
              "reference": "user-42",
              "send_email": false,
              "created_at": 1732465260,
              "revoked_at": 1732465500,
              "expires_in": 3600,
              "url": "https://planky.com/invitation/fedcba987654321"
            }
          ],
          "_links": {
            "self": {
              "href": "/public/v3/invitations?page=2&max_per_page=1"
            },
            "previous": {
              "href": "/public/v3/invitations?page=1&max_per_page=1"
            },
            "last": {
              "href": "/public/v3/invitations?page=2&max_per_page=1"
            }
          }
        }
      },
      "InvitationListEmpty": {
        "summary": "No invitations yet",
        "description": "Illustrative; what Planky returns for no invitations is not documented.",
        "value": {
          "page": 1,
          "pages": 0,
          "max_per_page": 1000,
          "data": [],
          "_links": {
            "self": {
              "href": "/public/v3/invitations?page=1"
            }
          }
        }
      },
      "AccountAuthorizationGrantedWebhook": {
        "summary": "The docs' example (JSON instead of the printed single quotes)",
        "value": {
          "msg": "Account authorization is granted",
          "customer_id": 123,
          "account_id": 123,
          "webhook_type": "ACCOUNT_AUTHORIZATION_GRANTED"
        }
      },
      "AccountAuthorizationLostWebhook": {
        "summary": "The docs' example (JSON instead of the printed single quotes)",
        "value": {
          "msg": "Account authorization is lost",
          "customer_id": 123,
          "account_id": 123,
          "webhook_type": "ACCOUNT_AUTHORIZATION_LOST"
        }
      },
      "ReportAvailableWebhook": {
        "summary": "The docs' example (JSON instead of the printed single quotes)",
        "value": {
          "msg": "Customer report is available",
          "customer_id": 123,
          "webhook_type": "REPORT_AVAILABLE"
        }
      },
      "ReportUpdatedWebhook": {
        "summary": "The docs' example (JSON instead of the printed single quotes)",
        "value": {
          "msg": "Customer report is updated",
          "customer_id": 123,
          "webhook_type": "REPORT_UPDATED"
        }
      },
      "NewEventWebhook": {
        "summary": "The docs' example (JSON instead of the printed single quotes)",
        "description": "`EVENT` in `msg` stands for the event name (e.g. `PENSION_MISSING`).",
        "value": {
          "msg": "Customer new event: EVENT",
          "event_id": 123,
          "customer_id": 123,
          "webhook_type": "NEW_EVENT"
        }
      },
      "CustomerListOneMatch": {
        "summary": "The customer with user reference user-42",
        "description": "Shape of the docs' example (`{\"data\": [{\"id\": \"12345\", \"user_reference\": ...}]}`).",
        "value": {
          "data": [
            {
              "id": "1234",
              "user_reference": "user-42"
            }
          ]
        }
      },
      "CustomerListNoMatch": {
        "summary": "No customer has this user reference",
        "description": "Illustrative; what an empty result looks like is not documented.",
        "value": {
          "data": []
        }
      },
      "CustomerBanksConnected": {
        "summary": "Connected at Barclays (authorised consent)",
        "description": "Illustrative values in the documented shape.",
        "value": {
          "data": [
            {
              "name": "Barclays",
              "slug": "barclays",
              "is_active": true,
              "country_code": "GB",
              "type": "Personal",
              "is_working": true,
              "is_api_only": false,
              "account_consents": [
                {
                  "consent_id": "string-123",
                  "creation_date_time": 1724074149,
                  "status": "Authorised",
                  "status_update_date_time": 1724074175,
                  "expiration_date_time": null,
                  "transaction_from_date_time": 1708349349,
                  "transaction_to_date_time": 1732022949,
                  "consent_reconfirmation_date": 1737115749
                }
              ]
            },
            {
              "name": "HSBC",
              "slug": "hsbc",
              "is_active": true,
              "country_code": "GB",
              "type": null,
              "is_working": true,
              "is_api_only": false,
              "account_consents": []
            }
          ]
        }
      },
      "CustomerBanksNoConsent": {
        "summary": "No consent at any bank yet",
        "description": "Illustrative values in the documented shape.",
        "value": {
          "data": [
            {
              "name": "Barclays",
              "slug": "barclays",
              "is_active": true,
              "country_code": "GB",
              "type": "Personal",
              "is_working": true,
              "is_api_only": false,
              "account_consents": []
            }
          ]
        }
      },
      "BankConsentAuthorisedFromDocs": {
        "summary": "Authorised (the newer docs' example, verbatim)",
        "description": "The response example from <https://docs.planky.com/api-reference/v3.0/customer-banking-data/get-bank-details>.",
        "value": {
          "consent_id": "string-123",
          "creation_date_time": 1724074149,
          "status": "Authorised",
          "status_update_date_time": 1724074175,
          "expiration_date_time": null,
          "transaction_from_date_time": 1708349349,
          "transaction_to_date_time": 1732022949,
          "consent_reconfirmation_date": 1737115749
        }
      },
      "BankConsentAwaitingWithSpace": {
        "summary": "Awaiting authorisation, spelled with a space",
        "description": "Illustrative; uses the spelling of the newer snapshot's status list (\"Awaiting Authorisation\").",
        "value": {
          "consent_id": "string-124",
          "creation_date_time": 1724074149,
          "status": "Awaiting Authorisation",
          "status_update_date_time": 1724074149,
          "expiration_date_time": null,
          "transaction_from_date_time": 1708349349,
          "transaction_to_date_time": 1732022949
        }
      },
      "CreateWebhookRequest": {
        "summary": "Register your receiver",
        "value": {
          "url": "https://app.example.com/planky/webhooks/3f9c1e7a",
          "comment": "Production receiver"
        }
      },
      "CreateWebhookResponse": {
        "summary": "The registered webhook",
        "description": "Illustrative; the docs document only the field `id` (a string).",
        "value": {
          "id": "42"
        }
      },
      "WebflowBanks": {
        "summary": "One connected bank, one not",
        "description": "Illustrative values in the documented shape, with `last_account_consent` as the newer snapshot's object.",
        "value": [
          {
            "bank": {
              "name": "Barclays",
              "logo_url": "https://app.example.com/logos/barclays.png",
              "bank_configuration": {
                "transactions_consent_from": 60,
                "transactions_consent_to": 3
              },
              "slug": "barclays",
              "is_active": true,
              "country_code": "GB",
              "type": "Personal",
              "is_working": true,
              "is_api_only": false
            },
            "accounts": [
              {
                "account_type": "Personal",
                "account_number": "12345678",
                "is_authorized": true
              }
            ],
            "connected": true,
            "last_account_consent": {
              "consent_id": "string-123",
              "creation_date_time": 1724074149,
              "status": "Authorised",
              "status_update_date_time": 1724074175,
              "permissions": [
                "ReadAccountsBasic",
                "ReadBalances",
                "ReadTransactionsDetail"
              ],
              "expiration_date_time": null,
              "transaction_from_date_time": 1708349349,
              "transaction_to_date_time": 1732022949
            }
          },
          {
            "bank": {
              "name": "HSBC",
              "logo_url": "https://app.example.com/logos/hsbc.png",
              "bank_configuration": {
                "transactions_consent_from": 60,
                "transactions_consent_to": 3
              },
              "slug": "hsbc",
              "is_active": true,
              "country_code": "GB",
              "type": null,
              "is_working": true,
              "is_api_only": false
            },
            "accounts": [],
            "connected": false
          }
        ]
      },
      "DataSharingDefaults": {
        "summary": "No third parties, default purpose (the newer docs' advice)",
        "value": {
          "application_sharing_third_parties": [],
          "application_sharing_purposes": []
        }
      },
      "DataSharingWithThirdParty": {
        "summary": "Shared with one third party, for one purpose",
        "value": {
          "application_sharing_third_parties": [
            {
              "company_name": "Example Lending Ltd",
              "company_country": "GB",
              "company_website": "https://lending.example.com"
            }
          ],
          "application_sharing_purposes": [
            {
              "description": "Check your affordability for a loan"
            }
          ]
        }
      },
      "ConsentScreen": {
        "summary": "Consent-screen metadata (illustrative)",
        "description": "Illustrative; Planky publishes no example and does not document the shape of `consents`.",
        "value": {
          "metadata": {
            "name": "Barclays",
            "slug": "barclays",
            "logo_url": "https://app.example.com/logos/barclays.png",
            "company_name": "Example Ltd",
            "application_name": "Example Ltd"
          },
          "consents": []
        }
      },
      "BankFlowUrl": {
        "summary": "The bank flow URL (illustrative)",
        "description": "Illustrative; Planky publishes no example of this response.",
        "value": {
          "url": "https://bank.example.com/oauth/authorize?state=8d3f2a",
          "consent_id": "string-125",
          "state": "8d3f2a",
          "transaction_from_date_time": 1574697600,
          "transaction_to_date_time": 1740240000
        }
      },
      "ConsentDeleted": {
        "summary": "Deleted (the docs' example, verbatim)",
        "value": {
          "status": "success"
        }
      },
      "BankConsentNotFoundError": {
        "summary": "No consent at this bank yet (illustrative body)",
        "description": "Illustrative only; this case and its body are not documented.",
        "value": {
          "message": "Consent not found"
        }
      },
      "BankNotFoundError": {
        "summary": "Unknown bank slug (illustrative body)",
        "description": "Illustrative only; this case and its body are not documented.",
        "value": {
          "message": "Bank not found"
        }
      },
      "CustomerTokenUnauthorizedError": {
        "summary": "Invalid customer token (illustrative body)",
        "description": "Illustrative only; this case and its body are not documented.",
        "value": {
          "message": "Invalid customer token"
        }
      },
      "InvalidUrlError": {
        "summary": "Missing or invalid url (illustrative body)",
        "description": "Illustrative only; the v3 error body shape is not published.",
        "value": {
          "message": "url is invalid or missing"
        }
      },
      "InvalidDataSharingDetailsError": {
        "summary": "Third party without a name (illustrative body)",
        "description": "Illustrative only; the v3 error body shape is not published.",
        "value": {
          "message": "application_sharing_third_parties.0.company_name is missing"
        }
      },
      "CreateAllowedRedirectUrlRequest": {
        "summary": "Register the page your customers come back to",
        "description": "Illustrative values (the docs' example uses `http://localhost:8081/redirect`).",
        "value": {
          "url": "https://app.example.com/planky/return",
          "comment": "Production return page"
        }
      },
      "AllowedRedirectUrlFromDocs": {
        "summary": "Registered (the docs' example, verbatim)",
        "value": {
          "allowed_redirect_url_id": 123456
        }
      },
      "ReconfirmedFromDocs": {
        "summary": "Reconfirmed (the docs' example, verbatim)",
        "value": {
          "status": true
        }
      },
      "EmptyDataList": {
        "summary": "Nothing shared yet (illustrative)",
        "description": "Illustrative; what this answer looks like before any data is shared is not documented.",
        "value": {
          "data": []
        }
      },
      "AccountsOneCurrentAccount": {
        "summary": "One current account at Barclays (illustrative)",
        "description": "Illustrative values in the documented shape; the docs' example could not be retrieved.",
        "value": {
          "data": [
            {
              "id": "1001",
              "currency": "GBP",
              "name": "Ms Example",
              "is_authorized": true,
              "nickname": "Bills",
              "identification": "20000012345678",
              "bank_slug": "barclays",
              "type": "Personal",
              "sub_type": "CurrentAccount",
              "number": "20000012345678",
              "sort_code_and_account_number": null,
              "scheme_name": "UK.OBIE.SortCodeAccountNumber"
            }
          ]
        }
      },
      "BalancesOneBalance": {
        "summary": "One closing balance (the docs' example, with the table's types)",
        "description": "The docs' example, except that `amount` and `date_time` are numbers, as the table types them (the example prints them as strings).",
        "value": {
          "data": [
            {
              "id": "123456",
              "amount": 22.35,
              "currency": "GBP",
              "type": "ClosingBooked",
              "custom_data": {},
              "bank_slug": "barclays",
              "account_number": "123-123-123-123",
              "date_time": 1553077496,
              "credit_line": [
                {
                  "type": "Pre-Agreed",
                  "amount": "4500.00"
                }
              ]
            }
          ]
        }
      },
      "TransactionsSinglePage": {
        "summary": "All transactions on one page (illustrative)",
        "description": "Illustrative values in the documented shape; the docs' example could not be retrieved.",
        "value": {
          "page": 1,
          "pages": 1,
          "max_per_page": 1000,
          "data": [
            {
              "id": "5001",
              "name": "Example Coffee Ltd",
              "amount": -3.2,
              "balance": {},
              "currency": "GBP",
              "status": "Booked",
              "bank_slug": "barclays",
              "account_number": "20000012345678",
              "category": "Eating out",
              "value_date_time": 1553077496,
              "booking_date_time": 1553077496
            }
          ],
          "_links": {
            "self": {
              "href": "/public/v3/customers/1234/transactions?page=1"
            }
          }
        }
      },
      "TransactionsFirstOfTwo": {
        "summary": "First of two pages (illustrative)",
        "description": "Illustrative values in the documented shape; the docs' example could not be retrieved.",
        "value": {
          "page": 1,
          "pages": 2,
          "max_per_page": 2,
          "data": [
            {
              "id": "5001",
              "name": "Example Coffee Ltd",
              "amount": -3.2,
              "balance": {},
              "currency": "GBP",
              "status": "Booked",
              "bank_slug": "barclays",
              "account_number": "20000012345678",
              "category": "Eating out",
              "value_date_time": 1553077496,
              "booking_date_time": 1553077496
            },
            {
              "id": "5002",
              "name": "Salary Example Employer",
              "amount": 2100,
              "balance": {},
              "currency": "GBP",
              "status": "Booked",
              "bank_slug": "barclays",
              "account_number": "20000012345678",
              "value_date_time": 1553163896,
              "booking_date_time": 1553163896
            }
          ],
          "_links": {
            "self": {
              "href": "/public/v3/customers/1234/transactions?page=1&max_per_page=2"
            },
            "next": {
              "href": "/public/v3/customers/1234/transactions?page=2&max_per_page=2"
            },
            "last": {
              "href": "/public/v3/customers/1234/transactions?page=2&max_per_page=2"
            }
          }
        }
      },
      "TransactionsEmpty": {
        "summary": "No transactions (illustrative)",
        "description": "Illustrative; the answer for a customer without transactions is not documented.",
        "value": {
          "page": 1,
          "pages": 0,
          "max_per_page": 1000,
          "data": [],
          "_links": {
            "self": {
              "href": "/public/v3/customers/1234/transactions?page=1"
            }
          }
        }
      }
    }
  }
} as unknown as SpecDocument;
