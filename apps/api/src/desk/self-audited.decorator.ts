import { SetMetadata, type CustomDecorator } from '@nestjs/common';

export const SELF_AUDITED = 'switchboard:self-audited';

/**
 * The mutation (or every mutation of the resolver class) writes its own, more detailed audit entries,
 * so the generic mutation audit skips it: one entry per action, never two.
 */
export const SelfAudited = (): CustomDecorator<string> => SetMetadata(SELF_AUDITED, true);
