import { phoneStore } from './phone-store';

let nextToastId = 1;

/** A short message over the phone, e.g. why an action failed; nobody sees it while the phone is closed. */
export function toast(message: string): void {
  if (!phoneStore.get().open) return;
  const id = nextToastId++;
  phoneStore.set((state) => ({ toasts: [...state.toasts.slice(-2), { id, message }] }));
}

export function hideToast(id: number): void {
  phoneStore.set((state) => ({ toasts: state.toasts.filter((shown) => shown.id !== id) }));
}
