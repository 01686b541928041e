/**
 * The boot URL DHCP hands to one phone (options 66/160): the provisioning server's public base and
 * the phone's own secret, so no other client can name its files. One definition for the workflows
 * and for reconciliation's repairs.
 */
export function phoneBootUrl(provisioningUrl: string, secret: string): string {
  return `${provisioningUrl.replace(/\/$/, '')}/p/${secret}/`;
}
