import { ApiProperty } from '@nestjs/swagger';

export class ReconciliationResponseDto {
  @ApiProperty() accountId!: string;
  @ApiProperty({ enum: ['start', 'reconnect', 'periodic', 'manual'] }) trigger!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({
    description:
      'What differs between the venue and us, recorded for a person: kind (order_unknown_to_us, order_not_open_at_venue, order_status_mismatch, position_mismatch, balance_mismatch, fill_unmatched), subject, ours, venue, message.',
    type: Object,
    isArray: true,
  })
  discrepancies!: readonly unknown[];
  @ApiProperty({
    description: 'What was repaired safely: missed_fill_applied (once, by fill id), venue_cancel_applied.',
    type: Object,
    isArray: true,
  })
  repairs!: readonly unknown[];
  @ApiProperty({ type: Object, description: 'How much was compared: openOrders, positions, fills.' })
  checked!: unknown;
  @ApiProperty({ description: 'Reconciliations of this account so far.' }) runs!: number;
}
