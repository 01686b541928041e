import { DomainError, DomainErrorCode } from './domain-error';
import { LegacyService } from './legacy-migration';
import { parseMacAddress } from './mac-address';
import { isExtension } from './number-pool';
import { cleanText, TextField } from './text-input';

/**
 * The columns of a site's legacy inventory file (docs/legacy-import.md). `number` and `service` are
 * required; the others may be left empty when the site does not know them.
 */
export const LEGACY_CSV_COLUMNS = [
  'number',
  'service',
  'listed_under',
  'description',
  'phone_model',
  'phone_mac',
  'forward_to',
  'forward_when',
  'voicemail',
] as const;
export type LegacyCsvColumn = (typeof LEGACY_CSV_COLUMNS)[number];
const REQUIRED_COLUMNS: readonly LegacyCsvColumn[] = ['number', 'service'];

/** When a legacy line forwards its calls. */
export const ForwardWhen = { ALWAYS: 'ALWAYS', BUSY: 'BUSY', NO_ANSWER: 'NO_ANSWER' } as const;
export type ForwardWhen = (typeof ForwardWhen)[keyof typeof ForwardWhen];

/** One line of the inventory, checked and in canonical form. */
export interface LegacyInventoryLine {
  number: string;
  service: LegacyService;
  /** Logins, lower case, sorted, without repeats. */
  listedUnder: string[];
  description: string | null;
  phone: { modelId: string; mac: string } | null;
  forwardTo: string | null;
  forwardWhen: ForwardWhen | null;
  /** null: the site does not know. */
  voicemail: boolean | null;
}

// The spellings sites use for each service, compared after lower-casing and squeezing separators.
const SERVICE_NAMES: Readonly<Record<string, LegacyService>> = {
  skype: LegacyService.SKYPE,
  'skype for business': LegacyService.SKYPE,
  sfb: LegacyService.SKYPE,
  lync: LegacyService.SKYPE,
  analogue: LegacyService.ANALOGUE,
  analog: LegacyService.ANALOGUE,
  'vendor ip': LegacyService.VENDOR_IP,
  'vendor-ip': LegacyService.VENDOR_IP,
  vendor_ip: LegacyService.VENDOR_IP,
};
const FORWARD_WHEN: Readonly<Record<string, ForwardWhen>> = {
  always: ForwardWhen.ALWAYS,
  busy: ForwardWhen.BUSY,
  'no answer': ForwardWhen.NO_ANSWER,
  'no-answer': ForwardWhen.NO_ANSWER,
  no_answer: ForwardWhen.NO_ANSWER,
};
const YES = new Set(['yes', 'y', 'true', '1', 'on']);
const NO = new Set(['no', 'n', 'false', '0', 'off']);
// An internal extension or an outside number, optionally international; separators people type are dropped.
const FORWARD_TARGET = /^\+?\d{2,20}$/;
// Phone model ids are catalogue slugs (`polycom-vvx-450`); whether the model exists is the importer's check.
const MODEL_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

function refuse(reason: string): never {
  throw new DomainError(DomainErrorCode.INVALID_INPUT, reason);
}

/** Checks a file's header row: every required column present, no unknown or repeated column. */
export function checkLegacyCsvHeader(header: readonly string[]): LegacyCsvColumn[] {
  const names = header.map((name) => name.trim().toLowerCase());
  const known = new Set<string>(LEGACY_CSV_COLUMNS);
  const unknown = names.filter((name) => !known.has(name));
  if (unknown.length > 0)
    refuse(
      `The header names unknown columns (${unknown.map((n) => JSON.stringify(n)).join(', ')}); the columns are ${LEGACY_CSV_COLUMNS.join(', ')}`,
    );
  const repeated = names.filter((name, i) => names.indexOf(name) !== i);
  if (repeated.length > 0) refuse(`The header names ${JSON.stringify(repeated[0])} twice`);
  const missing = REQUIRED_COLUMNS.filter((name) => !names.includes(name));
  if (missing.length > 0)
    refuse(`The header has no ${missing.join(' or ')} column; the first line must name the columns`);
  return names as LegacyCsvColumn[];
}

function parseService(text: string): LegacyService {
  const key = text.trim().toLowerCase().replace(/\s+/g, ' ');
  const service = SERVICE_NAMES[key] ?? (LegacyService as Record<string, LegacyService>)[key.toUpperCase()];
  if (!service)
    refuse(
      text.trim() === ''
        ? 'service is empty; write SKYPE, ANALOGUE or VENDOR_IP'
        : `service ${JSON.stringify(text.slice(0, 40))} is not a legacy service; write SKYPE, ANALOGUE or VENDOR_IP`,
    );
  return service;
}

