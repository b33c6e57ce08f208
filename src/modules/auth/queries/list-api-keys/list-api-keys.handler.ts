import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ApiKeyCredentialsRepository } from '../../api-key-credentials.repository';
import { ListApiKeysQuery } from './list-api-keys.query';
import type { ApiKeyResponseDto } from './list-api-keys.response.dto';

@QueryHandler(ListApiKeysQuery)
export class ListApiKeysHandler implements IQueryHandler<ListApiKeysQuery> {
  constructor(private readonly credentials: ApiKeyCredentialsRepository) {}

  async execute(): Promise<ApiKeyResponseDto[]> {
    const rows = await this.credentials.list();
    return rows.map((r) => ({
      id: r.key_id,
      name: r.name,
      role: r.role,
      prefix: r.prefix,
      origin: r.origin,
      createdBy: r.created_by,
      createdAt: r.created_at.toISOString(),
      revokedAt: r.revoked_at?.toISOString() ?? null,
    }));
  }
}
