/**
 * cdktf prints two console warnings when a string given to one of its built-in functions holds a token inside text (the library's
 * Fn.split of a VNet ID written as a template, resource-id.ts): "You're using escape sequences..." and then the string. The tests
 * that give such IDs assert what is synthesized; the warnings, printed with a stack trace each, made most of the CI log. This
 * mutes those two lines in the calling test file and lets every other warning through.
 */
export function muteCdktfEscapeWarnings(): void {
  let spy: jest.SpyInstance | undefined;
  beforeEach(() => {
    const original = console.warn.bind(console);
    let followsNotice = false;
    spy = jest.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => {
      const notice = typeof args[0] === 'string' && args[0].startsWith('You\'re using escape sequences (${...}) with CDKTF Built-in functions');
      const muted = notice || followsNotice;
      followsNotice = notice;
      if (!muted) original(...args);
    });
  });
  afterEach(() => spy?.mockRestore());
}
