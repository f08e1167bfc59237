/** Removes the user:password part of a connection string so it can be shown or logged. */
export function redactCredentials(uri: string): string {
  return uri.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^@/]*@/i, "$1***@");
}

/** Masks credentials of every URI inside a longer text (error messages, stacks). */
export function redactCredentialsIn(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^@/\s"']*@/gi, "$1***@");
}
