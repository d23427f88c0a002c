/**
 * Cuts a unified diff to a size an LLM can take in, keeping whole files where
 * it can, and says what was left out so the model can ask for it another way.
 */

/** How many left-out file names the note lists before summarizing the rest. */
const MAX_LISTED_FILES = 30;

/** The file a `diff --git a/x b/y` section changes (its new path). */
function fileOf(section: string): string {
  const header = /^diff --git a\/(.*?) b\/(.*)$/m.exec(section);
  return header?.[2] ?? header?.[1] ?? '(unknown file)';
}

/** Splits a diff into one section per file; text before the first header stays with the first section. */
export function splitDiff(diff: string): string[] {
  const starts = [...diff.matchAll(/^diff --git /gm)].map((match) => match.index ?? 0);
  if (starts.length === 0) return diff === '' ? [] : [diff];
  starts[0] = 0;
  return starts.map((start, i) => diff.slice(start, starts[i + 1] ?? diff.length));
}

/** Cuts `text` at the last line end at or before `max` characters (or at `max` when one line is longer). */
function cutAtLine(text: string, max: number): string {
  const cut = text.slice(0, max);
  const lastNewline = cut.lastIndexOf('\n');
  return lastNewline > 0 ? cut.slice(0, lastNewline + 1) : cut;
}

/**
 * Returns the diff unchanged when it fits in `maxChars`; otherwise the whole
 * files that fit (or the first file cut at a line end), followed by a note
 * naming the files left out.
 */
export function truncateDiff(diff: string, maxChars: number): string {
  if (diff.length <= maxChars) return diff;
  const sections = splitDiff(diff);
  let kept = '';
  let keptFiles = 0;
  for (const section of sections) {
    if (kept.length + section.length > maxChars) break;
    kept += section;
    keptFiles += 1;
  }
  let partial: string | undefined;
  if (keptFiles === 0) {
    kept = cutAtLine(diff, maxChars);
    partial = fileOf(sections[0] ?? diff);
  }
  const omitted = sections.slice(keptFiles).map(fileOf);
  const listed = omitted.slice(0, MAX_LISTED_FILES).join(', ');
  const more = omitted.length > MAX_LISTED_FILES ? ` and ${omitted.length - MAX_LISTED_FILES} more` : '';
  const partialNote = partial ? ` ${partial} is cut short.` : '';
  return (
    `${kept}${kept.endsWith('\n') ? '' : '\n'}` +
    `[Diff truncated: showing ${kept.length} of ${diff.length} characters, ${keptFiles} of ${sections.length} files in full.${partialNote} ` +
    `Not shown: ${listed}${more}. Read single files with get_file_contents (ref = the head branch), or ask for a larger max_chars.]`
  );
}
