import { Body, Controller, Delete, Get, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { OrderView } from '../../domain/orders';
import { Roles } from '../auth';
import { AmendOrderCommand } from './commands/amend-order/amend-order.command';
import { AmendOrderRequestDto } from './commands/amend-order/amend-order.request.dto';
import { CancelOrderCommand } from './commands/cancel-order/cancel-order.command';
import { PlaceOrderCommand } from './commands/place-order/place-order.command';
import { PlaceOrderRequestDto } from './commands/place-order/place-order.request.dto';
import { GetOrderQuery } from './queries/get-order/get-order.query';
import {
  OrderPageResponseDto,
  OrderResponseDto,
  OrderWithFillsResponseDto,
} from './queries/get-order/order.response.dto';
import { ListOrdersQuery } from './queries/list-orders/list-orders.query';
import { ListOrdersRequestDto } from './queries/list-orders/list-orders.request.dto';

@ApiTags('orders')
@Controller('v1/orders')
export class OrdersHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Roles('trader')
  @ApiOperation({
    summary: 'Place an order',
    description:
      'Validates against the market (tick, lot, minimum), runs the pre-trade risk check, records OrderPlaced with OrderAccepted (or OrderRejected), then the execution process manager sends it to the venue. Idempotent by clientOrderId per account: the same request again answers the same order (200), also concurrently; another order under a used clientOrderId is 409.',
  })
  @ApiCreatedResponse({ type: OrderResponseDto, description: 'Placed (accepted; on its way to the venue)' })
  @ApiOkResponse({ type: OrderResponseDto, description: 'This clientOrderId had placed this order already' })
  @ApiBadRequestResponse({
    description: 'VALIDATION_FAILED, INVALID_ORDER (every bad field), UNKNOWN_ACCOUNT, BAD_SYMBOL',
  })
  @ApiConflictResponse({ description: 'CLIENT_ORDER_ID_CONFLICT' })
  @ApiUnprocessableEntityResponse({
    description:
      'RISK_REJECTED: details.violations name each rule, its limit and the value; the order is recorded as rejected',
  })
  async place(
    @Body() dto: PlaceOrderRequestDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<OrderView> {
    const placement = await this.commands.execute(new PlaceOrderCommand(dto));
    res.status(placement.created ? 201 : 200);
    return placement.order;
  }

  @Get()
  @Roles('trader', 'viewer', 'auditor')
  @ApiOperation({
    summary: 'List orders',
    description:
      'Newest first, filtered by account, status (or `open`), symbol and creation time; cursor pagination.',
  })
  @ApiOkResponse({ type: OrderPageResponseDto })
  list(@Query() q: ListOrdersRequestDto): Promise<OrderPageResponseDto> {
    return this.queries.execute(new ListOrdersQuery(q));
  }

  @Get(':id')
  @Roles('trader', 'viewer', 'auditor')
  @ApiOperation({
    summary: 'An order with its fills',
    description: 'Status, filled, average price, fees and every fill (by venue fill id).',
  })
  @ApiOkResponse({ type: OrderWithFillsResponseDto })
  @ApiNotFoundResponse({ description: 'ORDER_NOT_FOUND' })
  get(@Param('id') id: string): Promise<OrderWithFillsResponseDto> {
    return this.queries.execute(new GetOrderQuery(id));
  }

  @Patch(':id')
  @Roles('trader')
  @ApiOperation({
    summary: 'Amend an order',
    description:
      'Records OrderAmendRequested; the terms change when the venue confirms (OrderAmended) or stay (OrderAmendRejected).',
  })
  @ApiOkResponse({ type: OrderResponseDto })
  @ApiBadRequestResponse({ description: 'INVALID_ORDER' })
  @ApiNotFoundResponse({ description: 'ORDER_NOT_FOUND' })
  @ApiConflictResponse({ description: 'INVALID_ORDER_TRANSITION (final, cancel or amend pending)' })
  @ApiUnprocessableEntityResponse({ description: 'AMEND_QUANTITY_BELOW_FILLED' })
  amend(@Param('id') id: string, @Body() dto: AmendOrderRequestDto): Promise<OrderView> {
    return this.commands.execute(new AmendOrderCommand(id, dto));
  }

  @Delete(':id')
  @Roles('trader')
  @ApiOperation({
    summary: 'Cancel an order',
    description:
      'Records OrderCancelRequested; the order is cancelled when the venue confirms (at once if it never reached the venue).',
  })
  @ApiOkResponse({ type: OrderResponseDto })
  @ApiNotFoundResponse({ description: 'ORDER_NOT_FOUND' })
  @ApiConflictResponse({ description: 'INVALID_ORDER_TRANSITION (already final)' })
  cancel(@Param('id') id: string): Promise<OrderView> {
    return this.commands.execute(new CancelOrderCommand(id));
  }
}
