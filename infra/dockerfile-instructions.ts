import { readFileSync } from 'node:fs';
import { DockerfileParser, type Instruction } from 'dockerfile-ast';

/** infra/Dockerfile as text and as parsed instructions per stage (tests only). */
export const DOCKERFILE = readFileSync(new URL('Dockerfile', import.meta.url), 'utf8');

/** Instructions grouped by stage, each starting with its FROM. */
export const stages = DockerfileParser.parse(DOCKERFILE)
  .getInstructions()
  .reduce<Instruction[][]>((all, instruction) => {
    if (instruction.getKeyword() === 'FROM') all.push([]);
    all.at(-1)?.push(instruction);
    return all;
  }, []);

export const of = (stage: readonly Instruction[], keyword: string) => stage.filter((i) => i.getKeyword() === keyword);
export const args = (instruction: Instruction | undefined) =>
  instruction?.getArguments().map((a) => a.getValue()) ?? [];
export const jsonArgs = (instruction: Instruction | undefined) =>
  JSON.parse(instruction?.getArgumentsContent() ?? '[]') as string[];

/** The final stage's HEALTHCHECK command (exec form). */
export function healthcheckCommand(): string[] {
  const healthcheck = of(stages.at(-1) ?? [], 'HEALTHCHECK')[0]?.getArgumentsContent() ?? '';
  return JSON.parse(healthcheck.slice(healthcheck.indexOf('CMD') + 3).trim()) as string[];
}
