/** One line of a `batch` call's JSONL. */
export interface BatchCommand {
  id: string;
  module: string;
  tool: string;
  params: Record<string, unknown>;
  /** Ids this command waits for (plus any id its params reference). */
  after: string[];
  /** Return this command's result. */
  output: boolean;
  /** 1-based line number in the JSONL, for error messages. */
  line: number;
}
