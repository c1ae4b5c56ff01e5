import { useRef } from 'preact/hooks';

/** Movement before a press becomes a drag; below it, the press stays a click. */
const DRAG_THRESHOLD_PX = 8;

interface DragHandlers {
  /** While dragging: how far the pointer moved down (negative: up) since it was pressed. */
  onDrag?: (deltaY: number) => void;
  /** On release after a drag. */
  onRelease?: (deltaY: number) => void;
}

/** Pointer handlers for a vertical swipe on an element; presses that barely move stay clicks. */
export function useVerticalDrag({ onDrag, onRelease }: DragHandlers) {
  const drag = useRef<{ startY: number; dragging: boolean } | null>(null);
  const finish = (event: PointerEvent) => {
    const current = drag.current;
    drag.current = null;
    if (current?.dragging) onRelease?.(event.clientY - current.startY);
  };
  return {
    onPointerDown(event: PointerEvent) {
      if (event.button === 0) drag.current = { startY: event.clientY, dragging: false };
    },
    onPointerMove(event: PointerEvent) {
      const current = drag.current;
      if (!current) return;
      const deltaY = event.clientY - current.startY;
      if (!current.dragging && Math.abs(deltaY) > DRAG_THRESHOLD_PX) {
        current.dragging = true;
        // Captured only once it is a drag, so a plain click still reaches the button under the pointer.
        (event.currentTarget as Element).setPointerCapture(event.pointerId);
      }
      if (current.dragging) onDrag?.(deltaY);
    },
    onPointerUp: finish,
    onPointerCancel: finish,
  };
}
