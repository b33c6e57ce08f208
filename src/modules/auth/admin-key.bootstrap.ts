import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';
import { APP_CONFIG, type AppConfig } from '../../config';
import { WrongExpectedVersionError } from '../../infrastructure/event-store/event-store.errors';
import { ROOT_LOGGER } from '../../infrastructure/observability/observability.tokens';
import { requestContext } from '../../infrastructure/observability/request-context';
import { ApiKeyCredentialsRepository } from './api-key-credentials.repository';
import { apiKeyHasher } from './api-key-hasher';
import { ApiKeyIssuer } from './api-key.issuer';
import { ApiKeyAlreadyExistsError } from '../../domain/access';

/**
 * The first admin key: ADMIN_API_KEY when set, else (with no key at all) a generated one, printed
 * once. With several instances starting at once, set ADMIN_API_KEY: each would otherwise generate.
 */
@Injectable()
export class AdminKeyBootstrap implements OnApplicationBootstrap {
  private readonly log: Logger;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly issuer: ApiKeyIssuer,
    private readonly credentials: ApiKeyCredentialsRepository,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.log = logger.child({ component: 'auth' });
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.authMode === 'disabled') {
      this.log.warn(
        'AUTH_MODE=disabled: every route is open without a key. Use this only for local self-hosting.',
      );
      return;
    }
    const context = {
      requestId: null,
      correlationId: randomUUID(),
      causationId: null,
      actor: 'system:auth-bootstrap',
    };
    await requestContext.run(context, () => this.ensureAdminKey());
  }

  private async ensureAdminKey(): Promise<void> {
    const configured = this.config.adminApiKey;
    if (configured !== undefined) {
      if ((await this.credentials.byPrefix(apiKeyHasher.lookupPrefix(configured))) !== undefined) return;
      await this.ignoringRace(() =>
        this.issuer.issue({
          name: 'admin (ADMIN_API_KEY)',
          role: 'admin',
          origin: 'bootstrap',
          key: configured,
        }),
      );
      return;
    }
    if ((await this.credentials.countActive()) > 0) return;
    const issued = await this.issuer.issue({
      name: 'admin (generated at first start)',
      role: 'admin',
      origin: 'bootstrap',
    });
    // The one sanctioned place a key is logged: nobody could use the service otherwise.
    this.log.warn(
      { keyId: issued.keyId, apiKey: issued.key },
      'No API key existed and ADMIN_API_KEY is unset: generated this admin key. It is shown once; store it now.',
    );
  }

  /** Another instance issuing the same configured key at the same moment is success, not failure. */
  private async ignoringRace(issue: () => Promise<unknown>): Promise<void> {
    try {
      await issue();
    } catch (err) {
      if (err instanceof WrongExpectedVersionError || err instanceof ApiKeyAlreadyExistsError) return;
      if ((err as { code?: string }).code === '23505') return; // unique_violation on the credential
      throw err;
    }
  }
}
