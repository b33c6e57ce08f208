import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApiKeyIssuer } from '../../api-key.issuer';
import { CreateApiKeyCommand } from './create-api-key.command';
import type { CreatedApiKeyResponseDto } from './create-api-key.response.dto';

@CommandHandler(CreateApiKeyCommand)
export class CreateApiKeyHandler implements ICommandHandler<CreateApiKeyCommand> {
  constructor(private readonly issuer: ApiKeyIssuer) {}

  async execute(command: CreateApiKeyCommand): Promise<CreatedApiKeyResponseDto> {
    const issued = await this.issuer.issue({ name: command.name, role: command.role, origin: 'api' });
    return {
      id: issued.keyId,
      name: issued.name,
      role: issued.role,
      prefix: issued.prefix,
      key: issued.key,
      createdAt: issued.createdAt,
    };
  }
}
