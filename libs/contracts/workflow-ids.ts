/**
 * Workflow ids derive from the resource a request acts on, so Temporal itself refuses a second
 * running request on the same resource (a double click, two tabs, two agents).
 */
export const workflowIds = {
  personalNumber: (login: string): string => `personal-number-${login}`,
  number: (number: string): string => `number-${number}`,
  phone: (canonicalMac: string): string => `phone-${canonicalMac}`,
} as const;
