// A connect-bank screen in React: the bank list, your consent screen, the trip to the bank and the return page.
import {
  type ConnectBankOutcome,
  PlankyProvider,
  useBankReturn,
  useBanks,
  useConnectBank,
  useConsentScreen,
} from "@planky-kit/react";
import { StrictMode, useState } from "react";
import { createRoot } from "react-dom/client";

declare const PLANKY_BASE_URL: string; // test-only

function Banks() {
  const { data: banks, failure, loading } = useBanks();
  const [chosen, setChosen] = useState<string>();
  if (loading) return <p>Loading your banks…</p>;
  if (failure) return <p role="alert">Could not load the banks ({failure.kind}).</p>;
  if (chosen) return <ConsentScreen bankSlug={chosen} onBack={() => setChosen(undefined)} />;
  return (
    <ul>
      {banks?.map(({ bank, connected }) => (
        <li key={bank.slug} data-bank={bank.slug}>
          {bank.name}:{" "}
          {connected ? (
            "connected"
          ) : (
            <button type="button" onClick={() => setChosen(bank.slug)}>
              Connect
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}

/** Step 5: tell the customer what they share, then send them to their bank. */
function ConsentScreen({ bankSlug, onBack }: { bankSlug: string; onBack: () => void }) {
  const screen = useConsentScreen(bankSlug);
  const { start, starting, failure } = useConnectBank();
  if (!screen.data) return <p role={screen.failure && "alert"}>{screen.failure ? "Could not load." : "Loading…"}</p>;
  const { name, application_name } = screen.data.metadata;
  return (
    <section>
      <h2>
        Share your {name} accounts with {application_name}
      </h2>
      <button type="button" disabled={starting} onClick={() => start(bankSlug)}>
        Continue to {name}
      </button>
      <button type="button" onClick={onBack}>
        Back
      </button>
      {failure && <p role="alert">Could not reach your bank ({failure.kind}). Try again.</p>}
    </section>
  );
}

const messages: Partial<Record<ConnectBankOutcome["kind"], string>> = {
  authorised: "Your bank is connected.",
  cancelled: "You did not share your accounts.",
  refused: "Your bank did not grant access.",
  timeout: "Your bank has not confirmed yet: check again in a minute.",
  "state-mismatch": "This page was not opened by a bank connection started here.",
  "expired-token": "Your session has expired: sign in again.",
  network: "We could not reach Planky: check your connection.",
};

/** The page the bank sends the customer back to (your registered return URL). */
function BankReturn() {
  const { outcome } = useBankReturn();
  if (!outcome) return <p>Checking your bank's answer…</p>;
  return (
    <p data-outcome={outcome.kind}>
      {messages[outcome.kind] ?? "Something went wrong."}
      {outcome.kind === "cancelled" && outcome.message && ` (${outcome.message})`} <a href="/">Back to your banks</a>
    </p>
  );
}

createRoot(document.getElementById("root") as HTMLElement).render(
  <StrictMode>
    <PlankyProvider
      // Your server's route creates the customer token (customers.createToken()) for the signed-in customer.
      customerToken={async () => {
        const response = await fetch("/api/planky-token", { method: "POST" });
        if (!response.ok) throw new Error(`no customer token: HTTP ${response.status}`);
        return response.text();
      }}
      baseUrl={PLANKY_BASE_URL} // test-only
      returnUrl={`${location.origin}/bank-return`} // registered with allowedRedirectUrls.create()
    >
      {location.pathname === "/bank-return" ? <BankReturn /> : <Banks />}
    </PlankyProvider>
  </StrictMode>,
);
