import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { OrderPlacement, type Placement } from './order-placement';
import { PlaceOrderCommand } from './place-order.command';

@CommandHandler(PlaceOrderCommand)
export class PlaceOrderHandler implements ICommandHandler<PlaceOrderCommand> {
  constructor(private readonly placement: OrderPlacement) {}

  execute({ request }: PlaceOrderCommand): Promise<Placement> {
    return this.placement.place(request);
  }
}
