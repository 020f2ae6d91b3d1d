// Clean-up when a run is interrupted (Ctrl+C, or runEditors' time limit sends SIGTERM): the browser, code-server's
// process group and the temp dir would otherwise outlive us. Handlers run newest first (browser before server).
const handlers: (() => Promise<void> | void)[] = [];
let installed = false;

export function onInterrupt(handler: () => Promise<void> | void): () => void {
  handlers.unshift(handler);
  if (!installed) {
    installed = true;
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, async () => {
        for (const h of [...handlers]) await Promise.race([Promise.resolve().then(h).catch(() => undefined), new Promise((r) => setTimeout(r, 3000))]);
        process.exit(signal === 'SIGINT' ? 130 : 143);
      });
    }
  }
  return () => {
    const i = handlers.indexOf(handler);
    if (i >= 0) handlers.splice(i, 1);
  };
}
