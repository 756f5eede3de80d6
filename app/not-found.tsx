import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Page not found" };

export default function NotFound() {
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
