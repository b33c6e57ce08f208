import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Roles } from '../auth';
import { SetRiskPolicyCommand } from './commands/set-risk-policy/set-risk-policy.command';
import { SetRiskPolicyRequestDto } from './commands/set-risk-policy/set-risk-policy.request.dto';
import {
  RearmKillSwitchCommand,
  SetRiskModeCommand,
  TripKillSwitchCommand,
} from './commands/trip-kill-switch/trip-kill-switch.command';
import {
  RearmKillSwitchRequestDto,
  SetRiskModeRequestDto,
  TripKillSwitchRequestDto,
} from './commands/trip-kill-switch/trip-kill-switch.request.dto';
import { GetRiskPolicyQuery } from './queries/get-risk-policy/get-risk-policy.query';
import { RiskPolicyResponseDto } from './queries/get-risk-policy/risk-policy.response.dto';
import { SizePositionQuery } from './queries/size-position/size-position.query';
import { SizePositionRequestDto } from './queries/size-position/size-position.request.dto';
import { SizePositionResponseDto } from './queries/size-position/size-position.response.dto';

@ApiTags('risk')
@Controller('v1/accounts/:id')
export class RiskHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get('risk-policy')
  @Roles('trader', 'viewer', 'auditor')
  @ApiOperation({
    summary: 'Risk policy and state',
    description:
      'The limits, their version (the risk stream version) and the account state: ACTIVE, REDUCING or HALTED.',
  })
  @ApiOkResponse({ type: RiskPolicyResponseDto })
  @ApiNotFoundResponse({ description: 'ACCOUNT_NOT_FOUND' })
  getPolicy(@Param('id') id: string): Promise<RiskPolicyResponseDto> {
    return this.queries.execute(new GetRiskPolicyQuery(id));
  }

  @Put('risk-policy')
  @Roles()
  @ApiOperation({
    summary: 'Replace the risk policy (admin)',
    description:
      'Records RiskPolicySet with the whole policy (absent limits = none) and bumps the version. Every later placement is checked against it.',
  })
  @ApiOkResponse({ type: RiskPolicyResponseDto })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED or INVALID_RISK_INPUT (naming every bad limit)' })
  setPolicy(@Param('id') id: string, @Body() dto: SetRiskPolicyRequestDto): Promise<RiskPolicyResponseDto> {
    return this.commands.execute(new SetRiskPolicyCommand(id, dto));
  }

  @Post('risk-mode')
  @HttpCode(200)
  @Roles()
  @ApiOperation({
    summary: 'Set ACTIVE or REDUCING (admin)',
    description: 'REDUCING takes risk-reducing orders only. Refused (409) while HALTED: re-arm first.',
  })
  @ApiOkResponse({ type: RiskPolicyResponseDto })
  @ApiConflictResponse({ description: 'INVALID_RISK_STATE_TRANSITION' })
  setMode(@Param('id') id: string, @Body() dto: SetRiskModeRequestDto): Promise<RiskPolicyResponseDto> {
    return this.commands.execute(new SetRiskModeCommand(id, dto.mode, dto.reason));
  }

  @Post('kill-switch')
  @HttpCode(200)
  @Roles('trader')
  @ApiOperation({
    summary: 'Trip the kill switch',
    description:
      'Halts new risk at once (KillSwitchTripped), then every open order is cancelled and, with `flatten`, every position is closed with reduce-only market orders, each as events of its own. Re-arming is admin-only.',
  })
  @ApiOkResponse({ type: RiskPolicyResponseDto })
  trip(@Param('id') id: string, @Body() dto: TripKillSwitchRequestDto): Promise<RiskPolicyResponseDto> {
    return this.commands.execute(new TripKillSwitchCommand(id, dto.reason, dto.flatten ?? false));
  }

  @Post('kill-switch/rearm')
  @HttpCode(200)
  @Roles()
  @ApiOperation({
    summary: 'Re-arm the kill switch (admin)',
    description:
      'HALTED -> ACTIVE (or REDUCING), recorded as KillSwitchRearmed. 409 when the switch is not tripped.',
  })
  @ApiOkResponse({ type: RiskPolicyResponseDto })
  @ApiConflictResponse({ description: 'INVALID_RISK_STATE_TRANSITION' })
  rearm(@Param('id') id: string, @Body() dto: RearmKillSwitchRequestDto): Promise<RiskPolicyResponseDto> {
    return this.commands.execute(new RearmKillSwitchCommand(id, dto.to ?? 'ACTIVE', dto.reason));
  }

  @Post('position-size')
  @HttpCode(200)
  @Roles('trader', 'viewer')
  @ApiOperation({
    summary: 'Size a position',
    description:
      'Turns risk % of equity and the stop distance into a quantity rounded down to the lot size, so the loss at the stop stays within budget. Nothing is recorded.',
  })
  @ApiOkResponse({ type: SizePositionResponseDto })
  @ApiUnprocessableEntityResponse({ description: 'POSITION_SIZE_TOO_SMALL' })
  size(@Param('id') id: string, @Body() dto: SizePositionRequestDto): Promise<SizePositionResponseDto> {
    return this.queries.execute(new SizePositionQuery(id, dto));
  }
}
