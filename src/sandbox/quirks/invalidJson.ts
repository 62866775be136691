// A body that is not JSON: RFC 7644 §3.12 answers 400 invalidSyntax; some services crash on it (500) and some
// swallow it (200 with nothing).
import type { Response } from 'express';
import type { AppRuntime } from '../appRuntime';
import { sendError } from '../http';

export function answerInvalidJson(app: AppRuntime, res: Response, detail: string): void {
  switch (app.quirks.invalidJsonStatus) {
    case 400:
      return sendError(res, 400, 'invalidSyntax', detail);
    case 500:
      return sendError(res, 500, undefined, 'Internal server error');
    case 200:
      res.status(200).send();
  }
}
