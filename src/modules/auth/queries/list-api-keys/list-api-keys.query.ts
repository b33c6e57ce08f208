import { Query } from '@nestjs/cqrs';
import type { ApiKeyResponseDto } from './list-api-keys.response.dto';

export class ListApiKeysQuery extends Query<ApiKeyResponseDto[]> {}
