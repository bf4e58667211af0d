import * as React from "react";
import { Slot } from "@radix-ui/react-slot";
import { CircleExclamationPoint } from "lucide-react";

import { cn } from "@/lib/utils/cn";
import { Label } from "@/components/ui/label";

/** Props FormField wires onto its control. */
export interface FormControlProps {
  id: string;
  "aria-describedby"?: string;
  "aria-invalid"?: true;
  "aria-required"?: true;
}

export interface FormFieldProps {
  label: React.ReactNode;
  /** Id for the control; generated when omitted. Don't also set id on the child. */
  id?: string;
  /** Hint shown under the label (linked via aria-describedby). */
  description?: React.ReactNode;
  /** Error message(s). When set, the control gets aria-invalid and the error is described. */
  error?: React.ReactNode | string[];
  required?: boolean;
  /** Visually hide the label (still read by screen readers). */
  hideLabel?: boolean;
  className?: string;
  /**
   * A single control element (Input, Textarea, SelectTrigger…), which receives id/aria props,
   * or a render function receiving those props for composite controls.
   */
  children: React.ReactElement | ((control: FormControlProps) => React.ReactNode);
}

export function FormField({
  label,
  id,
  description,
  error,
  required = false,
  hideLabel = false,
  className,
  children,
}: FormFieldProps) {
  const generatedId = React.useId();
  const controlId = id ?? `field-${generatedId.replace(/[^a-zA-Z0-9_-]/g, "")}`;
  const descriptionId = description ? `${controlId}-description` : undefined;
  const errorText = Array.isArray(error) ? error.filter(Boolean).join(" ") : error;
  const hasError = errorText !== undefined && errorText !== null && errorText !== false && errorText !== "";
  const errorId = hasError ? `${controlId}-error` : undefined;

  const control: FormControlProps = {
    id: controlId,
    "aria-describedby": [descriptionId, errorId].filter(Boolean).join(" ") || undefined,
    "aria-invalid": hasError ? true : undefined,
    "aria-required": required ? true : undefined,
  };

  return (
    <div
      data-slot="form-field"
      data-invalid={hasError || undefined}
      className={cn("grid gap-2", className)}
    >
      <Label htmlFor={controlId} className={cn(hideLabel && "sr-only", hasError && "text-destructive")}>
        {label}
        {required ? (
          <span aria-hidden="true" className="text-destructive">
            *
          </span>
        ) : null}
      </Label>
      {description ? (
        <p id={descriptionId} className="-mt-1 text-xs text-muted-foreground">
          {description}
        </p>
      ) : null}
      {typeof children === "function" ? children(control) : <Slot {...control}>{children}</Slot>}
      {hasError ? (
        <p id={errorId} className="flex items-start gap-1.5 text-xs font-medium text-destructive">
          <CircleExclamationPoint className="mt-px size-3.5 shrink-0" aria-hidden="true" />
          <span>{errorText}</span>
        </p>
      ) : null}
    </div>
  );
}
