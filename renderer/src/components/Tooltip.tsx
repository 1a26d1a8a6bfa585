// A real tooltip: shown on hover and on keyboard focus, tied to its trigger with
// aria-describedby, dismissed with Escape, and kept open while the pointer is over it (WCAG 1.4.13).
import {
  useCallback,
  useId,
  useLayoutEffect,
  useRef,
  useState,
  type FocusEvent,
  type KeyboardEvent,
  type ReactNode,
} from 'react';

export interface TooltipTriggerProps {
  'aria-describedby': string;
  onFocus(event: FocusEvent<HTMLElement>): void;
  onBlur(event: FocusEvent<HTMLElement>): void;
  onKeyDown(event: KeyboardEvent<HTMLElement>): void;
  onClick(): void;
}

interface TooltipProps {
  content: ReactNode;
  /** Renders the focusable trigger; spread the props onto it. */
  children: (trigger: TooltipTriggerProps) => ReactNode;
  className?: string;
}

const GAP = 6;
const MARGIN = 8;

/** Closes the tooltip on screen: one at a time, so the newest (focus or pointer) is the one read. */
let closeShown: (() => void) | null = null;

export function Tooltip({ content, children, className }: TooltipProps) {
  const id = useId();
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);
  const [pinned, setPinned] = useState(false);
  const [dismissed, setDismissed] = useState(false);
  const wrapper = useRef<HTMLSpanElement>(null);
  const tip = useRef<HTMLSpanElement>(null);
  const leaveTimer = useRef<number | undefined>(undefined);
  const open = (hovered || focused || pinned) && !dismissed;

  useLayoutEffect(() => {
    if (!open) return;
    const close = () => {
      window.clearTimeout(leaveTimer.current);
      setHovered(false);
      setPinned(false);
      setDismissed(true);
    };
    if (closeShown) closeShown();
    closeShown = close;
    return () => {
      if (closeShown === close) closeShown = null;
    };
  }, [open]);

  // Fixed positioning, measured, so a tooltip at the window's edge or inside a scrolling panel is
  // never clipped.
  useLayoutEffect(() => {
    if (!open || !wrapper.current || !tip.current) return;
    const anchor = (wrapper.current.firstElementChild ?? wrapper.current).getBoundingClientRect();
    const box = tip.current.getBoundingClientRect();
    const left = Math.min(Math.max(MARGIN, anchor.left), window.innerWidth - box.width - MARGIN);
    const below = anchor.bottom + GAP;
    const top = below + box.height > window.innerHeight - MARGIN ? anchor.top - GAP - box.height : below;
    tip.current.style.left = `${Math.max(MARGIN, left)}px`;
    tip.current.style.top = `${Math.max(MARGIN, top)}px`;
  }, [open]);

  const enter = useCallback(() => {
    window.clearTimeout(leaveTimer.current);
    setHovered(true);
    setDismissed(false);
  }, []);
  const leave = useCallback(() => {
    // A short grace period lets the pointer cross the gap onto the tooltip itself.
    leaveTimer.current = window.setTimeout(() => setHovered(false), 120);
  }, []);

  const trigger: TooltipTriggerProps = {
    'aria-describedby': id,
    onFocus: () => {
      setFocused(true);
      setDismissed(false);
    },
    onBlur: () => {
      setFocused(false);
      setPinned(false);
    },
    onKeyDown: (event) => {
      if (event.key === 'Escape' && open) {
        event.stopPropagation();
        setDismissed(true);
        setPinned(false);
      }
    },
    onClick: () => {
      setPinned((p) => !p);
      setDismissed(false);
    },
  };

  return (
    <span
      className={className ? `tooltip-anchor ${className}` : 'tooltip-anchor'}
      ref={wrapper}
      onMouseEnter={enter}
      onMouseLeave={leave}
    >
      {children(trigger)}
      <span role="tooltip" id={id} ref={tip} className="tooltip" hidden={!open}>
        {content}
      </span>
    </span>
  );
}
