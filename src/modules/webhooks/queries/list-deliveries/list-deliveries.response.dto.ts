import { ApiProperty } from '@nestjs/swagger';

export class DeliveryAttemptDto {
  @ApiProperty() attempt!: number;
  @ApiProperty({ format: 'date-time' }) attemptedAt!: string;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: "The receiver's HTTP status; null when none came.",
  })
  statusCode!: number | null;
  @ApiProperty({ nullable: true, type: String }) error!: string | null;
  @ApiProperty() durationMs!: number;
}

export class DeliveryResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty() eventType!: string;
  @ApiProperty() eventPosition!: string;
  @ApiProperty({
    enum: ['pending', 'delivered', 'dead', 'cancelled'],
    description: 'dead = the dead letter: retries exhausted.',
  })
  status!: string;
  @ApiProperty({ description: 'Attempts in the current series (a redelivery starts a new one).' })
  attempts!: number;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) nextAttemptAt!: string | null;
  @ApiProperty({ nullable: true, type: Number }) lastStatusCode!: number | null;
  @ApiProperty({ nullable: true, type: String }) lastError!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) deliveredAt!: string | null;
  @ApiProperty({
    type: DeliveryAttemptDto,
    isArray: true,
    description: 'Every attempt, redeliveries included.',
  })
  log!: DeliveryAttemptDto[];
}
