import { Query } from '@nestjs/cqrs';
import type { SizePositionRequestDto } from './size-position.request.dto';
import type { SizePositionResponseDto } from './size-position.response.dto';

export class SizePositionQuery extends Query<SizePositionResponseDto> {
  constructor(
    readonly accountId: string,
    readonly request: SizePositionRequestDto,
  ) {
    super();
  }
}
