/** docs/domain.md §3: a person's own number, or a service number with an owner and a managers e-group. */
export const NumberType = { PERSONAL: 'PERSONAL', SHARED: 'SHARED' } as const;
export type NumberType = (typeof NumberType)[keyof typeof NumberType];
