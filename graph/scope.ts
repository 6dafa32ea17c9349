/** The scope of an app-only token for this Graph endpoint: its root with /.default. */
export function graphScope(baseUrl: string): string {
  return `${baseUrl}/.default`;
}
