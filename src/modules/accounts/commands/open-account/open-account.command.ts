import { Command } from '@nestjs/cqrs';
import type { AccountResponseDto } from '../../queries/get-account/account.response.dto';
import type { OpenAccountRequestDto } from './open-account.request.dto';

export class OpenAccountCommand extends Command<AccountResponseDto> {
  constructor(readonly request: OpenAccountRequestDto) {
    super();
  }
}
