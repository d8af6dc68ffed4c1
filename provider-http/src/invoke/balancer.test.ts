import { RoundRobinBalancer } from './balancer.js';

describe('RoundRobinBalancer', () => {
  it('cycles through the replicas of one function request by request', () => {
    const balancer = new RoundRobinBalancer();
    const urls = ['http://a', 'http://b', 'http://c'];
    const picks = Array.from({ length: 6 }, () => balancer.pick('f.ns', urls));
    expect(picks).toEqual(['http://a', 'http://b', 'http://c', 'http://a', 'http://b', 'http://c']);
  });

  it('keeps a separate turn per function', () => {
    const balancer = new RoundRobinBalancer();
    const urls = ['http://a', 'http://b'];
    expect(balancer.pick('f', urls)).toBe('http://a');
    expect(balancer.pick('g', urls)).toBe('http://a');
    expect(balancer.pick('f', urls)).toBe('http://b');
  });

  it('still picks a replica when the list shrinks between requests', () => {
    const balancer = new RoundRobinBalancer();
    balancer.pick('f', ['http://a', 'http://b', 'http://c']);
    balancer.pick('f', ['http://a', 'http://b', 'http://c']);
    expect(balancer.pick('f', ['http://a'])).toBe('http://a');
  });
});
