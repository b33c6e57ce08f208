import { Query } from '@nestjs/cqrs';
import type { PositionResponseDto } from './position.response.dto';

export class GetPositionsQuery extends Query<PositionResponseDto[]> {
  constructor(readonly accountId: string) {
    super();
  }
}
