import { pack } from '../../src/core/createSender';
import { describe, expect, test } from 'vitest';
import { CHANNELS, JOURNEY_STAGES, LIMITS } from '../../src/core/limits';
import { resolveOptions } from '../../src/core/resolveOptions';
import { BatchEnvelopeSchema, ContextSchema } from '../../src/schema/event';

describe('limits shared by SDK, schemas and collector', () => {
  test('a request is at most half the 64 KiB keepalive budget: an unload beacon fits while a request is under way', () => {
    expect(LIMITS.requestBytes).toBe(30 * 1024);
    // Two full requests plus the 2 KiB the sender keeps in reserve at unload.
    expect(2 * LIMITS.requestBytes + 2048).toBeLessThanOrEqual(65_536);
    expect(LIMITS.requestBytes).toBeLessThan(LIMITS.batchBytes);
  });

  // A single event may be larger than requestBytes (up to eventBytes): pack() sends it alone,
  // and it still fits the keepalive budget next to a request of requestBytes under way.
  test('an event between requestBytes and eventBytes goes alone, within the keepalive budget', () => {
    const big = { k: 'e:1', v: JSON.stringify({ type: 'track', event: 'Big', properties: { b: 'x'.repeat(31 * 1024) }, context: { a: 1 } }) };
    const small = { k: 'e:2', v: JSON.stringify({ type: 'track', event: 'Small', properties: {}, context: { a: 1 } }) };
    const out = pack([big, small], LIMITS.requestBytes, {});
    expect(out.keys).toEqual(['e:1']);
    expect(out.bytes).toBeGreaterThan(LIMITS.requestBytes);
    expect(LIMITS.eventBytes + LIMITS.requestBytes).toBeLessThanOrEqual(65_536);
  });

  test('every channel and stage is accepted by both the options and the schema; others by neither', () => {
    for (const channel of CHANNELS) {
      expect(resolveOptions({ endpoint: 'https://c.example/', channel }).channel).toBe(channel);
      expect(ContextSchema.safeParse({ channel }).success).toBe(true);
    }
    for (const journeyStage of JOURNEY_STAGES) {
      expect(resolveOptions({ endpoint: 'https://c.example/', journeyStage }).journeyStage).toBe(journeyStage);
      expect(ContextSchema.safeParse({ journey_stage: journeyStage }).success).toBe(true);
    }
    expect(ContextSchema.safeParse({ channel: 'tv' }).success).toBe(false);
    expect(ContextSchema.safeParse({ journey_stage: 'checkout' }).success).toBe(false);
    expect(() => resolveOptions({ endpoint: 'https://c.example/', channel: 'tv' as never })).toThrow(TypeError);
  });

  test('batchSize may not exceed what the schema accepts in one batch', () => {
    expect(() => resolveOptions({ endpoint: 'https://c.example/', batchSize: LIMITS.batchEvents + 1 })).toThrow(/batchSize/);
    const batch = Array.from({ length: LIMITS.batchEvents }, () => ({}));
    expect(BatchEnvelopeSchema.safeParse({ batch }).success).toBe(true);
    expect(BatchEnvelopeSchema.safeParse({ batch: [...batch, {}] }).success).toBe(false);
  });
});
