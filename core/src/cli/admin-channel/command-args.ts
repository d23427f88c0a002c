import type { z } from 'zod';
import { fieldName } from '../../http/api/define-route.js';

/** A refused argument, worded like the API's 400: `token create: user: expected string`. */
export function argsError(command: string, error: z.ZodError): string {
  const issues = error.issues.map((issue) => {
    const field = fieldName(issue.path);
    return field ? `${field}: ${issue.message}` : issue.message;
  });
  return `${command}: ${issues.join('; ')}`;
}
