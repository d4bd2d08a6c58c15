import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';

interface Notice {
  id: number;
  message: string;
  tone: 'success' | 'info';
}

interface AnnouncerValue {
  /** Shows a short confirmation ("Site added") and reads it out politely. */
  notify: (message: string, tone?: Notice['tone']) => void;
}

const AnnouncerContext = createContext<AnnouncerValue>({ notify: () => undefined });

export function AnnouncerProvider({ children }: { children: ReactNode }) {
  const [notices, setNotices] = useState<Notice[]>([]);
  const nextId = useRef(1);
  const timers = useRef(new Map<number, number>());

  const dismiss = useCallback((id: number) => {
    setNotices((current) => current.filter((notice) => notice.id !== id));
    const timer = timers.current.get(id);
    if (timer) window.clearTimeout(timer);
    timers.current.delete(id);
  }, []);

  const notify = useCallback(
    (message: string, tone: Notice['tone'] = 'success') => {
      const id = nextId.current++;
      setNotices((current) => [...current.slice(-2), { id, message, tone }]);
      timers.current.set(
        id,
        window.setTimeout(() => dismiss(id), 6000),
      );
    },
    [dismiss],
  );

  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach((timer) => window.clearTimeout(timer));
  }, []);

  const value = useMemo(() => ({ notify }), [notify]);
  return (
    <AnnouncerContext.Provider value={value}>
      {children}
      <div className="toasts" role="status" aria-live="polite" aria-atomic="false">
        {notices.map((notice) => (
          <div key={notice.id} className={`toast toast--${notice.tone}`}>
            <span className="toast__icon" aria-hidden="true">
              {notice.tone === 'success' ? '✓' : 'i'}
            </span>
            <span className="toast__message">{notice.message}</span>
            <button type="button" className="toast__close" onClick={() => dismiss(notice.id)} aria-label="Dismiss notification">
              ×
            </button>
          </div>
        ))}
      </div>
    </AnnouncerContext.Provider>
  );
}

export function useNotify(): AnnouncerValue['notify'] {
  return useContext(AnnouncerContext).notify;
}
