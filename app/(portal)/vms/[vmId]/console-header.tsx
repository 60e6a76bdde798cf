import Link from "next/link";

const link = "text-sm text-muted-foreground hover:underline";

/** The two console pages' header: back to the VM, the page's name, and the other kind of console. */
export function ConsoleHeader({
  vm,
  title,
  other,
}: {
  vm: { id: string; name: string };
  title: string;
  other: { href: string; label: string };
}) {
  return (
    <div className="flex items-center gap-3">
      <Link href={`/vms/${vm.id}`} className={link}>
        ← {vm.name}
      </Link>
      <h1 className="text-lg font-semibold">{title}</h1>
      <Link href={other.href} className={`ms-auto ${link}`}>
        {other.label}
      </Link>
    </div>
  );
}
