"use client";

import { useEffect, useState } from "react";

/** `value`, once it has stopped changing for `delay` ms (search fields: one request per pause, not per key). */
export function useDebouncedValue<T>(value: T, delay = 250): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const id = window.setTimeout(() => setDebounced(value), delay);
    return () => window.clearTimeout(id);
  }, [value, delay]);
  return debounced;
}
