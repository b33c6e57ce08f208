import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class BacktestRunResponseDto {
  @ApiProperty({ example: 'bt_6f1c...' })
  id!: string;

  @ApiProperty({ enum: ['backtest', 'sweep'] })
  kind!: 'backtest' | 'sweep';

  @ApiProperty({ enum: ['queued', 'running', 'completed', 'failed'] })
  status!: 'queued' | 'running' | 'completed' | 'failed';

  @ApiProperty({ description: 'the request as accepted (strategy parameters with their defaults)' })
  request!: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'while running: the stage, and the bar count once loaded' })
  progress!: Record<string, unknown> | null;

  @ApiPropertyOptional({
    description:
      'when completed. A backtest: hash (sha256 of the canonical result), metrics (totalReturn, cagr, sharpe, sortino, maxDrawdown, winRate, profitFactor, exposure, tradeCount, fees, funding, slippageCost), assumptions, trades (decimal strings), openTrade, equityCurve (at most 2000 points of time, equity, drawdown), refusals. A sweep: rankBy, ranked [{rank, score, params, metrics, hash}], walkForward folds.',
  })
  result!: Record<string, unknown> | null;

  @ApiPropertyOptional({ description: 'when failed: {code, message}' })
  error!: { code: string; message: string } | null;

  @ApiProperty()
  requestedBy!: string;

  @ApiProperty()
  createdAt!: string;

  @ApiPropertyOptional()
  finishedAt!: string | null;
}
