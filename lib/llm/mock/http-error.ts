/** An error answered to the client in OpenAI's error shape `{error: {message, type, code}}`. */
export class HttpError extends Error {
  readonly status: number;
  readonly type: string;
  readonly code: string | null;
  readonly param: string | null;
  readonly headers?: Record<string, string>;

  constructor(status: number, message: string, type = "invalid_request_error", code: string | null = null, param: string | null = null, headers?: Record<string, string>) {
    super(message);
    this.name = "HttpError";
    this.status = status;
    this.type = type;
    this.code = code;
    this.param = param;
    this.headers = headers;
  }
}

/** OpenAI's error body. */
export function errorBody(message: string, type: string, code: string | null, param: string | null = null): { error: { message: string; type: string; param: string | null; code: string | null } } {
  return { error: { message, type, param, code } };
}
