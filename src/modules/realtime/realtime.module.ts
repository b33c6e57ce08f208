import { Module } from '@nestjs/common';
import { AsyncApiHttpController } from './asyncapi.http.controller';
import { RealtimeGateway } from './realtime.gateway';
import { StreamHandshake } from './stream-handshake';
import { TopicManager } from './topic-manager';
import { TopicSources } from './topic-source';

/**
 * The socket.io gateway on `/v1/stream` and its topic manager. It owns no topic: each module that
 * publishes topics (market data, orders, strategies...) imports this module and registers a
 * TopicSource with TopicSources.
 */
@Module({
  controllers: [AsyncApiHttpController],
  providers: [TopicSources, TopicManager, StreamHandshake, RealtimeGateway],
  exports: [TopicSources, TopicManager],
})
export class RealtimeModule {}
