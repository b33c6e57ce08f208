import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { HashChainVerifier } from '../../../../infrastructure/event-store/hash-chain-verifier';
import { VerifyChainsQuery } from './verify-chains.query';
import type { VerificationResponseDto } from './verify-chains.response.dto';

@QueryHandler(VerifyChainsQuery)
export class VerifyChainsHandler implements IQueryHandler<VerifyChainsQuery> {
  constructor(private readonly verifier: HashChainVerifier) {}

  async execute({ streamId }: VerifyChainsQuery): Promise<VerificationResponseDto> {
    const started = performance.now();
    const result = await this.verifier.verify(streamId);
    const broken = result.firstBroken;
    return {
      ok: result.ok,
      checkedEvents: result.checkedEvents,
      checkedStreams: result.checkedStreams,
      firstBroken:
        broken === null
          ? null
          : {
              streamId: broken.streamId,
              version: broken.version.toString(),
              position: broken.position?.toString() ?? null,
              reason: broken.reason,
            },
      durationMs: Math.round(performance.now() - started),
    };
  }
}
