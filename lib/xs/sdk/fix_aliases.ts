/**
 * Names AI uses for SDK methods and types, mapped to the real ones.
 *
 * @module
 */

function table(groups: Readonly<Record<string, readonly string[]>>): ReadonlyMap<string, string> {
  const map = new Map<string, string>();
  for (const [target, aliases] of Object.entries(groups)) {
    for (const a of aliases) map.set(a, target);
  }
  return map;
}

/** Method aliases on endpoint, function and task builders. */
export const LOGIC_METHOD_ALIASES: ReadonlyMap<string, string> = table({
  requiresAuth: [
    "auth",
    "requireAuth",
    "requiresAuthentication",
    "authenticated",
    "withAuth",
    "setAuth",
    "authenticate",
    "authRequired",
    "protected",
  ],
  dbGet: [
    "dbFind",
    "dbGetOne",
    "dbFindOne",
    "dbFirst",
    "dbGetRecord",
    "dbRead",
    "dbSelectOne",
    "dbFindById",
    "dbGetById",
  ],
  dbAdd: ["dbInsert", "dbCreate", "dbAddRecord", "dbSave", "dbInsertOne", "dbCreateRecord"],
  dbEdit: ["dbUpdate", "dbModify", "dbUpdateRecord", "dbUpdateOne", "dbSet"],
  dbPatch: ["dbPartialUpdate"],
  dbDelete: ["dbRemove", "dbDel", "dbDestroy", "dbDeleteRecord", "dbDeleteOne"],
  dbAddOrEdit: ["dbUpsert", "dbAddOrUpdate", "dbCreateOrUpdate", "dbInsertOrUpdate"],
  dbQuery: [
    "dbSelect",
    "dbList",
    "dbFindMany",
    "dbGetAll",
    "dbQueryAll",
    "dbFindAll",
    "dbSearch",
    "dbListRecords",
    "dbFilter",
    "dbGetMany",
  ],
  dbHas: ["dbExists", "dbHasRecord", "dbContains"],
  dbBulkAdd: ["dbBulkInsert", "dbBulkCreate", "dbInsertMany", "dbAddMany"],
  dbBulkDelete: ["dbDeleteMany", "dbBulkRemove"],
  conditional: ["if", "when", "ifCondition", "condition", "cond", "If"],
  elseIf: ["elseif", "elif", "orElseIf", "else_if", "ElseIf", "elsif"],
  else: ["otherwise", "elseBlock", "orElse", "Else"],
  endConditional: ["endIf", "endif", "end", "endCond", "endCondition", "done", "endConditionals"],
  response: [
    "returns",
    "respond",
    "output",
    "setResponse",
    "responseBody",
    "respondWith",
    "send",
    "json",
    "res",
    "result",
  ],
  input: ["addInput", "param", "arg", "parameter", "inputField", "addParam", "withInput"],
  var: [
    "setVar",
    "variable",
    "let",
    "declare",
    "createVar",
    "varSet",
    "setVariable",
    "assign",
    "const",
    "defineVar",
  ],
  varUpdate: ["updateVar", "setVarValue", "updateVariable", "varSetValue", "reassign", "mutate"],
  apiRequest: [
    "callApi",
    "httpRequest",
    "request",
    "fetch",
    "apiCall",
    "externalRequest",
    "http",
    "externalApi",
    "apiGet",
    "apiPost",
    "httpGet",
    "httpPost",
    "makeRequest",
    "externalApiRequest",
  ],
  callFunction: ["runFunction", "functionRun", "call", "callFn", "invoke", "run", "fn", "function"],
  debugLog: ["log", "debug", "logDebug", "consoleLog", "print", "trace"],
  throwError: ["throw", "error", "raise", "throwErr", "fail", "abort"],
  verifyPassword: [
    "checkPassword",
    "comparePassword",
    "verifyPasswordHash",
    "passwordVerify",
    "validatePassword",
  ],
  createAuthToken: [
    "createToken",
    "generateAuthToken",
    "authToken",
    "generateToken",
    "createJwt",
    "issueToken",
    "signToken",
  ],
  precondition: ["validate", "assert", "require", "check", "guard", "ensure", "requires", "expect"],
  description: ["describe", "desc", "setDescription", "summary", "doc", "docs"],
  tags: ["tag", "setTags", "withTags"],
  apiGroup: ["group", "setApiGroup", "api_group", "inGroup", "withApiGroup"],
  forEach: ["foreach", "each", "loop", "forEachItem", "map", "for", "iterate", "forEachLoop"],
  endForEach: ["endForeach", "endLoop", "endEach", "endFor", "endForLoop"],
  while: ["whileLoop", "loopWhile"],
  endWhile: ["endwhile", "endWhileLoop"],
  return: ["returnValue", "earlyReturn", "stop"],
  lambda: ["jsLambda", "apiLambda", "runLambda", "js", "javascript", "runJs", "code"],
  schedule: ["schedules", "cron", "setSchedule", "every", "runEvery"],
});

