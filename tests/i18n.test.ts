import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defineMessages, LANGUAGES, type Message, type Messages } from '@handset/sdk/i18n';

const root = path.resolve(import.meta.dirname, '..');

/** Every catalogue of the phone: the kit's, the shell's, each built-in app's (its page's and its server's banners) and the template's. */
async function catalogues(): Promise<[string, Messages<Record<string, Message>>][]> {
  const files = ['sdk/ui/messages.ts', 'web-shell/src/messages.ts'];
  for (const folder of ['apps', 'templates']) {
    for (const entry of await readdir(path.join(root, folder), { withFileTypes: true })) {
      if (entry.isDirectory()) files.push(`${folder}/${entry.name}/web/src/messages.ts`);
    }
  }
  // What the built-in servers write to players (banners).
  files.push('apps/cloutgram/words.ts', 'apps/messages/server/words.ts', 'apps/phone/server/words.ts', 'apps/tweeder/words.ts');
  const found: [string, Messages<Record<string, Message>>][] = [];
  for (const file of files) {
    const module = (await import(path.join(root, file))) as Record<string, Messages<Record<string, Message>>>;
    const [catalogue] = Object.values(module);
    found.push([file, catalogue!]);
  }
  return found;
}

const placeholders = (message: Message) => [...new Set([...(typeof message === 'string' ? [message] : Object.values(message)).join(' ').matchAll(/\{(\w+)\}/g)].map((match) => match[1]))].sort();

/** `{ key: 'English' }` → every way a translation of it may differ from English: missing, extra, shape, placeholders. */
function problems(english: Record<string, Message>, translation: Record<string, Message> | undefined): string[] {
  if (!translation) return ['no translation'];
  const found: string[] = [];
  for (const key of Object.keys(english)) {
    const message = translation[key];
    if (message === undefined) found.push(`${key}: missing`);
    else if (typeof message !== typeof english[key]) found.push(`${key}: ${typeof english[key] === 'string' ? 'text' : 'plural'} in English`);
    else if (typeof message === 'string' ? message.trim() === '' : !message.other) found.push(`${key}: empty`);
    else if (placeholders(message).join() !== placeholders(english[key]!).join()) found.push(`${key}: placeholders ${placeholders(message).join()} ≠ ${placeholders(english[key]!).join()}`);
  }
  for (const key of Object.keys(translation)) if (!(key in english)) found.push(`${key}: not in English`);
  return found;
}

describe('locales', () => {
  it('has every key of English, with its placeholders, in each language the phone speaks, in every catalogue', async () => {
    const all = await catalogues();
    expect(all.map(([file]) => file)).toEqual([
      'sdk/ui/messages.ts',
      'web-shell/src/messages.ts',
      'apps/cloutgram/web/src/messages.ts',
      'apps/contacts/web/src/messages.ts',
      'apps/mail/web/src/messages.ts',
      'apps/messages/web/src/messages.ts',
      'apps/phone/web/src/messages.ts',
      'apps/photos/web/src/messages.ts',
      'apps/settings/web/src/messages.ts',
      'apps/store/web/src/messages.ts',
      'apps/tweeder/web/src/messages.ts',
      'templates/preact-app/web/src/messages.ts',
      'apps/cloutgram/words.ts',
      'apps/messages/server/words.ts',
      'apps/phone/server/words.ts',
      'apps/tweeder/words.ts',
    ]);
    expect(LANGUAGES).toEqual(['en', 'es', 'de']);
    for (const [file, catalogue] of all) {
      expect(Object.keys(catalogue.english).length, file).toBeGreaterThan(0);
      for (const language of LANGUAGES.filter((language) => language !== 'en')) {
        expect(problems(catalogue.english, catalogue.translations[language]), `${file} (${language})`).toEqual([]);
      }
    }
  });

  it('finds a missing key, an extra one, a lost placeholder and a plural written as text', () => {
    const english = { title: 'Notes', saved: 'Saved {name}', count: { one: '{count} note', other: '{count} notes' } };
    expect(problems(english, { title: 'Notas', saved: 'Guardado', count: '{count} notas', extra: 'x' } as never)).toEqual([
      'saved: placeholders  ≠ name',
      'count: plural in English',
      'extra: not in English',
    ]);
    expect(problems(english, { title: 'Notas' } as never)).toEqual(['saved: missing', 'count: missing']);
  });

  it('translates by the language of the locale, fills placeholders, picks the plural form, and reads English where it has no translation', () => {
    const notes = defineMessages(
      { title: 'Notes', count: { one: '{count} note', other: '{count} notes' }, hello: 'Hello {name}' },
      { de: { title: 'Notizen', count: { one: '{count} Notiz', other: '{count} Notizen' }, hello: 'Hallo {name}' } },
    );
    const german = notes.translator('de-DE-u-hc-h23');
    expect([german('title'), german('count', { count: 1 }), german('count', { count: 4 }), german('hello', { name: 'Lamar' })]).toEqual(['Notizen', '1 Notiz', '4 Notizen', 'Hallo Lamar']);
    const spanish = notes.translator('es-ES');
    expect([spanish('title'), spanish('count', { count: 1 }), spanish('hello')]).toEqual(['Notes', '1 note', 'Hello {name}']);
    expect(notes.translator('not a tag!')('title')).toBe('Notes');
  });
});

/** What a screen says in English without its catalogue: JSX text (after a tag or an expression) and the attributes a player reads or hears. */
const LITERAL = /(?:(?:(?<![=\-])>\s*|\}(?![ \t]*(?:satisfies|as)\b)[ \t]*)([^<>{}();=\n]*[A-Za-z]{2,}[^<>{}();=\n]*?)\s*<\/?[A-Za-z])|(?:\b(?:aria-label|placeholder|title|alt|label|name)="([^"]*[A-Za-z][^"]*)")/g;
/** Words that are the same in every language: names (the product's, an app's), OK, and examples of what to type. */
const SAME_IN_EVERY_LANGUAGE = new Set(['Handset', 'Tweeder', 'Cloutgram', 'OK', 'name@domain', '@handle']);

async function sources(folder: string): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(path.join(root, folder), { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.tsx')) files.push(path.relative(root, path.join(entry.parentPath, entry.name)));
  }
  return files;
}

describe('screens', () => {
  it('say nothing in English that is not in a catalogue: the shell, the kit and every built-in app', async () => {
    const folders = ['web-shell/src', 'sdk/ui', ...(await readdir(path.join(root, 'apps'), { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => `apps/${entry.name}/web/src`)];
    const literals: string[] = [];
    for (const folder of folders) {
      for (const file of await sources(folder)) {
        // Comments and doc examples are not on screen.
        const code = (await readFile(path.join(root, file), 'utf8')).replace(/\/\*[\s\S]*?\*\/|^\s*\/\/.*$/gm, '');
        for (const match of code.matchAll(LITERAL)) {
          const text = (match[1] ?? match[2])!.trim();
          if (!SAME_IN_EVERY_LANGUAGE.has(text)) literals.push(`${file}: ${text}`);
        }
      }
    }
    expect(literals).toEqual([]);
  });
});
