query "articles/{id}/view" verb=POST {
  input {
    int id
  }

  stack {
    db.get article {
      field_name = "id"
      field_value = $input.id
    } as $article

    precondition ($article != null) {
      error_type = "notfound"
      error = "Not found"
    }

    db.edit article {
      field_name = "id"
      field_value = $input.id
      data = {views: $article.views + 1}
    } as $article
  }

  response = {views: $article.views}
}
