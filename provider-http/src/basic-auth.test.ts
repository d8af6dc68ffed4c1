import { createBasicAuthCheck } from './basic-auth.js';

const check = createBasicAuthCheck({ user: 'admin', password: 's3cret:with:colons' });
const basic = (text: string): string => `Basic ${Buffer.from(text).toString('base64')}`;

describe('createBasicAuthCheck', () => {
  it.each([
    ['the right user and password', basic('admin:s3cret:with:colons'), true],
    ['a lower-case scheme', `basic ${Buffer.from('admin:s3cret:with:colons').toString('base64')}`, true],
    ['a wrong password', basic('admin:nope'), false],
    ['a wrong user', basic('root:s3cret:with:colons'), false],
    ['a password that is a prefix of the right one', basic('admin:s3cret'), false],
    ['no colon', basic('admin'), false],
    ['another scheme', 'Bearer abc', false],
    ['no header', undefined, false],
  ])('accepts %s: %s', (_what, header, expected) => {
    expect(check(header)).toBe(expected);
  });
});
