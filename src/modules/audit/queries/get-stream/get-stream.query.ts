import { Query } from '@nestjs/cqrs';
import type { StreamAtResponseDto } from './get-stream.response.dto';

export class GetStreamQuery extends Query<StreamAtResponseDto> {
  constructor(
    readonly streamId: string,
    readonly until: { version?: bigint; at?: Date },
  ) {
    super();
  }
}
