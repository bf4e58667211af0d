"use client";

import { useState } from "react";
import Link from "next/link";
import { keepPreviousData, useInfiniteQuery, useMutation, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { Archive, ArchiveRestore, Download, FileCode2, FilePlus2, FileUp, History, MoreHorizontal, Pencil, Search, SquarePen, X } from "lucide-react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { PageHeader } from "@/components/ui/page-header";
import { Spinner } from "@/components/ui/spinner";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { toast } from "@/components/ui/toast";
import { ApiError } from "@/lib/client/api";
import { specPages, specPaths, specsApi } from "@/lib/specs/client/api";
import { specKeys } from "@/lib/specs/client/query-keys";
import type { SpecListFilters, SpecSummary } from "@/lib/specs/client/types";
import { ImportSpecDialog, NewSpecDialog, RenameSpecDialog } from "@/components/specs/spec-dialogs";
import { ArchivedBadge, ValidityBadge } from "@/components/specs/spec-badges";
import { RelativeTime } from "@/components/ui/relative-time";
import { useDebouncedValue } from "@/components/specs/use-debounced-value";

export interface SpecListProps {
  slug: string;
  /** create, import, rename (spec:write) */
  canWrite: boolean;
  /** archive and unarchive (spec:archive) */
  canArchive: boolean;
}

export function SpecList({ slug, canWrite, canArchive }: SpecListProps) {
  const [search, setSearch] = useState("");
  const [showArchived, setShowArchived] = useState(false);
  const [dialog, setDialog] = useState<"new" | "import" | null>(null);
  const [renaming, setRenaming] = useState<SpecSummary | null>(null);
  const q = useDebouncedValue(search.trim(), 250);
  const filters: SpecListFilters = { q, archived: showArchived ? "all" : "false" };

  const query = useInfiniteQuery({
    queryKey: specKeys.list(slug, filters),
    queryFn: ({ pageParam, signal }) => specsApi.list(slug, { ...filters, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
  const specs = query.data?.pages.flatMap((p) => p.specs) ?? [];
  const searching = search.trim() !== q || (query.isFetching && query.isPlaceholderData);

  const actions = canWrite ? (
    <>
      <Button variant="outline" onClick={() => setDialog("import")}>
        <FileUp aria-hidden="true" />
        Import .yaml
      </Button>
      <Button onClick={() => setDialog("new")}>
        <FilePlus2 aria-hidden="true" />
        New spec
      </Button>
    </>
  ) : null;

  const filtered = q !== "" || showArchived;

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="Specs"
        description="YAML workflows your team writes together; each step becomes a generated module."
        actions={actions}
      />

      <div className="flex flex-wrap items-center gap-x-6 gap-y-3" role="search" aria-label="Find specs">
        <div className="relative w-full max-w-sm">
          <Label htmlFor="spec-search" className="sr-only">
            Search specs by name
          </Label>
          <Search className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground" aria-hidden="true" />
          <Input
            id="spec-search"
            type="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Escape" && search) {
                e.preventDefault();
                setSearch("");
              }
            }}
            placeholder="Search specs by name"
            className="pr-9 pl-8"
            autoComplete="off"
          />
          {searching ? <Spinner size="sm" label="Searching" className="absolute top-1/2 right-2.5 -translate-y-1/2" /> : null}
        </div>
        <label className="flex cursor-pointer items-center gap-2 text-sm select-none">
          <input
            type="checkbox"
            checked={showArchived}
            onChange={(e) => setShowArchived(e.target.checked)}
            className="size-4 accent-[var(--primary)]"
          />
          Show archived
        </label>
      </div>

      {query.isPending ? (
        <div className="flex items-center gap-2 text-sm text-muted-foreground">
          <Spinner /> Loading specs…
        </div>
      ) : query.isError && specs.length === 0 ? (
        <Alert variant="destructive" className="items-center">
          <div className="flex flex-wrap items-center justify-between gap-3">
            <span>Could not load the specs: {query.error.message}</span>
            <Button size="sm" variant="outline" onClick={() => void query.refetch()} loading={query.isFetching}>
              Try again
            </Button>
          </div>
        </Alert>
      ) : specs.length === 0 ? (
        q ? (
          <EmptyState
            icon={Search}
            title={`No specs match “${q}”`}
            description={showArchived ? "No active or archived spec has that in its name." : "Check the spelling, or show archived specs too."}
            action={
              <Button variant="outline" onClick={() => setSearch("")}>
                <X aria-hidden="true" />
                Clear search
              </Button>
            }
          />
        ) : (
          <EmptyState
            icon={FileCode2}
            title="No specs yet"
            description={
              canWrite
                ? "A spec describes a workflow step by step in YAML. Start from a blank spec or one of the examples, or import a .yaml file you already have."
                : "Specs that editors of this workspace create or import will be listed here. Ask an editor or admin to add one."
            }
            action={actions}
          />
        )
      ) : (
        <>
          <Table aria-busy={query.isFetching || undefined}>
            <TableCaption className="sr-only">
              {filtered ? `Specs${q ? ` matching “${q}”` : ""}${showArchived ? ", archived included" : ""}` : "Specs in this workspace"}, most recently
              changed first
            </TableCaption>
            <TableHeader>
              <TableRow>
                <TableHead>Name</TableHead>
                <TableHead>Status</TableHead>
                <TableHead>Latest revision</TableHead>
                <TableHead>Updated</TableHead>
                <TableHead className="w-12">
                  <span className="sr-only">Actions</span>
                </TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {specs.map((spec) => (
                <SpecRow key={spec.id} slug={slug} spec={spec} canWrite={canWrite} canArchive={canArchive} onRename={() => setRenaming(spec)} />
              ))}
            </TableBody>
          </Table>
          {query.hasNextPage ? (
            <Button variant="outline" className="self-center" onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
              Load more specs
            </Button>
          ) : null}
        </>
      )}

      {canWrite ? (
        <>
          <NewSpecDialog slug={slug} open={dialog === "new"} onOpenChange={(o) => setDialog(o ? "new" : null)} />
          <ImportSpecDialog slug={slug} open={dialog === "import"} onOpenChange={(o) => setDialog(o ? "import" : null)} />
          <RenameSpecDialog slug={slug} spec={renaming} onOpenChange={(o) => !o && setRenaming(null)} />
        </>
      ) : null}
    </div>
  );
}

/** Archive or unarchive, then say so; archiving offers Undo (which works after the row has left the list). */
async function changeArchived(qc: QueryClient, slug: string, spec: SpecSummary, archived: boolean): Promise<void> {
  try {
    const { spec: updated } = await specsApi.update(slug, spec.id, { archived });
    void qc.invalidateQueries({ queryKey: specKeys.all(slug) });
    if (archived) {
      toast.success(`Archived “${updated.name}”`, {
        description: "It is read-only and hidden from the list; tick “Show archived” to find it.",
        action: { label: "Undo", onClick: () => void changeArchived(qc, slug, updated, false) },
      });
    } else {
      toast.success(`Unarchived “${updated.name}”`, { description: "It can be edited again." });
    }
  } catch (err) {
    toast.error(archived ? `Could not archive “${spec.name}”` : `Could not unarchive “${spec.name}”`, {
      description: err instanceof ApiError ? err.message : "Try again.",
    });
  }
}

function SpecRow({ slug, spec, canWrite, canArchive, onRename }: { slug: string; spec: SpecSummary; canWrite: boolean; canArchive: boolean; onRename: () => void }) {
  const qc = useQueryClient();
  const setArchived = useMutation({ mutationFn: (archived: boolean) => changeArchived(qc, slug, spec, archived) });
  return (
    <TableRow className={spec.archived ? "text-muted-foreground" : undefined}>
      <TableCell className="max-w-md">
        <div className="flex items-center gap-2">
          <Link
            href={specPages.editor(slug, spec.id)}
            className="truncate font-medium text-foreground underline-offset-4 outline-hidden hover:underline focus-visible:rounded-sm focus-visible:ring-2 focus-visible:ring-ring"
          >
            {spec.name}
          </Link>
          {spec.archived ? <ArchivedBadge /> : null}
        </div>
      </TableCell>
      <TableCell>
        <ValidityBadge valid={spec.valid} />
      </TableCell>
      <TableCell className="tabular-nums">
        {spec.latestRevision ? (
          <Link
            href={specPages.history(slug, spec.id)}
            className="underline-offset-4 outline-hidden hover:underline focus-visible:rounded-sm focus-visible:ring-2 focus-visible:ring-ring"
            aria-label={`Revision ${spec.latestRevision.number} of ${spec.name}: history`}
          >
            #{spec.latestRevision.number}
          </Link>
        ) : (
          <span className="text-muted-foreground">None yet</span>
        )}
      </TableCell>
      <TableCell className="whitespace-nowrap text-muted-foreground">
        <RelativeTime iso={spec.updatedAt} />
      </TableCell>
      <TableCell className="text-right">
        {/* Not modal: the Rename dialog opens from it, and a modal menu would leave the page inert after that dialog closes. */}
        <DropdownMenu modal={false}>
          <DropdownMenuTrigger asChild>
            <Button variant="ghost" size="icon-sm" aria-label={`Actions for ${spec.name}`} disabled={setArchived.isPending}>
              {setArchived.isPending ? <Spinner size="sm" label="Working" /> : <MoreHorizontal aria-hidden="true" />}
            </Button>
          </DropdownMenuTrigger>
          <DropdownMenuContent align="end" className="w-48">
            <DropdownMenuItem asChild>
              <Link href={specPages.editor(slug, spec.id)}>
                <SquarePen aria-hidden="true" />
                {canWrite && !spec.archived ? "Edit" : "Open"}
              </Link>
            </DropdownMenuItem>
            <DropdownMenuItem asChild>
              <Link href={specPages.history(slug, spec.id)}>
                <History aria-hidden="true" />
                History
              </Link>
            </DropdownMenuItem>
            <DropdownMenuItem asChild>
              <a href={specPaths.export(slug, spec.id)} download>
                <Download aria-hidden="true" />
                Export .yaml
              </a>
            </DropdownMenuItem>
            {canWrite || canArchive ? <DropdownMenuSeparator /> : null}
            {canWrite ? (
              <DropdownMenuItem onSelect={onRename}>
                <Pencil aria-hidden="true" />
                Rename…
              </DropdownMenuItem>
            ) : null}
            {canArchive ? (
              <DropdownMenuItem onSelect={() => setArchived.mutate(!spec.archived)}>
                {spec.archived ? <ArchiveRestore aria-hidden="true" /> : <Archive aria-hidden="true" />}
                {spec.archived ? "Unarchive" : "Archive"}
              </DropdownMenuItem>
            ) : null}
          </DropdownMenuContent>
        </DropdownMenu>
      </TableCell>
    </TableRow>
  );
}
