import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';
import { StrategyConfigurationRequestDto } from './strategy-configuration.request.dto';

export class RegisterStrategyRequestDto extends StrategyConfigurationRequestDto {
  @ApiProperty({ description: 'A name for people.', example: 'BTC sma 10/30' })
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiProperty({ description: 'The catalogue id of the code to run.', example: 'sma-cross' })
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9-]{0,63}$/, { message: 'strategy must be a catalogue id' })
  strategy!: string;
}
