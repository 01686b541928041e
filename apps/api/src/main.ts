import 'reflect-metadata';
import { Logger, type LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { loadConfig } from '../../../libs/config/app-config';
import { AppModule } from './app.module';
import { bodyErrorHandler, emptyBodyWhenUnparsed } from './errors/body-error.handler';

const BODY_LIMIT_BYTES = 100 * 1024;

/** Builds the API application (used by `main` and by the API tests). */
export async function createApi(
  config = loadConfig(),
  options: { logs?: boolean; logger?: LoggerService } = {},
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger: options.logger ?? (options.logs === false ? false : undefined),
  });
  app.disable('x-powered-by');
  // Requests are small: a bigger body is an attack or a mistake, refused before parsing.
  app.useBodyParser('json', { limit: BODY_LIMIT_BYTES });
  app.use('/graphql', emptyBodyWhenUnparsed, bodyErrorHandler(BODY_LIMIT_BYTES));
  app.enableShutdownHooks();
  return app;
}

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApi(config);
  await app.listen(config.api.port, config.api.host);
  new Logger('api').log(`GraphQL at http://${config.api.host}:${config.api.port}/graphql`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    new Logger('api').error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}
