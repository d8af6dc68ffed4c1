import type { LookupAddress } from 'node:dns';
import { CALLBACK_REFUSED, CallbackPolicy } from './callback-policy.js';

/** The host of a URL as the gateway sees it (the WHATWG parser normalises `2130706433` and `0x7f.1`). */
const hostOf = (url: string): string => new URL(url).hostname;

describe('CallbackPolicy', () => {
  describe('by default (*)', () => {
    const policy = new CallbackPolicy('*');

    it.each([
      ['http://127.0.0.1:8080/', 'loopback'],
      ['http://127.9.9.9/', 'loopback'],
      ['http://2130706433/', 'loopback'],
      ['http://0x7f.1/', 'loopback'],
      ['http://[::1]:8080/', 'loopback'],
      ['http://[::ffff:127.0.0.1]/', 'loopback'],
      ['http://localhost:9000/', 'loopback'],
      ['http://api.localhost/', 'loopback'],
      ['http://0.0.0.0:8081/', 'unspecified'],
      ['http://[::]/', 'unspecified'],
      ['http://169.254.169.254/latest/meta-data/', 'link-local'],
      ['http://[fe80::1]/', 'link-local'],
      ['http://100.100.100.200/', 'cloud metadata'],
      ['http://[fd00:ec2::254]/', 'cloud metadata'],
      ['http://[::7f00:1]/', 'IPv4-compatible'],
    ])('refuses %s as a %s address, saying how to allow it', (url, kind) => {
      expect(policy.refuseHost(hostOf(url))).toMatch(
        new RegExp(
          `^callbacks may not go to .+: it is a ${kind} address; an operator can allow it in callback_allowed_hosts\\.$`,
        ),
      );
    });

    it.each([
      'http://10.0.0.5/',
      'http://192.168.1.2/',
      'http://8.8.8.8/',
      'http://receiver.example/',
      'http://[2001:db8::1]/',
    ])('lets %s through', (url) => {
      expect(policy.refuseHost(hostOf(url))).toBeUndefined();
    });
  });

  it('allows a protected address the operator names, and only that one', () => {
    const policy = new CallbackPolicy('*,127.0.0.1');
    expect(policy.refuseHost('127.0.0.1')).toBeUndefined();
    expect(policy.refuseHost('localhost')).toBeUndefined();
    expect(policy.refuseHost('127.0.0.2')).toMatch(/loopback/);
    expect(policy.refuseHost('169.254.169.254')).toMatch(/link-local/);
    expect(policy.refuseHost('8.8.8.8')).toBeUndefined();
  });

  it('without * allows only the hosts, addresses and CIDRs it lists', () => {
    const policy = new CallbackPolicy('receiver.internal, *.hooks.example, 10.0.0.0/8, 2001:db8::/32');
    expect(policy.refuseAddress('receiver.internal', '127.0.0.1')).toBeUndefined();
    expect(policy.refuseAddress('a.hooks.example', '203.0.113.9')).toBeUndefined();
    expect(policy.refuseHost('10.1.2.3')).toBeUndefined();
    expect(policy.refuseHost('2001:db8::7')).toBeUndefined();
    expect(policy.refuseHost('11.0.0.1')).toBe(
      'callbacks may not go to 11.0.0.1: it is not in callback_allowed_hosts (receiver.internal, *.hooks.example, 10.0.0.0/8, 2001:db8::/32).',
    );
    expect(policy.refuseAddress('elsewhere.example', '203.0.113.9')).toMatch(/not in callback_allowed_hosts/);
  });

  it.each(['http://x', '10.0.0.0/33', 'a b', '1.2.3.4/x', '*.'])(
    'refuses the entry %s with the fix',
    (entry) => {
      expect(() => new CallbackPolicy(entry)).toThrow(
        `"${entry}" is not a host name, IP address or CIDR, use e.g. *,receiver.internal,10.0.0.0/8`,
      );
    },
  );

  describe('at resolution time', () => {
    const resolveTo =
      (addresses: string[]) =>
      (_host: string, done: (err: NodeJS.ErrnoException | null, a: LookupAddress[]) => void): void =>
        done(
          null,
          addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
        );
    const lookup = (policy: CallbackPolicy, host: string, all: boolean) =>
      new Promise<{ err: NodeJS.ErrnoException | null; address: unknown }>((resolve) =>
        policy.lookup(host, { all }, (err, address) => resolve({ err, address })),
      );

    it('refuses a name that resolves to loopback, with code ECALLBACKREFUSED', async () => {
      const policy = new CallbackPolicy('*', resolveTo(['127.0.0.1']));
      const { err } = await lookup(policy, 'innocent.example', false);
      expect(err).toMatchObject({
        code: CALLBACK_REFUSED,
        message:
          'callbacks may not go to innocent.example (127.0.0.1): it is a loopback address; an operator can allow it in callback_allowed_hosts.',
      });
    });

    it('connects only to the addresses it allows when a name has several', async () => {
      const policy = new CallbackPolicy('*', resolveTo(['169.254.169.254', '203.0.113.7', '::1']));
      expect(await lookup(policy, 'mixed.example', true)).toEqual({
        err: null,
        address: [{ address: '203.0.113.7', family: 4 }],
      });
      expect(await lookup(policy, 'mixed.example', false)).toEqual({ err: null, address: '203.0.113.7' });
    });

    it('lets a listed name resolve anywhere', async () => {
      const policy = new CallbackPolicy('*,receiver.internal', resolveTo(['127.0.0.1']));
      expect(await lookup(policy, 'receiver.internal', false)).toEqual({ err: null, address: '127.0.0.1' });
    });
  });
});
