import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  ApiKeyAlreadyRevokedError,
  ApiKeyNotFoundError,
  apiKeyDecider,
  apiKeyStreamId,
} from '../../../../domain/access';
import { AggregateRepository } from '../../../../infrastructure/event-store/aggregate-repository';
import { ApiKeyCredentialsRepository } from '../../api-key-credentials.repository';
import { RevokeApiKeyCommand } from './revoke-api-key.command';

@CommandHandler(RevokeApiKeyCommand)
export class RevokeApiKeyHandler implements ICommandHandler<RevokeApiKeyCommand> {
  constructor(
    private readonly aggregates: AggregateRepository,
    private readonly credentials: ApiKeyCredentialsRepository,
  ) {}

  async execute(command: RevokeApiKeyCommand): Promise<void> {
    const streamId = apiKeyStreamId(command.keyId);
    const { state } = await this.aggregates.load(streamId, apiKeyDecider);
    if (state.status === 'none') throw new ApiKeyNotFoundError(command.keyId);
    if (state.status === 'revoked') throw new ApiKeyAlreadyRevokedError(command.keyId);
    const now = new Date();
    // The credential first: the key is refused from this instant, even if the append then fails
    // (a retried DELETE appends the fact, as the stream still says active).
    await this.credentials.markRevoked(command.keyId, now);
    await this.aggregates.handle(
      streamId,
      apiKeyDecider,
      { type: 'RevokeApiKey', keyId: command.keyId, now: now.toISOString() },
      { retries: 2 },
    );
  }
}
