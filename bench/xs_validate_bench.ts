/**
 * Validator benchmarks: a typical endpoint and a large (~300 KB) function.
 * Run with `deno task bench`.
 */

import {
  fixXanoScript,
  parseXanoScript,
  printXanoScript,
  validateXanoScript,
} from "../lib/xs/mod.ts";

const ENDPOINT = `// PATCH /posts/{post_id}: edit a post the caller owns
query "posts/{post_id}" verb=PATCH {
  api_group = "posts"
  auth = "user"

  input {
    int post_id filters=min:1
    text title? filters=trim
    text body?
    text[] tags?
  }

  stack {
    db.get post {
      field_name = "id"
      field_value = $input.post_id
    } as $post

    precondition ($post != null) {
      error_type = "notfound"
      error = "Post not found"
    }

    precondition ($post.user_id == $auth.id) {
      error_type = "accessdenied"
      error = "Not your post"
    }

    var $updates {
      value = {}
    }

    conditional {
      if ($input.title != null) {
        var.update $updates {
          value = $updates|set:"title":$input.title
        }
      }
      elseif ($input.body != null) {
        var.update $updates {
          value = $updates|set:"body":$input.body
        }
      }
      else {
        debug.log {
          value = "nothing to update"
        }
      }
    }

    db.patch post {
      field_name = "id"
      field_value = $input.post_id
      data = $updates
    } as $updated
  }

  response = $updated
}`;

function largeFunction(statements: number): string {
  const body: string[] = [];
  for (let k = 0; k < statements; k++) {
    body.push(
      `    var $v${k} {\n      value = ($input.items|count) + ${k} ~ "x"|to_upper\n    }`,
      `    db.query item {\n      where = $db.item.id == $v${k} && $db.item.tags contains "a"\n` +
        `      return = {type: "list", paging: {page: 1, per_page: 25}}\n    } as $q${k}`,
    );
  }
  return `function big {\n  input {\n    json[] items\n  }\n  stack {\n${
    body.join("\n")
  }\n  }\n  response = null\n}`;
}

const LARGE = largeFunction(1200);
const BROKEN = ENDPOINT.replace("elseif", "else if").replace("var $updates", "var updates");
const PARSED = parseXanoScript(ENDPOINT).document;

Deno.bench("validate: typical endpoint (1.3 KB)", { group: "validate", baseline: true }, () => {
  validateXanoScript(ENDPOINT);
});

Deno.bench(`validate: large function (${(LARGE.length / 1024).toFixed(0)} KB)`, {
  group: "validate",
}, () => {
  validateXanoScript(LARGE);
});

Deno.bench("print: typical endpoint", () => {
  printXanoScript(PARSED);
});

Deno.bench("fix: typical endpoint with two folk mistakes", () => {
  fixXanoScript(BROKEN);
});
