import {
  createServer,
  type IncomingMessage,
  type RequestListener,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createTlsServer, type Server as TlsServer } from 'node:https';
import { decideAccess } from '../../../libs/systems/provisioning/device-auth';
import { digestRequired, type DeviceDigest } from '../../../libs/systems/provisioning/device-digest';
import {
  deviceFileData,
  extensionsOf,
  MissingSipPassword,
} from '../../../libs/systems/provisioning/device-file-data';
import type { ProvisionedDevice } from '../../../libs/systems/provisioning/provisioned-devices';
import {
  parseProvisioningPath,
  parseUploadName,
} from '../../../libs/systems/provisioning/provisioning-paths';
import type { TemplateCatalogue } from '../../../libs/systems/provisioning/template-catalogue';
import type { DirectoryUploadStore } from './upload-store';

/** What one request did, for the log (never a secret or a password). */
export interface ProvisioningEvent {
  method: string;
  status: number;
  /** The phone, once its secret was recognised. */
  mac?: string;
  file?: string;
  /** Why a request was refused or failed. */
  reason?: string;
  source?: string;
}

export interface ProvisioningServerDeps {
  devices: { findBySecret(secret: string): Promise<ProvisionedDevice | null> };
  /** The SIP password vault (libs/systems/pbx/sip-credentials.ts). */
  passwords: { reveal(extension: string): Promise<string | null> };
  /** Records the fetch of a phone's own file (the register-phone workflow polls it). */
  fetches: { recordConfigFetch(mac: string, at?: Date): Promise<boolean> };
  templates: TemplateCatalogue;
  uploads: DirectoryUploadStore;
  checkSourceAddress: boolean;
  log(event: ProvisioningEvent): void;
  /** PEM certificate and key: HTTPS instead of HTTP. */
  tls?: { cert: Buffer; key: Buffer };
  /** Per-device HTTP digest (device-digest.ts); absent when it is off. */
  digest?: {
    check: DeviceDigest;
    graceMs: number;
    record(mac: string, event: 'delivered' | 'verified'): Promise<void>;
  };
}

// One body per status, the same whatever the reason: a refusal tells a client nothing it could
// use to tell an unknown secret from another phone's file.
const BODIES: Record<number, string> = {
  200: 'OK\n',
  201: 'Stored\n',
  401: 'Unauthorized\n',
  403: 'Forbidden\n',
  404: 'Not found\n',
  405: 'Method not allowed\n',
  413: 'Upload too large\n',
  503: 'The provisioning server cannot answer right now; try again later\n',
};

class Answer {
  constructor(
    readonly status: number,
    readonly body: string | Buffer = BODIES[status] ?? '',
    readonly headers: Record<string, string> = {},
    readonly event: Partial<ProvisioningEvent> = {},
  ) {}
}

const refuse = (status: number, event: Partial<ProvisioningEvent>, headers: Record<string, string> = {}) =>
  new Answer(status, BODIES[status], headers, event);

function contentType(escaping: 'xml' | 'line'): string {
  return escaping === 'xml' ? 'application/xml; charset=utf-8' : 'text/plain; charset=utf-8';
}

/**
 * The IP-phone provisioning server as a plain Node HTTP server (it is benchmarked against nginx for a
 * boot storm, so no framework sits in the request path). Routes:
 * - `GET /health`;
 * - `GET|HEAD /p/<secret>/<file>`: a family-wide file (Polycom's fallback master `000000000000.cfg`,
 *   Yealink's `y000000000000.cfg`), a per-phone file (Polycom's master `<mac>.cfg`, its line file
 *   `phone<mac>.cfg` with the SIP passwords) or an upload it stored earlier;
 * - `PUT /p/<secret>/<mac>-phone.cfg|-web.cfg|-<kind>.log`: the phone's uploads, up to the limit.
 */
export function createProvisioningServer(deps: ProvisioningServerDeps): Server | TlsServer {
  const listener: RequestListener = (request, response) => {
    void handle(deps, request, response);
  };
  const server = deps.tls
    ? createTlsServer({ cert: deps.tls.cert, key: deps.tls.key }, listener)
    : createServer(listener);
  // A phone that stalls mid-request does not hold a socket for long.
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  return server;
}

async function handle(deps: ProvisioningServerDeps, request: IncomingMessage, response: ServerResponse) {
  const method = request.method ?? 'GET';
  const source = request.socket.remoteAddress;
  let answer: Answer;
  try {
    answer = await route(deps, method, request);
  } catch (error) {
    // The database or the vault failed: the phone retries; the log says why (never a secret).
    const reason =
      error instanceof MissingSipPassword ? error.message : `internal: ${(error as Error).message}`;
    answer = new Answer(503, BODIES[503], { 'retry-after': '30' }, { reason });
  }
  deps.log({ method, status: answer.status, source, ...answer.event });
  // A refused upload is not read: close the connection rather than drain an unwanted body.
  const unreadBody = method === 'PUT' && answer.status !== 201;
  response.writeHead(answer.status, {
    'content-type': answer.headers['content-type'] ?? 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(answer.body),
    'cache-control': 'no-store',
    ...(unreadBody ? { connection: 'close' } : {}),
    ...answer.headers,
  });
  response.end(method === 'HEAD' ? undefined : answer.body);
  if (unreadBody) request.resume();
}

