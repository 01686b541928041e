import { Catch, Logger, type ArgumentsHost } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { GqlArgumentsHost } from '@nestjs/graphql';
import { DomainError } from '../../../../libs/domain/domain-error';

/**
 * A refusal by the rules (NOT_ELIGIBLE, MAC_IN_USE …) is the person's mistake or the rule doing its
 * job, not a fault: Nest would log every one at ERROR with a stack. This logs it once, at info, with
 * its code and operation, and lets formatGraphqlError answer it. Real faults are not caught here.
 */
@Catch(DomainError)
export class RefusalLoggingFilter extends BaseExceptionFilter {
  private readonly logger = new Logger('refusals');

  override catch(exception: DomainError, host: ArgumentsHost): unknown {
    if (host.getType<string>() !== 'graphql') return super.catch(exception, host);
    const field = GqlArgumentsHost.create(host).getInfo<{ fieldName?: string }>()?.fieldName;
    this.logger.log(`${field ?? 'graphql'} refused: ${exception.code}: ${exception.message}`);
    throw exception;
  }
}
