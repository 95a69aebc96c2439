/**
 * A reset connection (`reset`): the call is cut before the service sees it, the socket closed
 * without an answer (ECONNRESET / "socket hang up" on the client), as a dropped connection does.
 * Nothing was done, so any client may resend it.
 */
export { CallFault as ResetFault } from './call-fault.js';
