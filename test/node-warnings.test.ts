import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { captureWarnings, createLogger } from '../bot/logger';

// A dependency's deprecated call makes Node warn at every start: the log says so once, as a warning,
// not as an error an operator would be paged for.

describe("Node's warnings", () => {
  it('are logged once each, as warn lines, and Node no longer prints them itself', () => {
    const lines: string[] = [];
    const source = new EventEmitter();
    const printedByNode: unknown[] = [];
    source.on('warning', (warning) => printedByNode.push(warning));
    captureWarnings(createLogger('info', (line) => lines.push(line)), source as unknown as NodeJS.Process);

    const deprecation = Object.assign(new Error("Access to process.binding('http_parser') is deprecated."), { name: 'DeprecationWarning', code: 'DEP0111' });
    source.emit('warning', deprecation);
    source.emit('warning', deprecation);
    source.emit('warning', Object.assign(new Error('Possible EventEmitter memory leak detected.'), { name: 'MaxListenersExceededWarning' }));

    expect(printedByNode).toEqual([]);
    const logged = lines.map((line) => JSON.parse(line) as { level: string; event: string; code?: string; name: string });
    expect(logged.map((l) => [l.level, l.event, l.code ?? l.name])).toEqual([
      ['warn', 'node.warning', 'DEP0111'],
      ['warn', 'node.warning', 'MaxListenersExceededWarning'],
    ]);
  });
});
