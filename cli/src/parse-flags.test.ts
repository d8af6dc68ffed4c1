import type { OptionTable } from './command.js';
import { UsageError } from './errors.js';
import { parseFlags } from './parse-flags.js';

const options: OptionTable = {
  gateway: { type: 'string', short: 'g', description: 'gateway', valueName: 'URL' },
  lines: { type: 'string', description: 'lines', valueName: 'N' },
  tail: { type: 'boolean', short: 't', description: 'follow', default: true },
  verbose: { type: 'boolean', short: 'v', description: 'more' },
  quiet: { type: 'boolean', short: 'q', description: 'less' },
  env: { type: 'string', short: 'e', multiple: true, description: 'env' },
};

describe('parseFlags', () => {
  it.each([
    [['fn'], { tail: true }, ['fn']],
    [['--gateway', 'http://a', 'fn'], { gateway: 'http://a', tail: true }, ['fn']],
    [['--gateway=http://a=b'], { gateway: 'http://a=b', tail: true }, []],
    [['-g', 'http://a'], { gateway: 'http://a', tail: true }, []],
    [['-ghttp://a'], { gateway: 'http://a', tail: true }, []],
    [['-g=http://a'], { gateway: 'http://a', tail: true }, []],
    [['--lines', '-1'], { lines: '-1', tail: true }, []],
    [['--tail=false'], { tail: false }, []],
    [['-t=false'], { tail: false }, []],
    [['--tail=0', '--tail'], { tail: true }, []],
    [['-vq', 'x'], { verbose: true, quiet: true, tail: true }, ['x']],
    [['-e', 'a=1', '--env=b=2'], { env: ['a=1', 'b=2'], tail: true }, []],
    [['--', '--gateway', '-v'], { tail: true }, ['--gateway', '-v']],
    [['-'], { tail: true }, ['-']],
  ])('parses %j', (args, values, positionals) => {
    expect(parseFlags(args, options)).toEqual({ values, positionals });
  });

  it.each([
    [['--lines5'], 'unknown flag --lines5'],
    [['--bogus=1'], 'unknown flag --bogus'],
    [['-x'], 'unknown flag -x'],
    [['-vx'], 'unknown flag -x (in -vx)'],
    [['--gateway'], '--gateway needs a value (URL)'],
    [['-g'], '-g needs a value (URL)'],
    [['--tail=maybe'], '--tail takes true or false, got "maybe"'],
  ])('refuses %j with a sentence naming the flag', (args, message) => {
    expect(() => parseFlags(args, options)).toThrow(new UsageError(message));
  });
});
