import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiAcceptedResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Roles } from '../auth';
import { RedeliverDeliveryCommand } from './commands/redeliver-delivery/redeliver-delivery.command';
import { RegisterWebhookCommand } from './commands/register-webhook/register-webhook.command';
import { RegisterWebhookRequestDto } from './commands/register-webhook/register-webhook.request.dto';
import { RemoveWebhookCommand } from './commands/remove-webhook/remove-webhook.command';
import { ListDeliveriesQuery } from './queries/list-deliveries/list-deliveries.query';
import { ListDeliveriesRequestDto } from './queries/list-deliveries/list-deliveries.request.dto';
import { DeliveryResponseDto } from './queries/list-deliveries/list-deliveries.response.dto';
import { ListWebhooksQuery } from './queries/list-webhooks/list-webhooks.query';
import { WebhookResponseDto } from './queries/list-webhooks/list-webhooks.response.dto';

@ApiTags('webhooks')
@Controller('v1/webhooks')
@Roles()
export class WebhooksHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Register a webhook',
    description:
      'Events of the given types that occur from now on are POSTed to the URL, signed with HMAC-SHA256 over `<timestamp>.<body>` (headers X-Tradebook-Signature: v1=<hex>, X-Tradebook-Timestamp). Failures retry with exponential backoff and jitter, then go to the dead letter. The secret is never returned.',
  })
  @ApiCreatedResponse({ type: WebhookResponseDto })
  register(@Body() dto: RegisterWebhookRequestDto): Promise<WebhookResponseDto> {
    return this.commands.execute(new RegisterWebhookCommand(dto.url, dto.eventTypes, dto.secret));
  }

  @Get()
  @ApiOperation({ summary: 'List webhooks', description: 'Registered endpoints, without their secrets.' })
  @ApiOkResponse({ type: WebhookResponseDto, isArray: true })
  list(): Promise<WebhookResponseDto[]> {
    return this.queries.execute(new ListWebhooksQuery());
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Remove a webhook',
    description: 'Stops deliveries at once and cancels pending ones.',
  })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiNotFoundResponse({ description: 'WEBHOOK_NOT_FOUND' })
  async remove(@Param('id') id: string): Promise<void> {
    await this.commands.execute(new RemoveWebhookCommand(id));
  }

  @Get(':id/deliveries')
  @ApiOperation({
    summary: 'Delivery log',
    description:
      "The endpoint's deliveries, newest first, each with its status (dead = dead letter) and every attempt.",
  })
  @ApiOkResponse({ type: DeliveryResponseDto, isArray: true })
  deliveries(@Param('id') id: string, @Query() q: ListDeliveriesRequestDto): Promise<DeliveryResponseDto[]> {
    return this.queries.execute(new ListDeliveriesQuery(id, q.status, q.limit ?? 100));
  }

  @Post(':id/deliveries/:deliveryId/redeliver')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Send a delivery again',
    description:
      'Queues the delivery for a new series of attempts, due now (also after a dead letter). Records a WebhookRedeliveryRequested event.',
  })
  @ApiAcceptedResponse({ description: 'Queued' })
  @ApiNotFoundResponse({ description: 'WEBHOOK_NOT_FOUND or DELIVERY_NOT_FOUND' })
  async redeliver(@Param('id') id: string, @Param('deliveryId') deliveryId: string): Promise<void> {
    await this.commands.execute(new RedeliverDeliveryCommand(id, deliveryId));
  }
}
