/**
 * The custom fetch orval's fetch client calls (its documented way to set a base URL). Body handling copies
 * what orval generates without a mutator: read text, `JSON.parse` it, return `{ data, status, headers }`.
 */
export const orvalConfig: { baseUrl: string; fetch: typeof globalThis.fetch } = {
  baseUrl: "",
  fetch: (input, init) => globalThis.fetch(input, init),
};

export async function orvalFetch<T>(url: string, init: RequestInit): Promise<T> {
  const response = await orvalConfig.fetch(`${orvalConfig.baseUrl}${url}`, init);
  const body = [204, 205, 304].includes(response.status) ? null : await response.text();
  const data = body ? JSON.parse(body) : {};
  return { data, status: response.status, headers: response.headers } as T;
}
