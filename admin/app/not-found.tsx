import Link from 'next/link';

export default function NotFound() {
  return (
    <main className="mx-auto mt-10 max-w-md px-3">
      <h1 className="mb-2 text-2xl font-semibold">Page not found</h1>
      <p>
        <Link className="text-indigo-800 underline" href="/">
          Go to the dashboard
        </Link>
      </p>
    </main>
  );
}
