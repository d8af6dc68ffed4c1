// The browser entry point.
export {};
