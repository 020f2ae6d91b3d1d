import * as path from 'node:path';
import { DiagnosticSeverity, type WorkDoneProgressServerReporter } from 'vscode-languageserver/node';
import { CONFIG_FILE_NAME, DEFAULT_CONFIG, type PolicyLensConfig } from '../core/config/config';
import { loadWorkspaceConfig } from '../core/workspace/loadConfig';
import { loadWorkspace, type LoadTimings } from '../core/workspace/loadWorkspace';
import { pathToUri } from '../core/workspace/uri';
import type { DiagnosticsPublisher } from './diagnostics';
import { prepareReferences } from './navigation';
import { yieldToEventLoop, type Session } from './session';
import { layerSettings, readSettings, type EditorSettings } from './settings';

/**
 * A progress bar when the client supports one. A client that never answers the create request must not stall
 * indexing, so after a short wait we go on without one.
 */
type Progress = Pick<WorkDoneProgressServerReporter, 'begin' | 'report' | 'done'>;

async function createProgress(session: Session): Promise<Progress> {
  const none: Progress = { begin() {}, report() {}, done() {} };
  if (!session.flags.workDoneProgress) return none;
  const timeout = new Promise<Progress>((resolve) => setTimeout(() => resolve(none), 1000));
  return Promise.race<Progress>([session.connection.window.createWorkDoneProgress().catch(() => none), timeout]);
}

export const INDEX_STATE_NOTIFICATION = 'policyLens/indexState';

export interface IndexState {
  state: 'indexing' | 'ready';
  documents: number;
  entities: number;
  instruments: number;
}

/**
 * Builds (and rebuilds on configuration changes) the workspace index: reads `.policylens.yaml` and the editor's
 * settings, reads every corpus and kb file with a progress bar, lays the open editors' text over the disk
 * content, then publishes diagnostics for every document.
 */
export class Indexer {
  private lastState = '';
  private generation = 0;
  initializationSettings: EditorSettings = {};
  configFileUris: string[] = [];

  constructor(
    private readonly session: Session,
    private readonly publisher: DiagnosticsPublisher,
  ) {}

  /** `.policylens.yaml` of the first root, then initializationOptions, then the editor's settings. */
  async computeConfig(): Promise<PolicyLensConfig> {
    const { connection, flags } = this.session;
    const root = this.session.rootDirs[0];
    let base: PolicyLensConfig = { ...DEFAULT_CONFIG, severity: {} };
    this.configFileUris = this.session.rootDirs.map((r) => pathToUri(path.join(r, CONFIG_FILE_NAME)));
    if (root) {
      const loaded = loadWorkspaceConfig(root);
      base = loaded.config;
      const uri = pathToUri(path.join(root, CONFIG_FILE_NAME));
      void connection.sendDiagnostics({
        uri,
        diagnostics: loaded.problems.map((p) => ({
          range: {
            start: { line: p.line - 1, character: p.column - 1 },
            end: { line: p.line - 1, character: p.column },
          },
          severity: DiagnosticSeverity.Error,
          source: 'policy-lens',
          message: p.message,
        })),
      });
      for (const p of loaded.problems) connection.console.warn(`${CONFIG_FILE_NAME}:${p.line}:${p.column}: ${p.message}`);
    }
    let editor: EditorSettings = {};
    if (flags.configuration) {
      try {
        editor = readSettings(await connection.workspace.getConfiguration({ section: 'policyLens' }));
      } catch (e) {
        connection.console.warn(`Could not read the editor's policyLens settings: ${String(e)}`);
      }
    }
    return layerSettings(base, this.initializationSettings, editor);
  }

