import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCHEMA_PATH, cardSchemaErrors } from './support/card-schema';

const SHARED = join(import.meta.dirname, '..', '..', 'shared', 'schemas', 'adaptive-card-1.5.0.schema.json');

describe('the Adaptive Card schema the card tests use', () => {
  it.runIf(existsSync(SHARED))('is the same as the shared one beside the repository', () => {
    expect(readFileSync(SCHEMA_PATH, 'utf8')).toBe(readFileSync(SHARED, 'utf8'));
  });

  it('rejects what Teams would not render', () => {
    expect(cardSchemaErrors({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlok', text: 'x' }] })).not.toEqual([]);
    expect(cardSchemaErrors({ type: 'AdaptiveCard', version: '1.6', body: [] })).toContain('version 1.6: Teams renders 1.5');
    expect(cardSchemaErrors({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: '${unbound}' }] })).toContain('an unbound ${…} is left in the card');
    expect(cardSchemaErrors({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'fine' }] })).toEqual([]);
  });
});
