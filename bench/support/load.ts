import autocannon from 'autocannon';

export interface LoadFigures {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  total: number;
  errors: number;
  non2xx: number;
}

/**
 * POSTs `body` to `url` under autocannon for `seconds`, at a fixed overall rate or as fast as
 * `connections` allow; `headersFor()` picks the headers of each request (e.g. a random person).
 */
export async function load(options: {
  url: string;
  body: string;
  seconds: number;
  connections: number;
  rate?: number;
  headersFor: () => Record<string, string>;
}): Promise<LoadFigures> {
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.seconds,
    ...(options.rate ? { overallRate: options.rate } : {}),
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => ({
          ...request,
          body: options.body,
          headers: { 'content-type': 'application/json', ...options.headersFor() },
        }),
      },
    ],
  });
  return figures(result);
}

/** The rate over the whole run (autocannon's own average is per whole second, wrong for short runs). */
function figures(result: autocannon.Result): LoadFigures {
  const seconds = (new Date(result.finish).getTime() - new Date(result.start).getTime()) / 1000;
  return {
    requestsPerSecond: result.requests.total / seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

export function formatLoad(f: LoadFigures): string {
  const failures = f.errors + f.non2xx > 0 ? `, ${f.errors} errors, ${f.non2xx} non-2xx` : '';
  return `${f.requestsPerSecond.toFixed(0)} req/s, p50 ${f.p50.toFixed(1)} ms, p99 ${f.p99.toFixed(1)} ms (${f.total} requests${failures})`;
}

/**
 * GETs every path once (in order, shared by all connections) under autocannon, `connections` at a
 * time: a boot storm where each connection is a phone after another.
 */
export async function fetchAll(options: {
  url: string;
  paths: readonly string[];
  connections: number;
}): Promise<LoadFigures> {
  let next = 0;
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    amount: options.paths.length,
    requests: [
      {
        method: 'GET',
        setupRequest: (request) => ({ ...request, path: options.paths[next++ % options.paths.length] }),
      },
    ],
  });
  return figures(result);
}
