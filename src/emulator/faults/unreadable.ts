/**
 * An answer that cannot be read (`unreadable`): the service does the work and answers 200, but the
 * body that arrives is cut short and cannot be read (no longer JSON, or XML), as when a connection drops mid-answer or a
 * proxy mangles it. A client cannot tell whether a write was done: it must resend it with the same
 * ClientToken, never as a new request, and say in its own words what arrived. Only answers that
 * would have been 200 meet it, so a test knows exactly which call does.
 */
import { CallFault } from './call-fault.js';

export class UnreadableFault extends CallFault {
  /** The body that arrives instead of `body`: its first half (a proper prefix of a JSON object or an XML document never parses). */
  cut(body: string): string {
    return body.slice(0, Math.max(1, Math.floor(body.length / 2)));
  }
}
