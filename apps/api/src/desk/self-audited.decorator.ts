import { SetMetadata } from '@nestjs/common';

export const SELF_AUDITED = 'switchboard:self-audited';

/** The mutation writes its own, more detailed audit entries; the generic mutation audit skips it. */
export const SelfAudited = (): MethodDecorator => SetMetadata(SELF_AUDITED, true);
