import { MonitorDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting';
import { Construct } from 'constructs';
import { checkResourceId, ResourceIdKind } from '../private/resource-id';
import { choice, optional, part, reason, required, text } from '../private/shape';
import { checkJustification } from '../private/validate';
import { warn } from '../private/warnings';

/** Where the server's resource logs and metrics go. */
export class DiagnosticSettings {
  /**
   * Sends every log category (pgaudit output lands in `PostgreSQLLogs`) and all metrics to a
   * Log Analytics workspace.
   * @param workspaceResourceId resource ID of the Log Analytics workspace
   */
  public static logAnalytics(workspaceResourceId: string): DiagnosticSettings {
    return new DiagnosticSettings(true, workspaceResourceId, undefined);
  }

  /**
   * Sends no logs anywhere. Audit logs then stay on the server for a few days only.
   * @param justification why no log destination exists, at least 10 characters, printed at synth
   */
  public static disabled(justification: string): DiagnosticSettings {
    return new DiagnosticSettings(false, undefined, justification);
  }

  /** True when logs are sent to a workspace. */
  public readonly sendsLogs: boolean;
  /** Resource ID of the destination workspace, when logs are sent. */
  public readonly workspaceResourceId?: string;
  /** The reason given for sending no logs. */
  public readonly justification?: string;

  private constructor(sendsLogs: boolean, workspaceResourceId: string | undefined, justification: string | undefined) {
    this.sendsLogs = sendsLogs;
    this.workspaceResourceId = workspaceResourceId;
    this.justification = justification;
  }
}

export const DIAGNOSTIC_SETTINGS = choice('DiagnosticSettings', DiagnosticSettings, 'use DiagnosticSettings.logAnalytics(workspaceResourceId) or DiagnosticSettings.disabled("<why>")', (settings) =>
  settings.sendsLogs === false
    ? [part('justification', settings.justification, optional(reason()))]
    : [part('workspaceResourceId', settings.workspaceResourceId, required(text(), 'give the resource ID of the Log Analytics workspace'))],
);

/** What the props' shape says when no destination was chosen. */
export const DIAGNOSTIC_SETTINGS_REQUIRED = {
  problem: 'is required: audit logs need a destination outside the server',
  fix: 'use DiagnosticSettings.logAnalytics(workspaceResourceId), or DiagnosticSettings.disabled("<why>") to opt out',
};

/** Fails when logs go nowhere without a reason, or when the workspace ID is malformed. */
export function validateDiagnosticSettings(prop: string, settings: DiagnosticSettings): void {
  if (settings.sendsLogs) {
    checkResourceId(`${prop}.workspaceResourceId`, settings.workspaceResourceId, ResourceIdKind.LOG_ANALYTICS_WORKSPACE);
  } else {
    checkJustification(`${prop}.justification`, settings.justification, 'send no diagnostic logs');
  }
}

/** Creates the diagnostic setting, or warns that there is none. */
export function addDiagnosticSetting(scope: Construct, targetResourceId: string, settings: DiagnosticSettings): void {
  if (!settings.sendsLogs || settings.workspaceResourceId === undefined) {
    warn(scope, 'DiagnosticsDisabled', 'No diagnostic setting: server logs, pgaudit included, are not sent to a Log Analytics workspace', settings.justification);
    return;
  }
  new MonitorDiagnosticSetting(scope, 'DiagnosticSetting', {
    name: 'send-to-log-analytics',
    targetResourceId,
    logAnalyticsWorkspaceId: settings.workspaceResourceId,
    enabledLog: [{ categoryGroup: 'allLogs' }],
    enabledMetric: [{ category: 'AllMetrics' }],
  });
}
