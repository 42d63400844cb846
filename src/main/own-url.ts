/**
 * Returns a check for "this URL is the console's own page": the same scheme, host and port
 * as the page the window started on. Navigation guards and the IPC sender check rely on it.
 *
 * Not `URL.origin`: Node's URL gives every scheme it does not know as special (our `app:`,
 * `file:`, `data:`, any custom one) the opaque origin "null", so comparing origins let a
 * dropped file or a `data:` page pass as the console and be trusted with the engine.
 */
export function ownUrlCheck(startUrl: string): (url: string) => boolean {
  const start = new URL(startUrl);
  return (url) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return false;
    }
    return (
      target.protocol === start.protocol &&
      target.host === start.host &&
      target.host !== '' &&
      target.username === '' &&
      target.password === ''
    );
  };
}
