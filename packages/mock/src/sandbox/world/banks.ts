/**
 * The banks the sandbox offers. Planky publishes no fixed list ("Bank slugs come from the bank lists"); `barclays`
 * is the only slug in its examples, the others are the sandbox's own. Their `bank_configuration` follows the docs'
 * defaults: 5 years of history (60 months) and access for 3 months.
 */
export interface SandboxBank {
  name: string;
  slug: string;
  is_active: boolean;
  country_code: string;
  type: "Personal" | "Business" | null;
  is_working: boolean;
  is_api_only: boolean;
}

const LISTED: Pick<SandboxBank, "name" | "slug" | "type">[] = [
  { name: "Barclays", slug: "barclays", type: "Personal" },
  { name: "HSBC", slug: "hsbc", type: "Personal" },
  { name: "Lloyds", slug: "lloyds", type: "Personal" },
  { name: "NatWest Business", slug: "natwest-business", type: "Business" },
];

export const SANDBOX_BANKS: readonly SandboxBank[] = LISTED.map((bank) => ({
  ...bank,
  is_active: true,
  country_code: "GB",
  is_working: true,
  is_api_only: false,
}));

export function findBank(slug: string): SandboxBank | undefined {
  return SANDBOX_BANKS.find((bank) => bank.slug === slug);
}

/** The webflow bank list's richer bank object (`WebflowBankMetadata`). */
export function webflowBankOf(bank: SandboxBank, publicUrl: string) {
  return {
    ...bank,
    logo_url: `${publicUrl}/_sandbox/banks/${bank.slug}/logo.svg`,
    bank_configuration: { transactions_consent_from: 60, transactions_consent_to: 3 },
  };
}

/** A placeholder logo: the bank's initial in a square. */
export function logoOf(bank: SandboxBank): string {
  const initial = bank.name.slice(0, 1);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><rect width="64" height="64" fill="#1f4e79"/><text x="32" y="42" font-size="32" text-anchor="middle" fill="#fff" font-family="sans-serif">${initial}</text></svg>`;
}
