/** Page title with a one-line description under it. */
export function PageHeader({ title, description }: { title: string; description: string }) {
  return (
    <div>
      <h1 className="text-xl font-semibold tracking-tight">{title}</h1>
      <p className="text-sm text-muted">{description}</p>
    </div>
  );
}
