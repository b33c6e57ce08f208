import { ApiProperty } from '@nestjs/swagger';

export class BrokenLinkDto {
  @ApiProperty() streamId!: string;
  @ApiProperty({ description: 'The first version whose hash or version does not follow.' }) version!: string;
  @ApiProperty({ nullable: true, type: String }) position!: string | null;
  @ApiProperty({ enum: ['hash_mismatch', 'version_gap', 'head_mismatch'] }) reason!: string;
}

export class VerificationResponseDto {
  @ApiProperty() ok!: boolean;
  @ApiProperty() checkedEvents!: number;
  @ApiProperty() checkedStreams!: number;
  @ApiProperty({ type: BrokenLinkDto, nullable: true }) firstBroken!: BrokenLinkDto | null;
  @ApiProperty() durationMs!: number;
}
