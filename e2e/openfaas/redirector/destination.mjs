// Maps the certifier's `destination` onto our redirect function's `location`, then runs it.
process.env.location = process.env.destination || 'https://google.com';
await import('/home/app/server.mjs');
