import { ApiProperty } from '@nestjs/swagger';
import { AuditEventDto } from '../../audit-event.response.dto';

export class EventPageResponseDto {
  @ApiProperty({ type: AuditEventDto, isArray: true }) events!: AuditEventDto[];
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Pass as `after` for the next page; null when this page is the last one so far.',
  })
  nextCursor!: string | null;
}
