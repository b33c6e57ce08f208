import { ApiProperty } from '@nestjs/swagger';
import { ROLES, type Role } from '../../../../domain/access';

export class CreatedApiKeyResponseDto {
  @ApiProperty({ example: 'key_3f2a9c0d1e4b5a69' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty({ example: '9c0d1e4b5a69', description: 'The clear lookup prefix of the key.' })
  prefix!: string;
  @ApiProperty({
    example: 'tb_9c0d1e4b5a69_2vQ...',
    description: 'The key itself. Shown this once: only a hash is stored.',
  })
  key!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}
