/**
 * The one error pixelpair throws: configuration that cannot work (a missing pixel id, a token
 * with a control character, a URL that is not one). Thrown at construction, never while
 * delivering; its message names the setting and never contains the value of a secret.
 * The CLI maps it to exit 2.
 */
export class ConfigError extends Error {
  override name = 'ConfigError';
  /** The setting at fault, in the user's words: `pixelId`, `META_ACCESS_TOKEN`, `--api-url`. */
  readonly setting: string;
  constructor(setting: string, message: string) {
    super(`pixelpair: ${message}`);
    this.setting = setting;
  }
}

/** Works across copies of the package (two versions installed side by side). */
export function isConfigError(error: unknown): error is ConfigError {
  return error instanceof ConfigError || (error instanceof Error && error.name === 'ConfigError' && typeof (error as ConfigError).setting === 'string');
}
