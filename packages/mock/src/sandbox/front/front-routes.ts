/**
 * Every operation the sandbox serves, Planky's API and the control API, in one table: the front matches each
 * request against it once (`operation-match.ts`) and hands the match to the request guard (to name a path
 * parameter, to check numeric query values) and to the faults (which operation a fault is armed for).
 */
import { type OperationMatch, routeTable } from "../../operation-match";
import { routes } from "../api/planky-api";
import type { Route } from "../api/routes";
import { controlRoutes } from "../control/control-api";
import type { ControlRoute } from "../control/control-routes";

export type FrontRoute = Route | ControlRoute;
export type FrontMatch = OperationMatch<FrontRoute>;

export const frontRoutes = routeTable<FrontRoute>([...routes, ...controlRoutes]);

/** The match, when it is one of Planky's operations (the ones Prism checks and faults apply to). */
export function apiOperationOf(match: FrontMatch | undefined): Route | undefined {
  return match && "credential" in match.route ? match.route : undefined;
}
