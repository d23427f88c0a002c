import { randomUUID } from 'node:crypto';

/**
 * Thrown by the dispatcher when a call needs a service the user has not
 * connected and the client can open a URL for the user. The server layer
 * turns it into the protocol's way of asking, which depends on the era.
 */
export class ConnectRequired extends Error {
  readonly elicitationId = randomUUID();

  constructor(
    readonly url: string,
    message: string,
  ) {
    super(message);
    this.name = 'ConnectRequired';
  }
}
