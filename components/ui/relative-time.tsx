"use client";

import { useSyncExternalStore } from "react";

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

const rtf = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
const full = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });

export function formatRelative(iso: string, now: number): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  if (Math.abs(seconds) < 45) return "just now";
  for (const [unit, size] of UNITS) if (Math.abs(seconds) >= size) return rtf.format(Math.round(seconds / size), unit);
  return rtf.format(Math.round(seconds / 60), "minute");
}

// One shared clock, ticking every 30 s, for every <RelativeTime> on the page.
const listeners = new Set<() => void>();
let timer: number | null = null;
let clock = 0;
function subscribe(fn: () => void) {
  listeners.add(fn);
  if (timer === null) {
    timer = window.setInterval(() => {
      clock = Date.now();
      for (const l of listeners) l();
    }, 30_000);
  }
  return () => {
    listeners.delete(fn);
    if (listeners.size === 0 && timer !== null) {
      window.clearInterval(timer);
      timer = null;
    }
  };
}
const getNow = () => {
  // Fresh on first read, then stable between ticks (a snapshot must not change on every call).
  if (clock === 0 || timer === null) clock = Math.floor(Date.now() / 1000) * 1000;
  return clock;
};
const getServerNow = () => null;

/** "5 minutes ago", with the exact time in the tooltip and in <time dateTime>; kept fresh while shown. */
export function RelativeTime({ iso, className }: { iso: string; className?: string }) {
  // The server renders the absolute date; the relative form appears once hydrated (no mismatch).
  const now = useSyncExternalStore(subscribe, getNow, getServerNow);
  const exact = full.format(new Date(iso));
  return (
    <time dateTime={iso} title={exact} className={className}>
      {now === null ? exact : formatRelative(iso, now)}
    </time>
  );
}
