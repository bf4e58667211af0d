import Link from "next/link";
import { ArrowRight, Cpu, Gauge, Plug } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { BudgetUsage } from "@/components/settings/limits-form";
import { settingsSectionsFor } from "@/components/settings/members/sections";
import { SettingsNav } from "@/components/settings/settings-nav";
import { getDb } from "@/lib/db";
import { authorizePage } from "@/lib/auth/page";
import { SCAFFOLDER_LABEL } from "@/lib/llm/scaffolder";
import { listProviders } from "@/lib/providers/manage";
import { roleCan } from "@/lib/rbac/permissions";
import { getLimits } from "@/lib/runs/manage-limits";

export const metadata = { title: "Settings" };

const linkClass =
  "inline-flex items-center gap-1.5 rounded text-sm font-medium text-primary underline-offset-4 outline-hidden hover:underline focus-visible:ring-2 focus-visible:ring-ring";

export default async function SettingsPage({ params }: { params: Promise<{ workspace: string }> }) {
  const access = await authorizePage((await params).workspace, "workspace:read");
  const slug = access.workspace.slug;
  const canProviders = roleCan(access.role, "provider:read");
  const canLimits = roleCan(access.role, "settings:read");
  const db = getDb();
  const [providers, limits] = await Promise.all([
    canProviders ? listProviders(db, access.workspace.id) : null,
    canLimits ? getLimits(db, access.workspace.id) : null,
  ]);
  const defaultProvider = providers?.providers.find((p) => p.id === providers.defaultProviderId) ?? null;
  const base = `/w/${encodeURIComponent(slug)}/settings`;

  return (
    <div className="flex flex-col gap-6">
      <PageHeader title="Settings" description={`Workspace ${access.workspace.name} (/w/${slug}). Your role: ${access.role}.`} />
      <SettingsNav slug={slug} show={settingsSectionsFor(access.role)} />

      {!canProviders && !canLimits ? (
        <p className="rounded-lg border border-dashed px-4 py-8 text-center text-sm text-muted-foreground">
          Provider and limit settings are open to editors and admins. Your role here is {access.role}: you can see the members of this workspace; ask an
          admin if you need a change.
        </p>
      ) : (
        <div className="grid gap-4 lg:grid-cols-2">
          {providers ? (
            <Card>
              <CardHeader>
                <CardTitle as="h2" className="flex items-center gap-2">
                  <Plug className="size-4 text-muted-foreground" aria-hidden="true" /> Providers
                </CardTitle>
                <CardDescription>The models runs can use: OpenAI, Anthropic, or any OpenAI-compatible server.</CardDescription>
              </CardHeader>
              <CardContent className="flex flex-col gap-2 text-sm">
                <div className="flex flex-wrap items-center gap-2">
                  <span className="text-muted-foreground">Default for new runs:</span>
                  {defaultProvider ? (
                    <span className="font-medium">
                      {defaultProvider.name} <span className="font-mono text-xs text-muted-foreground">({defaultProvider.defaultModel})</span>
                    </span>
                  ) : (
                    <>
                      <span className="flex items-center gap-1 font-medium">
                        <Cpu className="size-3.5" aria-hidden="true" /> Offline scaffolder
                      </span>
                      <Badge variant="warning">{SCAFFOLDER_LABEL}</Badge>
                    </>
                  )}
                </div>
                <p className="text-muted-foreground">
                  {providers.providers.length === 0
                    ? "No model providers configured yet."
                    : `${providers.providers.length} model ${providers.providers.length === 1 ? "provider" : "providers"} configured, plus the built-in offline scaffolder.`}
                </p>
              </CardContent>
              <CardFooter>
                <Link href={`${base}/providers`} className={linkClass}>
                  {roleCan(access.role, "provider:update") ? "Manage providers" : "View providers"} <ArrowRight className="size-4" aria-hidden="true" />
                </Link>
              </CardFooter>
            </Card>
          ) : null}
          {limits ? (
            <Card>
              <CardHeader>
                <CardTitle as="h2" className="flex items-center gap-2">
                  <Gauge className="size-4 text-muted-foreground" aria-hidden="true" /> Limits
                </CardTitle>
                <CardDescription>Monthly token budget, concurrent runs and run triggers per person.</CardDescription>
              </CardHeader>
              <CardContent className="flex flex-col gap-3 text-sm">
                <BudgetUsage used={limits.usage.tokensThisMonth} budget={limits.limits.monthlyTokenBudget} />
                <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
                  <dt className="text-muted-foreground">Concurrent runs</dt>
                  <dd>
                    {limits.usage.activeRuns} active of {limits.limits.maxConcurrentRuns} allowed
                  </dd>
                  <dt className="text-muted-foreground">Triggers per person</dt>
                  <dd>{limits.limits.runTriggersPerHour} per hour</dd>
                </dl>
              </CardContent>
              <CardFooter>
                <Link href={`${base}/limits`} className={linkClass}>
                  {roleCan(access.role, "limits:update") ? "Change limits" : "View limits"} <ArrowRight className="size-4" aria-hidden="true" />
                </Link>
              </CardFooter>
            </Card>
          ) : null}
        </div>
      )}
    </div>
  );
}
