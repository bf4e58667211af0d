"use client";

import * as React from "react";
import { useTheme } from "next-themes";
import { Monitor, Moon, Sun } from "lucide-react";

import { Button, type ButtonProps } from "@/components/ui/button";

const order = ["light", "dark", "system"] as const;
type ThemeChoice = (typeof order)[number];

const icons = { light: Sun, dark: Moon, system: Monitor } as const;
const names = { light: "light", dark: "dark", system: "system" } as const;

const noopSubscribe = () => () => {};

/** True after hydration; the theme is unknown during SSR. */
function useHydrated(): boolean {
  return React.useSyncExternalStore(
    noopSubscribe,
    () => true,
    () => false,
  );
}

/** Icon button cycling light → dark → system. */
export function ThemeToggle({ className, ...props }: Omit<ButtonProps, "onClick" | "children">) {
  const { theme, setTheme } = useTheme();
  const hydrated = useHydrated();

  const current: ThemeChoice =
    hydrated && (order as readonly string[]).includes(theme ?? "") ? (theme as ThemeChoice) : "system";
  const next = order[(order.indexOf(current) + 1) % order.length];
  const Icon = icons[current];
  const label = hydrated
    ? `Theme: ${names[current]}. Switch to ${names[next]} theme`
    : "Change theme";

  return (
    <Button
      variant="ghost"
      size="icon"
      aria-label={label}
      title={label}
      onClick={() => setTheme(next)}
      className={className}
      {...props}
    >
      <Icon aria-hidden="true" />
    </Button>
  );
}
