/** A field's type, linked to the schema it names. */
export function TypeName({ type, refersTo }: { type: string; refersTo: string | null }) {
  const text = <code className="font-mono text-xs">{type}</code>;
  return refersTo ? (
    <a href={`#schema-${refersTo}`} className="underline underline-offset-2">
      {text}
    </a>
  ) : (
    text
  );
}
