import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCHEMA_PATH, cardSchemaErrors } from './support/card-schema';

const SHARED = join(import.meta.dirname, '..', '..', 'shared', 'schemas', 'adaptive-card-1.5.0.schema.json');

describe('the Adaptive Card schema the card tests use', () => {
  it('is the one shared beside the repository, byte for byte (on a machine without it, the copy as it was taken)', () => {
    const copy = readFileSync(SCHEMA_PATH, 'utf8');
    // The SHA-256 of ../shared/schemas/adaptive-card-1.5.0.schema.json when the copy was taken.
    expect(createHash('sha256').update(copy).digest('hex')).toBe('32c91fb285180a266a55b3475dd0396e63fe079311714d3a14963b41f5e17920');
    if (existsSync(SHARED)) expect(copy).toBe(readFileSync(SHARED, 'utf8'));
  });

  it('rejects what Teams would not render', () => {
    expect(cardSchemaErrors({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlok', text: 'x' }] })).not.toEqual([]);
    expect(cardSchemaErrors({ type: 'AdaptiveCard', version: '1.6', body: [] })).toContain('version 1.6: Teams renders 1.5');
    expect(cardSchemaErrors({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: '${unbound}' }] })).toContain('an unbound ${…} is left in the card');
    expect(cardSchemaErrors({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'fine' }] })).toEqual([]);
  });
});
