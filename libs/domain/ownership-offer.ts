/** How an ownership offer ended (docs/domain.md §3, change owner). */
export const OfferOutcome = {
  ACCEPTED: 'ACCEPTED',
  REFUSED: 'REFUSED',
  EXPIRED: 'EXPIRED',
  /** The request ended otherwise (cancelled, or the number could not be changed). */
  WITHDRAWN: 'WITHDRAWN',
} as const;
export type OfferOutcome = (typeof OfferOutcome)[keyof typeof OfferOutcome];
