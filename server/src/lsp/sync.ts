import { statSync } from 'node:fs';
import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  type DidChangeWatchedFilesParams,
} from 'vscode-languageserver/node';
import { CONFIG_FILE_NAME } from '../core/config/config';
import { discoverFiles, isInsideRoots } from '../core/workspace/discover';
import { readText } from '../core/workspace/loadWorkspace';
import { normalizeUri, pathToUri, uriToPath } from '../core/workspace/uri';
import type { DiagnosticsPublisher } from './diagnostics';
import { AnalysisThrottle } from './analysisThrottle';
import { guardNotification } from './guard';
import type { Indexer } from './indexing';
import type { Session } from './session';
import { readSettings } from './settings';

/** Keeps the index in step with the editor (open documents) and the disk (watched files). */
export function registerSync(session: Session, publisher: DiagnosticsPublisher, indexer: Indexer): void {
  const { connection, documents } = session;
  let timer: NodeJS.Timeout | undefined;

  session.onChanged = (uris) => {
    publisher.publish(uris);
    indexer.sendState('ready');
  };

  // Throttle, not debounce: the first edit of a burst is analysed within the delay, however fast the typing.
  const throttle = new AnalysisThrottle();
  const schedule = () => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      const started = performance.now();
      session.flush();
      throttle.ran(started, performance.now());
    }, throttle.delay(performance.now()));
  };

  documents.onDidOpen((e) => session.trackOpen(e.document.uri));
  documents.onDidChangeContent((e) => {
    session.markDirty(e.document);
    if (session.index) schedule();
  });
  const onClose = guardNotification(connection, 'textDocument/didClose', async (e: { document: { uri: string } }) => {
    const uri = e.document.uri;
    session.trackClosed(uri);
    const index = session.index;
    if (!index) return;
    // The editor's text is gone: the disk content is the document again (or nothing, for unsaved files).
    const path = uriToPath(uri);
    const disk = path && isInsideRoots(path, session.rootDirs) ? await readText(path) : undefined;
    if (session.isOpen(uri)) return; // reopened meanwhile
    const result =
      disk && 'text' in disk && index.classify(uri) !== 'other' ? index.setText(uri, disk.text) : index.remove(uri);
    publisher.publish(result.changed.length ? result.changed : [normalizeUri(uri)]);
    indexer.sendState('ready');
  });
  // Requests that arrive while the closed file is read back from disk must see the disk text, not the editor's.
  documents.onDidClose((e) => void session.track(onClose(e)));
  documents.listen(connection);

  const onWatched = guardNotification(connection, 'workspace/didChangeWatchedFiles', (params: DidChangeWatchedFilesParams) =>
    onWatchedFiles(session, publisher, indexer, params),
  );
  connection.onDidChangeWatchedFiles((params) => void session.track(onWatched(params)));
  connection.onDidChangeConfiguration(
    guardNotification(connection, 'workspace/didChangeConfiguration', async (params: { settings?: unknown }) => {
      // Clients without `workspace/configuration` push their settings here.
      if (!session.flags.configuration && params?.settings && typeof params.settings === 'object') {
        const s = (params.settings as Record<string, unknown>).policyLens;
        if (s) indexer.initializationSettings = { ...indexer.initializationSettings, ...readSettings(s) };
      }
      if (session.index) await indexer.reindex();
    }),
  );
}

/** Asks the client to watch the corpus, kb and config files (when it lets servers register watchers). */
export async function registerWatchers(session: Session): Promise<void> {
  const { connection, flags } = session;
  if (flags.watchedFilesRegistration) {
    await connection.client.register(DidChangeWatchedFilesNotification.type, {
      watchers: [{ globPattern: '**/*.{md,markdown,txt,yaml,yml}' }, { globPattern: `**/${CONFIG_FILE_NAME}` }],
    });
  }
  if (flags.configurationChangeRegistration) {
    await connection.client.register(DidChangeConfigurationNotification.type, { section: 'policyLens' });
  }
}

async function onWatchedFiles(session: Session, publisher: DiagnosticsPublisher, indexer: Indexer, params: DidChangeWatchedFilesParams) {
  // Not `current()`: that waits for tracked updates, this one among them.
  await session.whenReady();
  session.flush();
  const index = session.index!;
  if (params.changes.some((c) => c.uri.endsWith(`/${CONFIG_FILE_NAME}`))) {
    // Globs, required fields or severities may differ: start over (cheap next to being wrong).
    await indexer.reindex();
    return;
  }
  const changed = new Set<string>();
  let rescan = false;
  for (const change of params.changes) {
    const uri = normalizeUri(change.uri);
    session.forgetDisk(uri);
    if (change.type === FileChangeType.Deleted) {
      // A deleted folder arrives as one event: drop everything under it.
      const prefix = uri.endsWith('/') ? uri : `${uri}/`;
      for (const u of index.uris()) {
        if (u === uri || u.startsWith(prefix)) for (const c of index.remove(u).changed) changed.add(c);
      }
      continue;
    }
    if (session.isOpen(uri)) continue; // the editor's text wins over the disk
    const path = uriToPath(uri);
    // Events may name anything (a symlink out of the workspace, a file elsewhere): read only inside the roots.
    if (!path || !isInsideRoots(path, session.rootDirs)) continue;
    if (isDirectory(path)) {
      rescan = true;
      continue;
    }
    if (index.classify(uri) === 'other') {
      if (index.has(uri)) for (const c of index.remove(uri).changed) changed.add(c);
      continue;
    }
    const disk = await readText(path);
    const result = 'text' in disk ? index.setText(uri, disk.text) : index.remove(uri);
    for (const c of result.changed) changed.add(c);
  }
  if (rescan && session.config) {
    for (const root of session.rootDirs) {
      const found = await discoverFiles(root, session.config);
      for (const p of [...found.kbFiles, ...found.documents]) {
        const uri = pathToUri(p);
        if (index.has(uri) || session.isOpen(uri)) continue;
        const disk = await readText(p);
        if ('text' in disk) for (const c of index.setText(uri, disk.text).changed) changed.add(c);
      }
    }
  }
  publisher.publish(changed);
  indexer.sendState('ready');
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
