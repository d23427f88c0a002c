/**
 * What a plugin says about the upstream API it wraps, as data: the version it
 * was written against, and where a newer one would be announced. A
 * version-notify job reads `versionSource` to tell maintainers when the
 * service moves on; the hub shows `apiVersion` in module listings.
 */

/** Where new versions of an upstream API are announced. */
export type VersionSource =
  /** An npm package whose releases follow the API, e.g. the service's official SDK. */
  | { readonly kind: 'npm'; readonly package: string }
  /** A page or document announcing versions: a changelog, release notes, or a machine-readable version list. */
  | { readonly kind: 'url'; readonly url: string };

/** The upstream API a plugin targets. */
export interface UpstreamDeclaration {
  /** The API version the plugin was written and tested against, e.g. GitHub's `2022-11-28` or Jira's `3`. */
  readonly apiVersion: string;
  /** Where to look for a newer version than `apiVersion`. */
  readonly versionSource: VersionSource;
}
