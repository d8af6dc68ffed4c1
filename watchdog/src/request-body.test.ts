import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { PassThrough } from 'node:stream';
import { feedBody } from './request-body.js';

describe('feedBody', () => {
  it('settles "aborted" and destroys the destination when the request is already gone', async () => {
    const req = new IncomingMessage(new Socket());
    req.destroy();
    const dest = new PassThrough();
    expect(await feedBody(req, dest, 100)).toBe('aborted');
    expect(dest.destroyed).toBe(true);
  });

  it('ends the destination when the request has already ended', async () => {
    const req = new IncomingMessage(new Socket());
    req.push(null);
    req.resume();
    await new Promise((r) => req.once('end', r));
    const dest = new PassThrough();
    expect(await feedBody(req, dest, 100)).toBe('complete');
    expect(dest.writableEnded).toBe(true);
  });

  it('stops at the limit and says so before destroying the destination', async () => {
    const req = new IncomingMessage(new Socket());
    const dest = new PassThrough();
    const events: string[] = [];
    dest.on('close', () => events.push('dest closed'));
    const outcome = feedBody(req, dest, 3, () => events.push('limit'));
    req.push(Buffer.from('abcd'));
    expect(await outcome).toBe('too-large');
    await new Promise((r) => setImmediate(r));
    expect(events).toEqual(['limit', 'dest closed']);
  });
});
