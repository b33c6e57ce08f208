import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, IsUrl, Length, Matches } from 'class-validator';

export class RegisterWebhookRequestDto {
  @ApiProperty({
    example: 'https://hooks.example.com/tradebook',
    description: 'http(s) URL the deliveries are POSTed to.',
  })
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  url!: string;

  @ApiProperty({
    example: ['ApiKeyCreated', 'ApiKeyRevoked'],
    description: 'Event types to deliver; ["*"] for all.',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @Matches(/^(\*|[A-Za-z][A-Za-z0-9]{0,99})$/, {
    each: true,
    message: 'each event type must be a type name or *',
  })
  eventTypes!: string[];

  @ApiProperty({
    description: 'The HMAC-SHA256 signing secret (16-256 characters). Never returned.',
    writeOnly: true,
  })
  @IsString()
  @Length(16, 256)
  secret!: string;
}
