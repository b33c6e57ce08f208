/** The realtime module's public contract: the topic-source registry other modules plug into. */
export { RealtimeModule } from './realtime.module';
export { TopicManager } from './topic-manager';
export { StreamEvents, type GapNotice, type SubscriptionAck, type TopicMessage } from './stream-messages';
export {
  TopicSources,
  topicPrefix,
  type ConflationKind,
  type ParsedTopic,
  type TopicError,
  type TopicParseResult,
  type TopicSource,
} from './topic-source';
