import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { APP_CONFIG, type AppConfig } from '../../../config';
import { RateLimitedError, retryAfterSeconds, type Role } from '../../../domain/access';
import { ROOT_LOGGER } from '../../../infrastructure/observability/observability.tokens';
import { RATE_LIMITER } from '../auth.tokens';
import type { RateLimiter } from './rate-limiter';

/**
 * Per-IP and per-key limits. When the counter store fails (Redis down), requests pass: limits
 * protect the service, and refusing all traffic because of them would be the larger outage.
 */
@Injectable()
export class RateLimitService {
  private readonly log: Logger;

  constructor(
    @Inject(RATE_LIMITER) private readonly limiter: RateLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.log = logger.child({ component: 'rate-limit' });
  }

  async checkIp(ip: string): Promise<void> {
    await this.check(`ip:${ip}`, 'ip', this.config.rateLimitIpPerMin);
  }

  async checkKey(keyId: string, role: Role): Promise<void> {
    await this.check(`key:${keyId}`, 'key', this.config.rateLimitPerMinByRole[role]);
  }

  private async check(bucket: string, scope: 'ip' | 'key', limit: number): Promise<void> {
    let decision;
    try {
      decision = await this.limiter.consume(bucket, limit, Date.now());
    } catch (err) {
      this.log.warn({ err }, 'rate limit store unavailable: request let through');
      return;
    }
    if (!decision.allowed) throw new RateLimitedError(scope, limit, retryAfterSeconds(decision.resetInMs));
  }
}
