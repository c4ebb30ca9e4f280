import { describe, expect, test } from 'vitest';
import { CHANNELS, JOURNEY_STAGES, LIMITS } from '../../src/core/limits';
import { resolveOptions } from '../../src/core/resolveOptions';
import { BatchEnvelopeSchema, ContextSchema } from '../../src/schema/event';

describe('limits shared by SDK, schemas and collector', () => {
  test('a request fits the 64 KiB keepalive budget with room to spare', () => {
    expect(LIMITS.requestBytes).toBeLessThanOrEqual(65_536 - 4096);
    expect(LIMITS.eventBytes).toBeLessThan(LIMITS.requestBytes);
    expect(LIMITS.requestBytes).toBeLessThan(LIMITS.batchBytes);
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
