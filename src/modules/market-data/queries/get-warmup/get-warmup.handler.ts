import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { MARKET_CLOCK, type MarketClock } from '../../market-clock';
import { WarmupRegistry } from '../../warmup/warmup-registry';
import { GetWarmupQuery } from './get-warmup.query';
import { toWarmupResponse, type WarmupResponseDto } from './get-warmup.response.dto';

@QueryHandler(GetWarmupQuery)
export class GetWarmupHandler implements IQueryHandler<GetWarmupQuery> {
  constructor(
    private readonly registry: WarmupRegistry,
    @Inject(MARKET_CLOCK) private readonly clock: MarketClock,
  ) {}

  execute({ id }: GetWarmupQuery): Promise<WarmupResponseDto> {
    return Promise.resolve(toWarmupResponse(this.registry.get(id), this.clock.now()));
  }
}
