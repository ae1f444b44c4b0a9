/** Tests only: telemetry builders, shared with the shared/ analysis tests. */
export { edgeTelemetry, nodeTelemetry } from '../../../shared/analysis/test-telemetry.js';
