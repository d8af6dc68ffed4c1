export { components, describeWith } from './components.js';
export type { Component } from './components.js';
