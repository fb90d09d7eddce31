table post {
  schema {
    int id
    timestamp created_at?=now
    text title filters=trim
    text body?
    enum status?="draft" {
      values = ["draft", "live"]
    }
  }

  index = [
    {type: "primary", field: [{name: "id"}]}
    {type: "btree", field: [{name: "created_at", op: "desc"}]}
  ]
}
---
api_group posts {
  canonical = "posts"
}
---
query posts verb=GET {
  api_group = "posts"
  description = "List post records, created_at descending unless order=asc"

  input {
    int page?=1 filters=min:1
    int per_page?=20 filters=min:1|max:100
    enum order?="desc" {
      values = ["asc", "desc"]
    }
  }

  stack {
    conditional {
      if ($input.order == "asc") {
        db.query post {
          sort = {post.created_at: "asc"}
          return = {
            type  : "list"
            paging: {page: $input.page, per_page: $input.per_page, totals: true}
          }
        } as $items
      }

      else {
        db.query post {
          sort = {post.created_at: "desc"}
          return = {
            type  : "list"
            paging: {page: $input.page, per_page: $input.per_page, totals: true}
          }
        } as $items
      }
    }
  }

  response = $items
}
---
query "posts/{post_id}" verb=GET {
  api_group = "posts"
  description = "Get one post"

  input {
    int post_id filters=min:1
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
  }

  response = $post
}
---
query posts verb=POST {
  api_group = "posts"
  description = "Create a post"

  input {
    text title filters=trim
    text body?
    enum status?="draft" {
      values = ["draft", "live"]
    }
  }

  stack {
    db.add post {
      data = {title: $input.title, body: $input.body, status: $input.status}
    } as $post
  }

  response = $post
}
---
query "posts/{post_id}" verb=PATCH {
  api_group = "posts"
  description = "Update a post; omitted fields stay as they are"

  input {
    int post_id filters=min:1
    text title? filters=trim
    text body?
    enum status? {
      values = ["draft", "live"]
    }
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

    var $changes {
      value = {}
    }

    conditional {
      if ($input.title != null) {
        var.update $changes {
          value = $changes|set:"title":$input.title
        }
      }
    }

    conditional {
      if ($input.body != null) {
        var.update $changes {
          value = $changes|set:"body":$input.body
        }
      }
    }

    conditional {
      if ($input.status != null) {
        var.update $changes {
          value = $changes|set:"status":$input.status
        }
      }
    }

    db.patch post {
      field_name = "id"
      field_value = $input.post_id
      data = $changes
    } as $updated
  }

  response = $updated
}
---
query "posts/{post_id}" verb=DELETE {
  api_group = "posts"
  description = "Delete a post"

  input {
    int post_id filters=min:1
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

    db.del post {
      field_name = "id"
      field_value = $input.post_id
    }
  }

  response = {success: true}
}
