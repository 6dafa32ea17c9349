import type { BrowserContext, Locator, Page } from 'playwright-core';

/** Web Chat's transcript: every message and card of the conversation, as the visitor sees it. */
export const transcript = (page: Page): Locator => page.locator('.webchat__basic-transcript').first();

export interface Grant {
  conversationId: string;
  token: string;
}

export interface WebChatPage {
  page: Page;
  /** The Direct Line tokens the page was given, newest last (a new one per conversation). */
  grants: Grant[];
}

/** The page in a visitor's context, once Web Chat has drawn its transcript. */
export async function openWebChat(context: BrowserContext, url: string): Promise<WebChatPage> {
  const page = await context.newPage();
  const grants: Grant[] = [];
  page.on('response', (response) => {
    if (response.url().endsWith('/v3/directline/tokens/generate') && response.ok()) {
      response.json().then((grant: Grant) => grants.push(grant), () => undefined);
    }
  });
  await page.goto(url);
  await transcript(page).waitFor({ state: 'visible', timeout: 30_000 });
  return { page, grants };
}

/** The whole page's text as a visitor reads it: header, notes and transcript. */
export function pageText(page: Page): Promise<string> {
  return page.locator('body').innerText();
}

/** What a visitor's own browser gets asking the Direct Line for a conversation with a token. */
export function fetchFromPage(page: Page, path: string, token: string, body?: unknown): Promise<number> {
  return page.evaluate(
    async ({ path, token, body }) => {
      const response = await fetch(path, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return response.status;
    },
    { path, token, body },
  );
}

/** The transcript's text, as the visitor reads it. */
export function transcriptText(page: Page): Promise<string> {
  return transcript(page).innerText();
}

/**
 * Text as Web Chat shows it, for comparing: whitespace collapsed, and quotes straightened (its Markdown
 * renderer turns ' and " into typographic quotes).
 */
export function comparable(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/[\u2018\u2019]/g, "'").replace(/[\u201C\u201D]/g, '"').trim();
}

/** Waits until the transcript shows this text (compared with `comparable`). */
export async function waitForText(page: Page, text: string, timeout = 30_000): Promise<void> {
  const wanted = comparable(text);
  try {
    await page.waitForFunction(
      (w) => {
        // Runs in the page (the tests' TypeScript has no DOM types), so `comparable` is repeated here.
        const doc = (globalThis as unknown as { document: { querySelector(selector: string): { innerText: string } | null } }).document;
        const el = doc.querySelector('.webchat__basic-transcript');
        const seen = el ? el.innerText.replace(/\s+/g, ' ').replace(/[\u2018\u2019]/g, "'").replace(/[\u201C\u201D]/g, '"') : '';
        return seen.includes(w);
      },
      wanted,
      { timeout, polling: 200 },
    );
  } catch (error) {
    const seen = (await transcriptText(page).catch(() => '')).slice(-1500);
    throw new Error(`the transcript never showed ${JSON.stringify(wanted)}; its end reads:\n${seen}`, { cause: error });
  }
}

/** The newest card's button with this title (older cards stay in the transcript). */
export async function press(page: Page, title: string): Promise<void> {
  await transcript(page).getByRole('button', { name: title, exact: true }).last().click();
}

/** Types a message into Web Chat's send box and sends it. */
export async function say(page: Page, text: string): Promise<void> {
  const box = page.getByRole('textbox').last();
  await box.fill(text);
  await box.press('Enter');
}

/** Ticks the newest card's radio button or checkbox whose label matches. */
export async function tick(page: Page, role: 'radio' | 'checkbox', name: string | RegExp): Promise<void> {
  await transcript(page).getByRole(role, { name }).last().check();
}
