import { ApiProperty } from '@nestjs/swagger';
import { AuditEventDto } from '../../audit-event.response.dto';

export class CausationNodeDto {
  @ApiProperty({ type: AuditEventDto }) event!: AuditEventDto;
  @ApiProperty({ type: () => [CausationNodeDto], description: 'Events this one caused.' })
  children!: CausationNodeDto[];
}

export class CorrelationResponseDto {
  @ApiProperty() correlationId!: string;
  @ApiProperty() eventCount!: number;
  @ApiProperty({ description: 'True when the correlation holds more events than one answer shows.' })
  truncated!: boolean;
  @ApiProperty({
    type: CausationNodeDto,
    isArray: true,
    description: 'Roots: events caused directly by the request; below each, what it caused.',
  })
  tree!: CausationNodeDto[];
}
