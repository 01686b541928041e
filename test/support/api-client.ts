/** A GraphQL response as a client sees it. */
export interface GraphqlResponse<T> {
  status: number;
  data?: T;
  errors?: Array<{
    message: string;
    extensions?: { code?: string; category?: string; [key: string]: unknown };
  }>;
}

/** Posts a real GraphQL document over HTTP, as the portal does. */
export async function postGraphql<T = Record<string, unknown>>(
  url: string,
  query: string,
  options: { variables?: Record<string, unknown>; user?: string; headers?: Record<string, string> } = {},
): Promise<GraphqlResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.user ? { 'x-switchboard-user': options.user } : {}),
      ...options.headers,
    },
    body: JSON.stringify({ query, variables: options.variables ?? {} }),
  });
  const body = (await response.json()) as Omit<GraphqlResponse<T>, 'status'>;
  return { status: response.status, ...body };
}

/** The error codes of a response, for compact assertions. */
export function errorCodes(response: GraphqlResponse<unknown>): Array<string | undefined> {
  return (response.errors ?? []).map((e) => e.extensions?.code);
}
