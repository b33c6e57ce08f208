import { Command } from '@nestjs/cqrs';
import type { Role } from '../../../../domain/access';
import type { CreatedApiKeyResponseDto } from './create-api-key.response.dto';

export class CreateApiKeyCommand extends Command<CreatedApiKeyResponseDto> {
  constructor(
    readonly name: string,
    readonly role: Role,
  ) {
    super();
  }
}
