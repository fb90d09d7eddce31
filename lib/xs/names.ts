/**
 * Names the official XanoScript parser 11.0.3 knows: column types, filters
 * (expression, query-side and input filters) and object kinds. Facts from
 * shared/docs/xanoscript-names.md.
 *
 * @module
 */

function words(text: string): ReadonlySet<string> {
  return new Set(text.split(/\s+/).filter((w) => w !== ""));
}

/** Column and input types (`int`, `text`, …). `file` is accepted in inputs only. */
export const FIELD_TYPES: ReadonlySet<string> = words(`
  int timestamp text uuid vector enum date bool decimal email password json file object image video
  audio attachment geo_point geo_multipoint geo_linestring geo_multilinestring geo_polygon
  geo_multipolygon dblink
`);

/** Type names AI often writes that XanoScript does not have, with the right spelling. */
export const TYPE_CORRECTIONS: Readonly<Record<string, string>> = {
  string: "text",
  str: "text",
  integer: "int",
  number: "decimal",
  float: "decimal",
  double: "decimal",
  boolean: "bool",
  datetime: "timestamp",
  array: "json",
};

/** Expression filters (`value|name:arg`). */
export const EXPRESSION_FILTERS: ReadonlySet<string> = words(`
  deg2rad rad2deg number_format sin asin asinh cos acos acosh tan atan atanh floor ceil round
  first last count range reverse unique safe_array flatten filter_empty filter_empty_text
  filter_null filter_empty_array filter_empty_object filter_zero filter_false sort shuffle diff
  diff_assoc intersect intersect_assoc merge merge_recursive index_by push pop unshift shift
  remove append prepend abs sqrt exp log log10 ln pow array_min min array_max max sum avg
  product equals not_equals greater_than greater_than_or_equal less_than less_than_or_equal odd
  even in add subtract multiply modulus divide bitwise_and bitwise_or bitwise_xor not
  bitwise_not is_null is_empty is_object is_array is_int is_decimal is_bool is_text addslashes
  escape list_encodings detect_encoding to_utf8 from_utf8 convert_encoding to_lower to_upper
  trim ltrim rtrim capitalize substr split join slice strlen strip_html unaccent index iindex
  starts_with istarts_with ends_with iends_with contains icontains set set_conditional
  set_ifnotempty set_ifnotnull first_notnull first_notempty unset transform get has fill
  fill_keys keys values entries to_expr to_text to_int to_decimal to_bool to_timestamp to_ms
  to_seconds to_minutes to_hours to_days create_object create_object_from_entries json_decode
  json_encode xml_decode csv_parse csv_decode csv_encode csv_create url_decode
  url_decode_rfc3986 url_encode url_encode_rfc3986 url_addarg url_delarg url_hasarg url_getarg
  url_parse querystring_parse yaml_decode yaml_encode hex2bin bin2hex dechex hexdec decbin
  bindec decoct octdec base_convert base64_decode base64_encode base64_decode_urlsafe
  base64_encode_urlsafe encrypt decrypt jws_encode jws_decode jwe_encode jwe_decode concat
  sprintf replace secureid_encode secureid_decode md5 sha1 sha256 sha384 sha512 hmac_md5
  hmac_sha1 hmac_sha256 hmac_sha384 hmac_sha512 create_uid uuid parse_timestamp
  format_timestamp transform_timestamp add_secs_to_timestamp add_ms_to_timestamp regex_matches
  regex_get_first_match regex_get_all_matches regex_quote regex_replace map filter some every
  find findIndex reduce pick unpick text_unescape text_escape sql_esc sql_alias is_uuid
`);

/** Filters allowed inside query expressions (`where`, `sort`, `eval` of `db.query`). */
export const QUERY_FILTERS: ReadonlySet<string> = words(`
  covers l1_distance_manhattan l2_distance_euclidean inner_product negative_inner_product
  cosine_distance cosine_similarity distance within between length floor ceil round to_lower
  to_upper concat substr coalesce unaccent add sub mul div search_rank timestamp_month
  timestamp_year timestamp_week timestamp_hour timestamp_minute timestamp_day_of_month
  timestamp_day_of_week timestamp_day_of_year timestamp_epoch_day timestamp_epoch_hour
  timestamp_epoch_minute timestamp_epoch_sec timestamp_add_seconds timestamp_subtract_seconds
  timestamp_add_minutes timestamp_subtract_minutes timestamp_add_hours timestamp_subtract_hours
  timestamp_add_days timestamp_subtract_days timestamp_add_months timestamp_subtract_months
  timestamp_add_years timestamp_subtract_years
`);

/** Input filters by field type; a type not listed here accepts any filter name. */
export const INPUT_FILTERS: Readonly<Record<string, ReadonlySet<string>>> = {
  text: words("trim min max startsWith prevent lower upper alphaOk digitOk ok pattern"),
  int: words("min max"),
  decimal: words("min max"),
  email: words("trim lower"),
  password: words("min max minAlpha minLowerAlpha minUpperAlpha minDigit minSymbol"),
  enum: words(""),
  file: words(""),
  json: words(""),
};

/** Operators allowed in any expression. */
export const OPERATORS: ReadonlySet<string> = words(
  "> >= < <= === == !== != + - * / % ?? && || ~",
);

/** Extra word operators allowed in query expressions (`where`, …), longest first. */
export const QUERY_WORD_OPERATORS: readonly string[] = [
  "not between",
  "not contains",
  "not ilike",
  "not includes",
  "not in",
  "not like",
  "not overlaps",
  "between",
  "contains",
  "ilike",
  "includes",
  "in",
  "like",
  "overlaps",
  "search",
];

/** Top-level object kinds; an unknown first word parses as `function`. */
export const OBJECT_KINDS: ReadonlySet<string> = words(`
  query function table task api_group addon middleware table_trigger workflow_test agent
  agent_trigger tool mcp_server mcp_server_trigger realtime_channel realtime_trigger workspace
  workspace_trigger branch
`);

/** HTTP verbs accepted in `query … verb=X`. */
export const VERBS: ReadonlySet<string> = words("GET POST PUT PATCH DELETE");

/** `$env.` members that are tokens of their own: they cannot stand alone or be assigned. */
export const ENV_VARIABLES: ReadonlySet<string> = words(`
  $remote_ip $tenant $remote_port $remote_user $http_headers $webflow $api_baseurl $request_uri
  $request_querystring $request_auth_token $datasource $branch $remote_passwd $remote_host
  $request_method
`);

/** Variables that cannot be declared or assigned (`var $input` fails). */
export const UNASSIGNABLE: ReadonlySet<string> = new Set([
  "$auth",
  "$env",
  "$error",
  "$input",
  "$var",
  ...ENV_VARIABLES,
]);

/**
 * Names AIs reach for that are plain renames of a real expression filter: the validator
 * suggests the real name and `fixXanoScript` substitutes it (each adds a few of its own).
 */
export const FOLK_FILTER_NAMES: Readonly<Record<string, string>> = {
  lower: "to_lower",
  lowercase: "to_lower",
  upper: "to_upper",
  uppercase: "to_upper",
  length: "strlen",
  len: "count",
  size: "count",
  tostring: "to_text",
  to_string: "to_text",
  string: "to_text",
  int: "to_int",
  to_number: "to_decimal",
  stringify: "json_encode",
};
