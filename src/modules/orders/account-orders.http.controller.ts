import { randomUUID } from 'node:crypto';
import { Controller, Get, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth';
import {
  CancelAllOrdersCommand,
  CloseAllPositionsCommand,
  type BulkResultDto,
} from './commands/account-orders/account-orders.command';
import {
  GetReconciliationQuery,
  ReconcileAccountCommand,
} from './queries/get-reconciliation/get-reconciliation.query';
import { ReconciliationResponseDto } from './queries/get-reconciliation/reconciliation.response.dto';

@ApiTags('orders')
@Controller('v1/accounts/:id')
export class AccountOrdersHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post('cancel-all')
  @HttpCode(200)
  @Roles('trader')
  @ApiOperation({
    summary: 'Cancel every open order',
    description: 'One OrderCancelRequested per open order of the account.',
  })
  @ApiOkResponse({ description: '{accountId, orderIds, skipped}' })
  @ApiNotFoundResponse({ description: 'ACCOUNT_NOT_FOUND' })
  cancelAll(@Param('id') id: string): Promise<BulkResultDto> {
    return this.commands.execute(new CancelAllOrdersCommand(id));
  }

  @Post('close-all')
  @HttpCode(200)
  @Roles('trader')
  @ApiOperation({
    summary: 'Close every position',
    description:
      'A reduce-only market order per open position. Send Idempotency-Key to make a retry place the same orders.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOkResponse({ description: '{accountId, orderIds, skipped}' })
  @ApiNotFoundResponse({ description: 'ACCOUNT_NOT_FOUND' })
  closeAll(@Param('id') id: string, @Headers('idempotency-key') key?: string): Promise<BulkResultDto> {
    const requestKey =
      key !== undefined && /^[A-Za-z0-9_-]{1,32}$/.test(key) ? key : randomUUID().replace(/-/g, '');
    return this.commands.execute(new CloseAllPositionsCommand(id, requestKey));
  }

  @Get('reconciliation')
  @Roles('trader', 'viewer', 'auditor')
  @ApiOperation({
    summary: 'The last reconciliation',
    description:
      'Venue open orders, fills, positions and balances against ours: discrepancies found and safe repairs made (AccountReconciled).',
  })
  @ApiOkResponse({ type: ReconciliationResponseDto })
  @ApiNotFoundResponse({ description: 'ACCOUNT_NOT_FOUND or RECONCILIATION_NOT_FOUND' })
  reconciliation(@Param('id') id: string): Promise<ReconciliationResponseDto> {
    return this.queries.execute(new GetReconciliationQuery(id));
  }

  @Post('reconcile')
  @HttpCode(200)
  @Roles('trader')
  @ApiOperation({
    summary: 'Reconcile now',
    description: 'Runs a reconciliation (trigger `manual`) and answers its result.',
  })
  @ApiOkResponse({ type: ReconciliationResponseDto })
  reconcile(@Param('id') id: string): Promise<ReconciliationResponseDto> {
    return this.commands.execute(new ReconcileAccountCommand(id));
  }
}
