import { polycomAttributes, type PhoneResponse } from './phone-http';

/**
 * A Polycom phone's boot sequence as UC Software documents it, played against a provisioning server
 * through `request` (plain HTTP, from a network namespace, with digest …):
 *
 * 1. GET `<mac>.cfg`, the master file; on 404 only, GET `000000000000.cfg` instead. The master is an
 *    `APPLICATION` element.
 * 2. GET the application image named by `APP_FILE_PATH` (404: the phone keeps the firmware it runs).
 * 3. GET its overrides, `<mac>-phone.cfg`, from `OVERRIDES_DIRECTORY` (404 on a first boot).
 * 4. GET every file listed in `CONFIG_FILES`, in order; a missing one is a boot error. A parameter
 *    in a file listed earlier wins over the same parameter in a later one.
 * 5. Uploads: PUT its boot and application logs to `LOG_FILE_DIRECTORY`.
 *
 * Each step checks only what the phone itself would check, so a server the phone cannot boot on
 * fails here in the step where the phone would fail.
 */

export type PhoneTransport = (method: 'GET' | 'PUT', file: string, body?: string) => Promise<PhoneResponse>;

export interface PolycomBoot {
  /** Every request in the order the phone made it, with the status it got. */
  requests: Array<{ method: string; file: string; status: number }>;
  /** The file the phone took as its master. */
  master: string;
  configFiles: string[];
  /** The parameters of the CONFIG_FILES, earlier files first (`reg.1.auth.password` …). */
  parameters: Record<string, string>;
}

export class PolycomBootError extends Error {}

/** The name of the root element of an XML document (after the declaration and comments). */
export function rootElement(xml: string): string | undefined {
  const body = xml.replace(/<\?[\s\S]*?\?>/g, '').replace(/<!--[\s\S]*?-->/g, '');
  return /<([A-Za-z_][A-Za-z0-9_.-]*)/.exec(body)?.[1];
}

/** A directory attribute of the master as a file-name prefix (`""` is the boot URL itself). */
const inDirectory = (directory: string | undefined, file: string) =>
  directory ? `${directory.replace(/\/+$/, '')}/${file}` : file;

export async function bootPolycom(mac: string, request: PhoneTransport): Promise<PolycomBoot> {
  const requests: PolycomBoot['requests'] = [];
  const call = async (method: 'GET' | 'PUT', file: string, body?: string) => {
    const answer = await request(method, file, body);
    requests.push({ method, file, status: answer.status });
    return answer;
  };

  let master = `${mac}.cfg`;
  let answer = await call('GET', master);
  if (answer.status === 404) {
    master = '000000000000.cfg';
    answer = await call('GET', master);
  }
  if (answer.status !== 200)
    throw new PolycomBootError(`no master file: ${master} answered ${answer.status}`);
  if (rootElement(answer.body) !== 'APPLICATION')
    throw new PolycomBootError(`${master} is not a master file (root element ${rootElement(answer.body)})`);
  const application = polycomAttributes(answer.body);
  const expand = (name: string) => name.trim().replace(/\[PHONE_MAC_ADDRESS\]/g, mac);
  const configFiles = (application.CONFIG_FILES ?? '').split(',').map(expand).filter(Boolean);

  if (application.APP_FILE_PATH) {
    const image = await call('GET', expand(application.APP_FILE_PATH));
    if (image.status !== 200 && image.status !== 404)
      throw new PolycomBootError(`the application image answered ${image.status}`);
  }
  const overrides = await call('GET', inDirectory(application.OVERRIDES_DIRECTORY, `${mac}-phone.cfg`));
  if (overrides.status !== 200 && overrides.status !== 404)
    throw new PolycomBootError(`its overrides answered ${overrides.status}`);

  const parameters: Record<string, string> = {};
  for (const file of configFiles) {
    const config = await call('GET', file);
    if (config.status !== 200) throw new PolycomBootError(`${file} (CONFIG_FILES) answered ${config.status}`);
    if (rootElement(config.body) === 'APPLICATION')
      throw new PolycomBootError(`${file} (CONFIG_FILES) is another master file`);
    for (const [name, value] of Object.entries(polycomAttributes(config.body))) parameters[name] ??= value;
  }

  for (const log of ['boot', 'app']) {
    const file = inDirectory(application.LOG_FILE_DIRECTORY, `${mac}-${log}.log`);
    const stored = await call('PUT', file, `${log} log of ${mac}\n`);
    if (stored.status !== 201) throw new PolycomBootError(`the upload of ${file} answered ${stored.status}`);
  }
  return { requests, master, configFiles, parameters };
}

/** The requests of a first boot on the shipped Polycom files, with the answers a phone should get. */
export function firstBootOnShippedFiles(mac: string): PolycomBoot['requests'] {
  return [
    { method: 'GET', file: `${mac}.cfg`, status: 200 },
    { method: 'GET', file: 'sip.ld', status: 404 },
    { method: 'GET', file: `${mac}-phone.cfg`, status: 404 },
    { method: 'GET', file: `phone${mac}.cfg`, status: 200 },
    { method: 'PUT', file: `${mac}-boot.log`, status: 201 },
    { method: 'PUT', file: `${mac}-app.log`, status: 201 },
  ];
}