async function route(
  deps: ProvisioningServerDeps,
  method: string,
  request: IncomingMessage,
): Promise<Answer> {
  const target = request.url ?? '/';
  if (target === '/health' && (method === 'GET' || method === 'HEAD')) return new Answer(200);
  if (method !== 'GET' && method !== 'HEAD' && method !== 'PUT') {
    return refuse(405, { reason: `method ${method}` }, { allow: 'GET, HEAD, PUT' });
  }
  const path = parseProvisioningPath(target);
  if (!path) return refuse(404, { reason: 'not a /p/<secret>/<file> path' });

  const device = await deps.devices.findBySecret(path.secret);
  const family = device?.published?.config.family;
  const upload = parseUploadName(path.fileName);
  const match = !upload && family ? deps.templates.match(family, path.fileName) : null;
  const fileMac = upload?.mac ?? (match?.kind === 'device' ? match.mac : null);
  const decision = decideAccess({
    device,
    fileMac,
    sourceAddress: request.socket.remoteAddress,
    checkSource: deps.checkSourceAddress,
  });
  const event = { mac: device?.mac, file: path.fileName };
  if (!decision.allow) return refuse(decision.status, { ...event, reason: decision.reason });
  // decideAccess allowed it, so the device exists.
  const phone = device!;
  if (!phone.published) return refuse(404, { ...event, reason: 'no configuration is published for it' });
  if (deps.digest) {
    const refused = await checkDigest(deps.digest, phone, method, target, request.headers.authorization);
    if (refused) return new Answer(401, BODIES[401], refused.headers, { ...event, reason: refused.reason });
  }

  if (upload) {
    if (method === 'PUT') return storeUpload(deps, request, phone.mac, upload.fileName, event);
    const stored = await deps.uploads.read(phone.mac, upload.fileName);
    return stored
      ? new Answer(200, stored, {}, event)
      : refuse(404, { ...event, reason: 'nothing uploaded' });
  }
  if (method === 'PUT')
    return refuse(405, { ...event, reason: 'not an upload name' }, { allow: 'GET, HEAD' });
  if (!match) return refuse(404, { ...event, reason: `no ${family} template for this file` });

  const { revision, config } = phone.published;
  if (match.kind === 'family' || !match.carriesLines) {
    // A master file (Polycom `<mac>.cfg` or `000000000000.cfg`) names files, it holds no secret: no
    // vault read, and fetching it is not fetching the configuration.
    const body = match.template.render({ mac: phone.mac, macUpper: phone.mac.toUpperCase(), revision });
    return new Answer(200, body, { 'content-type': contentType(match.template.escaping) }, event);
  }
  const passwords = new Map<string, string>();
  for (const extension of extensionsOf(config)) {
    const password = await deps.passwords.reveal(extension);
    if (password !== null) passwords.set(extension, password);
  }
  const provisioning = deps.digest && {
    user: phone.mac,
    password: deps.digest.check.passwordFor(phone.mac, phone.secret),
  };
  const body = match.template.render(
    deviceFileData({ mac: phone.mac, revision, config, passwords, provisioning }),
  );
  // A HEAD reads no credentials, so it is not a fetch.
  if (method === 'GET') {
    await deps.fetches.recordConfigFetch(phone.mac);
    // The digest migration starts when the phone has been given its credentials (its grace runs).
    const givesCredentials = match.template.names.has('provisioningPassword');
    if (deps.digest && givesCredentials && !phone.digest.deliveredAt)
      await deps.digest.record(phone.mac, 'delivered');
  }
  return new Answer(200, body, { 'content-type': contentType(match.template.escaping) }, event);
}

async function storeUpload(
  deps: ProvisioningServerDeps,
  request: IncomingMessage,
  mac: string,
  fileName: string,
  event: Partial<ProvisioningEvent>,
): Promise<Answer> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > deps.uploads.maxBytes) {
    return refuse(413, { ...event, reason: `declared ${declared} bytes` });
  }
  const outcome = await deps.uploads.save(mac, fileName, request);
  if (outcome === 'too-large')
    return refuse(413, { ...event, reason: `over ${deps.uploads.maxBytes} bytes` });
  return new Answer(201, BODIES[201], {}, event);
}

/**
 * The digest step: null when the request may go on; else why not and the challenge. A request that
 * carries digest must carry a right one; one that carries none goes on only while the phone's
 * migration allows it (digestRequired).
 */
async function checkDigest(
  digest: NonNullable<ProvisioningServerDeps['digest']>,
  phone: ProvisionedDevice,
  method: string,
  uri: string,
  header: string | undefined,
): Promise<{ reason: string; headers: Record<string, string> } | null> {
  if (header) {
    const verdict = digest.check.verify({
      header,
      method,
      uri,
      mac: phone.mac,
      provisioningSecret: phone.secret,
    });
    if (verdict.ok) {
      if (!phone.digest.verifiedAt) await digest.record(phone.mac, 'verified');
      return null;
    }
    return {
      reason: verdict.reason,
      headers: { 'www-authenticate': digest.check.challenge(phone.mac, verdict.stale) },
    };
  }
  if (!digestRequired(phone.digest, new Date(), digest.graceMs)) return null;
  return {
    reason: phone.digest.verifiedAt
      ? 'digest required'
      : 'digest required (the grace after its credentials is over)',
    headers: { 'www-authenticate': digest.check.challenge(phone.mac) },
  };
}
