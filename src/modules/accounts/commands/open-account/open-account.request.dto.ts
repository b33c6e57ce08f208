import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional, IsString, Length, Matches } from 'class-validator';

export class OpenAccountRequestDto {
  @ApiProperty({ example: 'paper main', description: 'A name for people (1-100 characters).' })
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiProperty({ example: 'sim', description: 'A configured exchange id (EXCHANGES); `sim` trades offline.' })
  @IsString()
  @Length(1, 64)
  exchange!: string;

  @ApiPropertyOptional({
    example: 'BINANCE_MAIN',
    description:
      'The PREFIX of the environment variables holding the credentials (<PREFIX>_API_KEY, <PREFIX>_SECRET). Never a secret: secrets stay in the environment.',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Z][A-Z0-9_]{0,63}$/, {
    message: 'credentialsEnv must be an environment variable prefix (A-Z, 0-9, _)',
  })
  credentialsEnv?: string;

  @ApiPropertyOptional({
    example: { USDT: '10000' },
    description: 'Starting balances of a simulated account by currency, as decimal strings.',
  })
  @IsOptional()
  @IsObject()
  initialBalances?: Record<string, string>;
}
