// One response path for everything the sandbox sends. SCIMMY's routers, the core and the quirk layer all end in
// res.json/res.send; this pipeline catches those calls and runs the registered rewriters, innermost first, so an
// outer layer (a quirk) always sees - and may reshape - what an inner layer (the RFC core) produced.
import type { NextFunction, Request, Response } from 'express';

export const SCIM_CONTENT_TYPE = 'application/scim+json; charset=utf-8';
export const ERROR_URN = 'urn:ietf:params:scim:api:messages:2.0:Error';
export const LIST_URN = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

export interface OutgoingResponse {
  status: number;
  /** JSON body, or undefined for none (204, 304). */
  body: unknown;
  /** Sent verbatim instead of JSON when set (text/plain errors, HTML gateway pages). */
  raw?: { contentType: string; text: string };
}

export type ResponseRewriter = (out: OutgoingResponse, req: Request, res: Response) => OutgoingResponse | void;

interface PipelineState {
  rewriters: ResponseRewriter[];
  textRewrite?: (text: string) => string;
}

const states = new WeakMap<Response, PipelineState>();

function stateOf(res: Response): PipelineState {
  const s = states.get(res);
  if (!s) throw new Error('response pipeline not installed');
  return s;
}

/** Registers a rewriter for this response. Later registrations run first (they are closer to the core). */
export function onResponse(res: Response, rewriter: ResponseRewriter): void {
  stateOf(res).rewriters.push(rewriter);
}

/** A textual rewrite applied to the serialised JSON before rewriters see it (the base-URL substitution). */
export function setTextRewrite(res: Response, rewrite: (text: string) => string): void {
  stateOf(res).textRewrite = rewrite;
}

export function installResponsePipeline(req: Request, res: Response, next: NextFunction): void {
  const state: PipelineState = { rewriters: [] };
  states.set(res, state);
  const originalSend = res.send.bind(res);
  let finishing = false;

  const finish = (payload: unknown): Response => {
    finishing = true;
    let body: unknown = payload;
    if (payload !== undefined && payload !== null) {
      let text = JSON.stringify(payload);
      if (state.textRewrite) text = state.textRewrite(text);
      body = JSON.parse(text) as unknown;
    } else {
      body = undefined;
    }
    let out: OutgoingResponse = { status: res.statusCode, body };
    for (let i = state.rewriters.length - 1; i >= 0; i--) {
      const rewriter = state.rewriters[i] as ResponseRewriter;
      out = rewriter(out, req, res) ?? out;
    }
    res.status(out.status);
    if (out.raw) {
      res.setHeader('Content-Type', out.raw.contentType);
      return originalSend(out.raw.text);
    }
    if (out.body === undefined || out.status === 204 || out.status === 304) {
      res.removeHeader('Content-Type');
      res.end();
      return res;
    }
    res.setHeader('Content-Type', SCIM_CONTENT_TYPE);
    return originalSend(JSON.stringify(out.body));
  };

  res.json = (payload: unknown) => (finishing ? originalSend(JSON.stringify(payload)) : finish(payload));
  res.send = (payload?: unknown) => {
    if (finishing) return originalSend(payload);
    if (payload === undefined || payload === null || (typeof payload === 'object' && !Buffer.isBuffer(payload))) {
      return finish(payload);
    }
    return originalSend(payload);
  };
  next();
}

export function errorBody(status: number, scimType: string | undefined, detail: string): Record<string, unknown> {
  return { schemas: [ERROR_URN], status: String(status), ...(scimType ? { scimType } : {}), detail };
}

/** Sends an RFC 7644 §3.12 error through the pipeline, so quirks can reshape it. */
export function sendError(res: Response, status: number, scimType: string | undefined, detail: string): void {
  res.status(status).json(errorBody(status, scimType, detail));
}

export function isErrorBody(body: unknown): body is Record<string, unknown> {
  const schemas = (body as { schemas?: unknown } | undefined)?.schemas;
  return Array.isArray(schemas) && schemas.includes(ERROR_URN);
}

export function isListBody(body: unknown): body is Record<string, unknown> & { Resources?: unknown[] } {
  const schemas = (body as { schemas?: unknown } | undefined)?.schemas;
  return Array.isArray(schemas) && schemas.includes(LIST_URN);
}
