import type { ActivitySettings } from '../../../../activities';
import type { AppConfig } from '../../../../libs/config/app-config';

/** The activities' settings, read from the validated configuration. */
export function activitySettings(config: AppConfig): ActivitySettings {
  return {
    eligibility: config.eligibility,
    pools: config.pools,
    portalUrl: config.publicUrl,
    provisioningUrl: config.provisioningUrl,
    sipDomain: config.sip.domain,
    serviceDeskGroup: config.roles.serviceDeskGroup,
  };
}
