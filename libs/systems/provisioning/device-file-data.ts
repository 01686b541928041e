import type { TemplateData } from './template-renderer';
import type { PhoneConfig } from './provisioning.port';

/** A line's SIP password is not in the vault (its account is being created or was removed). */
export class MissingSipPassword extends Error {
  constructor(readonly extension: string) {
    super(`no SIP password in the vault for ${extension}`);
    this.name = 'MissingSipPassword';
  }
}

/** The extensions whose SIP passwords the phone's file carries: its lines, then its D60 handsets'. */
export function extensionsOf(config: PhoneConfig): string[] {
  const all = [
    ...config.lines.map((l) => l.extension),
    ...(config.d60?.handsets ?? []).map((h) => h.extension),
  ];
  return [...new Set(all)];
}

/**
 * What a model family's templates see for one phone (docs/provisioning.md lists the names):
 * `mac`, `macUpper`, `revision`, `sipServer`, `lines[]` (`index`, `extension`, `label`,
 * `displayName`, `address`, `authUserId`, `password`, `serverAddress`), and `d60` (null, or
 * `baseMac` and `handsets[]` with `slot`, `extension` and the `lineIndex` that rings it). A handset
 * on a number the phone has no line for gets a line of its own after the phone's lines.
 * `provisioningUser` and `provisioningPassword` are the phone's digest credentials for the
 * provisioning server itself (null when digest is off).
 */
export function deviceFileData(input: {
  mac: string;
  revision: number;
  config: PhoneConfig;
  passwords: ReadonlyMap<string, string>;
  provisioning?: { user: string; password: string } | null;
}): TemplateData {
  const { config, passwords } = input;
  const password = (extension: string) => {
    const found = passwords.get(extension);
    if (found === undefined) throw new MissingSipPassword(extension);
    return found;
  };
  const line = (index: number, extension: string, label: string, displayName: string): TemplateData => ({
    index,
    extension,
    label,
    displayName,
    address: `${extension}@${config.sipServer}`,
    authUserId: extension,
    password: password(extension),
    serverAddress: config.sipServer,
  });
  const lines = [...config.lines]
    .sort((a, b) => a.index - b.index)
    .map((l) => line(l.index, l.extension, l.label, l.displayName));
  const lineOf = new Map(lines.map((l) => [l.extension as string, l.index as number]));
  let d60: TemplateData | null = null;
  if (config.d60) {
    const handsets = [...config.d60.handsets]
      .sort((a, b) => a.slot - b.slot)
      .map((h) => {
        let lineIndex = lineOf.get(h.extension);
        if (lineIndex === undefined) {
          lineIndex = Math.max(0, ...lineOf.values()) + 1;
          lineOf.set(h.extension, lineIndex);
          lines.push(line(lineIndex, h.extension, h.extension, h.extension));
        }
        return { slot: h.slot, extension: h.extension, lineIndex };
      });
    d60 = { baseMac: config.d60.baseMac, baseMacUpper: config.d60.baseMac.toUpperCase(), handsets };
  }
  return {
    mac: input.mac,
    macUpper: input.mac.toUpperCase(),
    revision: input.revision,
    sipServer: config.sipServer,
    lines,
    d60,
    provisioningUser: input.provisioning?.user ?? null,
    provisioningPassword: input.provisioning?.password ?? null,
  };
}