  /** (Re)indexes the whole workspace. A newer call supersedes an older one still running. */
  async reindex(): Promise<void> {
    const generation = ++this.generation;
    const { connection, session } = { connection: this.session.connection, session: this.session };
    this.sendState('indexing', true);
    const progress = await createProgress(this.session);
    progress.begin('Policy Lens: indexing', 0, 'reading files', false);
    try {
      const config = await this.computeConfig();
      const started = Date.now();
      const publishedEarly = new Set<string>();
      const loaded = await loadWorkspace(
        session.rootDirs,
        config,
        session.builtin,
        // Percentages only rise: reading is the first half, analysing the second.
        (p) => progress.report(p.total ? Math.round((p.done / p.total) * 50) : 50, `read ${p.done}/${p.total} files`),
        () => generation !== this.generation,
        {
          onWorkerFailure: (e) =>
            connection.console.warn(`Analysis workers failed; indexing on one thread: ${e instanceof Error ? e.stack : String(e)}`),
          // Diagnostics go out as the workers deliver them, not after the whole corpus.
          onAnalysed: (uris, index) => {
            if (generation === this.generation) this.publisher.publishLoading(index, uris, publishedEarly);
          },
        },
      );
      if (generation !== this.generation) return;
      for (const u of loaded.unreadable) connection.console.warn(`Could not read ${u.uri}: ${u.reason}`);
      for (const g of loaded.refusedGlobs) connection.console.warn(`kb glob refused (points outside the workspace): ${g}`);
      session.config = config;
      session.index = loaded.index;
      // Open editors hold the truth for their documents, whatever is on disk.
      for (const doc of session.documents.all()) session.markDirty(doc);
      session.markReady();
      session.flush();
      await this.publisher.publishAll(
        (done, total) => progress.report(50 + Math.round((done / total) * 50), `analysed ${done}/${total} files`),
        () => generation !== this.generation,
        publishedEarly,
      );
      if (generation !== this.generation) return;
      // Reverse indexes and "mentioned in" lists, built in slices once the editor has its diagnostics: no hover
      // walks the corpus for its first answer, and requests are answered meanwhile.
      setImmediate(() => {
        if (generation !== this.generation || session.index !== loaded.index) return;
        const warmStart = performance.now();
        const stale = () => generation !== this.generation || session.index !== loaded.index;
        void (async () => {
          await loaded.index.warm(yieldToEventLoop);
          const prepared = await prepareReferences(session, loaded.index, yieldToEventLoop, stale);
          connection.console.info(
            `Reference and "mentioned in" lists ready in ${Math.round(performance.now() - warmStart)} ms ` +
              `(answers of the ${prepared.ids} most referred-to ids prepared, ${(prepared.bytes / 1e6).toFixed(1)} MB).`,
          );
        })().catch((e) => connection.console.error(`Building reference lists failed: ${e instanceof Error ? e.stack : String(e)}`));
      });
      const stats = loaded.index.stats();
      connection.console.info(
        `Indexed ${stats.documents} documents and ${loaded.kbFiles.length} kb files in ${Date.now() - started} ms ` +
          `(${stats.entities} entities, ${stats.instruments} instruments): ${describeTimings(loaded.timings)}; ` +
          `${Math.round(performance.now())} ms since the server started.`,
      );
    } catch (e) {
      connection.console.error(`Indexing failed: ${e instanceof Error ? e.stack : String(e)}`);
    } finally {
      progress.done();
      if (generation === this.generation) this.sendState('ready', true);
    }
  }

  /** Tells the client (status bar) the index state; only when something changed unless forced. */
  sendState(state: IndexState['state'], force = false): void {
    const stats = this.session.index?.stats() ?? { documents: 0, entities: 0, instruments: 0 };
    const payload: IndexState = { state, ...stats };
    const key = JSON.stringify(payload);
    if (!force && key === this.lastState) return;
    this.lastState = key;
    void this.session.connection.sendNotification(INDEX_STATE_NOTIFICATION, payload);
  }
}

function describeTimings(t: LoadTimings): string {
  const ms = (n: number) => `${Math.round(n)} ms`;
  const how = t.workers ? `${t.workers} worker${t.workers > 1 ? 's' : ''}` : 'on the main thread';
  return `listing ${ms(t.discoveryMs)}, reading ${ms(t.identityMs)}, analysis ${ms(t.analysisMs)} (${how})`;
}
