import { Query } from '@nestjs/cqrs';
import type { WarmupResponseDto } from './get-warmup.response.dto';

export class GetWarmupQuery extends Query<WarmupResponseDto> {
  constructor(readonly id: string) {
    super();
  }
}
