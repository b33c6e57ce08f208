import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length } from 'class-validator';
import { ROLES, type Role } from '../../../../domain/access';

export class CreateApiKeyRequestDto {
  @ApiProperty({ example: 'grafana reader', description: 'A label for people; not secret.' })
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiProperty({ enum: ROLES, example: 'viewer' })
  @IsIn(ROLES)
  role!: Role;
}
