// @faas/ui: the web UI as a route module the gateway mounts at /ui/.
export {};
