/**
 * The catalogue of stored event types: what an auditor reads in docs/audit.md. A unit test checks
 * the documentation against it, and each context's entries against its event union.
 */
export interface CatalogueField {
  name: string;
  type: string;
  description: string;
}

export interface CatalogueEntry {
  type: string;
  /** The bounded context that writes it. */
  context: string;
  /** The stream the event is written to, with `<id>` placeholders. */
  stream: string;
  /** The current shape's version (events' `schema_version`); older ones are upcast on read. */
  schemaVersion: number;
  description: string;
  fields: CatalogueField[];
}
