// Who is working in this window. The server holds the truth (per session id); this mirrors it so
// every view can read the signed-in person without a call.
import { create } from 'zustand';
import type { ApiErrorShape, StaffMember } from '../../../shared/contract';
import { api, onSessionEnded } from '../transport';

type Status = 'checking' | 'signedOut' | 'signedIn';

interface SessionState {
  status: Status;
  me: StaffMember | null;
  /** Why the last restore failed (server unreachable, no token), shown on the sign-in screen. */
  restoreError: ApiErrorShape | null;
  /** Set after accepting an invitation: the sign-in form starts with this e-mail and a welcome. */
  invitedEmail: string | null;
  setInvitedEmail(email: string | null): void;
  restore(): Promise<void>;
  /** Asks the server again who this window is (a lead changed roles, or ended this session). */
  recheck(): Promise<void>;
  signIn(staffId: number, password?: string): Promise<ApiErrorShape | null>;
  signInWithPassword(email: string, password: string): Promise<ApiErrorShape | null>;
  signOut(): Promise<ApiErrorShape | null>;
  /** The server no longer knows this window's sign-in (signed out elsewhere, restarted). */
  lost(): void;
  /** A call was refused because this window's session ended: the sign-in screen will say why. */
  ended(error: ApiErrorShape): void;
}

/** Errors that mean this window is no longer signed in. */
export function endsSession(error: ApiErrorShape): boolean {
  return error.code === 'session_expired' || error.code === 'deactivated' || error.code === 'not_signed_in';
}

/**
 * The person signed this window out. Answers to calls that were in flight then come back saying
 * the session ended; they are not news, and must not greet the person with "your session ended".
 */
let signedOutHere = false;

export const useSession = create<SessionState>()((set) => ({
  status: 'checking',
  me: null,
  restoreError: null,
  invitedEmail: null,
  setInvitedEmail(email) {
    set({ invitedEmail: email });
  },
  async restore() {
    const result = await api['session.current']({});
    if (result.ok) {
      set({ status: result.value ? 'signedIn' : 'signedOut', me: result.value, restoreError: null });
    } else {
      set({ status: 'signedOut', me: null, restoreError: result.error });
    }
  },
  async recheck() {
    const result = await api['session.current']({});
    if (result.ok && result.value) set({ me: result.value });
    else if (result.ok) set({ status: 'signedOut', me: null });
    else if (endsSession(result.error)) {
      set({ status: 'signedOut', me: null, ...(signedOutHere ? {} : { restoreError: result.error }) });
    }
  },
  async signIn(staffId, password) {
    const result = await api['session.signIn'](password === undefined ? { staffId } : { staffId, password });
    if (!result.ok) return result.error;
    signedOutHere = false;
    set({ status: 'signedIn', me: result.value, restoreError: null });
    return null;
  },
  async signInWithPassword(email, password) {
    const result = await api['session.signInWithPassword']({ email, password });
    if (!result.ok) return result.error;
    signedOutHere = false;
    set({ status: 'signedIn', me: result.value.staff, restoreError: null, invitedEmail: null });
    return null;
  },
  async signOut() {
    signedOutHere = true;
    const result = await api['session.signOut']({});
    if (!result.ok) {
      // Unanswered, the sign-out may still have happened: its aftermath is still not news.
      if (result.error.code !== 'unavailable') signedOutHere = false;
      return result.error;
    }
    set({ status: 'signedOut', me: null, restoreError: null });
    return null;
  },
  lost() {
    // The person has read why, where they acted: the sign-in screen need not say it again.
    set({ status: 'signedOut', me: null, restoreError: null });
  },
  ended(error) {
    // Only the reason: the view that made the call explains the failure where the person acted,
    // and "who am I?" (or the person) signs the window out; the sign-in screen then says why,
    // whichever of the answers in flight arrived first.
    if (!signedOutHere) set({ restoreError: error });
  },
}));

onSessionEnded((error) => useSession.getState().ended(error));
