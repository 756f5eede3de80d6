"use client";

import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from "react";

/** Props of `<MapViewport>`. */
export interface MapViewportProps {
  /** The drawing's size at 100 %, in CSS pixels (the SVG's viewBox). */
  width: number;
  height: number;
  /** Where to scroll first at 100 %: the centre of the start box. */
  focusX: number;
  focusY: number;
  /** The SVG's content: boxes, groups and edges, rendered on the server. */
  children: ReactNode;
  /** The SVG's accessible name. */
  caption: string;
}

const MIN_SCALE = 0.05;
const MAX_SCALE = 2;
const STEP = 1.25;

const subscribeNever = () => () => undefined;

/**
 * Zoom and pan for the decision map. The SVG keeps its viewBox and changes its rendered size,
 * so panning is the scroll container's own scrolling: arrow keys, touch and scroll bars work
 * as anywhere else, and without JavaScript the map is simply a scrollable drawing at 100 %.
 * Adds: −/+/Fit/Actual size buttons, + − 0 keys on the focused map, Ctrl+wheel (a trackpad
 * pinch arrives as Ctrl+wheel in Chromium and Firefox), a two-finger pinch on touch screens, and
 * dragging with the mouse to pan.
 */
export function MapViewport({
  width,
  height,
  focusX,
  focusY,
  children,
  caption,
}: MapViewportProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const [scale, setScale] = useState(1);
  // After a zoom, the point of the drawing that must stay under the same spot on screen.
  const anchor = useRef<{ x: number; y: number; screenX: number; screenY: number } | null>(null);
  const hydrated = useSyncExternalStore(
    subscribeNever,
    () => true,
    () => false,
  );

  // Open on the start of the diagnosis, not on the drawing's empty top-left corner.
  useEffect(() => {
    const box = scroller.current;
    if (!box) return;
    box.scrollLeft = focusX - box.clientWidth / 2;
    box.scrollTop = Math.max(0, focusY - 60);
  }, [focusX, focusY]);

  // The scale the DOM shows now, and the one last asked for: several wheel or pinch events can
  // arrive before React renders, and each must build on the previous one.
  const rendered = useRef(1);
  const target = useRef(1);

  const zoomTo = useCallback((next: number, screenX?: number, screenY?: number) => {
    const box = scroller.current;
    if (!box) return;
    const clamped = Math.min(MAX_SCALE, Math.max(MIN_SCALE, next));
    const sx = screenX ?? box.clientWidth / 2;
    const sy = screenY ?? box.clientHeight / 2;
    // The point of the drawing under (sx, sy), in drawing units, stays there after the zoom.
    anchor.current ??= {
      x: (box.scrollLeft + sx) / rendered.current,
      y: (box.scrollTop + sy) / rendered.current,
      screenX: sx,
      screenY: sy,
    };
    target.current = clamped;
    setScale(clamped);
  }, []);

  const fit = useCallback(() => {
    const box = scroller.current;
    if (!box) return;
    anchor.current = null;
    const fitted = Math.max(
      MIN_SCALE,
      Math.min(box.clientWidth / width, box.clientHeight / height, 1),
    );
    target.current = fitted;
    setScale(fitted);
  }, [width, height]);

  useLayoutEffect(() => {
    rendered.current = scale;
    const box = scroller.current;
    const point = anchor.current;
    anchor.current = null;
    if (!box || !point) return;
    box.scrollLeft = point.x * scale - point.screenX;
    box.scrollTop = point.y * scale - point.screenY;
  }, [scale]);

  // Ctrl+wheel zooms; React's onWheel is passive, so preventDefault needs a listener of our own.
  useEffect(() => {
    const box = scroller.current;
    if (!box) return;
    const onWheel = (event: WheelEvent) => {
      if (!event.ctrlKey) return;
      event.preventDefault();
      const rect = box.getBoundingClientRect();
      zoomTo(
        target.current * Math.exp(-event.deltaY / 300),
        event.clientX - rect.left,
        event.clientY - rect.top,
      );
    };
    box.addEventListener("wheel", onWheel, { passive: false });
    return () => box.removeEventListener("wheel", onWheel);
  }, [zoomTo]);

  // Two fingers pinch-zoom the drawing (the container's touch-action leaves pinching to us
  // once this code runs; one finger still scrolls natively).
  const touches = useRef(new Map<number, { x: number; y: number }>());
  const pinchDistance = useRef<number | null>(null);

  // Dragging with the mouse pans; touch already scrolls natively.
  const drag = useRef<{ x: number; y: number; left: number; top: number; moved: boolean } | null>(
    null,
  );

  const percent = `${Math.round(scale * 100)} %`;
  const buttonClass =
    "min-w-11 rounded-md border border-line bg-surface px-3 py-1.5 text-sm font-medium text-fg hover:bg-surface-strong";

  return (
    <div className="space-y-2">
      {hydrated ? (
        <div role="group" aria-label="Zoom" className="flex flex-wrap items-center gap-2">
          <button
            type="button"
            className={buttonClass}
            onClick={() => zoomTo(target.current / STEP)}
          >
            <span aria-hidden="true">−</span>
            <span className="sr-only">Zoom out</span>
          </button>
          <button
            type="button"
            className={buttonClass}
            onClick={() => zoomTo(target.current * STEP)}
          >
            <span aria-hidden="true">+</span>
            <span className="sr-only">Zoom in</span>
          </button>
          <button type="button" className={buttonClass} onClick={fit}>
            Fit
          </button>
          <button type="button" className={buttonClass} onClick={() => zoomTo(1)}>
            Actual size
          </button>
          <output className="text-sm text-muted" aria-live="polite" data-testid="map-scale">
            {percent}
          </output>
          <span className="text-xs text-muted">
            Drag or scroll to move; Ctrl + wheel or pinch to zoom; + and − keys on the map.
          </span>
        </div>
      ) : null}
      <div
        ref={scroller}
        // Full-bleed: the diagram is wider than the reading column.
        className="map-viewport relative left-1/2 h-[75svh] w-[min(calc(100vw-2rem),1800px)] -translate-x-1/2 overflow-auto rounded-xl border border-line bg-bg"
        tabIndex={0}
        role="region"
        aria-label="Decision diagram; scroll or drag to move around it"
        data-scale={scale}
        style={hydrated ? { touchAction: "pan-x pan-y" } : undefined}
        onKeyDown={(event) => {
          if (event.target !== event.currentTarget) return;
          if (event.key === "+" || event.key === "=") zoomTo(target.current * STEP);
          else if (event.key === "-" || event.key === "_") zoomTo(target.current / STEP);
          else if (event.key === "0") fit();
          else return;
          event.preventDefault();
        }}
        onPointerDown={(event) => {
          if (event.pointerType === "touch") {
            touches.current.set(event.pointerId, { x: event.clientX, y: event.clientY });
            // The pinch is measured from where both fingers first touched.
            const [a, b] = [...touches.current.values()];
            pinchDistance.current =
              touches.current.size === 2 && a && b ? Math.hypot(a.x - b.x, a.y - b.y) : null;
            return;
          }
          if (event.pointerType !== "mouse" || event.button !== 0) return;
          const box = event.currentTarget;
          drag.current = {
            x: event.clientX,
            y: event.clientY,
            left: box.scrollLeft,
            top: box.scrollTop,
            moved: false,
          };
        }}
        onPointerMove={(event) => {
          if (event.pointerType === "touch" && touches.current.has(event.pointerId)) {
            touches.current.set(event.pointerId, { x: event.clientX, y: event.clientY });
            if (touches.current.size !== 2) return;
            const [a, b] = [...touches.current.values()] as [
              { x: number; y: number },
              { x: number; y: number },
            ];
            const distance = Math.hypot(a.x - b.x, a.y - b.y);
            const previous = pinchDistance.current;
            pinchDistance.current = distance;
            if (!previous || distance === 0) return;
            const rect = event.currentTarget.getBoundingClientRect();
            zoomTo(
              (target.current * distance) / previous,
              (a.x + b.x) / 2 - rect.left,
              (a.y + b.y) / 2 - rect.top,
            );
            return;
          }
          const start = drag.current;
          if (!start) return;
          const dx = event.clientX - start.x;
          const dy = event.clientY - start.y;
          // A few pixels of wobble is still a click on a box.
          if (!start.moved && Math.hypot(dx, dy) < 4) return;
          if (!start.moved) event.currentTarget.setPointerCapture(event.pointerId);
          start.moved = true;
          event.currentTarget.scrollLeft = start.left - dx;
          event.currentTarget.scrollTop = start.top - dy;
        }}
        onPointerCancel={(event) => {
          touches.current.delete(event.pointerId);
          pinchDistance.current = null;
          drag.current = null;
        }}
        onPointerUp={(event) => {
          touches.current.delete(event.pointerId);
          pinchDistance.current = null;
          // Keep the flag until the click that ends a drag has been swallowed.
          setTimeout(() => (drag.current = null));
        }}
        onClickCapture={(event) => {
          if (drag.current?.moved) event.preventDefault();
        }}
      >
        <svg
          width={Math.round(width * scale)}
          height={Math.round(height * scale)}
          viewBox={`0 0 ${width} ${height}`}
          aria-label={caption}
          className="block font-sans"
        >
          {children}
        </svg>
      </div>
    </div>
  );
}
