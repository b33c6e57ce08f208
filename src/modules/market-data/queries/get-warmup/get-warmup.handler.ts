import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { WarmupRegistry } from '../../warmup/warmup-registry';
import { GetWarmupQuery } from './get-warmup.query';
import { toWarmupResponse, type WarmupResponseDto } from './get-warmup.response.dto';

@QueryHandler(GetWarmupQuery)
export class GetWarmupHandler implements IQueryHandler<GetWarmupQuery> {
  constructor(private readonly registry: WarmupRegistry) {}

  execute({ id }: GetWarmupQuery): Promise<WarmupResponseDto> {
    return Promise.resolve(toWarmupResponse(this.registry.get(id), Date.now()));
  }
}
