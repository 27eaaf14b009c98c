/** 2,000 calls at once over loopback HTTP (measure-burst.ts). */
import { int, label, ratio } from "../format";
import { PEERS } from "../peers/index";
import type { Results } from "../results";
import type { BenchSection } from "../section";

export const burstSection: BenchSection = {
  id: "burst",
  title: "burst: 2,000 calls at once over loopback HTTP",
  measure: async (context, results) => {
    results.burst = await context.runChild("measure-burst.ts", [await context.serverUrl()]);
  },
  render: renderBurst,
};

function renderBurst(results: Results): string[] {
  if (!results.burst) return [];
  const { config, rows } = results.burst;
  const warned = rows.filter((row) => row.listenerWarnings > 0);
  return [
    `## ${int(config.calls)} calls at once over loopback HTTP`,
    "",
    `Every call started at once (\`Promise.all\` of ${int(config.calls)}), timed from the first start to the last answer;`,
    `the clients take turns in a rotating order, ${config.rounds} rounds, medians; **× fetch** is the median over rounds of`,
    "the wall time divided by raw fetch's in the same round.",
    "",
    "| Client | GET wall ms | GET × fetch | POST wall ms | POST × fetch |",
    "| --- | ---: | ---: | ---: | ---: |",
    ...PEERS.flatMap((peer) => {
      const get = rows.find((row) => row.peer === peer.id && row.operation === "consentStatus");
      const post = rows.find((row) => row.peer === peer.id && row.operation === "createInvitation");
      if (!get || !post) return [];
      const name = peer.id === "planky" ? `**${peer.label}**` : peer.label;
      return [
        `| ${name} | ${int(get.wallMs)} | ${ratio(get.vsFetch)} | ${int(post.wallMs)} | ${ratio(post.vsFetch)} |`,
      ];
    }),
    "",
    warned.length > 0
      ? `Node warned that one \`AbortSignal\` held too many abort listeners (MaxListenersExceededWarning) during these bursts: ${warned.map((row) => `${label(row.peer)} ${row.operation === "consentStatus" ? "GET" : "POST"} ${int(row.listenerWarnings)} times, up to ${int(row.mostListenersOnOneSignal)} listeners`).join("; ")}.`
      : "No client made Node warn about abort listeners piling up on one signal during these bursts.",
    "",
  ];
}
