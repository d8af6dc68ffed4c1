/**
 * Called once per request.
 * event: { body, headers, method, query, path } (a JSON body arrives parsed).
 * context: status(code), headers({...}), succeed(value), fail(error).
 * Return a value (string, Buffer or object → JSON) or call context.succeed.
 */
export default async (event, context) => {
  const input = typeof event.body === 'string' ? event.body : JSON.stringify(event.body);
  return context.status(200).succeed(`Hello from node: ${input}`);
};
