// The browser entry point.
document.querySelector('main')?.replaceChildren('faas');
