import { ApiProperty } from '@nestjs/swagger';
import { IsString } from 'class-validator';

export class ListMarketsRequestDto {
  @ApiProperty({ example: 'sim', description: 'A configured exchange id (GET /v1/exchanges).' })
  @IsString()
  exchange!: string;
}
