import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, STATE_FORMAT, StateFileError } from '../bot/storage/sqlite-database';
import { waitUntilHealthy } from './support/bot-process';

// A state file that is there but cannot be used is never silently replaced by an empty one: the bot
// refuses to start with one line naming the file and what to do, unless STATE_START_EMPTY=true says to
// move it aside and start with no history.

const ROOT = join(import.meta.dirname, '..');
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'state-file-'));
  dirs.push(dir);
  return dir;
}

/** A state file with one conversation in it, closed. */
function withHistory(dir: string): string {
  const path = join(dir, 'bot.sqlite');
  const db = openDatabase(path);
  db.run("INSERT INTO state (key, etag, value) VALUES ('test/conversations/c1/', 1, '{\"kept\":true}')");
  db.close();
  // As a process that has ended leaves it: its owner file names no living process.
  rmSync(`${path}.owner`, { force: true });
  return path;
}

const refused = (path: string) => {
  try {
    openDatabase(path).close();
  } catch (error) {
    return error;
  }
  return undefined;
};

describe('opening the state file', () => {
  it('a file with history opens with it, and says which format it is in', () => {
    const path = withHistory(dataDir());
    const db = openDatabase(path);
    expect(db.all('SELECT key FROM state').map((r) => r.key)).toEqual(['test/conversations/c1/']);
    expect(db.get("SELECT value FROM meta WHERE key = 'format'")?.value).toBe(String(STATE_FORMAT));
    db.close();
  });

  it.each([
    ['truncated to 0 bytes', (path: string) => writeFileSync(path, ''), /is empty \(0 bytes\)/],
    ['overwritten with something else', (path: string) => writeFileSync(path, 'this is not a database, just text that got here'), /is not a readable SQLite database/],
    [
      'written by a newer version',
      (path: string) => {
        const db = openDatabase(path);
        db.run("UPDATE meta SET value = ? WHERE key = 'format'", [String(STATE_FORMAT + 1)]);
        db.close();
      },
      /was written by a newer version of the bot \(state format 2; this one reads up to 1\)/,
    ],
  ])('%s: refused with the file named and what to do, and the file left as it was', (_name, spoil, reason) => {
    const dir = dataDir();
    const path = withHistory(dir);
    spoil(path);
    const error = refused(path);
    expect(error).toBeInstanceOf(StateFileError);
    const message = (error as Error).message;
    expect(message).toContain(path);
    expect(message).toMatch(reason);
    expect(message).toContain('STATE_START_EMPTY=true');
    expect(message).not.toContain('\n');
    expect(readdirSync(dir).filter((f) => f.includes('unreadable'))).toEqual([]);
  });

  it('with startEmpty, an emptied file is moved aside (kept for a look) and the bot starts with none', () => {
    const dir = dataDir();
    const path = withHistory(dir);
    writeFileSync(path, '');
    const moved: string[] = [];
    const db = openDatabase(path, { startEmpty: true, movedAside: (aside, reason) => moved.push(`${reason}:${aside}`) });
    expect(db.all('SELECT key FROM state')).toEqual([]);
    db.close();
    expect(moved).toHaveLength(1);
    expect(moved[0]).toMatch(/^empty:.*bot\.sqlite\.unreadable-/);
    expect(existsSync(moved[0]!.slice('empty:'.length))).toBe(true);
  });
});

describe('npm start on an emptied state file', () => {
  const run = (dir: string, extra: Record<string, string> = {}) =>
    spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'bot', 'index.ts')], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: '0', DATA_DIR: dir, ...extra },
    });

  it('stops with exit status 1 and one line naming the file and STATE_START_EMPTY', () => {
    const dir = dataDir();
    mkdirSync(dir, { recursive: true });
    withHistory(dir);
    writeFileSync(join(dir, 'bot.sqlite'), '');
    const result = run(dir);
    expect(result.status).toBe(1);
    const lines = result.stderr.split('\n').filter((line) => line.trim() !== '' && !line.includes('DeprecationWarning') && !line.includes('--trace-deprecation'));
    expect(lines).toEqual([expect.stringMatching(/^plan-switch-bot could not start: state file .*bot\.sqlite is empty \(0 bytes\).*STATE_START_EMPTY=true/)]);
  });

  it('with STATE_START_EMPTY=true it starts, and says where the old file went', async () => {
    const dir = dataDir();
    withHistory(dir);
    writeFileSync(join(dir, 'bot.sqlite'), '');
    const port = 30_000 + Math.floor(Math.random() * 20_000);
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'bot', 'index.ts')], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: String(port), DATA_DIR: dir, STATE_START_EMPTY: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    try {
      await waitUntilHealthy(child, port, () => output);
      expect(output).toMatch(/"event":"state.moved-aside".*"reason":"empty"/);
      expect(readdirSync(dir).some((f) => /^bot\.sqlite\.unreadable-/.test(f))).toBe(true);
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  }, 60_000);
});
