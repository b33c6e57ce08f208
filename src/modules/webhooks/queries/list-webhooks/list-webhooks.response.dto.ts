import { ApiProperty } from '@nestjs/swagger';

/** An endpoint as shown: never its secret. */
export class WebhookResponseDto {
  @ApiProperty({ example: 'wh_1f2e3d4c5b6a7988' }) id!: string;
  @ApiProperty() url!: string;
  @ApiProperty({ type: [String] }) eventTypes!: string[];
  @ApiProperty({ description: 'The actor that registered it.' }) createdBy!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}
