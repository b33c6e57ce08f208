import { Query } from '@nestjs/cqrs';
import type { CorrelationResponseDto } from './get-correlation.response.dto';

export class GetCorrelationQuery extends Query<CorrelationResponseDto> {
  constructor(readonly correlationId: string) {
    super();
  }
}
