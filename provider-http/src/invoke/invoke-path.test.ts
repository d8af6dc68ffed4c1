import { parseInvokePath } from './invoke-path.js';

describe('parseInvokePath', () => {
  it.each([
    ['/function/figlet', 'figlet', '/', '/function/{name}'],
    ['/function/figlet?x=1', 'figlet', '/?x=1', '/function/{name}'],
    ['/function/figlet/', 'figlet', '/', '/function/{name}/{path}'],
    ['/function/figlet/a/b?x=1&y=2', 'figlet', '/a/b?x=1&y=2', '/function/{name}/{path}'],
    ['/function/figlet.openfaas-fn/a', 'figlet.openfaas-fn', '/a', '/function/{name}/{path}'],
    ['/function/f?next=/a/b', 'f', '/?next=/a/b', '/function/{name}'],
  ])('splits %s', (url, qualified, upstreamPath, template) => {
    expect(parseInvokePath(url)).toEqual({ qualified, upstreamPath, template });
  });
});
