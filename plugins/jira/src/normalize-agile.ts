import { z } from '@mcpist/plugin-sdk';
import { isoTime } from './normalize.js';

/** Normalized records of Jira Software (DESIGN §3): boards and sprints, flat. */

/** One board, as list_boards returns it. */
export const boardRecord = z.object({
  id: z.number().describe('Board id; get_active_sprint takes it as board_id'),
  name: z.string(),
  type: z.string().nullable().describe('scrum, kanban or simple; only scrum boards have sprints'),
  project_key: z.string().nullable().describe('Key of the project the board belongs to, when it has one'),
});

/** One active sprint (its state goes without saying). */
export const sprintRecord = z.object({
  id: z.number().describe('Sprint id; list_sprint_issues takes it as sprint_id'),
  name: z.string(),
  start: z.string().nullable().describe('ISO 8601 start time'),
  end: z.string().nullable().describe('ISO 8601 planned end time'),
  goal: z.string().nullable(),
});

export type BoardRecord = z.output<typeof boardRecord>;
export type SprintRecord = z.output<typeof sprintRecord>;

/** The parts of Jira Software's board object we read. */
export interface AgileBoard {
  id?: number;
  name?: string;
  type?: string;
  location?: { projectKey?: string };
}

/** The parts of Jira Software's sprint object we read. */
export interface AgileSprint {
  id?: number;
  name?: string;
  startDate?: unknown;
  endDate?: unknown;
  goal?: string;
}

export function toBoardRecord(board: AgileBoard): BoardRecord {
  return {
    id: board.id ?? 0,
    name: board.name ?? '',
    type: board.type ?? null,
    project_key: board.location?.projectKey ?? null,
  };
}

export function toSprintRecord(sprint: AgileSprint): SprintRecord {
  return {
    id: sprint.id ?? 0,
    name: sprint.name ?? '',
    start: isoTime(sprint.startDate),
    end: isoTime(sprint.endDate),
    goal: sprint.goal ? sprint.goal : null,
  };
}
