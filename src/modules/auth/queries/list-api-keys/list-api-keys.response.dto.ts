import { ApiProperty } from '@nestjs/swagger';
import { ROLES, type Role } from '../../../../domain/access';

/** A key as listed: never the key itself nor its hash. */
export class ApiKeyResponseDto {
  @ApiProperty({ example: 'key_3f2a9c0d1e4b5a69' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty({ description: 'The clear lookup prefix.' }) prefix!: string;
  @ApiProperty({ enum: ['api', 'bootstrap'] }) origin!: string;
  @ApiProperty({ description: 'The actor that issued the key.' }) createdBy!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) revokedAt!: string | null;
}
