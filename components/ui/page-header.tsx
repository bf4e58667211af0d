import * as React from "react";

import { cn } from "@/lib/utils/cn";

export interface PageHeaderProps extends Omit<React.ComponentProps<"header">, "title"> {
  /** Page title, rendered as the page's <h1>. */
  title: React.ReactNode;
  description?: React.ReactNode;
  /** Buttons/menus aligned to the right (wrap below on small screens). */
  actions?: React.ReactNode;
  /** Slot above the title, e.g. breadcrumbs or a back link. */
  breadcrumb?: React.ReactNode;
}

export function PageHeader({
  title,
  description,
  actions,
  breadcrumb,
  className,
  children,
  ...props
}: PageHeaderProps) {
  return (
    <header
      data-slot="page-header"
      className={cn("flex flex-col gap-4 border-b pb-5", className)}
      {...props}
    >
      {breadcrumb ? <div className="text-sm text-muted-foreground">{breadcrumb}</div> : null}
      <div className="flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
        <div className="flex min-w-0 flex-col gap-1">
          <h1 className="truncate text-2xl font-semibold tracking-tight">{title}</h1>
          {description ? (
            <p className="max-w-prose text-sm text-muted-foreground">{description}</p>
          ) : null}
        </div>
        {actions ? <div className="flex shrink-0 flex-wrap items-center gap-2">{actions}</div> : null}
      </div>
      {children}
    </header>
  );
}
