// The typed setup error for scenario files: names the file, the line and the reason.

export type ScenarioErrorCode = 'SCENARIO_NOT_FOUND' | 'SCENARIO_PARSE' | 'SCENARIO_INVALID' | 'SCENARIO_UNKNOWN' | 'SCENARIO_DUPLICATE';

export class ScenarioError extends Error {
  readonly code: ScenarioErrorCode;
  constructor(code: ScenarioErrorCode, message: string) {
    super(message);
    this.name = 'ScenarioError';
    this.code = code;
  }
}
