"use client";

import type { ReactNode } from "react";
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { AtSign, CircleCheck, CircleX, Hourglass, MessageSquareCheck } from "lucide-react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { RelativeTime } from "@/components/ui/relative-time";
import { SummaryBadge } from "@/components/review/review-badges";
import { reviewApi, reviewKeys, reviewPages } from "@/lib/review/client/api";
import { mentionParts } from "@/lib/review/client/threads";
import type { ReviewInbox } from "@/lib/review/client/types";

/** The Reviews page: runs waiting for review, comments that mention me, and decisions of the last two weeks. */
export function ReviewsInbox({ slug, initial }: { slug: string; initial: ReviewInbox }) {
  const q = useQuery({ queryKey: reviewKeys.inbox(slug), queryFn: ({ signal }) => reviewApi.inbox(slug, signal), initialData: initial, staleTime: 15_000, refetchOnWindowFocus: true });
  const { waiting, mentions, decided } = q.data;
  const error = q.isError ? (
    <Alert variant="warning">
      <AlertTitle>Could not refresh the reviews</AlertTitle>
      <AlertDescription>{q.error.message}</AlertDescription>
    </Alert>
  ) : null;

  if (!waiting.length && !mentions.length && !decided.length) {
    return (
      <>
        {error}
        <EmptyState
          icon={MessageSquareCheck}
          title="Nothing to review"
          description="When a run finishes, its files wait here for approval or requested changes. Comments that mention you, and the decisions of the last two weeks, show up here too."
        />
      </>
    );
  }

  return (
    <div className="flex flex-col gap-8" data-testid="reviews-inbox">
      {error}
      <Section id="waiting" icon={Hourglass} title="Waiting for review" count={waiting.length} empty="Every finished run of the last 60 days is fully approved.">
        <ul className="flex flex-col divide-y rounded-lg border" aria-labelledby="waiting-title">
          {waiting.map((w) => (
            <li key={w.runId} className="flex items-center gap-4 px-4 py-3" data-testid="waiting-run">
              <div className="flex min-w-0 flex-1 flex-col gap-0.5">
                <Link href={reviewPages.review(slug, w.runId)} className="truncate font-medium underline-offset-4 hover:underline">
                  Run #{w.number} · {w.spec}
                </Link>
                <span className="truncate text-sm text-muted-foreground">
                  revision #{w.revision}
                  {w.triggeredBy ? ` · by ${w.triggeredBy}` : ""} · <RelativeTime iso={w.createdAt} />
                </span>
              </div>
              <SummaryBadge summary={w.summary} />
            </li>
          ))}
        </ul>
      </Section>

      <Section id="mentions" icon={AtSign} title="Mentions of you" count={mentions.length} empty="Nobody has @mentioned you in a review comment yet.">
        <ul className="flex flex-col divide-y rounded-lg border" aria-labelledby="mentions-title">
          {mentions.map((m) => (
            <li key={m.commentId} className="flex flex-col gap-1 px-4 py-3" data-testid="mention">
              <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
                <Link href={reviewPages.review(slug, m.runId, { module: m.moduleId, line: m.line, comment: m.commentId })} className="font-mono text-xs font-medium underline-offset-4 hover:underline">
                  {m.path}:{m.line}
                </Link>
                <span className="text-muted-foreground">
                  run #{m.run} · {m.spec}
                </span>
                {m.resolved ? <Badge variant="success">resolved</Badge> : null}
                <span className="ml-auto text-muted-foreground">
                  {m.author} · <RelativeTime iso={m.createdAt} />
                </span>
              </div>
              <p className="line-clamp-3 text-sm break-words whitespace-pre-wrap">
                {mentionParts(m.body).map((p, i) =>
                  p.mention ? (
                    <span key={i} className="rounded bg-primary/10 px-0.5 font-medium text-primary">
                      {p.text}
                    </span>
                  ) : (
                    <span key={i}>{p.text}</span>
                  ),
                )}
              </p>
            </li>
          ))}
        </ul>
      </Section>

      <Section id="decided" icon={CircleCheck} title="Recently decided" count={decided.length} empty="No decisions in the last two weeks.">
        <ul className="flex flex-col divide-y rounded-lg border" aria-labelledby="decided-title">
          {decided.map((d, i) => (
            <li key={`${d.moduleId}-${d.createdAt}-${i}`} className="flex flex-wrap items-start gap-x-3 gap-y-1 px-4 py-3 text-sm" data-testid="decision">
              {d.decision === "approve" ? <CircleCheck className="mt-0.5 size-4 shrink-0 text-success" aria-hidden="true" /> : <CircleX className="mt-0.5 size-4 shrink-0 text-destructive" aria-hidden="true" />}
              <span className="min-w-0 flex-1">
                <span className="font-medium">{d.reviewer}</span> {d.decision === "approve" ? "approved" : "requested changes on"}{" "}
                <Link href={reviewPages.review(slug, d.runId, { module: d.moduleId })} className="font-mono text-xs font-medium underline-offset-4 hover:underline">
                  {d.path}
                </Link>{" "}
                <span className="text-muted-foreground">
                  in run #{d.run} · {d.spec}
                </span>
                {d.comment ? <span className="mt-0.5 block break-words whitespace-pre-wrap text-muted-foreground">“{d.comment}”</span> : null}
              </span>
              <RelativeTime iso={d.createdAt} className="text-muted-foreground" />
            </li>
          ))}
        </ul>
      </Section>
    </div>
  );
}

function Section({ id, icon: Icon, title, count, empty, children }: { id: string; icon: typeof AtSign; title: string; count: number; empty: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-title`} className="flex flex-col gap-3" data-testid={`inbox-${id}`}>
      <h2 id={`${id}-title`} className="flex items-center gap-2 text-base font-semibold">
        <Icon className="size-4 text-muted-foreground" aria-hidden="true" />
        {title}
        <Badge variant="muted">{count}</Badge>
      </h2>
      {count ? children : <p className="rounded-lg border border-dashed px-4 py-5 text-sm text-muted-foreground">{empty}</p>}
    </section>
  );
}