function parseLogins(text: string): string[] {
  const logins = text
    .split(/[\s;,]+/)
    .filter((login) => login !== '')
    .map((login) => cleanText(login, TextField.LOGIN));
  return [...new Set(logins)].sort();
}

function parsePhone(model: string, mac: string): LegacyInventoryLine['phone'] {
  const modelId = model.trim().toLowerCase();
  if (modelId === '' && mac.trim() === '') return null;
  if (modelId === '') refuse('phone_mac is given without phone_model; give both or neither');
  if (mac.trim() === '') refuse('phone_model is given without phone_mac; give both or neither');
  if (!MODEL_ID.test(modelId))
    refuse(`phone_model ${JSON.stringify(model.slice(0, 40))} is not a model id, e.g. polycom-vvx-450`);
  return { modelId, mac: parseMacAddress(mac) };
}

function parseForwarding(to: string, when: string): Pick<LegacyInventoryLine, 'forwardTo' | 'forwardWhen'> {
  const target = to.replace(/[\s().-]/g, '');
  const whenKey = when.trim().toLowerCase();
  if (target === '') {
    if (whenKey !== '') refuse('forward_when is given without forward_to');
    return { forwardTo: null, forwardWhen: null };
  }
  if (!FORWARD_TARGET.test(target))
    refuse(`forward_to ${JSON.stringify(to.slice(0, 40))} is not a phone number, e.g. 65001 or +41227671111`);
  if (whenKey === '') return { forwardTo: target, forwardWhen: ForwardWhen.ALWAYS };
  const forwardWhen = FORWARD_WHEN[whenKey];
  if (!forwardWhen)
    refuse(`forward_when ${JSON.stringify(when.slice(0, 40))} is not one of always, busy, no-answer`);
  return { forwardTo: target, forwardWhen };
}

function parseVoicemail(text: string): boolean | null {
  const key = text.trim().toLowerCase();
  if (key === '') return null;
  if (YES.has(key)) return true;
  if (NO.has(key)) return false;
  return refuse(`voicemail ${JSON.stringify(text.slice(0, 20))} is not yes or no (or empty when unknown)`);
}

/**
 * Reads one line of the inventory (column name → raw text) into its canonical form, or refuses it
 * with an INVALID_INPUT DomainError whose message names the column and what to write instead.
 */
export function parseLegacyInventoryLine(record: Readonly<Partial<Record<LegacyCsvColumn, string>>>) {
  const field = (name: LegacyCsvColumn) => record[name] ?? '';
  const number = field('number').trim();
  if (!isExtension(number))
    refuse(
      number === ''
        ? 'number is empty; write the 5-digit extension'
        : `number ${JSON.stringify(number.slice(0, 20))} is not a 5-digit extension`,
    );
  const description = field('description').trim();
  const line: LegacyInventoryLine = {
    number,
    service: parseService(field('service')),
    listedUnder: withColumn('listed_under', () => parseLogins(field('listed_under'))),
    description:
      description === ''
        ? null
        : withColumn('description', () => cleanText(description, TextField.DESCRIPTION)),
    phone: withColumn('phone_mac', () => parsePhone(field('phone_model'), field('phone_mac'))),
    ...parseForwarding(field('forward_to'), field('forward_when')),
    voicemail: parseVoicemail(field('voicemail')),
  };
  return line;
}

/** Names the column in refusals that come from the shared parsers (they name their own field). */
function withColumn<T>(column: LegacyCsvColumn, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof DomainError && !error.message.startsWith('phone_'))
      throw new DomainError(error.code, `${column}: ${error.message}`);
    throw error;
  }
}

/** Whether two lines say the same thing (so a re-import changes nothing). */
export function sameInventoryLine(a: LegacyInventoryLine, b: LegacyInventoryLine): boolean {
  return (
    a.number === b.number &&
    a.service === b.service &&
    a.description === b.description &&
    a.listedUnder.join(' ') === b.listedUnder.join(' ') &&
    (a.phone?.modelId ?? null) === (b.phone?.modelId ?? null) &&
    (a.phone?.mac ?? null) === (b.phone?.mac ?? null) &&
    a.forwardTo === b.forwardTo &&
    a.forwardWhen === b.forwardWhen &&
    a.voicemail === b.voicemail
  );
}
