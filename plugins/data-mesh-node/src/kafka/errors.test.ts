import { InputError } from '@backstage/errors';
import {
  KafkaJSAggregateError,
  KafkaJSConnectionError,
  KafkaJSProtocolError,
} from 'kafkajs';
import { isKafkaAuthorizationError, isKafkaError } from './errors';
import { UpstreamTimeoutError } from './withTimeout';

describe('isKafkaError', () => {
  it('tells errors from Kafka and its deadlines from the caller’s own', () => {
    expect(isKafkaError(new KafkaJSConnectionError('refused'))).toBe(true);
    expect(isKafkaError(new UpstreamTimeoutError('Kafka', 10))).toBe(true);
    expect(isKafkaError(new InputError('bad topic name'))).toBe(false);
    expect(isKafkaError('a string')).toBe(false);
  });

  it('counts a broker’s aggregate of per-topic protocol errors as Kafka’s, but not one holding other errors', () => {
    const protocol = new KafkaJSProtocolError('The broker is shutting down');
    expect(
      isKafkaError(
        new KafkaJSAggregateError('Topic creation errors', [protocol]),
      ),
    ).toBe(true);
    expect(
      isKafkaError(
        new KafkaJSAggregateError('Topic creation errors', [
          protocol,
          new InputError('ours'),
        ]),
      ),
    ).toBe(false);
    expect(isKafkaError(new KafkaJSAggregateError('nothing', []))).toBe(false);
  });
});

describe('isKafkaAuthorizationError', () => {
  it('finds an authorization failure inside kafkajs’s wrappers, and nothing else', () => {
    // As kafkajs builds it from the broker's error code 29.
    const denied = new KafkaJSProtocolError({
      message: 'Not authorized to access topics: [Topic authorization failed]',
      type: 'TOPIC_AUTHORIZATION_FAILED',
      code: 29,
      retriable: false,
    } as any);
    expect(isKafkaAuthorizationError(denied)).toBe(true);
    expect(
      isKafkaAuthorizationError(
        new KafkaJSAggregateError('Topic creation errors', [denied]),
      ),
    ).toBe(true);
    expect(
      isKafkaAuthorizationError(
        Object.assign(new KafkaJSConnectionError('retries'), {
          originalError: denied,
        }),
      ),
    ).toBe(true);
    expect(
      isKafkaAuthorizationError(new KafkaJSConnectionError('refused')),
    ).toBe(false);
    expect(isKafkaAuthorizationError(new InputError('ours'))).toBe(false);
  });
});
