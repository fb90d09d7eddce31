/**
 * The column types of Xano's Metadata API (`POST …/schema/type/{type}`), shared by
 * the client and the local sandbox so the two never disagree.
 *
 * @module
 */

/** Xano's field types accepted by `POST …/schema/type/{type}`. */
export const FIELD_TYPES = [
  "text",
  "int",
  "decimal",
  "bool",
  "timestamp",
  "date",
  "email",
  "password",
  "enum",
  "json",
  "object",
  "uuid",
  "vector",
  "image",
  "video",
  "audio",
  "attachment",
  "tableref",
  "tablerefuuid",
  "geo_point",
  "geo_linestring",
  "geo_polygon",
  "geo_multipoint",
  "geo_multilinestring",
  "geo_multipolygon",
] as const;

/** One of {@link FIELD_TYPES}. */
export type FieldType = typeof FIELD_TYPES[number];
