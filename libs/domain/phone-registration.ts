import { DomainError, DomainErrorCode } from './domain-error';
import { formatMacAddress } from './mac-address';
import type { Compatibility } from './phone-compatibility';
import { parseExtension } from './text-input';

/** docs/domain.md §7: the network name carries the number. */
export function phoneDeviceName(number: string): string {
  return `TELEPHONE-${number}`;
}

/** A catalogue entry as the registration rules see it. */
export interface CatalogueModel {
  id: string;
  manufacturer: string;
  name: string;
  compatible: Compatibility;
  addOn: boolean;
}

/** Only compatible (YES) models that carry a line may be registered as phones (docs/domain.md §7). */
export function requireRegistrableModel(model: CatalogueModel | null, requestedId: string): CatalogueModel {
  if (!model) {
    const shown = requestedId.length <= 64 ? JSON.stringify(requestedId) : 'that';
    throw new DomainError(
      DomainErrorCode.INVALID_INPUT,
      `Model: there is no phone model ${shown}; choose one from the catalogue (phoneModels).`,
    );
  }
  const label = `${model.manufacturer} ${model.name}`;
  if (model.addOn) {
    throw new DomainError(
      DomainErrorCode.MODEL_NOT_COMPATIBLE,
      `The ${label} is an add-on, not a phone: register its host phone, then pair the ${model.name} with it.`,
    );
  }
  if (model.compatible === 'SOON') {
    throw new DomainError(
      DomainErrorCode.MODEL_NOT_COMPATIBLE,
      `The ${label} is not supported yet (support is coming). Use a compatible model for now, e.g. a Polycom VVX.`,
    );
  }
  if (model.compatible !== 'YES') {
    throw new DomainError(
      DomainErrorCode.MODEL_NOT_COMPATIBLE,
      `The ${label} does not work with the new phone system. Replace it with a compatible model, e.g. a Polycom VVX.`,
    );
  }
  return model;
}

/** Refusal for a MAC that a live phone or a D60 base already has. */
export function macInUse(mac: string, holder?: { kind: 'phone' | 'd60-base'; number?: string }): DomainError {
  const shown = formatMacAddress(mac, 'colon');
  const where =
    holder?.kind === 'd60-base'
      ? ' by a D60 base'
      : holder?.number
        ? ` by the phone on ${holder.number}`
        : ' by another phone';
  return new DomainError(
    DomainErrorCode.MAC_IN_USE,
    `The MAC address ${shown} is already registered${where}. Check the label on the device; if it moved to you, unregister it from where it was first.`,
  );
}

/** Refusal for a number that already has a live phone (at most one per number). */
export function numberHasPhone(number: string, mac?: string): DomainError {
  const which = mac ? ` (${formatMacAddress(mac, 'colon')})` : '';
  return new DomainError(
    DomainErrorCode.NUMBER_HAS_PHONE,
    `${number} already has a desk phone${which}, and a number can have only one. Unregister that phone first, or choose another number.`,
  );
}

export const D60_MAX_HANDSETS = 5;

/** A D60 base's handsets as a person lists them: 1 to 5 distinct numbers, in slot order. */
export function parseD60Handsets(numbers: readonly string[]): Array<{ slot: number; number: string }> {
  if (numbers.length < 1 || numbers.length > D60_MAX_HANDSETS) {
    throw new DomainError(
      DomainErrorCode.INVALID_INPUT,
      `Handsets: a D60 base takes 1 to ${D60_MAX_HANDSETS} handsets, and ${numbers.length} were given.`,
    );
  }
  const parsed = numbers.map((n) => parseExtension(n));
  const duplicate = parsed.find((n, i) => parsed.indexOf(n) !== i);
  if (duplicate) {
    throw new DomainError(
      DomainErrorCode.INVALID_INPUT,
      `Handsets: ${duplicate} is listed twice; give each handset its own number.`,
    );
  }
  return parsed.map((number, i) => ({ slot: i + 1, number }));
}
