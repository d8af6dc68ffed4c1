// Decorators need the Reflect metadata API before any decorated class is defined: every file that
// uses them imports them from here, so the polyfill always loads first.
import 'reflect-metadata';

export { inject, injectable } from 'inversify';
