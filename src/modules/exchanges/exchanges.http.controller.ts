import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ExchangeRegistry } from '../../infrastructure/exchanges/exchange-registry';
import { Roles } from '../auth';
import { ListExchangesResponseDto } from './exchange-summary.response.dto';

@ApiTags('exchanges')
@Controller('v1/exchanges')
export class ExchangesHttpController {
  constructor(private readonly registry: ExchangeRegistry) {}

  @Get()
  @Roles('trader', 'viewer', 'auditor')
  @ApiOperation({
    summary: 'List the configured exchanges',
    description:
      'The venues this service was started with (EXCHANGES, default `sim`), in configuration order, each with its capabilities: trading, live streams, the OHLCV page size, how far back trades reach and the timeframes it serves. The `exchange` of every market-data request is one of these ids.',
  })
  @ApiOkResponse({ type: ListExchangesResponseDto })
  list(): ListExchangesResponseDto {
    return { exchanges: this.registry.summaries() };
  }
}
