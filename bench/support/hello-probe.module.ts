import { Controller, Get, Module } from '@nestjs/common';
import { Roles } from '../../src/modules/auth';

/**
 * The trivial route a benchmark compares with: the same app, the same global guard (key lookup,
 * roles, rate limit), pipes and filter as a product route, and no work of its own. Bench only.
 */
@Controller('bench')
class HelloProbeController {
  @Get('hello')
  @Roles('trader', 'viewer', 'auditor')
  hello(): { hello: string } {
    return { hello: 'world' };
  }
}

@Module({ controllers: [HelloProbeController] })
export class HelloProbeModule {}
