import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Roles } from './access.decorators';
import { CreateApiKeyCommand } from './commands/create-api-key/create-api-key.command';
import { CreateApiKeyRequestDto } from './commands/create-api-key/create-api-key.request.dto';
import { CreatedApiKeyResponseDto } from './commands/create-api-key/create-api-key.response.dto';
import { RevokeApiKeyCommand } from './commands/revoke-api-key/revoke-api-key.command';
import { ListApiKeysQuery } from './queries/list-api-keys/list-api-keys.query';
import { ApiKeyResponseDto } from './queries/list-api-keys/list-api-keys.response.dto';

@ApiTags('api-keys')
@Controller('v1/api-keys')
@Roles()
export class ApiKeysHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Issue an API key',
    description:
      'Creates a key with a role (admin, trader, viewer, auditor). The key is in this answer only: the service keeps a scrypt hash. Records an ApiKeyCreated event with the calling key as actor.',
  })
  @ApiCreatedResponse({ type: CreatedApiKeyResponseDto })
  create(@Body() dto: CreateApiKeyRequestDto): Promise<CreatedApiKeyResponseDto> {
    return this.commands.execute(new CreateApiKeyCommand(dto.name, dto.role));
  }

  @Get()
  @ApiOperation({
    summary: 'List API keys',
    description:
      'Every key issued, revoked ones included, with its role and prefix; never the key or its hash.',
  })
  @ApiOkResponse({ type: ApiKeyResponseDto, isArray: true })
  list(): Promise<ApiKeyResponseDto[]> {
    return this.queries.execute(new ListApiKeysQuery());
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Revoke an API key',
    description:
      'Refused from the next request on, by every instance (each request checks the credential store). Records an ApiKeyRevoked event.',
  })
  @ApiNoContentResponse({ description: 'Revoked' })
  @ApiNotFoundResponse({ description: 'API_KEY_NOT_FOUND' })
  @ApiConflictResponse({ description: 'API_KEY_REVOKED: revoked before' })
  async revoke(@Param('id') id: string): Promise<void> {
    await this.commands.execute(new RevokeApiKeyCommand(id));
  }
}
