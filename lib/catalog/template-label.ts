const imageSuffix = /[-_](cloud-?init|cloud|template|tmpl)$/i;

/**
 * The label an admin starts from when approving a template, from its Proxmox name, which cannot hold
 * spaces: "ubuntu-24-04-cloud" reads "Ubuntu 24.04". Numbers in a row are a version; words written in
 * lower case get a capital, others stay as written ("RHEL", "LTS").
 */
export function suggestedTemplateLabel(name: string): string {
  const words: string[] = [];
  for (const word of name
    .replace(imageSuffix, "")
    .split(/[-_\s]+/)
    .filter(Boolean)) {
    const previous = words.at(-1);
    if (/^\d+$/.test(word) && previous && /^\d+(\.\d+)*$/.test(previous)) {
      words[words.length - 1] = `${previous}.${word}`;
    } else {
      words.push(
        /^[a-z]/.test(word) && word === word.toLowerCase() ? word[0]!.toUpperCase() + word.slice(1) : word,
      );
    }
  }
  return words.join(" ") || name;
}
