/**
 * A problem with the user's input or request. The CLI prints its message
 * without a stack trace and exits non-zero; anything else is a bug.
 */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'UserError';
  }
}
