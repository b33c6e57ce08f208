import { Injectable } from '@nestjs/common';

/** What the kill switch needs from the orders context, registered by it (orders depends on risk, not back). */
export interface OpenOrdersSource {
  openOrderIds(accountId: string): Promise<string[]>;
}

/** The registry the orders module plugs its open-orders reader into at init. */
@Injectable()
export class OpenOrdersRegistry {
  private source: OpenOrdersSource | null = null;

  register(source: OpenOrdersSource): void {
    this.source = source;
  }

  async openOrderIds(accountId: string): Promise<string[]> {
    return this.source === null ? [] : this.source.openOrderIds(accountId);
  }
}
