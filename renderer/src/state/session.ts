// Who is working in this window. The server holds the truth (per session id); this mirrors it so
// every view can read the signed-in person without a call.
import { create } from 'zustand';
import type { ApiErrorShape, StaffMember } from '../../../shared/contract';
import { api } from '../transport';

type Status = 'checking' | 'signedOut' | 'signedIn';

interface SessionState {
  status: Status;
  me: StaffMember | null;
  /** Why the last restore failed (server unreachable, no token), shown on the sign-in screen. */
  restoreError: ApiErrorShape | null;
  restore(): Promise<void>;
  signIn(staffId: number): Promise<ApiErrorShape | null>;
  signOut(): Promise<ApiErrorShape | null>;
  /** The server no longer knows this window's sign-in (signed out elsewhere, restarted). */
  lost(): void;
}

export const useSession = create<SessionState>()((set) => ({
  status: 'checking',
  me: null,
  restoreError: null,
  async restore() {
    const result = await api['session.current']({});
    if (result.ok) {
      set({ status: result.value ? 'signedIn' : 'signedOut', me: result.value, restoreError: null });
    } else {
      set({ status: 'signedOut', me: null, restoreError: result.error });
    }
  },
  async signIn(staffId) {
    const result = await api['session.signIn']({ staffId });
    if (!result.ok) return result.error;
    set({ status: 'signedIn', me: result.value, restoreError: null });
    return null;
  },
  async signOut() {
    const result = await api['session.signOut']({});
    if (!result.ok) return result.error;
    set({ status: 'signedOut', me: null });
    return null;
  },
  lost() {
    set({ status: 'signedOut', me: null });
  },
}));
