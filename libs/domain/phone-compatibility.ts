/** docs/domain.md §7: whether a desk-phone model works with the new service; only YES may be registered. */
export const Compatibility = { YES: 'YES', NO: 'NO', SOON: 'SOON' } as const;
export type Compatibility = (typeof Compatibility)[keyof typeof Compatibility];
