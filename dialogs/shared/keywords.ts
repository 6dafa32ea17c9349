import { LANGUAGES, type Language } from '../../i18n/languages';
import { translator } from '../../i18n/translator';

// Words people type instead of pressing a button, read from every language's locales so that
// "avbryt", "avbryt", "anuluj" and "cancel" all cancel, whatever language the bot speaks.

export type Command = 'help' | 'cancel' | 'startOver' | 'menu';

const normalise = (text: string) => text.trim().toLowerCase().replace(/[.!?]+$/, '').replace(/\s+/g, ' ');

function words(key: string): Map<string, Language> {
  const found = new Map<string, Language>();
  for (const lng of LANGUAGES) {
    for (const word of String(translator(lng)(key)).split('|')) if (word.trim()) found.set(normalise(word), lng);
  }
  return found;
}

let commands: Map<string, Command> | undefined;
let languages: Map<string, Language> | undefined;

export function recogniseCommand(text: string): Command | undefined {
  if (!commands) {
    commands = new Map();
    for (const command of ['help', 'cancel', 'startOver', 'menu'] as const) {
      for (const word of words(`bot:commands.${command}`).keys()) commands.set(word, command);
    }
  }
  return commands.get(normalise(text));
}

/** "svenska", "norsk", "polski", "english" (and each language's names for the others) to a language. */
export function recogniseLanguage(text: string): Language | undefined {
  if (!languages) {
    languages = new Map();
    for (const target of LANGUAGES) {
      for (const lng of LANGUAGES) {
        for (const word of String(translator(lng)(`bot:languageNames.${target}`)).split('|')) {
          if (word.trim()) languages.set(normalise(word), target);
        }
      }
    }
  }
  return languages.get(normalise(text));
}

/** The length of the longest '|'-separated phrase of a locale key, in any language, found as whole words in the text; 0 for none. */
export function longestMention(text: string, key: string): number {
  const haystack = ` ${normalise(text)} `;
  let longest = 0;
  for (const word of words(key).keys()) if (word.length > longest && haystack.includes(` ${word} `)) longest = word.length;
  return longest;
}

/** Does the text contain one of the '|'-separated words of a locale key, in any language? */
export function mentions(text: string, key: string): boolean {
  return longestMention(text, key) > 0;
}
