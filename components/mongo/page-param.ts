/** A dynamic path segment as the page receives it: percent-encoded names decoded, a malformed one taken as it is. */
export function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