/** Method aliases on table builders. */
export const TABLE_METHOD_ALIASES: ReadonlyMap<string, string> = table({
  field: ["addField", "column", "addColumn", "col", "schema", "attribute"],
  index: ["addIndex", "withIndex"],
  auth: ["requiresAuth", "authTable", "enableAuth", "setAuth", "isAuth"],
  description: ["describe", "desc"],
});

/** Method aliases on API group builders. */
export const GROUP_METHOD_ALIASES: ReadonlyMap<string, string> = table({
  canonical: ["setCanonical", "slug", "path"],
  description: ["describe", "desc"],
  tags: ["tag"],
});

/** Type names AI writes, mapped to XanoScript types (`number` depends on the default). */
export const TYPE_ALIASES: ReadonlyMap<string, string> = table({
  text: ["string", "str", "varchar", "char", "String", "Text", "longtext", "textarea"],
  int: ["integer", "Integer", "Int", "bigint", "long", "smallint", "serial"],
  decimal: ["float", "double", "Float", "Number", "real", "numeric", "money", "currency"],
  bool: ["boolean", "Boolean", "Bool"],
  timestamp: ["datetime", "DateTime", "Date", "Timestamp", "time"],
  json: ["array", "list", "Array", "dict", "map", "any", "JSON", "Json"],
  object: ["Object", "record"],
  email: ["Email"],
  password: ["Password"],
  uuid: ["UUID", "guid"],
});

/** `precondition` kinds AI writes, mapped to XanoScript error types. */
export const PRECONDITION_ALIASES: ReadonlyMap<string, string> = table({
  notfound: ["not_found", "notFound", "not-found", "NotFound", "NOT_FOUND", "missing"],
  accessdenied: [
    "unauthorized",
    "forbidden",
    "access_denied",
    "accessDenied",
    "denied",
    "auth",
    "unauthenticated",
    "Unauthorized",
    "Forbidden",
    "401",
    "403",
  ],
  inputerror: [
    "badRequest",
    "bad_request",
    "validation",
    "input_error",
    "inputError",
    "invalid",
    "BadRequest",
    "400",
    "422",
    "validation_error",
  ],
  standard: ["error", "server", "internal", "server_error", "500"],
});

/** Keys of `.dbQuery()` options AI writes, mapped to the SDK's. */
export const DB_QUERY_KEY_ALIASES: ReadonlyMap<string, string> = table({
  where: ["filter", "filters", "conditions", "query", "search", "whereClause"],
  perPage: ["per_page", "perpage", "limit", "pageSize", "page_size", "size", "itemsPerPage"],
  sort: ["orderBy", "order_by", "order", "sortBy", "sort_by"],
  output: ["fields", "select", "columns", "attributes"],
  return: ["type", "returnType", "return_type", "mode"],
  totals: ["includeTotal", "include_total", "count", "total", "withTotal"],
});

/** Keys of `.input()` options AI writes. */
export const INPUT_KEY_ALIASES: ReadonlyMap<string, string> = table({
  default: ["defaultValue", "default_value", "defaultTo"],
  filters: ["validators", "filter", "validation", "validate"],
  values: ["enum", "options", "choices", "enumValues"],
  description: ["desc", "help", "label"],
  table: ["ref", "references", "foreignKey", "foreign_key", "relation"],
  required: ["isRequired"],
});

/** Keys of `.apiRequest()` options AI writes. */
export const API_REQUEST_KEY_ALIASES: ReadonlyMap<string, string> = table({
  body: ["data", "json", "params", "payload"],
  query: ["queryParams", "query_params", "searchParams", "qs"],
  timeout: ["timeoutSeconds", "timeout_seconds"],
});
