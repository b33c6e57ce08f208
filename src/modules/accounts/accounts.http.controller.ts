import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Roles } from '../auth';
import { OpenAccountCommand } from './commands/open-account/open-account.command';
import { OpenAccountRequestDto } from './commands/open-account/open-account.request.dto';
import { AccountResponseDto } from './queries/get-account/account.response.dto';
import { GetAccountQuery, ListAccountsQuery } from './queries/get-account/get-account.query';
import { ListAccountsRequestDto } from './queries/get-account/list-accounts.request.dto';
import { BalanceResponseDto } from './queries/get-balances/balance.response.dto';
import { GetBalancesQuery } from './queries/get-balances/get-balances.query';
import { GetPositionsQuery } from './queries/get-positions/get-positions.query';
import { PositionResponseDto } from './queries/get-positions/position.response.dto';

@ApiTags('accounts')
@Controller('v1/accounts')
export class AccountsHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Roles('trader')
  @ApiOperation({
    summary: 'Open an account',
    description:
      'One venue account (AccountOpened). `credentialsEnv` names the environment variable prefix the credentials are read from; secrets are never sent or stored. `initialBalances` seed a simulated account.',
  })
  @ApiCreatedResponse({ type: AccountResponseDto })
  @ApiBadRequestResponse({
    description: 'VALIDATION_FAILED or INVALID_ACCOUNT (unknown exchange, bad balances)',
  })
  open(@Body() dto: OpenAccountRequestDto): Promise<AccountResponseDto> {
    return this.commands.execute(new OpenAccountCommand(dto));
  }

  @Get()
  @Roles('trader', 'viewer', 'auditor')
  @ApiOperation({
    summary: 'List accounts',
    description: 'Accounts in order of opening (at most `limit`, default 100).',
  })
  @ApiOkResponse({ type: AccountResponseDto, isArray: true })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED: limit is not an integer in 1..1000' })
  list(@Query() query: ListAccountsRequestDto): Promise<AccountResponseDto[]> {
    return this.queries.execute(new ListAccountsQuery(query.limit ?? 100));
  }

  @Get(':id')
  @Roles('trader', 'viewer', 'auditor')
  @ApiOperation({
    summary: 'An account',
    description: 'Identity, exchange and risk status (ACTIVE, REDUCING, HALTED).',
  })
  @ApiOkResponse({ type: AccountResponseDto })
  @ApiNotFoundResponse({ description: 'ACCOUNT_NOT_FOUND' })
  get(@Param('id') id: string): Promise<AccountResponseDto> {
    return this.queries.execute(new GetAccountQuery(id));
  }

  @Get(':id/balances')
  @Roles('trader', 'viewer', 'auditor')
  @ApiOperation({
    summary: 'Balances',
    description:
      'The ledger per settlement currency from the event history: initial + realized PnL - fees + funding (wallet), plus unrealized PnL at the mark (equity). Reconciliation compares it with the venue.',
  })
  @ApiOkResponse({ type: BalanceResponseDto, isArray: true })
  @ApiNotFoundResponse({ description: 'ACCOUNT_NOT_FOUND' })
  balances(@Param('id') id: string): Promise<BalanceResponseDto[]> {
    return this.queries.execute(new GetBalancesQuery(id));
  }

  @Get(':id/positions')
  @Roles('trader', 'viewer', 'auditor')
  @ApiOperation({
    summary: 'Positions and PnL',
    description:
      'Per symbol: signed quantity, average entry, realized PnL, fees, funding (projected from fills and funding events) and unrealized PnL at the current mark.',
  })
  @ApiOkResponse({ type: PositionResponseDto, isArray: true })
  @ApiNotFoundResponse({ description: 'ACCOUNT_NOT_FOUND' })
  positions(@Param('id') id: string): Promise<PositionResponseDto[]> {
    return this.queries.execute(new GetPositionsQuery(id));
  }
}
