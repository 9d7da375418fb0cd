import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { GitError } from './gitRepository';

/** An error GitHub would answer with: `{ message, documentation_url, status }`. */
export class GithubApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors?: Array<Record<string, string>>,
  ) {
    super(message);
    this.name = 'GithubApiError';
  }
}

export const notFound = () => new GithubApiError(404, 'Not Found');

/** Lets async route handlers throw; express 4 does not catch rejected promises. */
export function handle(
  fn: (req: Request, res: Response) => Promise<unknown> | unknown,
): RequestHandler {
  return (req, res, next) => {
    Promise.resolve()
      .then(() => fn(req, res))
      .catch(next);
  };
}

export function errorHandler(
  error: unknown,
  _req: Request,
  res: Response,
  _next: NextFunction,
) {
  let status = 500;
  let message = String(error);
  let errors: GithubApiError['errors'];
  if (error instanceof GithubApiError) {
    ({ status, message, errors } = error);
  } else if (error instanceof GitError) {
    status = error.kind === 'not-found' ? 404 : 422;
    message = error.kind === 'not-found' ? 'Not Found' : error.message;
  }
  res.status(status).json({
    message,
    ...(errors ? { errors } : {}),
    documentation_url: 'https://docs.github.com/rest',
    status: String(status),
  });
}
