import type { PolicyLensConfig } from '../config/config';
import { CODES, type CoreDiagnostic, type DiagnosticCode, type Severity } from './types';

/** Default severity of each code; users override them by code in `.policylens.yaml`. */
export const DEFAULT_SEVERITY: Readonly<Record<DiagnosticCode, Severity>> = {
  [CODES.noFrontMatter]: 'warning',
  [CODES.missingField]: 'error',
  [CODES.invalidDate]: 'error',
  [CODES.wrongType]: 'error',
  [CODES.yamlError]: 'error',
  [CODES.unknownId]: 'warning',
  [CODES.unresolvedLink]: 'warning',
  [CODES.duplicateId]: 'error',
  [CODES.unlistedEntity]: 'information',
  [CODES.unterminatedFrontMatter]: 'error',
  [CODES.nonNormalDate]: 'warning',
  [CODES.kbRecordInvalid]: 'error',
  [CODES.unknownInstrument]: 'information',
  [CODES.binaryFile]: 'warning',
};

/**
 * Applies the configured severity of each diagnostic's code; `off` drops it. Without any setting (the common
 * case) the list itself is returned: copying 150,000 diagnostics of a corpus for nothing is measurable.
 */
export function withConfiguredSeverity(diagnostics: CoreDiagnostic[], config: PolicyLensConfig): CoreDiagnostic[] {
  if (!hasAnyKey(config.severity)) return diagnostics;
  const out: CoreDiagnostic[] = [];
  for (const d of diagnostics) {
    const override = config.severity[d.code];
    if (override === 'off') continue;
    out.push(override ? { ...d, severity: override } : d);
  }
  return out;
}

function hasAnyKey(o: object): boolean {
  for (const _ in o) return true;
  return false;
}
