/**
 * `customers.consentsDue()`: the Authorised consents whose `consent_reconfirmation_date` is at most `withinDays`
 * away (or past), for one customer, for the ids you pass, or for every customer (Get customers, unfiltered).
 * On src and on dist.
 */
import { describe, expect, test, vi } from "vitest";
import type { BankConsent, CustomerBank } from "../../src/index";
import { type Kit, srcAndDist } from "../support/shipped";

const DAY = 86_400;
const NOW = 1_750_000_000;

const consent = (id: string, reconfirm: number | null | undefined, status: BankConsent["status"] = "Authorised") => ({
  consent_id: id,
  creation_date_time: NOW - 100 * DAY,
  status,
  status_update_date_time: NOW - 100 * DAY,
  expiration_date_time: null,
  transaction_from_date_time: null,
  transaction_to_date_time: null,
  ...(reconfirm !== undefined && { consent_reconfirmation_date: reconfirm }),
});

const bank = (slug: string, consents: ReturnType<typeof consent>[]): CustomerBank =>
  ({
    name: slug,
    slug,
    logo_url: "",
    is_active: true,
    country_code: "GB",
    type: "Personal",
    account_consents: consents,
  }) as unknown as CustomerBank;

const BANKS: Record<string, CustomerBank[]> = {
  "1": [
    bank("barclays", [consent("due-in-3", NOW + 3 * DAY), consent("due-in-30", NOW + 30 * DAY)]),
    bank("monzo", [
      consent("overdue", NOW - DAY),
      consent("revoked", NOW + DAY, "Revoked"),
      consent("no-date", undefined),
    ]),
  ],
  "2": [bank("hsbc", [consent("due-in-7", NOW + 7 * DAY), consent("null-date", null)])],
};

function client(kit: Kit) {
  const paths: string[] = [];
  const fetch = async (request: Request) => {
    const url = new URL(request.url);
    paths.push(url.pathname + url.search);
    if (url.pathname === "/public/v3/customers")
      return Response.json({
        data: [
          { id: "1", user_reference: "u1" },
          { id: "2", user_reference: "u2" },
        ],
      });
    const id = /^\/public\/v3\/customers\/([^/]+)\/banks$/.exec(url.pathname)?.[1];
    return id && BANKS[id]
      ? Response.json({ data: BANKS[id] })
      : Response.json({ message: "Not found" }, { status: 404 });
  };
  return {
    planky: kit.createPlankyClient({ accessToken: "t", baseUrl: "https://planky.test", fetch, maxRetries: 0 }),
    paths,
  };
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

const targets = await srcAndDist();

describe.each(targets)("customers.consentsDue() on %s", (_name, kit) => {
  test("one customer: Authorised consents due within N days, overdue included, others left out", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(NOW * 1000);
    try {
      const { planky, paths } = client(kit);
      const due = await collect(planky.customers.consentsDue({ customerId: "1", withinDays: 7 }));
      expect(due.map((d) => [d.customerId, d.bankSlug, d.consent.consent_id, d.reconfirmBy])).toEqual([
        ["1", "barclays", "due-in-3", NOW + 3 * DAY],
        ["1", "monzo", "overdue", NOW - DAY],
      ]);
      expect(paths).toEqual(["/public/v3/customers/1/banks"]);
      const wider = await collect(planky.customers.consentsDue({ customerId: "1", withinDays: 30 }));
      expect(wider.map((d) => d.consent.consent_id)).toEqual(["due-in-3", "due-in-30", "overdue"]);
    } finally {
      vi.useRealTimers();
    }
  });

  test("every customer (one unfiltered Get customers), or the ids you pass, lazily", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(NOW * 1000);
    try {
      const { planky, paths } = client(kit);
      const all = await collect(planky.customers.consentsDue({ withinDays: 7 }));
      expect(all.map((d) => `${d.customerId}/${d.consent.consent_id}`)).toEqual([
        "1/due-in-3",
        "1/overdue",
        "2/due-in-7",
      ]);
      expect(paths).toEqual(["/public/v3/customers", "/public/v3/customers/1/banks", "/public/v3/customers/2/banks"]);
      async function* fromYourDatabase() {
        yield "2";
      }
      const listed = await collect(planky.customers.consentsDue({ withinDays: 7, customerIds: fromYourDatabase() }));
      expect(listed.map((d) => d.consent.consent_id)).toEqual(["due-in-7"]);
    } finally {
      vi.useRealTimers();
    }
  });

  test("bad params name their field; an unknown customer is the API's NotFoundError, not an empty list", async () => {
    const { planky } = client(kit);
    await expect(collect(planky.customers.consentsDue({} as never))).rejects.toMatchObject({ field: "withinDays" });
    await expect(collect(planky.customers.consentsDue({ withinDays: -1 }))).rejects.toMatchObject({
      field: "withinDays",
    });
    await expect(collect(planky.customers.consentsDue({ withinDays: 1, customerId: "" }))).rejects.toMatchObject({
      field: "customerId",
    });
    await expect(collect(planky.customers.consentsDue({ withinDays: 1, customerIds: [""] }))).rejects.toMatchObject({
      field: "customerIds",
    });
    await expect(collect(planky.customers.consentsDue({ withinDays: 1, customerId: "404" }))).rejects.toBeInstanceOf(
      kit.NotFoundError,
    );
  });
});
