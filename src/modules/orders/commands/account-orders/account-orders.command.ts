import { Command } from '@nestjs/cqrs';

export interface BulkResultDto {
  accountId: string;
  /** Orders asked to cancel, or closing orders placed. */
  orderIds: string[];
  /** Orders that could not be (already final, ...), with the reason. */
  skipped: { orderId: string; reason: string }[];
}

export class CancelAllOrdersCommand extends Command<BulkResultDto> {
  constructor(readonly accountId: string) {
    super();
  }
}

export class CloseAllPositionsCommand extends Command<BulkResultDto> {
  constructor(
    readonly accountId: string,
    /** Makes a retried close-all place the same closing orders. */
    readonly requestKey: string,
  ) {
    super();
  }
}
