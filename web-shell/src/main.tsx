import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { z } from 'zod';

/** Given to NUI pages by the game's browser: the name of the resource that owns this page. */
declare function GetParentResourceName(): string;

const visibilityMessage = z.object({ type: z.literal('phone:visibility'), open: z.boolean() });

function closePhone(): void {
  void fetch(`https://${GetParentResourceName()}/close`, { method: 'POST', body: '{}' });
}

function Phone() {
  const [open, setOpen] = useState(false);

  useEffect(() => {
    const onMessage = (event: MessageEvent) => {
      const message = visibilityMessage.safeParse(event.data);
      if (message.success) setOpen(message.data.open);
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, []);

  useEffect(() => {
    if (!open) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      closePhone();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [open]);

  return open ? <div class="phone">Handset</div> : null;
}

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
render(<Phone />, root);
