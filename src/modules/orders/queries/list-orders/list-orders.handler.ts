import { BadRequestException } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { OPEN_STATUSES, OrdersRepository } from '../../orders.repository';
import type { OrderPageResponseDto } from '../get-order/order.response.dto';
import { ListOrdersQuery } from './list-orders.query';

interface Cursor {
  createdAt: string;
  orderId: string;
}

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.createdAt, c.orderId])).toString('base64url');
}

function decodeCursor(raw: string): Cursor {
  try {
    const parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(parsed) &&
      typeof parsed[0] === 'string' &&
      typeof parsed[1] === 'string' &&
      !Number.isNaN(Date.parse(parsed[0]))
    )
      return { createdAt: parsed[0], orderId: parsed[1] };
  } catch {
    // falls through to the 400 below
  }
  throw new BadRequestException({
    code: 'INVALID_CURSOR',
    message: 'cursor is not one this API returned',
    details: { field: 'cursor' },
  });
}

/** Newest first; the cursor is the last row's (createdAt, orderId), so pages never skip or repeat rows. */
@QueryHandler(ListOrdersQuery)
export class ListOrdersHandler implements IQueryHandler<ListOrdersQuery> {
  constructor(private readonly orders: OrdersRepository) {}

  async execute({ filter: f }: ListOrdersQuery): Promise<OrderPageResponseDto> {
    const limit = f.limit ?? 100;
    const statuses =
      f.status === undefined
        ? undefined
        : [...new Set(f.status.split(',').flatMap((s) => (s === 'open' ? [...OPEN_STATUSES] : [s])))];
    const items = await this.orders.list({
      ...(f.accountId === undefined ? {} : { accountId: f.accountId }),
      ...(statuses === undefined ? {} : { statuses }),
      ...(f.symbol === undefined ? {} : { symbol: f.symbol }),
      ...(f.from === undefined ? {} : { from: f.from }),
      ...(f.to === undefined ? {} : { to: f.to }),
      ...(f.cursor === undefined ? {} : { after: decodeCursor(f.cursor) }),
      limit: limit + 1,
    });
    const page = items.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page,
      nextCursor:
        items.length > limit && last !== undefined
          ? encodeCursor({ createdAt: last.createdAt, orderId: last.orderId })
          : null,
    };
  }
}
