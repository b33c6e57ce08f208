import { ApiProperty } from '@nestjs/swagger';
import { AuditEventDto } from '../../audit-event.response.dto';

export class StreamAtResponseDto {
  @ApiProperty() streamId!: string;
  @ApiProperty({ description: 'The version the state is replayed to.' }) version!: string;
  @ApiProperty({ type: AuditEventDto, isArray: true }) events!: AuditEventDto[];
  @ApiProperty({
    nullable: true,
    type: 'object',
    additionalProperties: true,
    description: "The state folded by the stream's registered replayer; null when none is registered.",
  })
  state!: unknown;
  @ApiProperty({ nullable: true, type: String, description: 'The replayer used, e.g. api-key.' })
  replayer!: string | null;
}
