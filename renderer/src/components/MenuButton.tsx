// A button that opens a short menu of choices (WAI-ARIA menu button): arrows move, Enter or Space
// chooses, Escape closes, and focus returns to the button either way. `openRef` lets a keyboard
// shortcut open it.
import {
  useCallback,
  useEffect,
  useId,
  useImperativeHandle,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
  type Ref,
} from 'react';

export interface MenuItem<V extends string | number> {
  value: V;
  label: string;
  disabled?: boolean;
}

export interface MenuHandle {
  open(): void;
}

interface MenuButtonProps<V extends string | number> {
  label: ReactNode;
  /** The button's accessible name when the visible label is not enough. */
  ariaLabel?: string;
  items: MenuItem<V>[];
  /** The current value, checked in the menu. */
  value?: V | null;
  onSelect(value: V): void;
  disabled?: boolean;
  className?: string;
  handleRef?: Ref<MenuHandle>;
}

export function MenuButton<V extends string | number>({
  label,
  ariaLabel,
  items,
  value,
  onSelect,
  disabled,
  className,
  handleRef,
}: MenuButtonProps<V>) {
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLUListElement>(null);
  const id = useId();

  const show = useCallback(() => {
    const current = items.findIndex((i) => i.value === value && !i.disabled);
    setActive(
      current >= 0
        ? current
        : Math.max(
            0,
            items.findIndex((i) => !i.disabled),
          ),
    );
    setOpen(true);
  }, [items, value]);

  useImperativeHandle(handleRef, () => ({ open: show }), [show]);

  useEffect(() => {
    if (open) menu.current?.querySelectorAll<HTMLElement>('[role="menuitemradio"]')[active]?.focus();
  }, [open, active]);

  useEffect(() => {
    if (!open) return;
    const onDown = (event: MouseEvent) => {
      const target = event.target as Node;
      if (!menu.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);

  function close(refocus: boolean) {
    setOpen(false);
    if (refocus) button.current?.focus();
  }

  function move(delta: number) {
    if (items.length === 0) return;
    let next = active;
    for (let i = 0; i < items.length; i++) {
      next = (next + delta + items.length) % items.length;
      if (!items[next]?.disabled) break;
    }
    setActive(next);
  }

  function onMenuKey(event: KeyboardEvent<HTMLUListElement>) {
    // Keys inside the menu belong to it, not to the console's shortcuts.
    event.stopPropagation();
    switch (event.key) {
      case 'ArrowDown':
      case 'j':
        event.preventDefault();
        move(1);
        break;
      case 'ArrowUp':
      case 'k':
        event.preventDefault();
        move(-1);
        break;
      case 'Home':
        event.preventDefault();
        setActive(0);
        break;
      case 'End':
        event.preventDefault();
        setActive(items.length - 1);
        break;
      case 'Escape':
        event.preventDefault();
        close(true);
        break;
      case 'Tab':
        close(false);
        break;
      case 'Enter':
      case ' ': {
        event.preventDefault();
        const item = items[active];
        if (item && !item.disabled) {
          close(true);
          onSelect(item.value);
        }
        break;
      }
    }
  }

  return (
    <span className={className ? `menu-anchor ${className}` : 'menu-anchor'}>
      <button
        ref={button}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        aria-label={ariaLabel}
        disabled={disabled}
        onClick={() => (open ? close(false) : show())}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' && !open) {
            event.preventDefault();
            show();
          }
        }}
      >
        {label} <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <ul ref={menu} id={id} role="menu" className="menu" onKeyDown={onMenuKey}>
          {items.map((item, i) => (
            <li
              key={String(item.value)}
              role="menuitemradio"
              aria-checked={item.value === value}
              aria-disabled={item.disabled || undefined}
              tabIndex={i === active ? 0 : -1}
              className={i === active ? 'menu-item active' : 'menu-item'}
              onMouseEnter={() => setActive(i)}
              onFocus={() => setActive(i)}
              onClick={() => {
                if (item.disabled) return;
                close(true);
                onSelect(item.value);
              }}
            >
              <span className="menu-check" aria-hidden="true">
                {item.value === value ? '✓' : ''}
              </span>
              {item.label}
            </li>
          ))}
        </ul>
      )}
    </span>
  );
}
