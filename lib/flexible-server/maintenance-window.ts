import { number, optional, required, struct } from '../private/shape';
import { checkIntegerRange } from '../private/validate';

/** When Azure may patch and restart the server, in UTC. */
export interface MaintenanceWindow {
  /** Day of the week, 0 (Sunday) to 6 (Saturday). */
  readonly dayOfWeek: number;
  /**
   * Hour the window starts, 0 to 23.
   * @default 0
   */
  readonly startHour?: number;
  /**
   * Minute the window starts, 0 to 59.
   * @default 0
   */
  readonly startMinute?: number;
}

export const MAINTENANCE_WINDOW = struct('MaintenanceWindow', {
  dayOfWeek: required(number(), 'give a day from 0 (Sunday) to 6 (Saturday)'),
  startHour: optional(number()),
  startMinute: optional(number()),
});

export function validateMaintenanceWindow(prop: string, window: MaintenanceWindow | undefined): void {
  if (window === undefined) return;
  checkIntegerRange('MAINTENANCE-WINDOW', `${prop}.dayOfWeek`, window.dayOfWeek, 0, 6);
  checkIntegerRange('MAINTENANCE-WINDOW', `${prop}.startHour`, window.startHour, 0, 23);
  checkIntegerRange('MAINTENANCE-WINDOW', `${prop}.startMinute`, window.startMinute, 0, 59);
}
