/** docs/domain.md §7 activation states, plus CONFIG_FETCHED once the phone has read its file. */
export const PhoneActivation = {
  REQUESTED: 'REQUESTED',
  NETWORK_REGISTERED: 'NETWORK_REGISTERED',
  CONFIG_PUBLISHED: 'CONFIG_PUBLISHED',
  PENDING_FIRST_BOOT: 'PENDING_FIRST_BOOT',
  CONFIG_FETCHED: 'CONFIG_FETCHED',
  ACTIVE: 'ACTIVE',
  FAILED: 'FAILED',
  UNREGISTERING: 'UNREGISTERING',
  REMOVED: 'REMOVED',
} as const;
export type PhoneActivation = (typeof PhoneActivation)[keyof typeof PhoneActivation];
