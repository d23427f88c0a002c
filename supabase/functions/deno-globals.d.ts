/**
 * The part of Deno's global object the functions use, for the repository's
 * TypeScript check (tsconfig.test.json). Deno itself never reads this file:
 * it has its own definitions.
 */
declare namespace Deno {
  function serve(handler: (request: Request) => Response | Promise<Response>): unknown;
  function serve(
    options: { port: number; hostname: string; onListen?: (address: { port: number }) => void },
    handler: (request: Request) => Response | Promise<Response>,
  ): unknown;
  const args: string[];
  namespace env {
    function toObject(): Record<string, string>;
  }
}
