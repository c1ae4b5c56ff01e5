import { useEffect } from 'preact/hooks';
import { hideToast } from '../state/toasts';
import type { Toast } from '../state/phone-store';
import { AlertIcon } from './icons';

const TOAST_MS = 3500;

function ToastItem({ toast }: { toast: Toast }) {
  useEffect(() => {
    const timer = setTimeout(() => hideToast(toast.id), TOAST_MS);
    return () => clearTimeout(timer);
  }, [toast.id]);
  return (
    <div class="toast" role="alert">
      <AlertIcon />
      <span>{toast.message}</span>
    </div>
  );
}

export function Toasts({ toasts }: { toasts: Toast[] }) {
  return (
    <div class="toasts">
      {toasts.map((toast) => (
        <ToastItem key={toast.id} toast={toast} />
      ))}
    </div>
  );
}
