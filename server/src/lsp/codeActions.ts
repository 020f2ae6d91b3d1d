import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic } from 'vscode-languageserver/node';
import type { Fix } from '../core/fixes/types';
import { CODES } from '../core/rules/types';
import { createDefinitionFix } from './createDefinition';
import { DIAGNOSTIC_SOURCE, findCoreDiagnostic } from './diagnostics';
import { toWorkspaceEdit } from './edits';
import type { Session } from './session';

export const INSERT_FRONT_MATTER_KIND = 'source.policyLens.insertFrontMatter';
export const ADD_ENTITIES_KIND = 'source.policyLens.addEntities';

export const CODE_ACTION_KINDS = [CodeActionKind.QuickFix, CodeActionKind.Source, INSERT_FRONT_MATTER_KIND, ADD_ENTITIES_KIND];

/** Which source action a core fix is: the code it clears names it (PL001 → front-matter, PL009 → entities). */
function sourceKindOf(fix: Fix): string {
  if (fix.fixes?.includes(CODES.noFrontMatter)) return INSERT_FRONT_MATTER_KIND;
  if (fix.fixes?.includes(CODES.unlistedEntity)) return ADD_ENTITIES_KIND;
  return CodeActionKind.Source;
}

/** `only: ['source']` admits `source.policyLens.x`: LSP kinds are hierarchical, dot-separated. */
function wanted(only: string[] | undefined, kind: string): boolean {
  return !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

export async function codeActions(session: Session, params: CodeActionParams): Promise<CodeAction[] | null> {
  const index = await session.current(params.textDocument.uri);
  const doc = index.document(params.textDocument.uri);
  if (!doc) return null;
  const only = params.context.only;
  const actions: CodeAction[] = [];
  const toAction = (fix: Fix, kind: string, diagnostic?: Diagnostic): CodeAction | undefined => {
    const edit = toWorkspaceEdit(session, fix.changes);
    if (!edit) return undefined;
    return { title: fix.title, kind, diagnostics: diagnostic ? [diagnostic] : undefined, isPreferred: fix.isPreferred, edit };
  };

  if (wanted(only, CodeActionKind.QuickFix)) {
    for (const diagnostic of params.context.diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
      const core = findCoreDiagnostic(doc, diagnostic);
      if (!core) continue;
      const fixes = index.fixesFor(doc.uri, core);
      const alreadyCreates = fixes.some((f) => f.changes.some((c) => c.uri !== doc.uri));
      if (!alreadyCreates) {
        const create = createDefinitionFix(index, session.rootDirs, doc, core);
        if (create) fixes.push(create);
      }
      for (const fix of fixes) {
        const action = toAction(fix, CodeActionKind.QuickFix, diagnostic);
        if (action) actions.push(action);
      }
    }
  }
  if (!only || only.some((o) => o.startsWith(CodeActionKind.Source))) {
    for (const fix of index.sourceActions(doc.uri)) {
      const kind = sourceKindOf(fix);
      if (!wanted(only, kind)) continue;
      const action = toAction(fix, kind);
      if (action) actions.push(action);
    }
  }
  return actions;
}
