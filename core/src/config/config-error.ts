/** Start-up refused because of configuration; the message names the key at fault. */
export class ConfigError extends Error {
  readonly key: string;
  constructor(key: string, message: string) {
    super(`configuration: ${key}: ${message}`);
    this.name = 'ConfigError';
    this.key = key;
  }
}
