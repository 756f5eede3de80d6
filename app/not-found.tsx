import type { Metadata } from "next";
import Link from "next/link";
import { notUnderstoodPath, WizardNotFoundView } from "@/app/_components/wizard/not-found-view";
import { DIAGNOSE_BASE } from "@/machines/paths";

interface NotFoundProps {
  /**
   * Only present when Next renders this file as the page of its /_not-found route; proxy.ts
   * sends a /diagnose path that is not a permalink there, so the 404 is rendered in full on the
   * server (notFound() alone would leave it to JavaScript).
   */
  searchParams?: Promise<Record<string, string | string[] | undefined>>;
}

export const metadata: Metadata = { title: "Page not found" };

export default async function NotFound({ searchParams }: NotFoundProps) {
  const wizardPath = await notUnderstoodPath(searchParams);
  if (wizardPath) return <WizardNotFoundView base={DIAGNOSE_BASE} pathname={wizardPath} />;
  return (
    <div className="space-y-4">
      <h1 className="text-3xl font-bold tracking-tight">Page not found</h1>
      <p>
        There is nothing at this address. If you followed a saved link to a diagnosis, it may come
        from an older version of the wizard.
      </p>
      <p className="flex flex-wrap gap-x-6 gap-y-2">
        <Link href="/" className="font-medium underline">
          Go to the home page
        </Link>
        <Link href="/diagnose" className="font-medium underline">
          Start a new diagnosis
        </Link>
      </p>
    </div>
  );
}
