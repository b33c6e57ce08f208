import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { loadAsyncApiDocument } from '../../src/modules/realtime/asyncapi-document';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const specs = require('@asyncapi/specs') as { schemas: Record<string, object> };

/** The official AsyncAPI 3.0.0 JSON schema; it embeds draft-07, which Ajv must not add a second time. */
function validator() {
  const ajv = new Ajv({ allErrors: true, strict: false, meta: false, validateSchema: false });
  addFormats(ajv);
  const schema = specs.schemas['3.0.0'];
  if (schema === undefined) throw new Error('@asyncapi/specs has no 3.0.0 schema');
  return ajv.compile(schema);
}

/** Every topic prefix the code registers (`topics.register('orders', ...)`, `topics?.register(...)`). */
function registeredTopicPrefixes(dir = join(__dirname, '..', '..', 'src')): string[] {
  const prefixes: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) prefixes.push(...registeredTopicPrefixes(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) {
      const text = readFileSync(path, 'utf8');
      for (const match of text.matchAll(/\btopics\??\.register\(\s*'([a-z][a-z0-9-]*)'/g))
        prefixes.push(match[1] as string);
    }
  }
  return [...new Set(prefixes)].sort();
}

interface MessageObject {
  name: string;
  'x-topic-kind'?: string;
  payload: { $ref: string };
}

describe('docs/asyncapi.yaml', () => {
  const validate = validator();
  const document = loadAsyncApiDocument();

  it('is a valid AsyncAPI 3.0.0 document', () => {
    const valid = validate(document);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('the validator rejects an invalid document (the check can fail)', () => {
    const broken = structuredClone(document) as { operations: Record<string, { action: string }> };
    const [first] = Object.values(broken.operations);
    if (first === undefined) throw new Error('no operations');
    first.action = 'publish';
    expect(validate(broken)).toBe(false);
  });

  it('documents every client event, server event and error code the gateway uses', () => {
    const text = JSON.stringify(document);
    const messages = (document as { components: { messages: Record<string, { name: string }> } }).components
      .messages;
    const names = Object.values(messages).map((m) => m.name);
    for (const event of [
      'subscribe',
      'unsubscribe',
      'snapshot',
      'update',
      'gap',
      'stream_error',
      'connect_error',
    ]) {
      expect(names).toContain(event);
    }
    for (const code of [
      'VALIDATION_FAILED',
      'INVALID_TOPIC',
      'UNKNOWN_TOPIC',
      'UNKNOWN_EXCHANGE',
      'BAD_SYMBOL',
      'BAD_TIMEFRAME',
      'FORBIDDEN',
      'TOO_MANY_TOPICS',
      'NOT_SUBSCRIBED',
      'UNAUTHENTICATED',
      'TOO_MANY_CONNECTIONS',
    ]) {
      expect(text).toContain(code);
    }
    for (const topic of [
      'trades:{exchange}:{symbol}',
      'orderbook:{exchange}:{symbol}',
      'ohlcv:{exchange}:{symbol}:{timeframe}',
      'ticker:{exchange}:{symbol}',
    ]) {
      expect(text).toContain(topic);
    }
  });

  describe('topic payloads', () => {
    const components = (
      document as {
        components: { messages: Record<string, MessageObject>; schemas: Record<string, unknown> };
      }
    ).components;
    const messages = Object.values(components.messages);
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    ajv.addSchema({ components }, 'doc');
    const schemaOf = (ref: string) => {
      const validate = ajv.getSchema(`doc${ref}`);
      if (validate === undefined) throw new Error(`no schema ${ref}`);
      return validate;
    };

    it('documents a snapshot and an update for every topic kind the code registers', () => {
      const prefixes = registeredTopicPrefixes();
      // The scan itself must work: these are registered today.
      expect(prefixes).toEqual(
        expect.arrayContaining([
          'trades',
          'orderbook',
          'ohlcv',
          'ticker',
          'orders',
          'positions',
          'warmup',
          'strategy',
          'backtest',
        ]),
      );
      for (const prefix of prefixes) {
        for (const event of ['snapshot', 'update']) {
          const message = messages.find((m) => m.name === event && m['x-topic-kind'] === prefix);
          expect({ prefix, event, documented: message !== undefined }).toEqual({
            prefix,
            event,
            documented: true,
          });
          // Its payload is specific to the kind: a message of another kind does not validate.
          const validate = schemaOf(message?.payload.$ref ?? '');
          expect(validate({ topic: `${prefix}:x`, seq: 1, time: 1, data: null })).toBe(false);
          expect(validate({ topic: 'other-kind:x', seq: 1, time: 1, data: {} })).toBe(false);
        }
      }
    });

    it('the payload schemas accept what the code emits and refuse a wrong shape', () => {
      const trade = {
        id: 't1',
        timestamp: 1763700000100,
        datetime: '2025-11-21T04:40:00.100Z',
        symbol: 'BTC/USDT:USDT',
        side: 'buy',
        price: 97000.5,
        amount: 0.01,
        cost: 970.005,
      };
      const envelope = (topic: string, data: unknown) => ({ topic, seq: 3, time: 1763700000123, data });
      const tradesUpdate = schemaOf('#/components/schemas/TradesUpdateMessage');
      expect(tradesUpdate(envelope('trades:sim:BTC/USDT:USDT', [trade]))).toBe(true);
      expect(tradesUpdate(envelope('trades:sim:BTC/USDT:USDT', [{ ...trade, side: 'long' }]))).toBe(false);

      const positionChange = {
        kind: 'position',
        eventType: 'PositionChanged',
        position: '42',
        accountId: 'acc-1',
        record: {
          symbol: 'BTC/USDT:USDT',
          quantity: '-0.5',
          cost: '-48000',
          realizedPnl: '0',
          fees: '1.2',
          funding: '0',
        },
      };
      const positionsUpdate = schemaOf('#/components/schemas/PositionsUpdateMessage');
      expect(positionsUpdate(envelope('positions:acc-1', positionChange))).toBe(true);
      // Money is a decimal string, never a float.
      expect(
        positionsUpdate(
          envelope('positions:acc-1', { ...positionChange, record: { ...positionChange.record, fees: 1.2 } }),
        ),
      ).toBe(false);

      const warmupUpdate = schemaOf('#/components/schemas/WarmupUpdate');
      const warmup = {
        id: '0b7e1c1e-1f8a-4c39-9d1e-6a7f1b2c3d4e',
        exchange: 'sim',
        status: 'running',
        progress: {
          status: 'running',
          percent: 42.5,
          callsDone: 17,
          callsTotal: 40,
          etaMs: 2300,
          symbolsRemaining: ['BTC/USDT:USDT'],
          failures: [],
        },
      };
      expect(warmupUpdate(warmup)).toBe(true);
      expect(warmupUpdate({ ...warmup, progress: { ...warmup.progress, percent: 142 } })).toBe(false);

      const strategyUpdate = schemaOf('#/components/schemas/StrategyUpdate');
      expect(strategyUpdate({ kind: 'runtime', strategyId: 's1', run: 1, at: 1, table: null })).toBe(true);
      expect(strategyUpdate({ kind: 'teleport', strategyId: 's1', run: 1 })).toBe(false);
    });
  });
});
