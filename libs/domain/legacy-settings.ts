/**
 * The settings of a legacy line that the new service does not take over. The PBX holds SIP accounts
 * only (docs/domain.md §1): call forwarding and voicemail cannot be carried, so a migration tells the
 * person what to set again instead of dropping them silently (issue 17).
 */

export const SETTINGS_TO_SET_AGAIN = ['forwarding', 'voicemail'] as const;
export type SettingToSetAgain = (typeof SETTINGS_TO_SET_AGAIN)[number];

const LABELS: Record<SettingToSetAgain, string> = {
  forwarding: 'call forwarding',
  voicemail: 'voicemail',
};

// What legacy inventories write for "not set": nothing to redo on the new line.
const UNSET = new Set(['', 'none', 'off', 'no', 'false', 'disabled', '0', '-']);

/** The forwarding and voicemail settings that were on, as `label (value)`, in a fixed order. */
export function settingsToSetAgain(settings: Record<string, string>): string[] {
  const found: string[] = [];
  for (const key of SETTINGS_TO_SET_AGAIN) {
    const value = Object.entries(settings)
      .find(([k]) => k.toLowerCase() === key)?.[1]
      ?.trim();
    if (value === undefined || UNSET.has(value.toLowerCase())) continue;
    found.push(`${LABELS[key]} (${value.slice(0, 120)})`);
  }
  return found;
}

/** A sentence for the person, or undefined when there is nothing to set again. */
export function setAgainSentence(settings: Record<string, string>): string | undefined {
  const items = settingsToSetAgain(settings);
  if (items.length === 0) return undefined;
  return `The new line does not take over your ${items.join(' and ')}: set ${items.length === 1 ? 'it' : 'them'} again on the new line.`;
}
