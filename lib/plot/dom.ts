import { JSDOM } from "jsdom";

let shared: Document | undefined;

/** A shared jsdom document for rendering Plot figures in Node. */
export function plotDocument(): Document {
  if (!shared) shared = new JSDOM("<!DOCTYPE html><html><body></body></html>").window.document as unknown as Document;
  return shared;
}
