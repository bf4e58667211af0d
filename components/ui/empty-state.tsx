import * as React from "react";
import type { LucideIcon } from "lucide-react";

import { cn } from "@/lib/utils/cn";

export interface EmptyStateProps extends Omit<React.ComponentProps<"div">, "title"> {
  /** A lucide icon component (e.g. `icon={FileText}`) or any element. Decorative. */
  icon?: LucideIcon | React.ReactElement;
  /** What is empty, e.g. "No specs yet". */
  title: React.ReactNode;
  /** What will appear here and what to do next. */
  description?: React.ReactNode;
  /** Primary next step (usually a Button), optionally a secondary one. */
  action?: React.ReactNode;
  /** Heading level for the title (default 2; use 3 inside cards/sections). */
  headingLevel?: 2 | 3 | 4;
  /** Renders without the dashed frame (e.g. inside a Card). */
  bare?: boolean;
}

export function EmptyState({
  icon,
  title,
  description,
  action,
  headingLevel = 2,
  bare = false,
  className,
  children,
  ...props
}: EmptyStateProps) {
  const Heading = `h${headingLevel}` as "h2" | "h3" | "h4";
  let iconNode: React.ReactNode = null;
  if (React.isValidElement(icon)) iconNode = icon;
  else if (icon) iconNode = React.createElement(icon, { className: "size-6", "aria-hidden": true });

  return (
    <div
      data-slot="empty-state"
      className={cn(
        "flex flex-col items-center justify-center gap-3 px-6 py-12 text-center",
        !bare && "rounded-lg border border-dashed",
        className,
      )}
      {...props}
    >
      {iconNode ? (
        <div
          aria-hidden="true"
          className="flex size-12 items-center justify-center rounded-full bg-muted text-muted-foreground [&>svg]:size-6"
        >
          {iconNode}
        </div>
      ) : null}
      <div className="flex max-w-md flex-col gap-1.5">
        <Heading className="text-base font-semibold">{title}</Heading>
        {description ? <p className="text-sm text-muted-foreground">{description}</p> : null}
      </div>
      {children}
      {action ? <div className="mt-2 flex flex-wrap items-center justify-center gap-2">{action}</div> : null}
    </div>
  );
}
