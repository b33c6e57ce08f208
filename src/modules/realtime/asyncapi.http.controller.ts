import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth';
import { loadAsyncApiDocument } from './asyncapi-document';

@ApiTags('realtime')
@Public()
@Controller()
export class AsyncApiHttpController {
  private readonly document = loadAsyncApiDocument();

  @Get('asyncapi.json')
  @ApiOperation({
    summary: 'AsyncAPI document of the realtime stream',
    description:
      'The AsyncAPI 3.0 contract of the socket.io namespace /v1/stream (docs/asyncapi.yaml): messages, topics, acks and errors.',
  })
  @ApiOkResponse({ description: 'The AsyncAPI 3.0.0 document as JSON' })
  asyncApi(): Record<string, unknown> {
    return this.document;
  }
}
