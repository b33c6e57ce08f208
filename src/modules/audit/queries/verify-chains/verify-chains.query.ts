import { Query } from '@nestjs/cqrs';
import type { VerificationResponseDto } from './verify-chains.response.dto';

export class VerifyChainsQuery extends Query<VerificationResponseDto> {
  constructor(readonly streamId: string | undefined) {
    super();
  }
}
